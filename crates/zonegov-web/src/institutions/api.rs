//! `/api/v1/institutions`: institutions as of a date, and one record's detail.

crate::records::api::record_api!(
    zonegov_domain::Institution,
    list = "/api/v1/institutions",
    "list_institutions",
    detail = "/api/v1/institutions/{code}",
    "institutions_detail",
    "institutions"
);

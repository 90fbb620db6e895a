//! `/api/v1/counterparts`: counterpart bodies as of a date, and one record's detail.

crate::records::api::record_api!(
    zonegov_domain::Counterpart,
    list = "/api/v1/counterparts",
    "list_counterparts",
    detail = "/api/v1/counterparts/{code}",
    "counterparts_detail",
    "counterpart bodies"
);

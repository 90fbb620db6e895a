//! `/api/v1/enterprises`: the register as of a date (scoped by park), and one enterprise.

crate::records::api::record_api!(
    zonegov_domain::enterprise::Enterprise,
    list = "/api/v1/enterprises",
    "list_enterprises",
    detail = "/api/v1/enterprises/{code}",
    "enterprises_detail",
    "enterprises"
);

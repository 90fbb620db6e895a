//! `/api/v1/parks`: parks as of a date, and one record's detail.

crate::records::api::record_api!(
    zonegov_domain::Park,
    list = "/api/v1/parks",
    "list_parks",
    detail = "/api/v1/parks/{code}",
    "parks_detail",
    "parks"
);

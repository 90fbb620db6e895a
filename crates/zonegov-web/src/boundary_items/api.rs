//! `/api/v1/boundary-items`: the duty-boundary list as of a date, and one item.

crate::records::api::record_api!(
    zonegov_domain::boundary::BoundaryItem,
    list = "/api/v1/boundary-items",
    "list_boundary_items",
    detail = "/api/v1/boundary-items/{code}",
    "boundary_items_detail",
    "duty-boundary items"
);

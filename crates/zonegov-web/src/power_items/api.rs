//! `/api/v1/power-items`: the list's items as of a date (scoped by implementing
//! body), and one item's versions.

crate::records::api::record_api!(
    zonegov_domain::PowerItem,
    list = "/api/v1/power-items",
    "list_power_items",
    detail = "/api/v1/power-items/{code}",
    "power_items_detail",
    "power and responsibility list items"
);

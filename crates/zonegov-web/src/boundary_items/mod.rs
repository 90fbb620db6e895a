//! The duty-boundary list (职责边界清单): the generic list, export, detail and API
//! of the `boundary_item` kind; the detail shows each step's lead and cooperating
//! parties and the list's lint for the item on the as-of day.

pub mod api;
pub mod pages;

use crate::records::list::{export_csv, list_page};
use crate::routes::{RouteDef, export, get};
use zonegov_domain::Record;
use zonegov_domain::boundary::BoundaryItem;

pub fn routes() -> Vec<RouteDef> {
    let p = BoundaryItem::PERMS;
    vec![
        get("/boundary-items", p.list, list_page::<BoundaryItem>),
        export(
            "/boundary-items/export.csv",
            p.export,
            export_csv::<BoundaryItem>,
        ),
        get("/boundary-items/{code}", p.view, pages::detail),
        get("/api/v1/boundary-items", p.list, api::list),
        get("/api/v1/boundary-items/{code}", p.view, api::detail),
    ]
}

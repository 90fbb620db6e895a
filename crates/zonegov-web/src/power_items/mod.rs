//! The power and responsibility list on the web: import (template, upload with a dry
//! run, confirm) and export (xlsx and CSV, streamed).

pub mod export;
pub mod import;

use crate::routes::{RouteDef, export as export_route, get, post};
use zonegov_domain::Record;
use zonegov_domain::auth::permission::POWER_ITEM_IMPORT;
use zonegov_domain::power::PowerItem;

pub fn routes() -> Vec<RouteDef> {
    vec![
        get("/power-items/import", POWER_ITEM_IMPORT, import::form),
        post("/power-items/import", POWER_ITEM_IMPORT, import::upload),
        post(
            "/power-items/import/confirm",
            POWER_ITEM_IMPORT,
            import::confirm,
        ),
        export_route(
            "/power-items/import/template.xlsx",
            POWER_ITEM_IMPORT,
            export::template,
        ),
        export_route(
            "/power-items/export.xlsx",
            PowerItem::PERMS.export,
            export::xlsx,
        ),
        export_route(
            "/power-items/export.csv",
            PowerItem::PERMS.export,
            export::csv,
        ),
    ]
}

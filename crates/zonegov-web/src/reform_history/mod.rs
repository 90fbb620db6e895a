//! The reform timeline (`/reforms`): every change set that touched bodies or parks,
//! in date order, with what it did and its lineage; and one reform's lineage as a
//! Sankey chart (`/reforms/{change}/lineage`), drawn by `assets/app/lineage.js` from
//! `/api/v1/reforms/{change}/lineage`. Both read the history the user's scope shows.

pub mod api;
pub mod pages;

use crate::routes::{RouteDef, get};
use zonegov_domain::auth::permission::REFORM_VIEW;

pub fn routes() -> Vec<RouteDef> {
    vec![
        get("/reforms", REFORM_VIEW, pages::timeline),
        get("/reforms/{change}/lineage", REFORM_VIEW, pages::lineage),
        get("/api/v1/reforms", REFORM_VIEW, api::timeline),
        get(
            "/api/v1/reforms/{change}/lineage",
            REFORM_VIEW,
            api::lineage,
        ),
    ]
}

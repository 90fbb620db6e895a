//! 谁来管: the page and the API that answer who handles a matter at a place on a
//! day, and whether a body may act on it (照单履职). Both run
//! `zonegov_app::who`, as `zonegov who` does.

pub mod api;
pub mod pages;
mod query;

use crate::routes::{RouteDef, get};
use zonegov_domain::auth::permission::WHO_QUERY;

pub fn routes() -> Vec<RouteDef> {
    vec![
        get("/who", WHO_QUERY, pages::page),
        get("/api/v1/who", WHO_QUERY, api::who),
        get("/api/v1/who/duty", WHO_QUERY, api::duty),
    ]
}

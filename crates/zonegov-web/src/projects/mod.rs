//! Investment and talent, staff side: the pipeline (filters, stalled flag, charts by
//! stage, year, industry and park), the chain gap map, and talent with the
//! revolving quota. Each page reads the cached history on the page's date within
//! the user's data scope; the computations are the domain's (`project::pipeline`,
//! `project::chain`, `talent`, `quota`), so the report and the pages agree.

pub mod chains;
pub mod import;
pub mod pipeline;
mod records;
pub mod talent;

use crate::routes::{RouteDef, get, post};
use zonegov_domain::Record;
use zonegov_domain::project::{ChainNode, PROJECT_IMPORT, Project};
use zonegov_domain::quota::QuotaLoan;
use zonegov_domain::talent::Talent;

pub fn routes() -> Vec<RouteDef> {
    let mut routes = records::routes();
    routes.extend([
        get("/invest/pipeline", Project::PERMS.list, pipeline::page),
        get("/invest/chains", ChainNode::PERMS.list, chains::page),
        get("/talent", Talent::PERMS.list, talent::page),
        get("/talent/quota", QuotaLoan::PERMS.list, talent::quota),
        get("/invest/import", PROJECT_IMPORT, import::form),
        post("/invest/import", PROJECT_IMPORT, import::upload),
    ]);
    routes
}

/// One chart for `app.js`: categories on the x axis, one series per name.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Chart {
    pub categories: Vec<String>,
    pub names: Vec<String>,
    pub rows: Vec<Vec<f64>>,
    pub kind: &'static str,
}

/// 亿元 with two decimals, for charts and tables (display only; sums stay in yuan).
pub fn yi(a: zonegov_domain::project::Amount) -> f64 {
    (a.yuan() / 1_000_000) as f64 / 100.0
}

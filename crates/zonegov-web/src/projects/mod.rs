//! Investment and talent, staff side: the pipeline (filters, stalled flag, charts by
//! stage, year, industry and park), the chain gap map, and talent with the
//! revolving quota. Each page reads the cached history on the page's date within
//! the user's data scope; the computations are the domain's (`project::pipeline`,
//! `project::chain`, `talent`, `quota`), so the report and the pages agree.

pub mod api;
pub mod chains;
pub mod import;
pub mod pipeline;
mod records;
pub mod talent;

use crate::routes::{RouteDef, export, get, post};
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
        export(
            "/invest/pipeline.xlsx",
            Project::PERMS.export,
            pipeline::xlsx,
        ),
        export("/invest/chains.xlsx", ChainNode::PERMS.export, chains::xlsx),
        export("/talent.xlsx", Talent::PERMS.export, talent::xlsx),
        export(
            "/talent/quota.xlsx",
            QuotaLoan::PERMS.export,
            talent::quota_xlsx,
        ),
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

impl Chart {
    /// The chart's figures as a sheet: one row per category, one column per series.
    pub fn table(&self, sheet: &str, title: String, category: &str) -> zonegov_io::xlsx::Table {
        use zonegov_io::xlsx::Cell;
        zonegov_io::xlsx::Table {
            sheet: sheet.to_owned(),
            title,
            header: std::iter::once(category.to_owned())
                .chain(self.names.iter().cloned())
                .collect(),
            rows: self
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    std::iter::once(Cell::Text(c.clone()))
                        .chain(
                            self.rows.iter().map(|series| {
                                series.get(i).map_or(Cell::Blank, |v| Cell::Number(*v))
                            }),
                        )
                        .collect()
                })
                .collect(),
        }
    }
}

/// 亿元 with two decimals, for charts and tables (display only; sums stay in yuan).
pub fn yi(a: zonegov_domain::project::Amount) -> f64 {
    (a.yuan() / 1_000_000) as f64 / 100.0
}

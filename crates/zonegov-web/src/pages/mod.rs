//! Server-rendered admin pages. Each page reads as of `ctx.as_of`.

pub mod changes;
pub mod dashboard;
pub mod entity;
pub mod lists;
pub mod login;
pub mod monitor;
pub mod public;
pub mod system;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use askama::Template;
use axum::response::Html;
use zonegov_domain::{Provenance, Source, ZoneHistory};

/// Renders a template or turns the failure into a logged 500.
pub fn render(ctx: &Ctx, t: &impl Template) -> Result<Html<String>, PageError> {
    t.render()
        .map(Html)
        .map_err(|e| PageError::internal(ctx.ui, e))
}

pub async fn history(state: &AppState, ctx: &Ctx) -> Result<ZoneHistory, PageError> {
    zonegov_store::history(state.store.as_ref())
        .await
        .map_err(|e| PageError::internal(ctx.ui, e))?
        .ok_or_else(|| PageError::not_found(ctx.ui, ctx.ui.t("no_zone")))
}

pub fn zone_name(h: &ZoneHistory, ctx: &Ctx) -> String {
    h.zone.name.get(ctx.ui.lang).to_owned()
}

pub fn illustrative(p: &Provenance) -> bool {
    p.source == Source::Illustrative
}

/// "报道所述" / "示意数据" / "公开参考资料": how a record's source reads on a page.
pub fn source_label(ui: Ui, p: &Provenance) -> &'static str {
    match p.source {
        Source::Fact => ui.t("fact"),
        Source::Reference => ui.t("reference"),
        Source::Illustrative => ui.t("illustrative"),
    }
}

/// The fields the source states, in the page's words ("名称、存续"); empty when none
/// are listed. A `fact` record states all of them.
pub fn facts_text(ui: Ui, p: &Provenance) -> String {
    if p.source == Source::Fact {
        return ui.t("all_fields").to_owned();
    }
    let mut labels: Vec<&str> = Vec::new();
    for f in &p.facts {
        let key = match f.as_str() {
            "name_zh" => "name",
            "plates_zh" => "plates",
            "quota_administrative" | "quota_public_service" | "quota_headcount" => "quotas",
            "reason_zh" => "reason",
            "effective" | "date" => "valid_from",
            "change" => "change_set",
            "internal" => "internal_flag",
            "existence" | "kind" | "industries" | "streets" | "managing_body" | "boundary"
            | "category" | "parent" | "valid_from" | "valid_to" | "doc_no" | "relation"
            | "predecessor" | "successor" | "division" | "level" | "sort" => f.as_str(),
            _ => "field",
        };
        let label = ui.t(key);
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join(ui.lang.pick("、", ", "))
}

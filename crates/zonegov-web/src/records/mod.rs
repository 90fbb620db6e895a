//! What every record kind's pages and API share: reading the cached history, the
//! generic detail page and API detail, scoped lists and CSV exports. A kind's own
//! module (`parks`, `institutions`, `counterparts`, …) supplies only its fields.

pub mod api;
pub mod detail;
pub mod export;
pub mod list;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use std::sync::Arc;
use zonegov_domain::{Code, EntityKind, Provenance, Source, ZoneHistory};

pub async fn history(state: &AppState, ctx: &Ctx) -> Result<Arc<ZoneHistory>, PageError> {
    state
        .history()
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

/// The page of one record.
pub fn href(kind: EntityKind, code: &Code) -> String {
    let plural = zonegov_domain::kinds::spec(kind).map_or("", |s| s.plural);
    format!("/{plural}/{code}")
}

/// "发展改革局(统计局) N04": the name on the as-of day (else the last one) and code.
pub fn label(h: &ZoneHistory, kind: EntityKind, code: &Code, ctx: &Ctx) -> String {
    let name = h
        .kind(kind)
        .and_then(|t| t.label(code, ctx.as_of, ctx.ui.lang));
    format!("{} {code}", name.unwrap_or_default())
}

/// Just the name on the as-of day (else the last one), or the code when unknown:
/// what a list cell shows.
pub fn name_of(h: &ZoneHistory, kind: EntityKind, code: &Code, ctx: &Ctx) -> String {
    h.kind(kind)
        .and_then(|t| t.label(code, ctx.as_of, ctx.ui.lang))
        .unwrap_or_else(|| code.to_string())
}

pub fn parse_code(ctx: &Ctx, raw: &str) -> Result<Code, PageError> {
    Code::parse(raw).map_err(|e| PageError::not_found(ctx.ui, e.to_string()))
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
            | "predecessor" | "successor" | "division" | "level" | "sort" | "stat_code" => {
                f.as_str()
            }
            _ => "field",
        };
        let label = ui.t(key);
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join(ui.lang.pick("、", ", "))
}

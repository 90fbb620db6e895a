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

//! Server-rendered admin pages. Each page reads as of `ctx.as_of`.

pub mod changes;
pub mod dashboard;
pub mod entity;
pub mod lists;
pub mod login;
pub mod monitor;
pub mod paging;
pub mod public;
pub mod system;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use askama::Template;
use axum::response::Html;
use std::sync::Arc;
use zonegov_domain::{Provenance, Source, ZoneHistory};

/// Renders a template or turns the failure into a logged 500.
pub fn render(ctx: &Ctx, t: &impl Template) -> Result<Html<String>, PageError> {
    t.render()
        .map(Html)
        .map_err(|e| PageError::internal(ctx.ui, e))
}

pub async fn history(state: &AppState, ctx: &Ctx) -> Result<Arc<ZoneHistory>, PageError> {
    state
        .cache
        .snapshots
        .history(state.store.as_ref())
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

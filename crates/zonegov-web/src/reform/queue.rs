//! The work queue (`/reforms/queue`): every record an applied reform flagged, with
//! its reform and reason, and whether a later change has handled it.

use super::view::kind_label;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use askama::Template;
use axum::extract::State;
use axum::response::Html;

pub struct QueueRow {
    pub reform: String,
    pub doc_no: String,
    pub effective: String,
    pub kind: &'static str,
    pub code: String,
    pub name: String,
    pub reason: String,
    /// The change set that handled it; empty while it waits.
    pub handled_by: String,
}

#[derive(Template)]
#[template(path = "reform_queue.html")]
struct QueuePage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    rows: Vec<QueueRow>,
    open: usize,
}

pub async fn list(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let items = zonegov_app::reform_queue::queue(state.store.as_ref())
        .await
        .map_err(|e| PageError::internal(ctx.ui, e))?;
    let rows: Vec<QueueRow> = items
        .into_iter()
        .map(|i| QueueRow {
            reform: i.reform,
            doc_no: i.doc_no,
            effective: i.effective.to_string(),
            kind: kind_label(ctx.ui, i.kind),
            code: i.code.to_string(),
            name: i.name,
            reason: i.reason,
            handled_by: i.handled_by.map(|c| c.to_string()).unwrap_or_default(),
        })
        .collect();
    let page = QueuePage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "reform-new",
        zone_name: String::new(),
        open: rows.iter().filter(|r| r.handled_by.is_empty()).count(),
        rows,
    };
    render(&ctx, &page)
}

//! The one page a reform goes through: the upload form, then the preview with its
//! apply form (or every refusal), then what the apply wrote (or why it did not).
//! The wizard and the quick forms both end here, so a one-operation change is
//! previewed and applied exactly as an uploaded plan is.

use super::view::{PreviewView, preview_view, refusal_lines};
use crate::AppState;
use crate::ctx::Ctx;
use crate::i18n::Ui;
use crate::pages::render;
use crate::stash::Stash;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;
use std::time::Duration;
use zonegov_app::reform::{Applied, ReformError, Seen, preview};
use zonegov_domain::reform::Reform;

/// How long a preview waits for its apply.
const PENDING_MINUTES: u64 = 30;
/// Previews waiting at once (the oldest goes first).
const MAX_PENDING: usize = 32;

/// The plan and the versions the editor saw, kept on the server between preview
/// and apply: the token of a merge that moves hundreds of records is far longer
/// than a form field may be (`auth::field_limit`), and the plan with an outline
/// longer still, so the form carries only the random id of this.
pub struct Pending {
    pub reform: Reform,
    pub seen: Seen,
}

pub fn pending() -> &'static Stash<Pending> {
    static P: OnceLock<Stash<Pending>> = OnceLock::new();
    P.get_or_init(|| Stash::new(Duration::from_secs(PENDING_MINUTES * 60), MAX_PENDING))
}

/// A located problem of an uploaded file.
pub struct ProblemRow {
    pub place: String,
    pub field: String,
    pub value: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "reform_new.html")]
pub struct ReformPage {
    pub ui: Ui,
    pub ctx: Ctx,
    pub menu: &'static str,
    pub zone_name: String,
    pub error: String,
    pub problems: Vec<ProblemRow>,
    pub refusals: Vec<String>,
    pub preview: Option<PreviewView>,
    /// Set after a clean preview: what the apply form sends back.
    pub pending_id: String,
    pub applied: Option<Applied>,
}

pub fn page(ctx: &Ctx, status: StatusCode, fill: impl FnOnce(&mut ReformPage)) -> Response {
    let mut p = ReformPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "reform-new",
        zone_name: String::new(),
        error: String::new(),
        problems: Vec::new(),
        refusals: Vec::new(),
        preview: None,
        pending_id: String::new(),
        applied: None,
    };
    fill(&mut p);
    match render(ctx, &p) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The page for an error of the request itself (a bad field, an expired preview).
pub fn bad(ctx: &Ctx, message: String) -> Response {
    page(ctx, StatusCode::BAD_REQUEST, |p| p.error = message)
}

/// The preview of `reform`, kept for its apply; or every refusal, nothing kept.
pub async fn show_preview(ctx: &Ctx, state: &AppState, reform: Reform) -> Response {
    match preview(state.store.as_ref(), &reform, ctx.me_name()).await {
        Ok(p) => {
            let view = preview_view(ctx.ui, &reform, &p);
            let id = pending()
                .keep(
                    ctx.me_name(),
                    Pending {
                        reform,
                        seen: p.seen,
                    },
                )
                .unwrap_or_default();
            page(ctx, StatusCode::OK, |pg| {
                pg.preview = Some(view);
                pg.pending_id = id;
            })
        }
        Err(e) => refused(ctx, e),
    }
}

/// The page for an app refusal: each refusal listed, or the app's own message.
pub fn refused(ctx: &Ctx, e: ReformError) -> Response {
    match e {
        ReformError::Refused(r) => page(ctx, StatusCode::UNPROCESSABLE_ENTITY, |p| {
            p.error = ctx.ui.t("reform_refused").to_owned();
            p.refusals = refusal_lines(&r);
        }),
        ReformError::Forbidden(_) => page(ctx, StatusCode::FORBIDDEN, |p| {
            p.error = e.to_string();
        }),
        ReformError::Stale { .. } | ReformError::Store(zonegov_store::StoreError::Conflict(_)) => {
            page(ctx, StatusCode::CONFLICT, |p| p.error = e.to_string())
        }
        ReformError::NoZone => page(ctx, StatusCode::CONFLICT, |p| p.error = e.to_string()),
        ReformError::Store(e) => crate::error::PageError::internal(ctx.ui, e).into_response(),
    }
}

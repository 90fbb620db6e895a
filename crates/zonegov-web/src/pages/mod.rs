//! Server-rendered pages that are not a record kind's: sign-in, administration,
//! monitoring and the public portal (record kinds have modules of their own).

pub mod login;
pub mod monitor;
pub mod public;
pub mod system;
pub mod tokens;

use crate::ctx::Ctx;
use crate::error::PageError;
use askama::Template;
use axum::response::Html;

/// Renders a template or turns the failure into a logged 500.
pub fn render(ctx: &Ctx, t: &impl Template) -> Result<Html<String>, PageError> {
    t.render()
        .map(Html)
        .map_err(|e| PageError::internal(ctx.ui, e))
}

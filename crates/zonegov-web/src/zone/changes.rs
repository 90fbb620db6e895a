//! Compare two dates: what appeared, disappeared and changed, field by field.

use crate::AppState;
use crate::ctx::{Ctx, DATE_HINT, parse_day, query_param};
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::{history, zone_name};
use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Html;
use chrono::NaiveDate;
use zonegov_domain::diff::KindDiff;

#[derive(Template)]
#[template(path = "changes.html")]
struct ChangesPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    from: NaiveDate,
    to: NaiveDate,
    sections: Vec<(&'static str, KindDiff)>,
}

pub async fn page(
    ctx: Ctx,
    uri: Uri,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let day = |name: &str, default: NaiveDate| match query_param(&uri, name)
        .filter(|v| !v.is_empty())
    {
        None => Ok(default),
        Some(v) => parse_day(&v)
            .ok_or_else(|| PageError::bad_request(ctx.ui, format!("{name} = {v:?}: {DATE_HINT}"))),
    };
    let to = day("to", ctx.as_of)?;
    let from = day("from", zonegov_domain::report::default_since(to))?;
    let h = history(&state, &ctx).await?;
    let d = h.diff(from, to).visible_to(&ctx.visible());
    render(
        &ctx,
        &ChangesPage {
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            ctx: ctx.clone(),
            menu: "changes",
            from,
            to,
            sections: zonegov_domain::kinds::KINDS
                .iter()
                .map(|spec| (spec.label(ctx.ui.lang), d.of(spec.kind)))
                .collect(),
        },
    )
}

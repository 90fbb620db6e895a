//! The public page of one enterprise (安全生产责任公示): who is responsible for its
//! safety, the four parties each with its rule and basis, the grid leader's name
//! masked (personal data). Open to everyone, as the posting on the factory gate is.

use super::pages::parties;
use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::{history, zone_name};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use zonegov_domain::Code;
use zonegov_domain::auth::Visible;
use zonegov_domain::enterprise::Enterprise;

#[derive(Template)]
#[template(path = "public_enterprise.html")]
struct Page {
    ui: Ui,
    ctx: Ctx,
    zone_name: String,
    name: String,
    code: String,
    rows: Vec<(String, String)>,
}

pub async fn page(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    // Open to everyone, so limited per client as the portal's searches are: a
    // scraper walking credit codes is slowed, a visitor never notices.
    if !state.limiter.public_search.allow(&ip.0) {
        return Err(PageError::too_many(ctx.ui));
    }
    let not_found = || PageError::not_found(ctx.ui, raw.clone());
    let code = Code::parse(&raw).map_err(|_| not_found())?;
    // The posting is public: every enterprise, whoever asks.
    let versions = zonegov_store::versions_of::<Enterprise>(
        state.store.records(),
        &code,
        &Visible::everything(),
    )
    .await
    .map_err(|e| PageError::internal(ctx.ui, e))?;
    let Some(v) = versions.iter().find(|v| v.period.contains(ctx.as_of)) else {
        return Err(not_found());
    };
    let h = history(&state, &ctx).await?;
    let e = &v.attrs;
    let lang = ctx.ui.lang;
    let mut rows = vec![
        (
            ctx.ui.t("industry").to_owned(),
            format!("{} {}", e.industry.with_section(), e.industry.name_zh()),
        ),
        (ctx.ui.t("address").to_owned(), e.address.clone()),
    ];
    rows.extend(parties(&h, e, &ctx, true));
    let page = Page {
        ui: ctx.ui,
        zone_name: zone_name(&h, &ctx),
        name: e.name.get(lang).to_owned(),
        code: code.to_string(),
        rows,
        ctx,
    };
    render(&page.ctx, &page)
}

//! The public portal: read-only, no sign-in, and only the published fields (names,
//! kinds, industries, categories). Internal fields — quotas, bases, change records,
//! anything about users — have no way onto these pages: the rows below are built
//! field by field from public data only.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::{Ctx, query_param};
use crate::error::PageError;
use crate::i18n::Ui;
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use zonegov_domain::Record;
use zonegov_domain::auth::Visible;

pub struct PublicPark {
    pub name: String,
    pub kind: &'static str,
    pub industries: String,
    pub streets: String,
}

pub struct PublicBody {
    pub name: String,
    pub category: String,
}

#[derive(Template)]
#[template(path = "public.html")]
struct PublicPage {
    ui: Ui,
    ctx: Ctx,
    zone_name: String,
    section: &'static str,
    /// Label, count, and whether the count rests on illustrative data.
    figures: Vec<(String, usize, bool)>,
    parks: Vec<PublicPark>,
    bodies: Vec<PublicBody>,
    q: String,
}

async fn page(
    ctx: Ctx,
    state: &AppState,
    section: &'static str,
    q: String,
) -> Result<Html<String>, PageError> {
    let ui = ctx.ui;
    let lang = ui.lang;
    let err = |e| PageError::internal(ui, e);
    let Some(h) = state
        .cache
        .snapshots
        .history(state.store.as_ref())
        .await
        .map_err(err)?
    else {
        return Err(PageError::not_found(ui, ui.t("no_zone")));
    };
    let all = Visible::everything();
    let mut figures = Vec::new();
    if section == "home" {
        let r = zonegov_app::report::zone_report(state.store.records(), &h, &all, ctx.as_of, None)
            .await
            .map_err(err)?;
        figures = vec![
            (
                ui.t("park_count").to_owned(),
                r.parks_total,
                r.illustrative_now("parks"),
            ),
            (
                ui.t("internal_institutions").to_owned(),
                r.internal_institutions,
                r.illustrative_now("internal_institutions"),
            ),
        ];
        figures.extend(r.parks_by_kind.iter().map(|g| {
            (
                lang.pick(&g.label_zh, &g.label_en).to_owned(),
                g.count,
                g.illustrative,
            )
        }));
        for key in ["power_items", "responsibility_items"] {
            if let Some(f) = r.figure(key) {
                figures.push((f.label.get(lang).to_owned(), f.after, f.after_illustrative));
            }
        }
    }
    let wanted = |name: &str| q.is_empty() || name.contains(q.as_str());
    let mut parks = Vec::new();
    if matches!(section, "parks" | "search") {
        parks =
            zonegov_store::as_of::<zonegov_domain::Park>(state.store.records(), ctx.as_of, &all)
                .await
                .map_err(err)?
                .into_iter()
                .filter(|p| {
                    wanted(p.attrs.name.get(lang)) || p.attrs.industries.iter().any(|i| wanted(i))
                })
                .map(|p| PublicPark {
                    name: p.attrs.name.get(lang).to_owned(),
                    kind: p.attrs.kind.label(lang),
                    industries: p.attrs.industries.join("、"),
                    streets: p
                        .attrs
                        .streets
                        .iter()
                        .map(|c| {
                            h.kind(zonegov_domain::Counterpart::KIND)
                                .and_then(|t| t.label(c, ctx.as_of, lang))
                                .unwrap_or_else(|| c.to_string())
                        })
                        .collect::<Vec<_>>()
                        .join("、"),
                })
                .collect();
    }
    let mut bodies = Vec::new();
    if matches!(section, "institutions" | "search") {
        bodies = zonegov_store::as_of::<zonegov_domain::Institution>(
            state.store.records(),
            ctx.as_of,
            &all,
        )
        .await
        .map_err(err)?
        .into_iter()
        .filter(|v| wanted(&v.attrs.display_name(lang)))
        .map(|v| PublicBody {
            name: v.attrs.display_name(lang),
            category: h
                .category(&v.attrs.category)
                .map(|c| c.name.get(lang).to_owned())
                .unwrap_or_default(),
        })
        .collect();
    }
    let zone_name = h.zone.name.get(lang).to_owned();
    super::render(
        &ctx,
        &PublicPage {
            ui,
            ctx: ctx.clone(),
            zone_name,
            section,
            figures,
            parks,
            bodies,
            q,
        },
    )
}

pub async fn home(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    page(ctx, &state, "home", String::new()).await
}

pub async fn parks(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    page(ctx, &state, "parks", String::new()).await
}

pub async fn institutions(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    page(ctx, &state, "institutions", String::new()).await
}

/// "Who handles this?": search the published parks and bodies. Rate-limited per
/// client address, since it is open to the internet side of the portal.
pub async fn search(ctx: Ctx, uri: Uri, ip: ClientIp, State(state): State<AppState>) -> Response {
    if !state
        .limiter
        .allow("search", &ip.0, state.security.search_rate_per_minute)
    {
        return PageError {
            ui: ctx.ui,
            status: StatusCode::TOO_MANY_REQUESTS,
            message: ctx.ui.t("too_many_requests").to_owned(),
        }
        .into_response();
    }
    let q: String = query_param(&uri, "q")
        .unwrap_or_default()
        .trim()
        .chars()
        .take(50)
        .collect();
    page(ctx, &state, "search", q).await.into_response()
}

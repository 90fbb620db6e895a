//! Counterpart bodies as a list (their columns) and one body's detail page.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::records::list::Listed;
use crate::records::{detail, href, label, name_of};
use axum::extract::{Path, State};
use axum::response::Html;
use zonegov_domain::{Code, Counterpart, Park, Record, ZoneHistory};

impl Listed for Counterpart {
    const COLUMNS: &'static [&'static str] = &["kind", "stat_code", "belongs_to"];

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            self.kind.label(ctx.ui.lang).to_owned(),
            self.stat_code
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            self.parent
                .as_ref()
                .map(|p| name_of(h, Counterpart::KIND, p, ctx))
                .unwrap_or_default(),
        ]
    }
}

pub async fn detail(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |h: &ZoneHistory, c: &Counterpart| {
        let parent = c
            .parent
            .as_ref()
            .map(|p| label(h, Counterpart::KIND, p, &ctx));
        vec![
            (ui.t("name").to_owned(), c.name.get(lang).to_owned()),
            (ui.t("kind").to_owned(), c.kind.label(lang).to_owned()),
            (
                ui.t("stat_code").to_owned(),
                c.stat_code
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            ),
            (ui.t("belongs_to").to_owned(), parent.unwrap_or_default()),
        ]
    };
    // Below a county: its streets; for a street: the parks that lie in it (those
    // the user may see).
    let children = |h: &ZoneHistory, code: &Code| {
        let members = h
            .counterparts()
            .snapshot(ctx.as_of)
            .filter(|v| v.attrs.parent.as_ref() == Some(code))
            .map(|v| {
                (
                    href(Counterpart::KIND, &v.code),
                    label(h, Counterpart::KIND, &v.code, &ctx),
                )
            });
        let parks = h
            .parks()
            .snapshot(ctx.as_of)
            .filter(|v| v.attrs.streets.contains(code) && ctx.visible().park(&v.code))
            .map(|v| {
                (
                    href(Park::KIND, &v.code),
                    label(h, Park::KIND, &v.code, &ctx),
                )
            });
        members.chain(parks).collect()
    };
    detail::page::<Counterpart>(&state, &ctx, &ip, &raw, fields, children).await
}

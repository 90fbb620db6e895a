//! Parks as a list (its columns) and a park's detail page.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::records::list::Listed;
use crate::records::{detail, label, name_of};
use axum::extract::{Path, State};
use axum::response::Html;
use zonegov_domain::{Counterpart, Institution, Park, Record, ZoneHistory};

/// Names of the streets a park lies in (counterpart codes shown by name).
fn street_names(h: &ZoneHistory, ctx: &Ctx, p: &Park) -> String {
    p.streets
        .iter()
        .map(|s| name_of(h, Counterpart::KIND, s, ctx))
        .collect::<Vec<_>>()
        .join("、")
}

impl Listed for Park {
    const COLUMNS: &'static [&'static str] = &["kind", "industries", "streets", "managing_body"];

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            self.kind.label(ctx.ui.lang).to_owned(),
            self.industries.join("、"),
            street_names(h, ctx, self),
            self.managing_body
                .as_ref()
                .map(|c| name_of(h, Institution::KIND, c, ctx))
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
    let fields = |h: &ZoneHistory, p: &Park| {
        let body = p
            .managing_body
            .as_ref()
            .map(|b| label(h, Institution::KIND, b, &ctx));
        let boundary = if p.boundary.is_some() {
            ui.t("has_boundary")
        } else {
            ui.t("none")
        };
        vec![
            (ui.t("name").to_owned(), p.name.get(lang).to_owned()),
            (ui.t("kind").to_owned(), p.kind.label(lang).to_owned()),
            (ui.t("industries").to_owned(), p.industries.join("、")),
            (ui.t("streets").to_owned(), street_names(h, &ctx, p)),
            (ui.t("managing_body").to_owned(), body.unwrap_or_default()),
            (ui.t("boundary").to_owned(), boundary.to_owned()),
        ]
    };
    detail::page::<Park>(&state, &ctx, &ip, &raw, fields, |_, _| Vec::new()).await
}

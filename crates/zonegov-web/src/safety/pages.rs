//! Grids and mapping rules as lists and detail pages (staff: the grid leader's full
//! name is shown here; public pages mask it).

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::records::detail;
use crate::records::list::Listed;
use crate::records::name_of;
use axum::extract::{Path, State};
use axum::response::Html;
use zonegov_domain::safety::{SafetyGrid, SafetyRule};
use zonegov_domain::{Code, Counterpart, Park, Record, ZoneHistory};

fn places(h: &ZoneHistory, g: &SafetyGrid, ctx: &Ctx) -> String {
    g.parks
        .iter()
        .map(|p| name_of(h, Park::KIND, p, ctx))
        .chain(
            g.streets
                .iter()
                .map(|s| name_of(h, Counterpart::KIND, s, ctx)),
        )
        .collect::<Vec<_>>()
        .join(ctx.ui.lang.pick("、", ", "))
}

impl Listed for SafetyGrid {
    const COLUMNS: &'static [&'static str] = &["grid_level", "grid_places", "grid_person"];

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            self.level.label(ctx.ui.lang).to_owned(),
            places(h, self, ctx),
            self.person_in_charge.clone().unwrap_or_default(),
        ]
    }
}

impl Listed for SafetyRule {
    const COLUMNS: &'static [&'static str] = &["safety_party", "rule_key", "responsible_body"];

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            self.party.label(ctx.ui.lang).to_owned(),
            self.key_label(ctx.ui.lang),
            name_of(h, self.body_kind.kind(), &self.body, ctx),
        ]
    }
}

pub async fn grid(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |h: &ZoneHistory, g: &SafetyGrid| {
        vec![
            (ui.t("name").to_owned(), g.name.get(lang).to_owned()),
            (
                ui.t("grid_level").to_owned(),
                g.level.label(lang).to_owned(),
            ),
            (
                ui.t("belongs_to").to_owned(),
                g.parent.as_ref().map(|p| p.to_string()).unwrap_or_default(),
            ),
            (ui.t("grid_places").to_owned(), places(h, g, &ctx)),
            (
                ui.t("grid_person").to_owned(),
                g.person_in_charge.clone().unwrap_or_default(),
            ),
            (ui.t("duty_basis").to_owned(), g.basis.clone()),
        ]
    };
    let children = |_: &ZoneHistory, _: &Code| Vec::new();
    detail::page::<SafetyGrid>(&state, &ctx, &ip, &raw, fields, children).await
}

pub async fn rule(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |h: &ZoneHistory, r: &SafetyRule| {
        vec![
            (ui.t("name").to_owned(), r.name.get(lang).to_owned()),
            (
                ui.t("safety_party").to_owned(),
                r.party.label(lang).to_owned(),
            ),
            (ui.t("rule_key").to_owned(), r.key_label(lang)),
            (
                ui.t("responsible_body").to_owned(),
                format!(
                    "{} {}",
                    name_of(h, r.body_kind.kind(), &r.body, &ctx),
                    r.body
                ),
            ),
            (ui.t("duty_basis").to_owned(), r.basis.clone()),
        ]
    };
    let children = |_: &ZoneHistory, _: &Code| Vec::new();
    detail::page::<SafetyRule>(&state, &ctx, &ip, &raw, fields, children).await
}

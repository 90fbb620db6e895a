//! The list's items for staff: a list page through the generic record list (scoped
//! by implementing body in the query) and one item's page with its responsibilities,
//! basis and accountability.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::records::detail;
use crate::records::list::Listed;
use crate::records::name_of;
use axum::extract::{Path, State};
use axum::response::Html;
use zonegov_domain::power::PowerCatalog;
use zonegov_domain::power::citation::format_citations;
use zonegov_domain::{Institution, PowerItem, Record, ZoneHistory};

impl Listed for PowerItem {
    const COLUMNS: &'static [&'static str] = &["item_type", "body", "responsibility_count"];
    const IMPORT: Option<(&'static str, zonegov_domain::auth::Perm)> = Some((
        "/power-items/import",
        zonegov_domain::auth::permission::POWER_ITEM_IMPORT,
    ));

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            PowerCatalog::standard().type_label(&self.item_type, ctx.ui.lang),
            name_of(h, Institution::KIND, &self.body, ctx),
            self.responsibilities.len().to_string(),
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
    let fields = |h: &ZoneHistory, p: &PowerItem| {
        let mut f = vec![
            (ui.t("name").to_owned(), p.full_name()),
            (
                ui.t("item_type").to_owned(),
                PowerCatalog::standard().type_label(&p.item_type, lang),
            ),
            (
                ui.t("body").to_owned(),
                name_of(h, Institution::KIND, &p.body, &ctx),
            ),
            (
                ui.t("handling_unit").to_owned(),
                p.handling_unit.clone().unwrap_or_default(),
            ),
            (
                ui.t("power_level").to_owned(),
                p.level.clone().unwrap_or_default(),
            ),
            (ui.t("legal_basis").to_owned(), p.basis_text()),
        ];
        for r in &p.responsibilities {
            let basis = format_citations(&r.basis);
            let text = if basis.is_empty() {
                r.duty.clone()
            } else {
                format!("{}（{}：{basis}）", r.duty, ui.t("duty_basis"))
            };
            f.push((format!("{}·{}", ui.t("responsibility"), r.step), text));
        }
        for (i, a) in p.accountability.iter().enumerate() {
            f.push((
                format!("{} {}", ui.t("accountability"), i + 1),
                a.situation.clone(),
            ));
        }
        f.push((
            ui.t("supervision_phone").to_owned(),
            p.supervision_phone.clone().unwrap_or_default(),
        ));
        if let Some(r) = &p.remarks {
            f.push((ui.t("remarks").to_owned(), r.clone()));
        }
        f
    };
    detail::page::<PowerItem>(&state, &ctx, &ip, &raw, fields, |_, _| Vec::new()).await
}

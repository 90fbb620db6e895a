//! Institutions as a list (its columns) and an institution's detail page.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::records::list::Listed;
use crate::records::{detail, href, label, name_of};
use axum::extract::{Path, State};
use axum::response::Html;
use std::collections::BTreeMap;
use zonegov_domain::{Code, Institution, QuotaType, Record, ZoneHistory};

pub fn quota_text(quotas: &BTreeMap<QuotaType, u32>, ui: Ui) -> String {
    quotas
        .iter()
        .map(|(t, n)| format!("{} {n}", t.label(ui.lang)))
        .collect::<Vec<_>>()
        .join(" / ")
}

impl Listed for Institution {
    const COLUMNS: &'static [&'static str] = &["category", "parent", "quotas"];

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        let lang = ctx.ui.lang;
        vec![
            h.category(&self.category)
                .map(|c| c.name.get(lang).to_owned())
                .unwrap_or_default(),
            // A parent outside the user's scope is named, not linked: the name of a
            // body's parent is part of the body's own record.
            self.parent
                .as_ref()
                .map(|p| name_of(h, Institution::KIND, p, ctx))
                .unwrap_or_default(),
            quota_text(&self.quotas, ctx.ui),
        ]
    }

    fn row_class(&self, h: &ZoneHistory) -> &'static str {
        if h.is_internal(&self.category) {
            "internal"
        } else {
            ""
        }
    }
}

pub async fn detail(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |h: &ZoneHistory, i: &Institution| {
        let plates: Vec<&str> = i.plates.iter().map(|p| p.get(lang)).collect();
        let plates = if plates.is_empty() {
            ui.t("none").to_owned()
        } else {
            plates.join("、")
        };
        let category = h.category(&i.category).map(|c| c.name.get(lang).to_owned());
        let parent = i
            .parent
            .as_ref()
            .map(|p| label(h, Institution::KIND, p, &ctx));
        vec![
            (ui.t("name").to_owned(), i.name.get(lang).to_owned()),
            (ui.t("plates").to_owned(), plates),
            (ui.t("category").to_owned(), category.unwrap_or_default()),
            (ui.t("parent").to_owned(), parent.unwrap_or_default()),
            (ui.t("quotas").to_owned(), quota_text(&i.quotas, ui)),
        ]
    };
    let children = |h: &ZoneHistory, code: &Code| {
        h.institutions()
            .snapshot(ctx.as_of)
            .filter(|v| v.attrs.parent.as_ref() == Some(code) && ctx.visible().institution(&v.code))
            .map(|v| {
                (
                    href(Institution::KIND, &v.code),
                    format!("{} {}", v.attrs.display_name(lang), v.code),
                )
            })
            .collect()
    };
    detail::page::<Institution>(&state, &ctx, &ip, &raw, fields, children).await
}

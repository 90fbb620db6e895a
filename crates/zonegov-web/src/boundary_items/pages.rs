//! Boundary items as a list (category, steps, leads) and one item's detail page.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::records::detail;
use crate::records::list::Listed;
use axum::extract::{Path, State};
use axum::response::Html;
use zonegov_domain::boundary::{Assignment, BoundaryItem, lint};
use zonegov_domain::{Code, ZoneHistory};

/// "济宁市应急管理局 MD02", the code alone when no such body is known, or "属地街道".
fn party(h: &ZoneHistory, a: &Assignment, ctx: &Ctx) -> String {
    let Some(code) = a.party.named() else {
        return a.party.level.local_label(ctx.ui.lang).to_owned();
    };
    let name = h
        .kind(a.party.level.kind())
        .and_then(|t| t.label(code, ctx.as_of, ctx.ui.lang))
        .unwrap_or_default();
    format!("{name} {code}").trim().to_owned()
}

impl Listed for BoundaryItem {
    const COLUMNS: &'static [&'static str] = &["category", "step_count", "lead_bodies"];

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        let mut leads: Vec<String> = self.steps.iter().map(|s| party(h, &s.lead, ctx)).collect();
        leads.dedup();
        vec![
            self.category.get(ctx.ui.lang).to_owned(),
            self.steps.len().to_string(),
            leads.join(ctx.ui.lang.pick("、", ", ")),
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
    let sep = lang.pick("；", "; ");
    let fields = |h: &ZoneHistory, b: &BoundaryItem| {
        let mut out = vec![
            (ui.t("name").to_owned(), b.name.get(lang).to_owned()),
            (ui.t("category").to_owned(), b.category.get(lang).to_owned()),
        ];
        for (i, s) in b.steps.iter().enumerate() {
            let duty = |a: &Assignment| {
                let basis = zonegov_domain::power::citation::format_citations(&a.basis);
                let mut t = format!("{}：{}", party(h, a, &ctx), a.duty);
                if !basis.is_empty() {
                    t.push_str(&format!("（{}）", basis));
                }
                t
            };
            let mut text = format!("{}{}", ui.t("lead"), duty(&s.lead));
            for a in &s.cooperating {
                text.push_str(sep);
                text.push_str(ui.t("cooperating"));
                text.push_str(&duty(a));
            }
            out.push((format!("{} {}", i + 1, s.name), text));
        }
        // The list's lint for this item on the as-of day, where the item is read.
        if let Ok(code) = Code::parse(&raw) {
            let findings: Vec<String> = lint([(&code, b)], h, ctx.as_of)
                .iter()
                .map(|f| f.sentence(lang))
                .collect();
            let text = if findings.is_empty() {
                ui.t("none").to_owned()
            } else {
                findings.join(sep)
            };
            out.push((ui.t("boundary_lint").to_owned(), text));
        }
        out
    };
    let children = |_: &ZoneHistory, _: &Code| Vec::new();
    detail::page::<BoundaryItem>(&state, &ctx, &ip, &raw, fields, children).await
}

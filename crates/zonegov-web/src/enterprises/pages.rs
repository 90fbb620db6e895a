//! Enterprises as a list (industry, park, street, size, flags) and one enterprise's
//! detail with its four responsible parties, each with the rule and basis.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::records::detail;
use crate::records::list::Listed;
use crate::records::{label, name_of};
use axum::extract::{Path, State};
use axum::response::Html;
use zonegov_domain::enterprise::Enterprise;
use zonegov_domain::safety::{Derivation, Outcome, Responsible, rules_on};
use zonegov_domain::{Code, Counterpart, Lang, Park, Record, ZoneHistory};

impl Listed for Enterprise {
    const COLUMNS: &'static [&'static str] =
        &["industry", "park", "street", "enterprise_size", "hazards"];
    const IMPORT: Option<(&'static str, zonegov_domain::auth::Perm)> = Some((
        "/enterprises/import",
        zonegov_domain::auth::permission::ENTERPRISE_IMPORT,
    ));

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        let lang = ctx.ui.lang;
        vec![
            format!("{} {}", self.industry.as_str(), self.industry.name_zh()),
            self.park
                .as_ref()
                .map(|p| name_of(h, Park::KIND, p, ctx))
                .unwrap_or_default(),
            name_of(h, Counterpart::KIND, &self.street, ctx),
            self.size.label(lang).to_owned(),
            hazards(self, lang),
        ]
    }
}

pub fn hazards(e: &Enterprise, lang: Lang) -> String {
    e.hazards
        .iter()
        .map(|f| f.label(lang))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// "应急管理和生态环境局 N11" for a body, "G1-ST02-P01 P01园区三级网格（网格长 王建国）" for a
/// grid; the person's name masked when `public`.
pub fn responsible(h: &ZoneHistory, r: &Responsible<'_>, ctx: &Ctx, public: bool) -> String {
    match r {
        Responsible::Grid(g) => {
            let person = if public {
                g.person_masked().map(|m| m.as_str().to_owned())
            } else {
                g.person_in_charge.clone()
            };
            let mut s = format!(
                "{} {}（{}）",
                g.number,
                g.name.get(ctx.ui.lang),
                g.level.label(ctx.ui.lang)
            );
            if let Some(p) = person {
                s.push_str(&format!("{}{p}", ctx.ui.t("grid_person")));
            }
            s
        }
        Responsible::Body(code) => {
            let inst = name_of(h, zonegov_domain::Institution::KIND, code, ctx);
            let name = if inst.is_empty() || inst == code.as_str() {
                name_of(h, Counterpart::KIND, code, ctx)
            } else {
                inst
            };
            format!("{name} {code}").trim().to_owned()
        }
    }
}

/// One party's line: who, by which rule, on what basis — or the gap or overlap.
pub fn party_line(h: &ZoneHistory, d: &Derivation<'_>, ctx: &Ctx, public: bool) -> String {
    let lang = ctx.ui.lang;
    match &d.outcome {
        Outcome::Assigned {
            responsible: r,
            key,
            basis,
        } => format!(
            "{}{}{}{}{basis}{}",
            responsible(h, r, ctx, public),
            lang.pick("（规则：", " (rule: "),
            key.label(lang),
            lang.pick("；依据：", "; basis: "),
            lang.pick("）", ")")
        ),
        _ => d.describe(lang),
    }
}

/// The four parties of `e` on the page's day, as (label, line) pairs.
pub fn parties(h: &ZoneHistory, e: &Enterprise, ctx: &Ctx, public: bool) -> Vec<(String, String)> {
    let lang = ctx.ui.lang;
    let rules = match rules_on(h, ctx.as_of) {
        Ok(r) => r,
        Err(e) => return vec![(ctx.ui.t("safety_parties").to_owned(), e.to_string())],
    };
    let subject = e.subject();
    let derived = rules.derive(&subject);
    let mut out: Vec<(String, String)> = Vec::new();
    for d in derived.all() {
        let mut label = d.party.label(lang).to_owned();
        if let Some(f) = d.flag {
            label.push_str(&format!("（{}）", f.label(lang)));
        }
        out.push((label, party_line(h, d, ctx, public)));
    }
    if derived.specialist.is_empty() {
        out.push((
            zonegov_domain::safety::Party::Specialist
                .label(lang)
                .to_owned(),
            ctx.ui.t("no_hazard_flag").to_owned(),
        ));
    }
    out
}

pub async fn detail(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |h: &ZoneHistory, e: &Enterprise| {
        let mut out = vec![
            (ui.t("name").to_owned(), e.name.get(lang).to_owned()),
            (ui.t("credit_code").to_owned(), e.credit_code.to_string()),
            (
                ui.t("industry").to_owned(),
                format!("{} {}", e.industry.with_section(), e.industry.name_zh()),
            ),
            (ui.t("address").to_owned(), e.address.clone()),
            (
                ui.t("street").to_owned(),
                label(h, Counterpart::KIND, &e.street, &ctx),
            ),
            (
                ui.t("park").to_owned(),
                e.park
                    .as_ref()
                    .map(|p| label(h, Park::KIND, p, &ctx))
                    .unwrap_or_default(),
            ),
            (
                ui.t("location").to_owned(),
                e.location.map(|l| l.to_string()).unwrap_or_default(),
            ),
            (
                ui.t("enterprise_size").to_owned(),
                e.size.label(lang).to_owned(),
            ),
            (ui.t("hazards").to_owned(), hazards(e, lang)),
        ];
        out.extend(parties(h, e, &ctx, false));
        out
    };
    let children = |_: &ZoneHistory, _: &Code| Vec::new();
    detail::page::<Enterprise>(&state, &ctx, &ip, &raw, fields, children).await
}

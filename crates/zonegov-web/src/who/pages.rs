//! The 谁来管 page: a GET form (it changes nothing, so it needs no CSRF token) and
//! the answer laid out per step, with every gap and conflict listed above it.

use super::query::WhoQuery;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::pages::render;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use zonegov_app::who::{ask, check_duty};
use zonegov_domain::boundary::BoundaryItem;
use zonegov_domain::power::citation::format_citations;
use zonegov_domain::who::{Answer, BodyAnswer, PartyAnswer};
use zonegov_domain::{CounterpartKind, Lang, ZoneHistory};

/// One row of the answer table: a party of a step.
pub struct Row {
    pub step: String,
    pub role: &'static str,
    pub lead: bool,
    pub listed: String,
    pub bodies: String,
    pub duty: String,
    pub basis: String,
    pub contact: String,
}

pub struct MatterView {
    pub source: String,
    pub rows: Vec<Row>,
    pub issues: Vec<String>,
}

#[derive(Template)]
#[template(path = "who.html")]
struct WhoPage {
    ui: crate::i18n::Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    q: WhoQuery,
    /// (value, label) of the boundary items and places offered in the form.
    items: Vec<(String, String)>,
    places: Vec<(String, String)>,
    error: String,
    verdict: String,
    settled: bool,
    locality: Vec<String>,
    matters: Vec<MatterView>,
    duty: String,
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<WhoQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.ui.lang;
    let history = state
        .history()
        .await
        .map_err(|e| PageError::internal(ctx.ui, e))?
        .ok_or_else(|| PageError::not_found(ctx.ui, "no zone loaded"))?;
    let mut p = WhoPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "who",
        zone_name: String::new(),
        items: offered_items(&history, &ctx),
        places: offered_places(&history, &ctx),
        error: String::new(),
        verdict: String::new(),
        settled: false,
        locality: Vec::new(),
        matters: Vec::new(),
        duty: String::new(),
        q: WhoQuery::default(),
    };
    if !q.is_empty() {
        match answer(&state, &ctx, &history, &q).await {
            Ok((a, duty)) => {
                p.verdict = a.verdict.label(lang).to_owned();
                p.settled = a.verdict == zonegov_domain::who::Verdict::Settled;
                p.locality = locality_lines(&a, lang);
                p.matters = a.matters.iter().map(|m| view(m, lang)).collect();
                p.duty = duty;
            }
            Err(e) => p.error = e,
        }
    }
    p.q = q;
    render(&ctx, &p)
}

async fn answer(
    state: &AppState,
    ctx: &Ctx,
    history: &ZoneHistory,
    q: &WhoQuery,
) -> Result<(Answer, String), String> {
    let day = crate::api::day_or_today("as_of", q.as_of.as_ref()).map_err(|e| e.message)?;
    let question = q.question(day)?;
    let records = state.store.records();
    match q.body()? {
        None => ask(records, history, &ctx.visible(), &question)
            .await
            .map(|a| (a, String::new()))
            .map_err(|e| e.to_string()),
        Some(body) => check_duty(records, history, &ctx.visible(), &body, &question)
            .await
            .map(|(a, c)| (a, c.summary(ctx.ui.lang)))
            .map_err(|e| e.to_string()),
    }
}

fn offered_items(h: &ZoneHistory, ctx: &Ctx) -> Vec<(String, String)> {
    h.timeline::<BoundaryItem>()
        .snapshot(ctx.as_of)
        .map(|v| {
            let label = format!(
                "{} {} · {}",
                v.code,
                v.attrs.name.get(ctx.ui.lang),
                v.attrs.category.get(ctx.ui.lang)
            );
            (v.code.to_string(), label)
        })
        .collect()
}

fn offered_places(h: &ZoneHistory, ctx: &Ctx) -> Vec<(String, String)> {
    let lang = ctx.ui.lang;
    let mut out: Vec<(String, String)> = h
        .parks()
        .snapshot(ctx.as_of)
        .map(|v| {
            (
                format!("park:{}", v.code),
                format!(
                    "{} {} {}",
                    lang.pick("园区", "Park"),
                    v.code,
                    v.attrs.name.get(lang)
                ),
            )
        })
        .collect();
    out.extend(
        h.counterparts()
            .snapshot(ctx.as_of)
            .filter(|v| v.attrs.kind == CounterpartKind::Street)
            .map(|v| {
                (
                    format!("street:{}", v.code),
                    format!(
                        "{} {} {}",
                        lang.pick("街道", "Street"),
                        v.code,
                        v.attrs.name.get(lang)
                    ),
                )
            }),
    );
    out
}

fn locality_lines(a: &Answer, lang: Lang) -> Vec<String> {
    let l = &a.locality;
    let mut out = Vec::new();
    if let Some(p) = &l.place {
        out.push(p.label(lang));
    }
    for (label, list) in [
        (lang.pick("街道", "Street"), &l.streets),
        (lang.pick("园区", "Park"), &l.parks),
        (lang.pick("县市区", "County"), &l.counties),
    ] {
        for x in list {
            out.push(format!(
                "{label}: {} {} ← {}",
                x.name.get(lang),
                x.code,
                x.how.get(lang)
            ));
        }
    }
    out.extend(l.notes.iter().map(|n| n.get(lang).to_owned()));
    out
}

fn view(m: &zonegov_domain::who::MatterAnswer, lang: Lang) -> MatterView {
    let mut rows = Vec::new();
    for s in &m.steps {
        for p in std::iter::once(&s.lead).chain(&s.cooperating) {
            rows.push(row(&s.step, p, lang));
        }
    }
    MatterView {
        source: m.source.derivation(lang),
        rows,
        issues: m
            .issues
            .iter()
            .map(|i| {
                format!(
                    "[{}·{}] {}{}",
                    i.kind.label(lang),
                    i.role.label(lang),
                    i.step
                        .as_deref()
                        .map(|s| format!("「{s}」"))
                        .unwrap_or_default(),
                    i.message.get(lang)
                )
            })
            .collect(),
    }
}

fn row(step: &str, p: &PartyAnswer, lang: Lang) -> Row {
    let body = |b: &BodyAnswer| match &b.via {
        Some(via) => format!("{} {}（{}）", b.name.get(lang), b.code, via.get(lang)),
        None => format!("{} {}", b.name.get(lang), b.code),
    };
    let contact = p
        .bodies
        .iter()
        .filter_map(|b| b.contact.as_ref())
        .flat_map(|c| {
            [
                c.phone
                    .as_ref()
                    .map(|x| format!("{} {x}", lang.pick("电话", "Phone"))),
                c.supervision_phone
                    .as_ref()
                    .map(|x| format!("{} {x}", lang.pick("监督电话", "Supervision"))),
                c.address
                    .as_ref()
                    .map(|x| format!("{} {x}", lang.pick("地址", "Address"))),
            ]
        })
        .flatten()
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "));
    Row {
        step: step.to_owned(),
        role: p.role.label(lang),
        lead: p.role == zonegov_domain::who::Role::Lead,
        listed: if p.party.is_local() {
            p.party.level.local_label(lang).to_owned()
        } else {
            p.party.level.label(lang).to_owned()
        },
        bodies: if p.bodies.is_empty() {
            lang.pick("（无）", "(none)").to_owned()
        } else {
            p.bodies.iter().map(body).collect::<Vec<_>>().join(" / ")
        },
        duty: p.duty.clone(),
        basis: format_citations(&p.basis),
        contact,
    }
}

//! Talent by tier and platform, and the revolving quota pool: its size, what is lent
//! and the balance on the page's date, the loans, and the terms ending within N days.
//! Talents' names are personal data: masked unless the user holds `TALENT_PERSONAL`
//! and asks (`?unmask=1`), and every unmasked view is audited.

use super::Chart;
use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::{history, zone_name};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use std::collections::BTreeMap;
use zonegov_domain::quota::{QuotaLoan, ledger_of};
use zonegov_domain::talent::{Platform, TALENT_PERSONAL, Talent, by_tier};
use zonegov_domain::{Code, ZoneHistory};
use zonegov_io::xlsx::{Cell, Table};

#[derive(Debug, Default, Deserialize)]
pub struct Opts {
    #[serde(default)]
    unmask: String,
    #[serde(default)]
    within: String,
}

pub struct PersonRow {
    pub code: String,
    pub name: String,
    pub tier: String,
    pub platform: String,
    pub brought_by: String,
}

#[derive(Template)]
#[template(path = "talent.html")]
struct Page {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    /// Tier, count ("400+").
    tiers: Vec<(String, String)>,
    /// Platform, kind, talents (headcount).
    platforms: Vec<(String, String, u64)>,
    people: Vec<PersonRow>,
    unmasked: bool,
    may_unmask: bool,
    charts: BTreeMap<&'static str, Chart>,
    may_export: bool,
}

/// Whether to show full names: asked for and permitted; audited when so.
async fn unmasked(state: &AppState, ctx: &Ctx, ip: &ClientIp, asked: bool, what: &str) -> bool {
    let ok = asked && ctx.has(TALENT_PERSONAL);
    if ok {
        zonegov_app::audit::Recorder::new(state.store.as_ref(), ctx.me_name(), &ip.0)
            .ok(
                "talent.unmasked",
                what,
                serde_json::json!({ "as_of": ctx.as_of }),
            )
            .await;
    }
    ok
}

fn person_rows(h: &ZoneHistory, ctx: &Ctx, unmask: bool) -> Vec<PersonRow> {
    let lang = ctx.ui.lang;
    h.timeline::<Talent>()
        .snapshot(ctx.as_of)
        .filter_map(|v| {
            let name = v.attrs.person_name(unmask)?;
            let platform = v
                .attrs
                .platform
                .as_ref()
                .and_then(|p| h.timeline::<Platform>().as_of(p, ctx.as_of));
            Some(PersonRow {
                code: v.code.to_string(),
                name: format!(
                    "{name} {}",
                    v.attrs.name.zh.split_once(' ').map_or("", |x| x.1)
                ),
                tier: v.attrs.tier.label(lang).to_owned(),
                platform: platform
                    .map(|p| p.attrs.name.get(lang).to_owned())
                    .unwrap_or_default(),
                brought_by: v
                    .attrs
                    .project
                    .iter()
                    .chain(v.attrs.enterprise.iter())
                    .map(Code::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
            })
        })
        .collect()
}

/// Talent on the page's date: tiers, platforms with their headcount, the tier chart.
struct TalentView {
    tiers: Vec<zonegov_domain::talent::TierCount>,
    /// Platform, kind, talents (headcount).
    platforms: Vec<(String, String, u64)>,
    charts: BTreeMap<&'static str, Chart>,
}

fn talent_view(h: &ZoneHistory, ctx: &Ctx) -> TalentView {
    let lang = ctx.ui.lang;
    let talents = h.timeline::<Talent>();
    let tiers = by_tier(talents.snapshot(ctx.as_of).map(|v| (&v.code, &v.attrs)));
    let mut per_platform: BTreeMap<&Code, u64> = BTreeMap::new();
    for v in talents.snapshot(ctx.as_of) {
        if let Some(p) = &v.attrs.platform {
            *per_platform.entry(p).or_default() += u64::from(v.attrs.headcount.count());
        }
    }
    let platforms = h
        .timeline::<Platform>()
        .snapshot(ctx.as_of)
        .map(|v| {
            (
                v.attrs.name.get(lang).to_owned(),
                v.attrs.kind.label(lang).to_owned(),
                per_platform.get(&v.code).copied().unwrap_or(0),
            )
        })
        .collect();
    let mut charts = BTreeMap::new();
    // Skilled workers (45,000) would flatten the other tiers: they are in the table.
    let charted: Vec<_> = tiers.iter().filter(|t| t.tier != "skilled").collect();
    charts.insert(
        "tiers",
        Chart {
            categories: charted
                .iter()
                .map(|t| lang.pick(&t.label_zh, &t.label_en).to_owned())
                .collect(),
            names: vec![lang.pick("人数", "People").to_owned()],
            rows: vec![charted.iter().map(|t| t.count as f64).collect()],
            kind: "bar",
        },
    );
    let platform_rows: &Vec<(String, String, u64)> = &platforms;
    charts.insert(
        "platforms",
        Chart {
            categories: platform_rows.iter().map(|p| p.0.clone()).collect(),
            names: vec![lang.pick("人才数", "Talents").to_owned()],
            rows: vec![platform_rows.iter().map(|p| p.2 as f64).collect()],
            kind: "bar",
        },
    );
    TalentView {
        tiers,
        platforms,
        charts,
    }
}

pub async fn page(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Query(o): Query<Opts>,
) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let lang = ctx.ui.lang;
    let unmask = unmasked(&state, &ctx, &ip, !o.unmask.is_empty(), "talents").await;
    let TalentView {
        tiers,
        platforms,
        charts,
    } = talent_view(&h, &ctx);
    let page = Page {
        ui: ctx.ui,
        menu: "talent",
        zone_name: zone_name(&h, &ctx),
        tiers: tiers
            .iter()
            .map(|t| {
                let plus = if t.at_least { "+" } else { "" };
                (
                    lang.pick(&t.label_zh, &t.label_en).to_owned(),
                    format!("{}{plus}", t.count),
                )
            })
            .collect(),
        platforms,
        people: person_rows(&h, &ctx, unmask),
        unmasked: unmask,
        may_unmask: ctx.has(TALENT_PERSONAL),
        charts,
        may_export: ctx.has(<Talent as zonegov_domain::Record>::PERMS.export),
        ctx,
    };
    render(&page.ctx, &page)
}

/// Talent as a workbook: by tier (a floor marked), by platform, and the
/// individually recorded talents with their names masked (the export is for
/// counting; full names stay on the audited page). Audited as `export.talent`.
pub async fn xlsx(ctx: Ctx, ip: ClientIp, State(state): State<AppState>) -> Response {
    let h = match history(&state, &ctx).await {
        Ok(h) => h,
        Err(e) => return e.into_response(),
    };
    let ui = ctx.ui;
    let lang = ui.lang;
    let day = ctx.as_of;
    let v = talent_view(&h, &ctx);
    let heads = |cols: &[(&str, &str)]| -> Vec<String> {
        cols.iter()
            .map(|(zh, en)| lang.pick(zh, en).to_owned())
            .collect()
    };
    let tables = vec![
        Table {
            sheet: ui.t("talent_by_tier").to_owned(),
            title: format!("{}（{day}）", ui.t("talent_by_tier")),
            header: heads(&[("层次", "Tier"), ("人数", "People"), ("说明", "Note")]),
            rows: v
                .tiers
                .iter()
                .map(|t| {
                    vec![
                        Cell::Text(lang.pick(&t.label_zh, &t.label_en).to_owned()),
                        Cell::Number(t.count as f64),
                        Cell::Text(
                            [
                                (t.at_least, lang.pick("不少于此数", "at least this many")),
                                (t.illustrative, lang.pick("示意数据", "illustrative")),
                            ]
                            .iter()
                            .filter(|(on, _)| *on)
                            .map(|(_, s)| *s)
                            .collect::<Vec<_>>()
                            .join("; "),
                        ),
                    ]
                })
                .collect(),
        },
        Table {
            sheet: ui.t("platforms").to_owned(),
            title: format!("{}（{day}）", ui.t("platforms")),
            header: heads(&[
                ("平台", "Platform"),
                ("类型", "Kind"),
                ("人才数", "Talents"),
            ]),
            rows: v
                .platforms
                .into_iter()
                .map(|(name, kind, n)| {
                    vec![Cell::Text(name), Cell::Text(kind), Cell::Number(n as f64)]
                })
                .collect(),
        },
        Table {
            sheet: ui.t("talents_recorded").to_owned(),
            title: format!("{}（{day}）", ui.t("talents_recorded")),
            header: heads(&[
                ("代码", "Code"),
                ("姓名(脱敏)", "Name (masked)"),
                ("层次", "Tier"),
                ("平台", "Platform"),
                ("引进项目/企业", "Brought by"),
            ]),
            rows: person_rows(&h, &ctx, false)
                .into_iter()
                .map(|p| {
                    [p.code, p.name, p.tier, p.platform, p.brought_by]
                        .into_iter()
                        .map(Cell::Text)
                        .collect()
                })
                .collect(),
        },
    ];
    crate::records::export::xlsx_book(
        &state,
        &ctx,
        &ip,
        "export.talent",
        serde_json::json!({ "as_of": day }),
        &format!("talent-{day}.xlsx"),
        tables,
    )
    .await
}

pub struct LoanRow {
    pub code: String,
    pub talent: String,
    pub body: String,
    pub from: String,
    pub returned: String,
    pub term_end: String,
}

#[derive(Template)]
#[template(path = "talent_quota.html")]
struct QuotaPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    size: u32,
    lent: u32,
    balance: i64,
    within: u32,
    loans: Vec<LoanRow>,
    /// Loan, term end, days left.
    reminders: Vec<(String, String, i64)>,
    charts: BTreeMap<&'static str, Chart>,
    may_export: bool,
}

/// What `within` (days before a term ends) asks for; 180 unless given.
fn within_days(ctx: &Ctx, o: &Opts) -> Result<u32, PageError> {
    match o.within.trim() {
        "" => Ok(180),
        v => v
            .parse::<u32>()
            .map_err(|e| PageError::bad_request(ctx.ui, format!("within: {v}: {e}"))),
    }
}

/// The revolving pool on the page's date: size, lent, balance, the loans made by
/// then, the terms ending within `within` days, and the pool over time.
struct QuotaView {
    size: u32,
    lent: u32,
    balance: i64,
    loans: Vec<LoanRow>,
    reminders: Vec<(String, String, i64)>,
    charts: BTreeMap<&'static str, Chart>,
}

fn quota_view(
    h: &ZoneHistory,
    ctx: &Ctx,
    within: u32,
    unmask: bool,
) -> Result<QuotaView, PageError> {
    let lang = ctx.ui.lang;
    let loans = h.timeline::<QuotaLoan>();
    // The stored history passed every rule, the pool never overdrawn among them.
    let ledger =
        ledger_of(Some(h.timeline()), loans).map_err(|(_, e)| PageError::internal(ctx.ui, e))?;
    let talent_name = |c: &Code| {
        h.timeline::<Talent>()
            .versions(c)
            .last()
            .and_then(|v| v.attrs.person_name(unmask))
            .unwrap_or_else(|| c.to_string())
    };
    let body_name = |c: &Code| {
        h.institutions()
            .as_of(c, ctx.as_of)
            .map_or_else(|| c.to_string(), |v| v.attrs.name.get(lang).to_owned())
    };
    let rows: Vec<LoanRow> = ledger
        .loans()
        .filter(|(_, l)| l.from <= ctx.as_of)
        .filter_map(|(code, l)| {
            let loan = &loans.versions(code).last()?.attrs;
            Some(LoanRow {
                code: code.to_string(),
                talent: talent_name(&loan.talent),
                body: body_name(&loan.body),
                from: l.from.to_string(),
                returned: l
                    .returned
                    .filter(|r| *r <= ctx.as_of)
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                term_end: l.term_end.to_string(),
            })
        })
        .collect();
    // The pool over time: size and lent on each change day up to the page's date.
    let mut days: Vec<_> = ledger
        .loans()
        .flat_map(|(_, l)| std::iter::once(l.from).chain(l.returned))
        .collect();
    days.extend(
        h.timeline::<zonegov_domain::quota::QuotaPool>()
            .boundaries(),
    );
    days.retain(|d| *d <= ctx.as_of);
    days.sort();
    days.dedup();
    let mut charts = BTreeMap::new();
    charts.insert(
        "pool",
        Chart {
            categories: days.iter().map(|d| d.to_string()).collect(),
            names: vec![
                lang.pick("池容量", "Pool size").to_owned(),
                lang.pick("借出在用", "On loan").to_owned(),
            ],
            rows: vec![
                days.iter().map(|d| f64::from(ledger.size_on(*d))).collect(),
                days.iter().map(|d| f64::from(ledger.lent_on(*d))).collect(),
            ],
            kind: "line",
        },
    );
    Ok(QuotaView {
        size: ledger.size_on(ctx.as_of),
        lent: ledger.lent_on(ctx.as_of),
        balance: ledger.balance_on(ctx.as_of),
        loans: rows,
        reminders: ledger
            .reminders(ctx.as_of, within)
            .into_iter()
            .map(|r| (r.loan.to_string(), r.term_end.to_string(), r.days_left))
            .collect(),
        charts,
    })
}

pub async fn quota(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Query(o): Query<Opts>,
) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let within = within_days(&ctx, &o)?;
    let unmask = unmasked(&state, &ctx, &ip, !o.unmask.is_empty(), "quota").await;
    let v = quota_view(&h, &ctx, within, unmask)?;
    let page = QuotaPage {
        ui: ctx.ui,
        menu: "quota",
        zone_name: zone_name(&h, &ctx),
        size: v.size,
        lent: v.lent,
        balance: v.balance,
        within,
        loans: v.loans,
        reminders: v.reminders,
        charts: v.charts,
        may_export: ctx.has(<QuotaLoan as zonegov_domain::Record>::PERMS.export),
        ctx,
    };
    render(&page.ctx, &page)
}

/// The revolving pool as a workbook: the pool over time (size, on loan, balance),
/// the loans (talents' names masked) and the terms ending within `within` days.
/// Audited as `export.quota`.
pub async fn quota_xlsx(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Query(o): Query<Opts>,
) -> Response {
    let built = async {
        let h = history(&state, &ctx).await?;
        let within = within_days(&ctx, &o)?;
        Ok::<_, PageError>((within, quota_view(&h, &ctx, within, false)?))
    };
    let (within, v) = match built.await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let ui = ctx.ui;
    let lang = ui.lang;
    let day = ctx.as_of;
    let heads = |cols: &[(&str, &str)]| -> Vec<String> {
        cols.iter()
            .map(|(zh, en)| lang.pick(zh, en).to_owned())
            .collect()
    };
    let mut pool = match v.charts.get("pool") {
        Some(c) => c.table(
            ui.t("quota_pool"),
            format!("{}（{day}）", ui.t("quota_pool")),
            lang.pick("日期", "Date"),
        ),
        None => Table {
            sheet: ui.t("quota_pool").to_owned(),
            title: String::new(),
            header: Vec::new(),
            rows: Vec::new(),
        },
    };
    pool.header.push(lang.pick("余额", "Balance").to_owned());
    for r in &mut pool.rows {
        if let (Some(Cell::Number(size)), Some(Cell::Number(lent))) = (r.get(1), r.get(2)) {
            let balance = size - lent;
            r.push(Cell::Number(balance));
        }
    }
    let tables = vec![
        pool,
        Table {
            sheet: lang.pick("借用明细", "Loans").to_owned(),
            title: format!(
                "{}（{day}）",
                lang.pick("周转编制借用明细", "Revolving quota loans")
            ),
            header: heads(&[
                ("代码", "Code"),
                ("人才(脱敏)", "Talent (masked)"),
                ("用编单位", "Body"),
                ("借用日", "Lent on"),
                ("归还日", "Returned on"),
                ("期满日", "Term ends"),
            ]),
            rows: v
                .loans
                .into_iter()
                .map(|l| {
                    [l.code, l.talent, l.body, l.from, l.returned, l.term_end]
                        .into_iter()
                        .map(Cell::Text)
                        .collect()
                })
                .collect(),
        },
        Table {
            sheet: lang.pick("到期提醒", "Reminders").to_owned(),
            title: format!(
                "{}（{day}，{within} {}）",
                lang.pick("期满提醒", "Terms ending"),
                lang.pick("天内", "days")
            ),
            header: heads(&[
                ("借用", "Loan"),
                ("期满日", "Term ends"),
                ("剩余天数", "Days left"),
            ]),
            rows: v
                .reminders
                .into_iter()
                .map(|(loan, end, left)| {
                    vec![Cell::Text(loan), Cell::Text(end), Cell::Number(left as f64)]
                })
                .collect(),
        },
    ];
    crate::records::export::xlsx_book(
        &state,
        &ctx,
        &ip,
        "export.quota",
        serde_json::json!({ "as_of": day, "within": within }),
        &format!("revolving-quota-{day}.xlsx"),
        tables,
    )
    .await
}

//! The adjustment pages. Handlers read the form, call the use case with the
//! signed-in user as actor and today as the step's day, and redirect or show the
//! error (a refused publication lists every failure).

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::forms::{Fields, FormRejection, FromFields, TypedForm, TypedQuery};
use crate::i18n::Ui;
use crate::pages::render;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::BTreeSet;
use std::sync::LazyLock;
use zonegov_app::power::adjust::{
    Actor, AdjustAppError, Adjuster, DraftInput, calendar, item_diff, item_history,
};
use zonegov_domain::auth::{Permission, Visible};
use zonegov_domain::power::adjustment::{AdjustConfig, Kind, ProposedItem, Status, Trigger};
use zonegov_domain::power::citation::parse_citations;
use zonegov_domain::power::{BasisRole, Responsibility};
use zonegov_domain::{Code, Lang, NaiveDate, Name, PowerItem};

static CONFIG: LazyLock<AdjustConfig> = LazyLock::new(AdjustConfig::default);

/// The shipped national calendar; a broken file (a build defect, tested in the app)
/// falls back to weekdays only, loudly.
static CALENDAR: LazyLock<zonegov_domain::workday::WorkCalendar> =
    LazyLock::new(|| match calendar::national() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "national working-day calendar unreadable");
            Default::default()
        }
    });

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn adjuster(state: &AppState) -> Adjuster<'_> {
    Adjuster::new(state.store.as_ref(), &CONFIG, &CALENDAR)
}

/// The signed-in user as the use cases' actor.
struct Who {
    perms: BTreeSet<Permission>,
    visible: Visible,
    name: String,
    ip: String,
}

impl Who {
    fn of(ctx: &Ctx, ip: &str) -> Self {
        Self {
            perms: ctx
                .me
                .as_ref()
                .map(|m| m.permissions.as_ref().clone())
                .unwrap_or_default(),
            visible: ctx.visible(),
            name: ctx.me_name().to_owned(),
            ip: ip.to_owned(),
        }
    }

    fn actor(&self) -> Actor<'_> {
        Actor {
            username: &self.name,
            ip: &self.ip,
            permissions: &self.perms,
            visible: &self.visible,
        }
    }
}

fn app_error(ui: Ui, e: AdjustAppError) -> Response {
    let status = match &e {
        AdjustAppError::NotFound(_) => StatusCode::NOT_FOUND,
        AdjustAppError::Denied(_) => StatusCode::FORBIDDEN,
        AdjustAppError::Store(zonegov_store::StoreError::Conflict(_)) => StatusCode::CONFLICT,
        AdjustAppError::Store(_) => return PageError::internal(ui, e).into_response(),
        _ => StatusCode::BAD_REQUEST,
    };
    PageError {
        ui,
        status,
        message: e.to_string(),
    }
    .into_response()
}

pub struct QueueRow {
    pub id: i64,
    pub title: String,
    pub kind: &'static str,
    pub trigger: &'static str,
    pub body: String,
    pub status: &'static str,
    pub due: String,
    pub overdue: bool,
    pub by_system: bool,
}

#[derive(Template)]
#[template(path = "power_adjust_queue.html")]
struct QueuePage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    queue: Vec<QueueRow>,
    all: Vec<QueueRow>,
    may_draft: bool,
}

pub async fn queue(ctx: Ctx, State(state): State<AppState>, ip: ClientIp) -> Response {
    let who = Who::of(&ctx, &ip.0);
    let adj = adjuster(&state);
    let lang = ctx.ui.lang;
    let today = today();
    let (queue, all) = match async {
        Ok::<_, AdjustAppError>((
            adj.work_queue(&who.actor(), today).await?,
            adj.list(&who.actor()).await?,
        ))
    }
    .await
    {
        Ok(x) => x,
        Err(e) => return app_error(ctx.ui, e),
    };
    let row = |a: &zonegov_domain::power::adjustment::Adjustment| {
        let d = adj.deadline_of(a, today);
        QueueRow {
            id: a.id,
            title: a.title.clone(),
            kind: a.kind.label(lang),
            trigger: a.trigger.label(lang),
            body: a.body.to_string(),
            status: a.status.label(lang),
            due: d
                .and_then(|d| d.due)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            overdue: d.is_some_and(|d| d.overdue),
            by_system: a.by_system,
        }
    };
    let page = QueuePage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "adjust",
        zone_name: String::new(),
        queue: queue.iter().map(|e| row(&e.adjustment)).collect(),
        all: all.iter().map(row).collect(),
        may_draft: ctx.has(zonegov_domain::auth::permission::ADJUST_DRAFT),
    };
    match render(&ctx, &page) {
        Ok(html) => html.into_response(),
        Err(e) => e.into_response(),
    }
}

pub struct StepRow {
    pub step: &'static str,
    pub decision: String,
    pub actor: String,
    pub role: String,
    pub day: String,
    pub due: String,
    pub late: bool,
    pub notes: String,
}

#[derive(Template)]
#[template(path = "power_adjust_detail.html")]
struct DetailPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    id: i64,
    title: String,
    kind: &'static str,
    trigger: String,
    body: String,
    status: &'static str,
    due: String,
    overdue: bool,
    doc_no: String,
    effective: String,
    draft: Vec<(String, String)>,
    steps: Vec<StepRow>,
    /// (form action path, label key) for each review action the user may take.
    actions: Vec<&'static str>,
    review_path: &'static str,
}

pub async fn detail(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> Response {
    let who = Who::of(&ctx, &ip.0);
    let adj = adjuster(&state);
    let lang = ctx.ui.lang;
    let a = match adj.get(&who.actor(), id).await {
        Ok(a) => a,
        Err(e) => return app_error(ctx.ui, e),
    };
    let steps = match adj.steps(&who.actor(), id).await {
        Ok(s) => s,
        Err(e) => return app_error(ctx.ui, e),
    };
    let d = adj.deadline_of(&a, today());
    let page = DetailPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "adjust",
        zone_name: String::new(),
        id,
        title: a.title.clone(),
        kind: a.kind.label(lang),
        trigger: format!("{}（{}）", a.trigger.label(lang), a.trigger_date),
        body: a.body.to_string(),
        status: a.status.label(lang),
        due: d
            .and_then(|d| d.due)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        overdue: d.is_some_and(|d| d.overdue),
        doc_no: a.doc_no.clone().unwrap_or_default(),
        effective: a.effective.map(|d| d.to_string()).unwrap_or_default(),
        draft: a
            .draft
            .iter()
            .map(|p| {
                (
                    p.code.to_string(),
                    p.item
                        .as_ref()
                        .map(|i| {
                            format!(
                                "{} · {} · {}",
                                i.full_name(),
                                i.body,
                                i.handling_unit.clone().unwrap_or_default()
                            )
                        })
                        .unwrap_or_else(|| ctx.ui.t("adjust_ends_item").to_owned()),
                )
            })
            .collect(),
        steps: steps
            .iter()
            .map(|s| StepRow {
                step: s.step.label(lang),
                decision: s.decision.clone(),
                actor: s.actor.clone(),
                role: s.role.clone(),
                day: s.day.to_string(),
                due: s.due.map(|d| d.to_string()).unwrap_or_default(),
                late: s.late(),
                notes: s.notes.clone(),
            })
            .collect(),
        actions: adj.actions_for(&who.actor(), &a),
        review_path: match a.status {
            Status::LegalReview => "legal",
            Status::StaffingReview => "staffing",
            Status::Approval => "approve",
            _ => "",
        },
    };
    match render(&ctx, &page) {
        Ok(html) => html.into_response(),
        Err(e) => e.into_response(),
    }
}

/// A review decision: pass, or reject with the reason in `notes`.
pub struct ReviewForm {
    reject: bool,
    notes: String,
}

impl FromFields for ReviewForm {
    fn from_fields(f: &Fields, ui: Ui) -> Result<Self, String> {
        let reject = match f.trimmed("decision").as_str() {
            "" | "pass" => false,
            "reject" => true,
            other => {
                return Err(format!(
                    "{}: decision = {other:?}",
                    ui.t("adjust_bad_field")
                ));
            }
        };
        Ok(Self {
            reject,
            notes: f.bounded("notes", 2_000)?,
        })
    }
}

async fn review(
    ctx: Ctx,
    state: AppState,
    ip: ClientIp,
    id: i64,
    expected: Status,
    form: Result<TypedForm<ReviewForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(TypedForm(f)) => f,
        Err(r) => return r.into_response(),
    };
    let who = Who::of(&ctx, &ip.0);
    let adj = adjuster(&state);
    let done = if form.reject {
        match adj.get(&who.actor(), id).await {
            Ok(a) if a.status != expected => Err(AdjustAppError::Invalid(format!(
                "{} / {}",
                a.status.label(Lang::Zh),
                a.status.label(Lang::En)
            ))),
            Ok(_) => adj.reject(&who.actor(), id, &form.notes, today()).await,
            Err(e) => Err(e),
        }
    } else {
        adj.pass(&who.actor(), id, expected, &form.notes, today())
            .await
    };
    match done {
        Ok(_) => Redirect::to(&format!("/power/adjustments/{id}")).into_response(),
        Err(e) => app_error(ctx.ui, e),
    }
}

pub async fn legal(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
    form: Result<TypedForm<ReviewForm>, FormRejection>,
) -> Response {
    review(ctx, state, ip, id, Status::LegalReview, form).await
}

pub async fn staffing(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
    form: Result<TypedForm<ReviewForm>, FormRejection>,
) -> Response {
    review(ctx, state, ip, id, Status::StaffingReview, form).await
}

pub async fn approve(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
    form: Result<TypedForm<ReviewForm>, FormRejection>,
) -> Response {
    review(ctx, state, ip, id, Status::Approval, form).await
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> Response {
    let who = Who::of(&ctx, &ip.0);
    match adjuster(&state).submit(&who.actor(), id, today()).await {
        Ok(_) => Redirect::to(&format!("/power/adjustments/{id}")).into_response(),
        Err(e) => app_error(ctx.ui, e),
    }
}

pub async fn withdraw(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> Response {
    let who = Who::of(&ctx, &ip.0);
    match adjuster(&state).withdraw(&who.actor(), id, today()).await {
        Ok(_) => Redirect::to(&format!("/power/adjustments/{id}")).into_response(),
        Err(e) => app_error(ctx.ui, e),
    }
}

pub struct PublishForm {
    doc_no: String,
    effective: NaiveDate,
}

impl FromFields for PublishForm {
    fn from_fields(f: &Fields, ui: Ui) -> Result<Self, String> {
        let doc_no = f.bounded("doc_no", 100)?;
        if doc_no.is_empty() {
            return Err(format!("{}: doc_no", ui.t("adjust_bad_field")));
        }
        let raw = f.trimmed("effective");
        let effective = zonegov_domain::day::parse_day(&raw)
            .map_err(|e| format!("{}: effective = {raw:?}: {e}", ui.t("adjust_bad_field")))?;
        Ok(Self { doc_no, effective })
    }
}

pub async fn publish(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
    form: Result<TypedForm<PublishForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(TypedForm(f)) => f,
        Err(r) => return r.into_response(),
    };
    let who = Who::of(&ctx, &ip.0);
    let done = adjuster(&state)
        .publish(
            &who.actor(),
            id,
            &form.doc_no,
            form.effective,
            today(),
            Default::default(),
        )
        .await;
    match done {
        Ok(_) => Redirect::to(&format!("/power/adjustments/{id}")).into_response(),
        Err(e) => app_error(ctx.ui, e),
    }
}

#[derive(Template)]
#[template(path = "power_adjust_new.html")]
struct NewPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    kinds: Vec<(&'static str, &'static str)>,
    triggers: Vec<(&'static str, &'static str)>,
    today: String,
}

pub async fn new_form(ctx: Ctx) -> Response {
    let lang = ctx.ui.lang;
    let page = NewPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "adjust",
        zone_name: String::new(),
        kinds: Kind::ALL
            .iter()
            .map(|k| (k.code(), k.label(lang)))
            .collect(),
        triggers: Trigger::ALL
            .iter()
            .map(|t| (t.code(), t.label(lang)))
            .collect(),
        today: today().to_string(),
    };
    match render(&ctx, &page) {
        Ok(html) => html.into_response(),
        Err(e) => e.into_response(),
    }
}

/// The new-adjustment form: one item per adjustment from the web (the store and
/// the use case take several). A change names only the fields that change; an add
/// or take-over gives the whole item (basis as published text, one duty per line
/// as `受理：…`); a cancel or delegation down gives only the code.
pub struct NewForm {
    kind: Kind,
    trigger: Trigger,
    trigger_date: NaiveDate,
    body: Code,
    title: String,
    code: Code,
    name_zh: String,
    item_type: String,
    handling_unit: String,
    new_body: Option<Code>,
    basis: String,
    duties: String,
}

impl FromFields for NewForm {
    fn from_fields(f: &Fields, ui: Ui) -> Result<Self, String> {
        let bad = |field: &str, value: String| {
            format!("{}: {field} = {value:?}", ui.t("adjust_bad_field"))
        };
        let kind = Kind::parse(&f.text("kind")).map_err(|_| bad("kind", f.text("kind")))?;
        let trigger =
            Trigger::parse(&f.text("trigger")).map_err(|_| bad("trigger", f.text("trigger")))?;
        let raw = f.trimmed("trigger_date");
        let trigger_date =
            zonegov_domain::day::parse_day(&raw).map_err(|_| bad("trigger_date", raw.clone()))?;
        Ok(Self {
            kind,
            trigger,
            trigger_date,
            body: f.code("body")?,
            title: f.bounded("title", 200)?,
            code: f.code("code")?,
            name_zh: f.bounded("name_zh", 300)?,
            item_type: f.bounded("item_type", 20)?,
            handling_unit: f.bounded("handling_unit", 100)?,
            new_body: f.optional_code("new_body")?,
            basis: f.bounded("basis", 5_000)?,
            duties: {
                f.bounded("duties", 20_000)?;
                f.text("duties")
            },
        })
    }
}

fn duties(text: &str) -> Vec<Responsibility> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (step, duty) = l
                .split_once('：')
                .or_else(|| l.split_once(':'))
                .unwrap_or(("", l));
            Responsibility {
                step: step.trim().trim_end_matches("责任").to_owned(),
                duty: duty.trim().to_owned(),
                basis: vec![],
            }
        })
        .collect()
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    form: Result<TypedForm<NewForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(TypedForm(f)) => f,
        Err(r) => return r.into_response(),
    };
    let store = state.store.as_ref();
    let item = match form.kind {
        Kind::Cancel | Kind::DelegateDown => None,
        Kind::Change => {
            let current = match zonegov_store::as_of::<PowerItem>(
                store.records(),
                form.trigger_date,
                &Visible::everything(),
            )
            .await
            {
                Ok(list) => list.into_iter().find(|v| v.code == form.code),
                Err(e) => return PageError::internal(ctx.ui, e).into_response(),
            };
            let Some(current) = current else {
                return PageError::bad_request(
                    ctx.ui,
                    format!("{}: code = {}", ctx.ui.t("adjust_not_on_list"), form.code),
                )
                .into_response();
            };
            let mut item = current.attrs;
            if !form.name_zh.is_empty() {
                item.name.zh = form.name_zh.clone();
            }
            if !form.handling_unit.is_empty() {
                item.handling_unit = Some(form.handling_unit.clone());
            }
            if let Some(b) = &form.new_body {
                item.body = b.clone();
            }
            Some(item)
        }
        Kind::Add | Kind::TakeOver => Some(PowerItem {
            name: Name::new(form.name_zh.clone(), ""),
            sub_item: None,
            item_type: form.item_type.clone(),
            body: form.new_body.clone().unwrap_or_else(|| form.body.clone()),
            handling_unit: (!form.handling_unit.is_empty()).then(|| form.handling_unit.clone()),
            level: None,
            basis: parse_citations(&form.basis, BasisRole::Implementing),
            responsibilities: duties(&form.duties),
            accountability: vec![],
            supervision_phone: None,
            remarks: None,
            provenance: Default::default(),
        }),
    };
    let who = Who::of(&ctx, &ip.0);
    let input = DraftInput {
        kind: form.kind,
        trigger: form.trigger,
        trigger_date: form.trigger_date,
        body: form.body,
        title: form.title,
        draft: vec![ProposedItem {
            code: form.code,
            item,
        }],
    };
    match adjuster(&state).draft(&who.actor(), input).await {
        Ok(id) => Redirect::to(&format!("/power/adjustments/{id}")).into_response(),
        Err(e) => app_error(ctx.ui, e),
    }
}

/// `?from=&to=` for the history page (defaults: a year ago and today).
pub struct HistoryQuery {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl FromFields for HistoryQuery {
    fn from_fields(f: &Fields, ui: Ui) -> Result<Self, String> {
        let day = |name: &str| match f.trimmed(name).as_str() {
            "" => Ok(None),
            v => zonegov_domain::day::parse_day(v)
                .map(Some)
                .map_err(|_| format!("{}: {name} = {v:?}", ui.t("adjust_bad_field"))),
        };
        Ok(Self {
            from: day("from")?,
            to: day("to")?,
        })
    }
}

pub struct VersionRow {
    pub from: String,
    pub to: String,
    pub change: String,
    pub name: String,
    pub body: String,
    pub unit: String,
}

#[derive(Template)]
#[template(path = "power_adjust_history.html")]
struct HistoryPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    code: String,
    versions: Vec<VersionRow>,
    from: String,
    to: String,
    fields: Vec<(String, String, String)>,
}

pub async fn history(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(code): Path<String>,
    query: Result<TypedQuery<HistoryQuery>, FormRejection>,
) -> Response {
    let q = match query {
        Ok(TypedQuery(q)) => q,
        Err(r) => return r.into_response(),
    };
    let Ok(code) = Code::parse(&code) else {
        return PageError::not_found(ctx.ui, code).into_response();
    };
    let versions = match item_history(state.store.as_ref(), &ctx.visible(), &code).await {
        Ok(v) => v,
        Err(e) => return app_error(ctx.ui, e),
    };
    if versions.is_empty() {
        return PageError::not_found(ctx.ui, code.to_string()).into_response();
    }
    let to = q.to.unwrap_or_else(today);
    let from = q.from.unwrap_or_else(|| to - chrono::Duration::days(365));
    let fields = match item_diff(&versions, from, to) {
        Ok(f) => f,
        Err(e) => return app_error(ctx.ui, e),
    };
    let page = HistoryPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "adjust",
        zone_name: String::new(),
        code: code.to_string(),
        versions: versions
            .iter()
            .map(|v| VersionRow {
                from: v.period.from().to_string(),
                to: v.period.to().map(|d| d.to_string()).unwrap_or_default(),
                change: v.change.to_string(),
                name: v.attrs.full_name(),
                body: v.attrs.body.to_string(),
                unit: v.attrs.handling_unit.clone().unwrap_or_default(),
            })
            .collect(),
        from: from.to_string(),
        to: to.to_string(),
        fields: fields
            .into_iter()
            .map(|f| (f.field, f.before.to_string(), f.after.to_string()))
            .collect(),
    };
    match render(&ctx, &page) {
        Ok(html) => html.into_response(),
        Err(e) => e.into_response(),
    }
}

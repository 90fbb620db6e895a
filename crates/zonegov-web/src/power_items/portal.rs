//! The public portal of the power list (no sign-in): browse by body and by type
//! with counts, ranked full-text search with highlights, one item's page, and the
//! changes since a date; the same as JSON under `/api/v1/public/power-items`.
//!
//! Only the published item is shown: every field below is copied by name from the
//! published `PowerItem` into [`PublicItem`]; drafts and reviewers' notes live in
//! other tables (the adjustment workflow) and have no way onto these pages.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::{Ctx, query_param};
use crate::error::{ApiError, PageError};
use crate::i18n::Ui;
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;
use zonegov_domain::auth::Visible;
use zonegov_domain::power::PowerCatalog;
use zonegov_domain::record::StoredVersion;
use zonegov_domain::search::{SearchQueryText, highlight, parse_query};
use zonegov_domain::{Code, Institution, Lang, NaiveDate, PowerItem, Record, ZoneHistory};
use zonegov_store::{SearchQuery, VersionQuery};

/// Hits per search page, and the deepest page served (ranked results deeper than
/// this are not useful and cost the engines most).
const PAGE: u32 = 20;
const MAX_PAGE: u32 = 50;
/// Items per browse page and per changes feed.
const LIST: u32 = 50;

/// A piece of text, marked when it matched the search.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Mark {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicCitation {
    pub text: String,
    /// 设定依据 or 实施依据, in the page's language.
    pub role: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicDuty {
    pub step: String,
    pub duty: String,
    pub basis: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicAccountability {
    pub situation: String,
    pub basis: Vec<String>,
}

/// One published item, as the public may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicItem {
    pub code: String,
    pub name: String,
    pub sub_item: Option<String>,
    pub item_type: String,
    pub item_type_name: String,
    pub body: String,
    pub body_name: String,
    pub handling_unit: Option<String>,
    pub level: Option<String>,
    pub basis: Vec<PublicCitation>,
    pub responsibilities: Vec<PublicDuty>,
    pub accountability: Vec<PublicAccountability>,
    pub supervision_phone: Option<String>,
    pub remarks: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// Whether the item is made-up demonstration data.
    pub illustrative: bool,
}

/// A line of a list: browse, search or changes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicLine {
    pub code: String,
    pub name: Vec<Mark>,
    pub item_type_name: String,
    pub body_name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// A matching duty or basis line, marked (search only).
    pub snippet: Vec<Mark>,
    /// Signed-in staff only: a draft of the adjustment workflow, not published.
    pub draft: bool,
    /// The draft's adjustment, where staff follow the link instead of the
    /// published item's page (a new item has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Count {
    pub code: String,
    pub name: String,
    pub items: u64,
    pub responsibilities: u64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Overview {
    pub as_of: NaiveDate,
    pub items: u64,
    pub responsibilities: u64,
    pub by_body: Vec<Count>,
    pub by_type: Vec<Count>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchResults {
    pub q: String,
    pub page: u32,
    pub hits: Vec<PublicLine>,
    /// Whether a next page may hold more.
    pub more: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemPage {
    pub item: PublicItem,
    /// Every version: from, to, name.
    pub versions: Vec<PublicLine>,
}

/// What the pages need to name bodies and types.
struct Names {
    history: Option<std::sync::Arc<ZoneHistory>>,
    catalog: PowerCatalog,
    lang: Lang,
    day: NaiveDate,
}

impl Names {
    async fn load(state: &AppState, lang: Lang, day: NaiveDate) -> Result<Self, String> {
        let history = state
            .cache
            .snapshots
            .history(state.store.as_ref())
            .await
            .map_err(|e| e.to_string())?;
        Ok(Self {
            history,
            catalog: PowerCatalog::standard(),
            lang,
            day,
        })
    }

    fn body(&self, code: &Code) -> String {
        self.history
            .as_ref()
            .and_then(|h| h.kind(Institution::KIND))
            .and_then(|t| t.label(code, self.day, self.lang))
            .unwrap_or_else(|| code.to_string())
    }

    fn item_type(&self, code: &str) -> String {
        self.catalog
            .type_by_code(code)
            .map(|t| t.name.get(self.lang).to_owned())
            .unwrap_or_else(|| code.to_owned())
    }
}

fn marks(text: &str, q: Option<&SearchQueryText>) -> Vec<Mark> {
    match q {
        Some(q) => highlight(text, q)
            .into_iter()
            .map(|s| Mark {
                text: s.text,
                hit: s.hit,
            })
            .collect(),
        None => vec![Mark {
            text: text.to_owned(),
            hit: false,
        }],
    }
}

fn decode(v: &StoredVersion) -> Result<PowerItem, String> {
    serde_json::from_value(v.attrs.clone()).map_err(|e| format!("{}: {e}", v.code))
}

fn line(
    v: &StoredVersion,
    item: &PowerItem,
    names: &Names,
    q: Option<&SearchQueryText>,
) -> PublicLine {
    // The first duty, situation or basis line that holds a match, for context.
    let snippet = q
        .and_then(|q| {
            let text = item.search_text()?;
            [text.body, text.basis]
                .iter()
                .flat_map(|t| t.lines())
                .map(|l| marks(l, Some(q)))
                .find(|m| m.iter().any(|s| s.hit))
        })
        .unwrap_or_default();
    PublicLine {
        code: v.code.to_string(),
        name: marks(&item.full_name(), q),
        item_type_name: names.item_type(&item.item_type),
        body_name: names.body(&item.body),
        valid_from: v.period.from(),
        valid_to: v.period.to(),
        snippet,
        draft: false,
        adjustment: None,
    }
}

fn public_item(v: &StoredVersion, item: PowerItem, names: &Names) -> PublicItem {
    let cites = |cs: &[zonegov_domain::power::Citation]| cs.iter().map(|c| c.to_string()).collect();
    PublicItem {
        code: v.code.to_string(),
        name: item.name.zh.clone(),
        item_type_name: names.item_type(&item.item_type),
        body_name: names.body(&item.body),
        body: item.body.to_string(),
        basis: item
            .basis
            .iter()
            .map(|c| PublicCitation {
                text: c.to_string(),
                role: c.role.label(names.lang).to_owned(),
            })
            .collect(),
        responsibilities: item
            .responsibilities
            .iter()
            .map(|r| PublicDuty {
                step: r.step.clone(),
                duty: r.duty.clone(),
                basis: cites(&r.basis),
            })
            .collect(),
        accountability: item
            .accountability
            .iter()
            .map(|a| PublicAccountability {
                situation: a.situation.clone(),
                basis: cites(&a.basis),
            })
            .collect(),
        illustrative: item.provenance.source == zonegov_domain::Source::Illustrative,
        sub_item: item.sub_item,
        item_type: item.item_type,
        handling_unit: item.handling_unit,
        level: item.level,
        supervision_phone: item.supervision_phone,
        remarks: item.remarks,
        valid_from: v.period.from(),
        valid_to: v.period.to(),
    }
}

// ---- what pages and API share ----

async fn overview(state: &AppState, names: &Names) -> Result<Overview, String> {
    let tally = state
        .store
        .records()
        .tally(PowerItem::KIND, names.day, None)
        .await
        .map_err(|e| e.to_string())?;
    let mut bodies: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut types: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for t in &tally {
        let b = bodies
            .entry(t.owner.as_ref().map(|c| c.to_string()).unwrap_or_default())
            .or_default();
        b.0 += t.count;
        b.1 += t.weight;
        let f = types
            .entry(t.facet.clone().unwrap_or_default())
            .or_default();
        f.0 += t.count;
        f.1 += t.weight;
    }
    let count = |code: String, (items, responsibilities): (u64, u64), name: String| Count {
        code,
        name,
        items,
        responsibilities,
    };
    let mut by_body: Vec<Count> = bodies
        .into_iter()
        .map(|(code, n)| {
            let name = Code::parse(&code)
                .map(|c| names.body(&c))
                .unwrap_or_else(|_| code.clone());
            count(code, n, name)
        })
        .collect();
    by_body.sort_by(|a, b| b.items.cmp(&a.items).then(a.code.cmp(&b.code)));
    let mut by_type: Vec<Count> = types
        .into_iter()
        .map(|(code, n)| {
            let name = names.item_type(&code);
            count(code, n, name)
        })
        .collect();
    by_type.sort_by(|a, b| b.items.cmp(&a.items).then(a.code.cmp(&b.code)));
    Ok(Overview {
        as_of: names.day,
        items: by_type.iter().map(|c| c.items).sum(),
        responsibilities: by_type.iter().map(|c| c.responsibilities).sum(),
        by_body,
        by_type,
    })
}

/// The unpublished drafts a signed-in user may see that match the search (the
/// adjustment workflow's open proposals in the user's data scope, with the list's
/// view permission), as lines with `draft: true` linking to their adjustment.
/// Anonymous visitors never get drafts: `ctx.me` is `None` on the portal.
async fn staff_draft_hits(
    ctx: &Ctx,
    state: &AppState,
    names: &Names,
    q: &SearchQueryText,
) -> Result<Vec<PublicLine>, String> {
    let Some(me) = ctx.me.as_ref() else {
        return Ok(Vec::new());
    };
    let visible = ctx.visible();
    let actor = zonegov_app::power::adjust::Actor {
        username: ctx.me_name(),
        // Reading drafts writes no audit entry, so no address is needed.
        ip: "",
        permissions: me.permissions.as_ref(),
        visible: &visible,
    };
    let found = crate::power_adjust::adjuster(state)
        .matching_drafts(&actor, q)
        .await
        .map_err(|e| e.to_string())?;
    Ok(found
        .into_iter()
        .map(|(a, code, item)| {
            let snippet = item
                .search_text()
                .and_then(|text| {
                    [text.body, text.basis]
                        .iter()
                        .flat_map(|t| t.lines())
                        .map(|l| marks(l, Some(q)))
                        .find(|m| m.iter().any(|s| s.hit))
                })
                .unwrap_or_default();
            PublicLine {
                code: code.to_string(),
                name: marks(&item.full_name(), Some(q)),
                item_type_name: names.item_type(&item.item_type),
                body_name: names.body(&item.body),
                valid_from: a.effective.unwrap_or(names.day),
                valid_to: None,
                snippet,
                draft: true,
                adjustment: Some(a.id),
            }
        })
        .collect())
}

/// Drafts first (staff look for their own work), then the published hits.
pub fn merge_hits(drafts: Vec<PublicLine>, published: Vec<PublicLine>) -> Vec<PublicLine> {
    drafts.into_iter().chain(published).collect()
}

async fn search_results(
    ctx: &Ctx,
    state: &AppState,
    names: &Names,
    q: String,
    page: u32,
) -> Result<SearchResults, String> {
    let page = page.clamp(1, MAX_PAGE);
    let Some(parsed) = parse_query(&q) else {
        return Ok(SearchResults {
            q,
            page,
            hits: Vec::new(),
            more: false,
        });
    };
    let found = state
        .store
        .records()
        .search(&SearchQuery {
            kind: PowerItem::KIND,
            text: &q,
            as_of: Some(names.day),
            scope: None,
            limit: PAGE + 1,
            offset: (page - 1) * PAGE,
        })
        .await
        .map_err(|e| e.to_string())?;
    let more = found.len() > PAGE as usize;
    let mut hits = Vec::new();
    for h in found.iter().take(PAGE as usize) {
        let item = decode(&h.version)?;
        hits.push(line(&h.version, &item, names, Some(&parsed)));
    }
    let drafts = if page == 1 {
        staff_draft_hits(ctx, state, names, &parsed).await?
    } else {
        Vec::new()
    };
    Ok(SearchResults {
        q,
        page,
        hits: merge_hits(drafts, hits),
        more,
    })
}

async fn item_page(
    state: &AppState,
    names: &Names,
    code: &str,
) -> Result<Option<ItemPage>, String> {
    let Ok(code) = Code::parse(code) else {
        return Ok(None);
    };
    let all = Visible::everything();
    let versions = state
        .store
        .records()
        .versions(&VersionQuery {
            code: Some(&code),
            ..VersionQuery::scoped::<PowerItem>(&all)
        })
        .await
        .map_err(|e| e.to_string())?;
    // The version valid on the day, else the latest (an item since abolished).
    let Some(current) = versions
        .iter()
        .find(|v| v.period.contains(names.day))
        .or_else(|| versions.last())
    else {
        return Ok(None);
    };
    let item = public_item(current, decode(current)?, names);
    let mut lines = Vec::new();
    for v in &versions {
        lines.push(line(v, &decode(v)?, names, None));
    }
    Ok(Some(ItemPage {
        item,
        versions: lines,
    }))
}

async fn changes(
    state: &AppState,
    names: &Names,
    since: NaiveDate,
) -> Result<Vec<PublicLine>, String> {
    let rows = state
        .store
        .records()
        .changed_since(PowerItem::KIND, since, names.day, LIST)
        .await
        .map_err(|e| e.to_string())?;
    rows.iter()
        .map(|v| Ok(line(v, &decode(v)?, names, None)))
        .collect()
}

fn since_param(uri: &Uri, day: NaiveDate) -> Result<NaiveDate, String> {
    match query_param(uri, "since") {
        Some(s) if !s.trim().is_empty() => {
            zonegov_domain::day::parse_day(&s).map_err(|e| format!("since={s}: {e}"))
        }
        _ => Ok(day - chrono::Duration::days(90)),
    }
}

fn q_param(uri: &Uri) -> String {
    query_param(uri, "q")
        .unwrap_or_default()
        .trim()
        .chars()
        .take(zonegov_domain::search::MAX_QUERY_CHARS)
        .collect()
}

fn page_param(uri: &Uri) -> u32 {
    query_param(uri, "page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
}

// ---- pages ----

#[derive(Template)]
#[template(path = "power_portal.html")]
struct PortalPage {
    ui: Ui,
    ctx: Ctx,
    section: &'static str,
    title: String,
    overview: Option<Overview>,
    lines: Vec<PublicLine>,
    results: Option<SearchResults>,
    item: Option<ItemPage>,
    since: String,
    /// The filter of a browse list: `body=N04` or `type=CF`, and the next page's key.
    filter: String,
    next: Option<String>,
    q: String,
}

impl PortalPage {
    fn new(ctx: &Ctx, section: &'static str, title: String) -> Self {
        Self {
            ui: ctx.ui,
            ctx: ctx.clone(),
            section,
            title,
            overview: None,
            lines: Vec::new(),
            results: None,
            item: None,
            since: String::new(),
            filter: String::new(),
            next: None,
            q: String::new(),
        }
    }
}

fn too_many(ui: Ui) -> Response {
    PageError::too_many(ui).into_response()
}

/// The overview (counts by body and type), or one body's or type's items.
pub async fn browse(
    ctx: Ctx,
    uri: Uri,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let ui = ctx.ui;
    let err = |e: String| PageError::internal(ui, e);
    let names = Names::load(&state, ui.lang, ctx.as_of).await.map_err(err)?;
    let body = query_param(&uri, "body").and_then(|b| Code::parse(&b).ok());
    let facet = query_param(&uri, "type").filter(|t| names.catalog.type_by_code(t).is_some());
    let mut page = PortalPage::new(&ctx, "browse", ui.t("power_list").to_owned());
    if body.is_some() || facet.is_some() {
        let after = query_param(&uri, "after").and_then(|a| Code::parse(&a).ok());
        let all = Visible::everything();
        let rows = state
            .store
            .records()
            .versions(&VersionQuery {
                as_of: Some(ctx.as_of),
                owner: body.as_ref(),
                facet: facet.as_deref(),
                after: after.as_ref(),
                limit: Some(LIST),
                ..VersionQuery::scoped::<PowerItem>(&all)
            })
            .await
            .map_err(|e| err(e.to_string()))?;
        for v in &rows {
            page.lines
                .push(line(v, &decode(v).map_err(err)?, &names, None));
        }
        page.next = (rows.len() == LIST as usize)
            .then(|| rows.last().map(|v| v.code.to_string()))
            .flatten();
        page.filter = match (&body, &facet) {
            (Some(b), _) => {
                page.title = names.body(b);
                format!("body={b}")
            }
            (None, Some(t)) => {
                page.title = names.item_type(t);
                format!("type={t}")
            }
            _ => String::new(),
        };
        page.section = "list";
    } else {
        page.overview = Some(overview(&state, &names).await.map_err(err)?);
    }
    crate::pages::render(&ctx, &page)
}

pub async fn search_page(
    ctx: Ctx,
    uri: Uri,
    ip: ClientIp,
    State(state): State<AppState>,
) -> Response {
    let ui = ctx.ui;
    if !state.limiter.public_search.allow(&ip.0) {
        return too_many(ui);
    }
    let q = q_param(&uri);
    let result = async {
        let names = Names::load(&state, ui.lang, ctx.as_of).await?;
        search_results(&ctx, &state, &names, q.clone(), page_param(&uri)).await
    }
    .await;
    match result {
        Ok(results) => {
            let mut page = PortalPage::new(&ctx, "search", ui.t("search").to_owned());
            page.q = q;
            page.results = Some(results);
            crate::pages::render(&ctx, &page).into_response()
        }
        Err(e) => PageError::internal(ui, e).into_response(),
    }
}

pub async fn item(
    ctx: Ctx,
    Path(code): Path<String>,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let ui = ctx.ui;
    let err = |e: String| PageError::internal(ui, e);
    let names = Names::load(&state, ui.lang, ctx.as_of).await.map_err(err)?;
    let Some(found) = item_page(&state, &names, &code).await.map_err(err)? else {
        return Err(PageError::not_found(ui, ui.t("not_found")));
    };
    let mut page = PortalPage::new(&ctx, "item", found.item.name.clone());
    page.item = Some(found);
    crate::pages::render(&ctx, &page)
}

pub async fn changes_page(
    ctx: Ctx,
    uri: Uri,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let ui = ctx.ui;
    let since = since_param(&uri, ctx.as_of).map_err(|e| PageError::bad_request(ui, e))?;
    let err = |e: String| PageError::internal(ui, e);
    let names = Names::load(&state, ui.lang, ctx.as_of).await.map_err(err)?;
    let mut page = PortalPage::new(&ctx, "changes", ui.t("changes_since").to_owned());
    page.lines = changes(&state, &names, since).await.map_err(err)?;
    page.since = since.to_string();
    crate::pages::render(&ctx, &page)
}

// ---- JSON ----

/// Counts of published items by body and by type on a day.
#[utoipa::path(
    get,
    path = "/api/v1/public/power-items",
    params(("as_of" = Option<String>, Query, description = "截至日期 / As of (default today)")),
    responses((status = 200, description = "按实施主体和权力类型的事项数 / Item counts by body and type", body = Overview)),
    security(()),
    tag = "public"
)]
pub async fn api_overview(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Json<Overview>, ApiError> {
    let names = Names::load(&state, ctx.ui.lang, ctx.as_of)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(
        overview(&state, &names).await.map_err(ApiError::internal)?,
    ))
}

/// Ranked full-text search with highlights.
#[utoipa::path(
    get,
    path = "/api/v1/public/power-items/search",
    params(
        ("q" = String, Query, description = "检索词 / Search text"),
        ("page" = Option<u32>, Query, description = "页码 / Page (from 1)"),
        ("as_of" = Option<String>, Query, description = "截至日期 / As of"),
    ),
    responses(
        (status = 200, description = "按相关度排序的结果 / Ranked hits with highlights", body = SearchResults),
        (status = 429, description = "请求过多 / Too many requests", body = crate::error::ApiErrorBody)
    ),
    security(()),
    tag = "public"
)]
pub async fn api_search(
    ctx: Ctx,
    uri: Uri,
    ip: ClientIp,
    State(state): State<AppState>,
) -> Response {
    if !state.limiter.public_search.allow(&ip.0) {
        return ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: ctx.ui.t("too_many_requests").to_owned(),
        }
        .into_response();
    }
    let result = async {
        let names = Names::load(&state, ctx.ui.lang, ctx.as_of).await?;
        search_results(&ctx, &state, &names, q_param(&uri), page_param(&uri)).await
    }
    .await;
    match result {
        Ok(r) => Json(r).into_response(),
        Err(e) => ApiError::internal(e).into_response(),
    }
}

/// Items changed (started or ended) after a date.
#[utoipa::path(
    get,
    path = "/api/v1/public/power-items/changes",
    params(("since" = Option<String>, Query, description = "起始日期 / Since (default 90 days before as_of)")),
    responses(
        (status = 200, description = "变更的事项 / Changed items, newest first", body = [PublicLine]),
        (status = 400, description = "日期无效 / Invalid date", body = crate::error::ApiErrorBody)
    ),
    security(()),
    tag = "public"
)]
pub async fn api_changes(
    ctx: Ctx,
    uri: Uri,
    State(state): State<AppState>,
) -> Result<Json<Vec<PublicLine>>, ApiError> {
    let since = since_param(&uri, ctx.as_of).map_err(ApiError::bad_request)?;
    let names = Names::load(&state, ctx.ui.lang, ctx.as_of)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(
        changes(&state, &names, since)
            .await
            .map_err(ApiError::internal)?,
    ))
}

/// One published item with its version history.
#[utoipa::path(
    get,
    path = "/api/v1/public/power-items/{code}",
    params(("code" = String, Path, description = "事项编码 / Item code")),
    responses(
        (status = 200, description = "公开的事项及其版本 / The published item and its versions", body = ItemPage),
        (status = 404, description = "无此事项 / No such item", body = crate::error::ApiErrorBody)
    ),
    security(()),
    tag = "public"
)]
pub async fn api_item(
    ctx: Ctx,
    Path(code): Path<String>,
    State(state): State<AppState>,
) -> Result<Json<ItemPage>, ApiError> {
    let names = Names::load(&state, ctx.ui.lang, ctx.as_of)
        .await
        .map_err(ApiError::internal)?;
    item_page(&state, &names, &code)
        .await
        .map_err(ApiError::internal)?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no power item {code}")))
}

//! The detail page of one park or institution: its state on the as-of date, every
//! version with what changed and under which document, and its lineage.

use super::lists::quota_text;
use super::{facts_text, history, illustrative, render, source_label, zone_name};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use serde::Serialize;
use zonegov_domain::diff::{Named, diff_fields};
use zonegov_domain::{Code, EntityKind, Institution, Park, Provenance, Version, ZoneHistory};

pub struct VersionRow {
    pub from: String,
    pub to: String,
    pub name: String,
    pub doc_no: String,
    pub reason: String,
    pub changes: Vec<String>,
    pub illustrative: bool,
    pub source: &'static str,
    pub basis: String,
    pub facts: String,
    pub current: bool,
}

/// One lineage link as a sentence whose subject depends on the relation ("A 并入 B",
/// "B 分设自 A"), headed by whether the other entity is this one's predecessor or
/// successor.
pub struct LineageRow {
    pub side: &'static str,
    pub date: String,
    pub first_href: String,
    pub first_label: String,
    pub relation: &'static str,
    pub second_href: String,
    pub second_label: String,
    pub illustrative: bool,
    pub source: &'static str,
    pub basis: String,
    pub facts: String,
}

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    title: String,
    code: String,
    current: Option<Vec<(String, String)>>,
    heirs: Vec<(String, String)>,
    children: Vec<(String, String)>,
    versions: Vec<VersionRow>,
    lineage: Vec<LineageRow>,
}

trait Provenanced {
    fn provenance(&self) -> &Provenance;
}

impl Provenanced for Park {
    fn provenance(&self) -> &Provenance {
        &self.provenance
    }
}

impl Provenanced for Institution {
    fn provenance(&self) -> &Provenance {
        &self.provenance
    }
}

fn visible(ctx: &Ctx, kind: EntityKind, code: &Code) -> bool {
    let v = ctx.visible();
    match kind {
        EntityKind::Park => v.park(code),
        EntityKind::Institution => v.institution(code),
    }
}

fn href(kind: EntityKind, code: &Code) -> String {
    match kind {
        EntityKind::Park => format!("/parks/{code}"),
        EntityKind::Institution => format!("/institutions/{code}"),
    }
}

/// The entity's name as of `day`, else its last known name.
fn label(h: &ZoneHistory, kind: EntityKind, code: &Code, ctx: &Ctx) -> String {
    let lang = ctx.ui.lang;
    let name = match kind {
        EntityKind::Park => pick(h.parks.as_of(code, ctx.as_of), h.parks.versions(code))
            .map(|v| v.attrs.name.get(lang).to_owned()),
        EntityKind::Institution => pick(
            h.institutions.as_of(code, ctx.as_of),
            h.institutions.versions(code),
        )
        .map(|v| v.attrs.display_name(lang)),
    };
    format!("{} {code}", name.unwrap_or_default())
}

fn pick<'a, T>(now: Option<&'a Version<T>>, all: &'a [Version<T>]) -> Option<&'a Version<T>> {
    now.or(all.last())
}

fn version_rows<T: Named + Serialize + Provenanced>(
    h: &ZoneHistory,
    versions: &[Version<T>],
    ctx: &Ctx,
) -> Vec<VersionRow> {
    let lang = ctx.ui.lang;
    versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let change = h.change(&v.change);
            let changes = match i.checked_sub(1).and_then(|p| versions.get(p)) {
                Some(prev) => diff_fields(&prev.attrs, &v.attrs)
                    .into_iter()
                    .filter(|f| !f.field.starts_with("provenance"))
                    .map(|f| format!("{}: {} → {}", f.field, f.before, f.after))
                    .collect(),
                None => Vec::new(),
            };
            VersionRow {
                from: v.period.from().to_string(),
                to: v
                    .period
                    .to()
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| ctx.ui.t("open_ended").to_owned()),
                name: v.attrs.name().get(lang).to_owned(),
                doc_no: change.map(|c| c.doc_no.clone()).unwrap_or_default(),
                reason: change
                    .map(|c| c.reason.get(lang).to_owned())
                    .unwrap_or_default(),
                changes,
                illustrative: illustrative(v.attrs.provenance()),
                source: source_label(ctx.ui, v.attrs.provenance()),
                basis: v.attrs.provenance().basis.clone(),
                facts: facts_text(ctx.ui, v.attrs.provenance()),
                current: v.period.contains(ctx.as_of),
            }
        })
        .collect()
}

fn lineage_rows(h: &ZoneHistory, kind: EntityKind, code: &Code, ctx: &Ctx) -> Vec<LineageRow> {
    let (succ, pred) = h.lineage_of(kind, code);
    let ui = ctx.ui;
    pred.into_iter()
        .map(|l| (ui.t("predecessor"), l))
        .chain(succ.into_iter().map(|l| (ui.t("successor"), l)))
        .filter(|(_, l)| visible(ctx, kind, &l.predecessor) && visible(ctx, kind, &l.successor))
        .map(|(side, l)| {
            let ((first_href, first_label), relation, (second_href, second_label)) = l
                .sentence(ui.lang, |c| {
                    (href(kind, c) + &ctx.keep(), label(h, kind, c, ctx))
                });
            LineageRow {
                side,
                date: l.date.to_string(),
                first_href,
                first_label,
                relation,
                second_href,
                second_label,
                illustrative: illustrative(&l.provenance),
                source: source_label(ui, &l.provenance),
                basis: l.provenance.basis.clone(),
                facts: facts_text(ui, &l.provenance),
            }
        })
        .collect()
}

fn heirs(h: &ZoneHistory, kind: EntityKind, code: &Code, ctx: &Ctx) -> Vec<(String, String)> {
    h.heirs(kind, code, ctx.as_of)
        .into_iter()
        .filter(|c| c != code && visible(ctx, kind, c))
        .map(|c| (href(kind, &c), label(h, kind, &c, ctx)))
        .collect()
}

fn parse_code(ctx: &Ctx, raw: &str) -> Result<Code, PageError> {
    Code::parse(raw).map_err(|e| PageError::not_found(ctx.ui, e.to_string()))
}

/// Fields every version shows after its own: start, source, the fields the source
/// states, basis.
fn common_fields<T: Provenanced>(ui: Ui, v: &Version<T>) -> [(String, String); 4] {
    let p = v.attrs.provenance();
    let facts = facts_text(ui, p);
    [
        (ui.t("valid_from").to_owned(), v.period.from().to_string()),
        (ui.t("source").to_owned(), source_label(ui, p).to_owned()),
        (
            ui.t("facts").to_owned(),
            if facts.is_empty() {
                ui.t("none").to_owned()
            } else {
                facts
            },
        ),
        (ui.t("basis").to_owned(), p.basis.clone()),
    ]
}

/// The page for `code` of `kind`, given its versions and how to show one version.
fn entity_page<T: Named + Serialize + Provenanced>(
    ctx: &Ctx,
    h: &ZoneHistory,
    kind: EntityKind,
    code: &Code,
    versions: &[Version<T>],
    fields: impl Fn(&T) -> Vec<(String, String)>,
    children: Vec<(String, String)>,
) -> Result<EntityPage, PageError> {
    let (menu, list) = match kind {
        EntityKind::Park => ("parks", ctx.ui.t("parks")),
        EntityKind::Institution => ("institutions", ctx.ui.t("institutions")),
    };
    // Out of the user's data scope reads exactly like absent.
    if versions.is_empty() || !visible(ctx, kind, code) {
        return Err(PageError::not_found(ctx.ui, format!("{list} {code}")));
    }
    let current = versions
        .iter()
        .find(|v| v.period.contains(ctx.as_of))
        .map(|v| {
            let mut f = fields(&v.attrs);
            f.extend(common_fields(ctx.ui, v));
            f
        });
    Ok(EntityPage {
        ui: ctx.ui,
        zone_name: zone_name(h, ctx),
        menu,
        title: label(h, kind, code, ctx),
        code: code.to_string(),
        current,
        heirs: heirs(h, kind, code, ctx),
        children,
        versions: version_rows(h, versions, ctx),
        lineage: lineage_rows(h, kind, code, ctx),
        ctx: ctx.clone(),
    })
}

pub async fn park(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let code = parse_code(&ctx, &raw)?;
    let h = history(&state, &ctx).await?;
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |p: &Park| {
        let body = p
            .managing_body
            .as_ref()
            .map(|b| label(&h, EntityKind::Institution, b, &ctx));
        let boundary = if p.boundary.is_some() {
            ui.t("has_boundary")
        } else {
            ui.t("none")
        };
        vec![
            (ui.t("name").to_owned(), p.name.get(lang).to_owned()),
            (ui.t("kind").to_owned(), p.kind.label(lang).to_owned()),
            (ui.t("industries").to_owned(), p.industries.join("、")),
            (ui.t("streets").to_owned(), p.streets.join("、")),
            (ui.t("managing_body").to_owned(), body.unwrap_or_default()),
            (ui.t("boundary").to_owned(), boundary.to_owned()),
        ]
    };
    let page = entity_page(
        &ctx,
        &h,
        EntityKind::Park,
        &code,
        h.parks.versions(&code),
        fields,
        Vec::new(),
    )?;
    render(&ctx, &page)
}

pub async fn institution(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let code = parse_code(&ctx, &raw)?;
    let h = history(&state, &ctx).await?;
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |i: &Institution| {
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
            .map(|p| label(&h, EntityKind::Institution, p, &ctx));
        vec![
            (ui.t("name").to_owned(), i.name.get(lang).to_owned()),
            (ui.t("plates").to_owned(), plates),
            (ui.t("category").to_owned(), category.unwrap_or_default()),
            (ui.t("parent").to_owned(), parent.unwrap_or_default()),
            (ui.t("quotas").to_owned(), quota_text(&i.quotas, ui)),
        ]
    };
    let children = h
        .institutions
        .snapshot(ctx.as_of)
        .filter(|v| v.attrs.parent.as_ref() == Some(&code) && ctx.visible().institution(&v.code))
        .map(|v| {
            (
                href(EntityKind::Institution, &v.code),
                format!("{} {}", v.attrs.display_name(lang), v.code),
            )
        })
        .collect();
    let page = entity_page(
        &ctx,
        &h,
        EntityKind::Institution,
        &code,
        h.institutions.versions(&code),
        fields,
        children,
    )?;
    render(&ctx, &page)
}

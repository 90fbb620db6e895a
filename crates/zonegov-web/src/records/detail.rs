//! The detail page of one record of any kind: its state on the as-of date, every
//! version with what changed and under which document, its lineage, and where an
//! abolished record's work went.

use super::{facts_text, history, href, illustrative, label, parse_code, source_label, zone_name};
use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use askama::Template;
use axum::response::Html;
use zonegov_domain::diff::diff_fields;
use zonegov_domain::{Code, EntityKind, Record, Version, ZoneHistory};

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

fn visible(ctx: &Ctx, kind: EntityKind, code: &Code) -> bool {
    ctx.visible().allows(kind, code)
}

fn version_rows<T: Record>(h: &ZoneHistory, versions: &[Version<T>], ctx: &Ctx) -> Vec<VersionRow> {
    let lang = ctx.ui.lang;
    versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let change = h.change(&v.change);
            let changes = match i.checked_sub(1).and_then(|p| versions.get(p)) {
                Some(prev) => diff_fields(&prev.attrs, &v.attrs)
                    .into_iter()
                    // A confidential project's real name and a person's full name
                    // are never shown by a diff (their pages decide who sees them).
                    .filter(|f| {
                        !f.field.starts_with("provenance")
                            && !f.field.starts_with("real_name")
                            && !f.field.starts_with("headcount")
                    })
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
                name: v.attrs.display_name(lang),
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

/// Fields every version shows after its own: start, source, the fields the source
/// states, basis.
fn common_fields<T: Record>(ui: Ui, v: &Version<T>) -> [(String, String); 4] {
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

/// The page of record `code` of kind `T`, showing each version with `fields`;
/// `children` lists records below it (a body's units). Out of the user's data scope
/// reads exactly like absent, and the attempt is audited.
pub async fn page<T: Record>(
    state: &AppState,
    ctx: &Ctx,
    ip: &ClientIp,
    raw: &str,
    fields: impl Fn(&ZoneHistory, &T) -> Vec<(String, String)>,
    children: impl Fn(&ZoneHistory, &Code) -> Vec<(String, String)>,
) -> Result<Html<String>, PageError> {
    let code = parse_code(ctx, raw)?;
    let kind = T::KIND;
    let list = ctx.ui.lang.pick(T::LABEL_ZH, T::LABEL_EN);
    let h = history(state, ctx).await?;
    let versions: Vec<Version<T>> = if T::RESIDENT {
        if !visible(ctx, kind, &code) {
            super::api::audit_out_of_scope(state, ctx.me_name(), ip, kind, &code).await;
            return Err(PageError::not_found(ctx.ui, format!("{list} {code}")));
        }
        h.timeline::<T>().versions(&code).to_vec()
    } else {
        // A non-resident kind is scoped by its owner, in the query; an empty answer
        // is told apart from an absent record only to audit the attempt.
        let records = state.store.records();
        let err = |e| PageError::internal(ctx.ui, e);
        let scoped = zonegov_store::versions_of::<T>(records, &code, &ctx.visible())
            .await
            .map_err(err)?;
        if scoped.is_empty()
            && !zonegov_store::versions_of::<T>(
                records,
                &code,
                &zonegov_domain::auth::Visible::everything(),
            )
            .await
            .map_err(err)?
            .is_empty()
        {
            super::api::audit_out_of_scope(state, ctx.me_name(), ip, kind, &code).await;
        }
        scoped
    };
    if versions.is_empty() {
        return Err(PageError::not_found(ctx.ui, format!("{list} {code}")));
    }
    let page = entity_page(
        ctx,
        &h,
        &code,
        &versions,
        |t| fields(&h, t),
        children(&h, &code),
    );
    render(ctx, &page)
}

fn entity_page<T: Record>(
    ctx: &Ctx,
    h: &ZoneHistory,
    code: &Code,
    versions: &[Version<T>],
    fields: impl Fn(&T) -> Vec<(String, String)>,
    children: Vec<(String, String)>,
) -> EntityPage {
    let kind = T::KIND;
    let current = versions
        .iter()
        .find(|v| v.period.contains(ctx.as_of))
        .map(|v| {
            let mut f = fields(&v.attrs);
            f.extend(common_fields(ctx.ui, v));
            f
        });
    EntityPage {
        ui: ctx.ui,
        zone_name: zone_name(h, ctx),
        menu: T::PLURAL,
        title: if T::RESIDENT {
            label(h, kind, code, ctx)
        } else {
            let name = versions
                .iter()
                .find(|v| v.period.contains(ctx.as_of))
                .or(versions.last())
                .map(|v| v.attrs.display_name(ctx.ui.lang))
                .unwrap_or_default();
            format!("{name} {code}")
        },
        code: code.to_string(),
        current,
        heirs: heirs(h, kind, code, ctx),
        children,
        versions: version_rows(h, versions, ctx),
        lineage: lineage_rows(h, kind, code, ctx),
        ctx: ctx.clone(),
    }
}

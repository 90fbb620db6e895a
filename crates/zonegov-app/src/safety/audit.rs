//! The coverage audit over the enterprise records (not synthetic ones): the mapping in
//! force on the day is built from the stored grids and rules (`rules_on`), and the
//! enterprises valid on the day are streamed from the store page by page (keyset,
//! scoped), so a national register is never held. The CLI, the coverage page, the
//! dashboard and the xlsx export all call [`audit_store`]: one computation per figure.

use chrono::NaiveDate;
use zonegov_domain::auth::Visible;
use zonegov_domain::enterprise::Enterprise;
use zonegov_domain::safety::{CoverageAudit, CoverageReport, MappingError, SafetyRules, rules_on};
use zonegov_domain::{Code, HistoryParts, Version, ZoneHistory};
use zonegov_store::{Store, StoreError, page_as_of};

/// Enterprises read per page.
const PAGE: u32 = 2000;

/// Examples kept per exception kind on a page or in the CLI's text.
pub const EXAMPLES: usize = 20;

/// Rows of each exception kind an export holds at most (what a committee can read;
/// the counts above them stay exact).
pub const EXPORT_EXAMPLES: usize = 100_000;

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Mapping(#[from] MappingError),
    #[error("数据库中尚无数据 / the database holds no zone yet")]
    Empty,
}

/// The mapping on `day` from a history.
pub fn rules(h: &ZoneHistory, day: NaiveDate) -> Result<SafetyRules, AuditError> {
    Ok(rules_on(h, day)?)
}

/// Calls `each` for every enterprise valid on `day` that `visible` allows, in code
/// order, page by page.
pub async fn for_each_enterprise(
    store: &dyn Store,
    day: NaiveDate,
    visible: &Visible,
    mut each: impl FnMut(&Version<Enterprise>),
) -> Result<u64, StoreError> {
    let mut after: Option<Code> = None;
    let mut n = 0u64;
    loop {
        let page =
            page_as_of::<Enterprise>(store.records(), day, visible, after.as_ref(), PAGE, None)
                .await?;
        for v in &page {
            each(v);
        }
        n += page.len() as u64;
        match page.last() {
            Some(last) if page.len() == PAGE as usize => after = Some(last.code.clone()),
            _ => return Ok(n),
        }
    }
}

/// The audit of the enterprises `visible` allows on `day`, against the zone's mapping
/// (the mapping is zone-wide whoever asks; the enterprises are the asker's).
pub async fn audit_store(
    store: &dyn Store,
    history: &ZoneHistory,
    day: NaiveDate,
    visible: &Visible,
    examples: usize,
) -> Result<CoverageReport, AuditError> {
    let rules = rules(history, day)?;
    let mut audit = CoverageAudit::new(&rules, day, examples);
    for_each_enterprise(store, day, visible, |v| audit.observe(&v.attrs.subject())).await?;
    Ok(audit.finish())
}

/// [`audit_store`] reading the history from the store too (the CLI).
pub async fn audit_stored(
    store: &dyn Store,
    day: NaiveDate,
    visible: &Visible,
    examples: usize,
) -> Result<CoverageReport, AuditError> {
    let history = zonegov_store::history(store)
        .await?
        .ok_or(AuditError::Empty)?;
    audit_store(store, &history, day, visible, examples).await
}

/// The audit of a dataset as read (its enterprises are in `parts`, not in the
/// history, which holds resident kinds only when it comes from a store).
pub fn audit_parts(
    parts: &HistoryParts,
    history: &ZoneHistory,
    day: NaiveDate,
    examples: usize,
) -> Result<CoverageReport, AuditError> {
    let rules = rules(history, day)?;
    let enterprises = parts
        .records
        .of::<Enterprise>()
        .iter()
        .filter(|v| v.period.contains(day))
        .map(|v| v.attrs.subject());
    Ok(CoverageAudit::new(&rules, day, examples).run(enterprises))
}

/// The names (on `day`) of the enterprises `report`'s exceptions name, by credit code,
/// for the committee's sheet. One keyed read per enterprise: exceptions are few where
/// the mapping is kept, and the sheet is bounded by [`EXPORT_EXAMPLES`] per kind.
pub async fn exception_names(
    store: &dyn Store,
    report: &CoverageReport,
    day: NaiveDate,
    visible: &Visible,
) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let mut names = std::collections::HashMap::new();
    for x in report.examples() {
        let key = x.credit_code.as_str();
        if names.contains_key(key) {
            continue;
        }
        let Ok(code) = Code::parse(key) else {
            continue;
        };
        let q = zonegov_store::VersionQuery {
            code: Some(&code),
            as_of: Some(day),
            ..zonegov_store::VersionQuery::scoped::<Enterprise>(visible)
        };
        let found = zonegov_store::typed::<Enterprise>(store.records().versions(&q).await?)?;
        if let Some(v) = found.first() {
            names.insert(key.to_owned(), v.attrs.name.zh.clone());
        }
    }
    Ok(names)
}

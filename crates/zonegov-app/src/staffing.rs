//! 三定 use cases shared by the CLI and the web: the list items a 三定 cites must
//! exist (the list is not held in memory, so this is asked of the dataset being
//! loaded and of the store), the ledger within a reader's scope, and a body's 三定
//! as its reader may see it — every unmasked view recorded in the audit trail.

use crate::audit::Recorder;
use std::collections::BTreeMap;
use zonegov_domain::auth::Visible;
use zonegov_domain::staffing::{Ledger, Staffing, StaffingView};
use zonegov_domain::{Code, Locator, NaiveDate, Period, PowerItem, Record, ZoneHistory};
use zonegov_io::{Dataset, DatasetError, DatasetErrors};
use zonegov_store::{Store, StoreError, VersionQuery};

#[derive(Debug, thiserror::Error)]
pub enum CitationError {
    #[error("{0}")]
    Invalid(DatasetErrors),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every item a 三定 of `dataset` cites exists on some day of the citing version,
/// in the dataset's own list or in the store's. Each missing item is named with the
/// 三定's file, line and the item code.
pub async fn check_cited_items(store: &dyn Store, dataset: &Dataset) -> Result<(), CitationError> {
    let mut periods: BTreeMap<String, Vec<Period>> = BTreeMap::new();
    for v in dataset.parts.records.of::<PowerItem>() {
        periods
            .entry(v.code.as_str().to_owned())
            .or_default()
            .push(v.period);
    }
    let mut errors = Vec::new();
    for (i, v) in dataset.parts.records.of::<Staffing>().iter().enumerate() {
        for f in &v.attrs.functions {
            for item in &f.items {
                if !periods.contains_key(item.as_str()) {
                    let stored = match Code::parse(item.as_str()) {
                        Ok(code) => {
                            let q = VersionQuery {
                                code: Some(&code),
                                ..VersionQuery::all_of(PowerItem::KIND)
                            };
                            store.records().versions(&q).await?
                        }
                        Err(_) => Vec::new(),
                    };
                    periods.insert(
                        item.as_str().to_owned(),
                        stored.into_iter().map(|s| s.period).collect(),
                    );
                }
                let found = periods
                    .get(item.as_str())
                    .is_some_and(|ps| ps.iter().any(|p| p.overlaps(&v.period)));
                if !found {
                    let (file, line) = dataset.origin_of(Locator::Record(Staffing::KIND, i));
                    errors.push(DatasetError {
                        file,
                        line,
                        field: Some("functions".to_owned()),
                        value: Some(item.to_string()),
                        message: format!(
                            "权责清单中没有事项 {item}（{}）/ no power-list item {item} during {}",
                            v.period, v.period
                        ),
                    });
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CitationError::Invalid(DatasetErrors(errors)))
    }
}

/// The ledger on `day` as a reader with data scope `visible` sees it.
pub fn ledger(history: &ZoneHistory, visible: &Visible, day: NaiveDate) -> Ledger {
    zonegov_domain::staffing::ledger(&history.visible_to(visible), day)
}

/// Who reads a 三定, and whether their role lets them see names.
pub struct Reader<'a> {
    pub actor: &'a str,
    pub ip: &'a str,
    pub visible: &'a Visible,
    /// Holds `org:staffing:personal`.
    pub personal: bool,
}

/// Body `code`'s 三定 on `day`, or `None` when it has none or the reader's scope
/// does not show it (answered alike). Names come unmasked only to a reader with the
/// personal-data permission, and each such view is audited with the names' count.
pub async fn view(
    store: &dyn Store,
    history: &ZoneHistory,
    code: &Code,
    day: NaiveDate,
    reader: &Reader<'_>,
) -> Option<StaffingView> {
    if !reader.visible.allows(Staffing::KIND, code) {
        return None;
    }
    let v = zonegov_domain::staffing::view(history, code, day, reader.personal)?;
    if !v.masked {
        Recorder::new(store, reader.actor, reader.ip)
            .ok(
                "staffing.personal_view",
                &format!("staffing/{code}"),
                serde_json::json!({ "as_of": day, "names": v.occupancy.len() }),
            )
            .await;
    }
    Some(v)
}

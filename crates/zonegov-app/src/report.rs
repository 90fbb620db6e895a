//! The zone report with everything counted: the in-memory history's figures plus
//! the power list, which the store counts (it is not held in memory). The CLI, the
//! dashboard, the portal and the API all call this, so they cannot disagree.

use zonegov_domain::auth::Visible;
use zonegov_domain::power::{ListCounts, PowerCatalog};
use zonegov_domain::report::default_since;
use zonegov_domain::{NaiveDate, PowerItem, Record, ZoneHistory, ZoneReport};
use zonegov_store::{RecordStore, StoreError};

/// `history` must already be the part of the zone `visible` may see.
pub async fn zone_report(
    records: &dyn RecordStore,
    history: &ZoneHistory,
    visible: &Visible,
    as_of: NaiveDate,
    since: Option<NaiveDate>,
) -> Result<ZoneReport, StoreError> {
    let report = history.report(as_of, since);
    let since = since.unwrap_or_else(|| default_since(as_of));
    let before = power_counts(records, visible, since).await?;
    let after = power_counts(records, visible, as_of).await?;
    Ok(report.with_power_list(before, after))
}

/// The power list's counts on `day`, within `visible`.
pub async fn power_counts(
    records: &dyn RecordStore,
    visible: &Visible,
    day: NaiveDate,
) -> Result<ListCounts, StoreError> {
    let rows = records
        .tally(PowerItem::KIND, day, visible.set_for(PowerItem::KIND))
        .await?;
    Ok(ListCounts::from_tally(&PowerCatalog::standard(), &rows))
}

//! Dynamic adjustments of the power list (动态调整) and the steps taken on them.
//! The procedure itself is the domain's (`zonegov_domain::power::adjustment`); this
//! store keeps its state and writes a publication in one transaction with the list.

use crate::{LoadSummary, StoreError, VersionEnd};
use async_trait::async_trait;
use std::collections::BTreeSet;
use zonegov_domain::power::adjustment::{
    Adjustment, NewAdjustment, ProposedItem, Status, StepRecord,
};
use zonegov_domain::{Code, HistoryParts};

/// Which adjustments to list. `scope` is the set of drafting bodies a data scope
/// allows (`None`: all), applied in the query.
#[derive(Debug, Clone, Copy)]
pub struct AdjustmentFilter<'a> {
    /// Only adjustments still waiting on someone.
    pub open_only: bool,
    pub status: Option<Status>,
    pub scope: Option<&'a BTreeSet<Code>>,
    pub limit: u32,
}

impl Default for AdjustmentFilter<'_> {
    fn default() -> Self {
        Self {
            open_only: false,
            status: None,
            scope: None,
            limit: 500,
        }
    }
}

#[async_trait]
pub trait AdjustmentStore: Send + Sync {
    /// A new adjustment in status `draft`, its step clock starting on its trigger
    /// date; returns its id.
    async fn create_adjustment(&self, a: &NewAdjustment) -> Result<i64, StoreError>;

    async fn adjustment(&self, id: i64) -> Result<Option<Adjustment>, StoreError>;

    /// Newest first.
    async fn list_adjustments(
        &self,
        f: &AdjustmentFilter<'_>,
    ) -> Result<Vec<Adjustment>, StoreError>;

    /// Oldest first.
    async fn adjustment_steps(&self, id: i64) -> Result<Vec<StepRecord>, StoreError>;

    /// Moves adjustment `id` from `from` to `to` and records `step` (whose day
    /// starts the next step's clock); `draft` replaces the proposal when given (a
    /// revised draft). Refused as a conflict when the adjustment is no longer at
    /// `from`: someone else acted first.
    async fn advance_adjustment(
        &self,
        id: i64,
        from: Status,
        to: Status,
        step: &StepRecord,
        draft: Option<&[ProposedItem]>,
    ) -> Result<(), StoreError>;

    /// Publication, in one transaction: the change set and item versions of `parts`
    /// and the `ends`, the step, and the adjustment marked published with its
    /// document number, effective date and change set (`parts.changes[0]`).
    async fn publish_adjustment(
        &self,
        id: i64,
        step: &StepRecord,
        parts: &HistoryParts,
        ends: &[VersionEnd],
    ) -> Result<LoadSummary, StoreError>;
}

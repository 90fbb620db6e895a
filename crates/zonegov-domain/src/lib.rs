//! zonegov's domain: effective-dated parks and institutions of a high-tech zone,
//! their lineage and change records, and the pure engines over them (as-of
//! resolution, diffs, reports). Nothing here does I/O.

pub mod attraction;
pub mod auth;
pub mod boundary;
pub mod change;
pub mod code;
pub mod contact;
pub mod counterpart;
pub mod day;
pub mod diff;
pub mod enterprise;
pub mod geo;
pub mod history;
pub mod institution;
pub mod kinds;
pub mod lang;
pub mod lineage;
pub mod park;
pub mod period;
pub mod power;
pub mod project;
pub mod provenance;
pub mod quota;
pub mod record;
pub mod reform;
pub mod reform_history;
pub mod report;
pub mod safety;
pub mod search;
pub mod snapshot;
pub mod staffing;
pub mod talent;
pub mod timeline;
pub mod version;
pub mod who;
pub mod workday;
pub mod zone;

pub use change::{ChangeItem, ChangeSet};
pub use chrono::NaiveDate;
pub use code::{Code, DivisionCode};
pub use counterpart::{Counterpart, CounterpartKind, StatCode};
pub use history::{HistoryParts, Locator, Problem, ZoneHistory};
pub use institution::{Category, Institution, QuotaType};
pub use lang::{Lang, Name};
pub use lineage::{LineageLink, Relation};
pub use park::{Park, ParkKind};
pub use period::Period;
pub use power::PowerItem;
pub use provenance::{Provenance, Source};
pub use record::{Record, RecordSet};
pub use report::ZoneReport;
pub use timeline::Timeline;
pub use version::{EntityKind, Version};
pub use zone::{Zone, ZoneLevel};

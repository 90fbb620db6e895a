//! 谁来管: who handles a matter, at a place, on a day, and on what basis.
//!
//! - [`question`]: the matter (a boundary item, a power item or free text), the
//!   place (an enterprise, a park, a street or a point) and the day;
//! - [`locality`]: the streets, parks and counties a place lies in on the day, each
//!   with how it was found — what 属地 parties resolve to;
//! - [`answer`]: the lead and cooperating bodies per step with their duties, basis,
//!   contact and derivation; a step with no lead body or two is a gap or a conflict,
//!   never settled by picking one;
//! - [`resolve`]: the pure resolution of one list item against a locality;
//! - [`duty`]: 照单履职 — may body X do this on day D, and under which item.
//!
//! Pure: the caller fetches the items (the store) and the history.

pub mod answer;
pub mod duty;
pub mod locality;
pub mod question;
pub mod resolve;

pub use answer::{
    Answer, BodyAnswer, Issue, IssueKind, MatterAnswer, MatterSource, PartyAnswer, Role,
    StepAnswer, Verdict,
};
pub use duty::{DutyCheck, DutyGround};
pub use locality::{Locality, Located, UnknownPlace};
pub use question::{Matter, Place, PlaceError};
pub use resolve::{resolve_boundary, resolve_power};

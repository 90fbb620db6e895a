//! What the coverage audit reports about one enterprise: which party is missing or
//! claimed twice, why, and the mapping keys involved.

use super::{Derivation, Outcome, Party, RuleKey};
use crate::code::Code;
use crate::enterprise::CreditCode;
use crate::lang::Lang;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// 无属地网格: neither its park nor its street is mapped to a grid.
    NoGrid,
    /// 网格重叠: its park or street is mapped to two grids.
    GridOverlap,
    /// 行业管理空白: no sector rule covers its industry code.
    NoSectorBody,
    /// 行业管理重叠: two sector bodies claim the same (most specific) key.
    SectorOverlap,
    /// 专业监管空白: a hazard flag with no body.
    NoSpecialistBody,
    /// 专业监管重叠: a hazard flag with two bodies.
    SpecialistOverlap,
    /// 综合监管空白: no emergency-management body configured.
    NoComprehensiveBody,
}

impl ExceptionKind {
    pub const ALL: [ExceptionKind; 7] = [
        Self::NoGrid,
        Self::GridOverlap,
        Self::NoSectorBody,
        Self::SectorOverlap,
        Self::NoSpecialistBody,
        Self::SpecialistOverlap,
        Self::NoComprehensiveBody,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn party(self) -> Party {
        match self {
            Self::NoGrid | Self::GridOverlap => Party::Territorial,
            Self::NoSectorBody | Self::SectorOverlap => Party::Sector,
            Self::NoSpecialistBody | Self::SpecialistOverlap => Party::Specialist,
            Self::NoComprehensiveBody => Party::Comprehensive,
        }
    }

    pub fn is_overlap(self) -> bool {
        matches!(
            self,
            Self::GridOverlap | Self::SectorOverlap | Self::SpecialistOverlap
        )
    }

    /// The kind a derivation's outcome is, `None` when assigned.
    pub fn of(party: Party, outcome: &Outcome<'_>) -> Option<Self> {
        let overlap = match outcome {
            Outcome::Assigned { .. } => return None,
            Outcome::Gap { .. } => false,
            Outcome::Overlap { .. } => true,
        };
        Some(match (party, overlap) {
            (Party::Territorial, false) => Self::NoGrid,
            (Party::Territorial, true) => Self::GridOverlap,
            (Party::Sector, false) => Self::NoSectorBody,
            (Party::Sector, true) => Self::SectorOverlap,
            (Party::Specialist, false) => Self::NoSpecialistBody,
            (Party::Specialist, true) => Self::SpecialistOverlap,
            // One body is configured or none: it cannot be claimed twice.
            (Party::Comprehensive, _) => Self::NoComprehensiveBody,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::NoGrid => "no_grid",
            Self::GridOverlap => "grid_overlap",
            Self::NoSectorBody => "no_sector_body",
            Self::SectorOverlap => "sector_overlap",
            Self::NoSpecialistBody => "no_specialist_body",
            Self::SpecialistOverlap => "specialist_overlap",
            Self::NoComprehensiveBody => "no_comprehensive_body",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::NoGrid => lang.pick("无属地网格", "No territorial grid"),
            Self::GridOverlap => lang.pick("属地网格重叠", "Territorial grids overlap"),
            Self::NoSectorBody => lang.pick("行业管理空白", "No sector body"),
            Self::SectorOverlap => lang.pick("行业管理重叠", "Sector bodies overlap"),
            Self::NoSpecialistBody => lang.pick("专业监管空白", "No specialist body"),
            Self::SpecialistOverlap => lang.pick("专业监管重叠", "Specialist bodies overlap"),
            Self::NoComprehensiveBody => {
                lang.pick("未配置综合监管部门", "No comprehensive body configured")
            }
        }
    }
}

/// One enterprise's exception, as the safety committee (安委会) receives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CoverageException {
    pub credit_code: CreditCode,
    pub kind: ExceptionKind,
    /// For a gap, the keys looked up (most specific first); for an overlap, the key claimed.
    pub keys: Vec<RuleKey>,
    /// For an overlap, the grids or bodies claiming the key, in the mapping's order.
    pub claimants: Vec<Code>,
}

impl CoverageException {
    /// `None` when the derivation assigned exactly one party.
    pub fn from_derivation(credit_code: &CreditCode, d: &Derivation<'_>) -> Option<Self> {
        let kind = ExceptionKind::of(d.party, &d.outcome)?;
        let (keys, claimants) = match &d.outcome {
            Outcome::Assigned { .. } => return None,
            Outcome::Gap { tried } => (tried.clone(), Vec::new()),
            Outcome::Overlap { key, claimants } => (
                vec![key.clone()],
                claimants.iter().map(|(r, _)| r.code().clone()).collect(),
            ),
        };
        Some(Self {
            credit_code: credit_code.clone(),
            kind,
            keys,
            claimants,
        })
    }

    pub fn party(&self) -> Party {
        self.kind.party()
    }

    pub fn message(&self, lang: Lang) -> String {
        let sep = lang.pick("、", ", ");
        let keys = self
            .keys
            .iter()
            .map(|k| k.label(lang))
            .collect::<Vec<_>>()
            .join(sep);
        let who = self
            .claimants
            .iter()
            .map(Code::as_str)
            .collect::<Vec<_>>()
            .join(sep);
        let (party, kind) = (self.party().label(lang), self.kind.label(lang));
        match (lang, self.kind.is_overlap()) {
            (Lang::Zh, false) => format!(
                "企业 {}：{party}——{kind}（已查规则：{keys}）",
                self.credit_code
            ),
            (Lang::Zh, true) => format!(
                "企业 {}：{party}——{kind}（规则 {keys} 同时指定 {who}）",
                self.credit_code
            ),
            (Lang::En, false) => format!(
                "enterprise {}: {party} — {kind} (rules looked up: {keys})",
                self.credit_code
            ),
            (Lang::En, true) => format!(
                "enterprise {}: {party} — {kind} (rule {keys} names {who})",
                self.credit_code
            ),
        }
    }
}

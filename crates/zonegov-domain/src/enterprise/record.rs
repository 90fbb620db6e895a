//! The enterprise record (企业): an effective-dated record of the generic path, one
//! version per stretch of unchanged attributes (a move to another park is a new
//! version). The record's code is its 统一社会信用代码: a register keys enterprises by it,
//! URLs and the API name them by it, and it never changes. The parsed `credit_code` is
//! kept beside it so the safety rules get a checked value without parsing again, and
//! `check_all` refuses a version whose code is not its credit code.
//!
//! Not resident: a national register holds millions (the audit's 3.5 million), read
//! from the store page by page and scoped by park through `owner`.

use super::{CreditCode, EnterpriseSize, HazardFlag, IndustryCode};
use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::geo::LonLat;
use crate::lang::Name;
use crate::provenance::Provenance;
use crate::record::{FieldProblem, Record, Reference, ScopeAxis, VersionKey, repoint_slot};
use crate::safety::SafetySubject;
use crate::search::SearchText;
use crate::timeline::Timeline;
use crate::version::EntityKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enterprise {
    pub name: Name,
    pub credit_code: CreditCode,
    pub industry: IndustryCode,
    pub address: String,
    /// The street (a counterpart body of kind street) it lies in.
    pub street: Code,
    /// The park it lies in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub park: Option<Code>,
    /// `longitude,latitude` (WGS 84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "116.60,35.41"))]
    pub location: Option<LonLat>,
    pub size: EnterpriseSize,
    /// Sorted, without repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hazards: Vec<HazardFlag>,
    pub provenance: Provenance,
}

impl Enterprise {
    /// What the safety rules look at.
    pub fn subject(&self) -> SafetySubject {
        SafetySubject {
            credit_code: self.credit_code.clone(),
            industry: self.industry,
            street: Some(self.street.clone()),
            park: self.park.clone(),
            hazards: self.hazards.clone(),
        }
    }
}

impl Record for Enterprise {
    const KIND: EntityKind = EntityKind::new("enterprise");
    const PLURAL: &'static str = "enterprises";
    const LABEL_ZH: &'static str = "企业";
    const LABEL_EN: &'static str = "Enterprises";
    /// A park's staff see their park's enterprises (through `owner`).
    const SCOPE: Option<ScopeAxis> = Some(ScopeAxis::Parks);
    const RESIDENT: bool = false;
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("safety:enterprise:list"),
        view: Perm::new("safety:enterprise:view"),
        export: Perm::new("safety:enterprise:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// The park whose data scope it falls under; one in no park falls under none
    /// (only zone-wide staff see it).
    fn owner(&self) -> Option<&Code> {
        self.park.as_ref()
    }

    /// Counted by size in reports.
    fn facet(&self) -> Option<&str> {
        Some(self.size.code())
    }

    fn search_text(&self) -> Option<SearchText> {
        Some(SearchText {
            name: self.name.zh.clone(),
            body: format!(
                "{} {} {}",
                self.credit_code.as_str(),
                self.address,
                self.industry.name_zh()
            ),
            basis: String::new(),
        })
    }

    fn repoint(&mut self, kind: EntityKind, from: &Code, to: &Code) -> Option<Vec<&'static str>> {
        let mut out = Vec::new();
        if kind == crate::Counterpart::KIND && repoint_slot(&mut self.street, from, to) {
            out.push("street");
        }
        if kind == crate::Park::KIND
            && let Some(p) = self.park.as_mut()
            && repoint_slot(p, from, to)
        {
            out.push("park");
        }
        Some(out)
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let street = Reference {
            field: "street",
            kind: crate::Counterpart::KIND,
            code: &self.street,
        };
        let park = self.park.iter().map(|code| Reference {
            field: "park",
            kind: crate::Park::KIND,
            code,
        });
        std::iter::once(street).chain(park).collect()
    }

    fn check_all(t: &Timeline<Self>) -> Vec<(VersionKey, FieldProblem)> {
        t.all()
            .filter(|v| v.code.as_str() != v.attrs.credit_code.as_str())
            .map(|v| {
                (
                    (v.code.clone(), v.period.from()),
                    (
                        "code",
                        format!(
                            "企业编码须为其统一社会信用代码 {} / an enterprise's code must be its credit code {}",
                            v.attrs.credit_code, v.attrs.credit_code
                        ),
                    ),
                )
            })
            .collect()
    }
}

//! Institutions (机构): bodies of the zone, their plates, categories and quotas.

use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::lang::{Lang, Name};
use crate::provenance::Provenance;
use crate::record::{
    CheckContext, FieldProblem, Record, Reference, ScopeAxis, VersionKey, repoint_slot,
};
use crate::timeline::Timeline;
use crate::version::EntityKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A category of institution (党工委工作部门, 管委会工作部门, 事业单位 …). Categories are
/// data because localities name and count them differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub code: Code,
    pub name: Name,
    /// Whether bodies of this category count as the zone's internal institutions
    /// (内设机构), the figure the 2020 reform cut from 37 to 12.
    pub internal: bool,
    /// Display order in lists and reports.
    pub sort: i32,
    pub provenance: Provenance,
}

/// Staffing quota types (编制类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuotaType {
    /// 行政编制
    Administrative,
    /// 事业编制
    PublicService,
    /// 人员控制数: headcount caps that zones use instead of formal quotas.
    Headcount,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "quota type \"{0}\" must be one of 行政编制/administrative, 事业编制/public_service, 人员控制数/headcount"
)]
pub struct QuotaTypeError(pub String);

impl QuotaType {
    pub const ALL: [QuotaType; 3] = [
        QuotaType::Administrative,
        QuotaType::PublicService,
        QuotaType::Headcount,
    ];

    pub fn parse(s: &str) -> Result<Self, QuotaTypeError> {
        match s.trim() {
            "行政编制" | "administrative" => Ok(QuotaType::Administrative),
            "事业编制" | "public_service" => Ok(QuotaType::PublicService),
            "人员控制数" | "headcount" => Ok(QuotaType::Headcount),
            other => Err(QuotaTypeError(other.to_owned())),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            QuotaType::Administrative => lang.pick("行政编制", "Administrative quota"),
            QuotaType::PublicService => lang.pick("事业编制", "Public-service quota"),
            QuotaType::Headcount => lang.pick("人员控制数", "Headcount cap"),
        }
    }
}

/// What is true of an institution during one version's period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Institution {
    pub name: Name,
    /// Further names carried by the same body (加挂牌子, 一个机构两块牌子): one body,
    /// one staff, no separate quota.
    pub plates: Vec<Name>,
    pub category: Code,
    pub parent: Option<Code>,
    pub quotas: BTreeMap<QuotaType, u32>,
    /// The phone and address published for the body (谁来管 gives them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<crate::contact::Contact>,
    pub provenance: Provenance,
}

impl Institution {
    /// "发展改革局(统计局)": the name with its added plates, as bodies are written.
    pub fn display_name(&self, lang: Lang) -> String {
        let mut s = self.name.get(lang).to_owned();
        if !self.plates.is_empty() {
            let plates: Vec<&str> = self.plates.iter().map(|p| p.get(lang)).collect();
            let (open, sep, close) = match lang {
                Lang::Zh => ("(", "、", ")"),
                Lang::En => (" (also ", ", ", ")"),
            };
            s.push_str(open);
            s.push_str(&plates.join(sep));
            s.push_str(close);
        }
        s
    }
}

impl Record for Institution {
    const KIND: EntityKind = EntityKind::new("institution");
    const PLURAL: &'static str = "institutions";
    const LABEL_ZH: &'static str = "机构";
    const LABEL_EN: &'static str = "Institutions";
    const SCOPE: Option<ScopeAxis> = Some(ScopeAxis::Institutions);
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("zone:institution:list"),
        view: Perm::new("zone:institution:view"),
        export: Perm::new("zone:institution:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn display_name(&self, lang: Lang) -> String {
        Institution::display_name(self, lang)
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn references(&self) -> Vec<Reference<'_>> {
        self.parent
            .iter()
            .map(|code| Reference {
                field: "parent",
                kind: Self::KIND,
                code,
            })
            .collect()
    }

    fn repoint(&mut self, kind: EntityKind, from: &Code, to: &Code) -> Option<Vec<&'static str>> {
        let mut out = Vec::new();
        if kind == Self::KIND
            && let Some(p) = self.parent.as_mut()
            && repoint_slot(p, from, to)
        {
            out.push("parent");
        }
        Some(out)
    }

    fn check(&self, ctx: &CheckContext) -> Vec<FieldProblem> {
        if ctx.categories.contains(&self.category) {
            Vec::new()
        } else {
            vec![("category", format!("unknown category {}", self.category))]
        }
    }

    /// A body may not be its own ancestor on any day a version starts.
    fn check_all(t: &Timeline<Self>) -> Vec<(VersionKey, FieldProblem)> {
        let mut out = Vec::new();
        for v in t.all() {
            let day = v.period.from();
            let mut seen = vec![&v.code];
            let mut next = v.attrs.parent.as_ref();
            while let Some(p) = next {
                if seen.contains(&p) {
                    if seen.len() > 1 {
                        let path: Vec<&str> = seen
                            .iter()
                            .map(|c| c.as_str())
                            .chain([p.as_str()])
                            .collect();
                        out.push((
                            (v.code.clone(), day),
                            (
                                "parent",
                                format!("parent cycle on {day}: {}", path.join(" → ")),
                            ),
                        ));
                    }
                    break;
                }
                seen.push(p);
                next = t.as_of(p, day).and_then(|pv| pv.attrs.parent.as_ref());
            }
        }
        out
    }
}

//! One item of the list, effective-dated like every record: a power (or public
//! service) with its implementing body, legal basis, responsibilities per process
//! step and the situations that lead to accountability.

use super::citation::{Citation, format_citations};
use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::lang::{Lang, Name};
use crate::provenance::Provenance;
use crate::record::{CheckContext, FieldProblem, Record, Reference, ScopeAxis, repoint_slot};
use crate::search::SearchText;
use crate::version::EntityKind;
use serde::{Deserialize, Serialize};

/// A responsibility item (责任事项): what the body answers for at one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Responsibility {
    /// The process step (受理, 审查…), from the type's step set or as published.
    pub step: String,
    pub duty: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<Citation>,
}

/// An accountability situation (追责情形) with its basis (追责依据).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accountability {
    pub situation: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PowerItem {
    /// The main item's name (主项名称).
    pub name: Name,
    /// The sub-item's name (子项名称), when the code has a sub-item part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_item: Option<String>,
    /// Type code from the catalog (`CF`).
    pub item_type: String,
    /// 实施主体: the institution that holds the power.
    pub body: Code,
    /// 承办机构: the internal unit that does the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_unit: Option<String>,
    /// 行使层级 (区级, 市级…), as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// 设定依据 and 实施依据.
    pub basis: Vec<Citation>,
    pub responsibilities: Vec<Responsibility>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accountability: Vec<Accountability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervision_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    pub provenance: Provenance,
}

impl PowerItem {
    /// 主项 — 子项, as lists print an item.
    pub fn full_name(&self) -> String {
        match &self.sub_item {
            Some(sub) if !sub.is_empty() => format!("{}（{}）", self.name.zh, sub),
            _ => self.name.zh.clone(),
        }
    }

    pub fn basis_text(&self) -> String {
        format_citations(&self.basis)
    }
}

impl Record for PowerItem {
    const KIND: EntityKind = EntityKind::new("power_item");
    const PLURAL: &'static str = "power-items";
    const LABEL_ZH: &'static str = "权责清单";
    const LABEL_EN: &'static str = "Power and responsibility list";
    const SCOPE: Option<ScopeAxis> = Some(ScopeAxis::Institutions);
    /// A national list holds hundreds of thousands of items: they are read from the
    /// store by query, never held in the in-memory history.
    const RESIDENT: bool = false;
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("power:item:list"),
        view: Perm::new("power:item:view"),
        export: Perm::new("power:item:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn display_name(&self, _lang: Lang) -> String {
        self.full_name()
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn owner(&self) -> Option<&Code> {
        Some(&self.body)
    }

    fn facet(&self) -> Option<&str> {
        Some(&self.item_type)
    }

    fn weight(&self) -> u32 {
        u32::try_from(self.responsibilities.len()).unwrap_or(u32::MAX)
    }

    /// Name and sub-item weigh most, then the duties and accountability
    /// situations, then every legal basis (the item's and the duties').
    fn search_text(&self) -> Option<SearchText> {
        let mut body = Vec::new();
        let mut basis = vec![format_citations(&self.basis)];
        for r in &self.responsibilities {
            body.push(format!("{}：{}", r.step, r.duty));
            basis.push(format_citations(&r.basis));
        }
        for a in &self.accountability {
            body.push(a.situation.clone());
            basis.push(format_citations(&a.basis));
        }
        basis.retain(|b| !b.is_empty());
        Some(SearchText {
            name: self.full_name(),
            body: body.join("\n"),
            basis: basis.join("\n"),
        })
    }

    fn repoint(&mut self, kind: EntityKind, from: &Code, to: &Code) -> Option<Vec<&'static str>> {
        let moved = kind == crate::Institution::KIND && repoint_slot(&mut self.body, from, to);
        Some(if moved { vec!["body"] } else { Vec::new() })
    }

    fn references(&self) -> Vec<Reference<'_>> {
        vec![Reference {
            field: "body",
            kind: crate::Institution::KIND,
            code: &self.body,
        }]
    }

    /// The rules every publication checks on one item (the catalog-dependent ones,
    /// type and code rule, are checked by the list's importer and publisher).
    fn check(&self, _ctx: &CheckContext) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        if self.name.zh.trim().is_empty() {
            out.push(("name_zh", "an item needs a name".to_owned()));
        }
        if self.basis.is_empty() {
            out.push((
                "basis",
                "an item needs a legal basis (设定依据 or 实施依据)".to_owned(),
            ));
        }
        if self.responsibilities.is_empty() {
            out.push((
                "responsibilities",
                "an item needs at least one responsibility item (责任事项)".to_owned(),
            ));
        }
        for (i, r) in self.responsibilities.iter().enumerate() {
            if r.duty.trim().is_empty() {
                out.push((
                    "responsibilities",
                    format!("responsibility {} ({}) has no duty", i + 1, r.step),
                ));
            }
        }
        out
    }
}

//! Industry chains (产业链): for each characteristic industry, its nodes from upstream
//! to downstream. A node names the GB/T 4754 classes whose enterprises sit on it and
//! may name enterprises explicitly and its anchor firms (链主). The gap view says, for
//! each node, what is on it, and which nodes are gaps (缺链: no enterprise and no
//! landed project) or weak (强链 targets), with the projects addressing them.

use super::{CharIndustry, Project};
use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::enterprise::IndustryCode;
use crate::lang::Name;
use crate::provenance::Provenance;
use crate::record::{Record, Reference};
use crate::version::EntityKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Segment {
    Upstream,
    Midstream,
    Downstream,
}

impl Segment {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim() {
            "上游" | "upstream" => Ok(Self::Upstream),
            "中游" | "midstream" => Ok(Self::Midstream),
            "下游" | "downstream" => Ok(Self::Downstream),
            other => Err(format!(
                "未知链段 \"{other}\"(应为 上游/中游/下游) / unknown segment \"{other}\""
            )),
        }
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Self::Upstream => lang.pick("上游", "Upstream"),
            Self::Midstream => lang.pick("中游", "Midstream"),
            Self::Downstream => lang.pick("下游", "Downstream"),
        }
    }
}

/// Listing chain nodes (the gap map and the menu name it).
pub const CHAIN_LIST: Perm = Perm::new("invest:chain:list");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChainNode {
    pub name: Name,
    pub industry: CharIndustry,
    pub segment: Segment,
    /// Position within its segment, for drawing the chain in order.
    pub sort: u32,
    /// Enterprises of these GB/T 4754 codes (or codes under them) sit on the node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<IndustryCode>,
    /// Enterprises assigned to the node whatever their class (credit codes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enterprises: Vec<Code>,
    /// 链主: anchor firms (credit codes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<Code>,
    /// A 强链 target: present, but too thin.
    #[serde(default)]
    pub weak: bool,
    pub provenance: Provenance,
}

impl Record for ChainNode {
    const KIND: EntityKind = EntityKind::new("chain_node");
    const PLURAL: &'static str = "chain-nodes";
    const LABEL_ZH: &'static str = "产业链节点";
    const LABEL_EN: &'static str = "Industry chain nodes";
    const PERMS: RecordPerms = RecordPerms {
        list: CHAIN_LIST,
        view: Perm::new("invest:chain:view"),
        export: Perm::new("invest:chain:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn facet(&self) -> Option<&str> {
        Some(self.industry.code())
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let field = |field, code| Reference {
            field,
            kind: crate::enterprise::Enterprise::KIND,
            code,
        };
        self.enterprises
            .iter()
            .map(|c| field("enterprises", c))
            .chain(self.anchors.iter().map(|c| field("anchors", c)))
            .collect()
    }
}

/// What the gap view needs of an enterprise.
#[derive(Debug, Clone, Copy)]
pub struct ChainEnterprise<'a> {
    pub code: &'a Code,
    pub industry: IndustryCode,
}

/// One node as the gap view shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeView {
    pub code: Code,
    pub name: Name,
    pub industry: CharIndustry,
    pub segment: Segment,
    pub anchors: Vec<Code>,
    pub enterprises: Vec<Code>,
    /// Projects on the node that have landed (签约 or beyond) by the day.
    pub landed: Vec<Code>,
    /// Projects on the node still in the pipeline: what addresses a gap or weak node.
    pub addressing: Vec<Code>,
    /// 缺链: no enterprise and no landed project.
    pub gap: bool,
    pub weak: bool,
}

/// The chain of every node given on `day`, ordered by industry, segment and sort.
pub fn gap_view<'a>(
    nodes: impl IntoIterator<Item = (&'a Code, &'a ChainNode)>,
    enterprises: impl IntoIterator<Item = ChainEnterprise<'a>>,
    projects: impl IntoIterator<Item = (&'a Code, &'a Project)>,
    day: NaiveDate,
) -> Vec<NodeView> {
    let mut views: Vec<(u32, NodeView, &ChainNode)> = nodes
        .into_iter()
        .map(|(code, n)| {
            let view = NodeView {
                code: code.clone(),
                name: n.name.clone(),
                industry: n.industry,
                segment: n.segment,
                anchors: n.anchors.clone(),
                enterprises: n.enterprises.clone(),
                landed: Vec::new(),
                addressing: Vec::new(),
                gap: false,
                weak: n.weak,
            };
            (n.sort, view, n)
        })
        .collect();
    for e in enterprises {
        for (_, view, node) in &mut views {
            let by_class = node.classes.iter().any(|c| e.industry.falls_under(*c));
            if by_class && !view.enterprises.contains(e.code) {
                view.enterprises.push(e.code.clone());
            }
        }
    }
    for (code, p) in projects {
        let Some(node) = &p.chain_node else { continue };
        let Some((_, view, _)) = views.iter_mut().find(|(_, v, _)| &v.code == node) else {
            continue;
        };
        if p.landed().is_some_and(|d| d <= day) {
            view.landed.push(code.clone());
        } else if p.stage_on(day).is_some() {
            view.addressing.push(code.clone());
        }
    }
    for (_, view, _) in &mut views {
        view.enterprises.sort();
        view.landed.sort();
        view.addressing.sort();
        view.gap = view.enterprises.is_empty() && view.landed.is_empty();
    }
    views.sort_by(|a, b| {
        (a.1.industry, a.1.segment, a.0, &a.1.code).cmp(&(
            b.1.industry,
            b.1.segment,
            b.0,
            &b.1.code,
        ))
    });
    views.into_iter().map(|(_, v, _)| v).collect()
}

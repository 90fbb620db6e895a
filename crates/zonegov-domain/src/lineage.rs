//! Lineage: how reforms link bodies and parks to the ones that came after them.

use crate::code::Code;
use crate::lang::Lang;
use crate::provenance::Provenance;
use crate::version::EntityKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The predecessor was merged into the successor (撤并).
    MergedInto,
    /// The successor was split off from the predecessor, which may live on (分设).
    SplitFrom,
    /// The predecessor became the successor under a new code (更名).
    RenamedTo,
    /// The predecessor was transformed into the successor (转型升级).
    TransformedInto,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("relation \"{0}\" must be one of merged_into, split_from, renamed_to, transformed_into")]
pub struct RelationError(pub String);

impl Relation {
    pub fn parse(s: &str) -> Result<Self, RelationError> {
        match s.trim() {
            "merged_into" | "并入" => Ok(Relation::MergedInto),
            "split_from" | "分设自" => Ok(Relation::SplitFrom),
            "renamed_to" | "更名为" => Ok(Relation::RenamedTo),
            "transformed_into" | "转型为" => Ok(Relation::TransformedInto),
            other => Err(RelationError(other.to_owned())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Relation::MergedInto => "merged_into",
            Relation::SplitFrom => "split_from",
            Relation::RenamedTo => "renamed_to",
            Relation::TransformedInto => "transformed_into",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Relation::MergedInto => lang.pick("并入", "merged into"),
            Relation::SplitFrom => lang.pick("分设自", "split from"),
            Relation::RenamedTo => lang.pick("更名为", "renamed to"),
            Relation::TransformedInto => lang.pick("转型为", "transformed into"),
        }
    }

    /// Whether a sentence about the link starts with the successor. Every relation
    /// reads predecessor first ("A 并入 B") except a split, whose subject is the new
    /// body ("B 分设自 A": B was split off from A).
    pub fn successor_first(self) -> bool {
        matches!(self, Relation::SplitFrom)
    }

    /// Whether the predecessor ends when the link takes effect. A split leaves the
    /// body it was split from in place.
    pub fn ends_predecessor(self) -> bool {
        !matches!(self, Relation::SplitFrom)
    }
}

/// `predecessor` → `successor` on `date`, by change set `change`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineageLink {
    pub kind: EntityKind,
    pub predecessor: Code,
    pub successor: Code,
    pub relation: Relation,
    pub date: NaiveDate,
    pub change: Code,
    #[serde(default)]
    pub provenance: Provenance,
}

impl LineageLink {
    /// The link as words in reading order, given how to name each entity:
    /// `[subject, relation, object]`, e.g. `["经济发展局 O10", "并入", "发展改革局 N04"]`.
    /// The relation decides which side is the subject (see [`Relation::successor_first`]).
    pub fn sentence<T>(&self, lang: Lang, name: impl Fn(&Code) -> T) -> (T, &'static str, T) {
        let (first, second) = if self.relation.successor_first() {
            (&self.successor, &self.predecessor)
        } else {
            (&self.predecessor, &self.successor)
        };
        (name(first), self.relation.label(lang), name(second))
    }
}

/// Finds one cycle in the predecessor → successor graph, if any, as the path that
/// closes it (`[a, b, a]`).
pub fn find_cycle(links: &[LineageLink]) -> Option<Vec<Code>> {
    let mut graph: BTreeMap<(EntityKind, &Code), Vec<&Code>> = BTreeMap::new();
    for l in links {
        graph
            .entry((l.kind, &l.predecessor))
            .or_default()
            .push(&l.successor);
    }
    let mut done: BTreeSet<(EntityKind, &Code)> = BTreeSet::new();
    for &(kind, start) in graph.keys() {
        let mut path: Vec<&Code> = Vec::new();
        if let Some(cycle) = visit(&graph, kind, start, &mut path, &mut done) {
            return Some(cycle);
        }
    }
    None
}

fn visit<'a>(
    graph: &BTreeMap<(EntityKind, &'a Code), Vec<&'a Code>>,
    kind: EntityKind,
    node: &'a Code,
    path: &mut Vec<&'a Code>,
    done: &mut BTreeSet<(EntityKind, &'a Code)>,
) -> Option<Vec<Code>> {
    if let Some(pos) = path.iter().position(|c| *c == node) {
        let mut cycle: Vec<Code> = path[pos..].iter().map(|c| (*c).clone()).collect();
        cycle.push(node.clone());
        return Some(cycle);
    }
    if done.contains(&(kind, node)) {
        return None;
    }
    path.push(node);
    for next in graph.get(&(kind, node)).into_iter().flatten() {
        if let Some(c) = visit(graph, kind, next, path, done) {
            return Some(c);
        }
    }
    path.pop();
    done.insert((kind, node));
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Record;

    fn link(a: &str, b: &str) -> LineageLink {
        LineageLink {
            kind: crate::Park::KIND,
            predecessor: Code::parse(a).unwrap(),
            successor: Code::parse(b).unwrap(),
            relation: Relation::MergedInto,
            date: "2024-09-01".parse().unwrap(),
            change: Code::parse("C1").unwrap(),
            provenance: Provenance::default(),
        }
    }

    #[test]
    fn sentences_read_in_the_direction_of_the_relation() {
        let words = |l: &LineageLink, lang| {
            let (a, r, b) = l.sentence(lang, |c| c.to_string());
            format!("{a} {r} {b}")
        };
        let mut l = link("N04", "N13");
        assert_eq!(words(&l, Lang::Zh), "N04 并入 N13");
        l.relation = Relation::SplitFrom;
        // The successor N13 was split off from the predecessor N04, never the reverse.
        assert_eq!(words(&l, Lang::Zh), "N13 分设自 N04");
        assert_eq!(words(&l, Lang::En), "N13 split from N04");
        for r in [
            Relation::MergedInto,
            Relation::RenamedTo,
            Relation::TransformedInto,
        ] {
            l.relation = r;
            assert!(words(&l, Lang::En).starts_with("N04 "), "{r:?}");
        }
    }

    #[test]
    fn finds_cycles_and_accepts_dags() {
        assert_eq!(
            find_cycle(&[link("A", "B"), link("B", "C"), link("A", "C")]),
            None
        );
        let cycle = find_cycle(&[link("A", "B"), link("B", "C"), link("C", "A")]).unwrap();
        let names: Vec<&str> = cycle.iter().map(Code::as_str).collect();
        assert_eq!(names, ["A", "B", "C", "A"]);
    }
}

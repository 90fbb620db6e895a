//! What appeared, disappeared and changed (field by field) between two days.

use crate::code::Code;
use crate::history::ZoneHistory;
use crate::lang::Name;
use crate::record::Record;
use crate::timeline::Timeline;
use crate::version::EntityKind;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntityRef {
    pub code: Code,
    pub name: Name,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// Dotted path into the entity's attributes, e.g. `name.zh`, `quotas.administrative`.
    pub field: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Value,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntityChange {
    pub entity: EntityRef,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindDiff {
    pub appeared: Vec<EntityRef>,
    pub disappeared: Vec<EntityRef>,
    pub changed: Vec<EntityChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZoneDiff {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// One diff per record kind, keyed by the kind's plural (`parks`, …).
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::HashMap<String, KindDiff>))]
    pub kinds: BTreeMap<&'static str, KindDiff>,
}

impl ZoneHistory {
    pub fn diff(&self, from: NaiveDate, to: NaiveDate) -> ZoneDiff {
        let kinds = crate::kinds::KINDS
            .iter()
            .filter_map(|spec| Some((spec.plural, self.kind(spec.kind)?.diff(from, to))))
            .collect();
        ZoneDiff { from, to, kinds }
    }
}

pub fn diff_timeline<T: Record>(t: &Timeline<T>, from: NaiveDate, to: NaiveDate) -> KindDiff {
    let before: BTreeMap<&Code, &T> = t.snapshot(from).map(|v| (&v.code, &v.attrs)).collect();
    let after: BTreeMap<&Code, &T> = t.snapshot(to).map(|v| (&v.code, &v.attrs)).collect();
    let codes: BTreeSet<&Code> = before.keys().chain(after.keys()).copied().collect();
    let mut out = KindDiff::default();
    for code in codes {
        let entity = |attrs: &T| EntityRef {
            code: code.clone(),
            name: attrs.name().clone(),
        };
        match (before.get(code), after.get(code)) {
            (None, Some(a)) => out.appeared.push(entity(a)),
            (Some(b), None) => out.disappeared.push(entity(b)),
            (Some(b), Some(a)) => {
                // Personal data never shows in a diff, whoever reads it.
                let fields = match (b.masked(), a.masked()) {
                    (Some(b), Some(a)) => diff_fields(&b, &a),
                    _ => diff_fields(*b, *a),
                };
                if !fields.is_empty() {
                    out.changed.push(EntityChange {
                        entity: entity(a),
                        fields,
                    });
                }
            }
            (None, None) => {}
        }
    }
    out
}

/// Compares two values field by field, by their serialised form, so that every
/// attribute (present and future) is covered without a hand-written list.
pub fn diff_fields<T: Serialize>(before: &T, after: &T) -> Vec<FieldChange> {
    let (Ok(b), Ok(a)) = (serde_json::to_value(before), serde_json::to_value(after)) else {
        return Vec::new();
    };
    let mut flat_b = BTreeMap::new();
    let mut flat_a = BTreeMap::new();
    flatten("", &b, &mut flat_b);
    flatten("", &a, &mut flat_a);
    let keys: BTreeSet<&String> = flat_b.keys().chain(flat_a.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let vb = flat_b.get(k).cloned().unwrap_or(Value::Null);
            let va = flat_a.get(k).cloned().unwrap_or(Value::Null);
            (vb != va).then(|| FieldChange {
                field: k.clone(),
                before: vb,
                after: va,
            })
        })
        .collect()
}

/// Objects become dotted paths; arrays and scalars stay whole, since "the list of
/// streets changed" reads better than "streets.3 changed".
fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(map) if prefix != "boundary" => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&path, v, out);
            }
        }
        other => {
            out.insert(prefix.to_owned(), other.clone());
        }
    }
}

impl KindDiff {
    fn retain(mut self, keep: impl Fn(&Code) -> bool) -> Self {
        self.appeared.retain(|e| keep(&e.code));
        self.disappeared.retain(|e| keep(&e.code));
        self.changed.retain(|c| keep(&c.entity.code));
        self
    }
}

impl ZoneDiff {
    /// The diff restricted to what a data scope lets its holder see.
    pub fn visible_to(self, v: &crate::auth::Visible) -> Self {
        let kinds = self
            .kinds
            .into_iter()
            .map(|(plural, d)| {
                let kind = crate::kinds::spec_of(plural).map(|s| s.kind);
                (plural, d.retain(|c| kind.is_some_and(|k| v.allows(k, c))))
            })
            .collect();
        ZoneDiff {
            from: self.from,
            to: self.to,
            kinds,
        }
    }

    /// The diff of one kind (empty when the kind changed nothing).
    pub fn of(&self, kind: EntityKind) -> KindDiff {
        crate::kinds::spec(kind)
            .and_then(|s| self.kinds.get(s.plural))
            .cloned()
            .unwrap_or_default()
    }
}

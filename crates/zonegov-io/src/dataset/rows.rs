//! The parsers of the core tables (categories, change sets, lineage) and the head
//! columns every record table shares. Each record kind's own columns are parsed in
//! its module beside this one (`park.rs`, `institution.rs`, …).

use super::table::Row;
use zonegov_domain::provenance::fields;
use zonegov_domain::{
    Category, ChangeSet, Code, EntityKind, LineageLink, Name, Period, Provenance, Relation, Source,
    Version,
};

pub const CATEGORY_COLUMNS: &[&str] = &["code", "name_zh", "name_en", "internal", "sort", "source"];
pub const CHANGE_COLUMNS: &[&str] = &["id", "effective", "doc_no", "reason_zh", "source"];
pub const VERSION_COLUMNS: &[&str] = &["code", "valid_from", "change", "name_zh", "source"];
pub const LINEAGE_COLUMNS: &[&str] = &[
    "kind",
    "predecessor",
    "successor",
    "relation",
    "date",
    "change",
    "source",
];

pub const CHANGE_OPTIONAL: &[&str] = &["reason_en", "basis", "facts"];
pub const CATEGORY_OPTIONAL: &[&str] = &["basis", "facts"];
pub const LINEAGE_OPTIONAL: &[&str] = &["basis", "facts"];

/// `source`, `basis` and `facts`; `facts` may name only `allowed` fields (see
/// [`zonegov_domain::provenance`]).
pub fn provenance(row: &Row, allowed: &[&str]) -> Option<Provenance> {
    let source = row.parse("source", Source::parse)?;
    let basis = row.text("basis").unwrap_or_default();
    let facts = row.text("facts").unwrap_or_default();
    Provenance::parse(source, basis, facts, allowed)
        .map_err(|e| {
            let field = match e {
                zonegov_domain::provenance::ProvenanceError::ReferenceWithoutBasis => "basis",
                _ => "facts",
            };
            row.error(field, Some(e.value().unwrap_or(facts)), e.to_string())
        })
        .ok()
}

pub fn name(row: &Row) -> Option<Name> {
    Some(Name::new(
        row.required("name_zh")?,
        row.text("name_en").unwrap_or_default(),
    ))
}

pub fn category(row: &Row) -> Option<Category> {
    let code = row.parse("code", Code::parse);
    let name = name(row);
    let internal = row.bool("internal");
    let sort = row.parse("sort", |v| {
        v.parse::<i32>().map_err(|_| "expected a whole number")
    });
    let provenance = provenance(row, fields::CATEGORY);
    Some(Category {
        code: code?,
        name: name?,
        internal: internal?,
        sort: sort?,
        provenance: provenance?,
    })
}

pub fn change(row: &Row, actor: &str) -> Option<ChangeSet> {
    let id = row.parse("id", Code::parse);
    let effective = row.date("effective");
    let doc_no = row.required("doc_no");
    let reason_zh = row.required("reason_zh");
    let provenance = provenance(row, fields::CHANGE);
    Some(ChangeSet {
        id: id?,
        effective: effective?,
        doc_no: doc_no?.to_owned(),
        reason: Name::new(reason_zh?, row.text("reason_en").unwrap_or_default()),
        actor: actor.to_owned(),
        recorded_at: None,
        provenance: provenance?,
    })
}

/// The columns every versioned table shares, parsed once.
pub struct VersionHead {
    pub code: Code,
    pub period: Period,
    pub change: Code,
    pub name: Name,
    pub provenance: Provenance,
}

impl VersionHead {
    /// The version with these head columns and `attrs`.
    pub fn with<T>(self, attrs: T) -> Version<T> {
        Version {
            code: self.code,
            period: self.period,
            change: self.change,
            attrs,
        }
    }
}

pub fn version_head(row: &Row, allowed: &[&str]) -> Option<VersionHead> {
    let code = row.parse("code", Code::parse);
    let from = row.date("valid_from");
    let to = row.opt_date("valid_to");
    let period = match (from, to) {
        (Some(from), Some(to)) => Period::new(from, to)
            .map_err(|e| row.error("valid_to", row.text("valid_to"), e.to_string()))
            .ok(),
        _ => None,
    };
    let change = row.parse("change", Code::parse);
    let name = name(row);
    let provenance = provenance(row, allowed);
    Some(VersionHead {
        code: code?,
        period: period?,
        change: change?,
        name: name?,
        provenance: provenance?,
    })
}

pub fn lineage(row: &Row) -> Option<LineageLink> {
    let kind = row.parse("kind", |v| {
        EntityKind::parse(v).ok_or_else(|| {
            let kinds: Vec<&str> = zonegov_domain::kinds::KINDS
                .iter()
                .map(|s| s.kind.code())
                .collect();
            format!("expected one of {}", kinds.join(", "))
        })
    });
    let predecessor = row.parse("predecessor", Code::parse);
    let successor = row.parse("successor", Code::parse);
    let relation = row.parse("relation", Relation::parse);
    let date = row.date("date");
    let change = row.parse("change", Code::parse);
    let provenance = provenance(row, fields::LINEAGE);
    Some(LineageLink {
        kind: kind?,
        predecessor: predecessor?,
        successor: successor?,
        relation: relation?,
        date: date?,
        change: change?,
        provenance: provenance?,
    })
}

/// The optional `phone` and `address` cells: `Some(None)` when both are empty,
/// `None` when the phone does not parse (the row carries the error).
pub fn contact(row: &Row) -> Option<Option<zonegov_domain::contact::Contact>> {
    let phone = row.parse_opt("phone", zonegov_domain::contact::Phone::parse)?;
    let address = row.text("address").map(str::to_owned);
    Some(zonegov_domain::contact::Contact::of(phone, address))
}

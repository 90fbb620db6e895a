//! One parser per table: a CSV row becomes a domain record, or errors naming the cell.

use super::table::{LIST_SEPARATOR, Row};
use std::collections::BTreeMap;
use std::path::Path;
use zonegov_domain::geo::check_boundary;
use zonegov_domain::institution::QuotaType;
use zonegov_domain::provenance::fields;
use zonegov_domain::{
    Category, ChangeSet, Code, EntityKind, Institution, LineageLink, Name, Park, ParkKind, Period,
    Provenance, Relation, Source, Version,
};

pub const CATEGORY_COLUMNS: &[&str] = &["code", "name_zh", "name_en", "internal", "sort", "source"];
pub const CHANGE_COLUMNS: &[&str] = &["id", "effective", "doc_no", "reason_zh", "source"];
pub const VERSION_COLUMNS: &[&str] = &["code", "valid_from", "change", "name_zh", "source"];
pub const INSTITUTION_COLUMNS: &[&str] = &["category"];
pub const PARK_COLUMNS: &[&str] = &["kind"];
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
pub const INSTITUTION_OPTIONAL: &[&str] = &[
    "valid_to",
    "name_en",
    "plates_zh",
    "plates_en",
    "parent",
    "quota_administrative",
    "quota_public_service",
    "quota_headcount",
    "basis",
    "facts",
];
pub const PARK_OPTIONAL: &[&str] = &[
    "valid_to",
    "name_en",
    "industries",
    "streets",
    "managing_body",
    "boundary",
    "basis",
    "facts",
];

/// `source`, `basis` and `facts`; `facts` may name only `allowed` fields (see
/// [`zonegov_domain::provenance`]).
fn provenance(row: &Row, allowed: &[&str]) -> Option<Provenance> {
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

fn name(row: &Row) -> Option<Name> {
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
struct VersionHead {
    code: Code,
    period: Period,
    change: Code,
    name: Name,
    provenance: Provenance,
}

fn version_head(row: &Row, allowed: &[&str]) -> Option<VersionHead> {
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

pub fn institution(row: &Row) -> Option<Version<Institution>> {
    let head = version_head(row, fields::INSTITUTION);
    let category = row.parse("category", Code::parse);
    let parent = row.parse_opt("parent", Code::parse);
    let plates = plates(row);
    let mut quotas = BTreeMap::new();
    let mut quotas_ok = true;
    for (col, ty) in [
        ("quota_administrative", QuotaType::Administrative),
        ("quota_public_service", QuotaType::PublicService),
        ("quota_headcount", QuotaType::Headcount),
    ] {
        match row.count(col) {
            Some(Some(n)) => {
                quotas.insert(ty, n);
            }
            Some(None) => {}
            None => quotas_ok = false,
        }
    }
    let head = head?;
    Some(Version {
        code: head.code,
        period: head.period,
        change: head.change,
        attrs: Institution {
            name: head.name,
            plates: plates?,
            category: category?,
            parent: parent?,
            quotas: quotas_ok.then_some(quotas)?,
            provenance: head.provenance,
        },
    })
}

fn plates(row: &Row) -> Option<Vec<Name>> {
    let zh = row.list("plates_zh");
    let en = row.list("plates_en");
    if !en.is_empty() && en.len() != zh.len() {
        row.error(
            "plates_en",
            row.text("plates_en"),
            format!(
                "has {} name(s) but plates_zh has {}; separate plates with '{LIST_SEPARATOR}'",
                en.len(),
                zh.len()
            ),
        );
        return None;
    }
    Some(
        zh.into_iter()
            .enumerate()
            .map(|(i, z)| Name::new(z, en.get(i).cloned().unwrap_or_default()))
            .collect(),
    )
}

pub fn park(row: &Row, dir: &Path) -> Option<Version<Park>> {
    let head = version_head(row, fields::PARK);
    let kind = row.parse("kind", ParkKind::parse);
    let managing_body = row.parse_opt("managing_body", Code::parse);
    let boundary = row.parse_opt("boundary", |file| read_boundary(dir, file));
    let head = head?;
    Some(Version {
        code: head.code,
        period: head.period,
        change: head.change,
        attrs: Park {
            name: head.name,
            kind: kind?,
            industries: row.list("industries"),
            streets: row.list("streets"),
            managing_body: managing_body?,
            boundary: boundary?,
            provenance: head.provenance,
        },
    })
}

/// A boundary cell names a GeoJSON file inside the dataset directory.
fn read_boundary(dir: &Path, file: &str) -> Result<serde_json::Value, String> {
    if file.contains("..") || file.starts_with('/') || file.contains('\\') {
        return Err("boundary must be a relative path inside the dataset directory".into());
    }
    let text =
        std::fs::read_to_string(dir.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{file} is not JSON: {e}"))?;
    let geometry = match v.get("type").and_then(|t| t.as_str()) {
        Some("Feature") => v.get("geometry").cloned().unwrap_or_default(),
        _ => v,
    };
    check_boundary(&geometry).map_err(|e| format!("{file}: {e}"))?;
    Ok(geometry)
}

pub fn lineage(row: &Row) -> Option<LineageLink> {
    let kind = row.parse("kind", |v| {
        EntityKind::parse(v).ok_or("expected park or institution")
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

//! The institutions table.

use super::rows::{self, version_head};
use super::table::{LIST_SEPARATOR, Row};
use super::tables::RecordTable;
use std::collections::BTreeMap;
use std::path::Path;
use zonegov_domain::institution::QuotaType;
use zonegov_domain::{Code, Institution, Name, Record, RecordSet, Version};

/// What a row's `facts` may name.
pub const FACT_FIELDS: &[&str] = &[
    "existence",
    "internal",
    "valid_from",
    "valid_to",
    "change",
    "name_zh",
    "plates_zh",
    "category",
    "parent",
    "quota_administrative",
    "quota_public_service",
    "quota_headcount",
];

pub const TABLE: RecordTable = RecordTable {
    kind: Institution::KIND,
    required: &["category"],
    optional: &[
        "valid_to",
        "name_en",
        "plates_zh",
        "plates_en",
        "parent",
        "quota_administrative",
        "quota_public_service",
        "quota_headcount",
        "phone",
        "address",
        "basis",
        "facts",
    ],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        if let Some(v) = institution(row) {
            out.push(v);
        }
    },
};

fn institution(row: &Row) -> Option<Version<Institution>> {
    let head = version_head(row, FACT_FIELDS);
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
    let contact = rows::contact(row);
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
            contact: contact?,
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

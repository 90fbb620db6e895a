//! The safety mapping tables: grids (with the parks and streets each covers) and the
//! sector/specialist/comprehensive rules. See `zonegov_domain::safety::mapping`.

use super::rows::version_head;
use super::table::Row;
use super::tables::RecordTable;
use std::path::Path;
use zonegov_domain::enterprise::{HazardFlag, IndustryCode};
use zonegov_domain::safety::{BodyKind, GridLevel, Party, SafetyGrid, SafetyRule};
use zonegov_domain::{Code, Record, RecordSet};

pub const GRID_FACT_FIELDS: &[&str] = &[
    "existence",
    "valid_from",
    "valid_to",
    "change",
    "name_zh",
    "level",
    "parent",
    "person_in_charge",
    "parks",
    "streets",
    "rule_basis",
];

pub const RULE_FACT_FIELDS: &[&str] = &[
    "existence",
    "valid_from",
    "valid_to",
    "change",
    "name_zh",
    "party",
    "industry",
    "hazard",
    "body",
    "rule_basis",
];

fn level(s: &str) -> Result<GridLevel, String> {
    match s.trim() {
        "1" | "一级" => Ok(GridLevel::Zone),
        "2" | "二级" => Ok(GridLevel::Area),
        "3" | "三级" => Ok(GridLevel::Block),
        "4" | "四级" => Ok(GridLevel::Enterprise),
        other => Err(format!(
            "网格层级“{other}”须为 1–4 / grid level \"{other}\" must be 1–4"
        )),
    }
}

fn party(s: &str) -> Result<Party, String> {
    Party::ALL
        .into_iter()
        .find(|p| {
            let t = s.trim();
            t == p.code() || t == p.label(zonegov_domain::Lang::Zh)
        })
        .ok_or_else(|| {
            format!(
                "责任类别“{s}”须为 sector/specialist/comprehensive（行业管理/专业监管/综合监管） / party \"{s}\" must be sector, specialist or comprehensive"
            )
        })
}

/// A list cell of codes; every bad code is reported.
fn codes(row: &Row, field: &str) -> Option<Vec<Code>> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in row.list(field) {
        match Code::parse(&item) {
            Ok(c) => out.push(c),
            Err(e) => {
                row.error(field, Some(&item), e.to_string());
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

pub const GRIDS: RecordTable = RecordTable {
    kind: SafetyGrid::KIND,
    required: &["level", "rule_basis"],
    optional: &[
        "valid_to",
        "name_en",
        "parent",
        "person_in_charge",
        "parks",
        "streets",
        "basis",
        "facts",
    ],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, GRID_FACT_FIELDS);
        let level = row.parse("level", level);
        let parent = row.parse_opt("parent", Code::parse);
        let parks = codes(row, "parks");
        let streets = codes(row, "streets");
        let basis = row.required("rule_basis");
        let (Some(head), Some(level), Some(parent), Some(parks), Some(streets), Some(basis)) =
            (head, level, parent, parks, streets, basis)
        else {
            return;
        };
        let (name, provenance) = (head.name.clone(), head.provenance.clone());
        out.push(head.with(SafetyGrid {
            name,
            level,
            parent,
            person_in_charge: row.text("person_in_charge").map(str::to_owned),
            parks,
            streets,
            basis: basis.to_owned(),
            provenance,
        }));
    },
};

pub const RULES: RecordTable = RecordTable {
    kind: SafetyRule::KIND,
    required: &["party", "body", "body_kind", "rule_basis"],
    optional: &[
        "valid_to", "name_en", "industry", "hazard", "basis", "facts",
    ],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, RULE_FACT_FIELDS);
        let party = row.parse("party", party);
        let industry = row.parse_opt("industry", IndustryCode::parse);
        let hazard = row.parse_opt("hazard", HazardFlag::parse);
        let body = row.parse("body", Code::parse);
        let body_kind = row.parse("body_kind", BodyKind::parse);
        let basis = row.required("rule_basis");
        let (
            Some(head),
            Some(party),
            Some(industry),
            Some(hazard),
            Some(body),
            Some(body_kind),
            Some(basis),
        ) = (head, party, industry, hazard, body, body_kind, basis)
        else {
            return;
        };
        let (name, provenance) = (head.name.clone(), head.provenance.clone());
        out.push(head.with(SafetyRule {
            name,
            party,
            industry,
            hazard,
            body,
            body_kind,
            basis: basis.to_owned(),
            provenance,
        }));
    },
};

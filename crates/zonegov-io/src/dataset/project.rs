//! The projects table (招商项目) and the chain nodes table (产业链节点). A project's
//! stage dates are one column per stage (`stage_lead` … `stage_operating`, from the
//! stage table); amounts carry their unit ("106亿元") and are parsed, never guessed.

use super::rows::version_head;
use super::table::Row;
use super::tables::RecordTable;
use std::collections::BTreeMap;
use std::path::Path;
use zonegov_domain::enterprise::IndustryCode;
use zonegov_domain::project::{
    Amount, ChainNode, ChainRole, CharIndustry, Investor, Project, STAGES, Segment, Stage,
    StageProblem, TenStrong,
};
use zonegov_domain::{Code, Record, RecordSet};

pub const PROJECT_FACTS: &[&str] = &[
    "existence",
    "valid_from",
    "valid_to",
    "change",
    "name_zh",
    "investor",
    "amount",
    "ten_strong",
    "industry",
    "park",
    "chain_node",
    "stages",
    "officer",
];

/// The column of each stage's date.
pub const STAGE_COLUMNS: &[&str] = &[
    "stage_lead",
    "stage_pitch",
    "stage_talks",
    "stage_signed",
    "stage_pre_start",
    "stage_started",
    "stage_funded",
    "stage_operating",
];

pub const PROJECTS: RecordTable = RecordTable {
    kind: Project::KIND,
    required: &["investor_name", "amount", "industry", "park", "officer"],
    optional: &[
        "valid_to",
        "name_en",
        "real_name",
        "investor_code",
        "ten_strong",
        "chain_node",
        "chain_role",
        "problems",
        "basis",
        "facts",
        "stage_lead",
        "stage_pitch",
        "stage_talks",
        "stage_signed",
        "stage_pre_start",
        "stage_started",
        "stage_funded",
        "stage_operating",
    ],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, PROJECT_FACTS);
        let investor = Investor::parse(row.text("investor_code"), row.text("investor_name"))
            .map_err(|e| row.error("investor_code", row.text("investor_code"), e))
            .ok();
        let amount = row.parse("amount", Amount::parse);
        let ten_strong = row.parse_opt("ten_strong", TenStrong::parse);
        let industry = row.parse("industry", CharIndustry::parse);
        let park = row.parse("park", Code::parse);
        let chain_node = row.parse_opt("chain_node", Code::parse);
        let chain_role = row.parse_opt("chain_role", ChainRole::parse);
        let problems = row.parse_opt("problems", StageProblem::parse_list);
        let officer = row.required("officer");
        let stages = stage_dates(row);
        let (
            Some(head),
            Some(investor),
            Some(amount),
            Some(ten_strong),
            Some(industry),
            Some(park),
            Some(chain_node),
            Some(chain_role),
            Some(problems),
            Some(officer),
            Some(stages),
        ) = (
            head, investor, amount, ten_strong, industry, park, chain_node, chain_role, problems,
            officer, stages,
        )
        else {
            return;
        };
        let provenance = head.provenance.clone();
        let name = head.name.clone();
        out.push(head.with(Project {
            name,
            real_name: row.text("real_name").map(str::to_owned),
            investor,
            amount,
            ten_strong,
            industry,
            park,
            chain_node,
            chain_role,
            stages,
            officer: officer.to_owned(),
            problems: problems.unwrap_or_default(),
            provenance,
        }));
    },
};

/// Every stage column's date; `None` when one does not parse (the row carries it).
fn stage_dates(row: &Row) -> Option<BTreeMap<Stage, zonegov_domain::NaiveDate>> {
    debug_assert_eq!(STAGE_COLUMNS.len(), STAGES.len());
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (stage, column) in Stage::all().zip(STAGE_COLUMNS) {
        match row.opt_date(column) {
            Some(Some(day)) => {
                out.insert(stage, day);
            }
            Some(None) => {}
            None => ok = false,
        }
    }
    ok.then_some(out)
}

pub const NODE_FACTS: &[&str] = &["existence", "name_zh", "industry", "segment", "anchors"];

pub const CHAIN_NODES: RecordTable = RecordTable {
    kind: ChainNode::KIND,
    required: &["industry", "segment", "sort"],
    optional: &[
        "valid_to",
        "name_en",
        "classes",
        "enterprises",
        "anchors",
        "weak",
        "basis",
        "facts",
    ],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, NODE_FACTS);
        let industry = row.parse("industry", CharIndustry::parse);
        let segment = row.parse("segment", Segment::parse);
        let sort = row.count("sort").and_then(|s| {
            s.or_else(|| {
                row.error("sort", None, "required value is empty");
                None
            })
        });
        let classes = codes(row, "classes", |v| {
            IndustryCode::parse(v).map_err(|e| e.message(zonegov_domain::Lang::Zh))
        });
        let enterprises = codes(row, "enterprises", |v| {
            Code::parse(v).map_err(|e| e.to_string())
        });
        let anchors = codes(row, "anchors", |v| {
            Code::parse(v).map_err(|e| e.to_string())
        });
        let weak = match row.text("weak") {
            None => Some(false),
            Some(_) => row.bool("weak"),
        };
        let (
            Some(head),
            Some(industry),
            Some(segment),
            Some(sort),
            Some(classes),
            Some(enterprises),
            Some(anchors),
            Some(weak),
        ) = (
            head,
            industry,
            segment,
            sort,
            classes,
            enterprises,
            anchors,
            weak,
        )
        else {
            return;
        };
        let provenance = head.provenance.clone();
        let name = head.name.clone();
        out.push(head.with(ChainNode {
            name,
            industry,
            segment,
            sort,
            classes,
            enterprises,
            anchors,
            weak,
            provenance,
        }));
    },
};

/// A `|`-separated list cell, each entry parsed; `None` when one does not.
fn codes<T>(row: &Row, field: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    for v in row.list(field) {
        match parse(&v) {
            Ok(x) => out.push(x),
            Err(e) => {
                row.error(field, Some(&v), e);
                return None;
            }
        }
    }
    Some(out)
}

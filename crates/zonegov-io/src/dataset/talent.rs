//! The talent tables: talents (one person, or a count where only a count exists),
//! talent platforms, and the revolving quota's pool decisions and loans.

use super::rows::version_head;
use super::table::Row;
use super::tables::RecordTable;
use std::path::Path;
use zonegov_domain::quota::{QuotaLoan, QuotaPool};
use zonegov_domain::safety::MaskedName;
use zonegov_domain::talent::{Headcount, Platform, PlatformKind, Talent, Tier};
use zonegov_domain::{Code, Name, Record, RecordSet};

pub const TALENT_FACTS: &[&str] = &[
    "existence",
    "name_zh",
    "tier",
    "count",
    "platform",
    "project",
    "enterprise",
];

/// A person's row gives `person` (the full name, personal data) and no `count`; the
/// record's name is then the masked name followed by `name_zh` (e.g. the field).
pub const TALENTS: RecordTable = RecordTable {
    kind: Talent::KIND,
    required: &["tier"],
    optional: &[
        "valid_to",
        "name_en",
        "person",
        "count",
        "at_least",
        "platform",
        "project",
        "enterprise",
        "basis",
        "facts",
    ],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, TALENT_FACTS);
        let tier = row.parse("tier", Tier::parse);
        let count = row.count("count");
        let at_least = match row.text("at_least") {
            None => Some(false),
            Some(_) => row.bool("at_least"),
        };
        let headcount = match (row.text("person"), count, at_least) {
            (Some(full), Some(None), Some(false)) => Some(Headcount::Person {
                full_name: full.to_owned(),
            }),
            (Some(full), Some(_), _) => {
                row.error(
                    "count",
                    Some(full),
                    "一人一行不填人数 / a person's row has no count",
                );
                None
            }
            (None, Some(Some(count)), Some(at_least)) => Some(Headcount::Count { count, at_least }),
            (None, Some(None), _) => {
                row.error(
                    "count",
                    None,
                    "须填人员姓名或人数 / a person or a count is required",
                );
                None
            }
            _ => None,
        };
        let platform = row.parse_opt("platform", Code::parse);
        let project = row.parse_opt("project", Code::parse);
        let enterprise = row.parse_opt("enterprise", Code::parse);
        let (
            Some(mut head),
            Some(tier),
            Some(headcount),
            Some(platform),
            Some(project),
            Some(enterprise),
        ) = (head, tier, headcount, platform, project, enterprise)
        else {
            return;
        };
        if let Headcount::Person { full_name } = &headcount {
            // The record's name is what lists and search see: never the full name.
            head.name = Name::new(
                format!("{} {}", MaskedName::of(full_name), head.name.zh),
                head.name.en.clone(),
            );
        }
        let provenance = head.provenance.clone();
        let name = head.name.clone();
        out.push(head.with(Talent {
            name,
            tier,
            headcount,
            platform,
            project,
            enterprise,
            provenance,
        }));
    },
};

pub const PLATFORMS: RecordTable = RecordTable {
    kind: Platform::KIND,
    required: &["kind"],
    optional: &[
        "valid_to",
        "name_en",
        "enterprise",
        "park",
        "basis",
        "facts",
    ],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, &["existence", "name_zh", "kind", "enterprise", "park"]);
        let kind = row.parse("kind", PlatformKind::parse);
        let enterprise = row.parse_opt("enterprise", Code::parse);
        let park = row.parse_opt("park", Code::parse);
        let (Some(head), Some(kind), Some(enterprise), Some(park)) = (head, kind, enterprise, park)
        else {
            return;
        };
        let provenance = head.provenance.clone();
        let name = head.name.clone();
        out.push(head.with(Platform {
            name,
            kind,
            enterprise,
            park,
            provenance,
        }));
    },
};

pub const QUOTA_POOLS: RecordTable = RecordTable {
    kind: QuotaPool::KIND,
    required: &["size"],
    optional: &["valid_to", "name_en", "basis", "facts"],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, &["existence", "name_zh", "size"]);
        let size = row.count("size").and_then(|s| {
            s.or_else(|| {
                row.error("size", None, "required value is empty");
                None
            })
        });
        let (Some(head), Some(size)) = (head, size) else {
            return;
        };
        let provenance = head.provenance.clone();
        let name = head.name.clone();
        out.push(head.with(QuotaPool {
            name,
            size,
            provenance,
        }));
    },
};

/// A loan's `valid_from` is the day it was made and `valid_to` the day it was returned.
pub const QUOTA_LOANS: RecordTable = RecordTable {
    kind: QuotaLoan::KIND,
    required: &["body", "talent", "term_end"],
    optional: &["valid_to", "name_en", "basis", "facts"],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(
            row,
            &[
                "existence",
                "name_zh",
                "body",
                "talent",
                "term_end",
                "valid_from",
            ],
        );
        let body = row.parse("body", Code::parse);
        let talent = row.parse("talent", Code::parse);
        let term_end = row.date("term_end");
        let (Some(head), Some(body), Some(talent), Some(term_end)) = (head, body, talent, term_end)
        else {
            return;
        };
        let provenance = head.provenance.clone();
        let name = head.name.clone();
        out.push(head.with(QuotaLoan {
            name,
            body,
            talent,
            term_end,
            provenance,
        }));
    },
};

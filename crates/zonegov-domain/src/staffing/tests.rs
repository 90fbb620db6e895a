//! The 三定's history rules, each shown failing on a small zone built here: one
//! body with a quota, its 三定, and the problem located at the 三定's version.

use super::*;
use crate::history::{HistoryParts, Locator, Problem, ZoneHistory};
use crate::institution::{Category, Institution, QuotaType};
use crate::lang::Name;
use crate::period::Period;
use crate::provenance::Provenance;
use crate::record::{Record, RecordSet};
use crate::version::Version;
use crate::zone::{Zone, ZoneLevel};
use crate::{ChangeSet, Code, DivisionCode};
use std::collections::BTreeMap;

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn person(name: &str, post: Option<LeadRank>, quota: QuotaType) -> Occupant {
    Occupant {
        person: PersonName::parse(name).unwrap(),
        post,
        unit: Some("综合科".into()),
        quota,
    }
}

/// Body B01 with 2 administrative places from 2020 (cut to 1 from 2023 when
/// `cut`), and its 三定 from 2020 holding `people`.
fn zone(people: Vec<Occupant>, cut: bool, staffing_code: &str) -> HistoryParts {
    let mut records = RecordSet::default();
    let inst = |from: &str, to: Option<&str>, n: u32| Version {
        code: code("B01"),
        period: Period::new(day(from), to.map(day)).unwrap(),
        change: code("C1"),
        attrs: Institution {
            name: Name::new("局", "Bureau"),
            plates: vec![],
            category: code("ADMIN"),
            parent: None,
            quotas: BTreeMap::from([(QuotaType::Administrative, n)]),
            contact: None,
            provenance: Provenance::default(),
        },
    };
    if cut {
        records.push(inst("2020-01-01", Some("2023-01-01"), 2));
        records.push(inst("2023-01-01", None, 1));
    } else {
        records.push(inst("2020-01-01", None, 2));
    }
    records.push(Version {
        code: code(staffing_code),
        period: Period::open(day("2020-01-01")),
        change: code("C1"),
        attrs: Staffing {
            name: Name::new("局三定", "Bureau 三定"),
            institution: code("B01"),
            functions: vec![
                Function::new("负责审批", vec![ItemCode::parse("XK00001000").unwrap()]).unwrap(),
            ],
            units: vec!["综合科".into()],
            posts: BTreeMap::from([(LeadRank::Principal, 1)]),
            occupancy: people,
            provenance: Provenance::default(),
        },
    });
    HistoryParts {
        zone: Zone {
            division: DivisionCode::parse("370871").unwrap(),
            name: Name::new("区", "Zone"),
            level: ZoneLevel::National,
            provenance: Provenance::default(),
        },
        categories: vec![Category {
            code: code("ADMIN"),
            name: Name::new("部门", "Dept"),
            internal: true,
            sort: 1,
            provenance: Provenance::default(),
        }],
        changes: vec![ChangeSet {
            id: code("C1"),
            effective: day("2020-01-01"),
            doc_no: "1".into(),
            reason: Name::new("设立", "Set up"),
            actor: "t".into(),
            recorded_at: None,
            provenance: Provenance::default(),
        }],
        records,
        lineage: vec![],
    }
}

fn problems(p: HistoryParts) -> Vec<Problem> {
    ZoneHistory::build(p).err().unwrap_or_default()
}

fn staffing_problem(ps: &[Problem], field: &str) -> Option<String> {
    ps.iter()
        .find(|p| p.at == Locator::Record(Staffing::KIND, 0) && p.field == field)
        .map(|p| p.message.clone())
}

#[test]
fn within_quota_and_posts_builds() {
    let people = vec![
        person("王一", Some(LeadRank::Principal), QuotaType::Administrative),
        person("李二", None, QuotaType::Administrative),
    ];
    assert_eq!(problems(zone(people, false, "B01")), vec![]);
}

#[test]
fn over_quota_on_any_day_is_located_at_the_staffing_version() {
    let two = || {
        vec![
            person("王一", None, QuotaType::Administrative),
            person("李二", None, QuotaType::Administrative),
        ]
    };
    // Two people fit 2 places, but the quota is cut to 1 from 2023.
    let ps = problems(zone(two(), true, "B01"));
    let m = staffing_problem(&ps, "occupancy").expect("over quota reported");
    assert!(m.contains("超编") && m.contains("2023-01-01"), "{m}");
    // A type the body has no quota for at all is over quota too.
    let ps = problems(zone(
        vec![person("王一", None, QuotaType::PublicService)],
        false,
        "B01",
    ));
    assert!(staffing_problem(&ps, "occupancy").is_some(), "{ps:?}");
}

#[test]
fn posts_over_the_leadership_establishment_are_refused() {
    let people = vec![
        person("王一", Some(LeadRank::Principal), QuotaType::Administrative),
        person("李二", Some(LeadRank::Deputy), QuotaType::Administrative),
    ];
    let ps = problems(zone(people, false, "B01"));
    let m = staffing_problem(&ps, "posts").expect("no deputy post allowed");
    assert!(m.contains("副职"), "{m}");
}

#[test]
fn the_body_must_exist_and_the_code_is_the_bodys() {
    let ps = problems(zone(vec![], false, "B02"));
    assert!(staffing_problem(&ps, "code").is_some(), "{ps:?}");
    let mut p = zone(vec![], false, "B01");
    p.records.of_mut::<Staffing>()[0].period = Period::open(day("2019-01-01"));
    let ps = problems(p);
    let m = staffing_problem(&ps, "institution").expect("body missing in 2019");
    assert!(m.contains("does not exist throughout"), "{m}");
}

#[test]
fn names_are_masked_in_every_generic_view() {
    let people = vec![person("王小明", None, QuotaType::Administrative)];
    let h = ZoneHistory::build(zone(people, false, "B01")).unwrap();
    let t = h.kind(Staffing::KIND).unwrap();
    let json = serde_json::to_string(&t.versions_json(&code("B01"))).unwrap();
    assert!(!json.contains("王小明") && json.contains("王**"), "{json}");
    let v = view(&h, &code("B01"), day("2024-01-01"), false).unwrap();
    assert_eq!(v.occupancy[0].person, "王**");
    assert_eq!(v.vacancies[0].vacant, 1);
    let v = view(&h, &code("B01"), day("2024-01-01"), true).unwrap();
    assert_eq!(v.occupancy[0].person, "王小明");
    let l = ledger(&h, day("2024-01-01"));
    let adm = l.of_type(QuotaType::Administrative).unwrap();
    assert_eq!(
        (adm.quota, adm.occupied, adm.vacant, adm.unrecorded),
        (2, 1, 1, 0)
    );
}

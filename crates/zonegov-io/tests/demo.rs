#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The demo dataset reproduces the seed facts about parks and institutions.

use std::path::PathBuf;
use zonegov_domain::{Code, Lang, NaiveDate, Record, Relation, Source};
use zonegov_io::read_dataset;

fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn demo_reproduces_the_seed_counts() {
    let ds = read_dataset(&demo_dir()).unwrap_or_else(|e| panic!("{e}"));
    let h = &ds.history;
    let r = h.report(day("2019-12-31"), None);
    assert_eq!((r.internal_institutions, r.parks_total), (37, 12));
    let r = h.report(day("2021-06-30"), None);
    assert_eq!((r.internal_institutions, r.parks_total), (12, 12));
    let r = h.report(day("2024-08-31"), None);
    assert_eq!(r.parks_total, 12);
    let r = h.report(day("2024-12-31"), Some(day("2019-12-31")));
    assert_eq!(r.parks_total, 10);
    // 经济运行局 added; 社会治理服务中心 is a 事业单位 in this dataset, so 12 + 1 = 13.
    assert_eq!(r.internal_institutions, 13);
    let internal = r
        .figures
        .iter()
        .find(|f| f.key == "internal_institutions")
        .unwrap();
    assert_eq!((internal.before, internal.after), (37, 13));
    let kinds: Vec<usize> = r.parks_by_kind.iter().map(|g| g.count).collect();
    assert_eq!(kinds, [6, 2, 2]);
}

#[test]
fn the_2020_reform_cuts_68_percent() {
    let ds = read_dataset(&demo_dir()).unwrap();
    let r = ds
        .history
        .report(day("2021-06-30"), Some(day("2019-12-31")));
    let f = r
        .figures
        .iter()
        .find(|f| f.key == "internal_institutions")
        .unwrap();
    assert_eq!(f.sentence(Lang::Zh), "内设机构 37 → 12,压减 68%");
    assert_eq!(
        f.sentence(Lang::En),
        "Internal institutions 37 → 12, down 68%"
    );
}

#[test]
fn the_2023_changes_are_reflected() {
    let ds = read_dataset(&demo_dir()).unwrap();
    let h = &ds.history;
    let n04 = Code::parse("N04").unwrap();
    let before = h.institutions().as_of(&n04, day("2023-03-31")).unwrap();
    let after = h.institutions().as_of(&n04, day("2024-12-31")).unwrap();
    assert_eq!(before.attrs.display_name(Lang::Zh), "经济发展局");
    assert_eq!(after.attrs.display_name(Lang::Zh), "发展改革局(统计局)");
    let s = h.snapshot(day("2024-12-31"));
    let names: Vec<&str> = s
        .institutions
        .iter()
        .map(|i| i.attrs.name.zh.as_str())
        .collect();
    assert!(names.contains(&"经济运行局"));
    assert!(names.contains(&"社会治理服务中心"));
    let org = s
        .institutions
        .iter()
        .find(|i| i.attrs.name.zh == "党工委组织部")
        .unwrap();
    assert_eq!(org.attrs.display_name(Lang::Zh), "党工委组织部(人力资源部)");
}

#[test]
fn abolished_bodies_lead_to_their_heirs() {
    let ds = read_dataset(&demo_dir()).unwrap();
    let h = &ds.history;
    let heirs = h.heirs(
        zonegov_domain::Institution::KIND,
        &Code::parse("O20").unwrap(),
        day("2024-12-31"),
    );
    assert_eq!(heirs, [Code::parse("N04").unwrap()]);
    let heirs = h.heirs(
        zonegov_domain::Park::KIND,
        &Code::parse("P02").unwrap(),
        day("2024-12-31"),
    );
    assert_eq!(heirs, [Code::parse("P01").unwrap()]);
    for v in h
        .institutions()
        .all()
        .filter(|v| v.period.to() == Some(day("2020-07-01")))
    {
        assert!(
            !h.heirs(
                zonegov_domain::Institution::KIND,
                &v.code,
                day("2021-01-01")
            )
            .is_empty(),
            "{} has no heir",
            v.code
        );
    }
}

#[test]
fn every_demo_record_is_marked_and_none_claims_to_be_pure_fact_without_basis() {
    let ds = read_dataset(&demo_dir()).unwrap();
    let h = &ds.history;
    for v in h.parks().all() {
        assert!(
            v.attrs.provenance.source == Source::Illustrative
                || !v.attrs.provenance.basis.is_empty()
        );
        assert!(
            !v.attrs.provenance.basis.is_empty(),
            "park {} has no basis",
            v.code
        );
    }
    for v in h.institutions().all() {
        assert!(
            !v.attrs.provenance.basis.is_empty(),
            "institution {} has no basis",
            v.code
        );
    }
}

fn figure<'r>(r: &'r zonegov_domain::ZoneReport, key: &str) -> &'r zonegov_domain::report::Figure {
    r.figure(key).unwrap_or_else(|| panic!("no figure {key}"))
}

#[test]
fn figures_from_illustrative_data_are_marked_and_the_stated_counts_are_not() {
    let ds = read_dataset(&demo_dir()).unwrap();
    let h = &ds.history;
    // Seed §5: 37 → 12 is stated, so the 2020 figure is not marked.
    let r = h.report(day("2021-06-30"), Some(day("2019-12-31")));
    let internal = figure(&r, "internal_institutions");
    assert_eq!((internal.before, internal.after), (37, 12));
    assert!(!internal.illustrative, "37 → 12 is stated by the article");
    // Seed §2: 12 parks before the 2024 integration, 10 after; the kinds are not stated.
    let r = h.report(day("2024-12-31"), Some(day("2024-08-31")));
    let parks = figure(&r, "parks");
    assert_eq!(
        (parks.before, parks.after, parks.illustrative),
        (12, 10, false)
    );
    for g in &r.parks_by_kind {
        assert!(
            g.illustrative,
            "parks by kind ({}) are illustrative",
            g.code
        );
        let f = figure(&r, &format!("parks.{}", g.code));
        assert!(f.before_illustrative && f.illustrative);
    }
    // 13 rests on counting 经济运行局 as internal, which the article does not state.
    let internal = figure(&r, "internal_institutions");
    assert_eq!(internal.after, 13);
    assert!(internal.illustrative && internal.after_illustrative);
    assert!(r.illustrative_now("internal_institutions"));
    assert!(!r.illustrative_now("parks"));
}

#[test]
fn demo_data_agrees_with_the_article() {
    let ds = read_dataset(&demo_dir()).unwrap();
    let h = &ds.history;
    let integration = day("2024-09-01");
    let center = Code::parse("N08").unwrap();
    for v in h.parks().all() {
        let p = &v.attrs.provenance;
        if v.period.from() < integration {
            // The three kinds are the outcome of the 2024 integration (seed §2).
            assert!(!p.states("kind"), "park {} states its kind", v.code);
            assert!(p.basis.contains("kind"), "park {}: {}", v.code, p.basis);
            // The center's unified planning of the parks dates from the 2024 reform.
            if v.attrs.managing_body.as_ref() == Some(&center) {
                assert!(!p.states("managing_body"), "park {}", v.code);
                assert!(p.basis.contains("before September 2024 is illustrative"));
            }
        }
    }
    // 经济运行局 was newly added (增设), not split off another body.
    let n13 = Code::parse("N13").unwrap();
    let (succ, pred) = h.lineage_of(zonegov_domain::Institution::KIND, &n13);
    assert!(succ.is_empty() && pred.is_empty(), "N13 has lineage");
    assert!(h.lineage.iter().all(|l| l.relation != Relation::SplitFrom));
    for v in h.institutions().versions(&n13) {
        assert!(!v.attrs.provenance.basis.contains("split from"));
    }
    // The 2024 plan is the 园区整合提升计划.
    let c2024 = h.change(&Code::parse("C2024").unwrap()).unwrap();
    assert!(
        c2024.reason.zh.contains("园区整合提升计划"),
        "{}",
        c2024.reason.zh
    );
    assert!(!c2024.reason.zh.contains("优化方案"));
    // Every lineage link carries provenance.
    for l in &h.lineage {
        assert!(
            !l.provenance.basis.is_empty(),
            "{} → {}",
            l.predecessor,
            l.successor
        );
    }
    // 370871 is the zone's statistical division code (public reference data); 370800
    // is 济宁市.
    assert_eq!(h.zone.division.as_str(), "370871");
    assert_eq!(h.zone.provenance.source, Source::Reference);
    assert!(h.zone.provenance.basis.contains("统计用区划代码"));
}

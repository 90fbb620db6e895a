use super::chain::{ChainEnterprise, gap_view};
use super::pipeline::{PipelineFilter, pipeline, summary};
use super::*;
use crate::code::Code;
use crate::enterprise::IndustryCode;
use crate::lang::Name;
use crate::provenance::{Provenance, Source};
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn c(s: &str) -> Code {
    Code::parse(s).unwrap()
}

fn prov() -> Provenance {
    Provenance::parse(Source::Illustrative, "test", "", &[]).unwrap()
}

fn project(amount: &str, stages: &[(&str, &str)], node: Option<&str>) -> Project {
    Project {
        name: Name::new("测试项目", ""),
        real_name: None,
        investor: Investor::New("某公司".into()),
        amount: Amount::parse(amount).unwrap(),
        ten_strong: Some(TenStrong::parse("高端装备").unwrap()),
        industry: CharIndustry::parse("I1").unwrap(),
        park: c("P01"),
        chain_node: node.map(c),
        chain_role: None,
        stages: stages
            .iter()
            .map(|(s, day)| (Stage::parse(s).unwrap(), d(day)))
            .collect::<BTreeMap<_, _>>(),
        officer: "王某".into(),
        problems: Vec::new(),
        provenance: prov(),
    }
}

#[test]
fn stage_on_a_day_landing_and_stall() {
    let p = project(
        "2亿",
        &[
            ("线索", "2022-01-10"),
            ("在谈", "2022-03-01"),
            ("签约", "2022-06-01"),
        ],
        None,
    );
    assert_eq!(p.stage_on(d("2022-01-09")), None);
    assert_eq!(
        p.stage_on(d("2022-04-01")),
        Some((Stage::parse("在谈").unwrap(), d("2022-03-01")))
    );
    assert_eq!(p.landed(), Some(d("2022-06-01")));
    assert_eq!(p.stalled(d("2022-05-30"), 90), None);
    assert_eq!(p.stalled(d("2022-06-01"), 90), None);
    assert_eq!(p.stalled(d("2022-09-30"), 90), Some(121));
    assert!(p.counts_as_major(d("2022-01-01"), d("2024-12-31")));
    assert!(!p.counts_as_major(d("2023-01-01"), d("2024-12-31")));
    let small = project("9999万", &[("签约", "2022-06-01")], None);
    assert!(!small.counts_as_major(d("2022-01-01"), d("2024-12-31")));
}

#[test]
fn stage_dates_out_of_order_are_a_problem() {
    let p = project(
        "2亿",
        &[("线索", "2022-05-10"), ("签约", "2022-03-01")],
        None,
    );
    let ctx = crate::record::CheckContext {
        categories: &Default::default(),
    };
    let problems = crate::Record::check(&p, &ctx);
    assert!(
        problems
            .iter()
            .any(|(f, m)| *f == "stages" && m.contains("2022-03-01")),
        "{problems:?}"
    );
}

#[test]
fn pipeline_filters_and_summary() {
    let a = project("106亿元", &[("签约", "2022-03-01")], None);
    let mut b = project("8000万", &[("在谈", "2023-01-01")], None);
    b.park = c("P02");
    let codes = [c("A"), c("B")];
    let all = [(&codes[0], &a), (&codes[1], &b)];
    let day = d("2023-12-31");
    let f = PipelineFilter {
        min_amount: Some(Amount::YI),
        ..Default::default()
    };
    let rows = pipeline(all, day, &f, 90);
    assert_eq!(
        rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
        vec!["A"]
    );
    let stalled = PipelineFilter {
        stalled_only: true,
        park: Some(c("P02")),
        ..Default::default()
    };
    assert_eq!(pipeline(all, day, &stalled, 90).len(), 1);
    assert_eq!(pipeline(all, day, &stalled, 400).len(), 0);
    let s = summary(all, day, 90);
    assert_eq!(s.by_stage.get("signed").map(|x| x.count), Some(1));
    assert_eq!(
        s.major_by_year.get(&2022).map(|x| x.amount),
        Some(Amount::parse("106亿").unwrap())
    );
    assert_eq!(s.landed_by_park.len(), 1);
}

fn node(industry: &str, segment: &str, sort: u32, classes: &[&str], weak: bool) -> ChainNode {
    ChainNode {
        name: Name::new(format!("节点{sort}"), ""),
        industry: CharIndustry::parse(industry).unwrap(),
        segment: Segment::parse(segment).unwrap(),
        sort,
        classes: classes
            .iter()
            .map(|c| IndustryCode::parse(c).unwrap())
            .collect(),
        enterprises: Vec::new(),
        anchors: Vec::new(),
        weak,
        provenance: prov(),
    }
}

/// A fixture chain: an upstream node served by an enterprise of a class under it, a
/// midstream node with only a pipeline project (a gap being addressed), a downstream
/// node with nothing (a gap), and a weak node with a landed project.
#[test]
fn gap_view_lists_every_node_without_enterprise_or_project() {
    let codes = [c("N1"), c("N2"), c("N3"), c("N4")];
    let nodes = [
        node("I1", "上游", 1, &["34"], false),
        node("I1", "中游", 1, &["3431"], false),
        node("I1", "下游", 1, &["3511"], false),
        node("I1", "下游", 2, &["3512"], true),
    ];
    let ent = c("91370871000000019M");
    let enterprises = [ChainEnterprise {
        code: &ent,
        industry: IndustryCode::parse("3411").unwrap(),
    }];
    let pipeline_project = project("3亿", &[("在谈", "2024-01-01")], Some("N2"));
    let landed = project("5亿", &[("签约", "2024-02-01")], Some("N4"));
    let pcodes = [c("X1"), c("X2")];
    let view = gap_view(
        codes.iter().zip(nodes.iter()),
        enterprises,
        [(&pcodes[0], &pipeline_project), (&pcodes[1], &landed)],
        d("2024-12-31"),
    );
    let gaps: Vec<&str> = view
        .iter()
        .filter(|v| v.gap)
        .map(|v| v.code.as_str())
        .collect();
    assert_eq!(gaps, vec!["N2", "N3"]);
    assert_eq!(view[0].enterprises, vec![ent.clone()]);
    assert_eq!(view[1].addressing, vec![c("X1")]);
    assert!(view[3].weak && !view[3].gap);
    assert_eq!(view[3].landed, vec![c("X2")]);
    // Before the landed project signed, N4 was a gap too.
    let early = gap_view(
        codes.iter().zip(nodes.iter()),
        enterprises,
        [(&pcodes[1], &landed)],
        d("2024-01-15"),
    );
    assert_eq!(early.iter().filter(|v| v.gap).count(), 3);
}

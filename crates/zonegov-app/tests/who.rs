#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! 谁来管 on the demo zone, through the use case and the real store: every boundary
//! item, at a park merged away by the 2024 integration, on a day before and a day
//! after it. The expected bodies are worked out here from the demo's CSV files
//! directly (rows, parks' streets, streets' counties, lineage), not from the code
//! under test.

use std::collections::BTreeMap;
use std::path::PathBuf;
use zonegov_app::who::{Question, ask, check_duty};
use zonegov_domain::auth::Visible;
use zonegov_domain::who::{IssueKind, Matter, Place, Role, Verdict};
use zonegov_domain::{Code, NaiveDate};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

fn csv(name: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(root().join("data/demo").join(name)).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|row| {
            let row = row.unwrap();
            headers
                .iter()
                .map(str::to_owned)
                .zip(row.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn valid(row: &BTreeMap<String, String>, d: NaiveDate) -> bool {
    let from = day(&row["valid_from"]);
    let to = row
        .get("valid_to")
        .filter(|t| !t.is_empty())
        .map(|t| day(t));
    from <= d && to.is_none_or(|t| d < t)
}

/// The park a place given as `park` is on `d`: itself, or its successor by lineage.
fn park_on(park: &str, d: NaiveDate) -> String {
    if csv("parks.csv")
        .iter()
        .any(|r| r["code"] == park && valid(r, d))
    {
        return park.to_owned();
    }
    let link = csv("lineage.csv")
        .into_iter()
        .find(|l| l["kind"] == "park" && l["predecessor"] == park && day(&l["date"]) <= d)
        .expect("a successor");
    park_on(&link["successor"], d)
}

/// (step, role, level, body) of every party of `item` on `d`, at park `place`.
fn expected(item: &str, place: &str, d: NaiveDate) -> Vec<(String, Role, String, String)> {
    let park = park_on(place, d);
    let parks = csv("parks.csv");
    let park_row = parks
        .iter()
        .find(|r| r["code"] == park && valid(r, d))
        .unwrap();
    let street = park_row["streets"].clone();
    assert!(
        !street.contains(';'),
        "the oracle expects one street per park"
    );
    let counterparts = csv("counterparts.csv");
    let county = counterparts
        .iter()
        .find(|r| r["code"] == street && valid(r, d))
        .unwrap()["parent"]
        .clone();
    let mut out: Vec<(u32, bool, String, Role, String, String)> = csv("boundary_items.csv")
        .into_iter()
        .filter(|r| r["code"] == item && valid(r, d))
        .map(|r| {
            let body = match (r["party_level"].as_str(), r["party"].as_str()) {
                ("street", "属地") => street.clone(),
                ("park", "属地") => park.clone(),
                ("county", "属地") => county.clone(),
                (_, named) => named.to_owned(),
            };
            let role = if r["role"] == "牵头" {
                Role::Lead
            } else {
                Role::Cooperating
            };
            (
                r["step_no"].parse().unwrap(),
                role == Role::Cooperating,
                r["step"].clone(),
                role,
                r["party_level"].clone(),
                body,
            )
        })
        .collect();
    out.sort_by_key(|e| (e.0, e.1));
    out.into_iter()
        .map(|(_, _, s, r, l, b)| (s, r, l, b))
        .collect()
}

async fn demo() -> (tempfile::TempDir, std::sync::Arc<dyn zonegov_store::Store>) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = zonegov_store::connect(&url).await.unwrap();
    zonegov_app::dataset::load_dir(store.as_ref(), &root().join("data/demo"), "loader")
        .await
        .unwrap();
    (dir, store)
}

#[tokio::test]
async fn every_boundary_item_resolves_at_a_merged_park_either_side_of_the_2024_integration() {
    let (_dir, store) = demo().await;
    let history = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    let items: Vec<String> = {
        let mut v: Vec<String> = csv("boundary_items.csv")
            .into_iter()
            .map(|r| r["code"].clone())
            .collect();
        v.dedup();
        v
    };
    assert_eq!(items.len(), 47);
    let (before, after) = (day("2024-06-30"), day("2024-12-31"));
    let mut park_changed = 0;
    for item in &items {
        for d in [before, after] {
            let q = Question::new(
                Matter::Boundary(code(item)),
                Some(Place::Park(code("P02"))),
                d,
            )
            .unwrap();
            let a = ask(store.records(), &history, &Visible::everything(), &q)
                .await
                .unwrap();
            assert_eq!(
                a.verdict,
                Verdict::Settled,
                "{item} on {d}: {:?}",
                a.matters[0].issues
            );
            let got: Vec<(String, Role, String, String)> = a.matters[0]
                .steps
                .iter()
                .flat_map(|s| {
                    std::iter::once(&s.lead)
                        .chain(&s.cooperating)
                        .map(move |p| (s, p))
                })
                .map(|(s, p)| {
                    assert_eq!(p.bodies.len(), 1, "{item} {} on {d}", s.step);
                    (
                        s.step.clone(),
                        p.role,
                        p.party.level.code().to_owned(),
                        p.bodies[0].code.to_string(),
                    )
                })
                .collect();
            assert_eq!(got, expected(item, "P02", d), "{item} on {d}");
        }
        let parks = |d| {
            expected(item, "P02", d)
                .into_iter()
                .filter(|e| e.2 == "park")
                .map(|e| e.3)
                .collect::<Vec<_>>()
        };
        if parks(before) != parks(after) {
            park_changed += 1;
        }
    }
    // The reform shows: P02's cooperating duties pass to P01 on the later day.
    assert!(park_changed > 0, "no item names the local park");
    let q = Question::new(
        Matter::Boundary(code("B101")),
        Some(Place::Park(code("P02"))),
        after,
    )
    .unwrap();
    let a = ask(store.records(), &history, &Visible::everything(), &q)
        .await
        .unwrap();
    assert!(
        a.locality.notes.iter().any(|n| n.zh.contains("P01")),
        "{:?}",
        a.locality.notes
    );
}

#[tokio::test]
async fn a_local_lead_without_a_place_is_a_gap_and_a_street_of_four_parks_a_conflict_for_the_park()
{
    let (_dir, store) = demo().await;
    let history = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    let d = day("2024-12-31");
    // 征收补偿安置 (B103): the local street leads 现场实施.
    let q = Question::new(Matter::Boundary(code("B103")), None, d).unwrap();
    let a = ask(store.records(), &history, &Visible::everything(), &q)
        .await
        .unwrap();
    assert_eq!(a.verdict, Verdict::Gap);
    assert!(a.matters[0].lead_issues().all(|i| i.kind == IssueKind::Gap));
    // At street ST02 the street leads, but four parks lie in it: the local park's
    // cooperating duty names them all and says it is not one body.
    let q = Question::new(
        Matter::Boundary(code("B101")),
        Some(Place::Street(code("ST02"))),
        d,
    )
    .unwrap();
    let a = ask(store.records(), &history, &Visible::everything(), &q)
        .await
        .unwrap();
    let conflict = a.matters[0]
        .issues
        .iter()
        .find(|i| i.kind == IssueKind::Conflict)
        .expect("a conflict over the local park");
    assert_eq!(conflict.role, Role::Cooperating);
    assert!(conflict.candidates.len() >= 2, "{:?}", conflict.candidates);
}

#[tokio::test]
async fn a_power_item_is_led_by_its_body_and_the_duty_check_names_the_row() {
    let (_dir, store) = demo().await;
    let history = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    let d = day("2024-12-31");
    let q = Question::new(Matter::Text("消防监督检查".into()), None, d).unwrap();
    let a = ask(store.records(), &history, &Visible::everything(), &q)
        .await
        .unwrap();
    let power = a
        .matters
        .iter()
        .find(|m| matches!(m.source, zonegov_domain::who::MatterSource::Power { .. }))
        .expect("a power item matches");
    let lead = power.lead_bodies()[0].code.clone();
    let (_, yes) = check_duty(store.records(), &history, &Visible::everything(), &lead, &q)
        .await
        .unwrap();
    assert!(yes.allowed && !yes.grounds.is_empty());
    let (_, no) = check_duty(
        store.records(),
        &history,
        &Visible::everything(),
        &code("N02"),
        &q,
    )
    .await
    .unwrap();
    assert!(!no.allowed);
    assert!(no.leads_instead.contains(&lead));
}

/// An enterprise is placed where the register puts it, a point by the outlines; both
/// agree for every demo enterprise in a park (the first ten of them), and a park's
/// staff cannot place another park's enterprise.
#[tokio::test]
async fn an_enterprise_and_its_coordinates_give_its_street_and_park() {
    let (_dir, store) = demo().await;
    let history = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    let d = day("2025-01-01");
    let rows: Vec<_> = csv("enterprises.csv")
        .into_iter()
        .filter(|r| !r["park"].is_empty() && !r["location"].is_empty() && valid(r, d))
        .take(10)
        .collect();
    assert_eq!(rows.len(), 10);
    for r in &rows {
        let credit = zonegov_domain::enterprise::CreditCode::parse(&r["code"]).unwrap();
        let point = zonegov_domain::geo::LonLat::parse(&r["location"]).unwrap();
        for place in [Place::Enterprise(credit), Place::Point(point)] {
            let q = Question::new(Matter::Boundary(code("B306")), Some(place.clone()), d).unwrap();
            let a = ask(store.records(), &history, &Visible::everything(), &q)
                .await
                .unwrap();
            let parks: Vec<String> = a
                .locality
                .parks
                .iter()
                .map(|l| l.code.to_string())
                .collect();
            let streets: Vec<String> = a
                .locality
                .streets
                .iter()
                .map(|l| l.code.to_string())
                .collect();
            assert_eq!(parks, vec![r["park"].clone()], "{place}");
            assert_eq!(streets, vec![r["street"].clone()], "{place}");
            assert_eq!(a.verdict, Verdict::Settled, "{place}");
        }
    }
    // A park's staff see only their park's enterprises: another park's is unknown.
    let other = rows.iter().find(|r| r["park"] != "P01").unwrap();
    let credit = zonegov_domain::enterprise::CreditCode::parse(&other["code"]).unwrap();
    let park_only = Visible {
        institutions: None,
        parks: Some([code("P01")].into_iter().collect()),
    };
    let q = Question::new(
        Matter::Boundary(code("B306")),
        Some(Place::Enterprise(credit)),
        d,
    )
    .unwrap();
    assert!(
        ask(store.records(), &history, &park_only, &q)
            .await
            .is_err()
    );
}

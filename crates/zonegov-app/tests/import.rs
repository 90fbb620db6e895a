#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Importing a dataset through the use case: it is recorded as the importer's, so
//! "own records only" (仅本人) shows an importer exactly what they imported.

use std::path::PathBuf;
use zonegov_domain::auth::DataScope;
use zonegov_domain::auth::scope::{Subject, resolve};
use zonegov_domain::{Code, Institution, Park, Record};

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo")
}

#[tokio::test]
async fn own_records_are_what_the_user_imported() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = zonegov_store::connect(&url).await.unwrap();
    let summary = zonegov_app::dataset::load_dir(store.as_ref(), &demo(), "zhang.san")
        .await
        .unwrap();
    assert!(summary.versions > 0);
    let h = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    assert!(h.changes.iter().all(|c| c.actor == "zhang.san"));
    let body = Code::parse("N08").unwrap();
    let day = "2024-12-31".parse().unwrap();
    let sees = |username: &str| {
        resolve(
            &[DataScope::OwnRecords],
            &Subject {
                username,
                institution: &body,
                park: None,
            },
            &h,
            day,
        )
    };
    let mine = sees("zhang.san");
    let all_institutions = h.institutions().codes().count();
    assert_eq!(
        mine.institutions.as_ref().map(|s| s.len()),
        Some(all_institutions)
    );
    assert!(mine.allows(Park::KIND, &Code::parse("P01").unwrap()));
    let theirs = sees("li.si");
    assert!(
        !theirs.allows(Institution::KIND, &body),
        "li.si imported nothing"
    );
    assert!(!theirs.allows(Park::KIND, &Code::parse("P01").unwrap()));
    // The load itself is in the trail, under the importer's name.
    let trail = store.audit().audit_chain().await.unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.draft.action == "dataset.load" && e.draft.actor == "zhang.san")
    );
    store.close().await;
}

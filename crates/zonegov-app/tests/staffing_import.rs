#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! A 三定 may cite only list items that exist: the list is not held in memory, so
//! the load asks the dataset's own list and then the store, names the missing item
//! with its file and line, and writes nothing.

use std::path::{Path, PathBuf};

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo")
}

/// A small dataset of its own (a dataset must hold what it references): one new
/// body X01 without quota, and its 三定 whose one function cites `items`.
fn staffing_only(dir: &Path, items: &str) {
    let manifest = std::fs::read_to_string(demo().join("manifest.toml")).unwrap();
    let head = &manifest[..manifest.find("[files]").unwrap()];
    std::fs::write(
        dir.join("manifest.toml"),
        format!(
            "{head}[files]\ncategories = \"categories.csv\"\nchanges = \"changes.csv\"\nlineage = \"lineage.csv\"\ninstitutions = \"institutions.csv\"\nstaffing = \"staffing.csv\"\n"
        ),
    )
    .unwrap();
    for (file, text) in [
        (
            "categories.csv",
            "code,name_zh,name_en,internal,sort,source\nXCAT,试点单位,Pilot,false,9,illustrative\n",
        ),
        (
            "changes.csv",
            "id,effective,doc_no,reason_zh,source\nCX1,2022-01-01,试〔2022〕1号,设立试点,illustrative\n",
        ),
        (
            "lineage.csv",
            "kind,predecessor,successor,relation,date,change,source\n",
        ),
        (
            "institutions.csv",
            "code,valid_from,change,name_zh,category,source\nX01,2022-01-01,CX1,试点办,XCAT,illustrative\n",
        ),
    ] {
        std::fs::write(dir.join(file), text).unwrap();
    }
    std::fs::write(
        dir.join("staffing.csv"),
        format!(
            "code,valid_from,change,name_zh,functions,units,source\nX01,2022-01-01,CX1,试点办三定,负责综合协调[{items}],,illustrative\n"
        ),
    )
    .unwrap();
}

async fn versions(store: &dyn zonegov_store::Store) -> usize {
    let parts = store.records().history_parts().await.unwrap().unwrap();
    parts.records.len()
}

#[tokio::test]
async fn a_cited_item_missing_from_the_dataset_and_the_store_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = zonegov_store::connect(&url).await.unwrap();
    zonegov_app::dataset::load_dir(store.as_ref(), &demo(), "t")
        .await
        .unwrap();
    let before = versions(store.as_ref()).await;

    // CF00346001 is on the stored demo list; XK99999000 follows the coding rule but
    // is on no list.
    let ds = tempfile::tempdir().unwrap();
    staffing_only(ds.path(), "CF00346001;XK99999000");
    let err = zonegov_app::dataset::load_dir(store.as_ref(), ds.path(), "t")
        .await
        .expect_err("the missing item is refused")
        .to_string();
    assert!(
        err.contains("staffing.csv:2: field functions = \"XK99999000\""),
        "{err}"
    );
    assert!(!err.contains("CF00346001"), "{err}");
    assert_eq!(versions(store.as_ref()).await, before);

    // Citing only stored items loads.
    staffing_only(ds.path(), "CF00346001");
    zonegov_app::dataset::load_dir(store.as_ref(), ds.path(), "t")
        .await
        .unwrap();
    assert_eq!(versions(store.as_ref()).await, before + 2);
}

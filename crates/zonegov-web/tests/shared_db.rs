//! Two servers on one database (issue 6, point 4): each has its own router, caches
//! and store connection, as two zonegov processes would. A write, a permission
//! change, a disabled user and a deleted session made through one must be seen by
//! the other on its very next request — the caches are keyed on the database's
//! revision counter, not on anything held in one process.
//!
//! The SQLite tier runs always; the PostgreSQL tier needs `ZONEGOV_TEST_PG_URL`
//! (a server where it may create a throwaway `zg_conf_…` database) and
//! `--include-ignored`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;
use zonegov_app::accounts::{UserSpec, create_user, seed_roles};
use zonegov_domain::{Code, HistoryParts, Institution, RecordSet};
use zonegov_store::{Session, Store};
use zonegov_web::auth::Security;
use zonegov_web::auth::session::hash_id;

struct Server {
    store: Arc<dyn Store>,
    router: Router,
}

impl Server {
    async fn start(url: &str) -> Self {
        let store = zonegov_store::connect(url).await.unwrap();
        let router = zonegov_web::router(store.clone(), Security::default());
        Self { store, router }
    }

    async fn get(&self, uri: &str, cookie: &str) -> (StatusCode, serde_json::Value) {
        let req = Request::get(uri)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 24)
            .await
            .unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
        )
    }
}

fn demo() -> HistoryParts {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    zonegov_io::read_dataset(&dir).unwrap().parts
}

async fn session_for(store: &dyn Store, user_id: i64, tag: &str) -> String {
    let token = format!("shared-db-{tag}");
    let now = chrono::Utc::now();
    store
        .accounts()
        .create_session(
            &hash_id(&token),
            &Session {
                user_id,
                csrf: "csrf".into(),
                ip: "t".into(),
                created_at: now,
                last_seen: now,
            },
        )
        .await
        .unwrap();
    format!("zg_sid={token}")
}

/// A new institution Z99 under 园区发展服务中心 (N08), from a new change set.
fn new_body(demo: &HistoryParts) -> HistoryParts {
    let mut add = demo.clone();
    add.categories.clear();
    add.lineage.clear();
    let mut change = demo.changes[0].clone();
    change.id = Code::parse("C2099").unwrap();
    add.changes = vec![change.clone()];
    let mut v = demo
        .versions::<Institution>()
        .iter()
        .find(|v| v.code.as_str() == "U01")
        .unwrap()
        .clone();
    v.code = Code::parse("Z99").unwrap();
    v.change = change.id.clone();
    v.attrs.name.zh = "共享库测试处".into();
    // Split from U01: U01's detail (kept by each server) must show it.
    let mut link = demo.lineage[0].clone();
    link.predecessor = Code::parse("U01").unwrap();
    link.successor = v.code.clone();
    link.relation = zonegov_domain::Relation::parse("split_from").unwrap();
    link.date = v.period.from();
    link.change = change.id.clone();
    add.lineage = vec![link];
    add.records = RecordSet::default();
    add.records.set(vec![v]);
    add
}

async fn two_servers_one_database(url: &str) {
    let a = Server::start(url).await;
    let parts = demo();
    a.store.records().load(&parts).await.unwrap();
    seed_roles(a.store.as_ref()).await.unwrap();
    let b = Server::start(url).await;

    // A staff member scoped to N08 and below, signed in (the session lives in the
    // database, so either server accepts it).
    let staff = create_user(
        a.store.as_ref(),
        &Default::default(),
        UserSpec {
            username: "shared.staff",
            display_name: "shared.staff",
            password: "Gx7#kqP2w",
            institution: Code::parse("N08").unwrap(),
            park: None,
            roles: vec![Code::parse("staff").unwrap()],
            must_change_password: false,
        },
        "test",
        "local",
    )
    .await
    .unwrap();
    let me = session_for(a.store.as_ref(), staff, "staff").await;

    // Both servers have built and cached the history and the grant.
    for s in [&a, &b] {
        assert_eq!(
            s.get("/api/v1/institutions/U01", &me).await.0,
            StatusCode::OK
        );
        assert_eq!(
            s.get("/api/v1/institutions/Z99", &me).await.0,
            StatusCode::NOT_FOUND
        );
    }

    // 1. A write through A: a new body under N08. B sees it at once, inside the
    //    staff member's scope (the scope is resolved again from the new history).
    a.store.records().load(&new_body(&parts)).await.unwrap();
    let (_, u01) = b.get("/api/v1/institutions/U01", &me).await;
    assert_eq!(
        u01["lineage"][0]["successor"], "Z99",
        "B's kept detail of U01 is replaced after A's write"
    );
    let (status, body) = b.get("/api/v1/institutions/Z99", &me).await;
    assert_eq!(status, StatusCode::OK, "B serves the version A loaded");
    assert_eq!(body["versions"][0]["name"]["zh"], "共享库测试处");

    // Key paging and search run on this backend's SQL too.
    let (status, page) = b
        .get(
            "/api/v1/institutions?as_of=2024-12-31&limit=3&after=N01",
            &me,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let codes: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["N08", "U01", "U02"], "N08 and below, after N01");
    let day = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
    let all = zonegov_domain::auth::Visible::everything();
    let search = |text: &'static str| {
        let store = b.store.clone();
        let all = all.clone();
        async move {
            zonegov_store::page_as_of::<zonegov_domain::Institution>(
                store.records(),
                day,
                &all,
                None,
                10,
                Some(text),
            )
            .await
            .unwrap()
        }
    };
    let found = search("共享库").await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code.as_str(), "Z99");
    assert_eq!(search("z99").await.len(), 1, "code, any case");
    assert_eq!(
        search("Park Development").await[0].code.as_str(),
        "N08",
        "English name"
    );
    assert!(
        search("100%").await.is_empty(),
        "LIKE wildcards are literal"
    );

    // 2. A permission change through A: staff lose zone:institution:view.
    let mut role = a
        .store
        .accounts()
        .roles()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.code.as_str() == "staff")
        .unwrap();
    role.permissions
        .retain(|p| p.as_str() != "zone:institution:view");
    a.store.accounts().save_role(&role).await.unwrap();
    assert_eq!(
        b.get("/api/v1/institutions/U01", &me).await.0,
        StatusCode::FORBIDDEN,
        "B applies A's permission change on the next request"
    );
    assert_eq!(
        b.get("/api/v1/institutions", &me).await.0,
        StatusCode::OK,
        "the other permissions stay"
    );

    // 3. A disables the user: B refuses the session at once.
    a.store
        .accounts()
        .set_user_disabled(staff, true)
        .await
        .unwrap();
    assert_eq!(
        b.get("/api/v1/institutions", &me).await.0,
        StatusCode::UNAUTHORIZED,
        "B refuses a user A disabled"
    );

    // 4. A ends a session: B refuses it at once.
    a.store
        .accounts()
        .set_user_disabled(staff, false)
        .await
        .unwrap();
    let other = session_for(a.store.as_ref(), staff, "staff-2").await;
    assert_eq!(
        b.get("/api/v1/institutions", &other).await.0,
        StatusCode::OK
    );
    a.store
        .accounts()
        .delete_session(&hash_id("shared-db-staff-2"))
        .await
        .unwrap();
    assert_eq!(
        b.get("/api/v1/institutions", &other).await.0,
        StatusCode::UNAUTHORIZED,
        "B refuses a session A deleted"
    );

    a.store.close().await;
    b.store.close().await;
}

#[tokio::test]
async fn sqlite_two_servers_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    two_servers_one_database(&url).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run with --include-ignored and ZONEGOV_TEST_PG_URL"]
async fn postgres_two_servers_one_database() {
    use sqlx::Connection;
    let admin_url = std::env::var("ZONEGOV_TEST_PG_URL").expect(
        "the PostgreSQL tier needs ZONEGOV_TEST_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres",
    );
    let name = format!(
        "zg_conf_shared_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::Executor::execute(
        &mut admin,
        sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")),
    )
    .await
    .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    two_servers_one_database(&format!("{base}/{name}")).await;
    sqlx::Executor::execute(
        &mut admin,
        sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}")),
    )
    .await
    .unwrap();
}

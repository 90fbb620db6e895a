#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! End-to-end: the real binary, a real database file, a real server.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_zonegov");

fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo")
}

fn zonegov(db: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn db_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("z.db").display())
}

fn loaded_db() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = db_url(dir.path());
    let out = zonegov(&db, &["load", demo_dir().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, db)
}

fn report_json(db: &str, as_of: &str) -> serde_json::Value {
    let out = zonegov(db, &["report", "--as-of", as_of, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn report_shows_the_seed_figures_on_the_seed_dates() {
    let (_dir, db) = loaded_db();
    let r = report_json(&db, "2019-12-31");
    assert_eq!(
        (
            r["internal_institutions"].as_u64(),
            r["parks_total"].as_u64()
        ),
        (Some(37), Some(12))
    );
    let r = report_json(&db, "2021-06-30");
    assert_eq!(r["internal_institutions"].as_u64(), Some(12));
    // Seed §6: the 2023 list, counted by the store from the loaded items.
    let r = report_json(&db, "2023-12-31");
    let list = &r["power_list"];
    assert_eq!(
        (
            list["power_items"].as_u64(),
            list["responsibility_items"].as_u64()
        ),
        (Some(1580), Some(3771)),
        "{list}"
    );
    assert_eq!(
        report_json(&db, "2020-12-31")["power_list"]["power_items"].as_u64(),
        Some(0)
    );
    let r = report_json(&db, "2024-12-31");
    assert_eq!(
        (
            r["internal_institutions"].as_u64(),
            r["parks_total"].as_u64()
        ),
        (Some(13), Some(10))
    );
    let text = zonegov(
        &db,
        &["report", "--as-of", "2021-06-30", "--since", "2019-12-31"],
    );
    assert!(String::from_utf8_lossy(&text.stdout).contains("内设机构 37 → 12,压减 68%"));
    let hist = zonegov(&db, &["history", "institution", "N04"]);
    let hist = String::from_utf8_lossy(&hist.stdout);
    assert!(
        hist.contains("发展改革局") && hist.contains("经济发展局") && hist.contains("plates"),
        "{hist}"
    );
}

#[test]
fn bad_arguments_get_clear_errors() {
    let (_dir, db) = loaded_db();
    let out = zonegov(&db, &["report", "--as-of", "2024-13-01"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2024-13-01"));
    let out = zonegov(&db, &["history", "park", "NOPE"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no park with code NOPE"));
    let out = zonegov("mysql://x", &["report"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database URL"));
}

/// One broken copy of the demo dataset per kind of error, with what the error
/// message must name.
fn fixtures() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
)> {
    vec![
        // (name, file, replace this, with this, the message must contain all of)
        (
            "overlap",
            "parks.csv",
            "P03,2020-07-01,,C2020",
            "P03,2020-06-01,,C2020",
            &["parks.csv:", "valid_from", "overlaps"],
        ),
        (
            "inverted period",
            "institutions.csv",
            "O01,2015-01-01,2020-07-01",
            "O01,2015-01-01,2014-07-01",
            &["institutions.csv:4:", "valid_to", "must be after"],
        ),
        (
            "bad date",
            "changes.csv",
            "C2024,2024-09-01",
            "C2024,2024-09-31",
            &["changes.csv:9:", "effective", "2024-09-31"],
        ),
        (
            "unknown reference",
            "parks.csv",
            "ST04,N08,boundaries/P13.geojson",
            "ST04,N99,boundaries/P13.geojson",
            &["parks.csv:", "managing_body", "unknown institution N99"],
        ),
        (
            "unknown category",
            "institutions.csv",
            "经济运行局,Economic Operation Bureau,,,ADMIN",
            "经济运行局,Economic Operation Bureau,,,NOPE",
            &["institutions.csv:", "category", "unknown category NOPE"],
        ),
        (
            "lineage cycle",
            "lineage.csv",
            "park,P05,P04,merged_into",
            "park,P01,P02,split_from",
            &["lineage.csv:", "cycle"],
        ),
        (
            "bad kind",
            "parks.csv",
            "P07,2015-01-01,2020-07-01,C2015,数字经济产业园,Digital Economy Park,specialized",
            "P07,2015-01-01,2020-07-01,C2015,数字经济产业园,Digital Economy Park,industrial",
            &["parks.csv:", "kind", "industrial"],
        ),
        (
            "missing column",
            "parks.csv",
            "code,valid_from,valid_to,change,name_zh,name_en,kind,",
            "code,valid_from,valid_to,change,name_zh,name_en,kinds,",
            &["parks.csv:1", "kinds", "unknown column"],
        ),
        (
            "ragged row",
            "categories.csv",
            "UNIT,内设处室",
            "UNIT,内设,处室",
            &["categories.csv:7", "malformed CSV row"],
        ),
        (
            "duplicate id",
            "changes.csv",
            "C2023B,2023-04-01",
            "C2023A,2023-04-01",
            &["changes.csv:", "duplicate change id C2023A"],
        ),
        (
            "bad boundary",
            "boundaries/P13.geojson",
            "[116.690,35.360]]]",
            "[116.690,35.361]]]",
            &["parks.csv:", "boundary", "not closed"],
        ),
        (
            "bad manifest",
            "manifest.toml",
            "level = \"national\"",
            "level = national",
            &["manifest.toml:"],
        ),
        (
            "bad division",
            "manifest.toml",
            "division = \"370871\"",
            "division = \"3708\"",
            &["manifest.toml", "zone.division", "3708"],
        ),
        (
            "unknown street",
            "parks.csv",
            "ST04,N08,boundaries/P13.geojson",
            "ST99,N08,boundaries/P13.geojson",
            &["parks.csv:", "streets", "unknown counterpart ST99"],
        ),
        (
            "bad counterpart kind",
            "counterparts.csv",
            "CO02,2015-01-01,,C2015,兖州区,Yanzhou District,county",
            "CO02,2015-01-01,,C2015,兖州区,Yanzhou District,village",
            &["counterparts.csv:3:", "kind", "village"],
        ),
        (
            "bad statistical code",
            "counterparts.csv",
            "street,370871004,CO02",
            "street,37087100,CO02",
            &["counterparts.csv:7:", "stat_code", "37087100"],
        ),
        (
            "counterpart parent gone",
            "counterparts.csv",
            "street,370871005,CO02",
            "street,370871005,CO09",
            &["counterparts.csv:8:", "parent", "unknown counterpart CO09"],
        ),
        (
            "unknown table",
            "manifest.toml",
            "counterparts = \"counterparts.csv\"",
            "counterpart = \"counterparts.csv\"",
            &["manifest.toml", "files.counterpart", "unknown table"],
        ),
        (
            "unknown field in facts",
            "parks.csv",
            "existence;change;managing_body",
            "existence;change;managing_bdy",
            &[
                "parks.csv:4:",
                "field facts = \"managing_bdy\"",
                "not a field of this record",
            ],
        ),
        (
            "partial facts on a fact row",
            "categories.csv",
            "false,5,illustrative,",
            "false,5,fact,",
            &[
                "categories.csv:6:",
                "field facts",
                "a \"fact\" row states every field",
            ],
        ),
        (
            "unknown field in the zone's facts",
            "manifest.toml",
            "facts = \"name_zh;level\"",
            "facts = \"name_zh;rank\"",
            &["manifest.toml:26:", "zone.facts", "\"rank\"", "not a field"],
        ),
        (
            "unknown change",
            "institutions.csv",
            "S01,2023-08-01,,C2023C",
            "S01,2023-08-01,,C2099",
            &["institutions.csv:", "change", "unknown change set C2099"],
        ),
    ]
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn malformed_datasets_are_rejected_with_location_and_the_database_is_untouched() {
    let (dir, db) = loaded_db();
    let db_file = dir.path().join("z.db");
    assert!(
        !dir.path().join("z.db-wal").exists(),
        "the WAL is checkpointed when the CLI exits"
    );
    let before = sha(&db_file);
    for (name, file, from, to, must) in fixtures() {
        let ds = tempfile::tempdir().unwrap();
        copy_dir(&demo_dir(), ds.path());
        let path = ds.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(from),
            "fixture {name}: {from:?} not found in {file}"
        );
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        // Load into the populated database (errors against stored data) and into an empty one.
        for target in [db.clone(), db_url(ds.path())] {
            let out = zonegov(&target, &["load", ds.path().to_str().unwrap()]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "fixture {name} was accepted");
            for m in must {
                assert!(
                    err.contains(m),
                    "fixture {name}: error does not mention {m:?}:\n{err}"
                );
            }
            assert!(!err.contains("panicked"), "{err}");
        }
        assert_eq!(sha(&db_file), before, "fixture {name} changed the database");
        let empty = zonegov(&db_url(ds.path()), &["report", "--as-of", "2024-12-31"]);
        assert!(
            String::from_utf8_lossy(&empty.stderr).contains("holds no zone"),
            "fixture {name} left data behind"
        );
    }
    // Loading the same dataset twice is a conflict, and changes nothing either.
    let out = zonegov(&db, &["load", demo_dir().to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(sha(&db_file), before);
}

struct Server(std::process::Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const ADMIN: &str = "ci.admin";
const ADMIN_PASSWORD: &str = "Ci#Admin2026";

fn start_server(db: &str) -> Server {
    let mut child = Command::new(BIN)
        .args(["--db", db, "serve", "--bind", "127.0.0.1:0"])
        .env("ZONEGOV_ADMIN_USER", ADMIN)
        .env("ZONEGOV_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .rsplit(' ')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_owned();
    Server(child, base)
}

/// A client signed in as the administrator the server created from the environment.
async fn signed_in(base: &str) -> reqwest::Client {
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = plain.get(format!("{base}/login")).send().await.unwrap();
    let pre = cookie_value(&page, "zg_pre");
    let res = plain
        .post(format!("{base}/login"))
        .header("cookie", format!("zg_pre={pre}"))
        .form(&[
            ("_csrf", pre.as_str()),
            ("username", ADMIN),
            ("password", ADMIN_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "sign-in failed");
    let sid = cookie_value(&res, "zg_sid");
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("cookie", format!("zg_sid={sid}").parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

fn cookie_value(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))?
                .split(';')
                .next()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| panic!("no {name} cookie"))
}

#[tokio::test]
async fn dashboard_api_and_cli_agree() {
    let (_dir, db) = loaded_db();
    let server = start_server(&db);
    let http = signed_in(&server.1).await;
    for day in ["2019-12-31", "2021-06-30", "2024-12-31"] {
        let cli = report_json(&db, day);
        let api: serde_json::Value = http
            .get(format!("{}/api/v1/report?as_of={day}", server.1))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for key in [
            "internal_institutions",
            "institutions_total",
            "parks_total",
            "figures",
            "parks_by_kind",
        ] {
            assert_eq!(api[key], cli[key], "{key} on {day}");
        }
        let page = http
            .get(format!("{}/?as_of={day}", server.1))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!(
                "id=\"fig-internal\">{}<",
                cli["internal_institutions"]
            )),
            "dashboard on {day}"
        );
        assert!(
            page.contains(&format!("id=\"fig-parks\">{}<", cli["parks_total"])),
            "dashboard on {day}"
        );
        let parks: serde_json::Value = http
            .get(format!("{}/api/v1/parks?as_of={day}", server.1))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            parks["next"],
            serde_json::Value::Null,
            "one page holds them all"
        );
        assert_eq!(
            parks["items"].as_array().unwrap().len() as u64,
            cli["parks_total"].as_u64().unwrap()
        );
    }
    let bad = http
        .get(format!("{}/api/v1/report?as_of=2024-02-30", server.1))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("2024-02-30"));
    let page = http
        .get(format!("{}/parks?as_of=nonsense", server.1))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 400);
    let o20: serde_json::Value = http
        .get(format!(
            "{}/api/v1/institutions/O20?as_of=2024-12-31",
            server.1
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(o20["current"].is_null(), "统计局 O20 was abolished in 2020");
    assert_eq!(o20["heirs"], serde_json::json!(["N04"]));
    assert_eq!(o20["lineage"][0]["relation"], "merged_into");
    let missing = http
        .get(format!("{}/institutions/ZZZ", server.1))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let spec: serde_json::Value = http
        .get(format!("{}/api/v1/openapi.json", server.1))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spec["paths"]["/api/v1/report"].is_object());
    let en = http
        .get(format!("{}/?lang=en&as_of=2024-12-31", server.1))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("Internal institutions"));
}

#[tokio::test]
async fn anonymous_requests_are_sent_to_sign_in() {
    let (_dir, db) = loaded_db();
    let server = start_server(&db);
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = plain
        .get(format!("{}/parks", server.1))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303);
    assert_eq!(
        plain
            .get(format!("{}/api/v1/parks", server.1))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        plain
            .get(format!("{}/public/parks", server.1))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[test]
fn admin_create_never_uses_a_known_password() {
    let (_dir, db) = loaded_db();
    let out = zonegov(&db, &["admin", "create", "--username", "first.admin"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pw = text.rsplit(": ").next().unwrap().trim();
    assert!(
        zonegov_domain::auth::PasswordPolicy::default()
            .check(pw, "first.admin")
            .is_ok(),
        "{text}"
    );
    let again = zonegov(&db, &["admin", "create", "--username", "second.admin"]);
    assert_ne!(
        String::from_utf8_lossy(&again.stdout)
            .rsplit(": ")
            .next()
            .unwrap()
            .trim(),
        pw,
        "passwords are random"
    );
    let dup = zonegov(&db, &["admin", "create", "--username", "first.admin"]);
    assert!(String::from_utf8_lossy(&dup.stderr).contains("taken"));
    let mut weak = Command::new(BIN)
        .args([
            "--db",
            &db,
            "admin",
            "create",
            "--username",
            "weak.admin",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    weak.stdin.take().unwrap().write_all(b"password\n").unwrap();
    let out = weak.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("至少 3 类"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn raw(db: &str, sql: &str) {
    use sqlx::Connection;
    let mut c = sqlx::SqliteConnection::connect(db).await.unwrap();
    sqlx::Executor::execute(&mut c, sqlx::AssertSqlSafe(sql.to_owned()))
        .await
        .unwrap();
}

fn verify(db: &str) -> (bool, String) {
    let out = zonegov(db, &["audit", "verify"]);
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[tokio::test]
async fn audit_verify_names_altered_deleted_and_inserted_rows() {
    let (_dir, db) = loaded_db();
    for name in ["a.one", "a.two", "a.three"] {
        assert!(
            zonegov(&db, &["admin", "create", "--username", name])
                .status
                .success()
        );
    }
    let (ok, text) = verify(&db);
    assert!(ok, "{text}");
    assert!(text.contains("intact: 4 entries"), "{text}");
    raw(
        &db,
        "UPDATE audit_log SET target = 'user:mallory' WHERE seq = 2",
    )
    .await;
    let (ok, text) = verify(&db);
    assert!(
        !ok && text.contains("entry 2") && text.contains("altered"),
        "{text}"
    );
    raw(
        &db,
        "UPDATE audit_log SET target = 'user:a.one' WHERE seq = 2",
    )
    .await;
    assert!(verify(&db).0);
    raw(
        &db,
        "CREATE TABLE keep AS SELECT * FROM audit_log WHERE seq = 3",
    )
    .await;
    raw(&db, "DELETE FROM audit_log WHERE seq = 3").await;
    let (ok, text) = verify(&db);
    assert!(
        !ok && text.contains("entry 4") && text.contains("deleted or inserted"),
        "{text}"
    );
    raw(&db, "INSERT INTO audit_log SELECT * FROM keep").await;
    assert!(verify(&db).0, "restoring the row restores the chain");
    raw(&db, "INSERT INTO audit_log (seq, at, actor, ip, action, target, outcome, detail, prev_hash, hash) \
              SELECT 5, at, 'mallory', ip, action, target, outcome, detail, hash, hash FROM audit_log WHERE seq = 4").await;
    let (ok, text) = verify(&db);
    assert!(!ok && text.contains("entry 5"), "{text}");
    raw(&db, "DELETE FROM audit_log WHERE seq = 5").await;
    raw(&db, "DELETE FROM audit_log WHERE seq = 4").await;
    let (ok, text) = verify(&db);
    assert!(
        !ok && text.contains("head says 4"),
        "deleting the newest entry is caught by the head: {text}"
    );
}

/// `zonegov token create|list|revoke` against a running server in another process:
/// the secret is printed once, works on the API within its scope, never appears in
/// the list, and a revocation from the command line applies to the server's next
/// request; the audit chain still verifies.
#[tokio::test]
async fn token_commands_create_list_and_revoke_for_a_running_server() {
    let (_dir, db) = loaded_db();
    let refused = zonegov(&db, &["token", "create", "--name", "x", "--role", "nobody"]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("role: 未知角色 nobody"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let out = zonegov(
        &db,
        &[
            "token",
            "create",
            "--name",
            "12345 热线",
            "--role",
            "leader",
            "--scope",
            "custom",
            "--bodies",
            "N04",
            "--rate-per-minute",
            "100",
            "--expires",
            "2099-12-31",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let secret = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(
        secret.starts_with("zgt_1_") && secret.len() == 6 + 64,
        "{secret}"
    );
    let list = String::from_utf8_lossy(&zonegov(&db, &["token", "list"]).stdout).into_owned();
    assert!(
        list.contains("12345 热线") && list.contains("active"),
        "{list}"
    );
    assert!(
        !list.contains(&secret[6..]),
        "the list never shows a secret"
    );

    let server = start_server(&db);
    let client = reqwest::Client::new();
    let get = |path: &str| {
        client
            .get(format!("{}{path}", server.1))
            .bearer_auth(&secret)
            .send()
    };
    assert_eq!(get("/api/v1/institutions/N04").await.unwrap().status(), 200);
    assert_eq!(get("/api/v1/institutions/N08").await.unwrap().status(), 404);
    let revoked = zonegov(&db, &["token", "revoke", "1"]);
    assert!(
        revoked.status.success(),
        "{}",
        String::from_utf8_lossy(&revoked.stderr)
    );
    let res = get("/api/v1/institutions/N04").await.unwrap();
    assert_eq!(res.status(), 401);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["reason"], "revoked");
    let list = String::from_utf8_lossy(&zonegov(&db, &["token", "list"]).stdout).into_owned();
    assert!(list.contains("revoked"), "{list}");
    assert!(!zonegov(&db, &["token", "revoke", "1"]).status.success());
    drop(server);
    let (ok, text) = verify(&db);
    assert!(ok, "{text}");
}

/// Seed §3–4 counted from the loaded records: 83 十强 projects ≥ 1亿 landed since 2022,
/// the two named projects with their amounts, the talent tiers and the 11 talents
/// brought in through the revolving quota.
#[test]
fn report_counts_projects_talent_and_the_revolving_quota() {
    let (_dir, db) = loaded_db();
    let r = report_json(&db, "2024-12-31");
    let a = &r["attraction"];
    assert_eq!(a["major_projects"].as_u64(), Some(83), "{a}");
    let named: Vec<(String, u64)> = a["named_projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["amount"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        named,
        vec![
            ("日本小松全球智能制造产业基地".to_owned(), 10_600_000_000),
            ("长城新能源工程机械总部基地".to_owned(), 11_600_000_000),
        ]
    );
    let tiers: Vec<(u64, bool)> = a["talent_by_tier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["count"].as_u64().unwrap(),
                t["at_least"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tiers,
        vec![
            (3, false),
            (19, false),
            (31, false),
            (45, false),
            (400, true),
            (45_000, false)
        ]
    );
    assert_eq!(a["quota_talents"].as_u64(), Some(11));
    // Before 2022 nothing had landed in the window, and fewer talents had come.
    let early = report_json(&db, "2021-12-31");
    assert_eq!(early["attraction"]["major_projects"].as_u64(), Some(0));
    assert_eq!(early["attraction"]["quota_talents"].as_u64(), Some(2));
    let text = zonegov(&db, &["report", "--as-of", "2024-12-31"]);
    let text = String::from_utf8_lossy(&text.stdout);
    for line in [
        "产业项目 83 个",
        "日本小松全球智能制造产业基地: 106亿元",
        "长城新能源工程机械总部基地: 116亿元",
        "其他省市级 400+",
        "产业技能人才 45000",
        "引进人才 11 名",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

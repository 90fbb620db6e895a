//! `zonegov bench list`: the power list's pages over a synthetic national list
//! (178 zones × 1,580 items), at the first, a middle and the last page, through the
//! real router in this process: the server time of each page, without the network
//! (target: ≤ 50 ms at any depth; keyset paging, no count of the whole list).
//! `/healthz` of the same router is timed in the same run as the baseline.

use super::bench::{PER_ZONE, ms, national, percentile};
use crate::cli::BenchCommand;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use std::time::Instant;
use tower::ServiceExt as _;
use zonegov_app::accounts::{UserSpec, create_user, seed_roles};
use zonegov_domain::{Code, PowerItem};
use zonegov_store::{Session, Store};
use zonegov_web::auth::Security;
use zonegov_web::auth::session::hash_id;

pub async fn run(command: BenchCommand) -> anyhow::Result<()> {
    let BenchCommand::List {
        small,
        zones,
        pg,
        sqlite,
        rounds,
    } = command
    else {
        anyhow::bail!("not the list benchmark");
    };
    let zones = zones.unwrap_or(if small { 3 } else { 178 }).max(1);
    let dir = tempfile::tempdir()?;
    let path = sqlite.unwrap_or_else(|| dir.path().join("bench.db"));
    let mut targets = vec![("SQLite".to_owned(), format!("sqlite://{}", path.display()))];
    if let Some(url) = pg {
        targets.push(("PostgreSQL".to_owned(), url));
    }
    println!("synthetic list: {zones} zones × {PER_ZONE} items");
    for (label, url) in targets {
        let store = zonegov_store::connect(&url).await?;
        let result = async {
            national(store.as_ref(), &label, zones).await?;
            pages(store.clone(), &label, zones, rounds).await
        }
        .await;
        store.close().await;
        result?;
    }
    Ok(())
}

/// The code after which the page at the middle and at the end of the list starts:
/// the generator is deterministic, so they are computed, not looked up.
fn depths(zones: usize) -> anyhow::Result<Vec<(String, Option<String>)>> {
    let codes = |z: usize| -> anyhow::Result<Vec<String>> {
        let mut c: Vec<String> = zonegov_app::power::synth::zone(z, PER_ZONE)
            .map_err(anyhow::Error::msg)?
            .into_iter()
            .map(|v| v.code.to_string())
            .collect();
        c.sort();
        Ok(c)
    };
    let mid = zones / 2 + 1;
    let last = codes(zones)?;
    Ok(vec![
        ("first".to_owned(), None),
        (
            format!("middle (after {} items)", (mid - 1) * PER_ZONE),
            codes(mid)?.first().cloned(),
        ),
        (
            format!("last (after {} items)", zones * PER_ZONE - 51),
            last.get(last.len().saturating_sub(51)).cloned(),
        ),
    ])
}

async fn pages(
    store: std::sync::Arc<dyn Store>,
    label: &str,
    zones: usize,
    rounds: usize,
) -> anyhow::Result<()> {
    home_zone(store.as_ref(), label).await?;
    let cookie = admin_session(store.as_ref(), "Z001N01").await?;
    let router = zonegov_web::router(store, Security::default());
    let mid_body = format!("Z{:03}N05", zones / 2 + 1);
    let mut paths = vec![(
        "/healthz (baseline)".to_owned(),
        "/healthz".to_owned(),
        false,
    )];
    for (depth, after) in depths(zones)? {
        let after = after.map(|a| format!("&after={a}")).unwrap_or_default();
        paths.push((
            format!("staff list, {depth}"),
            format!("/power-items?as_of=2025-06-01{after}"),
            true,
        ));
        paths.push((
            format!("public, type 行政处罚, {depth}"),
            format!("/public/power-items?type=CF&as_of=2025-06-01{after}"),
            false,
        ));
    }
    paths.push((
        format!("public, body {mid_body}"),
        format!("/public/power-items?body={mid_body}&as_of=2025-06-01"),
        false,
    ));
    println!(
        "{label}: {:<44} {:>9} {:>9} {:>9} {:>7}",
        "page (server time in-process)", "first ms", "p50 ms", "p99 ms", "rows"
    );
    for (name, path, signed_in) in paths {
        let mut times = Vec::with_capacity(rounds + 1);
        let mut rows = 0;
        // The first request of a page is shown apart: it also builds what the
        // server keeps (the zone's history, prepared statements).
        for _ in 0..=rounds.max(1) {
            let mut req = Request::get(&path);
            if signed_in {
                req = req.header(header::COOKIE, &cookie);
            }
            let t = Instant::now();
            let res = router.clone().oneshot(req.body(Body::empty())?).await?;
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), 1 << 26).await?;
            times.push(t.elapsed());
            if status != StatusCode::OK {
                anyhow::bail!(
                    "{label}: {path} answered {status}: {}",
                    String::from_utf8_lossy(&body)
                        .chars()
                        .take(300)
                        .collect::<String>()
                );
            }
            // Table rows on the page: the page really holds a page.
            rows = String::from_utf8_lossy(&body).matches("<tr>").count();
        }
        let first = times.remove(0);
        times.sort();
        println!(
            "{label}: {:<44} {:>9.2} {:>9.2} {:>9.2} {:>7}",
            name,
            ms(first),
            ms(percentile(&times, 50)),
            ms(percentile(&times, 99)),
            rows
        );
    }
    Ok(())
}

/// The staff pages belong to a zone: a national database also holds its own
/// zone's institutions and parks. The demo zone (without its own list) stands for
/// it; the synthetic items name bodies of their own zones, shown by code.
async fn home_zone(store: &dyn Store, label: &str) -> anyhow::Result<()> {
    if zonegov_store::history(store).await?.is_some() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    crate::demo::write_to(dir.path())?;
    let mut parts = zonegov_io::read_dataset(dir.path())
        .map_err(|e| anyhow::anyhow!("the embedded demo: {e}"))?
        .parts;
    parts.records.set::<PowerItem>(Vec::new());
    store.records().load(&parts).await?;
    println!("{label}: loaded the demo zone (without its list) as the home zone");
    Ok(())
}

/// An administrator made directly in the store, with a live session: the
/// password is random and never shown, the account exists only in the bench's
/// database.
pub(super) async fn admin_session(store: &dyn Store, institution: &str) -> anyhow::Result<String> {
    seed_roles(store).await?;
    let mut secret = [0u8; 24];
    getrandom::fill(&mut secret).map_err(|e| anyhow::anyhow!("random: {e}"))?;
    let password = format!("Bx{}#9", hex::encode(secret));
    let username = format!("bench.{}", &hex::encode(&secret[..4]));
    let id = create_user(
        store,
        &Default::default(),
        UserSpec {
            username: &username,
            display_name: "bench",
            password: &password,
            institution: Code::parse(institution)?,
            park: None,
            roles: vec![Code::parse("admin")?],
            must_change_password: false,
        },
        "bench",
        "local",
    )
    .await?;
    let token = hex::encode(secret);
    let now = chrono::Utc::now();
    store
        .accounts()
        .create_session(
            &hash_id(&token),
            &Session {
                user_id: id,
                csrf: hex::encode(&secret[4..]),
                ip: "bench".into(),
                created_at: now,
                last_seen: now,
            },
        )
        .await?;
    Ok(format!("zg_sid={token}"))
}

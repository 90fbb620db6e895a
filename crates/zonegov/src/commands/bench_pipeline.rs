//! `zonegov bench pipeline`: the filtered pipeline page over the demo zone plus
//! 10,000 synthetic projects, through the real router in this process: the server
//! time of each filter (target ≤ 50 ms), with /healthz of the same router as the
//! baseline and each page's median as a ratio to it.

use super::bench::{ms, percentile};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use std::collections::BTreeMap;
use std::time::Instant;
use tower::ServiceExt as _;
use zonegov_domain::Code;
use zonegov_domain::project::{ChainNode, Project};
use zonegov_web::auth::Security;

pub async fn run(projects: usize, rounds: usize) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let store = zonegov_store::connect(&format!(
        "sqlite://{}",
        dir.path().join("bench.db").display()
    ))
    .await?;
    let result = async {
        let demo = tempfile::tempdir()?;
        crate::demo::write_to(demo.path())?;
        let mut parts = zonegov_io::read_dataset(demo.path())
            .map_err(|e| anyhow::anyhow!("the embedded demo: {e}"))?
            .parts;
        let mut nodes: BTreeMap<&'static str, Vec<Code>> = BTreeMap::new();
        for v in parts.records.of::<ChainNode>() {
            let list = nodes.entry(v.attrs.industry.code()).or_default();
            if !list.contains(&v.code) {
                list.push(v.code.clone());
            }
        }
        let change = Code::parse("CP2021")?;
        let synth = zonegov_app::project_synth::projects(projects, &change, &nodes)
            .map_err(anyhow::Error::msg)?;
        parts.records.of_mut::<Project>().extend(synth);
        store.records().load(&parts).await?;
        println!("pipeline: the demo zone plus {projects} synthetic projects");
        let cookie = super::bench_list::admin_session(store.as_ref(), "N01").await?;
        let router = zonegov_web::router(store.clone(), Security::default());
        let paths = [
            ("/healthz (baseline)", "/healthz".to_owned(), false),
            (
                "pipeline, no filter",
                "/invest/pipeline?as_of=2024-12-31".to_owned(),
                true,
            ),
            (
                "stage 在谈, industry I1",
                "/invest/pipeline?as_of=2024-12-31&stage=talks&industry=I1".to_owned(),
                true,
            ),
            (
                "park P01, amount ≥ 1亿",
                format!(
                    "/invest/pipeline?as_of=2024-12-31&park=P01&min_amount={}",
                    urlencode("1亿")
                ),
                true,
            ),
            (
                "stalled only",
                "/invest/pipeline?as_of=2024-12-31&stalled=1".to_owned(),
                true,
            ),
        ];
        println!(
            "{:<32} {:>9} {:>9} {:>9} {:>8} {:>7}",
            "page (server time in-process)", "first ms", "p50 ms", "p99 ms", "ratio", "rows"
        );
        let mut baseline = None;
        for (name, path, signed_in) in paths {
            let mut times = Vec::with_capacity(rounds + 1);
            let mut rows = 0;
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
                        "{path} answered {status}: {}",
                        String::from_utf8_lossy(&body)
                            .chars()
                            .take(300)
                            .collect::<String>()
                    );
                }
                rows = String::from_utf8_lossy(&body).matches("<tr").count();
            }
            let first = times.remove(0);
            times.sort();
            let p50 = ms(percentile(&times, 50));
            let base = *baseline.get_or_insert(p50);
            println!(
                "{:<32} {:>9.2} {:>9.2} {:>9.2} {:>8.1} {:>7}",
                name,
                ms(first),
                p50,
                ms(percentile(&times, 99)),
                if base > 0.0 { p50 / base } else { 0.0 },
                rows
            );
        }
        anyhow::Ok(())
    }
    .await;
    store.close().await;
    result
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

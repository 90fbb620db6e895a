//! Synthetic projects for the pipeline benchmark: valid against the demo zone (parks
//! that exist from 2021 on, its chain nodes, its change set), reproducible from the
//! count alone, so `zonegov bench pipeline` measures the same data every run.

use crate::synth_rng::Rng;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;
use zonegov_domain::project::{Amount, CharIndustry, Investor, Project, Stage, TenStrong};
use zonegov_domain::{Code, Name, Period, Provenance, Source, Version};

/// Parks of the demo zone that exist from 2021 to today without a break.
const PARKS: &[&str] = &["P01", "P03", "P04", "P06", "P07", "P08", "P10", "P11"];

/// `n` illustrative projects `SY00001`…, written by change set `change`, each on a
/// node of its industry (`nodes`: industry code → node codes).
pub fn projects(
    n: usize,
    change: &Code,
    nodes: &BTreeMap<&'static str, Vec<Code>>,
) -> Result<Vec<Version<Project>>, String> {
    let mut rng = Rng(0x5EED_0010);
    let start = NaiveDate::from_ymd_opt(2021, 2, 1).ok_or("start day")?;
    let industries: Vec<CharIndustry> = CharIndustry::all().collect();
    let ten: Vec<TenStrong> = TenStrong::all().collect();
    let stages: Vec<Stage> = Stage::all().collect();
    let provenance = Provenance {
        source: Source::Illustrative,
        basis: "synthetic (zonegov bench pipeline)".into(),
        ..Default::default()
    };
    (0..n)
        .map(|i| {
            let code = Code::parse(&format!("SY{i:05}")).map_err(|e| e.to_string())?;
            let industry = industries[rng.below(industries.len())];
            let lead = start
                .checked_add_days(Days::new(rng.below(1_300) as u64))
                .ok_or("day")?;
            let reached = 1 + rng.below(stages.len());
            let mut day = lead;
            let mut dates = BTreeMap::new();
            for stage in stages.iter().take(reached) {
                dates.insert(*stage, day);
                day = day
                    .checked_add_days(Days::new(20 + rng.below(120) as u64))
                    .ok_or("day")?;
            }
            let node = nodes
                .get(industry.code())
                .and_then(|list| (!list.is_empty()).then(|| list[rng.below(list.len())].clone()));
            let park = Code::parse(PARKS[rng.below(PARKS.len())]).map_err(|e| e.to_string())?;
            Ok(Version {
                code: code.clone(),
                period: Period::new(lead, None).map_err(|e| e.to_string())?,
                change: change.clone(),
                attrs: Project {
                    name: Name::new(format!("合成项目{i:05}"), ""),
                    real_name: None,
                    investor: Investor::New(format!("合成投资方{i:05}")),
                    amount: Amount::from_yuan((1 + rng.below(500) as u64) * 10_000_000),
                    ten_strong: rng.percent(90).then(|| ten[rng.below(ten.len())]),
                    industry,
                    park,
                    chain_node: node,
                    chain_role: None,
                    stages: dates,
                    officer: format!("专员{:02}", rng.below(20)),
                    problems: Vec::new(),
                    provenance: provenance.clone(),
                },
            })
        })
        .collect()
}

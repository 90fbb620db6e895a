//! `zonegov bench who`: resolution latency in-process, through [`super::ask`] with the
//! real store, over every boundary item at every place on two days, power items by
//! code, and free text. Prints p50/p99 per group; the target is p99 ≤ 1 ms for a
//! question by item code. Free text includes a full-text search and is reported
//! beside it, not held to that target.

use super::{Question, WhoError, ask};
use std::time::{Duration, Instant};
use zonegov_domain::auth::Visible;
use zonegov_domain::boundary::BoundaryItem;
use zonegov_domain::who::{Matter, Place};
use zonegov_domain::{Code, NaiveDate, PowerItem, ZoneHistory};
use zonegov_store::{RecordStore, VersionQuery};

#[derive(Debug, Clone)]
pub struct WhoBench {
    pub group: &'static str,
    pub questions: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
    /// Answers whose verdict was not settled (gaps, conflicts, candidates, not found).
    pub unsettled: usize,
}

impl WhoBench {
    pub fn line(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        format!(
            "{:<28} {:>7} questions  p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms  unsettled {}",
            self.group,
            self.questions,
            ms(self.p50),
            ms(self.p99),
            ms(self.max),
            self.unsettled
        )
    }
}

/// Runs every group `rounds` times over `days`; the first pass is a warm-up.
pub async fn run_bench(
    records: &dyn RecordStore,
    history: &ZoneHistory,
    days: &[NaiveDate],
    rounds: usize,
) -> Result<Vec<WhoBench>, WhoError> {
    let visible = Visible::everything();
    let mut places: Vec<Option<Place>> = vec![None];
    for d in days {
        for p in history.parks().snapshot(*d) {
            places.push(Some(Place::Park(p.code.clone())));
        }
    }
    places.extend(
        history
            .counterparts()
            .all()
            .filter(|v| v.attrs.kind == zonegov_domain::CounterpartKind::Street)
            .map(|v| Some(Place::Street(v.code.clone()))),
    );
    places.dedup();
    let boundary: Vec<Code> = history
        .timeline::<BoundaryItem>()
        .codes()
        .cloned()
        .collect();
    let mut power: Vec<Code> = Vec::new();
    for d in days {
        let q = VersionQuery {
            as_of: Some(*d),
            limit: Some(200),
            ..VersionQuery::all_of(<PowerItem as zonegov_domain::Record>::KIND)
        };
        power.extend(records.versions(&q).await?.into_iter().map(|r| r.code));
    }
    power.sort();
    power.dedup();
    let texts = [
        "消防",
        "用地",
        "危险化学品",
        "征收补偿",
        "安全生产隐患排查",
        "社会救助",
        "排污",
    ];

    let mut groups: Vec<(&'static str, Vec<Question>)> = vec![
        ("boundary item × place", Vec::new()),
        ("power item by code", Vec::new()),
        ("free text (search)", Vec::new()),
    ];
    for d in days {
        for c in &boundary {
            for p in &places {
                groups[0]
                    .1
                    .push(Question::new(Matter::Boundary(c.clone()), p.clone(), *d)?);
            }
        }
        for c in &power {
            groups[1]
                .1
                .push(Question::new(Matter::Power(c.clone()), None, *d)?);
        }
        for t in texts {
            groups[2]
                .1
                .push(Question::new(Matter::Text(t.to_owned()), None, *d)?);
        }
    }
    let mut out = Vec::new();
    for (group, questions) in groups {
        let mut times = Vec::with_capacity(questions.len() * rounds);
        let mut unsettled = 0;
        for round in 0..=rounds {
            for q in &questions {
                let t = Instant::now();
                let a = ask(records, history, &visible, q).await?;
                let took = t.elapsed();
                if round > 0 {
                    times.push(took);
                } else if a.verdict != zonegov_domain::who::Verdict::Settled {
                    unsettled += 1;
                }
            }
        }
        times.sort();
        let at = |p: f64| {
            let i = ((times.len() as f64 * p).ceil() as usize).saturating_sub(1);
            times.get(i).copied().unwrap_or_default()
        };
        out.push(WhoBench {
            group,
            questions: questions.len(),
            p50: at(0.50),
            p99: at(0.99),
            max: times.last().copied().unwrap_or_default(),
            unsettled,
        });
    }
    Ok(out)
}

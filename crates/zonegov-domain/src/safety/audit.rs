//! The coverage audit (全覆盖、无盲区): every enterprise has each of the four parties
//! exactly once (the specialist party exactly once per hazard flag).
//!
//! Built for national scale (millions of enterprises, streamed): every verdict is looked
//! up once per distinct key — industry code, park, street, flag — and then counted in
//! integer arrays; an enterprise costs two or three hash look-ups. Exceptions are all
//! counted but only the first `examples_per_kind` of each kind are kept, so memory does
//! not grow with the input. The full derivation is rebuilt only for a kept example.

use super::{CoverageException, ExceptionKind, Party, RuleKey, SafetyRules, SafetySubject};
use crate::code::Code;
use crate::enterprise::{HazardFlag, IndustryCode};
use crate::lang::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    One,
    None,
    Several,
}

impl Verdict {
    fn of_rows(n: usize) -> Self {
        match n {
            0 => Self::None,
            1 => Self::One,
            _ => Self::Several,
        }
    }
}

/// The same mapping as `ExceptionKind::of` on a derivation's outcome.
fn kind_of(party: Party, verdict: Verdict) -> Option<ExceptionKind> {
    use ExceptionKind as K;
    Some(match (party, verdict) {
        (_, Verdict::One) => return None,
        (Party::Territorial, Verdict::None) => K::NoGrid,
        (Party::Territorial, Verdict::Several) => K::GridOverlap,
        (Party::Sector, Verdict::None) => K::NoSectorBody,
        (Party::Sector, Verdict::Several) => K::SectorOverlap,
        (Party::Specialist, Verdict::None) => K::NoSpecialistBody,
        (Party::Specialist, Verdict::Several) => K::SpecialistOverlap,
        (Party::Comprehensive, _) => K::NoComprehensiveBody,
    })
}

const COVERED: usize = 0;
const WITH_GAP: usize = 1;
const WITH_OVERLAP: usize = 2;

pub struct CoverageAudit<'r> {
    rules: &'r SafetyRules,
    as_of: NaiveDate,
    examples_per_kind: usize,
    parks: HashMap<Code, Verdict>,
    streets: HashMap<Code, Verdict>,
    /// Filled on first sight of each code: at most the table's 1,381 classes (and the
    /// upper levels, should a register carry them).
    sector: HashMap<IndustryCode, Verdict>,
    specialist: [Verdict; HazardFlag::ALL.len()],
    comprehensive: Verdict,
    total: u64,
    /// Per party: enterprises covered, with a gap, with an overlap.
    parties: [[u64; 3]; Party::ALL.len()],
    no_flags: u64,
    kinds: [u64; ExceptionKind::ALL.len()],
    examples: [Vec<CoverageException>; ExceptionKind::ALL.len()],
}

impl<'r> CoverageAudit<'r> {
    /// `rules` are the mappings in force on `as_of`.
    pub fn new(rules: &'r SafetyRules, as_of: NaiveDate, examples_per_kind: usize) -> Self {
        let mut parks = HashMap::new();
        let mut streets = HashMap::new();
        for (place, rows) in &rules.places {
            let verdict = Verdict::of_rows(rows.len());
            match place {
                super::Place::Park(c) => parks.insert(c.clone(), verdict),
                super::Place::Street(c) => streets.insert(c.clone(), verdict),
            };
        }
        let specialist = HazardFlag::ALL.map(|f| Verdict::of_rows(rules.specialists(f).len()));
        Self {
            rules,
            as_of,
            examples_per_kind,
            parks,
            streets,
            sector: HashMap::new(),
            specialist,
            comprehensive: Verdict::of_rows(usize::from(rules.comprehensive().is_some())),
            total: 0,
            parties: [[0; 3]; Party::ALL.len()],
            no_flags: 0,
            kinds: [0; ExceptionKind::ALL.len()],
            examples: Default::default(),
        }
    }

    /// Audits every enterprise of the stream, then reports.
    pub fn run<I>(mut self, enterprises: I) -> CoverageReport
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<SafetySubject>,
    {
        for e in enterprises {
            self.observe(std::borrow::Borrow::borrow(&e));
        }
        self.finish()
    }

    pub fn observe(&mut self, e: &SafetySubject) {
        self.total += 1;
        // A mapped park decides (the finer territory); an unmapped one falls back to the
        // street, as `SafetyRules::territorial` does.
        let place = e
            .park
            .as_ref()
            .and_then(|p| self.parks.get(p))
            .or_else(|| e.street.as_ref().and_then(|s| self.streets.get(s)))
            .copied()
            .unwrap_or(Verdict::None);
        if self.count(Party::Territorial, place) {
            let rules = self.rules;
            self.keep(e, || vec![rules.territorial(e)]);
        }

        let rules = self.rules;
        let sector = *self.sector.entry(e.industry).or_insert_with(|| {
            rules
                .sector()
                .most_specific(e.industry)
                .map_or(Verdict::None, |m| Verdict::of_rows(m.rules.len()))
        });
        if self.count(Party::Sector, sector) {
            self.keep(e, || vec![rules.sector_of(e)]);
        }

        if e.hazards.is_empty() {
            self.no_flags += 1;
        }
        let (mut gap, mut overlap) = (false, false);
        for &flag in &e.hazards {
            let verdict = self.specialist[flag as usize];
            gap |= verdict == Verdict::None;
            overlap |= verdict == Verdict::Several;
            if let Some(kind) = kind_of(Party::Specialist, verdict) {
                self.kinds[kind.index()] += 1;
            }
        }
        let tally = &mut self.parties[Party::Specialist.index()];
        tally[COVERED] += u64::from(!gap && !overlap);
        tally[WITH_GAP] += u64::from(gap);
        tally[WITH_OVERLAP] += u64::from(overlap);
        if gap || overlap {
            self.keep(e, || {
                e.hazards.iter().map(|&f| rules.specialist_of(f)).collect()
            });
        }

        if self.count(Party::Comprehensive, self.comprehensive) {
            self.keep(e, || vec![rules.comprehensive_of()]);
        }
    }

    /// Counts one verdict for the party and, when it is an exception, for its kind;
    /// true when it is an exception.
    fn count(&mut self, party: Party, verdict: Verdict) -> bool {
        let slot = match verdict {
            Verdict::One => COVERED,
            Verdict::None => WITH_GAP,
            Verdict::Several => WITH_OVERLAP,
        };
        self.parties[party.index()][slot] += 1;
        if let Some(kind) = kind_of(party, verdict) {
            self.kinds[kind.index()] += 1;
        }
        slot != COVERED
    }

    /// Keeps the exceptions the derivations show while their kind has room; the
    /// derivations are only built when some kind still has room.
    fn keep<'a>(&mut self, e: &SafetySubject, derive: impl FnOnce() -> Vec<super::Derivation<'a>>) {
        if self
            .examples
            .iter()
            .all(|x| x.len() >= self.examples_per_kind)
        {
            return;
        }
        for d in derive() {
            let Some(x) = CoverageException::from_derivation(&e.credit_code, &d) else {
                continue;
            };
            let kept = &mut self.examples[x.kind.index()];
            if kept.len() < self.examples_per_kind {
                kept.push(x);
            }
        }
    }

    pub fn finish(self) -> CoverageReport {
        let parties = Party::ALL
            .iter()
            .map(|&party| {
                let t = self.parties[party.index()];
                PartyCoverage {
                    party,
                    covered: t[COVERED],
                    with_gap: t[WITH_GAP],
                    with_overlap: t[WITH_OVERLAP],
                }
            })
            .collect();
        let exceptions = ExceptionKind::ALL
            .iter()
            .zip(self.examples)
            .map(|(&kind, examples)| KindSummary {
                kind,
                count: self.kinds[kind.index()],
                examples,
            })
            .collect();
        CoverageReport {
            as_of: self.as_of,
            total: self.total,
            parties,
            no_hazard_flags: self.no_flags,
            exceptions,
            mapping_overlaps: self
                .rules
                .overlapping_keys()
                .into_iter()
                .map(|(party, key, claimants)| MappingOverlap {
                    party,
                    key,
                    claimants,
                })
                .collect(),
            distinct_industry_codes: self.sector.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyCoverage {
    pub party: Party,
    pub covered: u64,
    /// Enterprises with a gap for this party (for the specialist party: any flag).
    pub with_gap: u64,
    pub with_overlap: u64,
}

impl PartyCoverage {
    /// Covered share of `total`, in percent; 100 for an empty audit (nothing uncovered).
    pub fn percent(&self, total: u64) -> f64 {
        if total == 0 {
            return 100.0;
        }
        self.covered as f64 * 100.0 / total as f64
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindSummary {
    pub kind: ExceptionKind,
    /// Every exception of this kind (a specialist one counts once per flag).
    pub count: u64,
    /// The first ones met, at most `examples_per_kind`.
    pub examples: Vec<CoverageException>,
}

/// A key the mapping gives two rows, whether an enterprise falls under it or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappingOverlap {
    pub party: Party,
    pub key: RuleKey,
    pub claimants: Vec<Code>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageReport {
    pub as_of: NaiveDate,
    pub total: u64,
    /// In `Party::ALL` order.
    pub parties: Vec<PartyCoverage>,
    /// Enterprises with no hazard flag: no specialist needed, counted as covered.
    pub no_hazard_flags: u64,
    /// In `ExceptionKind::ALL` order, every kind present (count 0 included).
    pub exceptions: Vec<KindSummary>,
    pub mapping_overlaps: Vec<MappingOverlap>,
    pub distinct_industry_codes: usize,
}

impl CoverageReport {
    pub fn exception_count(&self) -> u64 {
        self.exceptions.iter().map(|k| k.count).sum()
    }

    /// Every party covered for every enterprise.
    pub fn is_full(&self) -> bool {
        self.parties.iter().all(|p| p.covered == self.total)
    }

    /// Every kept example, kind by kind.
    pub fn examples(&self) -> impl Iterator<Item = &CoverageException> {
        self.exceptions.iter().flat_map(|k| &k.examples)
    }

    pub fn text(&self, lang: Lang) -> String {
        let mut out = match lang {
            Lang::Zh => format!(
                "安全生产责任覆盖审计（{}）：企业 {} 家\n",
                self.as_of, self.total
            ),
            Lang::En => format!(
                "Work-safety coverage audit ({}): {} enterprises\n",
                self.as_of, self.total
            ),
        };
        for p in &self.parties {
            out.push_str(&match lang {
                Lang::Zh => format!(
                    "  {}：覆盖 {}（{:.2}%），空白 {}，重叠 {}\n",
                    p.party.label(lang),
                    p.covered,
                    p.percent(self.total),
                    p.with_gap,
                    p.with_overlap
                ),
                Lang::En => format!(
                    "  {}: covered {} ({:.2}%), gaps {}, overlaps {}\n",
                    p.party.label(lang),
                    p.covered,
                    p.percent(self.total),
                    p.with_gap,
                    p.with_overlap
                ),
            });
        }
        out.push_str(&match lang {
            Lang::Zh => format!(
                "  无重点监管领域（无需专业监管）：{}\n",
                self.no_hazard_flags
            ),
            Lang::En => format!(
                "  no hazard flag (no specialist needed): {}\n",
                self.no_hazard_flags
            ),
        });
        for k in self.exceptions.iter().filter(|k| k.count > 0) {
            out.push_str(&format!("  {}: {}\n", k.kind.label(lang), k.count));
            for x in &k.examples {
                out.push_str(&format!("    - {}\n", x.message(lang)));
            }
        }
        for m in &self.mapping_overlaps {
            let who = m
                .claimants
                .iter()
                .map(Code::as_str)
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "));
            out.push_str(&match lang {
                Lang::Zh => format!(
                    "  映射重叠：{} {} 同时指定 {who}\n",
                    m.party.label(lang),
                    m.key.label(lang)
                ),
                Lang::En => format!(
                    "  mapping overlap: {} {} names {who}\n",
                    m.party.label(lang),
                    m.key.label(lang)
                ),
            });
        }
        out
    }
}

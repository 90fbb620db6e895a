//! The invariants every publication of an adjustment checks, each failure named.
//! Pure: the caller reads what is needed (the institutions' timeline, the items on
//! the list on the effective day that share a code with the publication) and a
//! failing publication writes nothing.

use super::item::PowerItem;
use crate::code::Code;
use crate::institution::Institution;
use crate::timeline::Timeline;
use crate::version::Version;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

/// One broken invariant, naming the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum PublishFailure {
    #[error("{code}: no legal basis / {code}：缺少法律依据")]
    NoLegalBasis { code: Code },
    #[error("{code}: no responsibility item / {code}：没有责任事项")]
    NoResponsibility { code: Code },
    #[error(
        "{code}: implementing body {body} does not exist on {day} / {code}：实施主体 {body} 在 {day} 不存在"
    )]
    BodyMissing {
        code: Code,
        body: Code,
        day: NaiveDate,
    },
    #[error(
        "{code}: another item with this code is on the list on {day} / {code}：{day} 已有同编码的事项"
    )]
    DuplicateCode { code: Code, day: NaiveDate },
    #[error(
        "{code}: not on the list on {day}, so it cannot be changed or ended / {code}：{day} 不在清单上，无法变更或取消"
    )]
    NotOnList { code: Code, day: NaiveDate },
    #[error(
        "{code}: its current version starts on {day}; publish with a later effective date / {code}：现行版本自 {day} 起施行，生效日期须晚于此"
    )]
    StartsSameDay { code: Code, day: NaiveDate },
}

/// What one publication does on `effective`: new versions to write (add, change,
/// take over) and codes whose current version it ends (change, cancel, delegate
/// down; a change both ends and writes).
pub struct Publication<'a> {
    pub effective: NaiveDate,
    pub writes: &'a [(Code, PowerItem)],
    pub ends: &'a BTreeSet<Code>,
}

/// Checks a publication against the list: `current` is every item on the list on
/// `effective` whose code is written or ended by it (read from the store). Returns
/// every failure, not the first.
pub fn check_publication(
    p: &Publication<'_>,
    institutions: &Timeline<Institution>,
    current: &[Version<PowerItem>],
) -> Vec<PublishFailure> {
    let mut out = Vec::new();
    let on_list = |code: &Code| {
        current
            .iter()
            .find(|v| &v.code == code && v.period.contains(p.effective))
    };
    for code in p.ends {
        match on_list(code) {
            None => out.push(PublishFailure::NotOnList {
                code: code.clone(),
                day: p.effective,
            }),
            Some(v) if v.period.from() == p.effective => out.push(PublishFailure::StartsSameDay {
                code: code.clone(),
                day: p.effective,
            }),
            Some(_) => {}
        }
    }
    let mut seen = BTreeSet::new();
    for (code, item) in p.writes {
        if item.basis.is_empty() {
            out.push(PublishFailure::NoLegalBasis { code: code.clone() });
        }
        if item.responsibilities.is_empty() {
            out.push(PublishFailure::NoResponsibility { code: code.clone() });
        }
        if institutions.as_of(&item.body, p.effective).is_none() {
            out.push(PublishFailure::BodyMissing {
                code: code.clone(),
                body: item.body.clone(),
                day: p.effective,
            });
        }
        // Unique codes: twice in this publication, or on the list and not ended by it.
        let clash = !seen.insert(code) || (on_list(code).is_some() && !p.ends.contains(code));
        if clash {
            out.push(PublishFailure::DuplicateCode {
                code: code.clone(),
                day: p.effective,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Name;
    use crate::period::Period;
    use crate::power::{Citation, Responsibility};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn code(s: &str) -> Code {
        Code::parse(s).unwrap()
    }

    pub(crate) fn item(body: &str) -> PowerItem {
        PowerItem {
            name: Name::new("对违反统计法行为的处罚", ""),
            sub_item: None,
            item_type: "CF".into(),
            body: code(body),
            handling_unit: None,
            level: None,
            basis: vec![Citation {
                law: "中华人民共和国统计法".into(),
                article: Some("第三十七条".into()),
                clause: None,
                item: None,
                role: Default::default(),
            }],
            responsibilities: vec![Responsibility {
                step: "受理".into(),
                duty: "依法受理".into(),
                basis: vec![],
            }],
            accountability: vec![],
            supervision_phone: None,
            remarks: None,
            provenance: Default::default(),
        }
    }

    fn institutions() -> Timeline<Institution> {
        let v = Version {
            code: code("N04"),
            period: Period::new(day("2020-07-01"), None).unwrap(),
            change: code("C2020"),
            attrs: Institution {
                name: Name::new("经济发展局", ""),
                plates: vec![],
                category: code("ADMIN"),
                parent: None,
                quotas: Default::default(),
                contact: None,
                provenance: Default::default(),
            },
        };
        Timeline::build([v]).unwrap()
    }

    fn on_list(c: &str, from: &str) -> Version<PowerItem> {
        Version {
            code: code(c),
            period: Period::new(day(from), None).unwrap(),
            change: code("C1"),
            attrs: item("N04"),
        }
    }

    #[test]
    fn a_sound_change_passes() {
        let writes = vec![(code("CF001"), item("N04"))];
        let ends = BTreeSet::from([code("CF001")]);
        let p = Publication {
            effective: day("2024-07-01"),
            writes: &writes,
            ends: &ends,
        };
        let f = check_publication(&p, &institutions(), &[on_list("CF001", "2021-01-01")]);
        assert_eq!(f, vec![]);
    }

    #[test]
    fn every_failure_is_named() {
        let mut bad = item("X99");
        bad.basis.clear();
        bad.responsibilities.clear();
        let writes = vec![(code("CF001"), bad), (code("CF002"), item("N04"))];
        let ends = BTreeSet::from([code("CF003")]);
        let p = Publication {
            effective: day("2024-07-01"),
            writes: &writes,
            ends: &ends,
        };
        // CF002 is already on the list and this publication does not end it.
        let f = check_publication(&p, &institutions(), &[on_list("CF002", "2021-01-01")]);
        let d = day("2024-07-01");
        assert_eq!(
            f,
            vec![
                PublishFailure::NotOnList {
                    code: code("CF003"),
                    day: d
                },
                PublishFailure::NoLegalBasis {
                    code: code("CF001")
                },
                PublishFailure::NoResponsibility {
                    code: code("CF001")
                },
                PublishFailure::BodyMissing {
                    code: code("CF001"),
                    body: code("X99"),
                    day: d
                },
                PublishFailure::DuplicateCode {
                    code: code("CF002"),
                    day: d
                },
            ]
        );
    }

    #[test]
    fn a_version_cannot_be_ended_on_its_first_day() {
        let ends = BTreeSet::from([code("CF001")]);
        let p = Publication {
            effective: day("2024-07-01"),
            writes: &[],
            ends: &ends,
        };
        let f = check_publication(&p, &institutions(), &[on_list("CF001", "2024-07-01")]);
        assert!(matches!(
            f.as_slice(),
            [PublishFailure::StartsSameDay { .. }]
        ));
    }
}

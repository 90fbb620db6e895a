//! A deterministic synthetic power list at national scale, for the search benchmark
//! and load tests: `zones` zones × `per_zone` items, names built from a seed of real
//! item-name patterns (对…的处罚, …许可, 对…的监督检查) over the subjects published
//! lists are full of (消防, 建设用地, 排污, 危险化学品, 特种设备 …), penalties
//! dominating as they do in real lists (about 60 %). Every item is marked
//! illustrative. The same arguments always give the same list.

use zonegov_domain::power::{Accountability, BasisRole, Citation, PowerItem, Responsibility};
use zonegov_domain::{ChangeSet, Code, NaiveDate, Name, Period, Provenance, Source, Version};

/// Subjects with the law that governs them.
const SUBJECTS: &[(&str, &str)] = &[
    ("消防安全", "中华人民共和国消防法"),
    ("消防设施", "中华人民共和国消防法"),
    ("建设用地", "中华人民共和国土地管理法"),
    ("临时用地", "中华人民共和国土地管理法"),
    ("排污许可", "排污许可管理条例"),
    ("大气污染防治", "中华人民共和国大气污染防治法"),
    ("水污染防治", "中华人民共和国水污染防治法"),
    ("固体废物", "中华人民共和国固体废物污染环境防治法"),
    ("危险化学品", "危险化学品安全管理条例"),
    ("特种设备", "中华人民共和国特种设备安全法"),
    ("安全生产", "中华人民共和国安全生产法"),
    ("食品经营", "中华人民共和国食品安全法"),
    ("药品经营", "中华人民共和国药品管理法"),
    ("建筑工程施工", "中华人民共和国建筑法"),
    ("城镇燃气", "城镇燃气管理条例"),
    ("城市道路", "城市道路管理条例"),
    ("户外广告", "中华人民共和国广告法"),
    ("劳动保障", "劳动保障监察条例"),
    ("统计调查", "中华人民共和国统计法"),
    ("价格行为", "中华人民共和国价格法"),
    ("网络安全", "中华人民共和国网络安全法"),
    ("文物保护", "中华人民共和国文物保护法"),
    ("林木采伐", "中华人民共和国森林法"),
    ("水土保持", "中华人民共和国水土保持法"),
    ("城乡规划", "中华人民共和国城乡规划法"),
    ("房地产开发", "城市房地产开发经营管理条例"),
    ("道路运输", "中华人民共和国道路运输条例"),
    ("计量器具", "中华人民共和国计量法"),
    ("产品质量", "中华人民共和国产品质量法"),
    ("烟花爆竹", "烟花爆竹安全管理条例"),
];

/// Penalty acts: `{}` is the subject.
const PENALTY_ACTS: &[&str] = &[
    "未经许可擅自从事{}活动",
    "违反{}管理规定",
    "伪造、变造{}相关证件",
    "拒绝、阻碍{}监督检查",
    "未按规定报送{}资料",
    "未落实{}主体责任",
    "超出许可范围从事{}活动",
    "未建立{}管理制度",
];

/// Other types: code and name patterns.
const OTHER: &[(&str, &[&str])] = &[
    ("XK", &["{}许可", "{}经营许可证核发", "{}审批"]),
    (
        "QZ",
        &["查封、扣押违反{}规定的场所设施", "责令停止{}违法行为"],
    ),
    ("JC", &["对{}的监督检查", "{}专项检查"]),
    ("ZS", &["{}相关费用征收"]),
    ("JF", &["{}补助发放"]),
    ("QR", &["{}登记确认"]),
    ("JL", &["对{}工作突出单位的奖励"]),
    ("CJ", &["{}纠纷行政裁决"]),
    ("QT", &["{}备案"]),
];

const ARTICLES: &[&str] = &[
    "第十条",
    "第十五条",
    "第二十条",
    "第三十一条",
    "第四十二条",
    "第五十八条",
    "第六十四条",
];

use crate::synth_rng::Rng;

/// The change set every synthetic item names.
pub fn change_set() -> Result<ChangeSet, String> {
    Ok(ChangeSet {
        id: code("SYNTH")?,
        effective: day(),
        doc_no: "示例〔2025〕合成".to_owned(),
        reason: Name::new(
            "合成权责清单（基准测试）",
            "Synthetic power list (benchmark)",
        ),
        actor: "synth".to_owned(),
        recorded_at: None,
        provenance: provenance(),
    })
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default()
}

fn code(s: &str) -> Result<Code, String> {
    Code::parse(s).map_err(|e| e.to_string())
}

fn provenance() -> Provenance {
    Provenance {
        source: Source::Illustrative,
        basis: "synthetic benchmark list".to_owned(),
        facts: Vec::new(),
    }
}

fn cite(law: &str, rng: &mut Rng, role: BasisRole) -> Citation {
    Citation {
        law: law.to_owned(),
        article: Some(ARTICLES[rng.below(ARTICLES.len())].to_owned()),
        clause: None,
        item: None,
        role,
    }
}

/// `zones × per_zone` items, zone by zone. Item codes are `Z001-CF0001-001`
/// (zone, type, main item, sub-item); bodies `Z001N01`…`Z001N12`.
pub fn items(zones: usize, per_zone: usize) -> Result<Vec<Version<PowerItem>>, String> {
    let mut out = Vec::with_capacity(zones * per_zone);
    for z in 1..=zones {
        out.extend(zone(z, per_zone)?);
    }
    Ok(out)
}

/// The items of zone `z` (from 1) alone: each zone has its own seed, so a list can
/// be generated and written zone by zone.
pub fn zone(z: usize, per_zone: usize) -> Result<Vec<Version<PowerItem>>, String> {
    let change = code("SYNTH")?;
    let period = Period::new(day(), None).map_err(|e| e.to_string())?;
    let steps_penalty = ["立案", "调查取证", "审理", "告知", "决定", "执行"];
    let steps_general = ["受理", "审查", "决定", "送达", "事后监管"];
    let mut out = Vec::with_capacity(per_zone);
    {
        let mut rng = Rng(u64::try_from(z).unwrap_or(0));
        for i in 0..per_zone {
            let (s_name, law) = SUBJECTS[rng.below(SUBJECTS.len())];
            // Penalties are about 60 % of a real list.
            let (ty, pattern) = if rng.below(10) < 6 {
                ("CF", PENALTY_ACTS[rng.below(PENALTY_ACTS.len())])
            } else {
                let (ty, patterns) = OTHER[rng.below(OTHER.len())];
                (ty, patterns[rng.below(patterns.len())])
            };
            let act = pattern.replace("{}", s_name);
            let name = if ty == "CF" {
                format!("对{act}的处罚")
            } else {
                act
            };
            let sub_item = (rng.below(5) == 0).then(|| format!("{s_name}（第{}类）", i % 3 + 1));
            let steps: &[&str] = if ty == "CF" {
                &steps_penalty
            } else {
                &steps_general
            };
            // 1–4 responsibility items, 2.4 on average (670,000 for 281,000 items).
            let n_resp = [1, 2, 2, 3, 3, 4][rng.below(6)].min(steps.len());
            let start = rng.below(steps.len() - n_resp + 1);
            let responsibilities = steps[start..start + n_resp]
                .iter()
                .map(|step| Responsibility {
                    step: (*step).to_owned(),
                    duty: format!("{step}责任：依法对{s_name}相关事项进行{step}，按规定时限办结。"),
                    basis: vec![cite(law, &mut rng, BasisRole::Implementing)],
                })
                .collect();
            let body = code(&format!("Z{z:03}N{:02}", rng.below(12) + 1))?;
            out.push(Version {
                code: code(&format!("Z{z:03}-{ty}{:04}-{:03}", i, i % 7))?,
                period,
                change: change.clone(),
                attrs: PowerItem {
                    name: Name::new(name, ""),
                    sub_item,
                    item_type: ty.to_owned(),
                    body,
                    handling_unit: None,
                    level: Some("区级".to_owned()),
                    basis: vec![cite(law, &mut rng, BasisRole::Setting)],
                    responsibilities,
                    accountability: vec![Accountability {
                        situation: format!("在{s_name}监督管理中滥用职权、玩忽职守的"),
                        basis: vec![cite(
                            "中华人民共和国公职人员政务处分法",
                            &mut rng,
                            BasisRole::Implementing,
                        )],
                    }],
                    supervision_phone: Some("0537-12345".to_owned()),
                    remarks: None,
                    provenance: provenance(),
                },
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zonegov_domain::Record;

    #[test]
    fn the_list_is_deterministic_realistic_and_checks() {
        let a = items(2, 300).unwrap();
        assert_eq!(a, items(2, 300).unwrap());
        assert_eq!(a.len(), 600);
        let penalties = a.iter().filter(|v| v.attrs.item_type == "CF").count();
        assert!(
            (300..420).contains(&penalties),
            "{penalties} penalties of 600"
        );
        let resp: usize = a.iter().map(|v| v.attrs.responsibilities.len()).sum();
        assert!((1_200..1_700).contains(&resp), "{resp} responsibilities");
        assert!(a.iter().any(|v| v.attrs.name.zh.contains("消防")));
        assert!(a.iter().any(|v| v.attrs.name.zh.contains("用地")));
        let codes: std::collections::BTreeSet<_> = a.iter().map(|v| &v.code).collect();
        assert_eq!(codes.len(), 600, "codes are unique");
        let ctx = zonegov_domain::record::CheckContext {
            categories: &Default::default(),
        };
        assert!(a.iter().all(|v| v.attrs.check(&ctx).is_empty()));
    }
}

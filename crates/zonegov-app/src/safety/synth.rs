//! Deterministic synthetic enterprises and safety mappings, for the coverage benchmark,
//! the demo and tests: `n` enterprises streamed (nothing held), with valid credit codes
//! (check characters computed), the zone's five characteristic industries dominating
//! (seed §3), each mostly in its specialised park, the rest spread over the whole GB/T
//! 4754 table and the five streets; hazard flags on about one enterprise in five. The
//! mapping set covers all of it (100 %); `planted` breaks it in known ways. Everything
//! here is illustrative. The same arguments always give the same data.

use zonegov_domain::enterprise::credit_code::{check_char, organisation_check_char};
use zonegov_domain::enterprise::{CreditCode, HazardFlag, IndustryCode, IndustryLevel};
use zonegov_domain::safety::{Grid, GridLevel, Place, SafetyRules, SafetySubject};
use zonegov_domain::{Code, Name};

/// The five streets of the zone (public statistical codes 370871001–005 in the demo).
pub const STREETS: [&str; 5] = ["ST01", "ST02", "ST03", "ST04", "ST05"];

/// The ten parks after the 2024 integration, with their street and leading industry
/// (an index into `CHARACTERISTIC`), as in the demo's parks.csv.
pub const PARKS: [(&str, &str, Option<usize>); 10] = [
    ("P01", "ST02", Some(0)),
    ("P03", "ST05", Some(1)),
    ("P04", "ST04", Some(2)),
    ("P06", "ST03", Some(3)),
    ("P07", "ST02", Some(4)),
    ("P08", "ST02", Some(4)),
    ("P09", "ST05", None),
    ("P10", "ST02", None),
    ("P11", "ST05", None),
    ("P13", "ST04", Some(0)),
];

/// The characteristic industries (特色优势产业, seed §3) as GB/T 4754-2017 classes.
pub const CHARACTERISTIC: [(&str, &[&str]); 5] = [
    (
        "工程机械及智能装备",
        &["3511", "3514", "3517", "3431", "3432", "3491", "3492"],
    ),
    ("汽车及零部件", &["3611", "3612", "3670", "3630"]),
    ("医药健康", &["2710", "2720", "2740", "2761", "3581"]),
    ("新材料新能源", &["2651", "3825", "3841", "3985"]),
    ("数字经济", &["6511", "6513", "6450", "3911", "6550"]),
];

/// Share of enterprises in a characteristic industry, in percent.
const CHARACTERISTIC_SHARE: u64 = 70;

use crate::synth_rng::Rng;

fn code(s: &str) -> Result<Code, String> {
    Code::parse(s).map_err(|e| format!("{s}: {e}"))
}

fn industry(s: &str) -> Result<IndustryCode, String> {
    IndustryCode::parse(s).map_err(|e| format!("{s}: {e}"))
}

/// The valid credit code of serial `n`: registered in the zone (370871) as an enterprise
/// (91), organisation body the serial's eight digits, both check characters computed.
pub fn credit_code(n: u32) -> Result<CreditCode, String> {
    credit_code_in(n, &mut String::with_capacity(18))
}

/// `credit_code` writing into a reused buffer: the stream builds millions.
fn credit_code_in(n: u32, buf: &mut String) -> Result<CreditCode, String> {
    use std::fmt::Write;
    buf.clear();
    write!(buf, "91370871{n:08}").map_err(|e| e.to_string())?;
    let org = organisation_check_char(&buf[8..16]).ok_or_else(|| format!("serial {n}"))?;
    buf.push(org);
    let check = check_char(buf).ok_or_else(|| format!("prefix {buf}"))?;
    buf.push(check);
    CreditCode::parse(buf).map_err(|e| e.to_string())
}

/// The stream of `n` enterprises for `seed`. Credit-code serials are `first..first + n`.
pub struct Enterprises {
    rng: Rng,
    next: u32,
    end: u32,
    characteristic: Vec<Vec<IndustryCode>>,
    classes: Vec<IndustryCode>,
    streets: Vec<Code>,
    parks: Vec<(Code, Code, Option<usize>)>,
    /// Per characteristic industry, the parks it leads.
    lead_parks: Vec<Vec<usize>>,
    buf: String,
}

/// `n` enterprises from serial 1 (at most 99,999,999: the serial is the eight-digit body).
pub fn enterprises(n: usize, seed: u64) -> Result<Enterprises, String> {
    let end = u32::try_from(n)
        .ok()
        .filter(|&n| n < 100_000_000)
        .ok_or_else(|| format!("{n} enterprises: at most 99,999,999 / 最多 99,999,999 家"))?;
    let characteristic = CHARACTERISTIC
        .iter()
        .map(|(_, classes)| classes.iter().map(|c| industry(c)).collect())
        .collect::<Result<Vec<Vec<_>>, _>>()?;
    let classes: Vec<_> = IndustryCode::all()
        .map_err(|e| e.to_string())?
        .filter(|c| c.level() == IndustryLevel::Class)
        .collect();
    let streets = STREETS.iter().map(|s| code(s)).collect::<Result<_, _>>()?;
    let parks = PARKS
        .iter()
        .map(|(p, s, lead)| Ok((code(p)?, code(s)?, *lead)))
        .collect::<Result<Vec<_>, String>>()?;
    let lead_parks = (0..CHARACTERISTIC.len())
        .map(|i| {
            (0..PARKS.len())
                .filter(|&p| PARKS[p].2 == Some(i))
                .collect()
        })
        .collect();
    Ok(Enterprises {
        rng: Rng(seed),
        next: 1,
        end: end + 1,
        characteristic,
        classes,
        streets,
        parks,
        lead_parks,
        buf: String::with_capacity(18),
    })
}

impl Enterprises {
    fn hazards(&mut self, characteristic: Option<usize>) -> Vec<HazardFlag> {
        // Machinery and vehicles cut and grind metal (dust, special equipment: cranes,
        // boilers); medicine and new materials handle chemicals.
        let (chem, equip, dust) = match characteristic {
            Some(0) | Some(1) => (2, 15, 8),
            Some(2) | Some(3) => (15, 8, 2),
            Some(_) => (0, 2, 0),
            None => (4, 8, 3),
        };
        let mut flags = Vec::new();
        for (flag, p) in [
            (HazardFlag::HazardousChemicals, chem),
            (HazardFlag::SpecialEquipment, equip),
            (HazardFlag::DustExplosion, dust),
            (HazardFlag::ConfinedSpace, 3),
            (HazardFlag::AmmoniaRefrigeration, 1),
            (HazardFlag::MetalSmelting, 1),
        ] {
            if self.rng.percent(p) {
                flags.push(flag);
            }
        }
        flags
    }
}

impl Iterator for Enterprises {
    type Item = Result<SafetySubject, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        let serial = self.next;
        self.next += 1;
        let lead = self
            .rng
            .percent(CHARACTERISTIC_SHARE)
            .then(|| self.rng.below(CHARACTERISTIC.len()));
        let industry = match lead {
            Some(i) => {
                let classes = &self.characteristic[i];
                classes[self.rng.below(classes.len())]
            }
            None => self.classes[self.rng.below(self.classes.len())],
        };
        // Most of an industry's enterprises sit in its park; others in any park or none.
        let lead_parks = lead
            .and_then(|i| self.lead_parks.get(i))
            .filter(|_| self.rng.percent(80));
        let park = if let Some(candidates) = lead_parks {
            candidates.get(self.rng.below(candidates.len())).copied()
        } else if self.rng.percent(30) {
            Some(self.rng.below(self.parks.len()))
        } else {
            None
        };
        let (park, street) = match park {
            Some(p) => (Some(self.parks[p].0.clone()), self.parks[p].1.clone()),
            None => (
                None,
                self.streets[self.rng.below(self.streets.len())].clone(),
            ),
        };
        let hazards = self.hazards(lead);
        Some(
            credit_code_in(serial, &mut self.buf).map(|credit_code| SafetySubject {
                credit_code,
                industry,
                street: Some(street),
                park,
                hazards,
            }),
        )
    }
}

/// Every GB/T 4754 section (门类) with its sector body, and the finer keys the zone gives
/// another body (管行业必须管安全). Bodies are the demo's institution and counterpart codes.
const SECTOR_RULES: &[(&str, &str, &str)] = &[
    ("A", "N12", "农林牧渔业由社会事务局管理"),
    ("B", "N11", "采矿业由应急管理和生态环境局管理"),
    ("C", "N13", "制造业由经济运行局管理"),
    (
        "D",
        "N13",
        "电力、热力、燃气及水生产和供应业由经济运行局管理",
    ),
    ("E", "N10", "建筑业由自然资源和规划建设局管理"),
    ("F", "N07", "批发和零售业由投资促进局管理"),
    (
        "G",
        "N10",
        "交通运输、仓储和邮政业由自然资源和规划建设局管理",
    ),
    ("H", "MD06", "住宿和餐饮业由市场监督管理局管理"),
    ("I", "N06", "信息传输、软件和信息技术服务业由科技创新局管理"),
    ("J", "N05", "金融业由财政金融局管理"),
    ("K", "N10", "房地产业由自然资源和规划建设局管理"),
    ("L", "N07", "租赁和商务服务业由投资促进局管理"),
    ("M", "N06", "科学研究和技术服务业由科技创新局管理"),
    (
        "N",
        "N10",
        "水利、环境和公共设施管理业由自然资源和规划建设局管理",
    ),
    ("O", "N12", "居民服务、修理和其他服务业由社会事务局管理"),
    ("P", "N12", "教育由社会事务局管理"),
    ("Q", "N12", "卫生和社会工作由社会事务局管理"),
    ("R", "N12", "文化、体育和娱乐业由社会事务局管理"),
    ("S", "N01", "公共管理、社会保障和社会组织由党政办公室管理"),
    ("T", "N01", "国际组织由党政办公室管理"),
    ("27", "N09", "医药制造业由企业服务局管理（医药健康产业）"),
    ("3911", "N06", "计算机整机制造由科技创新局管理（数字经济）"),
    ("2720", "MD06", "化学药品制剂制造由市场监督管理局管理"),
];

const SPECIALIST_RULES: &[(HazardFlag, &str, &str)] = &[
    (
        HazardFlag::HazardousChemicals,
        "N11",
        "危险化学品安全管理条例",
    ),
    (
        HazardFlag::SpecialEquipment,
        "MD06",
        "中华人民共和国特种设备安全法",
    ),
    (HazardFlag::DustExplosion, "N11", "工贸企业粉尘防爆安全规定"),
    (
        HazardFlag::ConfinedSpace,
        "N11",
        "工贸企业有限空间作业安全规定",
    ),
    (
        HazardFlag::AmmoniaRefrigeration,
        "N11",
        "工贸企业重大事故隐患判定标准",
    ),
    (
        HazardFlag::MetalSmelting,
        "N11",
        "冶金企业和有色金属企业安全生产规定",
    ),
];

/// Illustrative grid leaders (网格长); a compound surname shows the masking.
const LEADERS: [&str; 8] = [
    "王建国",
    "李秀英",
    "张伟",
    "刘洋",
    "陈静",
    "欧阳明华",
    "杨帆",
    "赵磊",
];

const BASIS_GRID: &str = "高新区安全生产网格化管理实施方案（示例）";

fn grid(
    number: &str,
    level: GridLevel,
    parent: Option<&str>,
    zh: String,
    en: String,
    i: usize,
) -> Result<Grid, String> {
    Ok(Grid {
        number: code(number)?,
        level,
        name: Name::new(zh, en),
        parent: parent.map(code).transpose()?,
        person_in_charge: Some(LEADERS[i % LEADERS.len()].to_owned()),
    })
}

fn add(rules: &mut SafetyRules, g: Grid) -> Result<(), String> {
    rules.add_grid(g).map_err(|e| e.to_string())
}

fn map(rules: &mut SafetyRules, place: Place, grid: &str) -> Result<(), String> {
    rules
        .map_place(place, code(grid)?, BASIS_GRID)
        .map_err(|e| e.to_string())
}

/// The mapping set covering every generated enterprise: a zone grid, one grid per
/// street, one per park beneath its street's; every section with a sector body; every
/// flag with one specialist; the emergency body as the comprehensive one.
pub fn full_rules() -> Result<SafetyRules, String> {
    let mut rules = SafetyRules::default();
    add(
        &mut rules,
        grid(
            "G1",
            GridLevel::Zone,
            None,
            "高新区一级网格".into(),
            "Zone grid".into(),
            0,
        )?,
    )?;
    for (i, s) in STREETS.iter().enumerate() {
        let number = format!("G1-{s}");
        add(
            &mut rules,
            grid(
                &number,
                GridLevel::Area,
                Some("G1"),
                format!("{s}二级网格"),
                format!("Street grid {s}"),
                i + 1,
            )?,
        )?;
        map(&mut rules, Place::Street(code(s)?), &number)?;
    }
    for (i, (p, s, _)) in PARKS.iter().enumerate() {
        let number = format!("G1-{s}-{p}");
        let parent = format!("G1-{s}");
        add(
            &mut rules,
            grid(
                &number,
                GridLevel::Block,
                Some(&parent),
                format!("{p}三级网格"),
                format!("Park grid {p}"),
                i + 6,
            )?,
        )?;
        map(&mut rules, Place::Park(code(p)?), &number)?;
    }
    for (key, body, basis) in SECTOR_RULES {
        rules.add_sector(industry(key)?, code(body)?, *basis);
    }
    for (flag, body, basis) in SPECIALIST_RULES {
        rules.add_specialist(*flag, code(body)?, *basis);
    }
    rules.set_comprehensive(
        code("N11")?,
        "中华人民共和国安全生产法第十条（应急管理部门综合监管）",
    );
    Ok(rules)
}

/// What `planted` breaks, one line each (Chinese / English), for the fixture's readers.
pub const PLANTED: [&str; 6] = [
    "门类 A 无行业管理规则 / section A has no sector rule",
    "小类 3612 有两条行业管理规则（N13、N06） / class 3612 has two sector rules (N13, N06)",
    "街道 ST05 映射到两个网格 / street ST05 is mapped to two grids",
    "园区 P09 与街道 ST09 均无网格（ST09 不在映射中） / park P09 and street ST09 have no grid",
    "金属冶炼无专业监管部门 / metal smelting has no specialist body",
    "粉尘涉爆有两个专业监管部门（N11、MD06） / dust explosion has two specialist bodies (N11, MD06)",
];

/// The full mapping with the defects of `PLANTED`, and enterprises that hit each one
/// (serials from 90,000,001, so they never collide with generated ones).
pub fn planted() -> Result<(SafetyRules, Vec<SafetySubject>), String> {
    let mut rules = SafetyRules::default();
    let full = full_rules()?;
    // Rebuild rather than edit: the mapping is append-only data.
    add(
        &mut rules,
        grid(
            "G1",
            GridLevel::Zone,
            None,
            "高新区一级网格".into(),
            "Zone grid".into(),
            0,
        )?,
    )?;
    for (i, s) in STREETS.iter().enumerate() {
        let number = format!("G1-{s}");
        if let Some(g) = full.grid(&code(&number)?) {
            add(&mut rules, g.clone())?;
        }
        map(&mut rules, Place::Street(code(s)?), &number)?;
        if *s == "ST05" {
            add(
                &mut rules,
                grid(
                    "G1-ST05B",
                    GridLevel::Area,
                    Some("G1"),
                    "ST05二级网格（旧）".into(),
                    "Street grid ST05 (old)".into(),
                    i,
                )?,
            )?;
            map(&mut rules, Place::Street(code(s)?), "G1-ST05B")?;
        }
    }
    for (p, s, _) in PARKS.iter().filter(|(p, _, _)| *p != "P09") {
        let number = format!("G1-{s}-{p}");
        if let Some(g) = full.grid(&code(&number)?) {
            add(&mut rules, g.clone())?;
        }
        map(&mut rules, Place::Park(code(p)?), &number)?;
    }
    for (key, body, basis) in SECTOR_RULES.iter().filter(|(k, _, _)| *k != "A") {
        rules.add_sector(industry(key)?, code(body)?, *basis);
    }
    rules.add_sector(
        industry("3612")?,
        code("N13")?,
        "新能源车整车制造由经济运行局管理",
    );
    rules.add_sector(
        industry("3612")?,
        code("N06")?,
        "新能源车整车制造由科技创新局管理",
    );
    for (flag, body, basis) in SPECIALIST_RULES
        .iter()
        .filter(|(f, _, _)| *f != HazardFlag::MetalSmelting)
    {
        rules.add_specialist(*flag, code(body)?, *basis);
    }
    rules.add_specialist(
        HazardFlag::DustExplosion,
        code("MD06")?,
        "粉尘涉爆设备另由市场监管监管（重叠）",
    );
    rules.set_comprehensive(
        code("N11")?,
        "中华人民共和国安全生产法第十条（应急管理部门综合监管）",
    );

    let e = |serial: u32,
             ind: &str,
             street: &str,
             park: Option<&str>,
             hazards: &[HazardFlag]|
     -> Result<SafetySubject, String> {
        Ok(SafetySubject {
            credit_code: credit_code(serial)?,
            industry: industry(ind)?,
            street: Some(code(street)?),
            park: park.map(code).transpose()?,
            hazards: hazards.to_vec(),
        })
    };
    let enterprises = vec![
        e(90_000_001, "0111", "ST01", None, &[])?,
        e(90_000_002, "3612", "ST05", Some("P03"), &[])?,
        e(90_000_003, "6513", "ST05", None, &[])?,
        e(90_000_004, "5990", "ST09", Some("P09"), &[])?,
        e(
            90_000_005,
            "3516",
            "ST03",
            Some("P06"),
            &[HazardFlag::MetalSmelting, HazardFlag::DustExplosion],
        )?,
        e(
            90_000_006,
            "2720",
            "ST04",
            Some("P04"),
            &[HazardFlag::HazardousChemicals],
        )?,
    ];
    Ok((rules, enterprises))
}

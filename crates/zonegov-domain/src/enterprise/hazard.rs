//! Hazard flags (重点监管领域) an enterprise carries. Each flag brings a specialised regulator
//! (专业监管) into the enterprise's four responsible parties.
//!
//! The issue names hazardous chemicals, special equipment, dust explosion and confined spaces
//! and leaves the list open; domain-notes §3 names special equipment and hazardous
//! chemicals. Ammonia refrigeration and metal smelting complete the set commonly
//! supervised in industry and trade (工贸行业重点领域: 粉尘涉爆、涉氨制冷、有限空间、金属冶炼).

use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HazardFlag {
    /// 危险化学品
    HazardousChemicals,
    /// 特种设备
    SpecialEquipment,
    /// 粉尘涉爆
    DustExplosion,
    /// 有限空间
    ConfinedSpace,
    /// 涉氨制冷
    AmmoniaRefrigeration,
    /// 金属冶炼
    MetalSmelting,
}

/// A value that names no flag, as given (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HazardError {
    pub value: String,
}

impl HazardError {
    pub fn message(&self, lang: Lang) -> String {
        let known = HazardFlag::ALL
            .iter()
            .map(|f| f.label(lang))
            .collect::<Vec<_>>();
        match lang {
            Lang::Zh => format!(
                "“{}”不是可识别的重点监管领域，可选：{}",
                self.value,
                known.join("、")
            ),
            Lang::En => format!(
                "\"{}\" is not a known hazard flag; one of: {}",
                self.value,
                known.join(", ")
            ),
        }
    }
}

impl fmt::Display for HazardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message(Lang::Zh), self.message(Lang::En))
    }
}

impl std::error::Error for HazardError {}

impl HazardFlag {
    pub const ALL: [HazardFlag; 6] = [
        Self::HazardousChemicals,
        Self::SpecialEquipment,
        Self::DustExplosion,
        Self::ConfinedSpace,
        Self::AmmoniaRefrigeration,
        Self::MetalSmelting,
    ];

    /// The stable code used in files and the API.
    pub fn code(self) -> &'static str {
        match self {
            Self::HazardousChemicals => "hazardous_chemicals",
            Self::SpecialEquipment => "special_equipment",
            Self::DustExplosion => "dust_explosion",
            Self::ConfinedSpace => "confined_space",
            Self::AmmoniaRefrigeration => "ammonia_refrigeration",
            Self::MetalSmelting => "metal_smelting",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::HazardousChemicals => lang.pick("危险化学品", "Hazardous chemicals"),
            Self::SpecialEquipment => lang.pick("特种设备", "Special equipment"),
            Self::DustExplosion => lang.pick("粉尘涉爆", "Dust explosion"),
            Self::ConfinedSpace => lang.pick("有限空间", "Confined spaces"),
            Self::AmmoniaRefrigeration => lang.pick("涉氨制冷", "Ammonia refrigeration"),
            Self::MetalSmelting => lang.pick("金属冶炼", "Metal smelting"),
        }
    }

    /// Other spellings met in registers and spreadsheets.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::HazardousChemicals => {
                &["危化品", "危险化学品企业", "hazchem", "hazardous chemical"]
            }
            Self::SpecialEquipment => &["特种设备企业"],
            Self::DustExplosion => &["涉爆粉尘", "粉尘防爆", "粉尘爆炸"],
            Self::ConfinedSpace => &["有限空间作业"],
            Self::AmmoniaRefrigeration => &["液氨制冷", "氨制冷"],
            Self::MetalSmelting => &["冶金", "金属冶炼企业"],
        }
    }

    /// Accepts the code, either label or an alias; English and codes ignore case, spaces,
    /// hyphens and underscores (`Special equipment`, `special-equipment`).
    pub fn parse(s: &str) -> Result<Self, HazardError> {
        let value = s.trim();
        let fold = |t: &str| -> String {
            t.chars()
                .filter(|c| !matches!(c, ' ' | '_' | '-'))
                .flat_map(char::to_lowercase)
                .collect()
        };
        let wanted = fold(value);
        Self::ALL
            .into_iter()
            .find(|f| {
                [f.code(), f.label(Lang::Zh), f.label(Lang::En)]
                    .iter()
                    .chain(f.aliases())
                    .any(|name| fold(name) == wanted)
            })
            .filter(|_| !wanted.is_empty())
            .ok_or_else(|| HazardError {
                value: value.to_owned(),
            })
    }

    /// A spreadsheet cell listing flags: separated by 、 , ， ; ； / or a line break; empty
    /// parts and repeats are ignored; the result is sorted. Fails on the first unknown part.
    pub fn parse_list(s: &str) -> Result<Vec<Self>, HazardError> {
        let mut flags = s
            .split(['、', ',', '，', ';', '；', '/', '\n'])
            .filter(|part| !part.trim().is_empty())
            .map(Self::parse)
            .collect::<Result<Vec<_>, _>>()?;
        flags.sort();
        flags.dedup();
        Ok(flags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_parses_from_its_code_and_both_labels() {
        for f in HazardFlag::ALL {
            assert_eq!(HazardFlag::parse(f.code()), Ok(f));
            assert_eq!(HazardFlag::parse(f.label(Lang::Zh)), Ok(f));
            assert_eq!(HazardFlag::parse(f.label(Lang::En)), Ok(f));
            assert_eq!(HazardFlag::parse(&f.label(Lang::En).to_uppercase()), Ok(f));
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.code()));
        }
    }

    /// Parsing returns the first flag a name matches, so a name shared by two flags would
    /// come back as the wrong one.
    #[test]
    fn every_name_of_a_flag_parses_to_that_flag() {
        for f in HazardFlag::ALL {
            for name in f.aliases() {
                assert_eq!(HazardFlag::parse(name), Ok(f), "{name}");
            }
        }
    }

    #[test]
    fn spellings_from_spreadsheets() {
        assert_eq!(
            HazardFlag::parse(" 危化品 "),
            Ok(HazardFlag::HazardousChemicals)
        );
        assert_eq!(
            HazardFlag::parse("special-equipment"),
            Ok(HazardFlag::SpecialEquipment)
        );
        assert_eq!(
            HazardFlag::parse("液氨制冷"),
            Ok(HazardFlag::AmmoniaRefrigeration)
        );
        assert_eq!(
            HazardFlag::parse_list("危险化学品、有限空间，特种设备;危化品\n"),
            Ok(vec![
                HazardFlag::HazardousChemicals,
                HazardFlag::SpecialEquipment,
                HazardFlag::ConfinedSpace,
            ])
        );
        assert_eq!(HazardFlag::parse_list("  "), Ok(vec![]));
    }

    #[test]
    fn unknown_values_are_named() {
        let err = HazardFlag::parse(" 放射源 ").unwrap_err();
        assert_eq!(err.value, "放射源");
        assert!(err.message(Lang::Zh).contains("“放射源”"));
        assert!(err.message(Lang::En).contains("\"放射源\""));
        assert!(err.message(Lang::En).contains("Metal smelting"));
        assert_eq!(HazardFlag::parse("").unwrap_err().value, "");
        let err = HazardFlag::parse_list("特种设备、粉尘、有限空间").unwrap_err();
        assert_eq!(err.value, "粉尘");
    }
}

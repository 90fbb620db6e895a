//! Talent tiers as data (seed §4), highest first; the report lists them in this order.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// (code, Chinese, English).
pub static TIERS: &[(&str, &str, &str)] = &[
    ("nobel", "诺贝尔奖获得者", "Nobel laureates"),
    ("academician", "院士", "Academicians"),
    (
        "national",
        "国家级重点人才工程",
        "National key talent programmes",
    ),
    ("taishan", "泰山系列", "Taishan series"),
    (
        "provincial",
        "其他省市级",
        "Other provincial and municipal programmes",
    ),
    ("skilled", "产业技能人才", "Industrial skilled workers"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "academician"))]
pub struct Tier(u8);

impl Tier {
    /// By code or Chinese name.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        TIERS
            .iter()
            .position(|(code, zh, _)| *code == s || *zh == s)
            .and_then(|i| u8::try_from(i).ok())
            .map(Tier)
            .ok_or_else(|| {
                let known: Vec<&str> = TIERS.iter().map(|t| t.1).collect();
                format!(
                    "未知人才层次 \"{s}\"(应为 {}) / unknown talent tier \"{s}\"",
                    known.join("、")
                )
            })
    }

    pub fn all() -> impl Iterator<Item = Tier> {
        (0..TIERS.len()).filter_map(|i| u8::try_from(i).ok().map(Tier))
    }

    fn entry(self) -> &'static (&'static str, &'static str, &'static str) {
        &TIERS[usize::from(self.0).min(TIERS.len() - 1)]
    }

    pub fn code(self) -> &'static str {
        self.entry().0
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        lang.pick(self.entry().1, self.entry().2)
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.entry().1)
    }
}

impl Serialize for Tier {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Tier {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Tier::parse(&s).map_err(serde::de::Error::custom)
    }
}

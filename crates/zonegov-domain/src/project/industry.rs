//! The two industry classifications a project carries: Shandong's 十强 industries
//! (the seed counts "十强" projects) and the zone's five characteristic industries
//! (seed §3). Both are tables of data; a code parses or says what is allowed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// (code, Chinese, English).
type Entry = (&'static str, &'static str, &'static str);

/// 山东省"十强"产业 (public reference: the province's 新旧动能转换 programme).
pub static TEN_STRONG: &[Entry] = &[
    ("T01", "新一代信息技术", "New-generation IT"),
    ("T02", "高端装备", "High-end equipment"),
    ("T03", "新能源新材料", "New energy and new materials"),
    ("T04", "现代海洋", "Modern marine"),
    ("T05", "医养健康", "Health and elderly care"),
    ("T06", "绿色化工", "Green chemicals"),
    ("T07", "现代高效农业", "Modern efficient agriculture"),
    ("T08", "文化创意", "Culture and creativity"),
    ("T09", "精品旅游", "Quality tourism"),
    ("T10", "现代金融服务", "Modern finance"),
];

/// The zone's five characteristic industries (特色优势产业, seed §3).
pub static CHARACTERISTIC: &[Entry] = &[
    (
        "I1",
        "工程机械及智能装备",
        "Construction machinery and smart equipment",
    ),
    ("I2", "汽车及零部件", "Vehicles and parts"),
    ("I3", "医药健康", "Pharmaceuticals and health"),
    ("I4", "新材料新能源", "New materials and new energy"),
    ("I5", "数字经济", "Digital economy"),
];

macro_rules! table_code {
    ($name:ident, $table:ident, $what_zh:literal, $what_en:literal) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
        pub struct $name(u8);

        impl $name {
            /// By code or Chinese name.
            pub fn parse(s: &str) -> Result<Self, String> {
                let s = s.trim();
                $table
                    .iter()
                    .position(|(code, zh, _)| *code == s || *zh == s)
                    .and_then(|i| u8::try_from(i).ok())
                    .map(Self)
                    .ok_or_else(|| {
                        let known: Vec<&str> = $table.iter().map(|e| e.1).collect();
                        format!(
                            concat!(
                                "未知",
                                $what_zh,
                                " \"{}\"(应为 {}) / unknown ",
                                $what_en,
                                " \"{}\""
                            ),
                            s,
                            known.join("、"),
                            s
                        )
                    })
            }

            pub fn all() -> impl Iterator<Item = Self> {
                (0..$table.len()).filter_map(|i| u8::try_from(i).ok().map(Self))
            }

            fn entry(self) -> &'static Entry {
                &$table[usize::from(self.0).min($table.len() - 1)]
            }

            pub fn code(self) -> &'static str {
                self.entry().0
            }

            pub fn label(self, lang: crate::Lang) -> &'static str {
                lang.pick(self.entry().1, self.entry().2)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.entry().1)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

table_code!(TenStrong, TEN_STRONG, "十强产业", "ten-strong industry");
table_code!(
    CharIndustry,
    CHARACTERISTIC,
    "特色产业",
    "characteristic industry"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn industries_parse_by_code_or_name() {
        assert_eq!(CharIndustry::all().count(), 5);
        assert_eq!(TenStrong::all().count(), 10);
        assert_eq!(
            CharIndustry::parse("医药健康").map(CharIndustry::code),
            Ok("I3")
        );
        assert_eq!(
            TenStrong::parse("T02").map(|t| t.to_string()),
            Ok("高端装备".into())
        );
        assert!(CharIndustry::parse("纺织").unwrap_err().contains("纺织"));
    }
}

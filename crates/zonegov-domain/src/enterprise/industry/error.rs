//! Why a value is not an industry code of the table, in both languages.

use super::{IndustryCode, IndustryLevel, TableError};
use crate::lang::Lang;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndustryError {
    Empty,
    /// Not a letter A–T nor 2–4 digits (optionally after a section letter).
    Malformed {
        value: String,
    },
    /// Well-formed but not in GB/T 4754-2017; `nearest` is the closest ancestor the table has
    /// (a class added by the 2019 amendment still finds its group).
    Unknown {
        code: String,
        level: IndustryLevel,
        nearest: Option<IndustryCode>,
    },
    /// A section letter was written before a code of another section (`A3911`).
    SectionMismatch {
        value: String,
        section: IndustryCode,
    },
    /// The embedded table did not parse: a defect of the build, caught by the tests.
    TableBroken(TableError),
}

impl std::error::Error for IndustryError {}

impl IndustryError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Empty, _) => lang
                .pick("行业代码为空", "the industry code is empty")
                .to_owned(),
            (Self::Malformed { value }, Lang::Zh) => format!(
                "“{value}”不是国民经济行业分类代码：门类为一个字母 A–T，大类、中类、小类分别为 2、3、4 位数字"
            ),
            (Self::Malformed { value }, Lang::En) => format!(
                "\"{value}\" is not an industry code of GB/T 4754-2017: a section is one letter A–T, a division, group and class 2, 3 and 4 digits"
            ),
            (
                Self::Unknown {
                    code,
                    level,
                    nearest,
                },
                Lang::Zh,
            ) => {
                let near = nearest.map_or(String::new(), |n| {
                    format!(
                        "；其所属{}“{} {}”存在",
                        n.level().label(lang),
                        n,
                        n.name_zh()
                    )
                });
                format!("GB/T 4754-2017 中没有{}“{code}”{near}", level.label(lang))
            }
            (
                Self::Unknown {
                    code,
                    level,
                    nearest,
                },
                Lang::En,
            ) => {
                let near = nearest.map_or(String::new(), |n| {
                    format!(
                        "; its {} {} ({}) does",
                        n.level().label(lang).to_lowercase(),
                        n,
                        n.name_zh()
                    )
                });
                format!(
                    "GB/T 4754-2017 has no {} \"{code}\"{near}",
                    level.label(lang).to_lowercase()
                )
            }
            (Self::SectionMismatch { value, section }, Lang::Zh) => format!(
                "“{value}”的门类字母不对：该代码属于门类 {section}（{}）",
                section.name_zh()
            ),
            (Self::SectionMismatch { value, section }, Lang::En) => format!(
                "\"{value}\" has the wrong section letter: the code belongs to section {section} ({})",
                section.name_zh()
            ),
            (Self::TableBroken(e), Lang::Zh) => format!("内置行业分类表无法读取：{e}"),
            (Self::TableBroken(e), Lang::En) => {
                format!("the built-in industry table cannot be read: {e}")
            }
        }
    }
}

/// Chinese first, then English.
impl fmt::Display for IndustryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message(Lang::Zh), self.message(Lang::En))
    }
}

//! Item types and step sets are data: 中办发〔2015〕21号 names ten power types plus
//! 公共服务事项, and some localities add more (行政征用), so nothing here is an enum.
//! [`PowerCatalog::standard`] is the default a dataset may replace.

use crate::lang::{Lang, Name};
use serde::{Deserialize, Serialize};

/// One item type: its code (the code rule's prefix), its name, whether it is a power
/// (公共服务事项 is listed beside the powers but is not one), and its step set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PowerType {
    pub code: String,
    pub name: Name,
    pub is_power: bool,
    /// Code of the [`StepSet`] its responsibilities are written against.
    pub steps: String,
}

/// The process steps responsibilities are written against, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepSet {
    pub code: String,
    /// Step names in order, Chinese as published (受理, 审查…).
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PowerCatalog {
    pub types: Vec<PowerType>,
    pub step_sets: Vec<StepSet>,
}

impl Default for PowerCatalog {
    fn default() -> Self {
        Self::standard()
    }
}

fn t(code: &str, zh: &str, en: &str, is_power: bool, steps: &str) -> PowerType {
    PowerType {
        code: code.to_owned(),
        name: Name::new(zh, en),
        is_power,
        steps: steps.to_owned(),
    }
}

fn s(code: &str, steps: &[&str]) -> StepSet {
    StepSet {
        code: code.to_owned(),
        steps: steps.iter().map(|s| (*s).to_owned()).collect(),
    }
}

impl PowerCatalog {
    /// The ten types of 中办发〔2015〕21号 plus 公共服务事项, with the two-letter codes
    /// seen in published lists, and the licensing, penalty and general step sets.
    pub fn standard() -> Self {
        Self {
            types: vec![
                t(
                    "XK",
                    "行政许可",
                    "Administrative licensing",
                    true,
                    "licensing",
                ),
                t("CF", "行政处罚", "Administrative penalty", true, "penalty"),
                t("QZ", "行政强制", "Administrative coercion", true, "penalty"),
                t("ZS", "行政征收", "Administrative levy", true, "general"),
                t("JF", "行政给付", "Administrative payment", true, "general"),
                t(
                    "JC",
                    "行政检查",
                    "Administrative inspection",
                    true,
                    "inspection",
                ),
                t(
                    "QR",
                    "行政确认",
                    "Administrative confirmation",
                    true,
                    "general",
                ),
                t("JL", "行政奖励", "Administrative reward", true, "general"),
                t(
                    "CJ",
                    "行政裁决",
                    "Administrative adjudication",
                    true,
                    "general",
                ),
                t(
                    "QT",
                    "其他行政权力",
                    "Other administrative power",
                    true,
                    "general",
                ),
                t("GF", "公共服务事项", "Public service", false, "general"),
            ],
            step_sets: vec![
                s(
                    "licensing",
                    &["受理", "审查", "决定", "送达", "事后监管", "其他"],
                ),
                s(
                    "penalty",
                    &[
                        "立案",
                        "调查取证",
                        "审理",
                        "告知",
                        "决定",
                        "送达",
                        "执行",
                        "其他",
                    ],
                ),
                s("inspection", &["检查", "处置", "移送", "其他"]),
                s("general", &["受理", "审核", "决定", "实施", "监管", "其他"]),
            ],
        }
    }

    pub fn type_by_code(&self, code: &str) -> Option<&PowerType> {
        self.types.iter().find(|t| t.code == code)
    }

    /// By code (`CF`) or by either name (行政处罚, Administrative penalty), also the
    /// short form localities print (处罚).
    pub fn find_type(&self, text: &str) -> Option<&PowerType> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        self.types.iter().find(|t| {
            t.code.eq_ignore_ascii_case(text)
                || t.name.zh == text
                || t.name.en.eq_ignore_ascii_case(text)
                || t.name.zh.strip_prefix("行政") == Some(text)
        })
    }

    pub fn step_set(&self, code: &str) -> Option<&StepSet> {
        self.step_sets.iter().find(|s| s.code == code)
    }

    /// The steps of type `type_code` (empty when the type is unknown).
    pub fn steps_of(&self, type_code: &str) -> &[String] {
        self.type_by_code(type_code)
            .and_then(|t| self.step_set(&t.steps))
            .map_or(&[], |s| s.steps.as_slice())
    }

    pub fn type_label(&self, code: &str, lang: Lang) -> String {
        self.type_by_code(code)
            .map_or_else(|| code.to_owned(), |t| t.name.get(lang).to_owned())
    }

    /// Problems with the catalog itself: duplicate codes, a type naming an unknown
    /// step set, an empty step set.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, t) in self.types.iter().enumerate() {
            if self.types[..i].iter().any(|o| o.code == t.code) {
                out.push(format!("type code {} appears twice", t.code));
            }
            if t.code.is_empty() || !t.code.chars().all(|c| c.is_ascii_alphanumeric()) {
                out.push(format!(
                    "type code \"{}\" must be letters or digits",
                    t.code
                ));
            }
            if self.step_set(&t.steps).is_none() {
                out.push(format!(
                    "type {} names unknown step set {}",
                    t.code, t.steps
                ));
            }
        }
        for s in &self.step_sets {
            if s.steps.is_empty() {
                out.push(format!("step set {} has no steps", s.code));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_catalog_is_consistent_and_finds_short_names() {
        let c = PowerCatalog::standard();
        assert!(c.problems().is_empty(), "{:?}", c.problems());
        assert_eq!(c.types.iter().filter(|t| t.is_power).count(), 10);
        assert_eq!(c.find_type("处罚").map(|t| t.code.as_str()), Some("CF"));
        assert_eq!(c.find_type("xk").map(|t| t.code.as_str()), Some("XK"));
        assert_eq!(c.find_type("公共服务事项").map(|t| t.is_power), Some(false));
        assert!(c.find_type("行政征用").is_none());
        assert_eq!(c.steps_of("XK")[0], "受理");
    }

    #[test]
    fn a_type_naming_a_missing_step_set_is_a_problem() {
        let mut c = PowerCatalog::standard();
        c.types[0].steps = "nope".into();
        assert_eq!(c.problems().len(), 1);
    }
}

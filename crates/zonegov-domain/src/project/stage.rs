//! The pipeline's stages, as data: their order is the order of this table, so a
//! zone that adds a stage edits one line, not a `match`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One stage: code (stored), Chinese and English labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDef {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// 线索 → 推介 → 在谈 → 签约 → 拟开工 → 开工 → 到资 → 竣工投产.
pub static STAGES: &[StageDef] = &[
    StageDef {
        code: "lead",
        zh: "线索",
        en: "Lead",
    },
    StageDef {
        code: "pitch",
        zh: "推介",
        en: "Pitched",
    },
    StageDef {
        code: "talks",
        zh: "在谈",
        en: "In talks",
    },
    StageDef {
        code: "signed",
        zh: "签约",
        en: "Signed",
    },
    StageDef {
        code: "pre_start",
        zh: "拟开工",
        en: "About to start",
    },
    StageDef {
        code: "started",
        zh: "开工",
        en: "Under construction",
    },
    StageDef {
        code: "funded",
        zh: "到资",
        en: "Funds in place",
    },
    StageDef {
        code: "operating",
        zh: "竣工投产",
        en: "In operation",
    },
];

/// A stage of [`STAGES`], by position: comparing two stages compares their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "signed"))]
pub struct Stage(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "未知阶段 \"{0}\"(应为 线索/推介/在谈/签约/拟开工/开工/到资/竣工投产) / unknown stage \"{0}\""
)]
pub struct StageError(pub String);

impl Stage {
    /// 签约: a project has landed (落地) once signed.
    pub const SIGNED: Stage = Stage(3);

    /// By code or Chinese label.
    pub fn parse(s: &str) -> Result<Self, StageError> {
        let s = s.trim();
        STAGES
            .iter()
            .position(|d| d.code == s || d.zh == s)
            .and_then(|i| u8::try_from(i).ok())
            .map(Stage)
            .ok_or_else(|| StageError(s.to_owned()))
    }

    pub fn all() -> impl Iterator<Item = Stage> {
        (0..STAGES.len()).filter_map(|i| u8::try_from(i).ok().map(Stage))
    }

    pub fn def(self) -> &'static StageDef {
        // Only `parse` and `all` make a stage, both within the table.
        &STAGES[usize::from(self.0).min(STAGES.len() - 1)]
    }

    pub fn code(self) -> &'static str {
        self.def().code
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        lang.pick(self.def().zh, self.def().en)
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.def().zh)
    }
}

impl Serialize for Stage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Stage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Stage::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_parse_by_label_and_code_in_order() {
        let all: Vec<Stage> = Stage::all().collect();
        assert_eq!(all.len(), 8);
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Stage::parse("签约"), Ok(Stage::SIGNED));
        assert_eq!(Stage::parse("signed"), Ok(Stage::SIGNED));
        assert_eq!(Stage::parse("竣工投产").map(Stage::index), Ok(7));
        assert!(
            Stage::parse("已签")
                .unwrap_err()
                .to_string()
                .contains("已签")
        );
    }
}

//! Why a string is not a credit code, in words a clerk can act on, in both languages.

use super::registrar::authority_label;
use crate::lang::Lang;
use std::fmt;

/// Positions are 1-based, as printed on a licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditCodeError {
    /// Not 18 characters (after trimming); `length` counts characters, not bytes.
    WrongLength { length: usize },
    /// A character outside `0–9 A–Z` without I, O, Z, S, V (after upper-casing ASCII).
    ForbiddenChar { ch: char, position: usize },
    /// Positions 1–2 are not a pair of the standard's table.
    UnknownRegistration { authority: char, category: char },
    /// Positions 3–8 are not six digits.
    NonNumericDivision { division: String },
    /// Position 18 does not match the first 17 characters.
    WrongCheck { expected: char, found: char },
    /// Position 17 does not close the GB 11714 organisation code of positions 9–16.
    WrongOrganisationCheck { expected: char, found: char },
}

impl std::error::Error for CreditCodeError {}

/// The half-width form of a full-width ASCII character (U+FF01–U+FF5E), e.g. `９` → `9`.
fn half_width(c: char) -> Option<char> {
    let u = c as u32;
    (0xFF01..=0xFF5E)
        .contains(&u)
        .then(|| char::from_u32(u - 0xFF01 + 0x21))
        .flatten()
}

impl CreditCodeError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::WrongLength { length }, Lang::Zh) => {
                format!("统一社会信用代码应为 18 位，此代码为 {length} 位")
            }
            (Self::WrongLength { length }, Lang::En) => format!(
                "a unified social credit code has 18 characters; this one has {length}"
            ),
            (Self::ForbiddenChar { ch, position }, Lang::Zh) => {
                let hint = match half_width(*ch) {
                    Some(h) => format!("（这是全角字符，应写作半角“{}”）", h.to_ascii_uppercase()),
                    None if "IOZSV".contains(*ch) => "（代码不使用字母 I、O、Z、S、V）".to_owned(),
                    None => String::new(),
                };
                format!(
                    "第 {position} 位的字符“{ch}”不能用于统一社会信用代码，只能用数字和大写字母{hint}"
                )
            }
            (Self::ForbiddenChar { ch, position }, Lang::En) => {
                let hint = match half_width(*ch) {
                    Some(h) => format!(
                        " (it is a full-width character; write the half-width '{}')",
                        h.to_ascii_uppercase()
                    ),
                    None if "IOZSV".contains(*ch) => {
                        " (codes do not use the letters I, O, Z, S, V)".to_owned()
                    }
                    None => String::new(),
                };
                format!(
                    "character '{ch}' at position {position} cannot appear in a unified social credit code, which uses digits and capital letters only{hint}"
                )
            }
            (
                Self::UnknownRegistration {
                    authority,
                    category,
                },
                _,
            ) => match authority_label(*authority, lang) {
                Some(name) => lang
                    .pick(
                        "第 2 位机构类别代码“{c}”不属于第 1 位登记管理部门“{a}”（{name}）",
                        "category code '{c}' (position 2) is not one the registration authority '{a}' ({name}, position 1) uses",
                    )
                    .replace("{c}", &category.to_string())
                    .replace("{a}", &authority.to_string())
                    .replace("{name}", name),
                None => lang
                    .pick(
                        "第 1 位登记管理部门代码“{a}”不存在",
                        "there is no registration authority with code '{a}' (position 1)",
                    )
                    .replace("{a}", &authority.to_string()),
            },
            (Self::NonNumericDivision { division }, Lang::Zh) => format!(
                "第 3–8 位是登记管理机关行政区划码，应为 6 位数字，此代码为“{division}”"
            ),
            (Self::NonNumericDivision { division }, Lang::En) => format!(
                "positions 3–8 are the registering office's division code and must be 6 digits, not \"{division}\""
            ),
            (Self::WrongCheck { expected, found }, Lang::Zh) => format!(
                "第 18 位校验码不符：按前 17 位应为“{expected}”，此代码为“{found}”，可能有字符抄错"
            ),
            (Self::WrongCheck { expected, found }, Lang::En) => format!(
                "check character (position 18) does not match: the first 17 characters give '{expected}', the code has '{found}'; a character may be mistyped"
            ),
            (Self::WrongOrganisationCheck { expected, found }, Lang::Zh) => format!(
                "第 9–17 位的组织机构代码校验码不符（GB 11714）：第 17 位应为“{expected}”，此代码为“{found}”"
            ),
            (Self::WrongOrganisationCheck { expected, found }, Lang::En) => format!(
                "the organisation code in positions 9–17 does not check (GB 11714): position 17 should be '{expected}', the code has '{found}'"
            ),
        }
    }
}

/// Chinese first, then English: the one line suits logs and serde errors alike.
impl fmt::Display for CreditCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message(Lang::Zh), self.message(Lang::En))
    }
}

//! Item codes: type code + main item + sub-item, `XK00012001` (DB52/T 1264-2018's
//! basic code: 2 letters, 5 digits, 3 digits, sub-item 000 meaning none). Lengths
//! differ between localities, so the rule is configuration, not a constant.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodingRule {
    /// Letters of the type code (2 in DB52/T 1264).
    pub type_len: usize,
    pub main_digits: usize,
    /// 0: codes have no sub-item part.
    pub sub_digits: usize,
}

impl Default for CodingRule {
    fn default() -> Self {
        Self {
            type_len: 2,
            main_digits: 5,
            sub_digits: 3,
        }
    }
}

/// A code split by its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeParts {
    pub type_code: String,
    pub main: u64,
    /// `None` for the main item itself (sub-item 000).
    pub sub: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("item code \"{code}\" does not follow the coding rule {rule}: {why}")]
pub struct CodingError {
    pub code: String,
    pub rule: String,
    pub why: String,
}

impl fmt::Display for CodingRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} letters + {} digits + {} digits",
            self.type_len, self.main_digits, self.sub_digits
        )
    }
}

impl CodingRule {
    pub fn len(&self) -> usize {
        self.type_len + self.main_digits + self.sub_digits
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn parse(&self, code: &str) -> Result<CodeParts, CodingError> {
        let fail = |why: String| CodingError {
            code: code.to_owned(),
            rule: self.to_string(),
            why,
        };
        if !code.is_ascii() || code.len() != self.len() {
            return Err(fail(format!(
                "it has {} characters, the rule wants {}",
                code.chars().count(),
                self.len()
            )));
        }
        let (ty, rest) = code.split_at(self.type_len);
        let (main, sub) = rest.split_at(self.main_digits);
        if !ty.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(fail(format!("type code \"{ty}\" must be capital letters")));
        }
        let digits = |s: &str, what: &str| {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                Ok(s.parse::<u64>().unwrap_or(0))
            } else {
                Err(fail(format!("{what} \"{s}\" must be digits")))
            }
        };
        let main = digits(main, "main item")?;
        let sub = if sub.is_empty() {
            0
        } else {
            digits(sub, "sub-item")?
        };
        Ok(CodeParts {
            type_code: ty.to_owned(),
            main,
            sub: (sub != 0).then_some(sub),
        })
    }

    /// The code of `parts`; `None` when a number does not fit its digits.
    pub fn format(&self, parts: &CodeParts) -> Option<String> {
        let sub = parts.sub.unwrap_or(0);
        let fits = |n: u64, d: usize| d >= 20 || n < 10u64.pow(d as u32);
        if parts.type_code.len() != self.type_len
            || !fits(parts.main, self.main_digits)
            || !fits(sub, self.sub_digits)
        {
            return None;
        }
        let sub = if self.sub_digits == 0 {
            String::new()
        } else {
            format!("{:0w$}", sub, w = self.sub_digits)
        };
        Some(format!(
            "{}{:0w$}{}",
            parts.type_code,
            parts.main,
            sub,
            w = self.main_digits
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rule_splits_and_rebuilds_codes() {
        let r = CodingRule::default();
        let p = r.parse("XK00012001").unwrap();
        assert_eq!((p.type_code.as_str(), p.main, p.sub), ("XK", 12, Some(1)));
        assert_eq!(r.format(&p).as_deref(), Some("XK00012001"));
        assert_eq!(r.parse("CF00003000").unwrap().sub, None);
    }

    #[test]
    fn bad_codes_say_why() {
        let r = CodingRule::default();
        assert!(
            r.parse("XK0001200")
                .unwrap_err()
                .why
                .contains("9 characters")
        );
        assert!(r.parse("xk00012001").unwrap_err().why.contains("capital"));
        assert!(r.parse("XK0001A001").unwrap_err().why.contains("main item"));
        assert!(r.parse("许可00012001").is_err());
    }

    #[test]
    fn other_localities_rules_work() {
        let r = CodingRule {
            type_len: 3,
            main_digits: 4,
            sub_digits: 0,
        };
        let p = r.parse("XZC0042").unwrap();
        assert_eq!((p.main, p.sub), (42, None));
        assert_eq!(r.format(&p).as_deref(), Some("XZC0042"));
    }
}

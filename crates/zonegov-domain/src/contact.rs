//! How a body is reached: the phone and address published for it. Kept on the body's
//! record (effective-dated, since offices move), and given with every 谁来管 answer.

use crate::boundary::PartyLevel;
use crate::code::Code;
use crate::history::ZoneHistory;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A published phone number: digits with the separators lists use (`0537-2345678`,
/// `12345`, `+86 537 …`). Anything else is refused, so a phone cell cannot carry
/// text or markup.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "0537-2345678"))]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "电话“{0}”须为 3 至 20 位数字，可含 - 、空格、括号和开头的 + / phone \"{0}\" must be 3 to 20 digits, with -, spaces, brackets and a leading + allowed"
)]
pub struct PhoneError(pub String);

impl Phone {
    pub fn parse(s: &str) -> Result<Self, PhoneError> {
        let t = s.trim();
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let allowed = t.char_indices().all(|(i, c)| {
            c.is_ascii_digit()
                || matches!(c, '-' | ' ' | '(' | ')' | '（' | '）')
                || (c == '+' && i == 0)
        });
        if !allowed || !(3..=20).contains(&digits) {
            return Err(PhoneError(s.to_owned()));
        }
        Ok(Phone(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Phone::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> Self {
        p.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// A power item's supervision phone (监督电话), given beside its body's contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervision_phone: Option<String>,
}

impl Contact {
    /// `None` when both cells are empty.
    pub fn of(phone: Option<Phone>, address: Option<String>) -> Option<Self> {
        let address = address
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty());
        (phone.is_some() || address.is_some()).then_some(Contact {
            phone,
            address,
            supervision_phone: None,
        })
    }
}

/// The contact a body at `level` publishes on `day`.
pub fn contact_of(
    h: &ZoneHistory,
    level: PartyLevel,
    code: &Code,
    day: NaiveDate,
) -> Option<Contact> {
    match level {
        PartyLevel::Zone => h.institutions().as_of(code, day)?.attrs.contact.clone(),
        PartyLevel::MunicipalDepartment | PartyLevel::County | PartyLevel::Street => {
            h.counterparts().as_of(code, day)?.attrs.contact.clone()
        }
        PartyLevel::Park => h.parks().as_of(code, day)?.attrs.contact.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_parse_or_say_why() {
        for ok in ["0537-2345678", "12345", "+86 537 2345678", "(0537)2345678"] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "12", "call 12345", "0537-2345678<script>", "86+537"] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
    }
}

//! 统一社会信用代码 (GB 32100-2015): the 18-character identity of an enterprise or other
//! organisation. A `CreditCode` value has passed every check below, so code that holds one
//! never re-validates it.
//!
//! Layout: 1 registration authority, 2 organisation category (a pair of the standard's table),
//! 3–8 the registering office's division code (6 digits), 9–17 the organisation code
//! (GB 11714: body 9–16, its check character 17), 18 the code's check character.
//!
//! The GB 11714 check of position 17 is enforced: all 137 real codes sampled from a public
//! validator's test list (enterprises, individual businesses 92…, a public institution 12…,
//! bodies with letters such as `MA…` and `L…`) satisfy it. Published reports name real codes
//! from the Xiamen pre-2016 pilot (e.g. `91350203M0001QKT19`) that fail the position-18 check
//! yet are in use; they are refused here, with `WrongCheck`, which an importer can tell apart.

mod check;
mod error;
mod registrar;

pub use check::{ALPHABET, check_char, organisation_check_char};
pub use error::CreditCodeError;
pub use registrar::{REGISTRATIONS, Registration};

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "91370871MA3C7K2D55"))]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

impl CreditCode {
    /// Trims, upper-cases ASCII letters, then checks in the order a reader would: length,
    /// characters, authority/category, division code, check character, organisation code.
    pub fn parse(s: &str) -> Result<Self, CreditCodeError> {
        let code = s.trim().to_ascii_uppercase();
        let chars: Vec<char> = code.chars().collect();
        let Ok(chars) = <[char; 18]>::try_from(chars) else {
            return Err(CreditCodeError::WrongLength {
                length: code.chars().count(),
            });
        };
        let mut values = [0u32; 17];
        for (i, &ch) in chars.iter().enumerate() {
            match check::value_of(ch) {
                Some(v) if i < 17 => values[i] = v,
                Some(_) => {}
                None => {
                    return Err(CreditCodeError::ForbiddenChar {
                        ch,
                        position: i + 1,
                    });
                }
            }
        }
        let (authority, category) = (chars[0], chars[1]);
        if registrar::registration(authority, category).is_none() {
            return Err(CreditCodeError::UnknownRegistration {
                authority,
                category,
            });
        }
        if !chars[2..8].iter().all(char::is_ascii_digit) {
            return Err(CreditCodeError::NonNumericDivision {
                division: chars[2..8].iter().collect(),
            });
        }
        let (expected, found) = (check::check_of(&values), chars[17]);
        if expected != found {
            return Err(CreditCodeError::WrongCheck { expected, found });
        }
        let mut body = ['0'; 8];
        body.copy_from_slice(&chars[8..16]);
        let (expected, found) = (check::organisation_check_of(&body), chars[16]);
        if expected != found {
            return Err(CreditCodeError::WrongOrganisationCheck { expected, found });
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Positions 1–2, with their labels.
    pub fn registration(&self) -> Option<&'static Registration> {
        let mut c = self.0.chars();
        registrar::registration(c.next()?, c.next()?)
    }

    /// Positions 3–8: the registering office's administrative division code.
    pub fn division(&self) -> &str {
        &self.0[2..8]
    }

    /// Positions 9–17: the GB 11714 organisation code, check character included.
    pub fn organisation_code(&self) -> &str {
        &self.0[8..17]
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CreditCode::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> Self {
        c.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for CreditCode {
    type Err = CreditCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CreditCode::parse(s)
    }
}

#[cfg(test)]
mod tests;

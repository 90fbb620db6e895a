//! Industry codes of GB/T 4754-2017 (国民经济行业分类): 门类 (a letter A–T), 大类 (2 digits),
//! 中类 (3 digits), 小类 (4 digits). An `IndustryCode` exists only for a code of the
//! embedded table, so its name and ancestry are always at hand.

mod error;
mod rules;
mod table;

pub use error::IndustryError;
pub use rules::{RuleIndex, RuleMatch};
pub use table::{IndustryLevel, IndustryTable, TableError};

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use table::{Entry, TABLE};

/// A code of the table. Cheap to copy: the table and a row index.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "3911"))]
#[serde(try_from = "String", into = "String")]
pub struct IndustryCode(Row);

/// A tuple struct around this, so the OpenAPI schema can say "a string".
#[derive(Clone, Copy)]
struct Row {
    table: &'static IndustryTable,
    index: u16,
}

/// The embedded table, or why it could not be read (a build defect the tests catch).
pub fn table() -> Result<&'static IndustryTable, IndustryError> {
    TABLE
        .as_ref()
        .map_err(|e| IndustryError::TableBroken(e.clone()))
}

impl IndustryCode {
    /// Accepts the code as the table writes it (`C`, `39`, `391`, `3911`), any of the digit
    /// forms prefixed by its section letter as registers often write them (`C3911`), and a
    /// lower-case letter. Refuses a code the table does not have, naming the nearest ancestor
    /// it does have.
    pub fn parse(s: &str) -> Result<Self, IndustryError> {
        let table = table()?;
        let raw = s.trim();
        if raw.is_empty() {
            return Err(IndustryError::Empty);
        }
        let upper = raw.to_ascii_uppercase();
        let (letter, digits) = match upper.as_bytes()[0] {
            b'A'..=b'Z' if upper.len() > 1 => (Some(&upper[..1]), &upper[1..]),
            _ => (None, upper.as_str()),
        };
        // After a section letter only digits may follow (`CC` is no code).
        let level = IndustryLevel::ALL
            .into_iter()
            .filter(|l| letter.is_none() || *l != IndustryLevel::Section)
            .find(|l| l.fits(digits))
            .ok_or_else(|| IndustryError::Malformed {
                value: raw.to_owned(),
            })?;
        let Some(&index) = table.by_code.get(digits) else {
            // Shorter prefixes of a digit code are its would-be group and division.
            let nearest = (2..digits.len())
                .rev()
                .find_map(|n| table.by_code.get(&digits[..n]))
                .map(|&index| Self(Row { table, index }));
            return Err(IndustryError::Unknown {
                code: digits.to_owned(),
                level,
                nearest,
            });
        };
        let code = Self(Row { table, index });
        if let Some(letter) = letter {
            let section = code.section();
            if section.as_str() != letter {
                return Err(IndustryError::SectionMismatch {
                    value: raw.to_owned(),
                    section,
                });
            }
        }
        Ok(code)
    }

    /// Every code of the table, in the table's order (each code after its parent).
    pub fn all() -> Result<impl Iterator<Item = IndustryCode>, IndustryError> {
        let table = table()?;
        Ok((0..table.entries.len()).filter_map(move |i| {
            u16::try_from(i)
                .ok()
                .map(|index| Self(Row { table, index }))
        }))
    }

    fn entry(&self) -> &'static Entry {
        // `index` came from this table's own map, so it is in range.
        &self.0.table.entries[usize::from(self.0.index)]
    }

    /// The code as the table writes it, without a section prefix for digit codes.
    pub fn as_str(&self) -> &'static str {
        self.entry().code
    }

    /// The table has Chinese names only.
    pub fn name_zh(&self) -> &'static str {
        self.entry().name_zh
    }

    pub fn level(&self) -> IndustryLevel {
        self.entry().level
    }

    pub fn parent(&self) -> Option<IndustryCode> {
        self.entry().parent.map(|index| {
            Self(Row {
                table: self.0.table,
                index,
            })
        })
    }

    /// This code, then its parent, up to its section: 小类 → 中类 → 大类 → 门类.
    pub fn chain(&self) -> impl Iterator<Item = IndustryCode> + use<> {
        std::iter::successors(Some(*self), IndustryCode::parent)
    }

    /// The 门类 this code belongs to (itself for a section).
    pub fn section(&self) -> IndustryCode {
        self.chain().last().unwrap_or(*self)
    }

    /// Whether this code is `ancestor` or lies beneath it: a rule keyed by `ancestor`
    /// applies to this code.
    pub fn falls_under(&self, ancestor: IndustryCode) -> bool {
        self.chain().any(|c| c == ancestor)
    }

    /// `C3911` for a digit code, `C` for a section: the form registers print.
    pub fn with_section(&self) -> String {
        match self.level() {
            IndustryLevel::Section => self.as_str().to_owned(),
            _ => format!("{}{}", self.section().as_str(), self.as_str()),
        }
    }
}

impl PartialEq for IndustryCode {
    fn eq(&self, other: &Self) -> bool {
        self.0.index == other.0.index
    }
}

impl Eq for IndustryCode {}

impl Hash for IndustryCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.index.hash(state);
    }
}

/// The table's order: a section, then its divisions, each followed by its groups and classes.
impl Ord for IndustryCode {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.index.cmp(&other.0.index)
    }
}

impl PartialOrd for IndustryCode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for IndustryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IndustryCode({})", self.as_str())
    }
}

impl fmt::Display for IndustryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for IndustryCode {
    type Error = IndustryError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        IndustryCode::parse(&s)
    }
}

impl From<IndustryCode> for String {
    fn from(c: IndustryCode) -> Self {
        c.as_str().to_owned()
    }
}

impl std::str::FromStr for IndustryCode {
    type Err = IndustryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IndustryCode::parse(s)
    }
}

#[cfg(test)]
mod tests;

//! Where a datum comes from. The demo zone reproduces a news article; anything the
//! article does not state must say so in the data itself.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Every field of the record is stated by the cited source.
    Fact,
    /// At least one field was made up for the demo (a date, a name, a figure).
    #[default]
    Illustrative,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("source \"{0}\" must be \"fact\" or \"illustrative\"")]
pub struct SourceError(pub String);

impl Source {
    pub fn parse(s: &str) -> Result<Self, SourceError> {
        match s.trim() {
            "fact" => Ok(Source::Fact),
            "illustrative" | "" => Ok(Source::Illustrative),
            other => Err(SourceError(other.to_owned())),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Fact => "fact",
            Source::Illustrative => "illustrative",
        })
    }
}

/// The provenance of one record: whether it is fact and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provenance {
    pub source: Source,
    /// Free text: which statement of the source it rests on, or what was invented.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
}

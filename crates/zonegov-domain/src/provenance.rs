//! Where a datum comes from. The demo zone reproduces a news article; anything the
//! article does not state must say so in the data itself, field by field.
//!
//! A record's [`Provenance`] has a `source` for the row and a list of `facts`: the
//! fields the article states.
//!
//! - `fact`: every field is stated. `facts` may be left empty (it is then inferred:
//!   all fields) or list every field; a partial list is refused, because such a row
//!   is `illustrative`.
//! - `reference`: public reference data outside the article (the statistical division
//!   code of the zone, from 统计用区划代码). `basis` must name the publication; the
//!   fields not in `facts` come from it.
//! - `illustrative`: the fields listed in `facts` are stated; every other field was
//!   made up for the demo (a date, a name, a quota).
//!
//! Field names are the table's column names, except identifiers (`code`, `id`),
//! translations (`name_en`, `plates_en`, `reason_en`: a translation shares the
//! provenance of its Chinese column) and the provenance columns themselves. Versioned
//! rows add two claims that are not columns, because the article states counts rather
//! than bodies: `existence` (the row stands for one of the parks or bodies the article
//! counts in that period, e.g. one of the 37 internal institutions before the 2020
//! reform, without stating its exact dates) and, for institutions, `internal` (whether
//! it counts as an internal institution, 内设机构, is stated).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Every field of the record is stated by the cited source.
    Fact,
    /// Public reference data outside the article, named in `basis` (e.g. the
    /// statistical division codes, 统计用区划代码); fields in `facts` are also stated
    /// by the article. Nothing in the record is made up.
    Reference,
    /// At least one field was made up for the demo (a date, a name, a figure); the
    /// fields in `facts` are stated by the article.
    #[default]
    Illustrative,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("source \"{0}\" must be \"fact\", \"reference\" or \"illustrative\"")]
pub struct SourceError(pub String);

impl Source {
    pub fn parse(s: &str) -> Result<Self, SourceError> {
        match s.trim() {
            "fact" => Ok(Source::Fact),
            "reference" => Ok(Source::Reference),
            "illustrative" | "" => Ok(Source::Illustrative),
            other => Err(SourceError(other.to_owned())),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Fact => "fact",
            Source::Reference => "reference",
            Source::Illustrative => "illustrative",
        })
    }
}

/// The provenance of one record: whether it is fact, which of its fields the source
/// states, and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provenance {
    pub source: Source,
    /// Free text: which statement of the source it rests on, or what was invented.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
    /// The fields the article states (see the module documentation for the names).
    /// Empty on a `fact` row means every field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
}

/// The claimable fields of the core tables (see the module documentation); each
/// record kind's table lists its own (`zonegov_io::dataset::<kind>::FACT_FIELDS`).
pub mod fields {
    pub const ZONE: &[&str] = &["division", "name_zh", "level"];
    pub const CATEGORY: &[&str] = &["name_zh", "internal", "sort"];
    pub const CHANGE: &[&str] = &["effective", "doc_no", "reason_zh"];
    pub const LINEAGE: &[&str] = &[
        "kind",
        "predecessor",
        "successor",
        "relation",
        "date",
        "change",
    ];
}

/// Separator between field names in a `facts` cell.
pub const FACTS_SEPARATOR: char = ';';

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProvenanceError {
    #[error("\"{field}\" is not a field of this record; expected some of: {allowed}")]
    UnknownField { field: String, allowed: String },
    #[error("\"{0}\" is listed twice")]
    Duplicate(String),
    #[error(
        "a \"fact\" row states every field: leave facts empty or list all of {0}; otherwise mark the row \"illustrative\""
    )]
    PartialFact(String),
    #[error("a \"reference\" row must name the reference data in basis")]
    ReferenceWithoutBasis,
}

impl ProvenanceError {
    /// The offending value, for error messages that quote it.
    pub fn value(&self) -> Option<&str> {
        match self {
            ProvenanceError::UnknownField { field, .. } | ProvenanceError::Duplicate(field) => {
                Some(field)
            }
            _ => None,
        }
    }
}

impl Provenance {
    /// Builds a provenance from its three cells, checking `facts` against the
    /// record's claimable fields.
    pub fn parse(
        source: Source,
        basis: &str,
        facts: &str,
        allowed: &[&str],
    ) -> Result<Self, ProvenanceError> {
        let mut list: Vec<String> = Vec::new();
        for f in facts
            .split(FACTS_SEPARATOR)
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            if !allowed.contains(&f) {
                return Err(ProvenanceError::UnknownField {
                    field: f.to_owned(),
                    allowed: allowed.join(", "),
                });
            }
            if list.iter().any(|x| x == f) {
                return Err(ProvenanceError::Duplicate(f.to_owned()));
            }
            list.push(f.to_owned());
        }
        if source == Source::Fact && !list.is_empty() && list.len() != allowed.len() {
            return Err(ProvenanceError::PartialFact(allowed.join(", ")));
        }
        if source == Source::Reference && basis.trim().is_empty() {
            return Err(ProvenanceError::ReferenceWithoutBasis);
        }
        Ok(Self {
            source,
            basis: basis.trim().to_owned(),
            facts: list,
        })
    }

    /// Whether the article states `field` of this record.
    pub fn states(&self, field: &str) -> bool {
        self.source == Source::Fact || self.facts.iter().any(|f| f == field)
    }

    /// Whether `field` was made up for the demo: neither stated by the article nor
    /// taken from reference data.
    pub fn is_illustrative(&self, field: &str) -> bool {
        match self.source {
            Source::Fact | Source::Reference => false,
            Source::Illustrative => !self.states(field),
        }
    }

    /// The `facts` cell as written in a dataset.
    pub fn facts_cell(&self) -> String {
        let sep = FACTS_SEPARATOR.to_string();
        self.facts.join(&sep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: &[&str] = &["name_zh", "kind"];

    #[test]
    fn facts_name_known_fields_only() {
        let p = Provenance::parse(Source::Illustrative, "b", " name_zh ; ", F).unwrap();
        assert_eq!(p.facts, ["name_zh"]);
        assert!(p.states("name_zh") && !p.states("kind"));
        assert!(p.is_illustrative("kind") && !p.is_illustrative("name_zh"));
        assert_eq!(
            Provenance::parse(Source::Illustrative, "", "name_zh;nmae", F)
                .unwrap_err()
                .value(),
            Some("nmae")
        );
        assert!(matches!(
            Provenance::parse(Source::Illustrative, "", "kind;kind", F),
            Err(ProvenanceError::Duplicate(_))
        ));
    }

    #[test]
    fn fact_rows_state_everything_and_reference_rows_name_their_source() {
        let all = Provenance::parse(Source::Fact, "", "", F).unwrap();
        assert!(all.states("kind") && !all.is_illustrative("kind"));
        assert!(Provenance::parse(Source::Fact, "", "kind;name_zh", F).is_ok());
        assert!(matches!(
            Provenance::parse(Source::Fact, "", "kind", F),
            Err(ProvenanceError::PartialFact(_))
        ));
        assert_eq!(
            Provenance::parse(Source::Reference, " ", "", F),
            Err(ProvenanceError::ReferenceWithoutBasis)
        );
        let r = Provenance::parse(Source::Reference, "统计用区划代码", "name_zh", F).unwrap();
        assert!(!r.is_illustrative("kind") && !r.states("kind") && r.states("name_zh"));
        assert_eq!(Source::parse("reference"), Ok(Source::Reference));
        assert_eq!(Source::Reference.to_string(), "reference");
    }
}

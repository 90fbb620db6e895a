//! `manifest.toml`: what the dataset is, the zone it describes and its files.

use crate::error::DatasetError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use zonegov_domain::provenance::{ProvenanceError, fields};
use zonegov_domain::{Provenance, Source};

pub const MANIFEST: &str = "manifest.toml";
pub const FORMAT: &str = "zonegov-dataset/1";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub zone: ZoneEntry,
    pub files: Files,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneEntry {
    pub division: String,
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    pub level: String,
    pub source: String,
    #[serde(default)]
    pub basis: String,
    /// The zone's fields the article states, separated by `;` (see
    /// `zonegov_domain::provenance`).
    #[serde(default)]
    pub facts: Option<toml::Spanned<String>>,
}

impl ZoneEntry {
    /// The `facts` value, empty when absent.
    pub fn facts(&self) -> &str {
        self.facts
            .as_ref()
            .map(|f| f.get_ref().as_str())
            .unwrap_or_default()
    }
}

/// The dataset's files: the three core tables, and one table per record kind it
/// holds, keyed by the kind's plural (`parks = "parks.csv"`). Record tables are
/// optional; an unknown key is an error, so a misspelt one is not silently skipped.
#[derive(Debug, Clone, Deserialize)]
pub struct Files {
    pub categories: String,
    pub changes: String,
    pub lineage: String,
    #[serde(flatten)]
    pub records: BTreeMap<String, String>,
}

impl Files {
    fn all(&self) -> impl Iterator<Item = &String> {
        [&self.categories, &self.changes, &self.lineage]
            .into_iter()
            .chain(self.records.values())
    }
}

/// The zone's provenance as the manifest gives it.
pub fn zone_provenance(z: &ZoneEntry) -> Result<Provenance, ProvenanceError> {
    // A bad `source` is reported by the caller with its own field name.
    let source = Source::parse(&z.source).unwrap_or_default();
    Provenance::parse(source, &z.basis, z.facts(), fields::ZONE)
}

pub fn read_manifest(dir: &Path) -> Result<Manifest, DatasetError> {
    let text = std::fs::read_to_string(dir.join(MANIFEST))
        .map_err(|e| DatasetError::file(MANIFEST, format!("cannot read: {e}")))?;
    let line_of = |start: usize| {
        text.get(..start)
            .map(|t| t.matches('\n').count() as u64 + 1)
    };
    let manifest: Manifest = toml::from_str(&text).map_err(|e| {
        let line = e.span().and_then(|s| line_of(s.start));
        DatasetError {
            file: MANIFEST.to_owned(),
            line,
            field: None,
            value: None,
            message: e.message().to_owned(),
        }
    })?;
    if let Err(e) = zone_provenance(&manifest.zone) {
        let facts = manifest.zone.facts.as_ref();
        return Err(DatasetError {
            file: MANIFEST.to_owned(),
            line: facts.and_then(|f| line_of(f.span().start)),
            field: Some(match e {
                ProvenanceError::ReferenceWithoutBasis => "zone.basis".into(),
                _ => "zone.facts".into(),
            }),
            value: Some(e.value().unwrap_or(manifest.zone.facts()).to_owned()),
            message: e.to_string(),
        });
    }
    if manifest.format != FORMAT {
        return Err(DatasetError {
            file: MANIFEST.to_owned(),
            line: None,
            field: Some("format".into()),
            value: Some(manifest.format.clone()),
            message: format!("unsupported format; this version reads \"{FORMAT}\""),
        });
    }
    for key in manifest.files.records.keys() {
        if super::tables::by_name(key).is_none()
            && key != super::power_item::KEY
            && key != super::boundary_item::KEY
        {
            let known: Vec<&str> = super::tables::TABLES
                .iter()
                .filter_map(|t| zonegov_domain::kinds::spec(t.kind).map(|s| s.plural))
                .chain([super::power_item::KEY, super::boundary_item::KEY])
                .collect();
            return Err(DatasetError {
                file: MANIFEST.to_owned(),
                line: None,
                field: Some(format!("files.{key}")),
                value: Some(key.clone()),
                message: format!(
                    "unknown table; the tables are categories, changes, lineage, {}",
                    known.join(", ")
                ),
            });
        }
    }
    for name in manifest.files.all() {
        // Files must stay inside the dataset directory.
        if name.contains("..") || name.starts_with('/') || name.contains('\\') {
            return Err(DatasetError {
                file: MANIFEST.to_owned(),
                line: None,
                field: Some("files".into()),
                value: Some(name.clone()),
                message: "file names must be relative paths inside the dataset directory".into(),
            });
        }
    }
    Ok(manifest)
}

//! `manifest.toml`: what the dataset is, the zone it describes and its files.

use crate::error::DatasetError;
use serde::Deserialize;
use std::path::Path;

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
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Files {
    pub categories: String,
    pub changes: String,
    pub institutions: String,
    pub parks: String,
    pub lineage: String,
}

pub fn read_manifest(dir: &Path) -> Result<Manifest, DatasetError> {
    let text = std::fs::read_to_string(dir.join(MANIFEST))
        .map_err(|e| DatasetError::file(MANIFEST, format!("cannot read: {e}")))?;
    let manifest: Manifest = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start].matches('\n').count() as u64 + 1);
        DatasetError {
            file: MANIFEST.to_owned(),
            line,
            field: None,
            value: None,
            message: e.message().to_owned(),
        }
    })?;
    if manifest.format != FORMAT {
        return Err(DatasetError {
            file: MANIFEST.to_owned(),
            line: None,
            field: Some("format".into()),
            value: Some(manifest.format.clone()),
            message: format!("unsupported format; this version reads \"{FORMAT}\""),
        });
    }
    for name in [
        &manifest.files.categories,
        &manifest.files.changes,
        &manifest.files.institutions,
        &manifest.files.parks,
        &manifest.files.lineage,
    ] {
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

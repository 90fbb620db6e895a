//! Encoding domain records into the shared row shapes, and decoding them back.

use crate::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use zonegov_domain::{Code, NaiveDate, Period, Version};

pub fn code(s: String) -> Result<Code, StoreError> {
    Code::parse(&s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub fn version<T: DeserializeOwned>(
    code_text: String,
    from: NaiveDate,
    to: Option<NaiveDate>,
    change: String,
    attrs: serde_json::Value,
) -> Result<Version<T>, StoreError> {
    let period =
        Period::new(from, to).map_err(|e| StoreError::Corrupt(format!("{code_text}: {e}")))?;
    let attrs = serde_json::from_value(attrs)
        .map_err(|e| StoreError::Corrupt(format!("{code_text}: attrs: {e}")))?;
    Ok(Version {
        code: code(code_text)?,
        period,
        change: code(change)?,
        attrs,
    })
}

pub fn to_json<T: Serialize>(v: &T) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(v).map_err(|e| StoreError::Corrupt(format!("cannot encode: {e}")))
}

/// A provenance from its three stored columns (`facts` joined by `;`).
pub fn provenance(
    source: &str,
    basis: String,
    facts: &str,
) -> Result<zonegov_domain::Provenance, StoreError> {
    Ok(zonegov_domain::Provenance {
        source: zonegov_domain::Source::parse(source)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        basis,
        facts: facts
            .split(zonegov_domain::provenance::FACTS_SEPARATOR)
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

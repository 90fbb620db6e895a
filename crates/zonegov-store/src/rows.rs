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

//! Encoding domain records into the shared row shapes, and decoding them back.

use crate::StoreError;
use serde::Serialize;
use zonegov_domain::record::StoredVersion;
use zonegov_domain::{Code, NaiveDate, Period, Provenance, Source};

pub fn code(s: String) -> Result<Code, StoreError> {
    Code::parse(&s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub fn stored(
    code_text: String,
    from: NaiveDate,
    to: Option<NaiveDate>,
    change: String,
    name_zh: String,
    attrs: serde_json::Value,
) -> Result<StoredVersion, StoreError> {
    let period =
        Period::new(from, to).map_err(|e| StoreError::Corrupt(format!("{code_text}: {e}")))?;
    Ok(StoredVersion {
        code: code(code_text)?,
        period,
        change: code(change)?,
        name_zh,
        owner: None,
        facet: None,
        weight: 0,
        attrs,
    })
}

/// A version as one JSON object (code, period, change set and attributes), the
/// shape of a change item's `before` and `after`.
pub fn whole(v: &StoredVersion) -> serde_json::Value {
    let mut out = serde_json::json!({
        "code": v.code.as_str(),
        "valid_from": v.period.from(),
        "valid_to": v.period.to(),
        "change": v.change.as_str(),
    });
    if let (Some(o), Some(attrs)) = (out.as_object_mut(), v.attrs.as_object()) {
        o.extend(attrs.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    out
}

pub fn whole_from_row<R: sqlx::Row>(row: &R) -> Result<serde_json::Value, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    String: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    NaiveDate: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<NaiveDate>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    sqlx::types::Json<serde_json::Value>:
        for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let attrs: sqlx::types::Json<serde_json::Value> = row.try_get("attrs")?;
    let v = stored(
        row.try_get("code")?,
        row.try_get("valid_from")?,
        row.try_get("valid_to")?,
        row.try_get("change_id")?,
        String::new(),
        attrs.0,
    )?;
    Ok(whole(&v))
}

/// A provenance from its three stored columns (`facts` joined by `;`).
pub fn provenance(source: String, basis: String, facts: String) -> Result<Provenance, StoreError> {
    Ok(Provenance {
        source: Source::parse(&source).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        basis,
        facts: facts
            .split(zonegov_domain::provenance::FACTS_SEPARATOR)
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

pub fn to_json<T: Serialize>(v: &T) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(v).map_err(|e| StoreError::Corrupt(format!("cannot encode: {e}")))
}

/// `text` as a literal inside a LIKE pattern whose escape character is `!`.
pub fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '!') {
            out.push('!');
        }
        out.push(c);
    }
    out
}

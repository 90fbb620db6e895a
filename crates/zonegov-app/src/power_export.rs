//! Exporting the power list as of a day, in the published xlsx layout or the
//! canonical CSV: read from the store page by page (keyset, ordered by code) and
//! handed to the streaming writers, so the list is never held whole. Every export is
//! recorded in the audit trail first, like every other download.

use crate::audit::Recorder;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;
use zonegov_domain::Code;
use zonegov_domain::auth::Visible;
use zonegov_domain::power::PowerItem;
use zonegov_io::power_list::{CsvListWriter, XlsxListWriter};
use zonegov_store::{Store, StoreError, page_as_of};

/// Items per page read from the store.
const PAGE: u32 = 1000;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("xlsx: {0}")]
    Xlsx(#[from] zonegov_io::power_list::XlsxError),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
}

/// Who exports, for the trail.
pub struct Exporter<'a> {
    pub actor: &'a str,
    pub ip: &'a str,
}

/// Calls `each` for every item valid on `day` that `visible` allows, page by page.
async fn for_each_page(
    store: &dyn Store,
    day: NaiveDate,
    visible: &Visible,
    mut each: impl FnMut(&zonegov_domain::Version<PowerItem>) -> Result<(), ExportError>,
) -> Result<usize, ExportError> {
    let mut after: Option<Code> = None;
    let mut n = 0;
    loop {
        let page =
            page_as_of::<PowerItem>(store.records(), day, visible, after.as_ref(), PAGE, None)
                .await?;
        for v in &page {
            each(v)?;
        }
        n += page.len();
        match page.last() {
            Some(last) if page.len() == PAGE as usize => after = Some(last.code.clone()),
            _ => return Ok(n),
        }
    }
}

/// Records an export in the audit trail (the web streams pages itself).
pub async fn audit(store: &dyn Store, who: &Exporter<'_>, format: &str, day: NaiveDate) {
    Recorder::new(store, who.actor, who.ip)
        .ok(
            "export.power-items",
            "power-items",
            serde_json::json!({ "format": format, "as_of": day }),
        )
        .await;
}

/// The list as of `day` to an xlsx file at `path`; returns the number of items.
pub async fn to_xlsx(
    store: &dyn Store,
    who: &Exporter<'_>,
    day: NaiveDate,
    visible: &Visible,
    path: &Path,
) -> Result<usize, ExportError> {
    audit(store, who, "xlsx", day).await;
    let title = format!("权力清单和责任清单（{day}）");
    let mut w = XlsxListWriter::create(path, &title)?;
    let n = for_each_page(store, day, visible, |v| Ok(w.write(v)?)).await?;
    w.finish()?;
    Ok(n)
}

/// The list as of `day` as canonical CSV into `sink`; returns the number of items.
pub async fn to_csv<W: Write>(
    store: &dyn Store,
    who: &Exporter<'_>,
    day: NaiveDate,
    visible: &Visible,
    sink: W,
) -> Result<(usize, W), ExportError> {
    audit(store, who, "csv", day).await;
    let mut w = CsvListWriter::new(sink)?;
    let n = for_each_page(store, day, visible, |v| Ok(w.write(v)?)).await?;
    Ok((n, w.finish()?))
}

/// The import template: the canonical header and one example row, as xlsx.
pub fn template(path: &Path) -> Result<(), ExportError> {
    let mut w = XlsxListWriter::create(path, "权力清单和责任清单（模板）/ template")?;
    let example = zonegov_domain::Version {
        code: code("XK00001000")?,
        period: zonegov_domain::Period::new(
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
            None,
        )
        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        change: code("EXAMPLE")?,
        attrs: PowerItem {
            name: zonegov_domain::Name::new("建设工程规划许可", ""),
            sub_item: None,
            item_type: "XK".into(),
            body: code("N10")?,
            handling_unit: Some("规划科".into()),
            level: Some("区级".into()),
            basis: zonegov_domain::power::citation::parse_citations(
                "《中华人民共和国城乡规划法》第四十条",
                zonegov_domain::power::BasisRole::Implementing,
            ),
            responsibilities: vec![zonegov_domain::power::Responsibility {
                step: "受理".into(),
                duty: "依法受理或不予受理申请".into(),
                basis: Vec::new(),
            }],
            accountability: vec![zonegov_domain::power::Accountability {
                situation: "违法准予许可的".into(),
                basis: Vec::new(),
            }],
            supervision_phone: None,
            remarks: None,
            provenance: Default::default(),
        },
    };
    w.write(&example)?;
    w.finish()?;
    Ok(())
}

fn code(s: &str) -> Result<Code, ExportError> {
    Code::parse(s).map_err(|e| StoreError::Corrupt(e.to_string()).into())
}

/// One page of the canonical CSV for a response streamed in pieces: the BOM and
/// header when `after` is `None`, then up to a page of items after `after`. Returns
/// the bytes and the cursor of the next page (`None`: this was the last).
pub async fn csv_page(
    store: &dyn Store,
    day: NaiveDate,
    visible: &Visible,
    after: Option<&Code>,
) -> Result<(Vec<u8>, Option<Code>), ExportError> {
    let page = page_as_of::<PowerItem>(store.records(), day, visible, after, PAGE, None).await?;
    let mut w = if after.is_none() {
        CsvListWriter::new(Vec::new())?
    } else {
        CsvListWriter::continuation(Vec::new())
    };
    for v in &page {
        w.write(v)?;
    }
    let next = (page.len() == PAGE as usize)
        .then(|| page.last().map(|v| v.code.clone()))
        .flatten();
    Ok((w.finish()?, next))
}

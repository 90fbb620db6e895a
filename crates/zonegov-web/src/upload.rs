//! File uploads: a multipart body already buffered (and bounded) by the CSRF layer
//! (`auth::csrf::MAX_UPLOAD_BYTES`), read field by field.

use axum::body::Bytes;
use axum::http::{HeaderMap, header};

/// The multipart reader of `bytes`, or `None` when the request is not multipart.
pub fn parse(headers: &HeaderMap, bytes: Bytes) -> Option<multer::Multipart<'static>> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(bytes) });
    Some(multer::Multipart::new(stream, boundary))
}

/// The text fields and the one file of an upload form.
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: Vec<(String, String)>,
    /// File name and bytes of the `file` field.
    pub file: Option<(String, Bytes)>,
}

impl Upload {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads every field; `Err` carries the parser's message.
pub async fn read(headers: &HeaderMap, bytes: Bytes) -> Result<Upload, String> {
    let mut form = parse(headers, bytes).ok_or_else(|| "not a multipart form".to_owned())?;
    let mut out = Upload::default();
    while let Some(field) = form.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(file_name) = field.file_name().map(str::to_owned) {
            let data = field.bytes().await.map_err(|e| e.to_string())?;
            if name == "file" && out.file.is_none() {
                out.file = Some((file_name, data));
            }
        } else {
            let text = field.text().await.map_err(|e| e.to_string())?;
            out.fields.push((name, text));
        }
    }
    Ok(out)
}

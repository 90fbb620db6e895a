//! The demo dataset, compiled into the binary so that `serve --demo` works from any
//! directory and on a machine with nothing but the binary.

use anyhow::Context;
use rust_embed::Embed;
use std::path::Path;

#[derive(Embed)]
#[folder = "../../data/demo/"]
struct DemoData;

/// Writes the embedded demo dataset into `dir`.
pub fn write_to(dir: &Path) -> anyhow::Result<()> {
    for name in DemoData::iter() {
        let file =
            DemoData::get(&name).with_context(|| format!("embedded file {name} vanished"))?;
        let path = dir.join(name.as_ref());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, file.data.as_ref())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

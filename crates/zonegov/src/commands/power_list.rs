//! `zonegov import power-list` and `zonegov export power-list`: the app's use cases
//! with the command line's options; problems print one per line with their location.

use crate::cli::{ExportCommand, ImportCommand, ListFormat};
use zonegov_app::power_export::{Exporter, to_csv, to_xlsx};
use zonegov_app::power_import::{ImportMode, ImportOptions, dry_run, import as run_import};
use zonegov_domain::auth::Visible;
use zonegov_io::power_list::ReadOptions;
use zonegov_store::Store;

pub async fn import(store: &dyn Store, what: ImportCommand) -> anyhow::Result<()> {
    let ImportCommand::PowerList {
        file,
        dry_run: dry,
        doc_no,
        effective,
        adjustment,
        json,
    } = what
    else {
        anyhow::bail!("not a power list import");
    };
    let bytes = std::fs::read(&file)?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if !dry && doc_no.as_deref().is_none_or(|d| d.trim().is_empty()) {
        anyhow::bail!(
            "导入须提供 --doc-no（文号）/ an import needs --doc-no (the decision's document number); use --dry-run to check only"
        );
    }
    let opt = ImportOptions {
        read: ReadOptions::default(),
        mode: if adjustment {
            ImportMode::Adjustment
        } else {
            ImportMode::Whole
        },
        doc_no: doc_no.unwrap_or_default(),
        effective: effective.unwrap_or_else(super::today),
        actor: format!("cli:{}", super::admin::whoami()),
        ip: "local".to_owned(),
    };
    let report = if dry {
        dry_run(store, &bytes, &name, &opt).await?
    } else {
        run_import(store, &bytes, &name, &opt).await?
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for n in &report.notes {
            println!("note: {n}");
        }
        for p in &report.problems {
            println!("{p}");
        }
        println!(
            "{}: {} items, {} responsibilities; added {}, changed {}, unchanged {}, cancelled {}; {} problems{}",
            name,
            report.items.len(),
            report.responsibilities,
            report.added,
            report.changed,
            report.unchanged,
            report.cancelled,
            report.problems.len(),
            match (&report.change, dry) {
                (_, true) => " (dry run: nothing written)".to_owned(),
                (Some(c), _) => format!("; written as change set {c}"),
                (None, _) => "; nothing written".to_owned(),
            }
        );
    }
    if report.is_ok() {
        Ok(())
    } else {
        anyhow::bail!(
            "{} 个问题，未写入任何数据 / {} problems; nothing was written",
            report.problems.len(),
            report.problems.len()
        )
    }
}

pub async fn export(store: &dyn Store, what: ExportCommand) -> anyhow::Result<()> {
    let ExportCommand::PowerList {
        format,
        as_of,
        output,
    } = what;
    let day = as_of.unwrap_or_else(super::today);
    let actor = format!("cli:{}", super::admin::whoami());
    let who = Exporter {
        actor: &actor,
        ip: "local",
    };
    let all = Visible::everything();
    let n = match format {
        ListFormat::Xlsx => to_xlsx(store, &who, day, &all, &output).await?,
        ListFormat::Csv => {
            let file = std::io::BufWriter::new(std::fs::File::create(&output)?);
            to_csv(store, &who, day, &all, file).await?.0
        }
    };
    println!("exported {n} items as of {day} to {}", output.display());
    Ok(())
}

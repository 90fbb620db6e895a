//! `zonegov import projects`: the app's project sheet import with the command line's
//! options; problems print one per line with their location.

use crate::cli::ImportCommand;
use zonegov_app::project_import::{ImportOptions, dry_run, import as run_import};
use zonegov_domain::{Provenance, Source};
use zonegov_store::Store;

pub async fn import(store: &dyn Store, what: ImportCommand) -> anyhow::Result<()> {
    let ImportCommand::Projects {
        file,
        dry_run: dry,
        doc_no,
        effective,
        json,
    } = what
    else {
        anyhow::bail!("not a project import");
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
        doc_no: doc_no.unwrap_or_default(),
        effective: effective.unwrap_or_else(super::today),
        provenance: Provenance {
            source: Source::Reference,
            basis: format!("招商项目台账导入 / project sheet import: {name}"),
            ..Default::default()
        },
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
        for p in &report.problems {
            println!("{p}");
        }
        println!(
            "{}: {} 行 / rows, {} 新增 / added, {} 变更 / changed, {} 未变 / unchanged{}",
            report.file_name,
            report.rows,
            report.added,
            report.changed,
            report.unchanged,
            match (&report.change, dry) {
                (_, true) => " (试运行，未写入 / dry run, nothing written)".to_owned(),
                (Some(c), _) => format!(", 变更集 / change set {c}"),
                (None, _) => String::new(),
            }
        );
    }
    if !report.is_ok() {
        anyhow::bail!(
            "{} 处问题，未写入 / {} problem(s), nothing written",
            report.problems.len(),
            report.problems.len()
        );
    }
    Ok(())
}

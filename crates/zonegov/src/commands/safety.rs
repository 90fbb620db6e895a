//! `zonegov safety audit` and `zonegov import enterprises`: the app's use cases with the
//! command line's options; problems print one per line with their location.

use crate::cli::{ImportCommand, SafetyCommand};
use zonegov_app::enterprise_import::{ImportOptions, dry_run, import as run_import};
use zonegov_app::safety::audit::{EXAMPLES, EXPORT_EXAMPLES, audit_stored};
use zonegov_domain::auth::Visible;
use zonegov_domain::{Provenance, Source};
use zonegov_store::Store;

pub async fn run(store: &dyn Store, command: SafetyCommand) -> anyhow::Result<()> {
    let SafetyCommand::Audit {
        as_of,
        xlsx,
        lang,
        json,
    } = command;
    let day = as_of.unwrap_or_else(super::today);
    let all = Visible::everything();
    // An export lists every exception (up to its cap); the text shows examples.
    let examples = if xlsx.is_some() {
        EXPORT_EXAMPLES
    } else {
        EXAMPLES
    };
    let report = audit_stored(store, day, &all, examples).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.text(lang.into()));
    }
    if let Some(path) = xlsx {
        zonegov_app::audit::Recorder::new(
            store,
            &format!("cli:{}", super::admin::whoami()),
            "local",
        )
        .ok(
            "export.safety-exceptions",
            "safety",
            serde_json::json!({ "format": "xlsx", "as_of": day }),
        )
        .await;
        let names = zonegov_app::safety::audit::exception_names(store, &report, day, &all).await?;
        let name_of = |c: &str| names.get(c).cloned().unwrap_or_default();
        let n = zonegov_io::safety_xlsx::write_exceptions(&path, &report, &name_of)?;
        println!("wrote {n} exception rows to {}", path.display());
    }
    Ok(())
}

pub async fn import(store: &dyn Store, what: ImportCommand) -> anyhow::Result<()> {
    let ImportCommand::Enterprises {
        file,
        dry_run: dry,
        doc_no,
        effective,
        json,
    } = what
    else {
        anyhow::bail!("not an enterprise import");
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
            basis: format!("企业名录导入 / enterprise register import: {name}"),
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
            "{}: {} rows; added {}, changed {}, unchanged {}; placed by outline {}; {} problems{}",
            name,
            report.rows,
            report.added,
            report.changed,
            report.unchanged,
            report.placed,
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

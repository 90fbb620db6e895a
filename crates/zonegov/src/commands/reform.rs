//! `zonegov reform apply FILE [--dry-run]`: the preview, then (unless a dry run)
//! the apply, as the local operator with every reform permission.

use crate::cli::ReformCommand;
use zonegov_app::reform::{Preview, apply, preview};
use zonegov_domain::reform::Reform;
use zonegov_domain::{Code, Lang, Name, QuotaType};
use zonegov_io::reform::{ReformHead, read_reform};
use zonegov_store::Store;

/// Lines of moved records printed before "… and N more" (`--json` lists all).
const SHOWN: usize = 200;

pub async fn run(store: &dyn Store, command: ReformCommand) -> anyhow::Result<()> {
    let ReformCommand::Apply {
        file,
        dry_run,
        id,
        doc_no,
        effective,
        reason,
        json,
    } = command;
    let head = match (id, doc_no, effective, reason) {
        (Some(id), Some(doc_no), Some(effective), Some(reason)) => Some(ReformHead {
            id: Code::parse(&id).map_err(|e| anyhow::anyhow!("--id {id:?}: {e}"))?,
            effective,
            doc_no,
            reason: Name {
                zh: reason,
                en: String::new(),
            },
        }),
        _ => None,
    };
    let reform = read_reform(&file, head.as_ref()).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!(
            "{} has {} problem(s); nothing was written:\n  {}",
            file.display(),
            problems.len(),
            lines.join("\n  ")
        )
    })?;
    let actor = format!("cli:{}", super::admin::whoami());
    let shown = preview(store, &reform, &actor).await?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&preview_json(&reform, &shown))?
        );
    } else {
        print!("{}", preview_text(&reform, &shown, dry_run));
    }
    if dry_run {
        return Ok(());
    }
    let applied = apply(
        store,
        &reform,
        &actor,
        "local",
        &|_| true,
        Some(&shown.seen),
    )
    .await?;
    if !json {
        println!(
            "已写入 / written: change set {}, {} version(s), {} ended, {} lineage link(s), {} user(s)",
            applied.change, applied.versions, applied.ended, applied.lineage, applied.users
        );
    }
    Ok(())
}

fn preview_json(reform: &Reform, p: &Preview) -> serde_json::Value {
    serde_json::json!({
        "id": reform.id,
        "doc_no": reform.doc_no,
        "effective": reform.effective,
        "counts": zonegov_app::reform::counts_json(&p.plan),
        "lineage": p.plan.lineage,
        "moved": p.plan.moved,
        "flagged": p.plan.flagged,
        "users": p.users,
        "ledger": p.plan.ledger,
        "seen": p.seen.encode(),
    })
}

fn preview_text(reform: &Reform, p: &Preview, dry_run: bool) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let mode = if dry_run {
        "预演,未写入 / dry run, nothing written"
    } else {
        "预览 / preview"
    };
    let _ = writeln!(
        s,
        "改革 / reform {} {} {} ({mode})",
        reform.id, reform.doc_no, reform.effective
    );
    let _ = writeln!(s, "{}", reform.reason.zh);
    let _ = writeln!(s, "按类型 / by kind: new versions, ended, moved, flagged");
    for (kind, c) in p.plan.counts() {
        let label = zonegov_domain::kinds::spec(kind).map_or(kind.code(), |k| k.label_zh);
        let _ = writeln!(
            s,
            "  {label} ({kind}): {} new, {} ended, {} moved, {} flagged",
            c.new_versions, c.ended, c.moved, c.flagged
        );
    }
    let _ = writeln!(s, "沿革 / lineage: {}", p.plan.lineage.len());
    for l in &p.plan.lineage {
        let _ = writeln!(
            s,
            "  {} {} {} {}",
            l.kind,
            l.predecessor,
            l.relation.label(Lang::Zh),
            l.successor
        );
    }
    let _ = writeln!(s, "随改革转移 / moved: {}", p.plan.moved.len());
    for m in p.plan.moved.iter().take(SHOWN) {
        let _ = writeln!(
            s,
            "  {} {} {} {}: {} → {}",
            m.kind, m.code, m.name, m.field, m.from, m.to
        );
    }
    if p.plan.moved.len() > SHOWN {
        let _ = writeln!(
            s,
            "  … 另 {} 条 / and {} more (--json lists all)",
            p.plan.moved.len() - SHOWN,
            p.plan.moved.len() - SHOWN
        );
    }
    let _ = writeln!(s, "待处理 / flagged: {}", p.plan.flagged.len());
    for f in &p.plan.flagged {
        let _ = writeln!(s, "  {} {} {}: {}", f.kind, f.code, f.name, f.reason);
    }
    let _ = writeln!(s, "用户 / users: {}", p.users.len());
    for u in &p.users {
        let to = u.to.as_ref().map_or("—", Code::as_str);
        let _ = writeln!(
            s,
            "  {} {}: {} → {} {}",
            u.username,
            u.field,
            u.from,
            to,
            u.flag.as_deref().unwrap_or("")
        );
    }
    let decided = p.plan.ledger.decided();
    let _ = writeln!(
        s,
        "编制台账 / quota ledger (balanced: {}):",
        p.plan.ledger.balances()
    );
    for q in QuotaType::ALL {
        let (b, a) = (
            p.plan.ledger.before.get(&q).copied().unwrap_or(0),
            p.plan.ledger.after.get(&q).copied().unwrap_or(0),
        );
        let d = decided.get(&q).copied().unwrap_or(0);
        let _ = writeln!(
            s,
            "  {}: {b} → {a} (核定 / decided {d:+})",
            q.label(Lang::Zh)
        );
    }
    s
}

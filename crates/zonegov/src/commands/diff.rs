use chrono::NaiveDate;
use zonegov_store::Store;

pub async fn run(
    store: &dyn Store,
    from: NaiveDate,
    to: NaiveDate,
    json: bool,
) -> anyhow::Result<()> {
    let history = super::require_history(store).await?;
    let diff = history.diff(from, to);
    if json {
        println!("{}", serde_json::to_string_pretty(&diff)?);
        return Ok(());
    }
    for (title, d) in &diff.kinds {
        println!("{title} {from} → {to}:");
        for e in &d.appeared {
            println!("  + {} {}", e.code, e.name.zh);
        }
        for e in &d.disappeared {
            println!("  - {} {}", e.code, e.name.zh);
        }
        for c in &d.changed {
            println!("  ~ {} {}", c.entity.code, c.entity.name.zh);
            for f in &c.fields {
                println!("      {}: {} → {}", f.field, f.before, f.after);
            }
        }
    }
    Ok(())
}

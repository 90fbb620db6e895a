use anyhow::bail;
use serde_json::json;
use zonegov_domain::diff::diff_fields;
use zonegov_domain::{Code, EntityKind, Lang};
use zonegov_store::Store;

pub async fn run(
    store: &dyn Store,
    kind: EntityKind,
    code: &str,
    lang: Lang,
    json_out: bool,
) -> anyhow::Result<()> {
    let code = Code::parse(code)?;
    let history = super::require_history(store).await?;
    let versions: Vec<serde_json::Value> = history
        .kind(kind)
        .map(|t| t.versions_json(&code))
        .unwrap_or_default();
    if versions.is_empty() {
        bail!("no {} with code {code}", kind.code());
    }
    let (successors, predecessors) = history.lineage_of(kind, &code);
    if json_out {
        // What each change set did to the record, as recorded at write time.
        let change_items = store.records().change_items(kind, &code).await?;
        let out = json!({ "kind": kind, "code": code, "versions": versions, "change_items": change_items, "successors": successors, "predecessors": predecessors });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let label = zonegov_domain::kinds::spec(kind).map_or(kind.code(), |s| s.label(lang));
    println!("{label} {code}");
    let mut previous: Option<&serde_json::Value> = None;
    for v in &versions {
        let change = v["change"]
            .as_str()
            .and_then(|c| Code::parse(c).ok())
            .and_then(|c| history.change(&c));
        let to = v["valid_to"].as_str().unwrap_or("…");
        println!(
            "[{} , {to})  {}  {} {}",
            v["valid_from"].as_str().unwrap_or("?"),
            v["name"]["zh"].as_str().unwrap_or(""),
            change.map(|c| c.doc_no.as_str()).unwrap_or(""),
            change.map(|c| c.reason.get(lang)).unwrap_or("")
        );
        if let Some(prev) = previous {
            for f in diff_fields(prev, v)
                .into_iter()
                .filter(|f| !matches!(f.field.as_str(), "valid_from" | "valid_to" | "change"))
            {
                println!("      {}: {} → {}", f.field, f.before, f.after);
            }
        }
        previous = Some(v);
    }
    // Each link reads in its relation's direction ("O10 并入 N04", "N13 分设自 N04").
    let sides = [
        (lang.pick("前身", "predecessor"), predecessors),
        (lang.pick("后继", "successor"), successors),
    ];
    for (side, links) in sides {
        for l in links {
            let (a, relation, b) = l.sentence(lang, Code::to_string);
            let mark = match l.provenance.source {
                zonegov_domain::Source::Illustrative => lang.pick(" [示意]", " [illustrative]"),
                _ => "",
            };
            println!("{side}: {a} {relation} {b} ({}){mark}", l.date);
        }
    }
    Ok(())
}

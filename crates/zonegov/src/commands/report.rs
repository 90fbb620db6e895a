use chrono::NaiveDate;
use zonegov_domain::Lang;
use zonegov_store::Store;

pub async fn run(
    store: &dyn Store,
    as_of: Option<NaiveDate>,
    since: Option<NaiveDate>,
    lang: Lang,
    json: bool,
) -> anyhow::Result<()> {
    let history = super::require_history(store).await?;
    let as_of = as_of.unwrap_or_else(super::today);
    if let Some(since) = since
        && since > as_of
    {
        anyhow::bail!("--since {since} is after --as-of {as_of}");
    }
    let report = zonegov_app::report::zone_report(
        store.records(),
        &history,
        &zonegov_domain::auth::Visible::everything(),
        as_of,
        since,
    )
    .await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", zonegov_io::report_text::render(&report, lang));
    }
    Ok(())
}

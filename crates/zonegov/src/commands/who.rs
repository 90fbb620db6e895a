//! `zonegov who`: 谁来管 from the terminal, the same use case the page and the API run.

use chrono::NaiveDate;
use zonegov_app::who::{Question, ask, check_duty};
use zonegov_domain::auth::Visible;
use zonegov_domain::who::{Matter, Place};
use zonegov_domain::{Code, Lang};
use zonegov_store::Store;

pub struct WhoArgs {
    pub matter: Matter,
    pub place: Option<Place>,
    pub as_of: Option<NaiveDate>,
    pub body: Option<Code>,
    pub lang: Lang,
    pub json: bool,
}

pub async fn run(store: &dyn Store, args: WhoArgs) -> anyhow::Result<()> {
    let history = super::require_history(store).await?;
    let day = args.as_of.unwrap_or_else(super::today);
    let q = Question::new(args.matter, args.place, day)?;
    let everything = Visible::everything();
    match &args.body {
        None => {
            let answer = ask(store.records(), &history, &everything, &q).await?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&answer)?);
            } else {
                print!("{}", zonegov_io::who_text::render(&answer, args.lang));
            }
        }
        Some(body) => {
            let (answer, check) =
                check_duty(store.records(), &history, &everything, body, &q).await?;
            if args.json {
                let both = serde_json::json!({ "check": check, "answer": answer });
                println!("{}", serde_json::to_string_pretty(&both)?);
            } else {
                print!("{}", zonegov_io::who_text::render_duty(&check, args.lang));
            }
        }
    }
    Ok(())
}

/// Exactly one of --item, --power, --text.
pub fn matter(
    item: Option<Code>,
    power: Option<Code>,
    text: Option<String>,
) -> anyhow::Result<Matter> {
    match (item, power, text) {
        (Some(c), None, None) => Ok(Matter::Boundary(c)),
        (None, Some(c), None) => Ok(Matter::Power(c)),
        (None, None, Some(t)) => Ok(Matter::Text(t)),
        _ => anyhow::bail!(
            "give exactly one of --item (a boundary item code), --power (a power item code) or --text / 须且只须给出 --item、--power、--text 之一"
        ),
    }
}

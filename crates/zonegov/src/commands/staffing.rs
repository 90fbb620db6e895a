//! `zonegov staffing ledger`: the quota ledger from the stored history, printed by
//! the same rows the web's export writes.

use crate::cli::StaffingCommand;
use zonegov_domain::auth::Visible;
use zonegov_store::Store;

pub async fn run(store: &dyn Store, command: StaffingCommand) -> anyhow::Result<()> {
    let StaffingCommand::Ledger { as_of, lang, json } = command;
    let day = as_of.unwrap_or_else(super::today);
    let history = super::require_history(store).await?;
    let ledger = zonegov_app::staffing::ledger(&history, &Visible::everything(), day);
    if json {
        println!("{}", serde_json::to_string_pretty(&ledger)?);
    } else {
        print!(
            "{}",
            zonegov_io::staffing_out::ledger_text(&ledger, lang.into())
        );
    }
    Ok(())
}

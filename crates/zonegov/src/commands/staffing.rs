//! `zonegov staffing ledger`: the quota ledger from the stored history, printed by
//! the same rows the web's export writes. `zonegov staffing pool`: the revolving
//! quota pool and the terms about to end, for a scheduled reminder.

use crate::cli::StaffingCommand;
use zonegov_domain::Lang;
use zonegov_domain::auth::Visible;
use zonegov_domain::quota::{QuotaLoan, ledger_of};
use zonegov_domain::talent::Talent;
use zonegov_domain::{NaiveDate, ZoneHistory};
use zonegov_store::Store;

pub async fn run(store: &dyn Store, command: StaffingCommand) -> anyhow::Result<()> {
    match command {
        StaffingCommand::Ledger { as_of, lang, json } => {
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
        StaffingCommand::Pool {
            as_of,
            within,
            lang,
            json,
        } => {
            let day = as_of.unwrap_or_else(super::today);
            let history = super::require_history(store).await?;
            let report = pool(&history, day, within)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", report.text(lang.into()));
            }
            if report.reminders.is_empty() {
                Ok(())
            } else {
                // Status 3: the report printed, and some term is due.
                std::process::exit(3)
            }
        }
    }
}

/// One loan whose term ends soon (or has ended while still held).
#[derive(Debug, serde::Serialize)]
struct Due {
    loan: String,
    body: String,
    /// The talent's name, masked.
    talent: String,
    term_end: NaiveDate,
    days_left: i64,
}

#[derive(Debug, serde::Serialize)]
struct Pool {
    as_of: NaiveDate,
    within_days: u32,
    size: u32,
    on_loan: u32,
    balance: i64,
    reminders: Vec<Due>,
}

impl Pool {
    fn text(&self, lang: Lang) -> String {
        let mut out = format!(
            "{} {}: {} {}, {} {}, {} {}\n",
            lang.pick("编制周转池", "Revolving quota pool"),
            self.as_of,
            lang.pick("容量", "size"),
            self.size,
            lang.pick("借出在用", "on loan"),
            self.on_loan,
            lang.pick("余额", "balance"),
            self.balance
        );
        out.push_str(&format!(
            "{} {} {}: {}\n",
            lang.pick("期满提醒", "Terms ending within"),
            self.within_days,
            lang.pick("天内", "days"),
            self.reminders.len()
        ));
        for d in &self.reminders {
            let left = if d.days_left < 0 {
                format!(
                    "{} {} {}",
                    lang.pick("已逾期", "overdue by"),
                    -d.days_left,
                    lang.pick("天", "days")
                )
            } else {
                format!(
                    "{} {} {}",
                    lang.pick("剩", "in"),
                    d.days_left,
                    lang.pick("天", "days")
                )
            };
            out.push_str(&format!(
                "  {} {} {} {} {} ({left})\n",
                d.loan,
                d.body,
                d.talent,
                lang.pick("期满", "ends"),
                d.term_end,
            ));
        }
        out
    }
}

fn pool(h: &ZoneHistory, day: NaiveDate, within: u32) -> anyhow::Result<Pool> {
    let loans = h.timeline::<QuotaLoan>();
    let ledger = ledger_of(Some(h.timeline()), loans)
        .map_err(|((code, from), e)| anyhow::anyhow!("{code} {from}: {e}"))?;
    let reminders = ledger
        .reminders(day, within)
        .into_iter()
        .map(|r| {
            let loan = loans.versions(&r.loan).last().map(|v| &v.attrs);
            Due {
                body: loan
                    .and_then(|l| h.institutions().as_of(&l.body, day))
                    .map_or_else(String::new, |v| v.attrs.name.zh.clone()),
                talent: loan
                    .and_then(|l| h.timeline::<Talent>().versions(&l.talent).last())
                    .and_then(|t| t.attrs.person_name(false))
                    .unwrap_or_default(),
                loan: r.loan.to_string(),
                term_end: r.term_end,
                days_left: r.days_left,
            }
        })
        .collect();
    Ok(Pool {
        as_of: day,
        within_days: within,
        size: ledger.size_on(day),
        on_loan: ledger.lent_on(day),
        balance: ledger.balance_on(day),
        reminders,
    })
}

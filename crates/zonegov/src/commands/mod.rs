//! One module per command.

mod admin;
mod audit;
mod bench;
mod bench_export;
mod bench_import;
mod bench_list;
mod bench_pipeline;
mod bench_who;
mod diff;
mod history;
mod load;
mod power_list;
mod projects;
mod reform;
mod report;
mod safety;
mod serve;
mod staffing;
mod token;
mod who;

use crate::cli::{Cli, Command};
use chrono::NaiveDate;
use std::sync::Arc;
use zonegov_domain::ZoneHistory;
use zonegov_store::Store;

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::DemoData { dir } = &cli.command {
        std::fs::create_dir_all(dir)?;
        crate::demo::write_to(dir)?;
        println!("wrote the demo dataset to {}", dir.display());
        return Ok(());
    }
    if let Command::Bench { command } = cli.command {
        return bench::run(command).await;
    }
    let store = zonegov_store::connect(&cli.db).await?;
    let result = match cli.command {
        Command::Load { dir } => load::run(store.as_ref(), &dir).await,
        Command::Serve {
            bind,
            demo,
            secure_cookies,
            audit_retention_days,
            policy,
        } => {
            let security = security(secure_cookies, audit_retention_days, &policy);
            serve::run(store.clone(), &bind, demo, security).await
        }
        Command::Admin { command } => admin::run(store.as_ref(), command).await,
        Command::Audit { command } => audit::run(store.as_ref(), command).await,
        Command::Token { command } => token::run(store.as_ref(), command).await,
        Command::Report {
            as_of,
            since,
            lang,
            json,
        } => report::run(store.as_ref(), as_of, since, lang.into(), json).await,
        Command::Who {
            item,
            power,
            text,
            place,
            as_of,
            body,
            lang,
            json,
        } => {
            let code = |field: &str, v: String| {
                zonegov_domain::Code::parse(&v).map_err(|e| anyhow::anyhow!("--{field} {v:?}: {e}"))
            };
            let matter = who::matter(
                item.map(|v| code("item", v)).transpose()?,
                power.map(|v| code("power", v)).transpose()?,
                text,
            )?;
            let place = place
                .map(|p| zonegov_domain::who::Place::parse(&p))
                .transpose()
                .map_err(|e| anyhow::anyhow!("--place: {e}"))?;
            let args = who::WhoArgs {
                matter,
                place,
                as_of,
                body: body.map(|v| code("body", v)).transpose()?,
                lang: lang.into(),
                json,
            };
            who::run(store.as_ref(), args).await
        }
        Command::History {
            kind,
            code,
            lang,
            json,
        } => history::run(store.as_ref(), kind, &code, lang.into(), json).await,
        Command::Diff { from, to, json } => diff::run(store.as_ref(), from, to, json).await,
        Command::DemoData { .. } | Command::Bench { .. } => Ok(()),
        Command::Import { what } if what.is_enterprises() => {
            safety::import(store.as_ref(), what).await
        }
        Command::Import { what } if what.is_projects() => {
            projects::import(store.as_ref(), what).await
        }
        Command::Import { what } => power_list::import(store.as_ref(), what).await,
        Command::Safety { command } => safety::run(store.as_ref(), command).await,
        Command::Export { what } => power_list::export(store.as_ref(), what).await,
        Command::Staffing { command } => staffing::run(store.as_ref(), command).await,
        Command::Reform { command } => reform::run(store.as_ref(), command).await,
    };
    store.close().await;
    result
}

fn security(
    secure_cookies: bool,
    audit_retention_days: u32,
    p: &crate::cli::PolicyArgs,
) -> zonegov_web::auth::Security {
    zonegov_web::auth::Security {
        secure_cookies,
        audit_retention_days,
        password: zonegov_domain::auth::PasswordPolicy {
            max_age_days: (p.password_max_age_days > 0).then_some(p.password_max_age_days),
            ..Default::default()
        },
        login: zonegov_domain::auth::LoginPolicy {
            max_failures: p.max_login_failures,
            lockout: chrono::Duration::minutes(i64::from(p.lockout_minutes)),
            idle_timeout: chrono::Duration::minutes(i64::from(p.idle_minutes)),
            max_session_age: chrono::Duration::hours(i64::from(p.session_max_hours)),
        },
        trusted_proxies: p.trusted_proxies.clone(),
        ..Default::default()
    }
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The stored history, or a clear error when nothing has been loaded yet.
pub async fn require_history(store: &dyn Store) -> anyhow::Result<ZoneHistory> {
    zonegov_store::history(store).await?.ok_or_else(|| {
        anyhow::anyhow!(
            "the database holds no zone yet: run `zonegov load DIR` or `zonegov serve --demo`"
        )
    })
}

pub type SharedStore = Arc<dyn Store>;

use crate::cli::AdminCommand;
use anyhow::{Context, anyhow};
use std::io::Read;
use zonegov_app::accounts::{UserSpec, create_user, seed_roles, top_body};
use zonegov_app::password;
use zonegov_domain::Code;
use zonegov_domain::auth::PasswordPolicy;
use zonegov_store::Store;

pub async fn run(store: &dyn Store, command: AdminCommand) -> anyhow::Result<()> {
    let AdminCommand::Create {
        username,
        display_name,
        institution,
        role,
        password_stdin,
    } = command;
    seed_roles(store).await?;
    let institution = match institution {
        Some(c) => Code::parse(&c)?,
        None => {
            let history = super::require_history(store).await?;
            top_body(&history)
                .ok_or_else(|| anyhow!("the zone has no top body today: pass --institution"))?
        }
    };
    let (pw, generated) = if password_stdin {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading the password from standard input")?;
        (s.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (password::generate().map_err(|e| anyhow!(e))?, true)
    };
    let spec = UserSpec {
        username: &username,
        display_name: &display_name,
        password: &pw,
        institution,
        park: None,
        roles: vec![Code::parse(&role)?],
        must_change_password: generated,
    };
    create_user(
        store,
        &PasswordPolicy::default(),
        spec,
        &format!("cli:{}", whoami()),
        "local",
    )
    .await?;
    if generated {
        println!("created {username}; one-time password (must be changed at first login): {pw}");
    } else {
        println!("created {username}");
    }
    Ok(())
}

pub fn whoami() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".into())
}

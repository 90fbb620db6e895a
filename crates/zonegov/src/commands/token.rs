//! `zonegov token create|list|revoke`: API tokens for machine clients, through the
//! same use cases (and audit entries) as the system page.

use crate::cli::TokenCommand;
use anyhow::anyhow;
use zonegov_app::accounts::{seed_roles, top_body};
use zonegov_app::tokens::{self, TokenError, TokenSpec};
use zonegov_domain::Code;
use zonegov_store::Store;

fn plain(e: TokenError) -> anyhow::Error {
    match e {
        TokenError::Invalid(m) => anyhow!(m),
        TokenError::Store(s) => s.into(),
    }
}

fn when(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| "-".into())
}

pub async fn run(store: &dyn Store, command: TokenCommand) -> anyhow::Result<()> {
    let actor = format!("cli:{}", super::admin::whoami());
    match command {
        TokenCommand::Create {
            name,
            role,
            scope,
            bodies,
            institution,
            park,
            rate_per_minute,
            expires,
        } => {
            // A fresh database has no roles until the first administrator or server start.
            seed_roles(store).await?;
            let institution = match institution {
                Some(c) => Code::parse(&c).map_err(|e| anyhow!("--institution: {e}"))?,
                None => {
                    let history = super::require_history(store).await?;
                    top_body(&history).ok_or_else(|| {
                        anyhow!("the zone has no top body today: pass --institution")
                    })?
                }
            };
            let spec = TokenSpec {
                name,
                role,
                scope,
                bodies: bodies
                    .iter()
                    .filter(|b| !b.trim().is_empty())
                    .map(|b| Code::parse(b.trim()).map_err(|e| anyhow!("--bodies: {e}")))
                    .collect::<anyhow::Result<_>>()?,
                institution,
                park: park
                    .map(|p| Code::parse(&p).map_err(|e| anyhow!("--park: {e}")))
                    .transpose()?,
                rate_per_minute,
                expires_at: expires.map(tokens::end_of_day),
            };
            let created = tokens::create(store, &spec, &actor, "local")
                .await
                .map_err(plain)?;
            let t = &created.token;
            eprintln!(
                "created token {} \"{}\" (role {}, scope {}, {} requests/min, valid until {}); \
                 the secret below is shown only once:",
                t.id,
                t.name,
                t.role,
                t.scope.code(),
                t.rate_per_minute,
                when(t.expires_at)
            );
            println!("{}", created.secret);
        }
        TokenCommand::List => {
            let now = chrono::Utc::now();
            println!("id\tname\trole\tscope\trate/min\tcreated\texpires\tlast used\tstate");
            for t in store.tokens().tokens().await? {
                let state = match t.usable(now) {
                    Ok(()) => "active",
                    Err(why) => why.code(),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{} by {}\t{}\t{}\t{}",
                    t.id,
                    t.name,
                    t.role,
                    t.scope.code(),
                    t.rate_per_minute,
                    when(Some(t.created_at)),
                    t.created_by,
                    when(t.expires_at),
                    when(t.last_used_at),
                    state
                );
            }
        }
        TokenCommand::Revoke { id } => {
            let t = tokens::revoke(store, id, &actor, "local")
                .await
                .map_err(plain)?;
            println!(
                "revoked token {} \"{}\" at {}",
                t.id,
                t.name,
                when(t.revoked_at)
            );
        }
    }
    Ok(())
}

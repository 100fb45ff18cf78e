//! `hub user`, `hub token` and `hub audit`: accounts, API tokens and the audit trail,
//! for the operator of the server (who acts as admin, recorded as `cli`).

use std::io::BufRead;

use anyhow::Context;
use clap::{Args, Subcommand};
use hub::{
    access::{Role, accounts, audit},
    config::Settings,
};

use super::{DatabaseArgs, export::one_of};

/// The roles an account can have (the public needs none).
const ACCOUNT_ROLES: [Role; 4] = [Role::Partner, Role::Researcher, Role::Editor, Role::Admin];

/// `hub user ...`.
#[derive(Subcommand)]
pub enum User {
    /// Add an account; asks for its password (or reads one line with --password-stdin).
    Add {
        /// Sign-in name: letters, digits, '.', '-', '_' or '@'.
        name: String,
        /// PARTNER, RESEARCHER, EDITOR (give --region) or ADMIN.
        #[arg(long, ignore_case = true, value_parser = one_of(&ACCOUNT_ROLES, Role::code))]
        role: Role,
        /// A region an editor writes for (repeat for several).
        #[arg(long = "region")]
        regions: Vec<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List the accounts.
    List {
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Disable an account: it can no longer sign in, and its tokens stop at once.
    Disable {
        /// The account.
        name: String,
        /// Enable it again instead.
        #[arg(long)]
        enable: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Change an account's role (and an editor's regions).
    SetRole {
        /// The account.
        name: String,
        /// The new role.
        #[arg(long, ignore_case = true, value_parser = one_of(&ACCOUNT_ROLES, Role::code))]
        role: Role,
        /// A region an editor writes for (repeat for several).
        #[arg(long = "region")]
        regions: Vec<String>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Set a new password (asks for it, or reads one line with --password-stdin).
    ResetPassword {
        /// The account.
        name: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

/// `hub token ...`.
#[derive(Subcommand)]
pub enum Token {
    /// Make an API token and print it once (only its hash is kept). Clients send it as
    /// `Authorization: Bearer TOKEN`.
    Create {
        /// The account it acts for.
        #[arg(long)]
        user: String,
        /// When it stops working: a number of days (`90d`) or hours (`12h`); never when
        /// omitted.
        #[arg(long, value_parser = duration)]
        expires: Option<chrono::Duration>,
        /// What it is for, e.g. `analysis notebook`.
        #[arg(long, default_value = "token")]
        name: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List the tokens (never the tokens themselves).
    List {
        /// Only this account's.
        #[arg(long)]
        user: Option<String>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Revoke a token: refused from the next request on.
    Revoke {
        /// The token's id, as `hub token list` shows it.
        id: i32,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

/// `hub audit`: the newest events of the audit trail, or `hub audit verify`.
#[derive(Args)]
pub struct Audit {
    #[command(subcommand)]
    command: Option<AuditCommand>,
    /// Only events from this day on (YYYY-MM-DD, UTC).
    #[arg(long)]
    since: Option<chrono::NaiveDate>,
    /// Only this account's events.
    #[arg(long)]
    account: Option<String>,
    /// Only this action (`token.create`), or a prefix ending in a dot (`account.`).
    #[arg(long)]
    action: Option<String>,
    /// At most this many, newest first.
    #[arg(long, default_value_t = 50)]
    limit: u64,
    #[command(flatten)]
    database: DatabaseArgs,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the hash chain: exits non-zero, naming the row, when a row was edited
    /// or removed; prints the last hash (note it: a later run that ends elsewhere means
    /// rows were removed from the end).
    Verify {
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

/// `90d` or `12h` as a duration.
pub(super) fn duration(text: &str) -> Result<chrono::Duration, String> {
    let text = text.trim();
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let n: i64 = number
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("{text:?} is not a duration like 90d or 12h"))?;
    match unit {
        "d" => Ok(chrono::Duration::days(n)),
        "h" => Ok(chrono::Duration::hours(n)),
        _ => Err(format!("{text:?} is not a duration like 90d or 12h")),
    }
}

/// The password: one line of standard input, or asked twice on the terminal.
fn password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ").context("cannot read the password")?;
    let again = rpassword::prompt_password("Again: ").context("cannot read the password")?;
    anyhow::ensure!(first == again, "the two passwords differ");
    Ok(first)
}

fn regions_text(regions: &[String]) -> String {
    if regions.is_empty() {
        "-".into()
    } else {
        regions.join(",")
    }
}

impl User {
    pub fn database(&self) -> &DatabaseArgs {
        match self {
            Self::Add { database, .. }
            | Self::List { database }
            | Self::Disable { database, .. }
            | Self::SetRole { database, .. }
            | Self::ResetPassword { database, .. } => database,
        }
    }

    pub async fn run(&self, settings: &Settings) -> anyhow::Result<()> {
        let db = super::open_existing(settings).await?;
        let by = accounts::operator();
        match self {
            Self::Add {
                name,
                role,
                regions,
                password_stdin,
                ..
            } => {
                let password = password(*password_stdin)?;
                let account = accounts::add(&db, &by, name, *role, regions, &password).await?;
                println!(
                    "added {} ({}, regions {})",
                    account.name,
                    account.role,
                    regions_text(&account.regions)
                );
            }
            Self::List { .. } => {
                println!("{:<24} {:<10} {:<9} regions", "name", "role", "state");
                for a in accounts::list(&db).await? {
                    let state = if a.disabled { "disabled" } else { "active" };
                    println!(
                        "{:<24} {:<10} {state:<9} {}",
                        a.name,
                        a.role.code(),
                        regions_text(&a.regions)
                    );
                }
            }
            Self::Disable { name, enable, .. } => {
                let account = accounts::set_disabled(&db, &by, name, !enable).await?;
                println!(
                    "{} is {}",
                    account.name,
                    if account.disabled {
                        "disabled"
                    } else {
                        "enabled"
                    }
                );
            }
            Self::SetRole {
                name,
                role,
                regions,
                ..
            } => {
                let account = accounts::set_role(&db, &by, name, *role, regions).await?;
                println!(
                    "{} is now {} (regions {})",
                    account.name,
                    account.role,
                    regions_text(&account.regions)
                );
            }
            Self::ResetPassword {
                name,
                password_stdin,
                ..
            } => {
                let password = password(*password_stdin)?;
                accounts::reset_password(&db, &by, name, &password).await?;
                println!("the password of {name} is changed");
            }
        }
        Ok(())
    }
}

impl Token {
    pub fn database(&self) -> &DatabaseArgs {
        match self {
            Self::Create { database, .. }
            | Self::List { database, .. }
            | Self::Revoke { database, .. } => database,
        }
    }

    pub async fn run(&self, settings: &Settings) -> anyhow::Result<()> {
        let db = super::open_existing(settings).await?;
        let by = accounts::operator();
        match self {
            Self::Create {
                user,
                expires,
                name,
                ..
            } => {
                let (token, id) = accounts::create_token(&db, &by, user, name, *expires).await?;
                eprintln!("token {id} for {user}; it is shown only now, keep it secret:");
                println!("{token}");
            }
            Self::List { user, .. } => {
                println!(
                    "{:>4} {:<20} {:<20} {:<17} {:<17} {:<17} state",
                    "id", "account", "name", "created", "expires", "last used"
                );
                let time = |t: Option<chrono::DateTime<chrono::Utc>>| {
                    t.map_or_else(
                        || "-".to_owned(),
                        |t| t.format("%Y-%m-%d %H:%M").to_string(),
                    )
                };
                for t in accounts::list_tokens(&db, user.as_deref()).await? {
                    let state = match (t.revoked_at, t.expires_at) {
                        (Some(_), _) => "revoked",
                        (None, Some(at)) if at <= chrono::Utc::now() => "expired",
                        _ => "valid",
                    };
                    println!(
                        "{:>4} {:<20} {:<20} {:<17} {:<17} {:<17} {state}",
                        t.id,
                        t.account,
                        t.label,
                        time(Some(t.created_at)),
                        time(t.expires_at),
                        time(t.last_used_at)
                    );
                }
            }
            Self::Revoke { id, .. } => {
                accounts::revoke_token(&db, &by, *id).await?;
                println!("token {id} is revoked");
            }
        }
        Ok(())
    }
}

impl Audit {
    pub fn database(&self) -> &DatabaseArgs {
        match &self.command {
            Some(AuditCommand::Verify { database }) if database.database_url.is_some() => database,
            _ => &self.database,
        }
    }

    pub async fn run(&self, settings: &Settings) -> anyhow::Result<()> {
        let db = super::open_existing(settings).await?;
        if let Some(AuditCommand::Verify { .. }) = self.command {
            let verified = audit::verify(&db).await?;
            if let Some((id, why)) = verified.broken {
                anyhow::bail!(
                    "the audit trail is broken at row {id}: {why} ({} rows checked)",
                    verified.rows
                );
            }
            println!(
                "the audit trail is intact: {} rows; last hash {}",
                verified.rows, verified.head
            );
            return Ok(());
        }
        let query = audit::Query {
            since: self
                .since
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc()),
            account: self.account.clone(),
            action: self.action.clone(),
            limit: self.limit,
        };
        for e in audit::list(&db, &query).await? {
            println!(
                "{} {} {} {} {} {}/{} {}",
                e.id,
                e.at.format("%Y-%m-%dT%H:%M:%SZ"),
                e.account_name.as_deref().unwrap_or("-"),
                e.role,
                e.action,
                e.object_type.as_deref().unwrap_or("-"),
                e.object_id.as_deref().unwrap_or("-"),
                e.details
            );
        }
        Ok(())
    }
}

//! The command line: the global flags, one module per command, settings loaded and
//! logging set up once for all of them.

mod accounts;
mod demo;
mod export;
mod import;
mod migrate;
mod registry;
mod serve;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use hub::{
    config::{Overrides, Settings},
    db, graphql,
};

/// Data hub of the youth-collaboration research project: the registry of local
/// organisations, survey answers, coded interview findings and cooperation examples
/// of five partner areas, behind one GraphQL endpoint.
#[derive(Parser)]
#[command(name = "hub", version, about, long_about)]
pub struct Cli {
    /// Settings file (TOML); flags and HUB_ variables override it.
    #[arg(long, global = true, env = "HUB_CONFIG")]
    config: Option<PathBuf>,
    /// Write logs as JSON lines.
    #[arg(long, global = true, env = "HUB_LOG_JSON")]
    log_json: bool,
    #[command(subcommand)]
    command: Command,
}

/// The database flag every command that reads or writes data takes.
#[derive(Args, Clone)]
pub struct DatabaseArgs {
    /// Database: a SQLite file (`sqlite://hub.db`, the default) or a PostgreSQL URL
    /// (`postgres://user@host/db`).
    #[arg(long, env = "HUB_DATABASE_URL")]
    database_url: Option<String>,
}

impl DatabaseArgs {
    /// The settings overrides this flag makes.
    fn overrides(&self) -> Overrides {
        Overrides {
            database_url: self.database_url.clone(),
            ..Overrides::default()
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Serve the partners' dashboard and the GraphQL API (with GraphiQL) until SIGINT or
    /// SIGTERM; creates, migrates and fills an empty database with the synthetic demo
    /// data first.
    Serve(serve::Serve),
    /// Apply pending database migrations.
    Migrate(migrate::Migrate),
    /// Write the synthetic demo dataset, at any scale, into an empty database.
    Demo(demo::Demo),
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Import a partner's file (CSV or XLSX): everything is checked first, then written
    /// in one transaction, or nothing is written and the problems are listed.
    Import {
        #[command(subcommand)]
        what: import::Import,
    },
    /// Write the charts (SVG, PNG, CSV) as the dashboard draws them, or every table (CSV,
    /// Parquet, Frictionless data package) to files.
    Export {
        #[command(subcommand)]
        what: export::Export,
    },
    /// Accounts: add, list, disable, change role, reset password.
    User {
        #[command(subcommand)]
        what: accounts::User,
    },
    /// API tokens (`Authorization: Bearer TOKEN`): create, list, revoke.
    Token {
        #[command(subcommand)]
        what: accounts::Token,
    },
    /// The audit trail: its newest events, or `hub audit verify` to check its hash chain.
    Audit(accounts::Audit),
    /// The self-kept registry: private links for the listed organisations.
    Registry {
        #[command(subcommand)]
        what: registry::Registry,
    },
}

impl Command {
    /// What this command's flags say about the settings; `None` for a command that
    /// needs none.
    fn overrides(&self) -> Option<Overrides> {
        Some(match self {
            Self::Serve(serve) => serve.overrides(),
            Self::Migrate(migrate) => migrate.database.overrides(),
            Self::Demo(demo) => demo.database.overrides(),
            Self::Import { what } => what.database().overrides(),
            Self::Export { what } => what.database().overrides(),
            Self::User { what } => what.database().overrides(),
            Self::Token { what } => what.database().overrides(),
            Self::Audit(audit) => audit.database().overrides(),
            Self::Registry { what } => what.database().overrides(),
            Self::Schema => return None,
        })
    }
}

/// Runs the command the user gave.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let Some(overrides) = cli.command.overrides() else {
        print!("{}", graphql::sdl());
        return Ok(());
    };
    let overrides = Overrides {
        log_json: cli.log_json,
        ..overrides
    };
    let settings = Settings::load(cli.config.as_deref(), &overrides)?;
    init_logging(settings.log_json);
    match cli.command {
        Command::Serve(_) => serve::run(&settings).await,
        Command::Migrate(migrate) => migrate.run(&settings).await,
        Command::Demo(demo) => demo.run(&settings).await,
        Command::Import { what } => what.run(&settings).await,
        Command::Export { what } => what.run(&settings).await,
        Command::User { what } => what.run(&settings).await,
        Command::Token { what } => what.run(&settings).await,
        Command::Audit(audit) => audit.run(&settings).await,
        Command::Registry { what } => what.run(&settings).await,
        Command::Schema => Ok(()),
    }
}

/// Opens a database that must already hold the hub's tables (exports never create one).
async fn open_existing(settings: &Settings) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let (conn, _) = db::connect(&settings.database).await?;
    let pending = db::migration_status(&conn)
        .await?
        .into_iter()
        .filter(|(_, applied)| !applied)
        .count();
    if pending > 0 {
        anyhow::bail!(
            "{} is not a hub database at the current schema ({pending} migrations pending); run `hub migrate` or `hub serve` first",
            settings.database
        );
    }
    Ok(conn)
}

/// A progress bar on stderr (drawn only on a terminal) with `template`.
fn progress_bar(total: u64, template: &str) -> anyhow::Result<indicatif::ProgressBar> {
    use anyhow::Context;
    Ok(indicatif::ProgressBar::new(total).with_style(
        indicatif::ProgressStyle::with_template(template).context("progress bar template")?,
    ))
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("HUB_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

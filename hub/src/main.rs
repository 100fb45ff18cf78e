//! The `hub` command: serve the GraphQL API, migrate, write demo data, print the schema.

use std::{net::SocketAddr, path::PathBuf};

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use hub::{
    config::{Overrides, Settings},
    db, demo, graphql, server,
};

/// Data hub of the youth-collaboration research project: the registry of local
/// organisations, survey answers, coded interview findings and cooperation examples
/// of five partner areas, behind one GraphQL endpoint.
#[derive(Parser)]
#[command(name = "hub", version, about, long_about)]
struct Cli {
    /// Settings file (TOML); flags and HUB_ variables override it.
    #[arg(long, global = true, env = "HUB_CONFIG")]
    config: Option<PathBuf>,
    /// Write logs as JSON lines.
    #[arg(long, global = true, env = "HUB_LOG_JSON")]
    log_json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DatabaseArgs {
    /// Database: a SQLite file (`sqlite://hub.db`, the default) or a PostgreSQL URL
    /// (`postgres://user@host/db`).
    #[arg(long, env = "HUB_DATABASE_URL")]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the GraphQL API (and GraphiQL) until SIGINT or SIGTERM; creates, migrates
    /// and fills an empty database with the synthetic demo data first.
    Serve {
        #[command(flatten)]
        database: DatabaseArgs,
        /// Address to listen on, e.g. 127.0.0.1:8080; port 0 picks a free port.
        #[arg(long, env = "HUB_BIND")]
        bind: Option<SocketAddr>,
        /// Leave an empty database empty instead of filling it with demo data.
        #[arg(long, env = "HUB_NO_DEMO")]
        no_demo: bool,
    },
    /// Apply pending database migrations.
    Migrate {
        #[command(flatten)]
        database: DatabaseArgs,
        /// Only list the migrations and whether each is applied.
        #[arg(long)]
        status: bool,
    },
    /// Write the synthetic demo dataset, at any scale, into an empty database.
    Demo {
        #[command(flatten)]
        database: DatabaseArgs,
        /// Number of survey respondents (each answers about 22 questions).
        #[arg(long, default_value_t = 630, value_parser = clap::value_parser!(u32).range(1..=2_000_000))]
        respondents: u32,
        /// Seed of every random choice; the same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Delete all data in the database first.
        #[arg(long)]
        replace: bool,
    },
    /// Print the GraphQL schema (SDL).
    Schema,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings_for = |database: &DatabaseArgs, bind: Option<SocketAddr>, no_demo: bool| {
        Settings::load(
            cli.config.as_deref(),
            &Overrides {
                database_url: database.database_url.clone(),
                bind,
                no_demo,
                log_json: cli.log_json,
            },
        )
    };
    match &cli.command {
        Command::Serve {
            database,
            bind,
            no_demo,
        } => {
            let settings = settings_for(database, *bind, *no_demo)?;
            init_logging(settings.log_json);
            server::serve(&settings).await?;
        }
        Command::Migrate { database, status } => {
            let settings = settings_for(database, None, true)?;
            init_logging(settings.log_json);
            let (conn, _) = db::connect(&settings.database).await?;
            if !*status {
                db::migrate(&conn).await?;
            }
            for (name, applied) in db::migration_status(&conn).await? {
                println!("{} {name}", if applied { "applied" } else { "pending" });
            }
        }
        Command::Demo {
            database,
            respondents,
            seed,
            replace,
        } => {
            let settings = settings_for(database, None, false)?;
            init_logging(settings.log_json);
            let (conn, _) = db::connect(&settings.database).await?;
            db::migrate(&conn).await?;
            if *replace {
                demo::clear(&conn).await?;
            } else if !demo::is_empty(&conn).await? {
                anyhow::bail!(
                    "{} already holds data; pass --replace to delete it and write the demo data",
                    settings.database
                );
            }
            let options = demo::DemoOptions {
                seed: *seed,
                respondents: *respondents as usize,
            };
            let bar = indicatif::ProgressBar::new(u64::from(*respondents)).with_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} respondents {bar:40} {pos}/{len} ({per_sec}, {eta} left)",
                )
                .context("progress bar template")?,
            );
            let started = std::time::Instant::now();
            let summary = demo::fill(&conn, &options, Some(&bar)).await?;
            bar.finish_and_clear();
            println!(
                "wrote synthetic demo data to {} in {:.1} s: {} regions, {} organisations, {} questions, \
                 {} respondents, {} answers, {} interviews, {} findings, {} collaborations",
                settings.database,
                started.elapsed().as_secs_f64(),
                summary.regions,
                summary.organisations,
                summary.questions,
                summary.respondents,
                summary.answers,
                summary.interviews,
                summary.findings,
                summary.collaborations
            );
        }
        Command::Schema => print!("{}", graphql::sdl()),
    }
    Ok(())
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

//! The `hub` command: serve the dashboard and the GraphQL API, migrate, write demo data,
//! print the schema, import partners' files and export charts and tables.

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
    /// Serve the partners' dashboard and the GraphQL API (with GraphiQL) until SIGINT or
    /// SIGTERM; creates, migrates and fills an empty database with the synthetic demo
    /// data first.
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
    /// Import a partner's file (CSV or XLSX): everything is checked first, then written
    /// in one transaction, or nothing is written and the problems are listed.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Write the charts (SVG, PNG, CSV) as the dashboard draws them, or every table (CSV,
    /// Parquet, Frictionless data package) to files.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
}

#[derive(Args, Clone)]
struct ImportArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    /// The file: CSV (UTF-8, comma, semicolon or tab) or XLSX (first sheet).
    file: PathBuf,
    /// Refuse rows whose id is already in the database with other content, instead of
    /// updating them.
    #[arg(long)]
    no_update: bool,
    /// Also write the outcome and every problem as JSON to this file.
    #[arg(long)]
    report: Option<PathBuf>,
    /// List at most this many problems.
    #[arg(long, default_value_t = 100)]
    max_problems: usize,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// The registry, one row per organisation. Columns: id, name, region (code, e.g.
    /// LV-TALSI), kind, status; optional founded_year, closed_year, closure_reason,
    /// fields_of_activity and target_groups (separated by `;`), website,
    /// last_verified (YYYY-MM-DD), source, successor_id.
    Organisations {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Coded interview quotes, one row per finding. Columns: id, interview (the
    /// interview's id), region, held_on (YYYY-MM-DD), interviewee_role, language (en,
    /// sv, lv, lt, pt, el), theme, quote; optional sub_code and translation (English).
    Findings {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// A whole `hub export data` folder (FILE is the folder), restored into an empty
    /// database with its ids: to move a hub, e.g. from SQLite to PostgreSQL.
    Datapackage {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// A wide survey export (KoboToolbox, ODK, LimeSurvey): one row per respondent, an
    /// id column (_uuid, meta/instanceID, KEY or id), region (code or name), role, an
    /// optional organisation (registry id) and one column per question code. Likert
    /// cells hold 1 to 5 or a scale label in any of the survey's languages; multiple
    /// choice holds space-separated option codes, or one 0/1 column per option (Q/OPTION).
    Survey {
        /// The survey's code, e.g. YC-2026; its questions must be in the database.
        #[arg(long)]
        survey: String,
        #[command(flatten)]
        args: ImportArgs,
    },
}

impl ImportCommand {
    fn args(&self) -> &ImportArgs {
        match self {
            Self::Organisations { args }
            | Self::Findings { args }
            | Self::Datapackage { args }
            | Self::Survey { args, .. } => args,
        }
    }
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Write one chart: likert, theme-scores, role-gap, theme-frequency, registry or
    /// choices.
    Chart {
        #[command(flatten)]
        database: DatabaseArgs,
        /// The chart's name.
        name: String,
        /// File format: svg, png or csv.
        #[arg(long, default_value = "svg")]
        format: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filters: ChartFilters,
    },
    /// Write every table as CSV into a folder (one file per entity, plus the registry as
    /// Open Referral HSDS organizations.csv); `datapackage` adds a Frictionless
    /// datapackage.json with types, enums, primary and foreign keys.
    Data {
        #[command(flatten)]
        database: DatabaseArgs,
        /// csv, parquet or datapackage (CSV with a Frictionless datapackage.json).
        #[arg(long, default_value = "csv")]
        format: String,
        /// The folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Keep free-text answers (left out by default: they may identify people).
        #[arg(long)]
        include_free_text: bool,
    },
    /// Write every chart in every format into a folder.
    Charts {
        #[command(flatten)]
        database: DatabaseArgs,
        /// The folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filters: ChartFilters,
    },
}

#[derive(Args, Clone, Default)]
struct ChartFilters {
    /// Only these countries (ISO code; repeat for several).
    #[arg(long)]
    country: Vec<String>,
    /// Only respondents in these roles, e.g. MUNICIPAL_OFFICIAL (repeatable).
    #[arg(long)]
    role: Vec<String>,
    /// Only respondents of these organisation kinds, e.g. NGO (repeatable).
    #[arg(long)]
    kind: Vec<String>,
    /// The question of the likert and choices charts, e.g. SU1.
    #[arg(long)]
    question: Option<String>,
    /// Language of the texts: en, sv, lv, lt, pt or el.
    #[arg(long, default_value = "en")]
    lang: String,
    /// PNG width in pixels (200 to 4000).
    #[arg(long)]
    width: Option<u32>,
    /// PNG height in pixels (200 to 4000).
    #[arg(long)]
    height: Option<u32>,
}

impl ChartFilters {
    /// The filters as a dashboard URL would give them, so that both are checked alike.
    fn view(&self) -> hub::Result<hub::service::charts::View> {
        let mut pairs: Vec<(&str, String)> = vec![("lang", self.lang.clone())];
        pairs.extend(self.country.iter().map(|c| ("country", c.clone())));
        pairs.extend(self.role.iter().map(|r| ("role", r.clone())));
        pairs.extend(self.kind.iter().map(|k| ("kind", k.clone())));
        pairs.extend(self.question.iter().map(|q| ("question", q.clone())));
        pairs.extend(self.width.iter().map(|w| ("width", w.to_string())));
        pairs.extend(self.height.iter().map(|h| ("height", h.to_string())));
        let query = serde_urlencoded::to_string(&pairs)
            .map_err(|e| hub::Error::bad_input("filters", e.to_string()))?;
        hub::service::charts::View::parse(&query, &hub::service::charts::PARAMETERS)
    }
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
        Command::Export { what } => export(what, &settings_for).await?,
        Command::Import { what } => import(what, &settings_for).await?,
    }
    Ok(())
}

async fn export(
    what: &ExportCommand,
    settings_for: &impl Fn(&DatabaseArgs, Option<SocketAddr>, bool) -> hub::Result<Settings>,
) -> anyhow::Result<()> {
    use hub::export::charts;
    match what {
        ExportCommand::Chart {
            database,
            name,
            format,
            out,
            filters,
        } => {
            let settings = settings_for(database, None, true)?;
            init_logging(settings.log_json);
            let name = dashboard::ChartName::parse(name)?;
            let format = dashboard::Format::parse(format)?;
            let view = filters.view()?;
            let conn = open_existing(&settings).await?;
            let frames = charts::frames(&conn).await?;
            charts::write_chart(&frames, name, format, &view, settings.min_group_size, out)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!("wrote {}", out.display());
        }
        ExportCommand::Data {
            database,
            format,
            out,
            include_free_text,
        } => {
            use hub::export::data::{self, DataFormat, DataOptions};
            let settings = settings_for(database, None, true)?;
            init_logging(settings.log_json);
            let format = match format.as_str() {
                "csv" => DataFormat::Csv,
                "datapackage" => DataFormat::Datapackage,
                "parquet" => DataFormat::Parquet,
                other => anyhow::bail!(
                    "--format: unknown value {other:?}; valid: csv, parquet, datapackage"
                ),
            };
            let conn = open_existing(&settings).await?;
            let written = data::export(
                &conn,
                out,
                DataOptions {
                    format,
                    include_free_text: *include_free_text,
                },
            )
            .await
            .with_context(|| format!("cannot write the tables into {}", out.display()))?;
            for table in &written {
                println!("{:>9} rows  {}", table.rows, table.path.display());
            }
        }
        ExportCommand::Charts {
            database,
            out,
            filters,
        } => {
            let settings = settings_for(database, None, true)?;
            init_logging(settings.log_json);
            let view = filters.view()?;
            let conn = open_existing(&settings).await?;
            let frames = charts::frames(&conn).await?;
            let total = (dashboard::ChartName::ALL.len() * dashboard::Format::ALL.len()) as u64;
            let bar = indicatif::ProgressBar::new(total).with_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} charts {bar:40} {pos}/{len} {msg}",
                )
                .context("progress bar template")?,
            );
            let written = charts::write_all(&frames, &view, settings.min_group_size, out, |path| {
                bar.set_message(path.display().to_string());
                bar.inc(1);
            })
            .with_context(|| format!("cannot write the charts into {}", out.display()))?;
            bar.finish_and_clear();
            println!("wrote {} files into {}", written.len(), out.display());
        }
    }
    Ok(())
}

/// A progress bar on stderr (drawn only on a terminal).
struct Bar(indicatif::ProgressBar);

impl hub::import::Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        self.0.set_message(name.to_owned());
        self.0.set_length(total);
        self.0.set_position(0);
    }
    fn advance(&self, done: u64) {
        self.0.inc(done);
    }
}

async fn import(
    what: &ImportCommand,
    settings_for: &impl Fn(&DatabaseArgs, Option<SocketAddr>, bool) -> hub::Result<Settings>,
) -> anyhow::Result<()> {
    use hub::import::{self, Outcome};
    let args = what.args();
    let settings = settings_for(&args.database, None, true)?;
    init_logging(settings.log_json);
    let conn = open_existing(&settings).await?;
    let options = import::Options {
        no_update: args.no_update,
        max_problems: args.max_problems,
    };
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {bar:40} {pos}/{len} rows")
            .context("progress bar template")?,
    );
    let progress = Bar(bar.clone());
    let outcome = match what {
        ImportCommand::Organisations { .. } => {
            import::organisations::import(&conn, &args.file, options, &progress).await?
        }
        ImportCommand::Datapackage { .. } => {
            import::package::import(&conn, &args.file, options, &progress).await?
        }
        ImportCommand::Findings { .. } => {
            import::findings::import(&conn, &args.file, options, &progress).await?
        }
        ImportCommand::Survey { survey, .. } => {
            import::survey::import(&conn, survey, &args.file, options, &progress).await?
        }
    };
    bar.finish_and_clear();
    if let Some(report) = &args.report {
        let json = serde_json::to_vec_pretty(&outcome).context("the report as JSON")?;
        hub::export::write_atomically(report, &json)
            .with_context(|| format!("cannot write the report {}", report.display()))?;
    }
    match outcome {
        Outcome::Written { summary } => {
            println!(
                "{}: {} inserted, {} updated, {} unchanged, {} rejected",
                args.file.display(),
                summary.inserted,
                summary.updated,
                summary.unchanged,
                summary.rejected
            );
            Ok(())
        }
        Outcome::Refused {
            summary,
            problems,
            more,
        } => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            if more > 0 {
                eprintln!("... and {more} more problems");
            }
            anyhow::bail!(
                "{}: refused, nothing was written: {} problems, {} of its rows rejected",
                args.file.display(),
                problems.len() + more,
                summary.rejected
            )
        }
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

//! `hub import ...`: partners' files into the database, checked whole before anything
//! is written.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use hub::{
    config::Settings,
    import::{self, Outcome},
};

use super::{DatabaseArgs, progress_bar};

/// Opens the database of an import, creating and migrating a new one as `hub serve`
/// would (without the demo). Partner files are refused in the synthetic demo database
/// unless `into_demo` says to mix them in for an experiment.
async fn open_for_import(
    settings: &Settings,
    into_demo: bool,
) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let (conn, _) = hub::db::connect(&settings.database).await?;
    hub::db::migrate(&conn).await?;
    let synthetic = hub::service::version::meta(&conn, "synthetic").await?;
    if synthetic.as_deref() == Some("true") && !into_demo {
        anyhow::bail!(
            "{} holds the synthetic demo dataset; partner data goes into a real database, \
             so that real and invented records are never mixed. Start one with \
             `hub migrate --database-url sqlite://hub-real.db` (or `hub serve --no-demo`) \
             and import into it; `--into-demo` imports here anyway, for an experiment, \
             and the dataset stays labelled synthetic",
            settings.database
        );
    }
    Ok(conn)
}

/// The flags every import takes.
#[derive(Args, Clone)]
pub struct ImportArgs {
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
    /// Refuse a file larger than this many megabytes (MiB) before reading it.
    #[arg(long, default_value_t = 100)]
    max_file_mb: u64,
    /// Import into the synthetic demo database anyway, for experiments: it stays labelled
    /// synthetic. Without it, partner files go only into a real database.
    #[arg(long)]
    into_demo: bool,
}

/// What to import.
#[derive(Subcommand)]
pub enum Import {
    /// Partner areas and their municipalities (or districts), one row per area.
    /// Columns: code, name, kind (REGION, MUNICIPALITY or DISTRICT), country_code;
    /// optional parent (a REGION's code; required for the others), country_name,
    /// municipalities (a REGION's count), population with population_source and
    /// population_year, languages (ISO 639-1 codes separated by `;`). The five partner
    /// areas ship in examples/areas.csv.
    Areas {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// The codebook: themes and their sub-codes, one row each. Columns: theme, name::en;
    /// optional sub_code (empty on the theme's own row), name::xx and description::xx
    /// for any language (descriptions on theme rows). The file is the whole codebook:
    /// a stored code it leaves out is removed, unless findings, questions or
    /// collaborations use it (then nothing is written and the counts are named).
    Codebook {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// The registry, one row per organisation. Columns: id, name, region (code, e.g.
    /// LV-TALSI), kind, status; optional founded_year, closed_year, closure_reason,
    /// fields_of_activity and target_groups (separated by `;`), website,
    /// last_verified (YYYY-MM-DD), source, successor_id.
    Organisations {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Coded interview quotes, one row per finding. Columns: id, interview (the
    /// interview's id), region, held_on (YYYY-MM-DD), interviewee_role, language (any
    /// ISO 639-1 code: pl, tr, ...), theme, quote; optional sub_code, translation
    /// (English) and visibility (PUBLIC or PROJECT, the default).
    Findings {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Examples of cooperation, one row per example. Columns: id, region, title::en,
    /// description::en; optional title::xx, description::xx and lessons::xx for any
    /// language (ISO 639-1), municipality (code or name, in the row's region), place
    /// (the town or village, free text),
    /// organisations (registry ids), themes (codebook codes) and outcomes
    /// (LOCAL_CAPACITY_KNOWLEDGE, NEW_IDEAS, SOCIAL_INCLUSION), each separated by `;`,
    /// start_year, end_year, funding, agreement (NONE, INFORMAL, WRITTEN, CONTRACT).
    Collaborations {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Conclusions, recommendations, toolkit items and roadmap steps, with their evidence.
    ///
    /// One row each, in the order the pages list them. Columns: id, type (RECOMMENDATION,
    /// TOOLKIT_ITEM, CONCLUSION, ROADMAP_STEP), title::en, text::en; optional title::xx
    /// and text::xx for any language, status (DRAFT, the default, or PUBLISHED: the
    /// public sees published ones only); for a recommendation its audience
    /// (MUNICIPALITIES, ORGANISATIONS, POLICY_MAKERS); for a toolkit item its toolkit_kind
    /// (GUIDE, TEMPLATE, CHECKLIST, CONTACT_POINT), a link and/or a file (its name in the
    /// folder of FILE, at most 10 MiB); for a roadmap step when it is due, who takes it
    /// and the recommendation (its id) it carries out. What it answers and rests on, each
    /// list separated by `;`: themes, sub_codes, findings and collaborations (their
    /// ids), figures (MEASURE ITEM COUNTRY with ROLE_GAP or THEME_SCORE and a theme, or
    /// AGREE_SHARE and a Likert question, e.g. `ROLE_GAP PROCESSES_BUREAUCRACY LV`).
    Recommendations {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// A whole `hub export data` folder (FILE is the folder), restored into an empty
    /// database with its ids: to move a hub, e.g. from SQLite to PostgreSQL.
    Datapackage {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// A survey defined as an XLSForm (.xlsx, as KoboToolbox and ODK use): sheets survey
    /// (type, name, label::Language (xx), hint, required, groups, and this hub's theme
    /// and sub_code columns), choices and settings (form_id, form_title, version,
    /// default_language). select_one over the five choices 1 to 5 is a Likert question;
    /// other select_one, select_multiple, integer, decimal and text are kept; the fields
    /// region, role, organisation and municipality describe the respondent; notes,
    /// calculations, locations, dates, media and repeats are listed and skipped. A new
    /// version may add questions and change texts; changing a question's kind or
    /// choices once it has answers is refused.
    Form {
        /// The survey's code; by default the form's form_id.
        #[arg(long)]
        survey: Option<String>,
        /// The wave: the year the survey is fielded. Required for a new survey unless the
        /// settings sheet has a `wave` column.
        #[arg(long)]
        wave: Option<i32>,
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

/// A progress bar on stderr (drawn only on a terminal).
struct Bar(indicatif::ProgressBar);

impl import::Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        self.0.set_message(name.to_owned());
        self.0.set_length(total);
        self.0.set_position(0);
    }
    fn advance(&self, done: u64) {
        self.0.inc(done);
    }
}

impl Import {
    fn args(&self) -> &ImportArgs {
        match self {
            Self::Organisations { args }
            | Self::Areas { args }
            | Self::Codebook { args }
            | Self::Collaborations { args }
            | Self::Recommendations { args }
            | Self::Findings { args }
            | Self::Datapackage { args }
            | Self::Survey { args, .. }
            | Self::Form { args, .. } => args,
        }
    }

    pub fn database(&self) -> &DatabaseArgs {
        &self.args().database
    }

    pub async fn run(&self, settings: &Settings) -> anyhow::Result<()> {
        let args = self.args();
        let conn = open_for_import(settings, args.into_demo).await?;
        let options = import::Options {
            no_update: args.no_update,
            max_problems: args.max_problems,
            file_limits: import::table::FileLimits {
                bytes: args.max_file_mb.saturating_mul(1 << 20),
                ..Default::default()
            },
            ..import::Options::default()
        };
        let bar = progress_bar(0, "{spinner} {msg} {bar:40} {pos}/{len} rows")?;
        let progress = Bar(bar.clone());
        let file = &args.file;
        let outcome = match self {
            Self::Organisations { .. } => {
                import::organisations::import(&conn, file, options, &progress).await?
            }
            Self::Areas { .. } => import::areas::import(&conn, file, options, &progress).await?,
            Self::Codebook { .. } => {
                import::codebook::import(&conn, file, options, &progress).await?
            }
            Self::Collaborations { .. } => {
                import::collaborations::import(&conn, file, options, &progress).await?
            }
            Self::Recommendations { .. } => {
                import::guidance::import(&conn, file, options, &progress).await?
            }
            Self::Datapackage { .. } => {
                import::package::import(&conn, file, options, &progress).await?
            }
            Self::Findings { .. } => {
                import::findings::import(&conn, file, options, &progress).await?
            }
            Self::Survey { survey, .. } => {
                import::survey::import(&conn, survey, file, options, &progress).await?
            }
            Self::Form { survey, wave, .. } => {
                let imported =
                    import::form::import(&conn, file, survey.as_deref(), *wave, options, &progress)
                        .await?;
                bar.finish_and_clear();
                for skipped in &imported.skipped {
                    println!(
                        "skipped: survey row {}, {} ({}): {}",
                        skipped.row, skipped.name, skipped.kind, skipped.reason
                    );
                }
                for note in &imported.notes {
                    println!("note: {note}");
                }
                write_report(args, &imported)?;
                return report_outcome(
                    file,
                    &format!("survey {}: questions ", imported.survey),
                    imported.outcome,
                );
            }
        };
        bar.finish_and_clear();
        write_report(args, &outcome)?;
        report_outcome(file, "", outcome)
    }
}

/// Writes `--report` as JSON, if asked for.
fn write_report(args: &ImportArgs, outcome: &impl serde::Serialize) -> anyhow::Result<()> {
    if let Some(report) = &args.report {
        let json = serde_json::to_vec_pretty(outcome).context("the report as JSON")?;
        hub::export::write_atomically(report, &json)
            .with_context(|| format!("cannot write the report {}", report.display()))?;
    }
    Ok(())
}

/// Prints what was written, or the problems and an error when nothing was.
fn report_outcome(file: &std::path::Path, what: &str, outcome: Outcome) -> anyhow::Result<()> {
    match outcome {
        Outcome::Written { summary } => {
            let removed = if summary.removed > 0 {
                format!(", {} removed", summary.removed)
            } else {
                String::new()
            };
            println!(
                "{}: {what}{} inserted, {} updated, {} unchanged, {} rejected{removed}",
                file.display(),
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
                file.display(),
                problems.len() + more,
                summary.rejected
            )
        }
    }
}

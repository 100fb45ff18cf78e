//! `hub export ...`: the dashboard's charts and the tables, written to files.

use std::path::PathBuf;

use analytics::{OrganisationKind, Role};
use anyhow::Context;
use clap::{
    Args, Subcommand,
    builder::{PossibleValuesParser, TypedValueParser},
};
use dashboard::{ChartName, Format, Lang};
use hub::{
    config::Settings,
    export::{
        charts,
        data::{self, DataFormat, DataOptions},
        sheet,
    },
    service::charts::View,
};

use super::{DatabaseArgs, open_existing, progress_bar};

/// What to export.
#[derive(Subcommand)]
pub enum Export {
    /// Write one chart: likert, theme-scores, role-gap, country-differences, wave-change,
    /// theme-frequency, theme-cooccurrence, registry, registry-years, choices or freshness.
    Chart {
        #[command(flatten)]
        database: DatabaseArgs,
        /// The chart's name.
        #[arg(value_parser = one_of(&ChartName::ALL, ChartName::slug))]
        name: ChartName,
        /// File format.
        #[arg(long, default_value = "svg", value_parser = one_of(&Format::ALL, Format::extension))]
        format: Format,
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
        /// csv, parquet, datapackage (CSV with a Frictionless datapackage.json) or import
        /// (the files `hub import` reads: areas.csv, codebook.csv, form-CODE.xlsx and
        /// survey-CODE.csv per survey, organisations.csv, findings.csv).
        #[arg(long, value_enum, default_value_t = DataFormat::Csv)]
        format: DataFormat,
        /// The folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Keep free-text answers (left out by default: they may identify people).
        #[arg(long)]
        include_free_text: bool,
    },
    /// Write a country's sheet (as `/countries/CC` shows it: facts, registry, survey
    /// highlights, frequent sub-codes with a public quote each, collaborations) into one
    /// HTML file with its charts inline, to open offline or print on A4.
    Sheet {
        #[command(flatten)]
        database: DatabaseArgs,
        /// The country's ISO code, e.g. LV.
        country: String,
        /// The file to write, e.g. latvia.html.
        #[arg(long)]
        out: PathBuf,
        /// The sheet's language.
        #[arg(long, default_value = "en", value_parser = one_of(&Lang::ALL, Lang::code))]
        lang: Lang,
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

/// The filters of a chart, as the dashboard's URLs take them.
#[derive(Args, Clone, Default)]
pub struct ChartFilters {
    /// Only these countries (ISO code; repeat for several).
    #[arg(long)]
    country: Vec<String>,
    /// Only respondents in these roles (repeatable).
    #[arg(long, ignore_case = true, value_parser = one_of(Role::ALL, Role::code))]
    role: Vec<Role>,
    /// Only respondents of these organisation kinds (repeatable).
    #[arg(long, ignore_case = true, value_parser = one_of(OrganisationKind::ALL, OrganisationKind::code))]
    kind: Vec<OrganisationKind>,
    /// The question of the likert and choices charts, e.g. SU1.
    #[arg(long)]
    question: Option<String>,
    /// The earlier survey wave of the wave-change chart (a survey code, e.g. YC-2025);
    /// the one before --to, or the second latest, when omitted.
    #[arg(long)]
    from: Option<String>,
    /// The later survey wave of the wave-change chart; the latest when omitted.
    #[arg(long)]
    to: Option<String>,
    /// Language of the texts.
    #[arg(long, default_value = "en", ignore_case = true, value_parser = one_of(&Lang::ALL, Lang::code))]
    lang: Lang,
    /// PNG width in pixels (200 to 4000).
    #[arg(long)]
    width: Option<u32>,
    /// PNG height in pixels (200 to 4000).
    #[arg(long)]
    height: Option<u32>,
}

impl ChartFilters {
    /// The view these flags ask for, with codes in the case the data uses.
    fn view(&self) -> View {
        View {
            lang: self.lang,
            countries: self
                .country
                .iter()
                .map(|c| c.trim().to_ascii_uppercase())
                .collect(),
            roles: self.role.clone(),
            kinds: self.kind.clone(),
            question: self
                .question
                .as_ref()
                .map(|q| q.trim().to_ascii_uppercase()),
            from: self.from.as_ref().map(|s| s.trim().to_ascii_uppercase()),
            to: self.to.as_ref().map(|s| s.trim().to_ascii_uppercase()),
            width: self.width,
            height: self.height,
            ..View::default()
        }
    }
}

/// A flag value out of `all`, by its code; `--help` lists the codes.
pub(super) fn one_of<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    code: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(all.iter().map(|v| code(*v))).try_map(move |given: String| {
        all.iter()
            .copied()
            .find(|v| code(*v).eq_ignore_ascii_case(&given))
            .ok_or("not one of the possible values")
    })
}

impl Export {
    pub fn database(&self) -> &DatabaseArgs {
        match self {
            Self::Chart { database, .. }
            | Self::Data { database, .. }
            | Self::Sheet { database, .. }
            | Self::Charts { database, .. } => database,
        }
    }

    pub async fn run(&self, settings: &Settings) -> anyhow::Result<()> {
        let conn = open_existing(settings).await?;
        match self {
            Self::Chart {
                name,
                format,
                out,
                filters,
                ..
            } => {
                let frames = charts::frames(&conn).await?;
                charts::write_chart(
                    &frames,
                    *name,
                    *format,
                    &filters.view(),
                    settings.min_group_size,
                    out,
                )
                .with_context(|| format!("cannot write {}", out.display()))?;
                println!("wrote {}", out.display());
            }
            Self::Data {
                format,
                out,
                include_free_text,
                ..
            } => {
                let options = DataOptions {
                    format: *format,
                    include_free_text: *include_free_text,
                };
                let written = data::export(&conn, out, options, &hub::access::accounts::operator())
                    .await
                    .with_context(|| format!("cannot write the tables into {}", out.display()))?;
                for table in &written {
                    println!("{:>9} rows  {}", table.rows, table.path.display());
                }
            }
            Self::Sheet {
                country, out, lang, ..
            } => {
                let frames = charts::frames(&conn).await?;
                let shell = dashboard::pages::Shell {
                    lang: *lang,
                    path: format!("/countries/{}", country.to_ascii_uppercase()),
                    params: Vec::new(),
                    synthetic: frames.synthetic,
                    data_version: frames.version,
                    account: None,
                };
                let html = sheet::sheet(
                    &conn,
                    &frames,
                    country,
                    settings.min_group_size,
                    &shell,
                    true,
                )
                .await?;
                hub::export::write_atomically(out, html.as_bytes())
                    .with_context(|| format!("cannot write {}", out.display()))?;
                println!("wrote {} ({} bytes)", out.display(), html.len());
            }
            Self::Charts { out, filters, .. } => {
                let frames = charts::frames(&conn).await?;
                let drawable = (ChartName::ALL.iter())
                    .filter(|n| hub::service::charts::available(&frames, **n))
                    .count();
                let total = (drawable * Format::ALL.len()) as u64;
                let bar = progress_bar(total, "{spinner} charts {bar:40} {pos}/{len} {msg}")?;
                let view = filters.view();
                let written =
                    charts::write_all(&frames, &view, settings.min_group_size, out, |path| {
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
}

//! `hub demo`: the synthetic demo dataset, at any scale.

use clap::Args;
use hub::{config::Settings, db, demo};

use super::{DatabaseArgs, progress_bar};

/// The flags of `hub demo`.
#[derive(Args)]
pub struct Demo {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Number of survey respondents (each answers about 22 questions).
    #[arg(long, default_value_t = 630, value_parser = clap::value_parser!(u32).range(1..=2_000_000))]
    respondents: u32,
    /// Seed of every random choice; the same seed gives the same data.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Delete all data in the database first.
    #[arg(long)]
    replace: bool,
}

impl Demo {
    pub async fn run(&self, settings: &Settings) -> anyhow::Result<()> {
        let (conn, _) = db::connect(&settings.database).await?;
        db::migrate(&conn).await?;
        if self.replace {
            demo::clear(&conn).await?;
        } else if !demo::is_empty(&conn).await? {
            anyhow::bail!(
                "{} already holds data; pass --replace to delete it and write the demo data",
                settings.database
            );
        }
        let options = demo::DemoOptions {
            seed: self.seed,
            respondents: self.respondents as usize,
        };
        let bar = progress_bar(
            u64::from(self.respondents),
            "{spinner} respondents {bar:40} {pos}/{len} ({per_sec}, {eta} left)",
        )?;
        let started = std::time::Instant::now();
        let summary = demo::fill(&conn, &options, Some(&bar)).await?;
        bar.finish_and_clear();
        println!(
            "wrote synthetic demo data to {} in {:.1} s: {} regions, {} organisations, {} questions, \
             {} respondents, {} answers, {} interviews, {} findings, {} collaborations, \
             {} conclusions, recommendations, toolkit items and roadmap steps",
            settings.database,
            started.elapsed().as_secs_f64(),
            summary.regions,
            summary.organisations,
            summary.questions,
            summary.respondents,
            summary.answers,
            summary.interviews,
            summary.findings,
            summary.collaborations,
            summary.guidance
        );
        Ok(())
    }
}

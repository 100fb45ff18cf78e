//! `hub registry ...`: the private links with which listed organisations keep their own
//! entries current.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use hub::{access::accounts::operator, config::Settings, service::links};

use super::{DatabaseArgs, accounts::duration, open_existing};

/// What to do with the links.
#[derive(Subcommand)]
pub enum Registry {
    /// Make a private link for every organisation of a region that is not closed, and
    /// write them to a CSV file for a mail merge (the links are shown only here).
    Links {
        #[command(flatten)]
        database: DatabaseArgs,
        /// The region's code, e.g. LV-TALSI.
        #[arg(long)]
        region: String,
        /// The CSV file to write: organisation_id, external_id, name, website, link,
        /// expires_at (the same file as the dashboard's button on /reviews).
        #[arg(long)]
        out: PathBuf,
        /// How long the links work, e.g. 60d or 12h.
        #[arg(long, default_value = "60d", value_parser = duration)]
        expires: chrono::Duration,
        /// The hub's address as the organisations reach it.
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        base_url: String,
    },
    /// Withdraw every working link of one organisation.
    Revoke {
        #[command(flatten)]
        database: DatabaseArgs,
        /// The organisation's id in the hub.
        #[arg(long)]
        organisation: i32,
    },
}

impl Registry {
    /// The database flags.
    pub fn database(&self) -> &DatabaseArgs {
        match self {
            Self::Links { database, .. } | Self::Revoke { database, .. } => database,
        }
    }

    /// Runs the command.
    pub async fn run(self, settings: &Settings) -> anyhow::Result<()> {
        let conn = open_existing(settings).await?;
        match self {
            Self::Links {
                region,
                out,
                expires,
                base_url,
                ..
            } => {
                let made = links::create(&conn, &operator(), &region, expires).await?;
                let bytes = links::mail_merge(&made, &base_url)?;
                hub::export::write_atomically(&out, &bytes)
                    .with_context(|| format!("cannot write {}", out.display()))?;
                println!(
                    "{} links for {} written to {} (they work until {}; keep the file private)",
                    made.len(),
                    region.trim().to_ascii_uppercase(),
                    out.display(),
                    made.first()
                        .map(|l| l.expires_at.to_rfc3339())
                        .unwrap_or_default()
                );
            }
            Self::Revoke { organisation, .. } => {
                let n = links::revoke(&conn, &operator(), organisation).await?;
                println!("{n} links of organisation {organisation} withdrawn");
            }
        }
        Ok(())
    }
}

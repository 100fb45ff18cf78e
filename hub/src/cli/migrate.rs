//! `hub migrate`: apply or list the database migrations.

use clap::Args;
use hub::{config::Settings, db};

use super::DatabaseArgs;

/// The flags of `hub migrate`.
#[derive(Args)]
pub struct Migrate {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Only list the migrations and whether each is applied.
    #[arg(long)]
    status: bool,
}

impl Migrate {
    pub async fn run(&self, settings: &Settings) -> anyhow::Result<()> {
        let (conn, _) = db::connect(&settings.database).await?;
        if !self.status {
            db::migrate(&conn).await?;
        }
        for (name, applied) in db::migration_status(&conn).await? {
            println!("{} {name}", if applied { "applied" } else { "pending" });
        }
        Ok(())
    }
}

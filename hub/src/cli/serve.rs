//! `hub serve`: the dashboard and the GraphQL API.

use std::net::SocketAddr;

use clap::Args;
use hub::{
    config::{Overrides, Settings},
    server,
};

use super::DatabaseArgs;

/// The flags of `hub serve`.
#[derive(Args)]
pub struct Serve {
    #[command(flatten)]
    database: DatabaseArgs,
    /// Address to listen on, e.g. 127.0.0.1:8080; port 0 picks a free port.
    #[arg(long, env = "HUB_BIND")]
    bind: Option<SocketAddr>,
    /// Leave an empty database empty instead of filling it with demo data.
    #[arg(long, env = "HUB_NO_DEMO")]
    no_demo: bool,
}

impl Serve {
    pub fn overrides(&self) -> Overrides {
        Overrides {
            bind: self.bind,
            no_demo: self.no_demo,
            ..self.database.overrides()
        }
    }
}

/// Serves until SIGINT or SIGTERM.
pub async fn run(settings: &Settings) -> anyhow::Result<()> {
    server::serve(settings).await?;
    Ok(())
}

//! Times the analytics on a database: building the frames from it, then the full set of
//! comparisons on the frames in memory. `bench/analytics.sh` runs it and compares the
//! figures with DuckDB and pandas doing the same work on the same data.
//!
//! Usage: analytics_bench DATABASE_URL [RUNS]; prints one JSON object.

use std::time::Instant;

use analytics::{Filter, Grouping, Inputs};
use hub::{config::DatabaseUrl, db, service::frames};

/// The hub binary's allocator (`hub/src/main.rs`), so that the memory measured is the
/// server's.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn full_set(inputs: &Inputs, questions: &[String], today: i32) -> analytics::Result<usize> {
    let all = Filter::default();
    let country = [Grouping::Country];
    let mut rows = 0;
    for q in questions {
        rows += inputs.likert_distribution(q, &country, &all, 5)?.len();
    }
    rows += inputs
        .theme_scores(&[Grouping::Country, Grouping::Role], &all, 5)?
        .len();
    rows += inputs.role_gap(&all, 5)?.len();
    rows += inputs.country_differences(&all, 5)?.len();
    rows += inputs.theme_frequency(&country, &all)?.len();
    rows += inputs.theme_cooccurrence(&all)?.len();
    rows += inputs.registry_stats(&country, today)?.len();
    rows += inputs.choice_shares("CH1", &country, &all, 5)?.len();
    Ok(rows)
}

/// This process's resident memory now, in MiB (Linux), with the tables and frames held.
fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sqlite://hub.db".into());
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let (conn, _) = db::connect(&DatabaseUrl::parse(&url)?).await?;
    // Reading the database and making the frames (with the derived per-person theme
    // scores and the answers sorted by question) are timed apart: the second is work
    // DuckDB and pandas do inside their timed comparisons.
    let mut read = Vec::new();
    let mut tables = None;
    for _ in 0..3 {
        let started = Instant::now();
        tables = Some(frames::read(&conn).await?.0);
        read.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let tables = tables.ok_or_else(|| anyhow::anyhow!("no tables"))?;
    let mut derive = Vec::new();
    let mut inputs = None;
    for _ in 0..runs {
        let copy = tables.clone();
        let started = Instant::now();
        inputs = Some(copy.into_inputs()?);
        derive.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let inputs = inputs.ok_or_else(|| anyhow::anyhow!("no frames"))?;
    // What the server holds once its frames are built: the frames, not the tables read.
    drop(tables);
    let questions: Vec<String> = (1..=5)
        .flat_map(|i| ["SU", "RT", "PB", "CR"].map(|p| format!("{p}{i}")))
        .collect();
    let today = frames::today();
    let rows = full_set(&inputs, &questions, today)?;
    let mut compute = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        full_set(&inputs, &questions, today)?;
        compute.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    // jemalloc gives freed pages back within a second (`.cargo/config.toml`).
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    println!(
        "{}",
        serde_json::json!({
            "answers": inputs.answer_count(),
            "rows": rows,
            "read_ms_median": median(read.clone()),
            "read_ms": read,
            "frames_ms_median": median(derive.clone()),
            "frames_ms": derive,
            "compute_ms_median": median(compute.clone()),
            "compute_ms": compute,
            "rss_mib": rss_mib(),
        })
    );
    Ok(())
}

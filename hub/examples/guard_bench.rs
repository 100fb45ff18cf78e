//! What measuring a query before running it costs: `bench/guard.sh` runs it. In one run,
//! on the demo data in a fresh SQLite file, it times the organisations query executed
//! in-process (guard included) and the guard's check of the same document alone, and
//! prints the check's share of the request; then the time to refuse the fragment bomb.

use std::time::{Duration, Instant};

use async_graphql::{Variables, parser::parse_query};
use hub::{
    config::{DatabaseUrl, Settings},
    db, demo,
    graphql::{self, SchemaParts, guard::Guard},
    service::{frames::FrameCache, version::VersionWatch},
};

const QUERY: &str =
    "{ organisations(first: 50) { nodes { name kind status region { name countryCode } } } }";

fn fragment_bomb() -> String {
    let mut query = String::from("{ regions { ...F0 } }\n");
    for i in 0..30 {
        query.push_str(&format!(
            "fragment F{i} on Region {{ ...F{n} ...F{n} ...F{n} }}\n",
            n = i + 1
        ));
    }
    query.push_str("fragment F30 on Region { code }\n");
    query
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("hub-guard-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = DatabaseUrl::Sqlite(dir.join("hub.db"));
    let (conn, _) = db::connect(&url).await?;
    db::migrate(&conn).await?;
    demo::fill(&conn, &demo::DemoOptions::default(), None).await?;
    let settings = Settings::default();
    let frames = std::sync::Arc::new(FrameCache::new(VersionWatch::new(&conn).await?));
    let schema = graphql::schema(
        conn.clone(),
        SchemaParts {
            limits: settings.query_limits,
            loader_delay: settings.loader_delay,
            frames,
            min_group_size: settings.min_group_size,
        },
    );

    let runs = 500;
    let mut executed = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let response = schema.execute(QUERY).await;
        executed.push(started.elapsed());
        if !response.errors.is_empty() {
            return Err(format!("the query failed: {:?}", response.errors).into());
        }
    }
    executed.sort();
    let request = executed[runs / 2];

    let guard = Guard::new(&graphql::sdl(), settings.query_limits);
    let variables = Variables::default();
    let check = median(5_000, || {
        let document = parse_query(QUERY).ok();
        if let Some(document) = document {
            let _ = guard.check(
                QUERY.len(),
                &document,
                &variables,
                hub::access::Role::Public,
            );
        }
    });
    let bomb = fragment_bomb();
    let refuse = median(1_000, || {
        if let Ok(document) = parse_query(&bomb) {
            let _ = guard.check(bomb.len(), &document, &variables, hub::access::Role::Public);
        }
    });
    println!("organisations(first: 50) executed in-process, median of {runs}: {request:?}");
    println!("parse + guard check of the same query, median of 5000: {check:?}");
    println!(
        "guard share of the request: {:.2} % (target under 5 %)",
        100.0 * check.as_secs_f64() / request.as_secs_f64()
    );
    println!(
        "fragment bomb ({} bytes, 3^30 expansions) parsed and refused, median of 1000: {refuse:?} (target under 5 ms)",
        bomb.len()
    );
    conn.close().await?;
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

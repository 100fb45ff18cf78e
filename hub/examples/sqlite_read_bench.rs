//! What a page of the registry costs to read from SQLite: through sea-orm and sqlx (the
//! hub's path today: a worker thread per connection, each row handed across a channel)
//! against `rusqlite` on the caller's thread or on tokio's blocking pool. It reads the
//! page of issue 15's read-path benchmark (50 organisations by name, each with its
//! region, 51 rows with the look-ahead row) from 32 tasks at once on the hub's runtime,
//! and prints pages/s and CPU per page for each path, and their ratios.
//!
//! Usage: cargo run --release -p hub --example sqlite_read_bench -- FILE.db [PAGES]
//! (FILE.db made by `hub demo --database-url sqlite://FILE.db`; PAGES per path,
//! default 20000)

use std::{
    future::Future,
    path::PathBuf,
    sync::{Arc, Mutex},
    time::Instant,
};

use hub::{
    config::DatabaseUrl,
    entity::{organisation, region},
    service::{
        page::PageRequest,
        registry::{OrganisationOrder, organisations_with_regions},
    },
};
use sea_orm::{
    Condition, ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic, Order, QueryOrder,
    QueryTrait, SelectA, SelectB,
    sea_query::{SqliteQueryBuilder, Value},
};

const TASKS: usize = 32;
const PAGE: u64 = 50;

/// A few open read-only connections, taken and put back around each read.
struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<rusqlite::Connection>>,
}

impl Pool {
    fn read(&self, sql: &str, values: &[Value]) -> rusqlite::Result<usize> {
        let taken = self.idle.lock().map(|mut idle| idle.pop()).ok().flatten();
        let conn = match taken {
            Some(conn) => conn,
            None => rusqlite::Connection::open_with_flags(
                &self.path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?,
        };
        let rows = read_page(&conn, sql, values);
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
        }
        rows
    }
}

/// Reads every column (preparing the statement each time: without rusqlite's `cache`
/// feature there is no statement cache, so this path is measured at a disadvantage) of every row as the models would hold it: integers, owned
/// strings, the JSON lists parsed.
fn read_page(conn: &rusqlite::Connection, sql: &str, values: &[Value]) -> rusqlite::Result<usize> {
    let mut statement = conn.prepare(sql)?;
    let params = values
        .iter()
        .map(|v| -> rusqlite::Result<Box<dyn rusqlite::ToSql>> {
            match v {
                Value::Int(Some(n)) => Ok(Box::new(*n)),
                Value::BigInt(Some(n)) => Ok(Box::new(*n)),
                Value::String(Some(s)) => Ok(Box::new(s.clone())),
                other => Err(rusqlite::Error::InvalidParameterName(format!(
                    "a value this benchmark does not bind: {other:?}"
                ))),
            }
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let columns = statement.column_count();
    let mut rows = statement.query(rusqlite::params_from_iter(params.iter()))?;
    let mut read = 0;
    let mut kept: Vec<(Option<i64>, Option<String>, Option<serde_json::Value>)> =
        Vec::with_capacity(columns);
    while let Some(row) = rows.next()? {
        kept.clear();
        for index in 0..columns {
            use rusqlite::types::ValueRef;
            kept.push(match row.get_ref(index)? {
                ValueRef::Integer(n) => (Some(n), None, None),
                ValueRef::Text(t) if t.first() == Some(&b'[') => {
                    (None, None, serde_json::from_slice(t).ok())
                }
                ValueRef::Text(t) => (None, Some(String::from_utf8_lossy(t).into_owned()), None),
                _ => (None, None, None),
            });
        }
        read += 1;
    }
    Ok(read)
}

fn cpu_seconds() -> f64 {
    // utime + stime of this process, from /proc (ticks of 100 Hz).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

async fn measure<F, Fut>(name: &str, pages: usize, read: F) -> Result<f64, String>
where
    F: Fn() -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = Result<usize, String>> + Send,
{
    let (cpu, start) = (cpu_seconds(), Instant::now());
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let read = read.clone();
            tokio::spawn(async move {
                for _ in 0..pages / TASKS {
                    let rows = read().await?;
                    if rows != PAGE as usize + 1 {
                        return Err(format!("read {rows} rows, not {}", PAGE + 1));
                    }
                }
                Ok(())
            })
        })
        .collect();
    for task in tasks {
        task.await.map_err(|e| e.to_string())??;
    }
    let seconds = start.elapsed().as_secs_f64();
    let per_second = pages as f64 / seconds;
    let cpu_us = (cpu_seconds() - cpu) / pages as f64 * 1e6;
    println!("| {name} | {per_second:.0} | {cpu_us:.0} |");
    Ok(per_second)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .ok_or("usage: sqlite_read_bench FILE.db [PAGES]")?,
    );
    let pages: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let (db, _) = hub::db::connect(&DatabaseUrl::Sqlite(path.clone())).await?;

    // The statement the hub runs for this page (registry::organisations_with_regions).
    let query = organisation::Entity::find()
        .find_also_related(region::Entity)
        .order_by(organisation::Column::NameFolded, Order::Asc)
        .order_by(organisation::Column::Id, Order::Asc)
        .into_query();
    let (mut sql, values) = query.build(SqliteQueryBuilder);
    sql.push_str(&format!(" LIMIT {} OFFSET 0", PAGE + 1));
    let values = Arc::new(values.0);
    let sql: Arc<str> = sql.into();
    let pool = Arc::new(Pool {
        path,
        idle: Mutex::new(Vec::new()),
    });

    println!("| path, {TASKS} tasks, 2 tokio workers | pages/s | CPU µs per page |");
    println!("|---|---:|---:|");
    let request = PageRequest {
        limit: PAGE,
        offset: 0,
    };
    // sea-orm over sqlx, as the hub read this page before `service::sqlite_read`.
    let sea = {
        let (db, sql, values) = (db.clone(), sql.clone(), values.clone());
        move || {
            let statement = sea_orm::Statement::from_sql_and_values(
                sea_orm::DbBackend::Sqlite,
                sql.to_string(),
                values.iter().cloned(),
            );
            let db = db.clone();
            async move {
                let rows = db
                    .query_all_raw(statement)
                    .await
                    .map_err(|e| e.to_string())?;
                for row in &rows {
                    organisation::Model::from_query_result(row, SelectA.as_str())
                        .map_err(|e| e.to_string())?;
                    region::Model::from_query_result_optional(row, SelectB.as_str())
                        .map_err(|e| e.to_string())?;
                }
                Ok(rows.len())
            }
        }
    };
    // The hub's page function, as it reads now.
    let hub = {
        let db = db.clone();
        move || {
            let db = db.clone();
            async move {
                let page = organisations_with_regions(
                    &db,
                    Condition::all(),
                    OrganisationOrder::NameAsc,
                    request,
                    None,
                )
                .await
                .map_err(|e| e.to_string())?;
                Ok(page.items.len() + usize::from(page.has_next))
            }
        }
    };
    let inline = {
        let (pool, sql, values) = (pool.clone(), sql.clone(), values.clone());
        move || {
            let rows = pool.read(&sql, &values).map_err(|e| e.to_string());
            async move { rows }
        }
    };
    let blocking = {
        let (pool, sql, values) = (pool.clone(), sql.clone(), values.clone());
        move || {
            let (pool, sql, values) = (pool.clone(), sql.clone(), values.clone());
            async move {
                tokio::task::spawn_blocking(move || pool.read(&sql, &values))
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|e| e.to_string())
            }
        }
    };
    // Warm-up, then each path twice, in turn.
    measure("warm-up: sea-orm + sqlx", pages / 4, sea.clone()).await?;
    let mut results = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..2 {
        results[0].push(measure("sea-orm + sqlx (models)", pages, sea.clone()).await?);
        results[1].push(measure("rusqlite on the task's thread", pages, inline.clone()).await?);
        results[2].push(measure("rusqlite on the blocking pool", pages, blocking.clone()).await?);
        results[3].push(measure("the hub's page function now", pages, hub.clone()).await?);
    }
    let best = |r: &Vec<f64>| r.iter().cloned().fold(0.0, f64::max);
    println!(
        "\nratios to sea-orm + sqlx (best of two): on the task's thread {:.2}, on the blocking pool {:.2}, the hub's page function {:.2}",
        best(&results[1]) / best(&results[0]),
        best(&results[2]) / best(&results[0]),
        best(&results[3]) / best(&results[0])
    );
    Ok(())
}

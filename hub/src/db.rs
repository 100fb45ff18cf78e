//! Opening the database (SQLite with WAL and `synchronous=FULL`, or PostgreSQL),
//! migrating it, and counting the SQL statements a connection runs.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

use crate::{
    config::DatabaseUrl,
    error::{Error, Result},
};

/// Counts the statements run on a connection; tests use it to prove that DataLoaders
/// keep the number of queries constant.
#[derive(Debug, Clone, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    /// Statements run so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// The most connections opened to a SQLite file, unless the settings say otherwise
/// (`database_connections`); pages and records are read beside them
/// (`service::sqlite_read`).
pub const DEFAULT_SQLITE_CONNECTIONS: u32 = 8;

/// How long a pooled connection may sit idle before it is pinged when handed out.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(30);

/// The most connections opened to PostgreSQL unless the settings say otherwise: twice
/// the cores, at least 4 (PostgreSQL's wiki: cores × 2 plus the disks). More made the
/// backends take turns on the cores: with 16 on this 2-core machine a page took 15 %
/// more CPU of both and its p99 was 20 ms instead of 13 (BENCHMARKS.md,
/// "Fields in turn, ...").
pub fn default_postgres_connections() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
    (2 * cores).max(4)
}

/// Opens the database, creating a SQLite file when it does not exist yet.
pub async fn connect(url: &DatabaseUrl) -> Result<(DatabaseConnection, StatementCounter)> {
    connect_pooled(url, None).await
}

/// Like `connect`, with at most `connections` connections (`None`: the default).
pub async fn connect_pooled(
    url: &DatabaseUrl,
    connections: Option<u32>,
) -> Result<(DatabaseConnection, StatementCounter)> {
    let mut options = match url {
        DatabaseUrl::Sqlite(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
                && !parent.is_dir()
            {
                return Err(Error::Config(format!(
                    "cannot open SQLite database {}: directory {} does not exist",
                    path.display(),
                    parent.display()
                )));
            }
            let mut options = ConnectOptions::new(format!("sqlite://{}", path.display()));
            let connections = connections.unwrap_or(DEFAULT_SQLITE_CONNECTIONS);
            options
                .max_connections(connections)
                .map_sqlx_sqlite_opts(|o| {
                    o.create_if_missing(true)
                        .journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Full)
                        .foreign_keys(true)
                        .busy_timeout(WRITE_WAIT)
                });
            options
        }
        DatabaseUrl::Postgres(url) => {
            let mut options = ConnectOptions::new(url.clone());
            options
                .max_connections(connections.unwrap_or_else(default_postgres_connections))
                .map_sqlx_postgres_opts(without_tls_on_loopback);
            options
        }
    };
    options
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        // sqlx pings a connection (a round trip) each time the pool hands it out, on
        // top of the ping with which it takes one back: two round trips beside every
        // statement. Only a connection idle this long, which the server or a firewall
        // may have dropped, is pinged first (BENCHMARKS.md, "One ping, not two").
        .test_before_acquire_if_idle_for(IDLE_BEFORE_PING)
        .sqlx_logging(false);
    let mut db = Database::connect(options)
        .await
        .map_err(|e| Error::Config(format!("cannot open database {url}: {}", one_line(&e))))?;
    let counter = StatementCounter::default();
    if let DatabaseUrl::Sqlite(_) = url {
        // Pages of the file are read through rusqlite beside sea-orm.
        let options = db.get_sqlite_connection_pool().connect_options();
        let file = options.get_filename();
        if !file.as_os_str().is_empty() && !file.to_string_lossy().contains(":memory:") {
            crate::service::sqlite_read::register(file, counter.0.clone());
        }
    }
    let count = counter.0.clone();
    db.set_metric_callback(move |_info| {
        count.fetch_add(1, Ordering::Relaxed);
    });
    Ok((db, counter))
}

/// A pool of at most `connections` of its own to the database `db` is connected to,
/// opened when first used and closed after a minute idle: for work that must not queue
/// behind the requests for the shared pool's few connections, nor hold one of them (a
/// build of the frames, the audit trail's writer). An in-memory SQLite database is one
/// connection's own, so there it is `db` itself.
pub fn side_pool(db: &DatabaseConnection, connections: u32) -> DatabaseConnection {
    use sea_orm::{DbBackend, SqlxPostgresConnector, SqlxSqliteConnector};
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let options = db.get_postgres_connection_pool().connect_options();
            let pool = lazy_pool((*options).clone(), connections);
            SqlxPostgresConnector::from_sqlx_postgres_pool(pool)
        }
        DbBackend::Sqlite => {
            let options = db.get_sqlite_connection_pool().connect_options();
            let file = options.get_filename().to_string_lossy();
            if file.is_empty() || file.contains(":memory:") {
                return db.clone();
            }
            let pool = lazy_pool((*options).clone(), connections);
            SqlxSqliteConnector::from_sqlx_sqlite_pool(pool)
        }
        _ => db.clone(),
    }
}

/// A pool of at most `connections` with `options`, opened when first used and closed
/// after a minute idle.
fn lazy_pool<DB: sea_orm::sqlx::Database>(
    options: <DB::Connection as sea_orm::sqlx::Connection>::Options,
    connections: u32,
) -> sea_orm::sqlx::Pool<DB> {
    sea_orm::sqlx::pool::PoolOptions::<DB>::new()
        .max_connections(connections)
        .min_connections(0)
        .idle_timeout(Some(Duration::from_secs(60)))
        .connect_lazy_with(options)
}

/// A server on this machine is reached without TLS unless the URL asks for it
/// (`sslmode=require` or stricter). sqlx's default, `prefer`, takes TLS whenever the
/// server offers it, as Debian's PostgreSQL does: on the loopback interface that
/// protects nothing (whoever can read it is root) and cost about a tenth of the hub's
/// CPU per page read (BENCHMARKS.md, "Models by position").
fn without_tls_on_loopback(
    options: sea_orm::sqlx::postgres::PgConnectOptions,
) -> sea_orm::sqlx::postgres::PgConnectOptions {
    use sea_orm::sqlx::postgres::PgSslMode;
    let host = options.get_host();
    let loopback = host.eq_ignore_ascii_case("localhost")
        || (host.trim_matches(['[', ']']).parse::<std::net::IpAddr>())
            .is_ok_and(|ip| ip.is_loopback());
    match options.get_ssl_mode() {
        PgSslMode::Prefer | PgSslMode::Allow if loopback => options.ssl_mode(PgSslMode::Disable),
        _ => options,
    }
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<()> {
    Migrator::up(db, None).await?;
    Ok(())
}

/// Each migration's name and whether it has been applied, oldest first.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<(String, bool)>> {
    let migrations = Migrator::get_migration_with_status(db).await?;
    Ok(migrations
        .iter()
        .map(|m| {
            (
                m.name().to_owned(),
                matches!(m.status(), sea_orm_migration::MigrationStatus::Applied),
            )
        })
        .collect())
}

fn one_line(error: &impl std::fmt::Display) -> String {
    error
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// How long a write waits for another to finish before it gives up with [`Error::Busy`]
/// (SQLite's busy timeout, PostgreSQL's lock timeout).
pub const WRITE_WAIT: Duration = Duration::from_secs(10);

/// Starts a transaction that will write, after the one write that may be running has
/// finished: writes are serialised on the data version's row, so the checks a writer
/// makes inside its transaction (is this id new? has it changed?) cannot be raced by
/// another process. Waits at most [`WRITE_WAIT`], then fails with [`Error::Busy`],
/// never with SQLite's raw "database is locked".
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let txn = db.begin().await?;
    let backend = txn.get_database_backend();
    let statements = match backend {
        // A write as the first statement takes SQLite's write lock, waiting (the busy
        // timeout) for another writer; a read first would pin a snapshot that a later
        // write could not upgrade without failing at once.
        sea_orm::DbBackend::Sqlite => {
            vec!["UPDATE data_version SET version = version WHERE id = 1".to_owned()]
        }
        _ => vec![
            format!("SET LOCAL lock_timeout = '{}ms'", WRITE_WAIT.as_millis()),
            "SELECT version FROM data_version WHERE id = 1 FOR UPDATE".to_owned(),
        ],
    };
    for statement in statements {
        if let Err(error) = txn.execute_unprepared(&statement).await {
            txn.rollback().await.ok();
            return Err(busy_or(error));
        }
    }
    Ok(txn)
}

/// [`Error::Busy`] when `error` says another writer held the lock too long.
pub fn busy_or(error: sea_orm::DbErr) -> Error {
    let text = error.to_string();
    if text.contains("database is locked")
        || text.contains("lock timeout")
        || text.contains("database table is locked")
    {
        Error::Busy {
            waited_s: WRITE_WAIT.as_secs(),
        }
    } else {
        Error::Db(error)
    }
}

/// Inserts `rows` in statements small enough for SQLite's limit of 32,766 parameters.
pub async fn insert_chunked<M, A, E, C>(txn: &C, rows: Vec<M>) -> Result<()>
where
    M: sea_orm::IntoActiveModel<A>,
    A: sea_orm::ActiveModelTrait<Entity = E> + Send,
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    let per_statement = (30_000 / <E::Column as sea_orm::Iterable>::iter().count()).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows
            .by_ref()
            .take(per_statement)
            .map(|m| m.into_active_model().reset_all())
            .collect();
        E::insert_many(chunk).exec_without_returning(txn).await?;
    }
    Ok(())
}

/// After rows were written with explicit ids, moves PostgreSQL's id sequences past them
/// (SQLite needs nothing).
pub async fn reset_sequences(db: &DatabaseConnection) -> Result<()> {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    for table in [
        "region",
        "municipality",
        "organisation",
        "survey",
        "question",
        "respondent",
        "answer",
        "interview",
        "finding",
        "collaboration",
    ] {
        sea_orm::ConnectionTrait::execute_unprepared(db, &format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use sea_orm::sqlx::postgres::{PgConnectOptions, PgSslMode};

    use super::without_tls_on_loopback;

    fn mode(url: &str) -> Option<PgSslMode> {
        let options = PgConnectOptions::from_str(url).ok()?;
        Some(without_tls_on_loopback(options).get_ssl_mode())
    }

    #[test]
    fn a_server_on_this_machine_is_reached_without_tls_unless_asked() {
        for url in [
            "postgres://postgres@127.0.0.1:5432/hub",
            "postgres://postgres@localhost/hub",
            "postgres://postgres@[::1]:5432/hub",
            "postgres://postgres@127.0.0.1/hub?sslmode=prefer",
        ] {
            assert!(matches!(mode(url), Some(PgSslMode::Disable)), "{url}");
        }
        assert!(matches!(
            mode("postgres://postgres@127.0.0.1/hub?sslmode=require"),
            Some(PgSslMode::Require)
        ));
        assert!(matches!(
            mode("postgres://hub@db.example.org/hub"),
            Some(PgSslMode::Prefer)
        ));
        assert!(matches!(
            mode("postgres://hub@10.0.0.7/hub?sslmode=verify-full"),
            Some(PgSslMode::VerifyFull)
        ));
    }
}

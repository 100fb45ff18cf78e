//! Pages of a SQLite file read through `rusqlite` on tokio's blocking pool, beside
//! sea-orm. sqlx's SQLite driver runs each statement on a worker thread of its own and
//! hands every row back across a channel: for the page of 50 organisations with their
//! regions that cost about 800 µs of CPU, against about 210 µs here
//! (`hub/examples/sqlite_read_bench.rs`, BENCHMARKS.md "The read path"). Each column
//! becomes the value of its entity column's type and is set on the entity's
//! `ActiveModel` (`model_read::ModelReader`, which refuses a value of another type), so
//! the models are the ones sea-orm reads. Statements stay prepared in each connection's
//! cache. Writes, transactions and everything else stay on sea-orm.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{
        Arc, LazyLock, Mutex,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
    time::Duration,
};

use rusqlite::types::{Value as Sql, ValueRef};
use sea_orm::{ColumnType, DatabaseConnection, DbBackend, DbErr, sea_query::Value};

use super::model_read::Cells;

/// At most this many statements of one file run here at once (each holds a connection).
const READERS: usize = 8;
/// Statements each connection keeps prepared: the pages of every query shape, and the
/// loaders' `IN (...)` lists, whose text differs with the number of keys.
const STATEMENTS_KEPT: usize = 128;
/// How long a read waits for a writer's lock (WAL readers rarely wait at all).
const BUSY: Duration = Duration::from_secs(5);
/// At most this many idle connections stay open in the whole process, whatever the
/// number of files opened (a test run opens hundreds); past it a connection is closed
/// after its read.
const IDLE_IN_PROCESS: usize = 16;
static IDLE: AtomicUsize = AtomicUsize::new(0);

/// The read-only connections to one SQLite file.
pub struct Reader {
    path: PathBuf,
    /// The file's device and inode when it was registered.
    file: Option<(u64, u64)>,
    idle: Mutex<Vec<rusqlite::Connection>>,
    permits: tokio::sync::Semaphore,
    statements: Arc<AtomicU64>,
}

/// The readers of the files this process opened, by path: `db::connect` registers one,
/// so that code holding only a `DatabaseConnection` finds it.
static OPEN: LazyLock<Mutex<HashMap<PathBuf, Arc<Reader>>>> = LazyLock::new(Default::default);

/// Registers the reader of the SQLite file at `path`, counting its statements in
/// `statements` (the connection's `StatementCounter`). A file this process registered
/// already keeps its reader and counter (a second connection, e.g. a tool's beside the
/// server's, does not take the server's count); a new file at the same path (another
/// inode) gets a new reader, whose connections open the new file.
pub fn register(path: &Path, statements: Arc<AtomicU64>) {
    let file = identity(path);
    let Ok(mut open) = OPEN.lock() else {
        return;
    };
    if file.is_some() && open.get(path).is_some_and(|reader| reader.file == file) {
        return;
    }
    let reader = Arc::new(Reader {
        path: path.to_owned(),
        file,
        idle: Mutex::new(Vec::new()),
        permits: tokio::sync::Semaphore::new(READERS),
        statements,
    });
    open.insert(path.to_owned(), reader);
}

/// The device and inode of the file at `path`, if it exists.
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The reader of `db`'s file, when `db` is a SQLite file this process registered.
pub fn of(db: &DatabaseConnection) -> Option<Arc<Reader>> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return None;
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    let open = OPEN.lock().ok()?;
    open.get(options.get_filename()).cloned()
}

impl Cells for rusqlite::Row<'_> {
    fn names(&self) -> Vec<String> {
        self.as_ref()
            .column_names()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    fn value(&self, index: usize, kind: &ColumnType) -> Result<Value, String> {
        convert(self.get_ref(index).map_err(|e| e.to_string())?, kind)
    }
}

impl Reader {
    /// Runs `sql` with `values` and reads each row with `read`, or `None` when a value
    /// is of a kind this path does not bind (the caller then runs it through sea-orm).
    pub async fn query<T, F>(
        self: &Arc<Self>,
        sql: String,
        values: &[Value],
        read: F,
    ) -> Option<Result<Vec<T>, DbErr>>
    where
        T: Send + 'static,
        F: FnMut(&rusqlite::Row<'_>) -> Result<T, DbErr> + Send + 'static,
    {
        Some(self.query_bound(sql, bind_all(values)?, read).await)
    }

    /// Runs `sql` with values `bind_all` turned out and reads each row with `read`.
    pub async fn query_bound<T, F>(
        self: &Arc<Self>,
        sql: String,
        bound: Bound,
        read: F,
    ) -> Result<Vec<T>, DbErr>
    where
        T: Send + 'static,
        F: FnMut(&rusqlite::Row<'_>) -> Result<T, DbErr> + Send + 'static,
    {
        let permit = match self.permits.acquire().await {
            Ok(permit) => permit,
            Err(_) => return Err(DbErr::Custom("the SQLite reader is closed".into())),
        };
        self.statements.fetch_add(1, Ordering::Relaxed);
        let reader = self.clone();
        let rows = tokio::task::spawn_blocking(move || reader.run(&sql, &bound.0, read)).await;
        drop(permit);
        rows.unwrap_or_else(|e| Err(DbErr::Custom(format!("a SQLite read failed: {e}"))))
    }

    fn run<T>(
        &self,
        sql: &str,
        bound: &[Sql],
        read: impl FnMut(&rusqlite::Row<'_>) -> Result<T, DbErr>,
    ) -> Result<Vec<T>, DbErr> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let conn = match taken {
            Some(conn) => {
                IDLE.fetch_sub(1, Ordering::Relaxed);
                conn
            }
            None => self.open().map_err(error)?,
        };
        let rows = rows(&conn, sql, bound, read);
        let kept = IDLE.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
            (n < IDLE_IN_PROCESS).then_some(n + 1)
        });
        if kept.is_ok() {
            match self.idle.lock() {
                Ok(mut idle) => idle.push(conn),
                Err(_) => {
                    IDLE.fetch_sub(1, Ordering::Relaxed);
                }
            }
        }
        rows
    }

    fn open(&self) -> rusqlite::Result<rusqlite::Connection> {
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = rusqlite::Connection::open_with_flags(&self.path, flags)?;
        conn.busy_timeout(BUSY)?;
        conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        Ok(conn)
    }
}

fn error(e: rusqlite::Error) -> DbErr {
    DbErr::Custom(format!("reading SQLite: {e}"))
}

fn rows<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    bound: &[Sql],
    mut read: impl FnMut(&rusqlite::Row<'_>) -> Result<T, DbErr>,
) -> Result<Vec<T>, DbErr> {
    let mut statement = conn.prepare_cached(sql).map_err(error)?;
    let mut rows = statement
        .query(rusqlite::params_from_iter(bound))
        .map_err(error)?;
    let mut items = Vec::new();
    while let Some(row) = rows.next().map_err(error)? {
        items.push(read(row)?);
    }
    Ok(items)
}

/// A statement's values as rusqlite binds them.
pub struct Bound(Vec<Sql>);

/// `values` as rusqlite binds them, or `None` when one is of a kind this path does not
/// bind (the caller then runs the statement through sea-orm).
pub fn bind_all(values: &[Value]) -> Option<Bound> {
    values
        .iter()
        .map(bind)
        .collect::<Option<Vec<_>>>()
        .map(Bound)
}

/// A statement's value as rusqlite binds it, the way sqlx binds it for SQLite.
fn bind(value: &Value) -> Option<Sql> {
    let null_or = |v: Option<Sql>| Some(v.unwrap_or(Sql::Null));
    match value {
        Value::Bool(v) => null_or(v.map(|b| Sql::Integer(b.into()))),
        Value::TinyInt(v) => null_or(v.map(|n| Sql::Integer(n.into()))),
        Value::SmallInt(v) => null_or(v.map(|n| Sql::Integer(n.into()))),
        Value::Int(v) => null_or(v.map(|n| Sql::Integer(n.into()))),
        Value::BigInt(v) => null_or(v.map(Sql::Integer)),
        Value::Double(v) => null_or(v.map(Sql::Real)),
        Value::String(v) => null_or(v.clone().map(Sql::Text)),
        _ => None,
    }
}

/// `value` as the variant sea-orm reads a column of type `kind` from: exactly that
/// variant (a proxy row reads `Int` for an `i32`, never `BigInt`), `None` for NULL.
fn convert(value: ValueRef<'_>, kind: &ColumnType) -> Result<Value, String> {
    use ColumnType as C;
    let null = matches!(value, ValueRef::Null);
    let integer = || match value {
        ValueRef::Integer(n) => Ok(n),
        other => Err(format!(
            "expected an integer, found {:?}",
            other.data_type()
        )),
    };
    let text = || match value {
        ValueRef::Text(t) => std::str::from_utf8(t).map_err(|e| e.to_string()),
        other => Err(format!("expected text, found {:?}", other.data_type())),
    };
    let narrow = |n: i64| -> Result<i32, String> { i32::try_from(n).map_err(|e| e.to_string()) };
    Ok(match kind {
        C::Integer => Value::Int(if null {
            None
        } else {
            Some(narrow(integer()?)?)
        }),
        C::BigInteger => Value::BigInt(if null { None } else { Some(integer()?) }),
        C::SmallInteger => Value::SmallInt(if null {
            None
        } else {
            Some(i16::try_from(integer()?).map_err(|e| e.to_string())?)
        }),
        C::Boolean => Value::Bool(if null { None } else { Some(integer()? != 0) }),
        C::Double | C::Float => Value::Double(match value {
            ValueRef::Null => None,
            ValueRef::Real(x) => Some(x),
            ValueRef::Integer(n) => Some(n as f64),
            other => return Err(format!("expected a number, found {:?}", other.data_type())),
        }),
        C::String(_) | C::Text | C::Char(_) | C::Enum { .. } => {
            Value::String(if null { None } else { Some(text()?.to_owned()) })
        }
        C::Json | C::JsonBinary => Value::Json(if null {
            None
        } else {
            Some(Box::new(
                serde_json::from_str(text()?).map_err(|e| e.to_string())?,
            ))
        }),
        C::Date => Value::ChronoDate(if null {
            None
        } else {
            Some(
                chrono::NaiveDate::parse_from_str(text()?, "%Y-%m-%d")
                    .map_err(|e| e.to_string())?,
            )
        }),
        // Every timestamp of the schema is a `DateTime<Utc>`.
        C::TimestampWithTimeZone => {
            Value::ChronoDateTimeUtc(if null { None } else { Some(utc(text()?)?) })
        }
        C::Blob | C::Binary(_) | C::VarBinary(_) => Value::Bytes(match value {
            ValueRef::Null => None,
            ValueRef::Blob(b) => Some(b.to_vec()),
            other => return Err(format!("expected bytes, found {:?}", other.data_type())),
        }),
        other => return Err(format!("the column type {other:?} is not read here")),
    })
}

/// A timestamp as sqlx writes a `DateTime<Utc>` into SQLite (RFC 3339, or with a space
/// instead of the `T`, with or without an offset).
fn utc(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    use chrono::{DateTime, NaiveDateTime, Utc};
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%#z"))
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").map(|t| t.and_utc())
        })
        .map_err(|e| format!("{text:?} is not a timestamp: {e}"))
}

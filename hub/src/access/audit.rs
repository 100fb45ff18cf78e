//! The audit trail: an append-only table of who did what, each row chained to the one
//! before by a SHA-256 hash, so that `hub audit verify` finds an edited or removed row.
//! The database refuses UPDATE and DELETE of it (a trigger, on both databases); no code
//! path here tries.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Viewer;
use crate::{db, entity::audit_event, error::Result};

/// The hash before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Any number: PostgreSQL's advisory lock that orders appends to the chain.
const CHAIN_LOCK: i64 = 0x0061_7564_6974;

/// What happened, to what.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// What happened, e.g. `token.create`, `read.respondents`, `import.organisations`.
    pub action: String,
    /// The kind of object, e.g. `account`.
    pub object_type: Option<String>,
    /// Its id.
    pub object_id: Option<String>,
    /// For reads: the query's hash and how many people; for writes: before and after.
    pub details: Value,
}

impl Event {
    /// An event about one object.
    pub fn new(action: &str, object_type: &str, object_id: impl ToString, details: Value) -> Self {
        Self {
            action: action.to_owned(),
            object_type: Some(object_type.to_owned()),
            object_id: Some(object_id.to_string()),
            details,
        }
    }
}

/// The hash of a row: its predecessor's hash and everything it records.
fn hash_of(prev_hash: &str, row: &audit_event::Model) -> String {
    let content = json!([
        row.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        row.account_id,
        row.account_name,
        row.token_id,
        row.role,
        row.action,
        row.object_type,
        row.object_id,
        row.request_id,
        row.client,
        row.details,
    ]);
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(content.to_string().as_bytes());
    hex(&hasher.finalize())
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Appends `event` by `viewer` inside `txn`, the transaction of the change it records
/// (so a change that rolls back leaves no row). On SQLite `txn` must hold the write lock
/// ([`db::begin_write`]); on PostgreSQL appends are ordered by an advisory lock.
pub async fn append(txn: &impl ConnectionTrait, viewer: &Viewer, event: Event) -> Result<()> {
    append_many(txn, vec![(viewer.clone(), event)]).await
}

/// Appends `events` in order inside `txn` (held as for [`append`]): the chain's head is
/// read once and the rows are inserted in one statement.
pub async fn append_many(txn: &impl ConnectionTrait, events: Vec<(Viewer, Event)>) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({CHAIN_LOCK})"))
            .await?;
    }
    let mut prev_hash = audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Id)
        .limit(1)
        .one(txn)
        .await?
        .map_or_else(|| GENESIS.to_owned(), |last| last.hash);
    // Stored to the microsecond, as PostgreSQL keeps it, so the hash reads back.
    let at = Utc::now().trunc_subsecs(6);
    let mut rows = Vec::with_capacity(events.len());
    for (viewer, event) in events {
        let mut row = audit_event::Model {
            id: 0,
            at,
            account_id: viewer.account.as_ref().map(|(id, _)| *id),
            account_name: viewer.account.as_ref().map(|(_, name)| name.clone()),
            token_id: viewer.token_id,
            role: viewer.role.code().to_owned(),
            action: event.action,
            object_type: event.object_type,
            object_id: event.object_id,
            request_id: viewer.request_id.clone(),
            client: viewer.client.clone(),
            details: event.details.to_string(),
            prev_hash: prev_hash.clone(),
            hash: String::new(),
        };
        row.hash = hash_of(&prev_hash, &row);
        prev_hash = row.hash.clone();
        let mut active: audit_event::ActiveModel = row.into();
        active.id = NotSet;
        rows.push(active);
    }
    // Rows are numbered in the order given, so the chain follows the ids.
    audit_event::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// Appends `event` in a transaction of its own: for what changes nothing else (a read
/// of person-level data, a failed sign-in).
pub async fn record(db: &DatabaseConnection, viewer: &Viewer, event: Event) -> Result<()> {
    let txn = if db.get_database_backend() == DbBackend::Sqlite {
        db::begin_write(db).await?
    } else {
        db.begin().await?
    };
    append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(())
}

/// What `hub audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Rows checked.
    pub rows: u64,
    /// The last row's hash: note it, and a later verify that ends elsewhere shows that
    /// rows were removed from the end.
    pub head: String,
    /// The first row that does not fit the chain, and why.
    pub broken: Option<(i64, String)>,
}

/// Recomputes the chain from the first row.
pub async fn verify(db: &DatabaseConnection) -> Result<Verified> {
    let mut prev = GENESIS.to_owned();
    let mut rows = 0;
    let mut after = 0_i64;
    loop {
        let batch = audit_event::Entity::find()
            .filter(audit_event::Column::Id.gt(after))
            .order_by_asc(audit_event::Column::Id)
            .limit(1000)
            .all(db)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        for row in batch {
            rows += 1;
            if row.prev_hash != prev {
                return Ok(Verified {
                    rows,
                    head: prev,
                    broken: Some((
                        row.id,
                        "its predecessor is not the row before it: a row was removed or inserted"
                            .into(),
                    )),
                });
            }
            let hash = hash_of(&prev, &row);
            if hash != row.hash {
                return Ok(Verified {
                    rows,
                    head: prev,
                    broken: Some((
                        row.id,
                        "its content does not match its hash: it was edited".into(),
                    )),
                });
            }
            prev = hash;
        }
    }
    Ok(Verified {
        rows,
        head: prev,
        broken: None,
    })
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// From this time on.
    pub since: Option<DateTime<Utc>>,
    /// By this account (its name).
    pub account: Option<String>,
    /// With this action (exactly, or a prefix ending in `.`: `token.`).
    pub action: Option<String>,
    /// At most this many, newest first.
    pub limit: u64,
}

/// The newest events that match `query`.
pub async fn list(db: &DatabaseConnection, query: &Query) -> Result<Vec<audit_event::Model>> {
    let mut select = audit_event::Entity::find().order_by_desc(audit_event::Column::Id);
    if let Some(since) = query.since {
        select = select.filter(audit_event::Column::At.gte(since));
    }
    if let Some(account) = &query.account {
        select = select.filter(audit_event::Column::AccountName.eq(account.clone()));
    }
    if let Some(action) = &query.action {
        select = if action.ends_with('.') {
            select.filter(audit_event::Column::Action.starts_with(action.clone()))
        } else {
            select.filter(audit_event::Column::Action.eq(action.clone()))
        };
    }
    Ok(select.limit(query.limit.max(1)).all(db).await?)
}

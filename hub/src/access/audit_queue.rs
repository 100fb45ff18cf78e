//! Group commit for the audit trail's read events. Every read of person-level data is
//! recorded before its answer is sent; committed one by one, each read costs a durable
//! commit (an fsync with SQLite's `synchronous=FULL`), and concurrent reads queue for
//! the write lock. Here one task appends whatever events are waiting, in arrival order,
//! in one transaction, and then tells each reader that its event is stored: the same
//! rows and chain as one transaction per event, with one commit per batch.

use sea_orm::{DatabaseConnection, DbBackend, DbErr, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

use super::{
    Viewer,
    audit::{Event, append_many},
};
use crate::{
    db,
    error::{Error, Result},
};

/// The most events appended in one transaction.
const BATCH: usize = 256;

struct Pending {
    viewer: Viewer,
    event: Event,
    stored: oneshot::Sender<std::result::Result<(), String>>,
}

/// The queue of read events waiting to be appended; cloning it shares the writer.
#[derive(Clone)]
pub struct AuditQueue {
    sender: mpsc::Sender<Pending>,
}

impl AuditQueue {
    /// Starts the writer on the current tokio runtime, on a connection of its own to
    /// `db`'s database; it stops when every clone of the queue is dropped.
    ///
    /// On the requests' shared pool the writer waited for a connection behind them, and
    /// every read waiting for its event waited with it. What a read still waits for
    /// under load is the writer's own transaction (BENCHMARKS.md, "Each query class on
    /// its own; the audit writer beside the pool; ...").
    pub fn spawn(db: DatabaseConnection) -> Self {
        let db = db::side_pool(&db, 1);
        let (sender, mut receiver) = mpsc::channel::<Pending>(4 * BATCH);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while receiver.recv_many(&mut batch, BATCH).await > 0 {
                let (events, readers): (Vec<_>, Vec<_>) = (batch.drain(..))
                    .map(|p| ((p.viewer, p.event), p.stored))
                    .unzip();
                let stored = append_all(&db, events).await.map_err(|e| e.to_string());
                for reader in readers {
                    // A reader that gave up (its request timed out) needs no answer.
                    let _ = reader.send(stored.clone());
                }
            }
        });
        Self { sender }
    }

    /// Appends `event` by `viewer` and returns once it is committed.
    pub async fn record(&self, viewer: &Viewer, event: Event) -> Result<()> {
        let (stored, wait) = oneshot::channel();
        let pending = Pending {
            viewer: viewer.clone(),
            event,
            stored,
        };
        let stopped = || Error::Db(DbErr::Custom("the audit trail's writer stopped".into()));
        self.sender.send(pending).await.map_err(|_| stopped())?;
        wait.await.map_err(|_| stopped())?.map_err(|message| {
            Error::Db(DbErr::Custom(format!(
                "the read could not be recorded in the audit trail: {message}"
            )))
        })
    }
}

/// Appends `events` in order in one transaction (on SQLite holding the write lock), in
/// one statement.
async fn append_all(db: &DatabaseConnection, events: Vec<(Viewer, Event)>) -> Result<()> {
    let txn = if db.get_database_backend() == DbBackend::Sqlite {
        db::begin_write(db).await?
    } else {
        db.begin().await?
    };
    append_many(&txn, events).await?;
    txn.commit().await?;
    Ok(())
}

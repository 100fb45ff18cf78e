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
    /// Starts the writer on a thread of its own with a connection of its own to `db`'s
    /// database; it stops when every clone of the queue is dropped.
    ///
    /// On the requests' shared pool the writer waited for a connection behind them, and
    /// every read waiting for its event waited with it. As a task among the requests', each
    /// of its statements, once answered, waited for the requests' tasks queued before it
    /// on the busy workers, and a batch is four or five statements (BENCHMARKS.md, "The
    /// audit writer on a thread of its own"). An in-memory SQLite database has only the
    /// requests' connection, which must not be returned to the pool by another runtime
    /// that may stop first: there the writer stays a task of the current runtime.
    pub fn spawn(db: DatabaseConnection) -> Self {
        let (sender, receiver) = mpsc::channel::<Pending>(4 * BATCH);
        if db::in_memory(&db) {
            tokio::spawn(write(db, receiver));
            return Self { sender };
        }
        let started = std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                match runtime {
                    // The pool is made on this runtime, which then drives its connection.
                    Ok(runtime) => runtime.block_on(async move {
                        let db = db::side_pool(&db, 1);
                        write(db.clone(), receiver).await;
                        db.close().await.ok();
                    }),
                    Err(e) => tracing::error!("the audit trail's writer cannot start: {e}"),
                }
            });
        if let Err(e) = started {
            // Every read of person-level data then fails, saying that the writer stopped.
            tracing::error!("the audit trail's writer cannot start: {e}");
        }
        Self { sender }
    }

    /// Appends `event` by `viewer` and returns once it is committed.
    pub async fn record(&self, viewer: &Viewer, event: Event) -> Result<()> {
        self.send(viewer, event).await?.stored().await
    }

    /// Hands `event` by `viewer` to the writer, which appends it with the next batch;
    /// the answer says when it is committed.
    pub async fn send(&self, viewer: &Viewer, event: Event) -> Result<Recording> {
        let (stored, wait) = oneshot::channel();
        let pending = Pending {
            viewer: viewer.clone(),
            event,
            stored,
        };
        self.sender.send(pending).await.map_err(|_| stopped())?;
        Ok(Recording(wait))
    }
}

/// An event handed to the writer: [`Recording::stored`] waits for its commit.
pub struct Recording(oneshot::Receiver<std::result::Result<(), String>>);

impl Recording {
    /// Returns once the event is committed, or why it could not be.
    pub async fn stored(self) -> Result<()> {
        self.0.await.map_err(|_| stopped())?.map_err(|message| {
            Error::Db(DbErr::Custom(format!(
                "the read could not be recorded in the audit trail: {message}"
            )))
        })
    }
}

fn stopped() -> Error {
    Error::Db(DbErr::Custom("the audit trail's writer stopped".into()))
}

/// Appends the events waiting in `receiver`, a batch at a time, until every sender is
/// dropped.
async fn write(db: DatabaseConnection, mut receiver: mpsc::Receiver<Pending>) {
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

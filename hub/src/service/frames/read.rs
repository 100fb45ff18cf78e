//! Reading the tables behind one set of frames, all of one data version: inside one
//! read transaction (PostgreSQL: a repeatable-read snapshot), and for SQLite, whose
//! answers are read on a connection of their own, again when a write came between.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};

use super::{
    Frames, Labels, answers, small,
    tables::{Answers, Counting, Made, Tables, question_frame, respondent_frame},
};
use crate::{
    error::{Error, Result},
    service::Wait,
};

/// The frames and who they count, the answers version they are of, how their answers
/// were counted, and the texts to label their rows with. The answer counts of `held`
/// (frames already made) are kept if they are of the current answers version, and
/// changed by the respondents added or changed since if only that changed. The frames
/// are made off the async workers (whose other requests would wait for the whole
/// build): when frames are held, which the readers are answered from meanwhile, on a
/// thread below the requests' priority ([`crate::service::background`]); the first
/// ones, which readers wait for, as a request's job.
pub async fn build_with_labels(
    db: &DatabaseConnection,
    held: Option<&Frames>,
) -> Result<(Made, i64, Counting, Labels)> {
    let started = std::time::Instant::now();
    let (tables, labels) = read_beside(db, held).await?;
    let read = started.elapsed();
    let answers_version = tables.answers_version;
    let counting = tables.counting();
    let mut made = (wait(held))
        .run("frames-build", move || tables.into_frames())
        .await?;
    made.phases.first("read", read);
    Ok((made, answers_version, counting, labels))
}

/// Whether a request waits for frames built with `held` held: only for the first.
fn wait(held: Option<&Frames>) -> Wait {
    if held.is_some() {
        Wait::Background
    } else {
        Wait::Waited
    }
}

/// Reads the tables and labels from the database, all of one data version.
pub async fn read(db: &DatabaseConnection) -> Result<(Tables, Labels)> {
    read_beside(db, None).await
}

/// [`read`], but without the answers (and who answered what) when `held` is of the
/// current answers version: its answer counts are kept.
async fn read_beside(db: &DatabaseConnection, held: Option<&Frames>) -> Result<(Tables, Labels)> {
    for _ in 0..5 {
        if let Some(read) = read_once(db, held).await? {
            return Ok(read);
        }
        tracing::info!("a write came between the reads of the frames' tables: reading again");
    }
    Err(Error::Busy { waited_s: 0 })
}

/// One attempt: the tables, or `None` when SQLite's answers turned out to be of
/// another data version than the rest.
async fn read_once(
    conn: &DatabaseConnection,
    held: Option<&Frames>,
) -> Result<Option<(Tables, Labels)>> {
    let backend = conn.get_database_backend();
    // SQLite's answers are read through rusqlite from the file itself.
    let file = (backend == DbBackend::Sqlite)
        .then(|| {
            let options = conn.get_sqlite_connection_pool().connect_options();
            options.get_filename().to_owned()
        })
        .filter(|path| {
            path.to_str()
                .is_some_and(|p| !p.is_empty() && !p.contains(":memory:"))
        });
    let txn = match backend {
        DbBackend::Postgres => {
            conn.begin_with_config(
                Some(sea_orm::IsolationLevel::RepeatableRead),
                Some(sea_orm::AccessMode::ReadOnly),
            )
            .await?
        }
        _ => conn.begin().await?,
    };
    let db = &txn;
    let (version, answers_version, answers_base): (i64, i64, i64) = match db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT version, answers_version, answers_base FROM data_version WHERE id = 1",
        ))
        .await?
    {
        Some(row) => (
            row.try_get_by_index(0)?,
            row.try_get_by_index(1)?,
            row.try_get_by_index(2)?,
        ),
        None => (0, 0, 0),
    };
    // The answers unless the held counts are of their version, and only those of the
    // respondents added or changed since when the held counts can be changed by them.
    let onto = held.filter(|h| (answers_base..answers_version).contains(&h.answers_version));
    let scope = match held {
        Some(held) if held.answers_version == answers_version => None,
        _ => Some(match onto {
            Some(h) => answers::Scope::ChangedAfter(h.answers_version),
            None => answers::Scope::All,
        }),
    };
    let snapshot = match (scope, &file, backend) {
        (Some(_), None, DbBackend::Postgres) => Some(answers::snapshot(db).await?),
        _ => None,
    };
    // The answers are read on a connection (or thread) of their own, while the other
    // tables are read in this transaction: one beside the other.
    let answer_columns = async {
        let Some(scope) = scope else {
            return Ok(None);
        };
        let read = match (file, snapshot) {
            (Some(path), _) => answers::sqlite(path, scope, wait(held)).await?,
            (None, Some(snapshot)) => {
                // A task of its own: the copy's rows are read on another worker than
                // the other tables' rows.
                let pool = conn.get_postgres_connection_pool().clone();
                let copy =
                    tokio::spawn(async move { answers::postgres(&pool, &snapshot, scope).await });
                (copy.await.map_err(Error::Task)??, version)
            }
            (None, None) => (answers::in_transaction(db, scope).await?, version),
        };
        Ok::<_, Error>(Some(read))
    };
    let the_rest = async {
        let who = match scope {
            Some(scope) => Some((
                respondent_frame(small::rows(db, &scope.respondents()).await?)?,
                question_frame(small::rows(db, answers::QUESTIONS).await?)?,
            )),
            None => None,
        };
        let (small, labels) = small::read(db).await?;
        Ok::<_, Error>((who, small, labels))
    };
    let (columns, (who, small, labels)) = tokio::try_join!(answer_columns, the_rest)?;
    txn.commit().await?;
    let answers = match (columns, who, held) {
        // SQLite's answers, read on a connection of their own, of another version.
        (Some((_, of)), _, _) if of != version => return Ok(None),
        (Some((columns, _)), Some((respondents, questions_by_id)), _) => Answers::Read {
            columns: Box::new(columns),
            respondents,
            questions_by_id,
            onto: onto.cloned(),
        },
        (None, None, Some(held)) => Answers::Held(held.clone()),
        _ => unreachable!("the answers and who gave them are read together"),
    };
    let tables = Tables {
        answers,
        answers_version,
        findings: small.findings,
        organisations: small.organisations,
        regions: small.regions,
        municipalities: small.municipalities,
        questions: small.questions,
    };
    Ok(Some((tables, labels)))
}

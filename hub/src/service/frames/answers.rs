//! The answers, the one large table, read as columns of integers (respondent, question,
//! value) and joined in polars to the small tables of who answered and what was asked:
//! no string is copied per answer, and no row becomes a model. SQLite is read through
//! `rusqlite` off the async workers (sqlx's driver hands each row across a channel);
//! PostgreSQL by `COPY` in the snapshot of the transaction the other tables are read in.

use std::{ops::Range, path::PathBuf};

use futures_util::StreamExt;
use polars::prelude::*;
use sea_orm::{DatabaseTransaction, Statement, StreamTrait};

use super::copy;
use crate::error::{Error, Result};

mod kept;
pub use kept::Kept;

/// The answers as read, before the join: integers (12 bytes an answer: the value is a
/// `SMALLINT`) and the few chosen options. Frames keep them, to take away an updated
/// respondent's answers as they were counted.
#[derive(Debug, Default, Clone)]
pub struct AnswerColumns {
    respondent: Vec<i32>,
    question: Vec<i32>,
    value: Vec<Option<i16>>,
    /// Chosen options: respondent, question, option.
    chosen: (Vec<i32>, Vec<i32>, Vec<String>),
}

const VERSION: &str = "SELECT version FROM data_version WHERE id = 1";

/// Which answers to read: all, or only those of respondents added or changed after an
/// answers version (`respondent.changed_in`), to change counts already made by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    All,
    ChangedAfter(i64),
}

impl Scope {
    /// `sql` restricted to the scope's respondents, `id` naming their id column. The
    /// version is an integer, so it is written into the text, not bound.
    fn only(self, sql: &str, id: &str) -> String {
        match self {
            Scope::All => sql.to_owned(),
            Scope::ChangedAfter(version) => {
                let join = if sql.contains(" WHERE ") {
                    "AND"
                } else {
                    "WHERE"
                };
                format!(
                    "{sql} {join} {id} IN (SELECT id FROM respondent WHERE changed_in > {version})"
                )
            }
        }
    }

    fn answers(self) -> String {
        self.only(
            "SELECT respondent_id, question_id, value FROM answer",
            "respondent_id",
        )
    }

    /// [`Self::choices`] with the choices as text (PostgreSQL stores them as `jsonb`).
    fn choices_as_text(self) -> String {
        self.only(
            "SELECT respondent_id, question_id, choices::text FROM answer \
             WHERE choices IS NOT NULL",
            "respondent_id",
        )
    }

    fn choices(self) -> String {
        self.only(
            "SELECT respondent_id, question_id, choices FROM answer WHERE choices IS NOT NULL",
            "respondent_id",
        )
    }

    /// Who answered: one row per respondent, the columns the comparisons group by.
    pub(super) fn respondents(self) -> String {
        self.only(
            "SELECT r.id AS respondent, g.country_code AS country, \
                g.code AS region, r.role AS role, o.kind AS organisation_kind, m.code AS municipality \
             FROM respondent r JOIN region g ON g.id = r.region_id \
             LEFT JOIN organisation o ON o.id = r.organisation_id \
             LEFT JOIN municipality m ON m.id = r.municipality_id",
            "r.id",
        )
    }
}

/// Respondent ids as one bit per id up to the largest: a lookup per answer row without
/// hashing (a `HashSet` made splitting a million answers take 32-120 ms). Ids are the
/// database's serial keys; one below 0 is never held.
#[derive(Debug, Default)]
pub(super) struct IdSet(Vec<u64>);

impl IdSet {
    /// The set of `ids`.
    pub(super) fn of(ids: impl IntoIterator<Item = i32>) -> Self {
        let mut bits = Vec::new();
        for id in ids.into_iter().filter_map(|id| usize::try_from(id).ok()) {
            if bits.len() <= id / 64 {
                bits.resize(id / 64 + 1, 0);
            }
            bits[id / 64] |= 1 << (id % 64);
        }
        Self(bits)
    }

    /// Whether `id` is in the set.
    pub(super) fn contains(&self, id: i32) -> bool {
        usize::try_from(id)
            .is_ok_and(|id| (self.0.get(id / 64)).is_some_and(|w| w >> (id % 64) & 1 == 1))
    }
}

impl AnswerColumns {
    /// Answers and chosen options: the rows a count of every one sees.
    pub(super) fn rows(&self) -> usize {
        self.respondent.len() + self.chosen.0.len()
    }

    /// The answers in `answers` and the chosen options in `chosen`, by position.
    fn slice(&self, answers: Range<usize>, chosen: Range<usize>) -> Self {
        Self {
            respondent: self.respondent[answers.clone()].to_vec(),
            question: self.question[answers.clone()].to_vec(),
            value: self.value[answers].to_vec(),
            chosen: (
                self.chosen.0[chosen.clone()].to_vec(),
                self.chosen.1[chosen.clone()].to_vec(),
                self.chosen.2[chosen].to_vec(),
            ),
        }
    }

    /// Whether any row is of a respondent in `who`.
    fn holds_any_of(&self, who: &IdSet) -> bool {
        (self.respondent.iter().chain(&self.chosen.0)).any(|&r| who.contains(r))
    }

    /// The rows of the respondents in `who`, and the others', each in their order.
    fn split(&self, who: &IdSet) -> (Self, Self) {
        let (mut theirs, mut others) = (Self::default(), Self::default());
        for i in 0..self.respondent.len() {
            let to = if who.contains(self.respondent[i]) {
                &mut theirs
            } else {
                &mut others
            };
            to.respondent.push(self.respondent[i]);
            to.question.push(self.question[i]);
            to.value.push(self.value[i]);
        }
        let (respondent, question, option) = &self.chosen;
        for i in 0..respondent.len() {
            let to = if who.contains(respondent[i]) {
                &mut theirs
            } else {
                &mut others
            };
            to.chosen.0.push(respondent[i]);
            to.chosen.1.push(question[i]);
            to.chosen.2.push(option[i].clone());
        }
        (theirs, others)
    }

    /// Appends `more`'s rows.
    fn extend(&mut self, more: &Self) {
        self.respondent.extend_from_slice(&more.respondent);
        self.question.extend_from_slice(&more.question);
        self.value.extend_from_slice(&more.value);
        self.chosen.0.extend_from_slice(&more.chosen.0);
        self.chosen.1.extend_from_slice(&more.chosen.1);
        self.chosen.2.extend_from_slice(&more.chosen.2);
    }

    fn push_choices(&mut self, respondent: i32, question: i32, json: &str) -> Result<()> {
        let options: Vec<serde_json::Value> = serde_json::from_str(json)?;
        for option in options.iter().filter_map(serde_json::Value::as_str) {
            self.chosen.0.push(respondent);
            self.chosen.1.push(question);
            self.chosen.2.push(option.to_owned());
        }
        Ok(())
    }
}

/// Reads the answers of a SQLite file in one read transaction, with the data version
/// they are of, as `wait` says.
pub(super) async fn sqlite(
    path: PathBuf,
    scope: Scope,
    wait: crate::service::Wait,
) -> Result<(AnswerColumns, i64)> {
    wait.run("frames-read", move || -> Result<(AnswerColumns, i64)> {
        let db = |e: rusqlite::Error| Error::Analytics(format!("reading the answers: {e}"));
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = rusqlite::Connection::open_with_flags(&path, flags).map_err(db)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(db)?;
        let txn = conn.transaction().map_err(db)?;
        let version: i64 = txn.query_row(VERSION, [], |r| r.get(0)).map_err(db)?;
        let mut columns = AnswerColumns::default();
        {
            let mut statement = txn.prepare(&scope.answers()).map_err(db)?;
            let mut rows = statement.query([]).map_err(db)?;
            while let Some(row) = rows.next().map_err(db)? {
                columns.respondent.push(row.get(0).map_err(db)?);
                columns.question.push(row.get(1).map_err(db)?);
                columns.value.push(row.get(2).map_err(db)?);
            }
        }
        {
            let mut statement = txn.prepare(&scope.choices()).map_err(db)?;
            let mut rows = statement.query([]).map_err(db)?;
            while let Some(row) = rows.next().map_err(db)? {
                let json: String = row.get(2).map_err(db)?;
                columns.push_choices(row.get(0).map_err(db)?, row.get(1).map_err(db)?, &json)?;
            }
        }
        txn.commit().map_err(db)?;
        Ok((columns, version))
    })
    .await
}

/// Reads the answers inside `txn` (a SQLite database in memory, which has no file for
/// rusqlite to open), row by row as they arrive: never a million rows held at once, and the async
/// worker it runs on is handed back every [`ROWS_PER_TURN`] rows, so the requests
/// sharing it do not wait for the whole read.
pub(super) async fn in_transaction(
    txn: &DatabaseTransaction,
    scope: Scope,
) -> Result<AnswerColumns> {
    let backend = txn.get_database_backend();
    let mut columns = AnswerColumns::default();
    let mut rows = txn
        .stream_raw(Statement::from_string(backend, scope.answers()))
        .await?;
    let mut turn = 0;
    while let Some(row) = rows.next().await {
        let row = row?;
        columns.respondent.push(row.try_get_by_index(0)?);
        columns.question.push(row.try_get_by_index(1)?);
        columns.value.push(row.try_get_by_index(2)?);
        take_turn(&mut turn).await;
    }
    drop(rows);
    let mut rows = txn
        .stream_raw(Statement::from_string(backend, scope.choices()))
        .await?;
    while let Some(row) = rows.next().await {
        let row = row?;
        let json: serde_json::Value = row.try_get_by_index(2)?;
        columns.push_choices(
            row.try_get_by_index(0)?,
            row.try_get_by_index(1)?,
            &json.to_string(),
        )?;
        take_turn(&mut turn).await;
    }
    Ok(columns)
}

/// Rows read from a stream before the async worker is handed back: about a millisecond.
const ROWS_PER_TURN: usize = 4096;

/// The name of the snapshot of `txn` (a repeatable-read transaction of PostgreSQL),
/// for [`postgres`] to read the answers in.
pub(super) async fn snapshot(txn: &DatabaseTransaction) -> Result<String> {
    let backend = txn.get_database_backend();
    let snapshot: String = (sea_orm::ConnectionTrait::query_one_raw(
        txn,
        Statement::from_string(backend, "SELECT pg_export_snapshot()"),
    ))
    .await?
    .ok_or_else(|| Error::Analytics("pg_export_snapshot() returned no row".into()))?
    .try_get_by_index(0)?;
    if !snapshot.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Error::Analytics(format!(
            "unexpected snapshot name {snapshot:?}"
        )));
    }
    Ok(snapshot)
}

/// Reads the answers of PostgreSQL in `snapshot` (of [`snapshot`], whose transaction
/// stays open meanwhile), through `COPY ... TO STDOUT` in the binary format on another
/// connection of `pool` that imports the snapshot: one message per row and no row
/// decoded into a model, where a query hands each row through the driver's row
/// machinery (BENCHMARKS.md, "Builds below the requests' priority; PostgreSQL's answers
/// by COPY"). The format is read by [`copy`].
pub(super) async fn postgres(
    pool: &sea_orm::sqlx::PgPool,
    snapshot: &str,
    scope: Scope,
) -> Result<AnswerColumns> {
    // Rolled back when dropped: nothing of it outlives this read.
    let mut copier = (pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        .await
        .map_err(copy::failed)?;
    sea_orm::sqlx::query(sea_orm::sqlx::AssertSqlSafe(format!(
        "SET TRANSACTION SNAPSHOT '{snapshot}'"
    )))
    .execute(&mut *copier)
    .await
    .map_err(copy::failed)?;

    let mut columns = AnswerColumns::default();
    copy::rows(
        &mut copier,
        &scope.answers(),
        |[respondent, question, value]| {
            columns.respondent.push(copy::int(respondent)?);
            columns.question.push(copy::int(question)?);
            columns
                .value
                .push(value.map(|v| copy::int(Some(v))).transpose()?);
            Ok(())
        },
    )
    .await?;
    copy::rows(
        &mut copier,
        &scope.choices_as_text(),
        |[respondent, question, json]| {
            let json = std::str::from_utf8(json.unwrap_or_default())
                .map_err(|e| Error::Analytics(format!("choices that are not UTF-8: {e}")))?;
            columns.push_choices(copy::int(respondent)?, copy::int(question)?, json)
        },
    )
    .await?;
    copier.rollback().await.map_err(copy::failed)?;
    Ok(columns)
}

/// Counts a row read; every [`ROWS_PER_TURN`] rows, hands the async worker back.
async fn take_turn(turn: &mut usize) {
    *turn += 1;
    if *turn == ROWS_PER_TURN {
        *turn = 0;
        tokio::task::yield_now().await;
    }
}

/// What was asked: one row per question of every survey.
pub(super) const QUESTIONS: &str = "SELECT q.id AS question_id, s.code AS survey, q.code AS question, \
        q.theme_code AS theme, q.kind AS kind \
     FROM question q JOIN survey s ON s.id = q.survey_id";

/// `columns` as frames of ids, with `respondents` and `questions` (the frames of
/// [`super::tables::respondent_frame`] and [`super::tables::question_frame`]) to count
/// them by: joined only once counted, in [`analytics::Inputs`].
pub(super) fn frames(
    columns: &AnswerColumns,
    respondents: DataFrame,
    questions: DataFrame,
) -> Result<analytics::AnswerFrames> {
    let answers = DataFrame::new_infer_height(vec![
        Column::new("respondent".into(), columns.respondent.as_slice()),
        Column::new("question_id".into(), columns.question.as_slice()),
        // polars is built without 16-bit integers.
        Int32Chunked::from_iter_options(
            "value".into(),
            columns.value.iter().map(|v| v.map(i32::from)),
        )
        .into_column(),
    ])?;
    let (respondent, question, option) = &columns.chosen;
    let choices = DataFrame::new_infer_height(vec![
        Column::new("respondent".into(), respondent.as_slice()),
        Column::new("question_id".into(), question.as_slice()),
        Column::new("option".into(), option.as_slice()),
    ])?;
    Ok(analytics::AnswerFrames {
        answers,
        choices,
        respondents,
        questions,
    })
}

#[cfg(test)]
mod tests;

//! The answers, the one large table, read as columns of integers (respondent, question,
//! value) and joined in polars to the small tables of who answered and what was asked:
//! no string is copied per answer, and no row becomes a model. SQLite is read through
//! `rusqlite` off the async workers (sqlx's driver hands each row across a channel);
//! PostgreSQL by `COPY` in the snapshot of the transaction the other tables are read in.

use std::path::PathBuf;

use futures_util::StreamExt;
use polars::prelude::*;
use sea_orm::{DatabaseTransaction, Statement, StreamTrait};

use crate::error::{Error, Result};

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
    /// The rows of the respondents in `who`, and the others' followed by `then`'s: the
    /// answers as they were counted of the respondents a write changed, and the answers
    /// counted after it (theirs replaced by `then`).
    pub(super) fn replaced(&self, who: &IdSet, then: &Self) -> (Self, Self) {
        // Nearly every row stays: the others' columns are made at their size at once.
        let rows = self.respondent.len() + then.respondent.len();
        let chosen = self.chosen.0.len() + then.chosen.0.len();
        let mut others = Self {
            respondent: Vec::with_capacity(rows),
            question: Vec::with_capacity(rows),
            value: Vec::with_capacity(rows),
            chosen: (
                Vec::with_capacity(chosen),
                Vec::with_capacity(chosen),
                Vec::with_capacity(chosen),
            ),
        };
        let mut theirs = Self::default();
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
        others.respondent.extend_from_slice(&then.respondent);
        others.question.extend_from_slice(&then.question);
        others.value.extend_from_slice(&then.value);
        others.chosen.0.extend_from_slice(&then.chosen.0);
        others.chosen.1.extend_from_slice(&then.chosen.1);
        others.chosen.2.extend_from_slice(&then.chosen.2);
        (theirs, others)
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

/// Counts a row read; every [`ROWS_PER_TURN`] rows, hands the async worker back.
/// Reads the answers of PostgreSQL in the snapshot of `txn` (a repeatable-read
/// transaction), through `COPY ... TO STDOUT` in the binary format on another
/// connection of `pool` that imports the snapshot: one message per row and no row
/// decoded into a model, where a query hands each row through the driver's row
/// machinery (BENCHMARKS.md, "PostgreSQL's answers by COPY").
pub(super) async fn postgres(
    pool: &sea_orm::sqlx::PgPool,
    txn: &DatabaseTransaction,
    scope: Scope,
) -> Result<AnswerColumns> {
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
    // Rolled back when dropped: nothing of it outlives this read.
    let mut copy = (pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        .await
        .map_err(copy_failed)?;
    sea_orm::sqlx::query(sea_orm::sqlx::AssertSqlSafe(format!(
        "SET TRANSACTION SNAPSHOT '{snapshot}'"
    )))
    .execute(&mut *copy)
    .await
    .map_err(copy_failed)?;

    let mut columns = AnswerColumns::default();
    copy_rows(
        &mut copy,
        &scope.answers(),
        |[respondent, question, value]| {
            columns.respondent.push(int(respondent)?);
            columns.question.push(int(question)?);
            columns.value.push(value.map(|v| int(Some(v))).transpose()?);
            Ok(())
        },
    )
    .await?;
    copy_rows(
        &mut copy,
        &scope.choices_as_text(),
        |[respondent, question, json]| {
            let json = std::str::from_utf8(json.unwrap_or_default())
                .map_err(|e| Error::Analytics(format!("choices that are not UTF-8: {e}")))?;
            columns.push_choices(int(respondent)?, int(question)?, json)
        },
    )
    .await?;
    copy.rollback().await.map_err(copy_failed)?;
    Ok(columns)
}

fn copy_failed(error: sea_orm::sqlx::Error) -> Error {
    Error::Analytics(format!("reading the answers: {error}"))
}

/// Runs `COPY (select) TO STDOUT (FORMAT binary)` on `conn`, handing each row's `N`
/// fields to `row` as they arrive; the async worker is handed back between chunks when
/// the task has run for long.
async fn copy_rows<const N: usize>(
    conn: &mut sea_orm::sqlx::PgConnection,
    select: &str,
    mut row: impl FnMut([Option<&[u8]>; N]) -> Result<()>,
) -> Result<()> {
    let mut rows = BinaryCopy::default();
    let mut stream = (conn.copy_out_raw(&format!("COPY ({select}) TO STDOUT (FORMAT binary)")))
        .await
        .map_err(copy_failed)?;
    while let Some(chunk) = stream.next().await {
        rows.feed(&chunk.map_err(copy_failed)?, &mut row)?;
        tokio::task::consume_budget().await;
    }
    rows.finished()
}

/// An integer field of the binary COPY format (2, 4 or 8 bytes, big-endian) as `T`.
fn int<T: TryFrom<i64>>(field: Option<&[u8]>) -> Result<T> {
    let bad = || Error::Analytics(format!("an unexpected integer field in COPY: {field:?}"));
    let value = match *field.ok_or_else(bad)? {
        [a, b] => i64::from(i16::from_be_bytes([a, b])),
        [a, b, c, d] => i64::from(i32::from_be_bytes([a, b, c, d])),
        [a, b, c, d, e, f, g, h] => i64::from_be_bytes([a, b, c, d, e, f, g, h]),
        _ => return Err(bad()),
    };
    T::try_from(value).map_err(|_| bad())
}

/// A reader of PostgreSQL's binary COPY format, fed the chunks as they come: a row may
/// be split between chunks. <https://www.postgresql.org/docs/current/sql-copy.html>
#[derive(Debug, Default)]
struct BinaryCopy {
    /// Bytes of a row (or of the header) not yet whole.
    pending: Vec<u8>,
    header_read: bool,
    ended: bool,
}

/// The binary COPY format's signature, then the flags and the header extension's length.
const COPY_SIGNATURE: &[u8] = b"PGCOPY\n\xff\r\n\0";

impl BinaryCopy {
    /// Hands each whole row of `chunk` (after what was pending) to `row`, as its `N`
    /// fields (`None` for NULL).
    fn feed<const N: usize>(
        &mut self,
        chunk: &[u8],
        mut row: impl FnMut([Option<&[u8]>; N]) -> Result<()>,
    ) -> Result<()> {
        if self.pending.is_empty() {
            let used = self.rows(chunk, &mut row)?;
            self.pending.extend_from_slice(&chunk[used..]);
        } else {
            let mut pending = std::mem::take(&mut self.pending);
            pending.extend_from_slice(chunk);
            let used = self.rows(&pending, &mut row)?;
            pending.drain(..used);
            self.pending = pending;
        }
        Ok(())
    }

    /// The bytes of `data` that were whole rows (or the header, or the trailer).
    fn rows<const N: usize>(
        &mut self,
        data: &[u8],
        row: &mut impl FnMut([Option<&[u8]>; N]) -> Result<()>,
    ) -> Result<usize> {
        let bad = |what: &str| Error::Analytics(format!("COPY's binary format: {what}"));
        let mut at = 0;
        if !self.header_read {
            let Some(extension) = data.get(COPY_SIGNATURE.len() + 4..COPY_SIGNATURE.len() + 8)
            else {
                return Ok(0);
            };
            if !data.starts_with(COPY_SIGNATURE) {
                return Err(bad("no signature"));
            }
            let extension = usize::try_from(u32::from_be_bytes([
                extension[0],
                extension[1],
                extension[2],
                extension[3],
            ]))
            .map_err(|_| bad("header extension"))?;
            at = COPY_SIGNATURE.len() + 8 + extension;
            if data.len() < at {
                return Ok(0);
            }
            self.header_read = true;
        }
        while !self.ended {
            let Some(&[a, b]) = data.get(at..at + 2) else {
                break;
            };
            let count = i16::from_be_bytes([a, b]);
            if count == -1 {
                self.ended = true;
                at += 2;
                break;
            }
            if usize::try_from(count).ok() != Some(N) {
                return Err(bad(&format!("{count} fields in a row, not {N}")));
            }
            let mut fields = [None; N];
            let mut next = at + 2;
            let mut whole = true;
            for field in &mut fields {
                let Some(&[a, b, c, d]) = data.get(next..next + 4) else {
                    whole = false;
                    break;
                };
                next += 4;
                let length = i32::from_be_bytes([a, b, c, d]);
                if length >= 0 {
                    let end = next + usize::try_from(length).map_err(|_| bad("length"))?;
                    let Some(value) = data.get(next..end) else {
                        whole = false;
                        break;
                    };
                    *field = Some(value);
                    next = end;
                }
            }
            if !whole {
                break;
            }
            row(fields)?;
            at = next;
        }
        Ok(at)
    }

    /// Whether the data ended with the trailer, and nothing after it.
    fn finished(&self) -> Result<()> {
        if self.ended && self.pending.is_empty() {
            Ok(())
        } else {
            Err(Error::Analytics(
                "COPY's binary format: the data ended before its trailer".into(),
            ))
        }
    }
}

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

/// The answers and chosen-options frames: `columns` joined to `respondents` (by
/// `respondent`) and `questions` (by `question_id`), in the columns the analytics take.
pub(super) fn frames(
    columns: &AnswerColumns,
    respondents: DataFrame,
    questions: DataFrame,
) -> Result<(DataFrame, DataFrame)> {
    // Categories before the join: the join then gathers 4-byte codes, not texts.
    let respondents = analytics::coded(respondents)?;
    let questions = analytics::coded(questions)?;
    let join = |frame: DataFrame| -> PolarsResult<DataFrame> {
        frame
            .lazy()
            .join(
                respondents.clone().lazy(),
                [col("respondent")],
                [col("respondent")],
                JoinArgs::new(JoinType::Inner),
            )
            .join(
                questions.clone().lazy(),
                [col("question_id")],
                [col("question_id")],
                JoinArgs::new(JoinType::Inner),
            )
            .collect()
    };
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
    let chosen = DataFrame::new_infer_height(vec![
        Column::new("respondent".into(), respondent.as_slice()),
        Column::new("question_id".into(), question.as_slice()),
        Column::new("option".into(), option.as_slice()),
    ])?;
    let answers = join(answers)?.select(analytics::ANSWER_COLUMNS)?;
    let chosen = join(chosen)?.select(analytics::CHOICE_COLUMNS)?;
    Ok((answers, chosen))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of (int4, int4, int2 or NULL) in the binary COPY format, as PostgreSQL's
    /// documentation lays it out, with a header extension of 3 bytes.
    fn copied(rows: &[(i32, i32, Option<i16>)]) -> Vec<u8> {
        let mut bytes = b"PGCOPY\n\xff\r\n\0".to_vec();
        bytes.extend(0_i32.to_be_bytes());
        bytes.extend(3_u32.to_be_bytes());
        bytes.extend([7, 7, 7]);
        for (respondent, question, value) in rows {
            bytes.extend(3_i16.to_be_bytes());
            bytes.extend(4_i32.to_be_bytes());
            bytes.extend(respondent.to_be_bytes());
            bytes.extend(4_i32.to_be_bytes());
            bytes.extend(question.to_be_bytes());
            match value {
                Some(v) => {
                    bytes.extend(2_i32.to_be_bytes());
                    bytes.extend(v.to_be_bytes());
                }
                None => bytes.extend((-1_i32).to_be_bytes()),
            }
        }
        bytes.extend((-1_i16).to_be_bytes());
        bytes
    }

    fn read_copy(chunks: &[&[u8]]) -> Result<Vec<(i32, i32, Option<i16>)>> {
        let mut copy = BinaryCopy::default();
        let mut rows = vec![];
        for chunk in chunks {
            copy.feed(chunk, |[r, q, v]| {
                rows.push((int(r)?, int(q)?, v.map(|v| int(Some(v))).transpose()?));
                Ok(())
            })?;
        }
        copy.finished()?;
        Ok(rows)
    }

    /// The answers copied on a second connection are those of the transaction's
    /// snapshot, not of a write committed after it began: without the imported
    /// snapshot the copy would show the fourth answer.
    #[tokio::test]
    #[ignore = "needs PostgreSQL: set HUB_TEST_POSTGRES_URL (.ci/run does)"]
    async fn answers_are_copied_in_the_snapshot_of_the_transaction_they_are_read_in() {
        use sea_orm::{AccessMode, ConnectionTrait, Database, IsolationLevel, TransactionTrait};
        let admin = std::env::var("HUB_TEST_POSTGRES_URL").expect("HUB_TEST_POSTGRES_URL");
        let name = format!(
            "hub_copy_test_{}_{}",
            std::process::id(),
            chrono::Utc::now().timestamp_micros()
        );
        let server = Database::connect(&admin).await.expect("PostgreSQL");
        server
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("CREATE DATABASE");
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let db = Database::connect(format!("{base}/{name}"))
            .await
            .expect("the new database");
        db.execute_unprepared(
            "CREATE TABLE answer (respondent_id integer, question_id integer, value smallint, \
                                  choices jsonb); \
             INSERT INTO answer VALUES (1, 1, 4, NULL), (1, 2, NULL, '[\"a\", \"b\"]'), \
                                       (2, 1, 2, NULL);",
        )
        .await
        .expect("answers");

        let txn = (db.begin_with_config(
            Some(IsolationLevel::RepeatableRead),
            Some(AccessMode::ReadOnly),
        ))
        .await
        .expect("a transaction");
        // Its snapshot is taken by its first statement.
        txn.execute_unprepared("SELECT 1")
            .await
            .expect("a statement");
        db.execute_unprepared("INSERT INTO answer VALUES (3, 1, 5, '[\"c\"]')")
            .await
            .expect("a later answer, committed");
        let columns = postgres(db.get_postgres_connection_pool(), &txn, Scope::All)
            .await
            .expect("the answers copied");
        txn.rollback().await.ok();
        let mut rows: Vec<_> = (0..columns.respondent.len())
            .map(|i| (columns.respondent[i], columns.question[i], columns.value[i]))
            .collect();
        rows.sort();
        assert_eq!(rows, [(1, 1, Some(4)), (1, 2, None), (2, 1, Some(2))]);
        assert_eq!(
            columns.chosen,
            (vec![1, 1], vec![2, 2], vec!["a".to_owned(), "b".to_owned()])
        );

        db.close().await.ok();
        server
            .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
            .await
            .ok();
    }

    #[test]
    fn the_binary_copy_format_is_read_wherever_its_chunks_are_cut() {
        let rows = [(1, 10, Some(3)), (2, 10, None), (70_000, -4, Some(-2))];
        let bytes = copied(&rows);
        assert_eq!(read_copy(&[&bytes]).unwrap(), rows);
        for cut in 0..=bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(read_copy(&[a, b]).unwrap(), rows, "cut at byte {cut}");
        }
        let singles: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(read_copy(&singles).unwrap(), rows);
        assert_eq!(read_copy(&[&copied(&[])]).unwrap(), []);
    }

    #[test]
    fn a_binary_copy_that_is_cut_short_or_of_other_rows_is_an_error() {
        let bytes = copied(&[(1, 10, Some(3))]);
        let short = read_copy(&[&bytes[..bytes.len() - 2]]).unwrap_err();
        assert!(short.to_string().contains("before its trailer"), "{short}");
        let unsigned = read_copy(&[&bytes[1..]]).unwrap_err();
        assert!(unsigned.to_string().contains("no signature"), "{unsigned}");
        let mut two_fields = bytes.clone();
        two_fields[22..24].copy_from_slice(&2_i16.to_be_bytes());
        let other = read_copy(&[&two_fields]).unwrap_err();
        assert!(
            other.to_string().contains("2 fields in a row, not 3"),
            "{other}"
        );
        assert!(int::<i16>(Some(&70_000_i32.to_be_bytes())).is_err());
        assert!(int::<i32>(Some(&[1, 2, 3])).is_err());
        assert!(int::<i32>(None).is_err());
    }

    #[test]
    fn an_id_set_holds_exactly_its_ids() {
        let ids = [0, 5, 63, 64, 130, 4_097];
        let set = IdSet::of(ids.into_iter().chain([-3]));
        let held: Vec<i32> = (-70..5_000).filter(|&id| set.contains(id)).collect();
        assert_eq!(held, ids);
        assert!(!set.contains(i32::MAX));
    }

    #[test]
    fn replacing_respondents_keeps_the_others_rows_in_order() {
        let columns = |rows: &[(i32, i32, Option<i16>)], chosen: &[(i32, &str)]| AnswerColumns {
            respondent: rows.iter().map(|r| r.0).collect(),
            question: rows.iter().map(|r| r.1).collect(),
            value: rows.iter().map(|r| r.2).collect(),
            chosen: (
                chosen.iter().map(|c| c.0).collect(),
                chosen.iter().map(|_| 9).collect(),
                chosen.iter().map(|c| c.1.to_owned()).collect(),
            ),
        };
        let held = columns(
            &[
                (1, 1, Some(3)),
                (2, 1, None),
                (1, 2, Some(5)),
                (3, 1, Some(1)),
            ],
            &[(1, "A"), (3, "B"), (2, "C")],
        );
        let now = columns(&[(2, 1, Some(4))], &[(2, "D")]);
        let (theirs, counted) = held.replaced(&IdSet::of([2]), &now);
        assert_eq!(theirs.respondent, [2]);
        assert_eq!(theirs.value, [None]);
        assert_eq!(theirs.chosen.2, ["C"]);
        assert_eq!(counted.respondent, [1, 1, 3, 2]);
        assert_eq!(counted.question, [1, 2, 1, 1]);
        assert_eq!(counted.value, [Some(3), Some(5), Some(1), Some(4)]);
        assert_eq!(counted.chosen.0, [1, 3, 2]);
        assert_eq!(counted.chosen.2, ["A", "B", "D"]);
    }
}

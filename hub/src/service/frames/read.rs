//! Reading the tables behind one set of frames, all of one data version: inside one
//! read transaction (PostgreSQL: a repeatable-read snapshot), and for SQLite, whose
//! answers are read on a connection of their own, again when a write came between.

use std::collections::HashMap;

use analytics::{FindingTable, MunicipalityTable, OrganisationTable, QuestionInfo, RegionTable};
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, TransactionTrait,
};

use super::{
    Frames, Labels, answers,
    tables::{Answers, Counting, Made, Tables, question_frame, respondent_frame},
};
use crate::{
    domain::{OrganisationKind, QuestionKind, Role},
    error::{Error, Result},
    service::Wait,
};

#[derive(FromQueryResult)]
struct FindingRow {
    interview: i32,
    country: String,
    region: String,
    role: Role,
    theme: String,
    sub_code: Option<String>,
}

#[derive(FromQueryResult)]
struct OrganisationRow {
    country: String,
    region: String,
    kind: OrganisationKind,
    status: String,
    closed_year: Option<i32>,
    founded_year: Option<i32>,
    last_verified: Option<NaiveDate>,
    municipality: Option<String>,
    link_stage: i32,
}

#[derive(FromQueryResult)]
struct MunicipalityRow {
    code: String,
    name: String,
    region: String,
    country: String,
    population: Option<i64>,
}

#[derive(FromQueryResult)]
struct RegionRow {
    code: String,
    country: String,
    population: i64,
}

#[derive(FromQueryResult)]
struct QuestionRow {
    survey: String,
    code: String,
    theme: Option<String>,
    kind: QuestionKind,
    options: Option<serde_json::Value>,
    scale_labels: Option<serde_json::Value>,
    text: serde_json::Value,
}

#[derive(FromQueryResult)]
struct ThemeRow {
    code: String,
    name: serde_json::Value,
}

async fn rows<T: FromQueryResult>(db: &impl ConnectionTrait, sql: &str) -> Result<Vec<T>> {
    let statement = Statement::from_string(db.get_database_backend(), sql);
    Ok(T::find_by_statement(statement).all(db).await?)
}

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
    let answers = match held {
        Some(held) if held.answers_version == answers_version => Answers::Held(held.clone()),
        held => {
            // Counts of an answers version that later ones only added respondents to, or
            // changed what some are counted by, need only those respondents' answers.
            let onto =
                held.filter(|h| (answers_base..answers_version).contains(&h.answers_version));
            let scope = match onto {
                Some(h) => answers::Scope::ChangedAfter(h.answers_version),
                None => answers::Scope::All,
            };
            let columns = match file {
                Some(path) => {
                    let (columns, of) = answers::sqlite(path, scope, wait(held)).await?;
                    if of != version {
                        return Ok(None);
                    }
                    columns
                }
                None if backend == DbBackend::Postgres => {
                    answers::postgres(conn.get_postgres_connection_pool(), db, scope).await?
                }
                None => answers::in_transaction(db, scope).await?,
            };
            Answers::Read {
                columns: Box::new(columns),
                respondents: respondent_frame(rows(db, &scope.respondents()).await?)?,
                questions_by_id: question_frame(rows(db, answers::QUESTIONS).await?)?,
                onto: onto.cloned(),
            }
        }
    };

    let mut findings = FindingTable::default();
    for row in rows::<FindingRow>(
        db,
        "SELECT f.interview_id AS interview, g.country_code AS country, g.code AS region, \
                i.interviewee_role AS role, f.theme_code AS theme, f.sub_code AS sub_code \
         FROM finding f JOIN interview i ON i.id = f.interview_id JOIN region g ON g.id = i.region_id",
    )
    .await?
    {
        findings.interview.push(row.interview);
        findings.country.push(row.country);
        findings.region.push(row.region);
        findings.role.push(row.role.into());
        findings.theme.push(row.theme);
        findings.sub_code.push(row.sub_code);
    }

    let mut organisations = OrganisationTable::default();
    for row in rows::<OrganisationRow>(
        db,
        "SELECT g.country_code AS country, g.code AS region, o.kind AS kind, o.status AS status, \
                o.closed_year AS closed_year, o.founded_year AS founded_year, \
                o.last_verified AS last_verified, m.code AS municipality, \
                COALESCE(l.stage, 0) AS link_stage \
         FROM organisation o JOIN region g ON g.id = o.region_id \
         LEFT JOIN municipality m ON m.id = o.municipality_id \
         LEFT JOIN (SELECT organisation_id, MAX(CASE WHEN answered_at IS NOT NULL THEN 3 \
                           WHEN opened_at IS NOT NULL THEN 2 ELSE 1 END) AS stage \
                    FROM registry_link GROUP BY organisation_id) l ON l.organisation_id = o.id",
    )
    .await?
    {
        organisations.country.push(row.country);
        organisations.region.push(row.region);
        organisations.kind.push(row.kind.into());
        organisations.status.push(row.status);
        organisations.closed_year.push(row.closed_year);
        organisations.founded_year.push(row.founded_year);
        organisations
            .verified_day
            .push(row.last_verified.map(|d| d.num_days_from_ce()));
        organisations.municipality.push(row.municipality);
        organisations
            .link_stage
            .push(u8::try_from(row.link_stage).unwrap_or_default());
    }

    let mut municipalities = MunicipalityTable::default();
    let mut municipality_names = HashMap::new();
    for row in rows::<MunicipalityRow>(
        db,
        "SELECT m.code AS code, m.name AS name, g.code AS region, g.country_code AS country, m.population AS population \
         FROM municipality m JOIN region g ON g.id = m.region_id",
    )
    .await?
    {
        municipality_names.insert(row.code.clone(), row.name);
        municipalities.code.push(row.code);
        municipalities.region.push(row.region);
        municipalities.country.push(row.country);
        municipalities.population.push(row.population);
    }

    let mut regions = RegionTable::default();
    for row in rows::<RegionRow>(
        db,
        "SELECT code, country_code AS country, population FROM region",
    )
    .await?
    {
        regions.code.push(row.code);
        regions.country.push(row.country);
        regions.population.push(row.population);
    }

    let mut countries = regions.country.clone();
    countries.sort();
    countries.dedup();

    let question_rows = rows::<QuestionRow>(
        db,
        "SELECT s.code AS survey, q.code AS code, q.theme_code AS theme, q.kind AS kind, q.options AS options, \
                q.scale_labels AS scale_labels, q.text AS text \
         FROM question q JOIN survey s ON s.id = q.survey_id ORDER BY s.year, s.code, q.position",
    )
    .await?;
    let mut labels = Labels {
        countries,
        municipalities: municipality_names,
        ..Labels::default()
    };
    for theme in
        rows::<ThemeRow>(db, "SELECT code, name FROM theme ORDER BY position, code").await?
    {
        labels.theme_order.push(theme.code.clone());
        labels.themes.insert(theme.code, theme.name);
    }
    let mut questions = Vec::new();
    for q in question_rows {
        let options: Vec<serde_json::Value> = q
            .options
            .and_then(|o| o.as_array().cloned())
            .unwrap_or_default();
        let mut codes = Vec::new();
        for option in options {
            if let Some(code) = option.get("code").and_then(|c| c.as_str()) {
                codes.push(code.to_owned());
                if let Some(texts) = option.get("labels") {
                    labels
                        .options
                        .entry(q.code.clone())
                        .or_default()
                        .insert(code.to_owned(), texts.clone());
                }
            }
        }
        labels.questions.insert(q.code.clone(), q.text);
        if let Some(scale) = q.scale_labels {
            labels.scales.insert(q.code.clone(), scale);
        }
        questions.push(QuestionInfo {
            survey: q.survey,
            code: q.code,
            theme: q.theme,
            kind: q.kind.into(),
            options: codes,
        });
    }

    txn.commit().await?;
    let tables = Tables {
        answers,
        answers_version,
        findings,
        organisations,
        regions,
        municipalities,
        questions,
    };
    Ok(Some((tables, labels)))
}

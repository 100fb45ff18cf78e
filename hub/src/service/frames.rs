//! The analytics input frames, built from the database once per data version and kept
//! in memory; a request then costs one version check and the polars query.

use std::{collections::HashMap, sync::Arc, time::Instant};

use analytics::{
    AnswerTable, ChoiceTable, FindingTable, Inputs, MunicipalityTable, OrganisationTable,
    QuestionInfo, RegionTable,
};
use chrono::{Datelike, NaiveDate};
use sea_orm::{DatabaseConnection, FromQueryResult, Statement};
use tokio::sync::{Mutex, RwLock};

use super::version::VersionWatch;
use crate::{
    domain::{OrganisationKind, QuestionKind, Role},
    error::{Error, Result},
};

/// The frames of one data version.
#[derive(Debug, Clone)]
pub struct Frames {
    /// The data version they were built from.
    pub version: i64,
    /// The frames.
    pub inputs: Arc<Inputs>,
    /// Texts the comparison rows are labelled with.
    pub labels: Arc<Labels>,
    /// Whether the data is the synthetic demo dataset.
    pub synthetic: bool,
}

/// Theme names and question labels by language, as stored (JSON objects by language).
#[derive(Debug, Default)]
pub struct Labels {
    /// Theme names by theme code.
    pub themes: HashMap<String, serde_json::Value>,
    /// Likert scale labels by question code.
    pub scales: HashMap<String, serde_json::Value>,
    /// Option labels by question code, then option code.
    pub options: HashMap<String, HashMap<String, serde_json::Value>>,
    /// Question texts by question code.
    pub questions: HashMap<String, serde_json::Value>,
    /// Theme codes in the report's order.
    pub theme_order: Vec<String>,
    /// Country codes of the partner regions, sorted.
    pub countries: Vec<String>,
    /// Municipality names by code.
    pub municipalities: HashMap<String, String>,
}

/// Keeps the frames of the latest data version.
#[derive(Debug)]
pub struct FrameCache {
    watch: VersionWatch,
    current: RwLock<Option<Frames>>,
    building: Mutex<()>,
}

impl FrameCache {
    /// The data version it follows.
    pub fn watch(&self) -> &VersionWatch {
        &self.watch
    }

    /// A cache that follows `watch`.
    pub fn new(watch: VersionWatch) -> Self {
        Self {
            watch,
            current: RwLock::default(),
            building: Mutex::default(),
        }
    }

    /// The frames held, if they are of the current data version.
    async fn fresh(&self) -> Option<Frames> {
        let wanted = self.watch.get();
        (self.current.read().await.as_ref())
            .filter(|f| f.version == wanted)
            .cloned()
    }

    /// The frames of the current data version, building them if the data changed.
    pub async fn get(&self, db: &DatabaseConnection) -> Result<Frames> {
        if let Some(frames) = self.fresh().await {
            return Ok(frames);
        }
        // One build at a time; whoever waited finds the fresh frames afterwards.
        let _guard = self.building.lock().await;
        if let Some(frames) = self.fresh().await {
            return Ok(frames);
        }
        let wanted = self.watch.get();
        let started = Instant::now();
        let (inputs, labels) = build_with_labels(db).await?;
        let (inputs, labels) = (Arc::new(inputs), Arc::new(labels));
        tracing::info!(
            version = wanted,
            answers = inputs.answer_count(),
            millis = started.elapsed().as_millis() as u64,
            "built the analytics frames"
        );
        let synthetic = super::version::meta(db, "synthetic").await?.as_deref() == Some("true");
        let frames = Frames {
            version: wanted,
            inputs,
            labels,
            synthetic,
        };
        *self.current.write().await = Some(frames.clone());
        Ok(frames)
    }
}

/// Today, as the registry statistics count days.
pub fn today() -> i32 {
    chrono::Utc::now().date_naive().num_days_from_ce()
}

#[derive(FromQueryResult)]
struct AnswerRow {
    respondent: i32,
    survey: String,
    country: String,
    region: String,
    role: Role,
    organisation_kind: Option<OrganisationKind>,
    municipality: Option<String>,
    question: String,
    theme: Option<String>,
    kind: QuestionKind,
    value: Option<i16>,
    choices: Option<serde_json::Value>,
}

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

async fn rows<T: FromQueryResult>(db: &DatabaseConnection, sql: &str) -> Result<Vec<T>> {
    let statement = Statement::from_string(db.get_database_backend(), sql);
    Ok(T::find_by_statement(statement).all(db).await?)
}

/// The frames and the texts to label their rows with.
pub async fn build_with_labels(db: &DatabaseConnection) -> Result<(Inputs, Labels)> {
    let (tables, labels) = read(db).await?;
    Ok((tables.into_inputs()?, labels))
}

/// The typed tables as read from the database, before polars.
#[derive(Debug, Clone)]
pub struct Tables {
    answers: AnswerTable,
    choices: ChoiceTable,
    findings: FindingTable,
    organisations: OrganisationTable,
    regions: RegionTable,
    municipalities: MunicipalityTable,
    questions: Vec<QuestionInfo>,
}

impl Tables {
    /// The frames, with the derived ones (per-person theme scores, answers by question).
    pub fn into_inputs(self) -> Result<Inputs> {
        Inputs::new(
            self.answers,
            self.choices,
            self.findings,
            self.organisations,
            self.regions,
            self.questions,
        )
        .and_then(|inputs| inputs.with_municipalities(self.municipalities))
        .map_err(Error::from)
    }
}

/// Reads the tables and labels from the database.
pub async fn read(db: &DatabaseConnection) -> Result<(Tables, Labels)> {
    let answers: Vec<AnswerRow> = rows(
        db,
        "SELECT a.respondent_id AS respondent, s.code AS survey, g.country_code AS country, g.code AS region, \
                r.role AS role, o.kind AS organisation_kind, m.code AS municipality, q.code AS question, \
                q.theme_code AS theme, q.kind AS kind, a.value AS value, a.choices AS choices \
         FROM answer a \
         JOIN respondent r ON r.id = a.respondent_id \
         JOIN region g ON g.id = r.region_id \
         JOIN question q ON q.id = a.question_id \
         JOIN survey s ON s.id = q.survey_id \
         LEFT JOIN organisation o ON o.id = r.organisation_id \
         LEFT JOIN municipality m ON m.id = r.municipality_id",
    )
    .await?;
    let mut table = AnswerTable::default();
    let mut chosen = ChoiceTable::default();
    for row in answers {
        if let Some(serde_json::Value::Array(options)) = &row.choices {
            for option in options.iter().filter_map(|o| o.as_str()) {
                chosen.respondent.push(row.respondent);
                chosen.survey.push(row.survey.clone());
                chosen.country.push(row.country.clone());
                chosen.region.push(row.region.clone());
                chosen.role.push(row.role.into());
                chosen
                    .organisation_kind
                    .push(row.organisation_kind.map(Into::into));
                chosen.municipality.push(row.municipality.clone());
                chosen.question.push(row.question.clone());
                chosen.option.push(option.to_owned());
            }
        }
        table.respondent.push(row.respondent);
        table.survey.push(row.survey);
        table.country.push(row.country);
        table.region.push(row.region);
        table.role.push(row.role.into());
        table
            .organisation_kind
            .push(row.organisation_kind.map(Into::into));
        table.municipality.push(row.municipality);
        table.question.push(row.question);
        table.theme.push(row.theme);
        table.kind.push(row.kind.into());
        table.value.push(row.value.map(i32::from));
    }

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
                o.closed_year AS closed_year, o.last_verified AS last_verified, m.code AS municipality, \
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

    let tables = Tables {
        answers: table,
        choices: chosen,
        findings,
        organisations,
        regions,
        municipalities,
        questions,
    };
    Ok((tables, labels))
}

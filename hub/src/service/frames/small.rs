//! The small tables behind the frames, read in the transaction of the answers: the
//! findings, the registry, regions and municipalities, the questions, and the texts the
//! comparisons are labelled with.

use std::collections::HashMap;

use analytics::{FindingTable, MunicipalityTable, OrganisationTable, QuestionInfo, RegionTable};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

use super::Labels;
use crate::{
    domain::{OrganisationKind, QuestionKind, Role},
    error::Result,
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

pub(super) async fn rows<T: FromQueryResult>(
    db: &impl ConnectionTrait,
    sql: &str,
) -> Result<Vec<T>> {
    let statement = Statement::from_string(db.get_database_backend(), sql);
    Ok(T::find_by_statement(statement).all(db).await?)
}

/// The small tables, as [`super::Tables`] holds them.
pub(super) struct Small {
    pub(super) findings: FindingTable,
    pub(super) organisations: OrganisationTable,
    pub(super) regions: RegionTable,
    pub(super) municipalities: MunicipalityTable,
    pub(super) questions: Vec<QuestionInfo>,
}

/// Reads the small tables and the labels in `db` (the read transaction).
pub(super) async fn read(db: &impl ConnectionTrait) -> Result<(Small, Labels)> {
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

    let small = Small {
        findings,
        organisations,
        regions,
        municipalities,
        questions,
    };
    Ok((small, labels))
}

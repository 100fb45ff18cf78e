//! One survey's `form-CODE.xlsx` (XLSForm) and `survey-CODE.csv` (wide answers), as
//! `hub import form` and `hub import survey` read them.

use std::{collections::HashMap, path::Path};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::{super::write_atomically, File, csv_file, joined, text};
use crate::{
    domain::{QuestionKind, code_of},
    entity::{answer, municipality, question, region, respondent, survey},
    error::Result,
};

/// One survey: its form, and its answers wide (one row per respondent).
pub(super) async fn survey_files(
    db: &DatabaseConnection,
    dir: &Path,
    s: &survey::Model,
    areas: (&[region::Model], &[municipality::Model]),
    organisations: &HashMap<i32, String>,
    include_free_text: bool,
) -> Result<Vec<File>> {
    let questions = question::Entity::find()
        .filter(question::Column::SurveyId.eq(s.id))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    let form = crate::export::xlsform::xlsform(s, &questions, areas.0, areas.1)?;
    let form_path = dir.join(format!("form-{}.xlsx", s.code));
    write_atomically(&form_path, &form)?;

    let columns: Vec<&question::Model> = (questions.iter())
        .filter(|q| include_free_text || q.kind != QuestionKind::FreeText)
        .collect();
    let position: HashMap<i32, usize> =
        columns.iter().enumerate().map(|(i, q)| (q.id, i)).collect();
    let region_code: HashMap<i32, &str> = areas.0.iter().map(|r| (r.id, r.code.as_str())).collect();
    let municipality_code: HashMap<i32, &str> =
        areas.1.iter().map(|m| (m.id, m.code.as_str())).collect();
    let mut header: Vec<String> = ["id", "region", "role", "organisation", "municipality"]
        .map(str::to_owned)
        .to_vec();
    header.extend(columns.iter().map(|q| q.code.clone()));
    let mut rows = vec![header];
    let people = respondent::Entity::find()
        .filter(respondent::Column::SurveyId.eq(s.id))
        .order_by_asc(respondent::Column::Id)
        .all(db)
        .await?;
    for chunk in people.chunks(2_000) {
        let mut cells: HashMap<i32, Vec<String>> = HashMap::new();
        for a in answer::Entity::find()
            .filter(answer::Column::RespondentId.is_in(chunk.iter().map(|r| r.id)))
            .all(db)
            .await?
        {
            let Some(i) = position.get(&a.question_id) else {
                continue;
            };
            let value = match (a.value, &a.choices, &a.text) {
                (Some(v), _, _) => v.to_string(),
                (None, Some(choices), _) => joined(choices, " "),
                (None, None, t) => text(t.as_ref()),
            };
            cells
                .entry(a.respondent_id)
                .or_insert_with(|| vec![String::new(); columns.len()])[*i] = value;
        }
        for r in chunk {
            let mut row = vec![
                r.external_id.clone(),
                text(region_code.get(&r.region_id)),
                code_of(&r.role),
                text(r.organisation_id.and_then(|o| organisations.get(&o))),
                text(r.municipality_id.and_then(|m| municipality_code.get(&m))),
            ];
            row.extend(
                cells
                    .remove(&r.id)
                    .unwrap_or_else(|| vec![String::new(); columns.len()]),
            );
            rows.push(row);
        }
    }
    let answers = csv_file(dir, ("survey", &format!("survey-{}.csv", s.code)), &rows)?;
    Ok(vec![
        File {
            kind: "form",
            path: form_path,
            rows: questions.len() as u64,
        },
        answers,
    ])
}

//! `hub import survey --survey CODE FILE`: a wide survey export as KoboToolbox, ODK and
//! LimeSurvey write it: one row per respondent, one column per question code, an id
//! column (`_uuid`, `meta/instanceID`, `KEY` or `id`), `region` and `role` columns and,
//! optionally, `organisation` (the organisation's id in the registry). Likert answers are
//! the level (1 to 5) or its label in any of the survey's languages; multiple choice is
//! space-separated option codes in one column or a 0/1 column per option (`Q/OPTION`).

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, TransactionTrait,
};
use serde_json::json;

use super::{
    Code, Options, Outcome, Problems, Progress, Regions, Summary, enum_code,
    table::{self, Table},
};
use crate::{
    db::insert_chunked,
    domain::{QuestionKind, Role},
    entity::{answer, organisation, question, respondent, survey},
    error::{Error, Result},
    service::version,
};

/// Columns that name the respondent, in the order they are looked for.
pub const ID_COLUMNS: [&str; 4] = ["_uuid", "meta/instanceID", "KEY", "id"];

/// Columns the survey tools add that the hub does not keep.
fn is_tool_metadata(name: &str) -> bool {
    const NAMES: [&str; 16] = [
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "SubmissionDate",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
        "ReviewState",
        "SubmitterName",
    ];
    name.starts_with('_') || name.starts_with("meta/") || NAMES.contains(&name)
}

mod cells;

use cells::{Cell, Column, Question, Record, flag};

/// What the database knows that the rows refer to.
struct Known {
    survey_id: i32,
    questions: Vec<Question>,
    regions: Regions,
    organisations: HashMap<String, i32>,
}

async fn known(db: &DatabaseConnection, code: &str, table: &Table) -> Result<Known> {
    let surveys = survey::Entity::find().all(db).await?;
    let Some(found) = surveys.iter().find(|s| s.code.eq_ignore_ascii_case(code)) else {
        let valid: Vec<&str> = surveys.iter().map(|s| s.code.as_str()).collect();
        return Err(Error::bad_input(
            "--survey",
            format!("unknown survey {code:?}; valid: {}", valid.join(", ")),
        ));
    };
    let questions = question::Entity::find()
        .filter(question::Column::SurveyId.eq(found.id))
        .all(db)
        .await?
        .into_iter()
        .map(Question::new)
        .collect();
    let mut organisations = HashMap::new();
    if let Some(i) = table.column("organisation") {
        let wanted: HashSet<String> = table
            .rows
            .iter()
            .filter_map(|r| r.cells.get(i))
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect();
        let wanted: Vec<String> = wanted.into_iter().collect();
        for chunk in wanted.chunks(500) {
            for o in organisation::Entity::find()
                .filter(organisation::Column::ExternalId.is_in(chunk.iter().cloned()))
                .all(db)
                .await?
            {
                if let Some(e) = o.external_id {
                    organisations.insert(e, o.id);
                }
            }
        }
    }
    Ok(Known {
        survey_id: found.id,
        questions,
        regions: Regions::read(db).await?,
        organisations,
    })
}

/// Maps the header to question columns; reports what cannot be read.
fn columns(table: &Table, known: &Known, problems: &mut Problems) -> (usize, Vec<Option<Column>>) {
    let id_column = ID_COLUMNS.iter().find_map(|name| table.column(name));
    if id_column.is_none() {
        problems.add(
            Code::MissingLabel,
            Some(1),
            Some(("id", 0)),
            None,
            format!("no id column; name one {}", ID_COLUMNS.join(", ")),
        );
    }
    for name in ["region", "role"] {
        if table.column(name).is_none() {
            problems.add(
                Code::MissingLabel,
                Some(1),
                Some((name, 0)),
                None,
                format!("the required column {name:?} is missing"),
            );
        }
    }
    let by_code: HashMap<String, usize> = known
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.code.to_lowercase(), i))
        .collect();
    let mut mapped = Vec::with_capacity(table.headers.len());
    let mut any_question = false;
    for (i, header) in table.headers.iter().enumerate() {
        let lower = header.to_lowercase();
        let column = if Some(i) == id_column
            || ["region", "role", "organisation"].contains(&header.as_str())
        {
            None
        } else if let Some(q) = by_code.get(&lower) {
            Some(Column::Question(*q))
        } else if let Some((code, option)) = lower.split_once('/')
            && let Some(q) = by_code.get(code)
        {
            let question = &known.questions[*q];
            match question.options.get(option) {
                Some(o) if question.kind == QuestionKind::MultipleChoice => {
                    Some(Column::Option(*q, o.clone()))
                }
                _ => {
                    problems.add(
                        Code::ExtraLabel,
                        Some(1),
                        Some((header, i + 1)),
                        Some(header),
                        format!(
                            "{} has no option {option:?}; valid: {}",
                            question.code,
                            question.option_codes.join(", ")
                        ),
                    );
                    None
                }
            }
        } else {
            if header.is_empty() {
                problems.add(
                    Code::BlankLabel,
                    Some(1),
                    Some(("", i + 1)),
                    None,
                    "a column has no name",
                );
            } else if !is_tool_metadata(header) {
                problems.add(
                    Code::ExtraLabel,
                    Some(1),
                    Some((header, i + 1)),
                    Some(header),
                    format!("{header:?} is neither a question of the survey nor a known column"),
                );
            }
            None
        };
        if table.headers[..i].contains(header) {
            problems.add(
                Code::DuplicateLabel,
                Some(1),
                Some((header, i + 1)),
                Some(header),
                format!("column {header:?} appears more than once"),
            );
        }
        any_question |= column.is_some();
        mapped.push(column);
    }
    if !any_question && !table.headers.is_empty() {
        let codes: Vec<&str> = known.questions.iter().map(|q| q.code.as_str()).collect();
        problems.add(
            Code::MissingLabel,
            Some(1),
            None,
            None,
            format!(
                "no column is a question of the survey; its questions: {}",
                codes.join(", ")
            ),
        );
    }
    (id_column.unwrap_or(0), mapped)
}

fn validate(
    table: &Table,
    known: &Known,
    id_column: usize,
    mapped: &[Option<Column>],
    problems: &mut Problems,
    progress: &dyn Progress,
) -> (Vec<Record>, u64) {
    let widths = table::check_widths(table, problems);
    let region_column = table.column("region").unwrap_or(0);
    let role_column = table.column("role").unwrap_or(0);
    let organisation_column = table.column("organisation");
    let mut first_row: HashMap<&str, usize> = HashMap::new();
    let mut records = Vec::with_capacity(table.rows.len());
    let mut rejected = 0;
    for (n, (row, width_ok)) in table.rows.iter().zip(widths).enumerate() {
        if n % 4096 == 0 {
            progress.advance(4096.min(table.rows.len() - n) as u64);
        }
        if !width_ok {
            rejected += 1;
            continue;
        }
        let mut ok = true;
        let mut fail = |code: Code, column: usize, message: String| {
            problems.add(
                code,
                Some(row.number),
                Some((&table.headers[column], column + 1)),
                Some(&row.cells[column]),
                message,
            );
            ok = false;
        };
        let id = row.cells[id_column].trim();
        if id.is_empty() {
            fail(
                Code::ConstraintError,
                id_column,
                "the respondent's id is required".into(),
            );
        } else if let Some(first) = first_row.get(id) {
            fail(
                Code::DuplicateRow,
                id_column,
                format!("id {id:?} is also on row {first}"),
            );
        } else {
            first_row.insert(id, row.number);
        }
        let region_text = row.cells[region_column].trim();
        let region_id = known.regions.id(region_text);
        if region_text.is_empty() {
            fail(
                Code::ConstraintError,
                region_column,
                "the region is required".into(),
            );
        } else if region_id.is_none() {
            fail(
                Code::ForeignKey,
                region_column,
                format!("unknown region; valid: {}", known.regions.codes),
            );
        }
        let role_text = row.cells[role_column].trim();
        let role: Option<Role> = enum_code(role_text);
        if role_text.is_empty() {
            fail(
                Code::ConstraintError,
                role_column,
                "the role is required".into(),
            );
        } else if role.is_none() {
            fail(
                Code::ConstraintError,
                role_column,
                format!("unknown role; valid: {}", Role::CODES.join(", ")),
            );
        }
        let organisation_id = match organisation_column {
            Some(c) if !row.cells[c].trim().is_empty() => {
                let found = known.organisations.get(row.cells[c].trim()).copied();
                if found.is_none() {
                    fail(
                        Code::ForeignKey,
                        c,
                        "no organisation in the registry has this id".into(),
                    );
                }
                found
            }
            _ => None,
        };
        let mut answers: Vec<(i32, Cell)> = Vec::with_capacity(mapped.len());
        let mut flags: HashMap<usize, Vec<String>> = HashMap::new();
        for (c, column) in mapped.iter().enumerate() {
            match column {
                Some(Column::Question(q)) => {
                    let question = &known.questions[*q];
                    match question.read(&row.cells[c]) {
                        Ok(Some(cell)) => answers.push((question.id, cell)),
                        Ok(None) => {}
                        Err((code, message)) => fail(code, c, message),
                    }
                }
                Some(Column::Option(q, option)) => match flag(&row.cells[c]) {
                    Ok(true) => flags.entry(*q).or_default().push(option.clone()),
                    Ok(false) => {
                        flags.entry(*q).or_default();
                    }
                    Err(()) => fail(Code::TypeError, c, "an option column holds 1 or 0".into()),
                },
                None => {}
            }
        }
        for (q, chosen) in flags {
            let question = &known.questions[q];
            if chosen.is_empty() || answers.iter().any(|(id, _)| *id == question.id) {
                continue;
            }
            answers.push((question.id, Cell::Choices(chosen)));
        }
        answers.sort_by_key(|(id, _)| *id);
        match (ok, region_id, role) {
            (true, Some(region_id), Some(role)) => records.push(Record {
                row: row.number,
                external_id: id.to_owned(),
                region_id,
                role,
                organisation_id,
                answers,
            }),
            _ => rejected += 1,
        }
    }
    (records, rejected)
}

fn answer_model(respondent_id: i32, question_id: i32, cell: &Cell) -> answer::ActiveModel {
    let (value, choices, text) = match cell {
        Cell::Value(v) => (Some(*v), None, None),
        Cell::Choices(c) => (None, Some(json!(c)), None),
        Cell::Text(t) => (None, None, Some(t.clone())),
    };
    answer::ActiveModel {
        id: NotSet,
        respondent_id: sea_orm::Set(respondent_id),
        question_id: sea_orm::Set(question_id),
        value: sea_orm::Set(value),
        choices: sea_orm::Set(choices),
        text: sea_orm::Set(text),
    }
}

fn stored(a: &answer::Model) -> Cell {
    match (a.value, &a.choices, &a.text) {
        (Some(v), _, _) => Cell::Value(v),
        (None, Some(c), _) => Cell::Choices(serde_json::from_value(c.clone()).unwrap_or_default()),
        (None, None, t) => Cell::Text(t.clone().unwrap_or_default()),
    }
}

/// The respondents of the survey already in the database, by external id.
async fn existing(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> Result<HashMap<String, respondent::Model>> {
    Ok(respondent::Entity::find()
        .filter(respondent::Column::SurveyId.eq(survey_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.external_id.clone(), r))
        .collect())
}

/// Validates `path` against survey `code` and, without problems, writes it in one
/// transaction.
pub async fn import(
    db: &DatabaseConnection,
    code: &str,
    path: &Path,
    options: Options,
    progress: &dyn Progress,
) -> Result<Outcome> {
    let mut problems = Problems::new(path, options.max_problems);
    progress.stage("reading", 0);
    let table = table::read(path, &mut problems)?;
    let known = known(db, code, &table).await?;
    if table.headers.is_empty() && problems.is_empty() {
        problems.add(Code::FormatError, None, None, None, "the file is empty");
    }
    let (id_column, mapped) = columns(&table, &known, &mut problems);
    if !problems.is_empty() {
        return Ok(problems.refuse(table.rows.len() as u64));
    }
    progress.stage("checking", table.rows.len() as u64);
    let (records, rejected) = validate(&table, &known, id_column, &mapped, &mut problems, progress);
    drop(table);

    let txn = db.begin().await?;
    let before = existing(&txn, known.survey_id).await?;
    let changed_ids: Vec<i32> = records
        .iter()
        .filter_map(|r| before.get(&r.external_id).map(|m| m.id))
        .collect();
    let mut stored_answers: HashMap<i32, Vec<(i32, Cell)>> = HashMap::new();
    for chunk in changed_ids.chunks(500) {
        for a in answer::Entity::find()
            .filter(answer::Column::RespondentId.is_in(chunk.iter().copied()))
            .all(&txn)
            .await?
        {
            stored_answers
                .entry(a.respondent_id)
                .or_default()
                .push((a.question_id, stored(&a)));
        }
    }
    for answers in stored_answers.values_mut() {
        answers.sort_by_key(|(id, _)| *id);
    }
    let mut summary = Summary::default();
    let mut updates = Vec::new();
    for record in &records {
        if let Some(m) = before.get(&record.external_id) {
            let same = m.region_id == record.region_id
                && m.role == record.role
                && m.organisation_id == record.organisation_id
                && stored_answers
                    .get(&m.id)
                    .map_or(record.answers.is_empty(), |a| *a == record.answers);
            if same {
                summary.unchanged += 1;
            } else if options.no_update {
                problems.add(
                    Code::UpdateRefused,
                    Some(record.row),
                    None,
                    Some(&record.external_id),
                    "this respondent is already in the database with other answers, and --no-update was given",
                );
            } else {
                updates.push((m.id, record));
            }
        }
    }
    if !problems.is_empty() {
        txn.rollback().await?;
        return Ok(problems.refuse(rejected));
    }

    let new: Vec<&Record> = records
        .iter()
        .filter(|r| !before.contains_key(&r.external_id))
        .collect();
    progress.stage("writing", new.len() as u64 + updates.len() as u64);
    tracing::info!(file = %path.display(), respondents = new.len(), updated = updates.len(), "writing survey answers");
    for batch in new.chunks(2_000) {
        let people: Vec<respondent::ActiveModel> = batch
            .iter()
            .map(|r| respondent::ActiveModel {
                id: NotSet,
                survey_id: sea_orm::Set(known.survey_id),
                external_id: sea_orm::Set(r.external_id.clone()),
                region_id: sea_orm::Set(r.region_id),
                role: sea_orm::Set(r.role),
                organisation_id: sea_orm::Set(r.organisation_id),
            })
            .collect();
        insert_chunked(&txn, people).await?;
        let ids: HashMap<String, i32> = respondent::Entity::find()
            .filter(respondent::Column::SurveyId.eq(known.survey_id))
            .filter(
                respondent::Column::ExternalId.is_in(batch.iter().map(|r| r.external_id.clone())),
            )
            .all(&txn)
            .await?
            .into_iter()
            .map(|r| (r.external_id, r.id))
            .collect();
        let mut answers = Vec::with_capacity(batch.len() * 22);
        for record in batch {
            let Some(id) = ids.get(&record.external_id) else {
                continue;
            };
            answers.extend(
                record
                    .answers
                    .iter()
                    .map(|(q, cell)| answer_model(*id, *q, cell)),
            );
        }
        insert_chunked(&txn, answers).await?;
        summary.inserted += batch.len() as u64;
        progress.advance(batch.len() as u64);
    }
    for (id, record) in &updates {
        respondent::ActiveModel {
            id: sea_orm::Set(*id),
            survey_id: sea_orm::Set(known.survey_id),
            external_id: sea_orm::Set(record.external_id.clone()),
            region_id: sea_orm::Set(record.region_id),
            role: sea_orm::Set(record.role),
            organisation_id: sea_orm::Set(record.organisation_id),
        }
        .update(&txn)
        .await?;
        answer::Entity::delete_many()
            .filter(answer::Column::RespondentId.eq(*id))
            .exec(&txn)
            .await?;
        let answers: Vec<answer::ActiveModel> = record
            .answers
            .iter()
            .map(|(q, cell)| answer_model(*id, *q, cell))
            .collect();
        insert_chunked(&txn, answers).await?;
        summary.updated += 1;
        progress.advance(1);
    }
    if summary.inserted + summary.updated > 0 {
        version::bump(&txn).await?;
    }
    txn.commit().await?;
    Ok(Outcome::Written { summary })
}

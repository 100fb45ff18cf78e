//! `hub import survey --survey CODE FILE`: a wide survey export as KoboToolbox, ODK and
//! LimeSurvey write it: one row per respondent, one column per question code, an id
//! column (`_uuid`, `meta/instanceID`, `KEY` or `id`), `region` and `role` columns and,
//! optionally, `organisation` (the organisation's id in the registry). Likert answers are
//! the level (1 to 5) or its label in any of the survey's languages; multiple choice is
//! space-separated option codes in one column or a 0/1 column per option (`Q/OPTION`).
//! A field in one of the form's groups may be written `group/field`, as Kobo does.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use serde_json::{Value, json};

use super::{Code, Options, Outcome, Progress, Regions, Summary, table::Table};
use crate::{
    db::insert_chunked,
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

use cells::{Cell, Question, Record};
use check::{columns, validate};

mod check;

/// What the database knows that the rows refer to.
struct Known {
    survey_id: i32,
    questions: Vec<Question>,
    regions: Regions,
    organisations: HashMap<String, i32>,
}

async fn known(db: &DatabaseConnection, code: &str, table: &mut Table) -> Result<Known> {
    let surveys = survey::Entity::find().all(db).await?;
    let Some(found) = surveys.iter().find(|s| s.code.eq_ignore_ascii_case(code)) else {
        let valid: Vec<&str> = surveys.iter().map(|s| s.code.as_str()).collect();
        return Err(Error::bad_input(
            "--survey",
            format!("unknown survey {code:?}; valid: {}", valid.join(", ")),
        ));
    };
    let stored = question::Entity::find()
        .filter(question::Column::SurveyId.eq(found.id))
        .all(db)
        .await?;
    let mut groups: Vec<String> = (found.groups.iter())
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|g| g["path"].as_str().map(str::to_owned))
        .chain(stored.iter().filter_map(|q| q.group_path.clone()))
        .collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    groups.dedup();
    strip_groups(table, &groups);
    let questions = stored.into_iter().map(Question::new).collect();
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

/// KoboToolbox and ODK write a field in a group as `group/field`: such a header is read
/// as the field's name, the longest group path of the survey taken off.
fn strip_groups(table: &mut Table, groups: &[String]) {
    for header in &mut table.headers {
        let field = groups.iter().find_map(|g| {
            (header.strip_prefix(g.as_str()))
                .and_then(|rest| rest.strip_prefix('/'))
                .filter(|rest| !rest.is_empty())
        });
        if let Some(field) = field {
            *header = field.to_owned();
        }
    }
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

/// The respondents of `records` already in the survey, by external id. Only the file's
/// own ids are read (the unique index on survey and external id): read inside the write
/// transaction, a scan of every respondent of the survey held SQLite's write lock for as
/// long as it took, and every recorded read of person-level data waited behind it.
async fn existing(
    db: &impl ConnectionTrait,
    survey_id: i32,
    records: &[Record],
) -> Result<HashMap<String, respondent::Model>> {
    let mut found = HashMap::with_capacity(records.len());
    for chunk in records.chunks(500) {
        let ids = chunk.iter().map(|r| r.external_id.clone());
        for r in respondent::Entity::find()
            .filter(respondent::Column::SurveyId.eq(survey_id))
            .filter(respondent::Column::ExternalId.is_in(ids))
            .all(db)
            .await?
        {
            found.insert(r.external_id.clone(), r);
        }
    }
    Ok(found)
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
    let (mut problems, mut table) = super::open(path, &options, progress)?;
    let known = known(db, code, &mut table).await?;
    let (id_column, mapped) = columns(&table, &known, &mut problems);
    if !problems.is_empty() {
        return Ok(problems.refuse(table.rows.len() as u64));
    }
    progress.stage("checking", table.rows.len() as u64);
    let (records, rejected) = validate(&table, &known, id_column, &mapped, &mut problems, progress);
    drop(table);

    let txn = crate::db::begin_write(db).await?;
    // While the transaction is open, other writers wait (on SQLite, every write: the
    // audit trail of reads too); the log says for how long.
    let locked = std::time::Instant::now();
    let before = existing(&txn, known.survey_id, &records).await?;
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
                && record
                    .municipality_id
                    .is_none_or(|given| given == m.municipality_id)
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
    let mut written = Vec::with_capacity(new.len() + updates.len());
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
                municipality_id: sea_orm::Set(r.municipality_id.flatten()),
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
            written.push(*id);
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
            municipality_id: record.municipality_id.map_or(NotSet, sea_orm::Set),
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
    // The analytics count these respondents alone and change their counts by them.
    written.extend(updates.iter().map(|(id, _)| *id));
    if !written.is_empty() {
        version::bump_changing(&txn, version::Changed::Respondents(&written)).await?;
    }
    super::audit(&txn, &options, "survey", path, &summary).await?;
    txn.commit().await?;
    tracing::info!(
        file = %path.display(),
        held_write_ms = locked.elapsed().as_millis() as u64,
        "wrote survey answers"
    );
    Ok(Outcome::Written { summary })
}

//! Writes of interviews and their coded findings: checked by the findings importer's
//! rules (an interview's facts as its columns give them, a finding as a one-row file),
//! limited to the editor's regions (a finding's region is its interview's), with
//! optimistic concurrency, one audit event and a new data version per change.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, TryIntoModel,
};
use serde::Serialize;
use serde_json::json;

use super::{Patch, check_new_id, check_scope, invalid, one_row, patched, version_of};
use crate::{
    access::{
        Role, Viewer,
        audit::{self, Event},
    },
    domain::code_of,
    entity::{finding, interview, region},
    error::{Error, FieldProblem, Result},
    import::{
        Code, Problems, Regions,
        findings::{self, INTERVIEW, OPTIONAL, REQUIRED},
    },
    service::version,
};

/// The cells of an interview's facts, in [`INTERVIEW`] order.
async fn interview_cells(db: &impl ConnectionTrait, i: &interview::Model) -> Result<Vec<String>> {
    let region = (region::Entity::find_by_id(i.region_id).one(db).await?)
        .map(|r| r.code)
        .unwrap_or_default();
    Ok(vec![
        region,
        i.held_on.format("%Y-%m-%d").to_string(),
        code_of(&i.interviewee_role),
        i.language.clone(),
    ])
}

/// The file's id of an interview: its own, or the one the export gives it.
fn interview_file_id(i: &interview::Model) -> String {
    (i.external_id.clone()).unwrap_or_else(|| format!("HUB-I{}", i.id))
}

fn refused(field: &str, code: &str, value: Option<String>, message: String) -> Error {
    Error::Invalid(vec![FieldProblem {
        field: field.to_owned(),
        code: code.to_owned(),
        value,
        message,
    }])
}

/// A stored record changed since it was read: refused with what is stored now.
fn conflict(what: &'static str, id: i32, expected: &str, current: &impl Serialize) -> Error {
    Error::Conflict {
        what,
        id: id.to_string(),
        expected: expected.to_owned(),
        current: json!(current),
        current_version: version_of(current),
    }
}

/// An interview's facts after `patch`, checked by the importer's rules.
async fn checked_interview(
    db: &DatabaseConnection,
    cells: Vec<String>,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<findings::Interview> {
    let cells = patched(&INTERVIEW, cells, patch, fields);
    let table = one_row(&INTERVIEW, cells);
    let regions = Regions::read(db).await?;
    let mut problems = Problems::new(std::path::Path::new("input"), 50);
    let row = &table.rows[0];
    let facts = {
        let mut fail = |code: Code, name: &str, message: String| {
            let (value, number) =
                (table.column(name)).map_or(("", 0), |i| (row.cells[i].trim(), i + 1));
            problems.add(code, Some(2), Some((name, number)), Some(value), message);
        };
        findings::interview_of(&table, row, &regions, &mut fail)
    };
    match facts {
        Some(facts) if problems.is_empty() => Ok(facts),
        _ => Err(invalid(problems, fields, "input")),
    }
}

/// Adds an interview from `patch` (region, date, role and language required).
pub async fn create_interview(
    db: &DatabaseConnection,
    viewer: &Viewer,
    external_id: Option<String>,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<interview::Model> {
    if !viewer.has(Role::Editor) {
        return Err(Error::Forbidden(
            "only editors and admins add interviews".into(),
        ));
    }
    let external_id = external_id
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    let facts = checked_interview(db, vec![String::new(); INTERVIEW.len()], patch, fields).await?;
    check_scope(db, viewer, facts.region_id, "input.regionCode").await?;
    let txn = crate::db::begin_write(db).await?;
    if let Err(taken) = check_new_id::<interview::Entity>(
        &txn,
        interview::Column::ExternalId,
        &external_id,
        "an interview",
    )
    .await
    {
        txn.rollback().await?;
        return Err(taken);
    }
    let inserted = interview::ActiveModel {
        id: NotSet,
        external_id: Set(external_id),
        region_id: Set(facts.region_id),
        held_on: Set(facts.held_on),
        interviewee_role: Set(facts.role),
        language: Set(facts.language),
    }
    .insert(&txn)
    .await?;
    version::bump_beside_answers(&txn).await?;
    let event = Event::new(
        "interview.create",
        "interview",
        inserted.id,
        json!({ "before": null, "after": inserted, "version": version_of(&inserted) }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(inserted)
}

/// Changes interview `id` by `patch` if it is still at `expected`. A new language is
/// its findings' language too (the import file gives both in one column), so they
/// change with it.
pub async fn update_interview(
    db: &DatabaseConnection,
    viewer: &Viewer,
    (id, expected): (i32, &str),
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<interview::Model> {
    let stored = (interview::Entity::find_by_id(id).one(db).await?)
        .ok_or_else(|| Error::not_found("interview", id.to_string()))?;
    check_scope(db, viewer, stored.region_id, "id").await?;
    let cells = interview_cells(db, &stored).await?;
    let facts = checked_interview(db, cells, patch, fields).await?;
    check_scope(db, viewer, facts.region_id, "input.regionCode").await?;

    let txn = crate::db::begin_write(db).await?;
    let before = (interview::Entity::find_by_id(id).one(&txn).await?)
        .ok_or_else(|| Error::not_found("interview", id.to_string()))?;
    if version_of(&before) != expected {
        txn.rollback().await?;
        return Err(conflict("interview", id, expected, &before));
    }
    let after = interview::Model {
        region_id: facts.region_id,
        held_on: facts.held_on,
        interviewee_role: facts.role,
        language: facts.language,
        ..before.clone()
    };
    if after == before {
        txn.commit().await?;
        return Ok(before);
    }
    let active: interview::ActiveModel = after.clone().into();
    active.reset_all().update(&txn).await?;
    let relabelled = if after.language == before.language {
        0
    } else {
        finding::Entity::update_many()
            .col_expr(
                finding::Column::Language,
                sea_orm::sea_query::Expr::value(after.language.clone()),
            )
            .filter(finding::Column::InterviewId.eq(id))
            .exec(&txn)
            .await?
            .rows_affected
    };
    version::bump_beside_answers(&txn).await?;
    let event = Event::new(
        "interview.update",
        "interview",
        id,
        json!({
            "before": before,
            "after": after,
            "version": version_of(&after),
            "findingsRelabelled": relabelled,
        }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(after)
}

/// The columns of the findings file, in the order the one-row file has them.
fn finding_columns() -> Vec<&'static str> {
    REQUIRED.iter().chain(&OPTIONAL).copied().collect()
}

/// A finding's row: its own cells, and its interview's id and facts.
async fn finding_cells(
    db: &impl ConnectionTrait,
    f: Option<&finding::Model>,
    file_id: String,
    i: &interview::Model,
) -> Result<Vec<String>> {
    let facts = interview_cells(db, i).await?;
    let text = |v: Option<&String>| v.cloned().unwrap_or_default();
    // id, interview, region, held_on, interviewee_role, language, theme, quote,
    // sub_code, translation, visibility.
    let mut cells = vec![file_id, interview_file_id(i)];
    cells.extend(facts);
    cells.extend([
        text(f.map(|f| &f.theme_code)),
        text(f.map(|f| &f.quote)),
        text(f.and_then(|f| f.sub_code.as_ref())),
        text(f.and_then(|f| f.translation.as_ref())),
        text(f.map(|f| &f.visibility)),
    ]);
    Ok(cells)
}

/// The interview a finding is put in, by the hub's id.
async fn interview_for(db: &impl ConnectionTrait, id: i32) -> Result<interview::Model> {
    (interview::Entity::find_by_id(id).one(db).await?).ok_or_else(|| {
        refused(
            "input.interviewId",
            "foreign-key",
            Some(id.to_string()),
            "no interview has this id".into(),
        )
    })
}

/// A finding's row after `patch`, checked by the findings importer: the finding as
/// it would be stored in interview `interview_id`.
async fn checked_finding(
    db: &DatabaseConnection,
    cells: Vec<String>,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
    interview_id: i32,
) -> Result<finding::ActiveModel> {
    let columns = finding_columns();
    let table = one_row(&columns, patched(&columns, cells, patch, fields));
    let known = findings::known(db).await?;
    let mut problems = Problems::new(std::path::Path::new("input"), 50);
    let (mut records, _, _) = findings::validate(&table, &known, &mut problems);
    if !problems.is_empty() {
        return Err(invalid(problems, fields, "input"));
    }
    let record = records
        .pop()
        .ok_or_else(|| Error::bad_input("input", "the finding has problems"))?;
    Ok(record.model(interview_id))
}

/// Adds a finding to interview `interview_id` from `patch` (theme and quote required).
pub async fn create_finding(
    db: &DatabaseConnection,
    viewer: &Viewer,
    external_id: Option<String>,
    interview_id: i32,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<finding::Model> {
    if !viewer.has(Role::Editor) {
        return Err(Error::Forbidden(
            "only editors and admins add findings".into(),
        ));
    }
    let external_id = external_id
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    let i = interview_for(db, interview_id).await?;
    check_scope(db, viewer, i.region_id, "input.interviewId").await?;
    let file_id = external_id.clone().unwrap_or_else(|| "HUB-NEW".into());
    let cells = finding_cells(db, None, file_id, &i).await?;
    let mut model = checked_finding(db, cells, patch, fields, i.id).await?;
    let txn = crate::db::begin_write(db).await?;
    if let Err(taken) = check_new_id::<finding::Entity>(
        &txn,
        finding::Column::ExternalId,
        &external_id,
        "a finding",
    )
    .await
    {
        txn.rollback().await?;
        return Err(taken);
    }
    model.external_id = Set(external_id);
    let inserted = model.insert(&txn).await?;
    version::bump_beside_answers(&txn).await?;
    let event = Event::new(
        "finding.create",
        "finding",
        inserted.id,
        json!({ "before": null, "after": inserted, "version": version_of(&inserted) }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(inserted)
}

/// Changes finding `id` by `patch` (and moves it to interview `interview_id` when
/// given) if it is still at `expected`.
pub async fn update_finding(
    db: &DatabaseConnection,
    viewer: &Viewer,
    (id, expected): (i32, &str),
    interview_id: Option<i32>,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<finding::Model> {
    let stored = (finding::Entity::find_by_id(id).one(db).await?)
        .ok_or_else(|| Error::not_found("finding", id.to_string()))?;
    let current = interview_for(db, stored.interview_id).await?;
    check_scope(db, viewer, current.region_id, "id").await?;
    let target = match interview_id {
        Some(other) if other != current.id => interview_for(db, other).await?,
        _ => current,
    };
    check_scope(db, viewer, target.region_id, "input.interviewId").await?;
    let file_id = (stored.external_id.clone()).unwrap_or_else(|| format!("HUB-F{}", stored.id));
    let cells = finding_cells(db, Some(&stored), file_id, &target).await?;
    let checked = checked_finding(db, cells, patch, fields, target.id).await?;

    let txn = crate::db::begin_write(db).await?;
    let before = (finding::Entity::find_by_id(id).one(&txn).await?)
        .ok_or_else(|| Error::not_found("finding", id.to_string()))?;
    if version_of(&before) != expected {
        txn.rollback().await?;
        return Err(conflict("finding", id, expected, &before));
    }
    let mut active = checked;
    active.id = Set(id);
    active.external_id = Set(before.external_id.clone());
    active.interview_id = Set(target.id);
    let after = active.try_into_model()?;
    if after == before {
        txn.commit().await?;
        return Ok(before);
    }
    let active: finding::ActiveModel = after.clone().into();
    active.reset_all().update(&txn).await?;
    version::bump_beside_answers(&txn).await?;
    let event = Event::new(
        "finding.update",
        "finding",
        id,
        json!({ "before": before, "after": after, "version": version_of(&after) }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(after)
}

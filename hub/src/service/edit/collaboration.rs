//! Writes of examples of cooperation: checked as a one-row file by the collaborations
//! importer, with the same optimistic concurrency, region scope, audit event and data
//! version as the organisations' writes.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use serde_json::json;

use super::{Patch, check_new_id, check_scope, invalid, one_row, patched, version_of};
use crate::{
    access::{
        Role, Viewer,
        audit::{self, Event},
    },
    entity::{collaboration, municipality, organisation, region},
    error::{Error, Result},
    import::{
        Problems,
        collaborations::{self, OPTIONAL, REQUIRED, Record},
    },
    service::version,
};

/// The columns of the one-row file an example is checked as: the importer's, and the
/// English lessons (the other languages' texts are kept as stored).
fn columns() -> Vec<&'static str> {
    REQUIRED
        .iter()
        .chain(&OPTIONAL)
        .copied()
        .chain(["lessons::en"])
        .collect()
}

/// A stored example with its organisations and themes, as its version is computed.
async fn stored(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(collaboration::Model, Vec<i32>, Vec<String>)> {
    let model = (collaboration::Entity::find_by_id(id).one(db).await?)
        .ok_or_else(|| Error::not_found("collaboration", id.to_string()))?;
    let (organisations, themes) = collaborations::links(db, id).await?;
    Ok((model, organisations, themes))
}

/// The version of an example: of its fields, organisations and themes together.
pub fn collaboration_version(
    model: &collaboration::Model,
    organisations: &[i32],
    themes: &[String],
) -> String {
    version_of(&(model, organisations, themes))
}

/// The stored example as a row of the collaborations file, in [`columns`] order.
async fn row_of(
    db: &impl ConnectionTrait,
    c: &collaboration::Model,
    organisations: &[i32],
    themes: &[String],
) -> Result<Vec<String>> {
    let region = (region::Entity::find_by_id(c.region_id).one(db).await?)
        .map(|r| r.code)
        .unwrap_or_default();
    let municipality = match c.municipality_id {
        Some(id) => municipality::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    // The place is the municipality's name unless a town or village was given.
    let place = match &municipality {
        Some(m) if m.name == c.municipality => String::new(),
        _ => c.municipality.clone(),
    };
    let mut file_ids = Vec::new();
    for o in organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(organisations.iter().copied()))
        .all(db)
        .await?
    {
        file_ids.push(o.external_id.unwrap_or_else(|| format!("HUB-{}", o.id)));
    }
    let text = |v: Option<String>| v.unwrap_or_default();
    let outcomes = (c.outcomes.as_array().into_iter().flatten())
        .filter_map(serde_json::Value::as_str)
        .collect::<Vec<_>>()
        .join(";");
    Ok(vec![
        c.external_id
            .clone()
            .unwrap_or_else(|| format!("HUB-C{}", c.id)),
        region,
        c.title.clone(),
        c.description.clone(),
        text(municipality.map(|m| m.code)),
        place,
        file_ids.join(";"),
        themes.join(";"),
        outcomes,
        text(c.start_year.map(|y| y.to_string())),
        text(c.end_year.map(|y| y.to_string())),
        text(c.funding.clone()),
        text(c.agreement.map(|a| crate::domain::code_of(&a))),
        text(c.lessons.clone()),
    ])
}

/// An example as stored, for a form: the record, its version, and its cells by the
/// collaborations file's column (the organisations by their ids in the file).
pub async fn collaboration_cells(
    db: &DatabaseConnection,
    id: i32,
) -> Result<(collaboration::Model, String, HashMap<&'static str, String>)> {
    let (model, organisations, themes) = stored(db, id).await?;
    let version = collaboration_version(&model, &organisations, &themes);
    let cells = row_of(db, &model, &organisations, &themes).await?;
    Ok((model, version, columns().into_iter().zip(cells).collect()))
}

/// `cells` checked by the collaborations importer's rules; problems name `input.` and
/// the request's field.
async fn checked(
    db: &DatabaseConnection,
    cells: Vec<String>,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<Record> {
    let columns = columns();
    let table = one_row(&columns, patched(&columns, cells, patch, fields));
    let known = collaborations::known(db).await?;
    let mut problems = Problems::new(std::path::Path::new("input"), 50);
    let (mut records, _) = collaborations::validate(&table, &known, &mut problems);
    if !problems.is_empty() {
        return Err(invalid(problems, fields, "input"));
    }
    records
        .pop()
        .ok_or_else(|| Error::bad_input("input", "the example has problems"))
}

/// Changes example `id` by `patch` if it is still at `expected` (editors in its region
/// and the one it moves to, admins). `fields` maps the patch's fields to the file's
/// columns.
pub async fn update_collaboration(
    db: &DatabaseConnection,
    viewer: &Viewer,
    (id, expected): (i32, &str),
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<collaboration::Model> {
    let (model, organisations, themes) = stored(db, id).await?;
    check_scope(db, viewer, model.region_id, "id").await?;
    let cells = row_of(db, &model, &organisations, &themes).await?;
    let mut record = checked(db, cells, patch, fields).await?;
    check_scope(db, viewer, record.model.region_id, "input.regionCode").await?;

    let txn = crate::db::begin_write(db).await?;
    let (before, organisations, themes) = stored(&txn, id).await?;
    let current_version = collaboration_version(&before, &organisations, &themes);
    if current_version != expected {
        txn.rollback().await?;
        return Err(Error::Conflict {
            what: "collaboration",
            id: id.to_string(),
            expected: expected.to_owned(),
            current: json!({ "record": before, "organisations": organisations, "themes": themes }),
            current_version,
        });
    }
    let after = collaboration::Model {
        id,
        external_id: before.external_id.clone(),
        translations: before.translations.clone(),
        ..record.model.clone()
    };
    record.organisations.sort_unstable();
    record.themes.sort_unstable();
    if after == before && (&record.organisations, &record.themes) == (&organisations, &themes) {
        txn.commit().await?;
        return Ok(before);
    }
    let active: collaboration::ActiveModel = after.clone().into();
    active.reset_all().update(&txn).await?;
    collaborations::write_links(&txn, id, &record).await?;
    version::bump_beside_answers(&txn).await?;
    let event = Event::new(
        "collaboration.update",
        "collaboration",
        id,
        json!({
            "before": { "record": before, "organisations": organisations, "themes": themes },
            "after": { "record": after, "organisations": record.organisations, "themes": record.themes },
            "version": collaboration_version(&after, &record.organisations, &record.themes),
        }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(after)
}

/// Adds an example from `patch` (title, description and region required), with its
/// own `external_id` if given.
pub async fn create_collaboration(
    db: &DatabaseConnection,
    viewer: &Viewer,
    external_id: Option<String>,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<collaboration::Model> {
    if !viewer.has(Role::Editor) {
        return Err(Error::Forbidden(
            "only editors and admins add examples of cooperation".into(),
        ));
    }
    let external_id = external_id
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    let mut cells = vec![String::new(); columns().len()];
    cells[0] = external_id.clone().unwrap_or_else(|| "HUB-NEW".into());
    let mut record = checked(db, cells, patch, fields).await?;
    check_scope(db, viewer, record.model.region_id, "input.regionCode").await?;

    let txn = crate::db::begin_write(db).await?;
    if let Err(taken) = check_new_id::<collaboration::Entity>(
        &txn,
        collaboration::Column::ExternalId,
        &external_id,
        "an example",
    )
    .await
    {
        txn.rollback().await?;
        return Err(taken);
    }
    record.model.external_id = external_id;
    let mut active: collaboration::ActiveModel = record.model.clone().into();
    active.id = NotSet;
    let inserted = active.insert(&txn).await?;
    collaborations::write_links(&txn, inserted.id, &record).await?;
    record.organisations.sort_unstable();
    record.themes.sort_unstable();
    version::bump_beside_answers(&txn).await?;
    let event = Event::new(
        "collaboration.create",
        "collaboration",
        inserted.id,
        json!({
            "before": null,
            "after": { "record": inserted, "organisations": record.organisations, "themes": record.themes },
            "version": collaboration_version(&inserted, &record.organisations, &record.themes),
        }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(inserted)
}

//! Writes of single records by people (GraphQL mutations, dashboard forms): checked with
//! the importers' rules, limited to an editor's regions, refused when the record changed
//! after it was read (optimistic concurrency on a version that is a hash of the stored
//! row), and each one transaction that bumps the data version and writes one audit event
//! with the record before and after.

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use serde_json::json;
use sha2::Digest;

use crate::{
    access::{
        Role, Viewer,
        audit::{self, Event},
    },
    entity::{municipality, organisation, region},
    error::{Error, FieldProblem, Result},
    import::{
        Problems, Regions,
        organisations::{OPTIONAL, REQUIRED, RowNames, check_row, row_of},
    },
    service::version,
};

mod codebook;
mod collaboration;
mod interview;
mod merge;

pub use codebook::{Names, add_sub_code, rename_sub_code};
pub use collaboration::{
    collaboration_cells, collaboration_version, create_collaboration, update_collaboration,
};
pub use interview::{create_finding, create_interview, update_finding, update_interview};
pub use merge::{Moved, merge_organisations};

/// The version of a stored record: the start of the SHA-256 of its stored form. Any
/// change by any path (an edit, an import) gives a new one.
pub fn version_of(record: &impl serde::Serialize) -> String {
    let bytes = serde_json::to_vec(record).unwrap_or_default();
    audit::hex(&sha2::Sha256::digest(&bytes)[..8])
}

/// The registry file's column of each field a client may set, by the field's name in
/// the request; `None` clears it, an absent field keeps what is stored.
pub type Patch = Vec<(&'static str, Option<String>)>;

/// The file's id of an organisation: its own, or the one the export gives it.
fn file_id(o: &organisation::Model) -> String {
    o.external_id
        .clone()
        .unwrap_or_else(|| format!("HUB-{}", o.id))
}

/// The file's id of the organisation with the hub's id `id`, if there is one.
pub async fn file_id_of(db: &DatabaseConnection, id: &str) -> Result<Option<String>> {
    let Ok(id) = id.trim().parse::<i32>() else {
        return Ok(None);
    };
    Ok(organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|o| file_id(&o)))
}

/// What a registry row names by code, for `o`.
async fn names_of(db: &impl ConnectionTrait, o: &organisation::Model) -> Result<RowNames> {
    let region = region::Entity::find_by_id(o.region_id).one(db).await?;
    let municipality = match o.municipality_id {
        Some(id) => municipality::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let successor = match o.successor_id {
        Some(id) => organisation::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(RowNames {
        id: file_id(o),
        region: region.map(|r| r.code).unwrap_or_default(),
        municipality: municipality.map(|m| m.code),
        successor: successor.as_ref().map(file_id),
    })
}

/// Whether `viewer` may write the records of the region `region_code`: admins
/// anywhere, editors in their regions.
pub fn may_write(viewer: &Viewer, region_code: &str) -> bool {
    viewer.has(Role::Admin)
        || (viewer.has(Role::Editor)
            && viewer
                .regions
                .iter()
                .any(|r| r.eq_ignore_ascii_case(region_code)))
}

/// The editor's regions must hold `region_id`; admins may write anywhere.
pub async fn check_scope(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    region_id: i32,
    field: &str,
) -> Result<()> {
    if viewer.has(Role::Admin) {
        return Ok(());
    }
    let code = (region::Entity::find_by_id(region_id).one(db).await?)
        .map(|r| r.code)
        .unwrap_or_default();
    if may_write(viewer, &code) {
        return Ok(());
    }
    Err(Error::Forbidden(format!(
        "{field}: an editor of {} may not write the records of {code}",
        if viewer.regions.is_empty() {
            "no region".to_owned()
        } else {
            viewer.regions.join(", ")
        }
    )))
}

/// Applies `patch` to `cells` (a registry row) and checks the row with the importer's
/// rules; problems name the request's fields (`path` + the field's name).
async fn checked(
    db: &DatabaseConnection,
    cells: Vec<String>,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
    path: &str,
) -> Result<crate::import::organisations::Record> {
    let columns: Vec<&str> = REQUIRED.iter().chain(&OPTIONAL).copied().collect();
    let cells = patched(&columns, cells, patch, fields);
    let regions = Regions::read(db).await?;
    let successor = columns
        .iter()
        .position(|c| *c == "successor_id")
        .map(|i| cells[i].trim().to_owned())
        .filter(|s| !s.is_empty());
    let known: HashSet<String> = match &successor {
        Some(s) => successor_of(db, s)
            .await?
            .map(|o| file_id(&o))
            .into_iter()
            .collect(),
        None => HashSet::new(),
    };
    let mut problems = Problems::new(std::path::Path::new(path), 50);
    let record = check_row(cells, &regions, &known, &mut problems);
    if !problems.is_empty() {
        return Err(invalid(problems, fields, path));
    }
    record.ok_or_else(|| Error::bad_input(path, "the record has problems"))
}

/// The importer's problems with a one-row file as problems of the request's fields:
/// `fields` maps the request's field names to the file's columns.
pub(crate) fn invalid(
    problems: Problems,
    fields: &HashMap<&'static str, &'static str>,
    path: &str,
) -> Error {
    let (list, _) = problems.into_parts();
    let field_of = |column: &str| {
        (fields.iter())
            .find(|(_, c)| **c == column)
            .map_or_else(|| column.to_owned(), |(f, _)| (*f).to_owned())
    };
    Error::Invalid(
        list.into_iter()
            .map(|p| FieldProblem {
                field: format!("{path}.{}", field_of(p.column.as_deref().unwrap_or(""))),
                code: p.code.to_string(),
                value: p.value,
                message: p.message,
            })
            .collect(),
    )
}

/// `cells` (in the order of `columns`) changed by `patch`, whose fields `fields` maps
/// to the columns.
pub(crate) fn patched(
    columns: &[&str],
    mut cells: Vec<String>,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Vec<String> {
    for (field, value) in patch {
        let Some(column) = fields.get(field) else {
            continue;
        };
        if let Some(i) = columns.iter().position(|c| c == column) {
            cells[i] = value.clone().unwrap_or_default();
        }
    }
    cells
}

/// Refuses a new record whose own id (`external_id`) a stored record of `E` has
/// already (the `column`); `what` names the kind, e.g. "an organisation".
pub(crate) async fn check_new_id<E: EntityTrait>(
    txn: &impl ConnectionTrait,
    column: E::Column,
    external_id: &Option<String>,
    what: &str,
) -> Result<()> {
    let Some(e) = external_id else {
        return Ok(());
    };
    if E::find()
        .filter(column.eq(e.as_str()))
        .one(txn)
        .await?
        .is_none()
    {
        return Ok(());
    }
    Err(Error::Invalid(vec![FieldProblem {
        field: "externalId".into(),
        code: "duplicate-row".into(),
        value: Some(e.clone()),
        message: format!("{what} with the id {e:?} exists already"),
    }]))
}

/// A file of one row: `columns` as the header, `cells` as row 2.
pub(crate) fn one_row(columns: &[&str], cells: Vec<String>) -> crate::import::table::Table {
    crate::import::table::Table {
        headers: columns.iter().map(|c| (*c).to_owned()).collect(),
        rows: vec![crate::import::table::Row { number: 2, cells }],
    }
}

/// Checks `patch` applied to the stored `o` with the registry import's rules, without
/// writing; problems name `path` + the patch's field.
pub async fn check_patch(
    db: &DatabaseConnection,
    o: &organisation::Model,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
    path: &str,
) -> Result<()> {
    let cells = row_of(o, names_of(db, o).await?);
    checked(db, cells, patch, fields, path).await.map(|_| ())
}

/// The registry row of the stored `o`, by column.
pub async fn cells_of(
    db: &DatabaseConnection,
    o: &organisation::Model,
) -> Result<HashMap<&'static str, String>> {
    let cells = row_of(o, names_of(db, o).await?);
    Ok(REQUIRED
        .iter()
        .chain(&OPTIONAL)
        .copied()
        .zip(cells)
        .collect())
}

/// The organisation a successor cell names: by the file's id, or `HUB-<id>`.
async fn successor_of(
    db: &impl ConnectionTrait,
    text: &str,
) -> Result<Option<organisation::Model>> {
    if let Some(found) = organisation::Entity::find()
        .filter(organisation::Column::ExternalId.eq(text))
        .one(db)
        .await?
    {
        return Ok(Some(found));
    }
    match text
        .strip_prefix("HUB-")
        .and_then(|n| n.parse::<i32>().ok())
    {
        Some(id) => Ok(organisation::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|o| o.external_id.is_none())),
        None => Ok(None),
    }
}

/// Changes organisation `id` by `patch`, if it is still at `expected` (its version when
/// read). `fields` maps the patch's field names to the registry file's columns.
pub async fn update_organisation(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    expected: &str,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<organisation::Model> {
    update_organisation_and(db, viewer, (id, expected), patch, fields, Also::default()).await
}

/// What else a change writes in its transaction (e.g. marking the proposal it came
/// from), so that both happen or neither does.
#[derive(Debug, Default)]
pub struct Also {
    /// Statements to run.
    pub statements: Vec<sea_orm::Statement>,
    /// Audit events to append.
    pub events: Vec<Event>,
}

/// [`update_organisation`], with `also` written in the same transaction (also when the
/// change itself turns out to change nothing).
pub async fn update_organisation_and(
    db: &DatabaseConnection,
    viewer: &Viewer,
    (id, expected): (i32, &str),
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
    also: Also,
) -> Result<organisation::Model> {
    let stored = (organisation::Entity::find_by_id(id).one(db).await?)
        .ok_or_else(|| Error::not_found("organisation", id.to_string()))?;
    check_scope(db, viewer, stored.region_id, "id").await?;
    let cells = row_of(&stored, names_of(db, &stored).await?);
    let record = checked(db, cells, patch, fields, "input").await?;
    check_scope(db, viewer, record.region_id(), "input.regionCode").await?;

    let txn = crate::db::begin_write(db).await?;
    let before = (organisation::Entity::find_by_id(id).one(&txn).await?)
        .ok_or_else(|| Error::not_found("organisation", id.to_string()))?;
    let current_version = version_of(&before);
    if current_version != expected {
        txn.rollback().await?;
        return Err(Error::Conflict {
            what: "organisation",
            id: id.to_string(),
            expected: expected.to_owned(),
            current: json!(before),
            current_version,
        });
    }
    let successor_id = match record.successor() {
        Some(s) => successor_of(&txn, s).await?.map(|o| o.id),
        None => None,
    };
    let mut after = record.model(id, successor_id, before.municipality_id);
    // The file's id is kept as it was: `HUB-<id>` only stands in for a missing one.
    after.external_id = before.external_id.clone();
    for statement in also.statements {
        txn.execute_raw(statement).await?;
    }
    for event in also.events {
        audit::append(&txn, viewer, event).await?;
    }
    if after == before {
        txn.commit().await?;
        return Ok(before);
    }
    let mut active: organisation::ActiveModel = after.clone().into();
    active = active.reset_all();
    active.id = sea_orm::ActiveValue::Unchanged(id);
    active.update(&txn).await?;
    // Respondents are counted by their organisation's kind: only a new kind changes
    // what the answer counts are made of, and only for its respondents.
    if after.kind == before.kind {
        version::bump_beside_answers(&txn).await?;
    } else {
        version::bump_changing(&txn, version::Changed::OfOrganisations(&[id])).await?;
    }
    let event = Event::new(
        "organisation.update",
        "organisation",
        id,
        json!({ "before": before, "after": after, "version": version_of(&after) }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(after)
}

/// Adds an organisation from `patch` (which must set the required fields), with its own
/// `external_id` if given.
pub async fn create_organisation(
    db: &DatabaseConnection,
    viewer: &Viewer,
    external_id: Option<String>,
    patch: &Patch,
    fields: &HashMap<&'static str, &'static str>,
) -> Result<organisation::Model> {
    if !viewer.has(Role::Editor) {
        return Err(Error::Forbidden(
            "only editors and admins add organisations".into(),
        ));
    }
    let external_id = external_id
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    let width = REQUIRED.len() + OPTIONAL.len();
    let mut cells = vec![String::new(); width];
    // The id column: the given one, or a stand-in until the database numbers the row.
    cells[0] = external_id.clone().unwrap_or_else(|| "HUB-NEW".into());
    let record = checked(db, cells, patch, fields, "input").await?;
    check_scope(db, viewer, record.region_id(), "input.regionCode").await?;

    let txn = crate::db::begin_write(db).await?;
    if let Err(taken) = check_new_id::<organisation::Entity>(
        &txn,
        organisation::Column::ExternalId,
        &external_id,
        "an organisation",
    )
    .await
    {
        txn.rollback().await?;
        return Err(taken);
    }
    let successor_id = match record.successor() {
        Some(s) => successor_of(&txn, s).await?.map(|o| o.id),
        None => None,
    };
    let mut model = record.model(0, successor_id, None);
    model.external_id = external_id;
    let mut active: organisation::ActiveModel = model.into();
    active.id = NotSet;
    let inserted = active.insert(&txn).await?;
    version::bump_beside_answers(&txn).await?;
    let event = Event::new(
        "organisation.create",
        "organisation",
        inserted.id,
        json!({ "before": null, "after": inserted, "version": version_of(&inserted) }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(inserted)
}

//! `hub import organisations FILE`: the registry, one row per organisation, keyed by the
//! partner's own id (`id`), so that importing the same file twice changes nothing.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use super::{Code, Options, Outcome, Progress, Regions, Summary};
use crate::{db::insert_chunked, entity::organisation, error::Result, service::version};

/// Columns every file must have.
pub const REQUIRED: [&str; 5] = ["id", "name", "region", "kind", "status"];
/// Columns a file may have.
pub const OPTIONAL: [&str; 10] = [
    "municipality",
    "founded_year",
    "closed_year",
    "closure_reason",
    "fields_of_activity",
    "target_groups",
    "website",
    "last_verified",
    "source",
    "successor_id",
];

mod record;

pub(crate) use record::Record;
use record::{optional, validate};

/// What a registry row names by code rather than by the hub's ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowNames {
    /// The organisation's own id in the file.
    pub id: String,
    /// Its region's code.
    pub region: String,
    /// Its municipality's code.
    pub municipality: Option<String>,
    /// Its successor's id in the file.
    pub successor: Option<String>,
}

/// An organisation as a row of the registry file, in the columns of [`REQUIRED`] then
/// [`OPTIONAL`]: what the export for import writes, and what an edit is checked as.
pub(crate) fn row_of(o: &organisation::Model, names: RowNames) -> Vec<String> {
    let text = |v: Option<String>| v.unwrap_or_default();
    let joined = |list: &serde_json::Value| {
        (list.as_array().into_iter().flatten())
            .filter_map(serde_json::Value::as_str)
            .collect::<Vec<_>>()
            .join(";")
    };
    vec![
        names.id,
        o.name.clone(),
        names.region,
        crate::domain::code_of(&o.kind),
        crate::domain::code_of(&o.status),
        text(names.municipality),
        text(o.founded_year.map(|y| y.to_string())),
        text(o.closed_year.map(|y| y.to_string())),
        text(o.closure_reason.clone()),
        joined(&o.fields_of_activity),
        joined(&o.target_groups),
        text(o.website.clone()),
        text(o.last_verified.map(|d| d.format("%Y-%m-%d").to_string())),
        text(o.source.clone()),
        text(names.successor),
    ]
}

/// Checks one registry row (the cells of [`row_of`]) with the importer's rules: the
/// record, or the problems found (each naming its column). `known_ids` are the ids of
/// the file that other organisations have, for the successor.
pub(crate) fn check_row(
    cells: Vec<String>,
    regions: &Regions,
    known_ids: &HashSet<String>,
    problems: &mut super::Problems,
) -> Option<Record> {
    let table = super::table::Table {
        headers: REQUIRED
            .iter()
            .chain(&OPTIONAL)
            .map(|h| (*h).to_owned())
            .collect(),
        rows: vec![super::table::Row { number: 2, cells }],
    };
    let today = chrono::Utc::now().date_naive();
    let (mut records, _) = validate(&table, regions, known_ids, today, problems);
    records.pop()
}

/// The organisations whose external id is one of `ids`, by external id.
async fn existing(
    db: &impl sea_orm::ConnectionTrait,
    ids: &[String],
) -> Result<HashMap<String, organisation::Model>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(500) {
        for m in organisation::Entity::find()
            .filter(organisation::Column::ExternalId.is_in(chunk.iter().cloned()))
            .all(db)
            .await?
        {
            if let Some(e) = m.external_id.clone() {
                found.insert(e, m);
            }
        }
    }
    Ok(found)
}

/// Validates `path` and, when it has no problems, writes it in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    path: &Path,
    options: Options,
    progress: &dyn Progress,
) -> Result<Outcome> {
    let (mut problems, table) =
        match super::open_table(path, &options, progress, &REQUIRED, &|h| {
            OPTIONAL.contains(&h)
        })? {
            Ok(read) => read,
            Err(refused) => return Ok(refused),
        };

    let regions = Regions::read(db).await?;
    let successors: Vec<String> = table
        .column("successor_id")
        .map(|i| {
            table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i).and_then(|c| optional(c)))
                .collect()
        })
        .unwrap_or_default();
    let known_ids: HashSet<String> = existing(db, &successors).await?.into_keys().collect();
    let today = chrono::Utc::now().date_naive();
    let (records, rejected) = validate(&table, &regions, &known_ids, today, &mut problems);
    progress.advance(table.rows.len() as u64);

    let txn = crate::db::begin_write(db).await?;
    let ids: Vec<String> = records.iter().map(|r| r.external_id.clone()).collect();
    let before = existing(&txn, &ids).await?;
    if options.no_update {
        for record in &records {
            if let Some(m) = before.get(&record.external_id) {
                // Successors are compared after they are resolved below; a changed
                // successor alone is still refused there.
                if record.differs_from(m, m.successor_id) {
                    problems.add(
                        Code::UpdateRefused,
                        Some(record.row),
                        Some(("id", table.column("id").map_or(0, |i| i + 1))),
                        Some(&record.external_id),
                        "this id is already in the database with other content, and --no-update was given",
                    );
                }
            }
        }
    }
    if !problems.is_empty() {
        txn.rollback().await?;
        return Ok(problems.refuse(rejected));
    }

    progress.stage("writing", records.len() as u64);
    tracing::info!(file = %path.display(), rows = records.len(), "writing organisations");
    let new: Vec<organisation::ActiveModel> = records
        .iter()
        .filter(|r| !before.contains_key(&r.external_id))
        .map(|r| {
            let mut active: organisation::ActiveModel = r.model(0, None, None).into();
            // The database numbers new rows.
            active.id = NotSet;
            active
        })
        .collect();
    let inserted = new.len() as u64;
    insert_chunked(&txn, new).await?;
    let after = existing(&txn, &ids).await?;
    let id_of = |external: &str| -> Option<i32> {
        after
            .get(external)
            .map(|m| m.id)
            .or_else(|| before.get(external).map(|m| m.id))
    };
    let mut successor_ids: HashMap<String, i32> = HashMap::new();
    let outside: Vec<String> = records
        .iter()
        .filter_map(|r| r.successor.clone())
        .filter(|s| id_of(s).is_none())
        .collect();
    for (external, m) in existing(&txn, &outside).await? {
        successor_ids.insert(external, m.id);
    }
    let mut summary = Summary {
        inserted,
        ..Summary::default()
    };
    // Respondents are counted by their organisation's kind (a new organisation has no
    // respondents yet): only a changed kind changes what the answers are counted by.
    let mut kinds_changed = Vec::new();
    for record in &records {
        let successor_id = record
            .successor
            .as_deref()
            .and_then(|s| id_of(s).or_else(|| successor_ids.get(s).copied()));
        match before.get(&record.external_id) {
            Some(m) if !record.differs_from(m, successor_id) => summary.unchanged += 1,
            Some(m) => {
                if m.kind != record.kind {
                    kinds_changed.push(m.id);
                }
                let mut active: organisation::ActiveModel =
                    record.model(m.id, successor_id, m.municipality_id).into();
                active.id = Set(m.id);
                active.reset_all().update(&txn).await?;
                summary.updated += 1;
            }
            None => {
                if let (Some(successor_id), Some(m)) =
                    (successor_id, after.get(&record.external_id))
                {
                    organisation::ActiveModel {
                        id: Set(m.id),
                        successor_id: Set(Some(successor_id)),
                        ..Default::default()
                    }
                    .update(&txn)
                    .await?;
                }
            }
        }
        progress.advance(1);
    }
    if !kinds_changed.is_empty() {
        version::bump_changing(&txn, version::Changed::OfOrganisations(&kinds_changed)).await?;
    } else if summary.inserted + summary.updated > 0 {
        version::bump_beside_answers(&txn).await?;
    }
    super::audit(&txn, &options, "organisations", path, &summary).await?;
    txn.commit().await?;
    Ok(Outcome::Written { summary })
}

//! `hub import recommendations FILE`: the project's conclusions, recommendations,
//! toolkit items and roadmap steps, one row each, keyed by the file's `id`, in the
//! file's order. `type` says which; title and text are required in English (`title::en`,
//! `text::en`) and may be given in any other language. Each row may name the themes and
//! sub-codes it answers and the evidence it rests on: findings and collaborations by
//! their ids, and named figures such as `ROLE_GAP PROCESSES_BUREAUCRACY LV`, each list
//! separated by `;`. A toolkit item's `file` is read from the file's folder and stored.

mod rows;

use std::{collections::HashMap, path::Path};

use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

pub(crate) use rows::{known, validate};

use super::{Code, Options, Outcome, Problems, Progress, Summary};
use crate::{
    entity::{guidance, guidance_attachment, guidance_link},
    error::Result,
    service::version,
};

/// Columns every file must have.
pub const REQUIRED: [&str; 4] = ["id", "type", "title::en", "text::en"];
/// Columns a file may have besides the texts per language.
pub const OPTIONAL: [&str; 13] = [
    "status",
    "audience",
    "toolkit_kind",
    "link",
    "file",
    "due",
    "who",
    "recommendation",
    "themes",
    "sub_codes",
    "findings",
    "collaborations",
    "figures",
];
/// The kinds of guidance, as `type` names them.
pub const KINDS: [&str; 4] = [
    "RECOMMENDATION",
    "TOOLKIT_ITEM",
    "CONCLUSION",
    "ROADMAP_STEP",
];
/// Who a recommendation is for.
pub const AUDIENCES: [&str; 3] = ["MUNICIPALITIES", "ORGANISATIONS", "POLICY_MAKERS"];
/// The kinds of toolkit item.
pub const TOOLKIT_KINDS: [&str; 4] = ["GUIDE", "TEMPLATE", "CHECKLIST", "CONTACT_POINT"];
/// DRAFT or PUBLISHED; a row without a status is a draft.
pub const STATUSES: [&str; 2] = ["DRAFT", "PUBLISHED"];
/// The largest attached file.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;

/// One valid row.
pub(crate) struct Record {
    /// The guidance (id 0 until stored; `recommendation_id` unresolved).
    pub model: guidance::Model,
    /// The file's id of the recommendation a roadmap step carries out.
    pub recommendation: Option<String>,
    /// A toolkit item's attached file.
    pub attachment: Option<Vec<u8>>,
    /// What it answers and rests on, in order (guidance id and position unset).
    pub links: Vec<guidance_link::Model>,
}

/// The stored links of guidance `id`, in order, with their key cleared for comparing.
async fn stored_links(txn: &impl ConnectionTrait, id: i32) -> Result<Vec<guidance_link::Model>> {
    let mut links = guidance_link::Entity::find()
        .filter(guidance_link::Column::GuidanceId.eq(id))
        .all(txn)
        .await?;
    links.sort_by_key(|l| l.position);
    Ok(links
        .into_iter()
        .map(|l| guidance_link::Model {
            guidance_id: 0,
            position: 0,
            ..l
        })
        .collect())
}

/// The stored attachment of guidance `id`.
async fn stored_attachment(txn: &impl ConnectionTrait, id: i32) -> Result<Option<Vec<u8>>> {
    Ok(guidance_attachment::Entity::find_by_id(id)
        .one(txn)
        .await?
        .map(|a| a.bytes))
}

/// Writes `records` in `txn`: new ids inserted, changed ones updated (refused with
/// `--no-update`), links replaced; returns the counts.
pub(crate) async fn write(
    txn: &impl ConnectionTrait,
    records: &[Record],
    options: &Options,
    problems: &mut Problems,
    progress: &dyn Progress,
) -> Result<Summary> {
    let mut stored: HashMap<String, guidance::Model> =
        (guidance::Entity::find().all(txn).await?.into_iter())
            .map(|g| (g.external_id.clone(), g))
            .collect();
    progress.stage("writing", records.len() as u64);
    let mut summary = Summary::default();
    // Recommendations first, so that the roadmap's references find their ids.
    let mut order: Vec<&Record> = records.iter().collect();
    order.sort_by_key(|r| r.model.kind != "RECOMMENDATION");
    for record in order {
        let recommendation_id = record
            .recommendation
            .as_ref()
            .and_then(|r| stored.get(r))
            .map(|g| g.id);
        let mut model = guidance::Model {
            recommendation_id,
            ..record.model.clone()
        };
        let key = model.external_id.clone();
        let id = match stored.get(&key) {
            None => {
                let mut active: guidance::ActiveModel = model.clone().into();
                active.id = NotSet;
                let inserted = active.insert(txn).await?;
                summary.inserted += 1;
                inserted.id
            }
            Some(old) => {
                model.id = old.id;
                if model == *old
                    && stored_links(txn, old.id).await? == record.links
                    && stored_attachment(txn, old.id).await? == record.attachment
                {
                    summary.unchanged += 1;
                    progress.advance(1);
                    continue;
                }
                if options.no_update {
                    problems.add(
                        Code::UpdateRefused,
                        None,
                        Some(("id", 0)),
                        Some(&key),
                        "this row is already in the database with other content, and --no-update was given",
                    );
                    progress.advance(1);
                    continue;
                }
                let active: guidance::ActiveModel = model.clone().into();
                active.reset_all().update(txn).await?;
                summary.updated += 1;
                old.id
            }
        };
        guidance_link::Entity::delete_many()
            .filter(guidance_link::Column::GuidanceId.eq(id))
            .exec(txn)
            .await?;
        guidance_attachment::Entity::delete_many()
            .filter(guidance_attachment::Column::GuidanceId.eq(id))
            .exec(txn)
            .await?;
        if let Some(bytes) = &record.attachment {
            guidance_attachment::ActiveModel {
                guidance_id: Set(id),
                bytes: Set(bytes.clone()),
            }
            .insert(txn)
            .await?;
        }
        for (position, link) in record.links.iter().enumerate() {
            let mut active: guidance_link::ActiveModel = link.clone().into();
            active.guidance_id = Set(id);
            active.position = Set(position as i32 + 1);
            active.insert(txn).await?;
        }
        stored.insert(key, guidance::Model { id, ..model });
        progress.advance(1);
    }
    Ok(summary)
}

/// Validates `path` and, without problems, writes it in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    path: &Path,
    options: Options,
    progress: &dyn Progress,
) -> Result<Outcome> {
    let (mut problems, table) =
        match super::open_table(path, &options, progress, &REQUIRED, &rows::optional_column)? {
            Ok(read) => read,
            Err(refused) => return Ok(refused),
        };
    let known = known(db).await?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let (records, rejected) = validate(&table, folder, &known, &mut problems);
    if !problems.is_empty() {
        return Ok(problems.refuse(rejected));
    }
    let txn = crate::db::begin_write(db).await?;
    let summary = write(&txn, &records, &options, &mut problems, progress).await?;
    if !problems.is_empty() {
        txn.rollback().await?;
        return Ok(problems.refuse(rejected));
    }
    if summary.inserted + summary.updated > 0 {
        version::bump_beside_answers(&txn).await?;
    }
    super::audit(&txn, &options, "recommendations", path, &summary).await?;
    txn.commit().await?;
    Ok(Outcome::Written { summary })
}

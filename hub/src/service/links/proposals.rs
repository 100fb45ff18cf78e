//! Corrections an organisation proposes through its private link, and the review of
//! them by an editor of its region.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, sea_query::Expr,
};
use serde_json::json;

use super::{Opened, open};
use crate::{
    access::{
        Role, Viewer,
        audit::{self, Event},
    },
    entity::{organisation, registry_link},
    error::{Error, Result},
};

/// The fields an organisation may propose to change through its link: the registry
/// column, which is also the form's field name.
pub const PROPOSABLE: [&str; 7] = [
    "name",
    "status",
    "closed_year",
    "closure_reason",
    "website",
    "fields_of_activity",
    "target_groups",
];

/// A proposal waiting for review, with its organisation.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The proposal.
    pub proposal: crate::entity::registry_proposal::Model,
    /// Its organisation as stored now.
    pub organisation: organisation::Model,
    /// Each proposed change: column, stored value, proposed value.
    pub changes: Vec<(String, String, String)>,
}

fn identity() -> std::collections::HashMap<&'static str, &'static str> {
    PROPOSABLE.iter().map(|c| (*c, *c)).collect()
}

/// The organisation proposes corrections through its link: only the fields it changed
/// are kept, checked with the registry's rules (problems name the form's fields), and
/// stored for an editor to review. `Ok(None)` when the link does not work.
pub async fn propose(
    db: &DatabaseConnection,
    secret: &str,
    sent: &std::collections::HashMap<String, String>,
    client: Option<String>,
) -> Result<Option<crate::entity::registry_proposal::Model>> {
    use crate::entity::registry_proposal;
    let Opened::Valid(found) = open(db, secret).await? else {
        return Ok(None);
    };
    let (link, o) = *found;
    let stored = crate::service::edit::cells_of(db, &o).await?;
    let mut changes = serde_json::Map::new();
    let mut patch = crate::service::edit::Patch::new();
    for column in PROPOSABLE {
        let given = sent
            .get(column)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default();
        if stored.get(column).map(|s| s.trim()) != Some(given.as_str()) {
            changes.insert(column.to_owned(), json!(given));
            patch.push((column, Some(given).filter(|g| !g.is_empty())));
        }
    }
    let note = sent
        .get("note")
        .map(|n| n.trim().chars().take(2000).collect::<String>())
        .filter(|n| !n.is_empty());
    if changes.is_empty() && note.is_none() {
        return Err(Error::bad_input(
            "note",
            "nothing was changed: change a field or write a note",
        ));
    }
    crate::service::edit::check_patch(db, &o, &patch, &identity(), "form").await?;
    let txn = crate::db::begin_write(db).await?;
    let proposal = registry_proposal::ActiveModel {
        id: NotSet,
        link_id: sea_orm::ActiveValue::Set(link.id),
        organisation_id: sea_orm::ActiveValue::Set(o.id),
        changes: sea_orm::ActiveValue::Set(serde_json::Value::Object(changes).to_string()),
        note: sea_orm::ActiveValue::Set(note),
        created_at: sea_orm::ActiveValue::Set(Utc::now()),
        status: sea_orm::ActiveValue::Set("PENDING".into()),
        reviewed_by: sea_orm::ActiveValue::Set(None),
        reviewed_at: sea_orm::ActiveValue::Set(None),
        review_note: sea_orm::ActiveValue::Set(None),
    }
    .insert(&txn)
    .await?;
    registry_link::Entity::update_many()
        .col_expr(registry_link::Column::AnsweredAt, Expr::value(Utc::now()))
        .filter(registry_link::Column::Id.eq(link.id))
        .exec(&txn)
        .await?;
    // The registry's freshness counts the answer: a new data version.
    crate::service::version::bump_beside_answers(&txn).await?;
    let viewer = Viewer {
        role: Role::Public,
        client,
        ..Viewer::default()
    };
    let event = Event::new(
        "registry_link.propose",
        "organisation",
        o.id,
        json!({ "link": link.id, "proposal": proposal }),
    );
    audit::append(&txn, &viewer, event).await?;
    txn.commit().await?;
    Ok(Some(proposal))
}

/// The proposals waiting for review in the viewer's regions (every region for admins).
pub async fn pending(db: &DatabaseConnection, viewer: &Viewer) -> Result<Vec<Pending>> {
    use crate::entity::registry_proposal;
    let proposals = registry_proposal::Entity::find()
        .filter(registry_proposal::Column::Status.eq("PENDING"))
        .order_by_asc(registry_proposal::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for proposal in proposals {
        let Some(o) = organisation::Entity::find_by_id(proposal.organisation_id)
            .one(db)
            .await?
        else {
            continue;
        };
        if crate::service::edit::check_scope(db, viewer, o.region_id, "proposal")
            .await
            .is_err()
        {
            continue;
        }
        let stored = crate::service::edit::cells_of(db, &o).await?;
        let proposed: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&proposal.changes).unwrap_or_default();
        let changes = proposed
            .iter()
            .map(|(column, value)| {
                let now = stored.get(column.as_str()).cloned().unwrap_or_default();
                (
                    column.clone(),
                    now,
                    value.as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        out.push(Pending {
            proposal,
            organisation: o,
            changes,
        });
    }
    Ok(out)
}

/// An editor accepts (a normal audited change of the organisation, from its current
/// version) or rejects a pending proposal, with a note.
pub async fn decide(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    accept: bool,
    note: Option<String>,
) -> Result<()> {
    decide_edited(
        db,
        viewer,
        (id, accept),
        note,
        &std::collections::HashMap::new(),
    )
    .await
}

/// [`decide`], accepting the proposal as the editor edited it: `edits` gives, by
/// registry column, the value to write instead of the one proposed (checked by the
/// same rules; only the columns the proposal changes).
pub async fn decide_edited(
    db: &DatabaseConnection,
    viewer: &Viewer,
    (id, accept): (i32, bool),
    note: Option<String>,
    edits: &std::collections::HashMap<String, String>,
) -> Result<()> {
    use crate::entity::registry_proposal;
    let proposal = (registry_proposal::Entity::find_by_id(id).one(db).await?)
        .ok_or_else(|| Error::not_found("proposal", id.to_string()))?;
    if proposal.status != "PENDING" {
        return Err(Error::bad_input(
            "proposal",
            format!(
                "proposal {id} was already {}",
                proposal.status.to_lowercase()
            ),
        ));
    }
    let o = (organisation::Entity::find_by_id(proposal.organisation_id)
        .one(db)
        .await?)
        .ok_or_else(|| Error::not_found("organisation", proposal.organisation_id.to_string()))?;
    crate::service::edit::check_scope(db, viewer, o.region_id, "proposal").await?;
    let status = if accept { "ACCEPTED" } else { "REJECTED" };
    // The proposal is marked in the transaction of the change it makes, if any.
    let mark = registry_proposal::Entity::update_many()
        .col_expr(registry_proposal::Column::Status, Expr::value(status))
        .col_expr(
            registry_proposal::Column::ReviewedBy,
            Expr::value(viewer.account.as_ref().map(|(_, n)| n.clone())),
        )
        .col_expr(
            registry_proposal::Column::ReviewedAt,
            Expr::value(Utc::now()),
        )
        .col_expr(
            registry_proposal::Column::ReviewNote,
            Expr::value(note.clone()),
        )
        .filter(registry_proposal::Column::Id.eq(id))
        .filter(registry_proposal::Column::Status.eq("PENDING"));
    let event = Event::new(
        &format!("registry_proposal.{}", status.to_lowercase()),
        "organisation",
        o.id,
        json!({ "proposal": id, "note": note }),
    );
    if accept {
        let proposed: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&proposal.changes).unwrap_or_default();
        let patch: crate::service::edit::Patch = PROPOSABLE
            .iter()
            .filter_map(|column| {
                let proposed = proposed.get(*column)?.as_str()?;
                let value = edits.get(*column).map_or(proposed, String::as_str);
                Some((
                    *column,
                    Some(value.trim().to_owned()).filter(|v| !v.is_empty()),
                ))
            })
            .collect();
        let version = crate::service::edit::version_of(&o);
        let also = crate::service::edit::Also {
            statements: vec![sea_orm::QueryTrait::build(&mark, db.get_database_backend())],
            events: vec![event],
        };
        crate::service::edit::update_organisation_and(
            db,
            viewer,
            (o.id, &version),
            &patch,
            &identity(),
            also,
        )
        .await?;
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    mark.exec(&txn).await?;
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(())
}

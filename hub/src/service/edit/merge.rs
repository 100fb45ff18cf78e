//! Merging two records of one organisation: the references move to the survivor.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;

use super::{check_scope, version_of};
use crate::{
    access::{
        Viewer,
        audit::{self, Event},
    },
    entity::organisation,
    error::{Error, Result},
    service::version,
};

/// What a merge moved from the duplicate to the survivor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Moved {
    /// Respondents who represented the duplicate.
    pub respondents: u64,
    /// Collaborations the duplicate took part in (a collaboration both took part in
    /// counts once, for the survivor).
    pub collaborations: u64,
    /// Organisations whose work the duplicate had taken over.
    pub successors: u64,
}

/// Merges organisation `duplicate` into `survivor`, each at the version the caller read:
/// every reference to the duplicate (respondents, collaborations, successors) moves to
/// the survivor, and the duplicate is removed. The survivor keeps its own fields.
pub async fn merge_organisations(
    db: &DatabaseConnection,
    viewer: &Viewer,
    (survivor, survivor_version): (i32, &str),
    (duplicate, duplicate_version): (i32, &str),
) -> Result<(organisation::Model, Moved)> {
    use sea_orm::{QuerySelect, sea_query::Expr};

    use crate::entity::{collaboration_organisation as link, respondent};
    if survivor == duplicate {
        return Err(Error::bad_input(
            "duplicateId",
            "an organisation cannot be merged into itself",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let mut stored = Vec::new();
    for (id, expected, field) in [
        (survivor, survivor_version, "survivorId"),
        (duplicate, duplicate_version, "duplicateId"),
    ] {
        let o = (organisation::Entity::find_by_id(id).one(&txn).await?)
            .ok_or_else(|| Error::not_found("organisation", id.to_string()))?;
        check_scope(&txn, viewer, o.region_id, field).await?;
        let current_version = version_of(&o);
        if current_version != expected {
            txn.rollback().await?;
            return Err(Error::Conflict {
                what: "organisation",
                id: id.to_string(),
                expected: expected.to_owned(),
                current: json!(o),
                current_version,
            });
        }
        stored.push(o);
    }
    let (kept, gone) = (stored[0].clone(), stored[1].clone());
    let respondents = respondent::Entity::update_many()
        .col_expr(respondent::Column::OrganisationId, Expr::value(survivor))
        .filter(respondent::Column::OrganisationId.eq(duplicate))
        .exec(&txn)
        .await?
        .rows_affected;
    // A collaboration both took part in keeps the survivor's link only.
    let both: Vec<i32> = link::Entity::find()
        .select_only()
        .column(link::Column::CollaborationId)
        .filter(link::Column::OrganisationId.eq(survivor))
        .into_tuple()
        .all(&txn)
        .await?;
    link::Entity::delete_many()
        .filter(link::Column::OrganisationId.eq(duplicate))
        .filter(link::Column::CollaborationId.is_in(both))
        .exec(&txn)
        .await?;
    let collaborations = link::Entity::update_many()
        .col_expr(link::Column::OrganisationId, Expr::value(survivor))
        .filter(link::Column::OrganisationId.eq(duplicate))
        .exec(&txn)
        .await?
        .rows_affected;
    let successors = organisation::Entity::update_many()
        .col_expr(organisation::Column::SuccessorId, Expr::value(survivor))
        .filter(organisation::Column::SuccessorId.eq(duplicate))
        .filter(organisation::Column::Id.ne(survivor))
        .exec(&txn)
        .await?
        .rows_affected;
    let moved = Moved {
        respondents,
        collaborations,
        successors,
    };
    // The survivor no longer succeeds the organisation it absorbed.
    organisation::Entity::update_many()
        .col_expr(
            organisation::Column::SuccessorId,
            Expr::value(Option::<i32>::None),
        )
        .filter(organisation::Column::Id.eq(survivor))
        .filter(organisation::Column::SuccessorId.eq(duplicate))
        .exec(&txn)
        .await?;
    organisation::Entity::delete_by_id(duplicate)
        .exec(&txn)
        .await?;
    let after = (organisation::Entity::find_by_id(survivor).one(&txn).await?)
        .ok_or_else(|| Error::not_found("organisation", survivor.to_string()))?;
    version::bump(&txn).await?;
    let event = Event::new(
        "organisation.merge",
        "organisation",
        survivor,
        json!({
            "before": kept,
            "after": after,
            "merged": gone,
            "moved": moved,
            "version": version_of(&after),
        }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok((after, moved))
}

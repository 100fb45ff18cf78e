//! The project's conclusions, recommendations, toolkit items and roadmap steps, read in
//! the file's order, each with the themes it answers and the evidence it rests on.

pub mod figures;

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};

use crate::{
    entity::{guidance, guidance_attachment, guidance_link},
    error::Result,
};

/// The guidance everyone may read.
pub fn published() -> Condition {
    Condition::all().add(guidance::Column::Status.eq("PUBLISHED"))
}

/// The guidance of `kind` (e.g. `RECOMMENDATION`) in the file's order; `restricted`
/// keeps to the published ones, `theme` to those linked to that theme (directly or
/// through one of its sub-codes).
pub async fn list(
    db: &DatabaseConnection,
    kind: &str,
    restricted: bool,
    theme: Option<&str>,
) -> Result<Vec<guidance::Model>> {
    let mut query = guidance::Entity::find()
        .filter(guidance::Column::Kind.eq(kind))
        .order_by_asc(guidance::Column::Position)
        .order_by_asc(guidance::Column::Id);
    if restricted {
        query = query.filter(published());
    }
    if let Some(theme) = theme {
        let linked = guidance_link::Entity::find()
            .select_only()
            .column(guidance_link::Column::GuidanceId)
            .filter(
                Condition::any()
                    .add(guidance_link::Column::ThemeCode.eq(theme))
                    .add(guidance_link::Column::SubCode.in_subquery(sub_codes_of(theme))),
            )
            .into_query();
        query = query.filter(guidance::Column::Id.in_subquery(linked));
    }
    Ok(query.all(db).await?)
}

fn sub_codes_of(theme: &str) -> sea_orm::sea_query::SelectStatement {
    use crate::entity::sub_code;
    sub_code::Entity::find()
        .select_only()
        .column(sub_code::Column::Code)
        .filter(sub_code::Column::ThemeCode.eq(theme))
        .into_query()
}

/// The links of each of `ids`, in order.
pub async fn links_of(
    db: &DatabaseConnection,
    ids: &[i32],
) -> Result<HashMap<i32, Vec<guidance_link::Model>>> {
    crate::service::load::all_each::<guidance_link::Entity, _>(
        db,
        guidance_link::Column::GuidanceId,
        ids,
        |l| l.guidance_id,
        guidance_link::Column::Position,
    )
    .await
}

/// A toolkit item's attached file (name and bytes), if the caller may read it.
pub async fn attachment(
    db: &DatabaseConnection,
    id: i32,
    restricted: bool,
) -> Result<Option<(String, Vec<u8>)>> {
    let mut query = guidance::Entity::find_by_id(id);
    if restricted {
        query = query.filter(published());
    }
    let Some(item) = query.one(db).await? else {
        return Ok(None);
    };
    let Some(name) = item.attachment_name else {
        return Ok(None);
    };
    Ok(guidance_attachment::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|a| (name, a.bytes)))
}

//! Examples of cooperation.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

use super::{registry::resolve_area, survey::check_theme};
use crate::{
    entity::{collaboration, collaboration_organisation, collaboration_theme, organisation},
    error::Result,
};

/// Collaborations, optionally in one country and addressing one theme.
pub async fn collaborations(
    db: &DatabaseConnection,
    country_code: Option<&str>,
    theme: Option<&str>,
) -> Result<Vec<collaboration::Model>> {
    let mut query = collaboration::Entity::find();
    if let Some(ids) = resolve_area(db, country_code, None).await? {
        query = query.filter(collaboration::Column::RegionId.is_in(ids));
    }
    if let Some(code) = theme {
        let code = check_theme(db, code).await?;
        let with_theme = collaboration_theme::Entity::find()
            .select_only()
            .column(collaboration_theme::Column::CollaborationId)
            .filter(collaboration_theme::Column::ThemeCode.eq(code))
            .into_query();
        query = query.filter(collaboration::Column::Id.in_subquery(with_theme));
    }
    Ok(query
        .order_by_asc(collaboration::Column::Id)
        .all(db)
        .await?)
}

/// Organisations of each collaboration, for DataLoaders.
pub async fn organisations_of(
    db: &DatabaseConnection,
    collaboration_ids: &[i32],
) -> Result<HashMap<i32, Vec<organisation::Model>>> {
    let links = collaboration_organisation::Entity::find()
        .filter(
            collaboration_organisation::Column::CollaborationId
                .is_in(collaboration_ids.iter().copied()),
        )
        .all(db)
        .await?;
    let ids: Vec<i32> = links.iter().map(|l| l.organisation_id).collect();
    let organisations =
        super::load::one_each::<organisation::Entity, _>(db, organisation::Column::Id, &ids, |o| {
            o.id
        })
        .await?;
    let mut map: HashMap<i32, Vec<organisation::Model>> = HashMap::new();
    for link in links {
        if let Some(org) = organisations.get(&link.organisation_id) {
            map.entry(link.collaboration_id)
                .or_default()
                .push(org.clone());
        }
    }
    for orgs in map.values_mut() {
        orgs.sort_by(|a, b| a.name.cmp(&b.name));
    }
    Ok(map)
}

/// Theme codes of each collaboration, for DataLoaders.
pub async fn themes_of(
    db: &DatabaseConnection,
    collaboration_ids: &[i32],
) -> Result<HashMap<i32, Vec<String>>> {
    let rows = collaboration_theme::Entity::find()
        .filter(
            collaboration_theme::Column::CollaborationId.is_in(collaboration_ids.iter().copied()),
        )
        .order_by_asc(collaboration_theme::Column::ThemeCode)
        .all(db)
        .await?;
    let mut map: HashMap<i32, Vec<String>> = HashMap::new();
    for row in rows {
        map.entry(row.collaboration_id)
            .or_default()
            .push(row.theme_code);
    }
    Ok(map)
}

//! Regions and the registry of organisations.

use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder,
    QueryTrait,
    sea_query::{Expr, ExprTrait},
};

use super::{
    folded_contains,
    model_read::{self, ModelReader, narrow, narrow_pair, pair_reader, partial_pair_reader},
    page::{self, Page, PageRequest},
};
use crate::{
    domain::{CountryCode, OrganisationKind, OrganisationStatus},
    entity::{organisation, region},
    error::{Error, Result},
};

/// The longest search text accepted.
pub const MAX_SEARCH_LEN: usize = 200;

/// Every region, by country code.
pub async fn regions(db: &DatabaseConnection) -> Result<Vec<region::Model>> {
    Ok(region::Entity::find()
        .order_by_asc(region::Column::CountryCode)
        .order_by_asc(region::Column::Code)
        .all(db)
        .await?)
}

/// The region with `code` (case-insensitive).
pub async fn region_by_code(db: &DatabaseConnection, code: &str) -> Result<region::Model> {
    let wanted = code.trim().to_ascii_uppercase();
    region::Entity::find()
        .filter(region::Column::Code.eq(wanted.clone()))
        .one(db)
        .await?
        .ok_or_else(|| Error::not_found("region", wanted))
}

/// Resolves a country and/or region code from a filter into region ids.
///
/// `None` means no restriction. Unknown codes are `BadInput` naming the field `country`
/// or `region` and listing the valid codes, taken from the data.
pub async fn resolve_area(
    db: &DatabaseConnection,
    country_code: Option<&str>,
    region_code: Option<&str>,
) -> Result<Option<Vec<i32>>> {
    if country_code.is_none() && region_code.is_none() {
        return Ok(None);
    }
    let all = regions(db).await?;
    let mut selected: Vec<&region::Model> = all.iter().collect();
    if let Some(code) = country_code {
        let field = "country";
        let country = CountryCode::parse(field, code)?;
        selected.retain(|r| r.country_code == country.as_str());
        if selected.is_empty() {
            let mut valid: Vec<&str> = all.iter().map(|r| r.country_code.as_str()).collect();
            valid.dedup();
            return Err(Error::bad_input(
                field,
                format!("unknown country code {code:?}; valid: {}", valid.join(", ")),
            ));
        }
    }
    if let Some(code) = region_code {
        let wanted = code.trim().to_ascii_uppercase();
        if !all.iter().any(|r| r.code == wanted) {
            let valid: Vec<&str> = all.iter().map(|r| r.code.as_str()).collect();
            return Err(Error::bad_input(
                "region",
                format!("unknown region code {code:?}; valid: {}", valid.join(", ")),
            ));
        }
        selected.retain(|r| r.code == wanted);
    }
    Ok(Some(selected.iter().map(|r| r.id).collect()))
}

/// Checks a search text and returns it trimmed, or `None` when blank.
pub fn parse_search(search: Option<&str>) -> Result<Option<String>> {
    let Some(text) = search.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_SEARCH_LEN {
        return Err(Error::bad_input(
            "search",
            format!("search text is longer than {MAX_SEARCH_LEN} characters"),
        ));
    }
    Ok(Some(text.to_owned()))
}

/// What to select organisations by; every field is optional.
#[derive(Debug, Clone, Default)]
pub struct OrganisationFilter {
    /// ISO country code.
    pub country_code: Option<String>,
    /// Region code, e.g. `LV-TALSI`.
    pub region_code: Option<String>,
    /// Kind of organisation.
    pub kind: Option<OrganisationKind>,
    /// Status.
    pub status: Option<OrganisationStatus>,
    /// Part of the name, any case.
    pub search: Option<String>,
    /// A field of activity code, e.g. `SPORT`.
    pub field_of_activity: Option<String>,
    /// A target group code, e.g. `YOUNG_ADULTS`.
    pub target_group: Option<String>,
}

/// A list code as a filter takes it (upper case), or an error naming `field`.
fn list_code(field: &str, code: &str) -> Result<String> {
    let code = code.trim().to_ascii_uppercase();
    let valid = !code.is_empty()
        && code.len() <= 60
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(code)
    } else {
        Err(Error::bad_input(
            field,
            format!("{code:?} is not a code (letters, digits and _, e.g. SPORT)"),
        ))
    }
}

/// Organisations whose JSON list `column` holds `code` (stored as `["A","B"]`).
fn list_holds(column: organisation::Column, code: &str) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Alias, LikeExpr};
    // The code has only letters, digits and `_`; `_` is a LIKE wildcard, so escape it.
    let escaped = code.replace('_', "\\_");
    Expr::col(column)
        .cast_as(Alias::new("TEXT"))
        .like(LikeExpr::new(format!("%\"{escaped}\"%")).escape('\\'))
}

/// The field of activity and target group codes the registry uses, each sorted.
pub async fn list_codes(db: &DatabaseConnection) -> Result<(Vec<String>, Vec<String>)> {
    use sea_orm::QuerySelect;
    let rows: Vec<(serde_json::Value, serde_json::Value)> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::FieldsOfActivity)
        .column(organisation::Column::TargetGroups)
        .into_tuple()
        .all(db)
        .await?;
    let mut fields = std::collections::BTreeSet::new();
    let mut groups = std::collections::BTreeSet::new();
    for (f, g) in rows {
        for (list, into) in [(f, &mut fields), (g, &mut groups)] {
            into.extend(
                (list.as_array().into_iter().flatten())
                    .filter_map(|v| v.as_str().map(str::to_owned)),
            );
        }
    }
    Ok((fields.into_iter().collect(), groups.into_iter().collect()))
}

/// How organisations are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganisationOrder {
    /// By name, A to Z.
    #[default]
    NameAsc,
    /// By name, Z to A.
    NameDesc,
    /// Oldest first; unknown years last.
    FoundedAsc,
    /// Newest first; unknown years last.
    FoundedDesc,
}

/// Turns a filter into a condition, validating its codes.
pub async fn organisation_condition(
    db: &DatabaseConnection,
    filter: &OrganisationFilter,
) -> Result<Condition> {
    let mut condition = Condition::all();
    if let Some(ids) = resolve_area(
        db,
        filter.country_code.as_deref(),
        filter.region_code.as_deref(),
    )
    .await?
    {
        condition = condition.add(organisation::Column::RegionId.is_in(ids));
    }
    if let Some(kind) = filter.kind {
        condition = condition.add(organisation::Column::Kind.eq(kind));
    }
    if let Some(status) = filter.status {
        condition = condition.add(organisation::Column::Status.eq(status));
    }
    if let Some(search) = parse_search(filter.search.as_deref())? {
        condition = condition.add(folded_contains(organisation::Column::NameFolded, &search));
    }
    if let Some(code) = &filter.field_of_activity {
        let code = list_code("fieldOfActivity", code)?;
        condition = condition.add(list_holds(organisation::Column::FieldsOfActivity, &code));
    }
    if let Some(code) = &filter.target_group {
        let code = list_code("targetGroup", code)?;
        condition = condition.add(list_holds(organisation::Column::TargetGroups, &code));
    }
    Ok(condition)
}

/// One page of organisations matching `condition`. With `columns`, only those are read,
/// and the models hold placeholders in the others (`model_read::narrow`).
pub async fn organisations(
    db: &DatabaseConnection,
    condition: Condition,
    order: OrganisationOrder,
    request: PageRequest,
    columns: Option<&[organisation::Column]>,
) -> Result<Page<organisation::Model>> {
    let mut query = organisation::Entity::find().filter(condition);
    let Some(columns) = columns else {
        return page::fetch(db, ordered(query, order), request).await;
    };
    narrow::<organisation::Entity>(QueryTrait::query(&mut query), columns);
    let mut read = ModelReader::<organisation::Entity>::partial("");
    page::fetch_rows(db, ordered(query, order), request, move |row| {
        read.read(row)
    })
    .await
}

/// One page of organisations matching `condition`, each with its region, in one
/// statement: for a page whose nodes ask for their region. With `columns`, only those
/// of each are read, and the models hold placeholders in the others
/// (`model_read::narrow_pair`).
pub async fn organisations_with_regions(
    db: &DatabaseConnection,
    condition: Condition,
    order: OrganisationOrder,
    request: PageRequest,
    columns: Option<&(Vec<organisation::Column>, Vec<region::Column>)>,
) -> Result<Page<(organisation::Model, Option<region::Model>)>> {
    let mut query = organisation::Entity::find()
        .find_also_related(region::Entity)
        .filter(condition);
    let Some((record, area)) = columns else {
        let read = pair_reader::<organisation::Entity, region::Entity>();
        return page::fetch_rows(db, ordered(query, order), request, read).await;
    };
    narrow_pair::<organisation::Entity, region::Entity>(
        QueryTrait::query(&mut query),
        record,
        area,
    );
    let read = partial_pair_reader::<organisation::Entity, region::Entity>();
    page::fetch_rows(db, ordered(query, order), request, read).await
}

/// `query` in `order`, ties broken by id.
fn ordered<Q: QueryOrder>(query: Q, order: OrganisationOrder) -> Q {
    use organisation::Column as C;
    let query = match order {
        OrganisationOrder::NameAsc => query.order_by(C::NameFolded, Order::Asc),
        OrganisationOrder::NameDesc => query.order_by(C::NameFolded, Order::Desc),
        OrganisationOrder::FoundedAsc => query
            .order_by(Expr::col(C::FoundedYear).is_null(), Order::Asc)
            .order_by(C::FoundedYear, Order::Asc),
        OrganisationOrder::FoundedDesc => query
            .order_by(Expr::col(C::FoundedYear).is_null(), Order::Asc)
            .order_by(C::FoundedYear, Order::Desc),
    };
    query.order_by(C::Id, Order::Asc)
}

/// The organisation with `id`.
pub async fn organisation(db: &DatabaseConnection, id: &str) -> Result<organisation::Model> {
    let numeric: i32 = id.trim().parse().map_err(|_| {
        Error::bad_input("id", format!("{id:?} is not an organisation id (a number)"))
    })?;
    model_read::one(db, organisation::Entity::find_by_id(numeric))
        .await?
        .ok_or_else(|| Error::not_found("organisation", id))
}

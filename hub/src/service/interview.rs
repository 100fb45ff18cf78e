//! The codebook, interviews and coded findings.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, Order, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};

use super::{
    folded_contains,
    page::{Page, PageRequest},
    registry::{parse_search, resolve_area},
    survey::check_theme,
};
use crate::{
    entity::{finding, interview, sub_code, theme},
    error::{Error, Result},
};

/// The themes of the codebook, in order.
pub async fn themes(db: &DatabaseConnection) -> Result<Vec<theme::Model>> {
    Ok(theme::Entity::find()
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?)
}

/// Sub-codes of each theme, for DataLoaders.
pub async fn sub_codes_of_themes(
    db: &DatabaseConnection,
    theme_codes: &[String],
) -> Result<HashMap<String, Vec<sub_code::Model>>> {
    let rows = sub_code::Entity::find()
        .filter(sub_code::Column::ThemeCode.is_in(theme_codes.iter().cloned()))
        .order_by_asc(sub_code::Column::Position)
        .all(db)
        .await?;
    let mut map: HashMap<String, Vec<sub_code::Model>> = HashMap::new();
    for row in rows {
        map.entry(row.theme_code.clone()).or_default().push(row);
    }
    Ok(map)
}

/// Interviews, optionally in one country or region, by date.
pub async fn interviews(
    db: &DatabaseConnection,
    country_code: Option<&str>,
    region_code: Option<&str>,
) -> Result<Vec<interview::Model>> {
    let mut query = interview::Entity::find();
    if let Some(ids) = resolve_area(db, "filter", country_code, region_code).await? {
        query = query.filter(interview::Column::RegionId.is_in(ids));
    }
    Ok(query
        .order_by_asc(interview::Column::HeldOn)
        .order_by_asc(interview::Column::Id)
        .all(db)
        .await?)
}

/// Interviews by id, for DataLoaders.
pub async fn interviews_by_id(
    db: &DatabaseConnection,
    ids: &[i32],
) -> Result<HashMap<i32, interview::Model>> {
    let rows = interview::Entity::find()
        .filter(interview::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|i| (i.id, i)).collect())
}

/// Findings of each interview, for DataLoaders.
pub async fn findings_of_interviews(
    db: &DatabaseConnection,
    interview_ids: &[i32],
) -> Result<HashMap<i32, Vec<finding::Model>>> {
    let rows = finding::Entity::find()
        .filter(finding::Column::InterviewId.is_in(interview_ids.iter().copied()))
        .order_by_asc(finding::Column::Id)
        .all(db)
        .await?;
    let mut map: HashMap<i32, Vec<finding::Model>> = HashMap::new();
    for row in rows {
        map.entry(row.interview_id).or_default().push(row);
    }
    Ok(map)
}

/// What to select findings by; every field is optional.
#[derive(Debug, Clone, Default)]
pub struct FindingFilter {
    /// Theme code.
    pub theme: Option<String>,
    /// Sub-code.
    pub sub_code: Option<String>,
    /// ISO country code of the interview.
    pub country_code: Option<String>,
    /// Language of the quote.
    pub language: Option<String>,
    /// Part of the quote or its translation, any case.
    pub search: Option<String>,
}

/// Turns a filter into a condition, validating its codes.
pub async fn finding_condition(
    db: &DatabaseConnection,
    filter: &FindingFilter,
) -> Result<Condition> {
    let mut condition = Condition::all();
    if let Some(code) = &filter.theme {
        condition = condition
            .add(finding::Column::ThemeCode.eq(check_theme(db, "filter.theme", code).await?));
    }
    if let Some(code) = &filter.sub_code {
        let wanted = code.trim().to_ascii_uppercase();
        let known = sub_code::Entity::find_by_id(wanted.clone()).one(db).await?;
        if known.is_none() {
            return Err(Error::bad_input(
                "filter.subCode",
                format!(
                    "unknown sub-code {code:?}; the query `themes {{ subCodes {{ code }} }}` lists them"
                ),
            ));
        }
        condition = condition.add(finding::Column::SubCode.eq(wanted));
    }
    if let Some(ids) = resolve_area(db, "filter", filter.country_code.as_deref(), None).await? {
        let interviews = interview::Entity::find()
            .select_only()
            .column(interview::Column::Id)
            .filter(interview::Column::RegionId.is_in(ids))
            .into_query();
        condition = condition.add(finding::Column::InterviewId.in_subquery(interviews));
    }
    if let Some(language) = &filter.language {
        condition = condition.add(
            finding::Column::Language
                .eq(crate::domain::parse_lang("filter.language", language)?.code()),
        );
    }
    if let Some(search) = parse_search("filter.search", filter.search.as_deref())? {
        condition = condition.add(folded_contains(finding::Column::SearchText, &search));
    }
    Ok(condition)
}

/// One page of findings matching `condition`, in id order.
pub async fn findings(
    db: &DatabaseConnection,
    condition: Condition,
    page: PageRequest,
) -> Result<Page<finding::Model>> {
    let rows = finding::Entity::find()
        .filter(condition)
        .order_by(finding::Column::Id, Order::Asc)
        .offset(page.offset)
        .limit(page.limit + 1)
        .all(db)
        .await?;
    Ok(Page::from_overfetch(rows, page))
}

/// How many findings match `condition`.
pub async fn count_findings(db: &DatabaseConnection, condition: Condition) -> Result<u64> {
    Ok(finding::Entity::find().filter(condition).count(db).await?)
}

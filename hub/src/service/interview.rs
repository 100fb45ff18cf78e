//! The codebook, interviews and coded findings.

use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

use super::{
    folded_contains,
    page::{self, Page, PageRequest},
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

/// Interviews, optionally in one country or region, by date.
pub async fn interviews(
    db: &DatabaseConnection,
    country_code: Option<&str>,
    region_code: Option<&str>,
) -> Result<Vec<interview::Model>> {
    let mut query = interview::Entity::find();
    if let Some(ids) = resolve_area(db, country_code, region_code).await? {
        query = query.filter(interview::Column::RegionId.is_in(ids));
    }
    Ok(query
        .order_by_asc(interview::Column::HeldOn)
        .order_by_asc(interview::Column::Id)
        .all(db)
        .await?)
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
        condition = condition.add(finding::Column::ThemeCode.eq(check_theme(db, code).await?));
    }
    if let Some(code) = &filter.sub_code {
        let wanted = code.trim().to_ascii_uppercase();
        let known = sub_code::Entity::find_by_id(wanted.clone()).one(db).await?;
        if known.is_none() {
            return Err(Error::bad_input(
                "sub_code",
                format!(
                    "unknown sub-code {code:?}; the query `themes {{ subCodes {{ code }} }}` lists them"
                ),
            ));
        }
        condition = condition.add(finding::Column::SubCode.eq(wanted));
    }
    if let Some(ids) = resolve_area(db, filter.country_code.as_deref(), None).await? {
        let interviews = interview::Entity::find()
            .select_only()
            .column(interview::Column::Id)
            .filter(interview::Column::RegionId.is_in(ids))
            .into_query();
        condition = condition.add(finding::Column::InterviewId.in_subquery(interviews));
    }
    if let Some(language) = &filter.language {
        condition = condition.add(
            finding::Column::Language.eq(crate::domain::parse_lang("language", language)?.code()),
        );
    }
    if let Some(search) = parse_search(filter.search.as_deref())? {
        condition = condition.add(folded_contains(finding::Column::SearchText, &search));
    }
    Ok(condition)
}

/// One page of findings matching `condition`, in id order.
pub async fn findings(
    db: &DatabaseConnection,
    condition: Condition,
    request: PageRequest,
) -> Result<Page<finding::Model>> {
    let query = finding::Entity::find()
        .filter(condition)
        .order_by(finding::Column::Id, Order::Asc);
    page::fetch(db, query, request).await
}

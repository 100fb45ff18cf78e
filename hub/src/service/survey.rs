//! Surveys, questions, respondents and answers.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, FromQueryResult, Order, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::{
    page::{self, Page, PageRequest},
    registry::resolve_area,
};
use crate::{
    domain::Role,
    entity::{question, respondent, survey, theme},
    error::{Error, Result},
};

/// Every survey, oldest first.
pub async fn surveys(db: &DatabaseConnection) -> Result<Vec<survey::Model>> {
    Ok(survey::Entity::find()
        .order_by_asc(survey::Column::Year)
        .order_by_asc(survey::Column::Code)
        .all(db)
        .await?)
}

/// The id of the survey with `code`, or `BadInput` on `survey` naming the valid codes.
pub async fn survey_id(db: &DatabaseConnection, code: &str) -> Result<i32> {
    let all = surveys(db).await?;
    all.iter()
        .find(|s| s.code.eq_ignore_ascii_case(code.trim()))
        .map(|s| s.id)
        .ok_or_else(|| {
            let valid: Vec<&str> = all.iter().map(|s| s.code.as_str()).collect();
            Error::bad_input(
                "survey",
                format!("unknown survey {code:?}; valid: {}", valid.join(", ")),
            )
        })
}

/// Checks a theme code against the codebook, naming the valid ones.
pub async fn check_theme(db: &DatabaseConnection, code: &str) -> Result<String> {
    let themes = theme::Entity::find()
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?;
    let wanted = code.trim().to_ascii_uppercase();
    if themes.iter().any(|t| t.code == wanted) {
        Ok(wanted)
    } else {
        let valid: Vec<&str> = themes.iter().map(|t| t.code.as_str()).collect();
        Err(Error::bad_input(
            "theme",
            format!("unknown theme {code:?}; valid: {}", valid.join(", ")),
        ))
    }
}

/// Questions, optionally of one survey and one theme, in survey order.
pub async fn questions(
    db: &DatabaseConnection,
    survey_code: Option<&str>,
    theme_code: Option<&str>,
) -> Result<Vec<question::Model>> {
    let mut query = question::Entity::find();
    if let Some(code) = survey_code {
        query = query.filter(question::Column::SurveyId.eq(survey_id(db, code).await?));
    }
    if let Some(code) = theme_code {
        query = query.filter(question::Column::ThemeCode.eq(check_theme(db, code).await?));
    }
    Ok(query
        .order_by_asc(question::Column::SurveyId)
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?)
}

/// What to select respondents by; every field is optional.
#[derive(Debug, Clone, Default)]
pub struct RespondentFilter {
    /// Survey code.
    pub survey_code: Option<String>,
    /// ISO country code.
    pub country_code: Option<String>,
    /// Region code.
    pub region_code: Option<String>,
    /// Role in which they answered.
    pub role: Option<Role>,
}

/// Turns a filter into a condition, validating its codes.
pub async fn respondent_condition(
    db: &DatabaseConnection,
    filter: &RespondentFilter,
) -> Result<Condition> {
    let mut condition = Condition::all();
    if let Some(code) = &filter.survey_code {
        condition = condition.add(respondent::Column::SurveyId.eq(survey_id(db, code).await?));
    }
    if let Some(ids) = resolve_area(
        db,
        filter.country_code.as_deref(),
        filter.region_code.as_deref(),
    )
    .await?
    {
        condition = condition.add(respondent::Column::RegionId.is_in(ids));
    }
    if let Some(role) = filter.role {
        condition = condition.add(respondent::Column::Role.eq(role));
    }
    Ok(condition)
}

/// One page of respondents matching `condition`, in id order.
pub async fn respondents(
    db: &DatabaseConnection,
    condition: Condition,
    request: PageRequest,
) -> Result<Page<respondent::Model>> {
    let query = respondent::Entity::find()
        .filter(condition)
        .order_by(respondent::Column::Id, Order::Asc);
    page::fetch(db, query, request).await
}

/// The respondent with `id`.
pub async fn respondent(db: &DatabaseConnection, id: &str) -> Result<respondent::Model> {
    let numeric: i32 = id
        .trim()
        .parse()
        .map_err(|_| Error::bad_input("id", format!("{id:?} is not a respondent id (a number)")))?;
    super::model_read::one(db, respondent::Entity::find_by_id(numeric))
        .await?
        .ok_or_else(|| Error::not_found("respondent", id))
}

/// Respondents per survey, for DataLoaders.
pub async fn respondent_counts(
    db: &DatabaseConnection,
    survey_ids: &[i32],
) -> Result<HashMap<i32, u64>> {
    let rows: Vec<(i32, i64)> = respondent::Entity::find()
        .select_only()
        .column(respondent::Column::SurveyId)
        .column_as(respondent::Column::Id.count(), "n")
        .filter(respondent::Column::SurveyId.is_in(survey_ids.iter().copied()))
        .group_by(respondent::Column::SurveyId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u64::try_from(n).unwrap_or_default()))
        .collect())
}

#[derive(FromQueryResult)]
struct CountryCount {
    country: String,
    n: i64,
}

/// How many respondents each country has.
pub async fn respondents_by_country(db: &DatabaseConnection) -> Result<HashMap<String, u64>> {
    let statement = sea_orm::Statement::from_string(
        db.get_database_backend(),
        "SELECT g.country_code AS country, COUNT(*) AS n \
         FROM respondent r JOIN region g ON g.id = r.region_id GROUP BY g.country_code",
    );
    Ok(CountryCount::find_by_statement(statement)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.country, u64::try_from(c.n).unwrap_or(0)))
        .collect())
}

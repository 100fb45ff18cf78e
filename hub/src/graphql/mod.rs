//! The GraphQL schema: one query root merged from one object per domain, DataLoaders
//! for every relation, and a guard that measures each query before it is validated or run.

pub mod collaboration;
pub mod comparisons;
pub mod connection;
pub mod guard;
pub mod interview;
pub mod loaders;
pub mod registry;
pub mod survey;

use async_graphql::{
    Context, EmptyMutation, EmptySubscription, MergedObject, Object, Result, SimpleObject,
};
use sea_orm::DatabaseConnection;

use crate::{domain::Lang, error::IntoGql, service::version};

/// The schema type.
pub type HubSchema = async_graphql::Schema<Query, EmptyMutation, EmptySubscription>;

/// The query root.
#[derive(MergedObject, Default)]
pub struct Query(
    MetaQuery,
    registry::RegistryQuery,
    survey::SurveyQuery,
    interview::InterviewQuery,
    collaboration::CollaborationQuery,
);

/// What the schema's resolvers share besides the database.
pub struct SchemaParts {
    /// Query limits.
    pub limits: guard::QueryLimits,
    /// How long a DataLoader collects keys before it runs one statement for all of them.
    pub loader_delay: std::time::Duration,
    /// The analytics frames of the current data version.
    pub frames: std::sync::Arc<crate::service::frames::FrameCache>,
    /// k: smaller groups of people are suppressed.
    pub min_group_size: u64,
}

/// Builds the schema over `db`.
pub fn schema(db: DatabaseConnection, parts: SchemaParts) -> HubSchema {
    let limits = parts.limits;
    async_graphql::Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .data(loaders::loaders(db.clone(), parts.loader_delay))
        .data(parts.frames)
        .data(comparisons::MinGroupSize(parts.min_group_size))
        .data(db)
        .extension(guard::CostGuard(std::sync::Arc::new(guard::Guard::new(
            &sdl(),
            limits,
        ))))
        .finish()
}

/// The schema without data: enough for the SDL and introspection, not for queries.
pub fn sdl_schema() -> HubSchema {
    async_graphql::Schema::build(Query::default(), EmptyMutation, EmptySubscription).finish()
}

/// The SDL of the schema, as `hub schema` prints it.
pub fn sdl() -> String {
    sdl_schema().sdl()
}

pub(crate) fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// Parses a `lang` argument into a language, with `BAD_USER_INPUT` naming the valid ones.
pub(crate) fn lang(code: &str) -> Result<Lang> {
    crate::domain::parse_lang("lang", code).gql()
}

/// The argument path of a domain field inside a list query's `filter`.
pub(crate) fn filter_field(field: &str) -> Option<&'static str> {
    Some(match field {
        "country" => "filter.countryCode",
        "region" => "filter.regionCode",
        "theme" => "filter.theme",
        "sub_code" => "filter.subCode",
        "language" => "filter.language",
        "search" => "filter.search",
        "survey" => "filter.surveyCode",
        _ => return None,
    })
}

/// Reads a stored JSON array of strings; anything else reads as empty.
pub(crate) fn string_list(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Facts about the dataset as a whole.
#[derive(SimpleObject)]
pub struct Dataset {
    /// True when the data is the generated demo dataset, not real research data.
    pub synthetic: bool,
    /// What the dataset is.
    pub description: Option<String>,
    /// Counter that every write to the data bumps.
    pub data_version: i64,
}

/// Queries about the dataset itself.
#[derive(Default)]
pub struct MetaQuery;

#[Object]
impl MetaQuery {
    /// The cross-country comparisons, on the data of the current version.
    async fn analytics(&self, ctx: &Context<'_>) -> Result<comparisons::Analytics> {
        comparisons::Analytics::current(ctx).await
    }

    /// What this dataset is: real or synthetic, and its data version.
    async fn dataset(&self, ctx: &Context<'_>) -> Result<Dataset> {
        let db = db(ctx);
        let synthetic = version::meta(db, "synthetic").await.gql()?;
        Ok(Dataset {
            synthetic: synthetic.as_deref() == Some("true"),
            description: version::meta(db, "description").await.gql()?,
            data_version: version::current(db).await.gql()?,
        })
    }
}

//! The GraphQL schema: one query root merged from one object per domain, DataLoaders
//! for every relation, and a guard that measures each query before it is validated or run.

pub mod backlinks;
pub mod collaboration;
pub mod comparisons;
pub mod connection;
mod documents;
pub mod edit;
pub mod guard;
pub mod guidance;
pub mod interview;
pub mod links;
pub mod loaders;
pub mod organisation;
mod reference;
pub mod registry;
pub mod survey;

use async_graphql::{Context, EmptySubscription, MergedObject, Object, Result, SimpleObject};
use sea_orm::DatabaseConnection;

use crate::{
    access::{Role, Viewer, ViewerInfo, audit, audit_queue::AuditQueue},
    domain::Lang,
    error::{Error, IntoGql},
    service::version,
};

/// The schema type.
pub type HubSchema = async_graphql::Schema<Query, edit::Mutation, EmptySubscription>;

/// The query root.
#[derive(MergedObject, Default)]
pub struct Query(
    MetaQuery,
    registry::RegistryQuery,
    survey::SurveyQuery,
    interview::InterviewQuery,
    collaboration::CollaborationQuery,
    guidance::GuidanceQuery,
    links::LinksQuery,
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

/// The schema behind its guard: what `/graphql` runs.
#[derive(Clone)]
pub struct Engine {
    schema: HubSchema,
    guard: std::sync::Arc<guard::Guard>,
}

impl Engine {
    /// Measures `request` with the guard (refusing it with a coded error when it is too
    /// costly or asks for a field above the viewer's role), then runs it.
    pub async fn execute(
        &self,
        request: impl Into<async_graphql::Request>,
    ) -> async_graphql::Response {
        let mut request = request.into();
        match self.guard.admit(&mut request) {
            Ok(()) => self.schema.execute(request).await,
            Err(refused) => async_graphql::Response::from_errors(vec![refused]),
        }
    }
}

/// Builds the schema over `db`, behind a guard with `parts.limits`.
pub fn schema(db: DatabaseConnection, parts: SchemaParts) -> Engine {
    let schema = async_graphql::Schema::build(
        Query::default(),
        edit::Mutation::default(),
        EmptySubscription,
    )
    .data(loaders::loaders(db.clone(), parts.loader_delay))
    .data(reference::Reference::new(parts.frames.watch().clone()))
    .data(AuditQueue::spawn(db.clone()))
    .data(parts.frames)
    .data(comparisons::MinGroupSize(parts.min_group_size))
    .data(db)
    .finish();
    let guard = std::sync::Arc::new(guard::Guard::new(&schema.sdl(), parts.limits));
    Engine { schema, guard }
}

/// The schema without data: enough for the SDL and introspection, not for queries.
pub fn sdl_schema() -> HubSchema {
    async_graphql::Schema::build(
        Query::default(),
        edit::Mutation::default(),
        EmptySubscription,
    )
    .finish()
}

/// The SDL of the schema, as `hub schema` prints it.
pub fn sdl() -> String {
    sdl_schema().sdl()
}

pub(crate) fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// Who asks: the viewer the HTTP layer found, or the public.
pub(crate) fn viewer(ctx: &Context<'_>) -> Viewer {
    ctx.data_opt::<Viewer>().cloned().unwrap_or_default()
}

/// Set when an answer used frames of an earlier data version (a rebuild was running):
/// such an answer is not cached under the current version.
#[derive(Debug, Clone, Default)]
pub struct StaleFrames(pub std::sync::Arc<std::sync::atomic::AtomicBool>);

/// The SHA-256 of the request's query text, for the audit trail of person-level reads.
#[derive(Debug, Clone)]
pub struct QueryHash(pub String);

/// Records a read of person-level data: what was asked (the query's hash, the filter)
/// and how many people the answer holds.
pub(crate) async fn audit_read(
    ctx: &Context<'_>,
    what: &str,
    people: usize,
    filter: serde_json::Value,
) -> Result<()> {
    let query_hash = ctx.data_opt::<QueryHash>().map(|h| h.0.clone());
    let event = audit::Event {
        action: format!("read.{what}"),
        object_type: Some(what.to_owned()),
        object_id: None,
        details: serde_json::json!({ "query_sha256": query_hash, "people": people, "filter": filter }),
    };
    // Committed with the other reads waiting at the same moment (group commit).
    match ctx.data_opt::<AuditQueue>() {
        Some(queue) => queue.record(&viewer(ctx), event).await.gql(),
        None => audit::record(db(ctx), &viewer(ctx), event).await.gql(),
    }
}

/// One event of the audit trail.
#[derive(SimpleObject)]
pub struct AuditEvent {
    /// Its position in the trail.
    pub id: String,
    /// When it happened.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The account that acted (or the name tried, for a failed sign-in).
    pub account_name: Option<String>,
    /// The role it acted with.
    pub role: String,
    /// What happened, e.g. `token.create`, `read.respondents`.
    pub action: String,
    /// The kind of object.
    pub object_type: Option<String>,
    /// Its id.
    pub object_id: Option<String>,
    /// The HTTP request.
    pub request_id: Option<String>,
    /// The client's address, or `cli`.
    pub client: Option<String>,
    /// Details as JSON: a read's query hash and number of people, a write's before and
    /// after.
    pub details: String,
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

    /// Who the API takes the caller to be: the public without credentials, or the
    /// account of the bearer token.
    async fn viewer(&self, ctx: &Context<'_>) -> ViewerInfo {
        ViewerInfo::from(&viewer(ctx))
    }

    /// The newest events of the audit trail (admins only).
    async fn audit_events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many, newest first: 50 when omitted, at most 100.")] first: Option<
            i32,
        >,
        #[graphql(
            desc = "Only this action (`token.create`), or actions under a prefix ending in a dot (`token.`)."
        )]
        action: Option<String>,
        #[graphql(desc = "Only events of this account.")] account: Option<String>,
        #[graphql(
            desc = "Only events at or after this time (RFC 3339, e.g. `2026-11-28T09:00:00Z`)."
        )]
        since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Vec<AuditEvent>> {
        if !viewer(ctx).has(Role::Admin) {
            return Err(Error::bad_input("auditEvents", "needs the role ADMIN")).gql();
        }
        let limit = match first {
            None => 50,
            Some(n @ 0..=100) => n as u64,
            Some(n) => {
                return Err(Error::bad_input(
                    "first",
                    format!("must be between 0 and 100, got {n}"),
                ))
                .gql();
            }
        };
        let rows = audit::list(
            db(ctx),
            &audit::Query {
                since,
                account,
                action,
                limit,
            },
        )
        .await
        .gql()?;
        Ok(rows
            .into_iter()
            .take(limit as usize)
            .map(|e| AuditEvent {
                id: e.id.to_string(),
                at: e.at,
                account_name: e.account_name,
                role: e.role,
                action: e.action,
                object_type: e.object_type,
                object_id: e.object_id,
                request_id: e.request_id,
                client: e.client,
                details: e.details,
            })
            .collect())
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

//! GraphQL types and queries of regions and the organisation registry.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result};
use chrono::NaiveDate;

use super::{
    backlinks::linked,
    collaboration::CollaborationConnection,
    connection::{connection, paged},
    db,
    interview::InterviewConnection,
    loaders::{MunicipalitiesOfRegion, MunicipalityId, OrganisationId, RegionId, load_one},
    string_list,
    survey::RespondentConnection,
};
use crate::{
    domain::{OrganisationKind, OrganisationStatus},
    entity::{municipality, organisation, region},
    error::{Error, IntoGql},
    service::{
        backlinks::{
            CollaborationsOfOrganisation, CollaborationsOfRegion, InterviewsOfRegion,
            OrganisationsOfRegion, RespondentsOfRegion,
        },
        registry::{self, OrganisationFilter as Filter, OrganisationOrder},
    },
};

/// A partner area: a region, a municipality or a whole country.
pub struct Region(pub region::Model);

/// A partner area: a region, a municipality or a whole country.
#[Object]
impl Region {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Stable code, e.g. `LV-TALSI`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name of the area.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// ISO 3166-1 alpha-2 country code, e.g. `LV`.
    async fn country_code(&self) -> &str {
        &self.0.country_code
    }
    /// Country name in English.
    async fn country_name(&self) -> &str {
        &self.0.country_name
    }
    /// Inhabitants.
    async fn population(&self) -> i64 {
        self.0.population
    }
    /// Number of municipalities in the area.
    async fn municipalities(&self) -> i32 {
        self.0.municipalities
    }
    /// Languages spoken, ISO 639-1 codes.
    async fn languages(&self) -> Vec<String> {
        string_list(&self.0.languages)
    }
    /// Where the population figure comes from.
    async fn population_source(&self) -> Option<&str> {
        self.0.population_source.as_deref()
    }
    /// The year of the population figure, when the source gives one.
    async fn population_year(&self) -> Option<i32> {
        self.0.population_year
    }
    /// Its municipalities (or districts) as loaded with `hub import areas`, in code
    /// order; `municipalities` is their number as the partner counts them.
    async fn areas(&self, ctx: &Context<'_>) -> Result<Vec<Municipality>> {
        let rows = load_one(ctx, MunicipalitiesOfRegion(self.0.id)).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(Municipality)
            .collect())
    }
    /// Its organisations, by name, a page at a time.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<OrganisationConnection> {
        linked::<OrganisationsOfRegion>(ctx, self.0.id, false, first, after)
            .await
            .map(Into::into)
    }
    /// Its survey respondents, by id, a page at a time (every read is audited).
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn respondents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<RespondentConnection> {
        let asked = serde_json::json!({ "region": self.0.code, "after": after });
        let (page, total) =
            linked::<RespondentsOfRegion>(ctx, self.0.id, false, first, after).await?;
        super::audit_read(ctx, "respondents", page.items.len(), asked).await?;
        Ok((page, total).into())
    }
    /// Its interviews, by date, a page at a time.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn interviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<InterviewConnection> {
        linked::<InterviewsOfRegion>(ctx, self.0.id, false, first, after)
            .await
            .map(Into::into)
    }
    /// Its examples of cooperation, by title, a page at a time.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn collaborations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<CollaborationConnection> {
        linked::<CollaborationsOfRegion>(ctx, self.0.id, false, first, after)
            .await
            .map(Into::into)
    }
}

/// A municipality of a partner area, or a district where the partner works by district.
pub struct Municipality(pub municipality::Model);

/// A municipality of a partner area, or a district where the partner works by district.
#[Object]
impl Municipality {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Stable code, e.g. `SE-2080` (Falun's kommunkod).
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Its name, as written locally.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// `MUNICIPALITY` or `DISTRICT`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    /// Inhabitants, when a source gives them.
    async fn population(&self) -> Option<i64> {
        self.0.population
    }
    /// Where the population figure comes from.
    async fn population_source(&self) -> Option<&str> {
        self.0.population_source.as_deref()
    }
    /// The year of the population figure.
    async fn population_year(&self) -> Option<i32> {
        self.0.population_year
    }
    /// Languages spoken, ISO 639-1 codes.
    async fn languages(&self) -> Vec<String> {
        string_list(&self.0.languages)
    }
    /// The partner area it belongs to.
    async fn region(&self, ctx: &Context<'_>) -> Result<Region> {
        load_one(ctx, RegionId(self.0.region_id))
            .await?
            .map(Region)
            .ok_or_else(|| Error::not_found("region", self.0.region_id.to_string()))
            .gql()
    }
}

/// The municipality of `id`, loaded in a batch.
pub(super) async fn municipality_of(
    ctx: &Context<'_>,
    id: Option<i32>,
) -> Result<Option<Municipality>> {
    let Some(id) = id else {
        return Ok(None);
    };
    Ok(load_one(ctx, MunicipalityId(id)).await?.map(Municipality))
}

/// A local organisation in the registry.
pub struct Organisation(pub organisation::Model);

/// A local organisation in the registry.
#[Object]
impl Organisation {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Name as registered.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The version of the record as stored: send it back with `updateOrganisation`,
    /// which refuses the change when the record has changed since.
    async fn version(&self) -> String {
        crate::service::edit::version_of(&self.0)
    }
    /// Kind of organisation.
    async fn kind(&self) -> OrganisationKind {
        self.0.kind
    }
    /// Whether it is still working.
    async fn status(&self) -> OrganisationStatus {
        self.0.status
    }
    /// Year founded, where known.
    async fn founded_year(&self) -> Option<i32> {
        self.0.founded_year
    }
    /// Year closed, for closed organisations where known.
    async fn closed_year(&self) -> Option<i32> {
        self.0.closed_year
    }
    /// Why it closed, where known.
    async fn closure_reason(&self) -> Option<&str> {
        self.0.closure_reason.as_deref()
    }
    /// Fields of activity, e.g. `SPORT`, `CULTURE`.
    async fn fields_of_activity(&self) -> Vec<String> {
        string_list(&self.0.fields_of_activity)
    }
    /// Target groups, e.g. `YOUNG_ADULTS`, `MINORITIES`.
    async fn target_groups(&self) -> Vec<String> {
        string_list(&self.0.target_groups)
    }
    /// Website.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// Day the entry was last checked against reality.
    async fn last_verified(&self) -> Option<NaiveDate> {
        self.0.last_verified
    }
    /// Where the entry comes from.
    async fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }
    /// Organisation that took over its work, if any.
    async fn successor(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        let Some(id) = self.0.successor_id else {
            return Ok(None);
        };
        Ok(load_one(ctx, OrganisationId(id)).await?.map(Organisation))
    }
    /// The municipality (or district) it works in, when known.
    async fn municipality(&self, ctx: &Context<'_>) -> Result<Option<Municipality>> {
        municipality_of(ctx, self.0.municipality_id).await
    }
    /// Area it works in.
    async fn region(&self, ctx: &Context<'_>) -> Result<Region> {
        load_one(ctx, RegionId(self.0.region_id))
            .await?
            .map(Region)
            .ok_or_else(|| Error::not_found("region", self.0.region_id.to_string()))
            .gql()
    }
    /// The examples of cooperation it took part in, by title, a page at a time.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn collaborations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<CollaborationConnection> {
        linked::<CollaborationsOfOrganisation>(ctx, self.0.id, false, first, after)
            .await
            .map(Into::into)
    }
}

/// Which organisations to list; every field is optional and they combine with AND.
#[derive(InputObject, Default)]
pub struct OrganisationFilter {
    /// ISO country code, e.g. `LT`.
    pub country_code: Option<String>,
    /// Region code, e.g. `LT-TRAKAI`.
    pub region_code: Option<String>,
    /// Kind of organisation.
    pub kind: Option<OrganisationKind>,
    /// Status.
    pub status: Option<OrganisationStatus>,
    /// Part of the name, in any case.
    pub search: Option<String>,
    /// A field of activity, e.g. `SPORT`: organisations that list it.
    pub field_of_activity: Option<String>,
    /// A target group, e.g. `YOUNG_ADULTS`: organisations that serve it.
    pub target_group: Option<String>,
}

/// What to order organisations by.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganisationOrderField {
    /// The name.
    #[default]
    Name,
    /// The year founded; unknown years come last.
    FoundedYear,
}

/// Ascending or descending.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderDirection {
    /// Smallest first.
    #[default]
    Asc,
    /// Largest first.
    Desc,
}

/// How to order organisations; ties are broken by id.
#[derive(InputObject, Default)]
pub struct OrganisationOrderBy {
    /// What to order by.
    #[graphql(default)]
    pub field: OrganisationOrderField,
    /// Which way.
    #[graphql(default)]
    pub direction: OrderDirection,
}

connection!(
    OrganisationConnection,
    OrganisationEdge,
    Organisation,
    organisation::Model,
    crate::service::page::count::<organisation::Entity>,
    "organisations"
);

/// Queries of regions and the registry.
#[derive(Default)]
pub struct RegistryQuery;

#[Object]
impl RegistryQuery {
    /// Every partner area, by country.
    async fn regions(&self, ctx: &Context<'_>) -> Result<Vec<Region>> {
        Ok(registry::regions(db(ctx))
            .await
            .gql()?
            .into_iter()
            .map(Region)
            .collect())
    }

    /// The area with `code`, e.g. `LV-TALSI`; `NOT_FOUND` when there is none.
    async fn region(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Region code, e.g. `LV-TALSI`; any case.")] code: String,
    ) -> Result<Option<Region>> {
        Ok(Some(Region(
            registry::region_by_code(db(ctx), &code).await.gql()?,
        )))
    }

    /// Organisations of the registry, a page at a time.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which organisations; all when omitted.")] filter: Option<
            OrganisationFilter,
        >,
        #[graphql(desc = "Order; by name when omitted.")] order_by: Option<OrganisationOrderBy>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<OrganisationConnection> {
        let filter = filter.unwrap_or_default();
        let filter = Filter {
            country_code: filter.country_code,
            region_code: filter.region_code,
            kind: filter.kind,
            status: filter.status,
            search: filter.search,
            field_of_activity: filter.field_of_activity,
            target_group: filter.target_group,
        };
        let order = order_by.unwrap_or_default();
        let order = match (order.field, order.direction) {
            (OrganisationOrderField::Name, OrderDirection::Asc) => OrganisationOrder::NameAsc,
            (OrganisationOrderField::Name, OrderDirection::Desc) => OrganisationOrder::NameDesc,
            (OrganisationOrderField::FoundedYear, OrderDirection::Asc) => {
                OrganisationOrder::FoundedAsc
            }
            (OrganisationOrderField::FoundedYear, OrderDirection::Desc) => {
                OrganisationOrder::FoundedDesc
            }
        };
        let db = db(ctx);
        paged(
            first,
            after,
            registry::organisation_condition(db, &filter),
            |c, p| registry::organisations(db, c, order, p),
        )
        .await
        .map(Into::into)
    }

    /// The organisation with `id`; `NOT_FOUND` when there is none.
    async fn organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation's `id`.")] id: ID,
    ) -> Result<Option<Organisation>> {
        Ok(Some(Organisation(
            registry::organisation(db(ctx), &id).await.gql()?,
        )))
    }
}

//! GraphQL types and queries of regions and the organisation registry.

use async_graphql::{Context, ID, Object, Result};

pub use super::organisation::{
    Organisation, OrganisationConnection, OrganisationFilter, OrganisationOrderBy,
};
use super::{
    backlinks::linked,
    collaboration::CollaborationConnection,
    connection::paged,
    db,
    interview::InterviewConnection,
    loaders::{MunicipalitiesOfRegion, MunicipalityId, load_one},
    organisation::{OrderDirection, OrganisationOrderField, OrganisationRow, columns_read},
    string_list,
    survey::RespondentConnection,
};
use crate::{
    entity::{municipality, region},
    error::IntoGql,
    service::{
        backlinks::{
            CollaborationsOfRegion, InterviewsOfRegion, OrganisationsOfRegion, RespondentsOfRegion,
        },
        registry::{self, OrganisationFilter as Filter, OrganisationOrder},
    },
};

/// A partner area: a region, a municipality or a whole country.
pub struct Region(pub region::Model);

/// A partner area: a region, a municipality or a whole country.
// `serial`: the fields of one node are resolved one after another, not as a set of
// concurrent futures: most are read from the row at hand, and a page of 50 nodes made
// 100 such sets per request (BENCHMARKS.md, "Fields in turn, ..."). The nodes of a list are
// still resolved together, so their DataLoader keys are batched as before.
#[Object(serial)]
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
        // Their region is this one: no node needs to load it again.
        let (page, total) =
            linked::<OrganisationsOfRegion>(ctx, self.0.id, false, first, after).await?;
        let page = page.map(|record| OrganisationRow {
            record,
            region: Some(self.0.clone()),
        });
        Ok((page, total).into())
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
        super::reference::region(ctx, self.0.region_id)
            .await
            .map(Region)
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
        let condition = registry::organisation_condition(db, &filter);
        // When the nodes ask for their region, the page's statement joins it, instead
        // of a second statement through the region loader after the page.
        let look_ahead = ctx.look_ahead();
        let nodes: Vec<_> = (look_ahead.field("nodes").selection_fields().into_iter())
            .chain(look_ahead.field("edges").field("node").selection_fields())
            .collect();
        let wants_region = (nodes.iter().flat_map(|node| node.selection_set()))
            .any(|field| field.name() == "region");
        // Only the columns the nodes' fields read.
        let columns = columns_read(&nodes);
        let (page, condition) = if wants_region {
            let (page, condition) = paged(first, after, condition, |c, p| {
                registry::organisations_with_regions(db, c, order, p, columns.as_ref())
            })
            .await?;
            let page = page.map(|(record, region)| OrganisationRow { record, region });
            (page, condition)
        } else {
            let (page, condition) = paged(first, after, condition, |c, p| {
                registry::organisations(db, c, order, p, columns.as_ref().map(|c| &c.0[..]))
            })
            .await?;
            (page.map(OrganisationRow::from), condition)
        };
        Ok((page, condition).into())
    }

    /// The organisation with `id`; `NOT_FOUND` when there is none.
    async fn organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation's `id`.")] id: ID,
    ) -> Result<Option<Organisation>> {
        Ok(Some(Organisation::from(
            registry::organisation(db(ctx), &id).await.gql()?,
        )))
    }
}

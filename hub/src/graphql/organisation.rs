//! GraphQL types of the organisation registry: an organisation, its page and how a
//! page is filtered and ordered.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SelectionField};
use chrono::NaiveDate;
use sea_orm::IdenStatic;

use super::{
    backlinks::linked,
    collaboration::CollaborationConnection,
    connection::connection,
    loaders::{OrganisationId, load_one},
    registry::{Municipality, Region, municipality_of},
    string_list,
};
use crate::{
    domain::{OrganisationKind, OrganisationStatus},
    entity::{organisation, region},
    service::backlinks::CollaborationsOfOrganisation,
};

/// A row of the registry, with its region when the query that read it joined it.
#[derive(Debug, Clone)]
pub struct OrganisationRow {
    /// The stored record.
    pub record: organisation::Model,
    /// Its region, when already read with it.
    pub region: Option<region::Model>,
}

impl From<organisation::Model> for OrganisationRow {
    fn from(record: organisation::Model) -> Self {
        Self {
            record,
            region: None,
        }
    }
}

/// A local organisation in the registry.
pub struct Organisation(pub OrganisationRow);

/// The columns of an organisation and of its region that `nodes` (a page's `nodes` and
/// `edges { node }`) read, when every field they select is one listed here; `None`
/// when any field needs the whole record (`version`, the lists, a field not listed).
/// A page then selects only these: the models it reads hold placeholders in the other
/// columns (`model_read::narrow_pair`). `every_field_of_a_narrowed_page_is_the_stored_one`
/// checks each field of the schema against the whole record.
pub(super) fn columns_read(
    nodes: &[SelectionField<'_>],
) -> Option<(Vec<organisation::Column>, Vec<region::Column>)> {
    use organisation::Column as O;
    use region::Column as R;
    // The keys, the enums (which have no placeholder) and the name are always read.
    let mut record = vec![O::Id, O::Name, O::RegionId, O::Kind, O::Status];
    let mut area = vec![R::Id, R::Code, R::Name, R::CountryCode];
    for field in nodes.iter().flat_map(|node| node.selection_set()) {
        let column = match field.name() {
            "__typename" | "id" | "name" | "kind" | "status" => None,
            "foundedYear" => Some(O::FoundedYear),
            "closedYear" => Some(O::ClosedYear),
            "closureReason" => Some(O::ClosureReason),
            "fieldsOfActivity" => Some(O::FieldsOfActivity),
            "targetGroups" => Some(O::TargetGroups),
            "website" => Some(O::Website),
            "lastVerified" => Some(O::LastVerified),
            "source" => Some(O::Source),
            "successor" => Some(O::SuccessorId),
            "municipality" => Some(O::MunicipalityId),
            "region" => {
                for field in field.selection_set() {
                    area.extend(match field.name() {
                        "__typename" | "id" | "code" | "name" | "countryCode" => None,
                        "countryName" => Some(R::CountryName),
                        "population" => Some(R::Population),
                        "municipalities" => Some(R::Municipalities),
                        "languages" => Some(R::Languages),
                        "populationSource" => Some(R::PopulationSource),
                        "populationYear" => Some(R::PopulationYear),
                        _ => return None,
                    });
                }
                None
            }
            _ => return None,
        };
        record.extend(column);
    }
    record.sort_by_key(|c| c.as_str());
    record.dedup_by_key(|c| c.as_str());
    area.sort_by_key(|c| c.as_str());
    area.dedup_by_key(|c| c.as_str());
    Some((record, area))
}

impl From<organisation::Model> for Organisation {
    fn from(record: organisation::Model) -> Self {
        Self(record.into())
    }
}

/// A local organisation in the registry.
// `serial`: the fields of one node are resolved one after another, not as a set of
// concurrent futures: most are read from the row at hand, and a page of 50 nodes made
// 100 such sets per request (BENCHMARKS.md, "Fields in turn, ..."). The nodes of a list are
// still resolved together, so their DataLoader keys are batched as before.
#[Object(serial)]
impl Organisation {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.record.id.to_string())
    }
    /// Name as registered.
    async fn name(&self) -> &str {
        &self.0.record.name
    }
    /// The version of the record as stored: send it back with `updateOrganisation`,
    /// which refuses the change when the record has changed since.
    async fn version(&self) -> String {
        crate::service::edit::version_of(&self.0.record)
    }
    /// Kind of organisation.
    async fn kind(&self) -> OrganisationKind {
        self.0.record.kind
    }
    /// Whether it is still working.
    async fn status(&self) -> OrganisationStatus {
        self.0.record.status
    }
    /// Year founded, where known.
    async fn founded_year(&self) -> Option<i32> {
        self.0.record.founded_year
    }
    /// Year closed, for closed organisations where known.
    async fn closed_year(&self) -> Option<i32> {
        self.0.record.closed_year
    }
    /// Why it closed, where known.
    async fn closure_reason(&self) -> Option<&str> {
        self.0.record.closure_reason.as_deref()
    }
    /// Fields of activity, e.g. `SPORT`, `CULTURE`.
    async fn fields_of_activity(&self) -> Vec<String> {
        string_list(&self.0.record.fields_of_activity)
    }
    /// Target groups, e.g. `YOUNG_ADULTS`, `MINORITIES`.
    async fn target_groups(&self) -> Vec<String> {
        string_list(&self.0.record.target_groups)
    }
    /// Website.
    async fn website(&self) -> Option<&str> {
        self.0.record.website.as_deref()
    }
    /// Day the entry was last checked against reality.
    async fn last_verified(&self) -> Option<NaiveDate> {
        self.0.record.last_verified
    }
    /// Where the entry comes from.
    async fn source(&self) -> Option<&str> {
        self.0.record.source.as_deref()
    }
    /// Organisation that took over its work, if any.
    async fn successor(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        let Some(id) = self.0.record.successor_id else {
            return Ok(None);
        };
        Ok(load_one(ctx, OrganisationId(id))
            .await?
            .map(Organisation::from))
    }
    /// The municipality (or district) it works in, when known.
    async fn municipality(&self, ctx: &Context<'_>) -> Result<Option<Municipality>> {
        municipality_of(ctx, self.0.record.municipality_id).await
    }
    /// Area it works in.
    async fn region(&self, ctx: &Context<'_>) -> Result<Region> {
        if let Some(region) = &self.0.region {
            return Ok(Region(region.clone()));
        }
        super::reference::region(ctx, self.0.record.region_id)
            .await
            .map(Region)
    }
    /// The examples of cooperation it took part in, by title, a page at a time.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn collaborations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<CollaborationConnection> {
        linked::<CollaborationsOfOrganisation>(ctx, self.0.record.id, false, first, after)
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
    OrganisationRow,
    crate::service::page::count::<organisation::Entity>,
    "organisations"
);

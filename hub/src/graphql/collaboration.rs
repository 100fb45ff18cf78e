//! GraphQL types and queries of collaboration examples.

use async_graphql::{Context, ID, InputObject, Object, Result};

use super::{
    db, filter_field,
    loaders::{OrganisationsOfCollaboration, ThemesOfCollaboration, load_one},
    registry::{Organisation, Region},
};
use crate::{
    domain::{Agreement, Outcome},
    entity::collaboration,
    error::{Error, IntoGql},
    service::collaboration as service,
};

/// An example of cooperation between a municipality and organisations.
pub struct Collaboration(pub collaboration::Model);

/// An example of cooperation between a municipality and organisations.
#[Object]
impl Collaboration {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Short title in `lang`, falling back to English.
    async fn title(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<&str> {
        let lang = super::lang(&lang)?;
        Ok(self.0.text_in("title", lang.code()).0.unwrap_or_default())
    }
    /// What was done and how, in `lang`, falling back to English.
    async fn description(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<&str> {
        let lang = super::lang(&lang)?;
        Ok(self
            .0
            .text_in("description", lang.code())
            .0
            .unwrap_or_default())
    }
    /// Lessons learned in `lang`, falling back to English; null when none were given.
    async fn lessons(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<Option<&str>> {
        let lang = super::lang(&lang)?;
        Ok(self.0.text_in("lessons", lang.code()).0)
    }
    /// Who paid, as the partner describes it.
    async fn funding(&self) -> Option<&str> {
        self.0.funding.as_deref()
    }
    /// How formally it was agreed; null when not known.
    async fn agreement(&self) -> Option<Agreement> {
        self.0.agreement
    }
    /// Municipality involved.
    async fn municipality(&self) -> &str {
        &self.0.municipality
    }
    /// Area.
    async fn region(&self, ctx: &Context<'_>) -> Result<Region> {
        super::reference::region(ctx, self.0.region_id)
            .await
            .map(Region)
    }
    /// First year.
    async fn start_year(&self) -> Option<i32> {
        self.0.start_year
    }
    /// Last year; null while it goes on.
    async fn end_year(&self) -> Option<i32> {
        self.0.end_year
    }
    /// Reasons to cooperate that it shows.
    async fn outcomes(&self) -> Result<Vec<Outcome>> {
        serde_json::from_value(self.0.outcomes.clone())
            .map_err(Error::from)
            .gql()
    }
    /// Theme codes it addresses.
    async fn themes(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        Ok(load_one(ctx, ThemesOfCollaboration(self.0.id))
            .await?
            .unwrap_or_default())
    }
    /// The version of the example as stored (its fields, organisations and themes):
    /// send it back with `updateCollaboration`, which refuses the change if it is no
    /// longer current.
    async fn version(&self, ctx: &Context<'_>) -> Result<String> {
        let themes = load_one(ctx, ThemesOfCollaboration(self.0.id))
            .await?
            .unwrap_or_default();
        let mut organisations: Vec<i32> = (load_one(ctx, OrganisationsOfCollaboration(self.0.id))
            .await?)
            .unwrap_or_default()
            .into_iter()
            .map(|o| o.id)
            .collect();
        organisations.sort_unstable();
        let mut themes = themes;
        themes.sort_unstable();
        Ok(crate::service::edit::collaboration_version(
            &self.0,
            &organisations,
            &themes,
        ))
    }
    /// Organisations that took part, by name.
    async fn organisations(&self, ctx: &Context<'_>) -> Result<Vec<Organisation>> {
        let rows = load_one(ctx, OrganisationsOfCollaboration(self.0.id)).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(Organisation::from)
            .collect())
    }
}

super::connection::connection!(
    CollaborationConnection,
    CollaborationEdge,
    Collaboration,
    collaboration::Model,
    crate::service::page::count::<collaboration::Entity>,
    "collaborations"
);

/// Which collaborations to list.
#[derive(InputObject, Default)]
pub struct CollaborationFilter {
    /// ISO country code, e.g. `LV`.
    pub country_code: Option<String>,
    /// Theme code the collaboration addresses.
    pub theme: Option<String>,
}

/// Queries of collaboration examples.
#[derive(Default)]
pub struct CollaborationQuery;

#[Object]
impl CollaborationQuery {
    /// Examples of cooperation.
    async fn collaborations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which collaborations; all when omitted.")] filter: Option<
            CollaborationFilter,
        >,
    ) -> Result<Vec<Collaboration>> {
        let filter = filter.unwrap_or_default();
        let rows = service::collaborations(
            db(ctx),
            filter.country_code.as_deref(),
            filter.theme.as_deref(),
        )
        .await
        .gql_as(filter_field)?;
        Ok(rows.into_iter().map(Collaboration).collect())
    }
}

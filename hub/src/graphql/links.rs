//! How the self-kept registry is going: links sent, opened and answered per area.

use async_graphql::{Context, Enum, Object, Result, SimpleObject};

use super::db;
use crate::{error::IntoGql, service::links};

/// What to count registry links by.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkGrouping {
    /// Per region.
    #[default]
    Region,
    /// Per region and municipality.
    Municipality,
}

/// The private links of one area and what became of them.
#[derive(SimpleObject)]
pub struct RegistryLinkRow {
    /// Region code.
    pub region_code: String,
    /// Municipality code (null per region, or for organisations without one).
    pub municipality_code: Option<String>,
    /// Links made.
    pub sent: i64,
    /// Links opened at least once.
    pub opened: i64,
    /// Links through which the organisation answered (confirmed or proposed).
    pub answered: i64,
}

/// The self-kept registry's queries.
#[derive(Default)]
pub struct LinksQuery;

#[Object]
impl LinksQuery {
    /// Private links sent, opened and answered, per region or municipality (editors).
    async fn registry_links(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Per region (default) or per municipality.")] by: Option<LinkGrouping>,
    ) -> Result<Vec<RegistryLinkRow>> {
        let by_municipality = by.unwrap_or_default() == LinkGrouping::Municipality;
        let rows = links::counts(db(ctx), by_municipality).await.gql()?;
        Ok(rows
            .into_iter()
            .map(|r| RegistryLinkRow {
                region_code: r.region,
                municipality_code: r.municipality,
                sent: r.sent,
                opened: r.opened,
                answered: r.answered,
            })
            .collect())
    }
}

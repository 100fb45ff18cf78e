//! The rows of the interview and registry comparisons as GraphQL objects: counts of
//! coded findings and of organisations, which are not people and so not suppressed.

use std::sync::Arc;

use ::analytics as comparisons;
use async_graphql::{Object, SimpleObject};

use super::{
    Labels,
    rows::{GroupKeys, ThemeOf, parse_code},
};
use crate::domain::OrganisationKind;

/// Findings of one theme or sub-code in one group.
pub struct ThemeFrequencyRow {
    pub(super) row: comparisons::ThemeFrequencyRow,
    pub(super) labels: Arc<Labels>,
}

/// Findings of one theme or sub-code in one group.
#[Object]
impl ThemeFrequencyRow {
    /// The group's keys.
    #[graphql(flatten)]
    async fn keys(&self) -> GroupKeys<'_> {
        GroupKeys(&self.row.keys)
    }
    /// The theme, with its name.
    #[graphql(flatten)]
    async fn theme_of(&self) -> ThemeOf<'_> {
        ThemeOf(&self.row.theme, &self.labels)
    }
    /// Sub-code; null on the theme's own row.
    async fn sub_code(&self) -> Option<&str> {
        self.row.sub_code.as_deref()
    }
    /// Findings.
    async fn count(&self) -> u64 {
        self.row.count
    }
    /// Share of the group's findings.
    async fn share(&self) -> f64 {
        self.row.share
    }
    /// The group's findings.
    async fn group_total(&self) -> u64 {
        self.row.group_total
    }
}

/// Two themes coded in the same interview.
pub struct CooccurrenceRow(pub(super) comparisons::CooccurrenceRow);

/// Two themes coded in the same interview.
#[Object]
impl CooccurrenceRow {
    /// First theme.
    async fn theme_a(&self) -> &str {
        &self.0.theme_a
    }
    /// Second theme.
    async fn theme_b(&self) -> &str {
        &self.0.theme_b
    }
    /// Interviews in which both were coded.
    async fn interviews(&self) -> u64 {
        self.0.interviews
    }
    /// Share of the interviews selected.
    async fn share(&self) -> f64 {
        self.0.share
    }
}

/// Active organisations of one kind.
#[derive(SimpleObject)]
pub struct KindShare {
    /// Kind.
    pub kind: Option<OrganisationKind>,
    /// Active organisations of this kind.
    pub count: u64,
    /// Share of the active organisations.
    pub share: f64,
}

/// Closures in one year.
#[derive(SimpleObject)]
pub struct YearCount {
    /// Year.
    pub year: i32,
    /// Organisations closed that year.
    pub count: u64,
}

/// The registry of one country or region.
pub struct RegistryRow(pub(super) comparisons::RegistryRow);

/// The registry of one country or region.
#[Object]
impl RegistryRow {
    /// ISO country code; null when not grouped by country.
    async fn country_code(&self) -> Option<&str> {
        self.0.keys.country.as_deref()
    }
    /// Region code; null when not grouped by region.
    async fn region_code(&self) -> Option<&str> {
        self.0.keys.region.as_deref()
    }
    /// Municipality code; null when not grouped by municipality, or for the
    /// organisations whose municipality is not known.
    async fn municipality_code(&self) -> Option<&str> {
        self.0.keys.municipality.as_deref()
    }
    /// Inhabitants (0 where no source gives them).
    async fn population(&self) -> i64 {
        self.0.population
    }
    /// Organisations in the registry.
    async fn organisations(&self) -> u64 {
        self.0.organisations
    }
    /// Active organisations.
    async fn active(&self) -> u64 {
        self.0.active
    }
    /// Dormant organisations.
    async fn dormant(&self) -> u64 {
        self.0.dormant
    }
    /// Closed organisations.
    async fn closed(&self) -> u64 {
        self.0.closed
    }
    /// Active organisations per 10,000 inhabitants.
    #[graphql(name = "activePer10k")]
    async fn active_per_10k(&self) -> Option<f64> {
        self.0.active_per_10k
    }
    /// Closed organisations as a share of all.
    async fn closure_rate(&self) -> f64 {
        self.0.closure_rate
    }
    /// Closures per year, oldest first.
    async fn closures_per_year(&self) -> Vec<YearCount> {
        self.0
            .closures_per_year
            .iter()
            .map(|y| YearCount {
                year: y.year,
                count: y.count,
            })
            .collect()
    }
    /// The kinds of the active organisations.
    async fn kinds(&self) -> Vec<KindShare> {
        self.0
            .kinds
            .iter()
            .map(|k| KindShare {
                kind: parse_code(Some(&k.kind)),
                count: k.count,
                share: k.share,
            })
            .collect()
    }
    /// Share of the organisations not closed whose entry was checked in the last 12 months.
    async fn verified_share(&self) -> Option<f64> {
        self.0.verified_share
    }
}

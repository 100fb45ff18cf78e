//! GraphQL types of the cross-country comparisons (`analytics { ... }`): thin wrappers
//! over the rows of the `analytics` crate, with labels in the language asked for.

use std::{collections::HashMap, sync::Arc};

mod counts;
mod rows;
mod waves;

use ::analytics::{self as comparisons, Filter, Inputs};
use async_graphql::{Context, Enum, InputObject, Object, Result};

pub use counts::{CooccurrenceRow, KindShare, RegistryRow, ThemeFrequencyRow, YearCount};
pub use rows::{
    ChoiceShareRow, CountryDifferenceRow, GroupKeys, LikertRow, RoleGapRow, ThemeScoreRow,
};
pub use waves::WaveChangeRow;

use super::db;
use crate::{
    domain::{OrganisationKind, Role},
    error::{Error, IntoGql},
    service::{
        blocking,
        frames::{self, FrameCache, Labels as FrameLabels},
    },
};

/// The smallest group of people whose figures are shown.
#[derive(Debug, Clone, Copy)]
pub struct MinGroupSize(pub u64);

/// A key to group rows by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// ISO country code.
    Country,
    /// Region code.
    Region,
    /// Role in which people answered or were interviewed.
    Role,
    /// Kind of the organisation a respondent represents.
    OrganisationKind,
    /// Municipality (or district) code; people and organisations without one form a
    /// group with a null `municipalityCode`.
    Municipality,
    /// Survey code: each wave of the survey on its own rows.
    Survey,
}

impl From<Grouping> for comparisons::Grouping {
    fn from(g: Grouping) -> Self {
        match g {
            Grouping::Country => Self::Country,
            Grouping::Region => Self::Region,
            Grouping::Role => Self::Role,
            Grouping::OrganisationKind => Self::OrganisationKind,
            Grouping::Municipality => Self::Municipality,
            Grouping::Survey => Self::Survey,
        }
    }
}

/// Which people or findings a comparison uses; every list is optional, values within a
/// list combine with OR, lists with AND.
#[derive(InputObject, Default)]
pub struct AnalyticsFilter {
    /// ISO country codes, e.g. `["LV", "LT"]`.
    pub country_codes: Option<Vec<String>>,
    /// Region codes.
    pub region_codes: Option<Vec<String>>,
    /// Roles.
    pub roles: Option<Vec<Role>>,
    /// Kinds of the organisation represented.
    pub organisation_kinds: Option<Vec<OrganisationKind>>,
    /// Survey code, e.g. `YC-2026`.
    pub survey: Option<String>,
    /// Municipality codes, e.g. `["SE-2080"]` (see `Region.areas`).
    pub municipality_codes: Option<Vec<String>>,
}

impl AnalyticsFilter {
    fn into_filter(self) -> Filter {
        Filter {
            countries: self
                .country_codes
                .unwrap_or_default()
                .iter()
                .map(|c| c.trim().to_ascii_uppercase())
                .collect(),
            regions: self
                .region_codes
                .unwrap_or_default()
                .iter()
                .map(|c| c.trim().to_ascii_uppercase())
                .collect(),
            roles: self
                .roles
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            organisation_kinds: (self.organisation_kinds.unwrap_or_default().into_iter())
                .map(Into::into)
                .collect(),
            surveys: self.survey.into_iter().collect(),
            municipalities: self
                .municipality_codes
                .unwrap_or_default()
                .iter()
                .map(|c| c.trim().to_ascii_uppercase())
                .collect(),
        }
    }
}

/// The cross-country comparisons, computed on the frames of the current data version.
pub struct Analytics {
    inputs: Arc<Inputs>,
    labels: Arc<FrameLabels>,
    version: i64,
    k: u64,
}

/// The labels one row needs: theme names, a question's scale or its options.
#[derive(Debug, Default)]
pub(super) struct Labels {
    pub(super) themes: HashMap<String, serde_json::Value>,
    pub(super) scale: Option<serde_json::Value>,
    pub(super) options: HashMap<String, serde_json::Value>,
}

impl Analytics {
    fn theme_labels(&self) -> Arc<Labels> {
        Arc::new(Labels {
            themes: self.labels.themes.clone(),
            ..Labels::default()
        })
    }

    fn question_labels(&self, code: &str) -> Arc<Labels> {
        Arc::new(Labels {
            scale: self.labels.scales.get(code).cloned(),
            options: self.labels.options.get(code).cloned().unwrap_or_default(),
            ..Labels::default()
        })
    }
}

/// Runs a polars computation off the async workers.
async fn compute<T: Send + 'static>(
    inputs: &Arc<Inputs>,
    job: impl FnOnce(&Inputs) -> comparisons::Result<T> + Send + 'static,
) -> Result<T> {
    let inputs = inputs.clone();
    blocking(move || job(&inputs).map_err(Error::from))
        .await
        .gql_as(analytics_field)
}

/// The argument path of a domain field that analytics reports.
fn analytics_field(field: &str) -> Option<&'static str> {
    Some(match field {
        "country" => "filter.countryCodes",
        "region" => "filter.regionCodes",
        "role" => "filter.roles",
        "organisation_kind" => "filter.organisationKinds",
        "survey" => "filter.survey",
        "municipality" => "filter.municipalityCodes",
        _ => return None,
    })
}

/// Each row with the labels it draws its names from.
fn labelled<R, T>(rows: Vec<R>, labels: Arc<Labels>, make: fn(R, Arc<Labels>) -> T) -> Vec<T> {
    rows.into_iter()
        .map(|row| make(row, labels.clone()))
        .collect()
}

fn groupings(by: Vec<Grouping>) -> Vec<comparisons::Grouping> {
    by.into_iter().map(Into::into).collect()
}

impl Analytics {
    /// The comparisons on the current frames.
    pub async fn current(ctx: &Context<'_>) -> Result<Self> {
        let cache = ctx.data_unchecked::<Arc<FrameCache>>();
        let frames = cache.get(db(ctx)).await.gql()?;
        // Answered from the previous version's frames while the next are built: the
        // answer says so (`dataVersion`) and is not kept in the response cache.
        if frames.version != cache.watch().get()
            && let Some(stale) = ctx.data_opt::<crate::graphql::StaleFrames>()
        {
            stale.0.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(Self {
            inputs: frames.inputs,
            labels: frames.labels,
            version: frames.version,
            k: ctx.data_unchecked::<MinGroupSize>().0,
        })
    }
}

/// The cross-country comparisons, computed on the frames of the current data version.
/// Groups of fewer than `minGroupSize` people are withheld (`suppressed`, figures null).
#[Object]
impl Analytics {
    /// The data version the figures were computed from.
    async fn data_version(&self) -> i64 {
        self.version
    }

    /// k: groups of fewer people than this are suppressed.
    async fn min_group_size(&self) -> u64 {
        self.k
    }

    /// The distribution of one Likert question per group: counts and shares at levels 1
    /// to 5, share agreeing (4 or 5), mean and median.
    async fn likert_distribution(
        &self,
        #[graphql(desc = "Question code, e.g. `SU2`.")] question: String,
        #[graphql(
            default_with = "vec![Grouping::Country]",
            desc = "Keys to group by; none for one overall row."
        )]
        by: Vec<Grouping>,
        #[graphql(desc = "Which respondents; all when omitted.")] filter: Option<AnalyticsFilter>,
    ) -> Result<Vec<LikertRow>> {
        let (by, filter, k) = (
            groupings(by),
            filter.unwrap_or_default().into_filter(),
            self.k,
        );
        let code = question.clone();
        let rows = compute(&self.inputs, move |i| {
            i.likert_distribution(&code, &by, &filter, k)
        })
        .await?;
        let labels = self.question_labels(&question);
        Ok(labelled(rows, labels, |row, labels| LikertRow {
            row,
            labels,
        }))
    }

    /// Theme scores per group: each respondent's mean over a theme's items, then their
    /// mean, standard deviation and 95 % t interval.
    async fn theme_scores(
        &self,
        #[graphql(
            default_with = "vec![Grouping::Country]",
            desc = "Keys to group by; none for one overall row per theme."
        )]
        by: Vec<Grouping>,
        #[graphql(desc = "Which respondents; all when omitted.")] filter: Option<AnalyticsFilter>,
    ) -> Result<Vec<ThemeScoreRow>> {
        let (by, filter, k) = (
            groupings(by),
            filter.unwrap_or_default().into_filter(),
            self.k,
        );
        let rows = compute(&self.inputs, move |i| i.theme_scores(&by, &filter, k)).await?;
        let labels = self.theme_labels();
        Ok(labelled(rows, labels, |row, labels| ThemeScoreRow {
            row,
            labels,
        }))
    }

    /// Municipal officials minus organisation representatives, per country and theme,
    /// with Welch's 95 % interval of the difference.
    async fn role_gap(
        &self,
        #[graphql(desc = "Which respondents; all when omitted.")] filter: Option<AnalyticsFilter>,
    ) -> Result<Vec<RoleGapRow>> {
        let (filter, k) = (filter.unwrap_or_default().into_filter(), self.k);
        let rows = compute(&self.inputs, move |i| i.role_gap(&filter, k)).await?;
        let labels = self.theme_labels();
        Ok(labelled(rows, labels, |row, labels| RoleGapRow {
            row,
            labels,
        }))
    }

    /// Each theme's change per country from one wave of the survey to another (survey
    /// codes, see `surveys { code wave }`), with Welch's 95 % interval of the change.
    async fn wave_change(
        &self,
        #[graphql(desc = "The earlier wave's survey code, e.g. `YC-2025`.")] from: String,
        #[graphql(desc = "The later wave's survey code, e.g. `YC-2026`.")] to: String,
        #[graphql(desc = "Which respondents (not which survey); all when omitted.")] filter: Option<
            AnalyticsFilter,
        >,
    ) -> Result<Vec<WaveChangeRow>> {
        let (filter, k) = (filter.unwrap_or_default().into_filter(), self.k);
        let (from, to) = (from.trim().to_owned(), to.trim().to_owned());
        let rows = compute(&self.inputs, move |i| i.wave_change(&from, &to, &filter, k)).await?;
        let labels = self.theme_labels();
        Ok(labelled(rows, labels, |row, labels| WaveChangeRow {
            row,
            labels,
        }))
    }

    /// Kruskal–Wallis tests of the differences between countries, for each Likert
    /// question and each theme score; countries with fewer than k people on an item are
    /// left out of its test.
    async fn country_differences(
        &self,
        #[graphql(desc = "Which respondents; all when omitted.")] filter: Option<AnalyticsFilter>,
    ) -> Result<Vec<CountryDifferenceRow>> {
        let (filter, k) = (filter.unwrap_or_default().into_filter(), self.k);
        let rows = compute(&self.inputs, move |i| i.country_differences(&filter, k)).await?;
        Ok(rows.into_iter().map(CountryDifferenceRow).collect())
    }

    /// Interview findings per theme and sub-code in each group, as counts and shares of
    /// the group's findings. Findings count statements, not people: not suppressed.
    async fn theme_frequency(
        &self,
        #[graphql(
            default_with = "vec![Grouping::Country]",
            desc = "Keys to group by (country, region, role)."
        )]
        by: Vec<Grouping>,
        #[graphql(desc = "Which interviews; all when omitted.")] filter: Option<AnalyticsFilter>,
    ) -> Result<Vec<ThemeFrequencyRow>> {
        let (by, filter) = (groupings(by), filter.unwrap_or_default().into_filter());
        let rows = compute(&self.inputs, move |i| i.theme_frequency(&by, &filter)).await?;
        let labels = self.theme_labels();
        Ok(labelled(rows, labels, |row, labels| ThemeFrequencyRow {
            row,
            labels,
        }))
    }

    /// How often two themes are coded in the same interview.
    async fn theme_cooccurrence(
        &self,
        #[graphql(desc = "Which interviews; all when omitted.")] filter: Option<AnalyticsFilter>,
    ) -> Result<Vec<CooccurrenceRow>> {
        let filter = filter.unwrap_or_default().into_filter();
        let rows = compute(&self.inputs, move |i| i.theme_cooccurrence(&filter)).await?;
        Ok(rows.into_iter().map(CooccurrenceRow).collect())
    }

    /// The registry per country, region or municipality: active organisations per 10,000
    /// inhabitants, the mix of kinds, closures, and the share checked in the last 12
    /// months. Organisations are not people: not suppressed.
    async fn registry_stats(
        &self,
        #[graphql(
            default_with = "vec![Grouping::Country]",
            desc = "COUNTRY, REGION and/or MUNICIPALITY (whose population comes from `hub import areas`; per 10,000 inhabitants is null where it is unknown)."
        )]
        by: Vec<Grouping>,
    ) -> Result<Vec<RegistryRow>> {
        let (by, today) = (groupings(by), frames::today());
        let rows = compute(&self.inputs, move |i| i.registry_stats(&by, today)).await?;
        Ok(rows.into_iter().map(RegistryRow).collect())
    }

    /// Shares of respondents choosing each option of a choice question, per group.
    async fn choice_shares(
        &self,
        #[graphql(desc = "Question code, e.g. `CH1`.")] question: String,
        #[graphql(
            default_with = "vec![Grouping::Country]",
            desc = "Keys to group by; none for one overall set of rows."
        )]
        by: Vec<Grouping>,
        #[graphql(desc = "Which respondents; all when omitted.")] filter: Option<AnalyticsFilter>,
    ) -> Result<Vec<ChoiceShareRow>> {
        let (by, filter, k) = (
            groupings(by),
            filter.unwrap_or_default().into_filter(),
            self.k,
        );
        let code = question.clone();
        let rows = compute(&self.inputs, move |i| {
            i.choice_shares(&code, &by, &filter, k)
        })
        .await?;
        let labels = self.question_labels(&question);
        Ok(labelled(rows, labels, |row, labels| ChoiceShareRow {
            row,
            labels,
        }))
    }
}

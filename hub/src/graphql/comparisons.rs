//! GraphQL types of the cross-country comparisons (`analytics { ... }`): thin wrappers
//! over the rows of the `analytics` crate, with labels in the language asked for.

use std::{collections::HashMap, sync::Arc};

use ::analytics::{self as comparisons, Filter, Inputs};
use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject};

use super::{db, lang};
use crate::{
    domain::{OrganisationKind, Role, code_of, enum_code, translate},
    error::{Error, IntoGql},
    service::frames::{self, FrameCache, Labels as FrameLabels},
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
}

impl From<Grouping> for comparisons::Grouping {
    fn from(g: Grouping) -> Self {
        match g {
            Grouping::Country => Self::Country,
            Grouping::Region => Self::Region,
            Grouping::Role => Self::Role,
            Grouping::OrganisationKind => Self::OrganisationKind,
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
}

fn parse_code<T: serde::de::DeserializeOwned>(value: Option<&str>) -> Option<T> {
    value.and_then(enum_code)
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
            roles: self.roles.unwrap_or_default().iter().map(code_of).collect(),
            organisation_kinds: self
                .organisation_kinds
                .unwrap_or_default()
                .iter()
                .map(code_of)
                .collect(),
            surveys: self.survey.into_iter().collect(),
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
struct Labels {
    themes: HashMap<String, serde_json::Value>,
    scale: Option<serde_json::Value>,
    options: HashMap<String, serde_json::Value>,
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
    let result = tokio::task::spawn_blocking(move || job(&inputs))
        .await
        .map_err(|e| Error::Analytics(e.to_string()))
        .gql()?;
    result.map_err(Error::from).gql()
}

fn groupings(by: Vec<Grouping>) -> Vec<comparisons::Grouping> {
    by.into_iter().map(Into::into).collect()
}

impl Analytics {
    /// The comparisons on the current frames.
    pub async fn current(ctx: &Context<'_>) -> Result<Self> {
        let frames = ctx
            .data_unchecked::<Arc<FrameCache>>()
            .get(db(ctx))
            .await
            .gql()?;
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
        Ok(rows
            .into_iter()
            .map(|row| LikertRow {
                row,
                labels: labels.clone(),
            })
            .collect())
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
        Ok(rows
            .into_iter()
            .map(|row| ThemeScoreRow {
                row,
                labels: labels.clone(),
            })
            .collect())
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
        Ok(rows
            .into_iter()
            .map(|row| RoleGapRow {
                row,
                labels: labels.clone(),
            })
            .collect())
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
        Ok(rows
            .into_iter()
            .map(|row| ThemeFrequencyRow {
                row,
                labels: labels.clone(),
            })
            .collect())
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

    /// The registry per country or region: active organisations per 10,000
    /// inhabitants, the mix of kinds, closures, and the share checked in the last 12
    /// months. Organisations are not people: not suppressed.
    async fn registry_stats(
        &self,
        #[graphql(
            default_with = "vec![Grouping::Country]",
            desc = "COUNTRY and/or REGION."
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
        Ok(rows
            .into_iter()
            .map(|row| ChoiceShareRow {
                row,
                labels: labels.clone(),
            })
            .collect())
    }
}

fn label(texts: Option<&serde_json::Value>, code: &str, lang_code: &str) -> Result<String> {
    let lang = lang(lang_code)?;
    Ok(texts
        .map(|t| translate(t, lang))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| code.to_owned()))
}

/// One group's distribution of a Likert question.
pub struct LikertRow {
    row: comparisons::LikertRow,
    labels: Arc<Labels>,
}

/// One group's distribution of a Likert question.
#[Object]
impl LikertRow {
    /// ISO country code; null when not grouped by country.
    async fn country_code(&self) -> Option<&str> {
        self.row.keys.country.as_deref()
    }
    /// Region code; null when not grouped by region.
    async fn region_code(&self) -> Option<&str> {
        self.row.keys.region.as_deref()
    }
    /// Role; null when not grouped by role.
    async fn role(&self) -> Option<Role> {
        parse_code(self.row.keys.role.as_deref())
    }
    /// Organisation kind; null when not grouped by it.
    async fn organisation_kind(&self) -> Option<OrganisationKind> {
        parse_code(self.row.keys.organisation_kind.as_deref())
    }
    /// People who answered; null when suppressed.
    async fn n(&self) -> Option<u64> {
        self.row.n
    }
    /// True when the group's figures are withheld to protect respondents.
    async fn suppressed(&self) -> bool {
        self.row.suppressed
    }
    /// People at levels 1 to 5.
    async fn counts(&self) -> Option<Vec<u64>> {
        self.row.counts.map(|c| c.to_vec())
    }
    /// Shares at levels 1 to 5.
    async fn shares(&self) -> Option<Vec<f64>> {
        self.row.shares.map(|s| s.to_vec())
    }
    /// Share at 4 or 5 (agree or strongly agree).
    async fn agree_share(&self) -> Option<f64> {
        self.row.agree_share
    }
    /// Mean level.
    async fn mean(&self) -> Option<f64> {
        self.row.mean
    }
    /// Median level.
    async fn median(&self) -> Option<f64> {
        self.row.median
    }
    /// Labels of levels 1 to 5 in `lang`, falling back to English.
    async fn scale_labels(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<Vec<String>> {
        let chosen = super::lang(&lang)?;
        let labels = self
            .labels
            .scale
            .as_ref()
            .and_then(|s| s.get(chosen.code()).or_else(|| s.get("en")));
        Ok(labels.map(super::string_list).unwrap_or_default())
    }
}

/// A group's score on one theme.
pub struct ThemeScoreRow {
    row: comparisons::ThemeScoreRow,
    labels: Arc<Labels>,
}

/// A group's score on one theme.
#[Object]
impl ThemeScoreRow {
    /// ISO country code; null when not grouped by country.
    async fn country_code(&self) -> Option<&str> {
        self.row.keys.country.as_deref()
    }
    /// Region code; null when not grouped by region.
    async fn region_code(&self) -> Option<&str> {
        self.row.keys.region.as_deref()
    }
    /// Role; null when not grouped by role.
    async fn role(&self) -> Option<Role> {
        parse_code(self.row.keys.role.as_deref())
    }
    /// Organisation kind; null when not grouped by it.
    async fn organisation_kind(&self) -> Option<OrganisationKind> {
        parse_code(self.row.keys.organisation_kind.as_deref())
    }
    /// Theme code.
    async fn theme(&self) -> &str {
        &self.row.theme
    }
    /// Theme name in `lang`, falling back to English.
    async fn theme_name(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        label(
            self.labels.themes.get(&self.row.theme),
            &self.row.theme,
            &lang,
        )
    }
    /// People with at least one answer on the theme; null when suppressed.
    async fn n(&self) -> Option<u64> {
        self.row.n
    }
    /// True when the group's figures are withheld to protect respondents.
    async fn suppressed(&self) -> bool {
        self.row.suppressed
    }
    /// Mean of the respondents' theme means (1 to 5).
    async fn mean(&self) -> Option<f64> {
        self.row.mean
    }
    /// Sample standard deviation of the respondents' theme means.
    async fn sd(&self) -> Option<f64> {
        self.row.sd
    }
    /// Lower end of the 95 % t interval of the mean.
    async fn ci_low(&self) -> Option<f64> {
        self.row.ci_low
    }
    /// Upper end of the 95 % t interval of the mean.
    async fn ci_high(&self) -> Option<f64> {
        self.row.ci_high
    }
}

/// Officials minus organisation representatives on one theme in one country.
pub struct RoleGapRow {
    row: comparisons::RoleGapRow,
    labels: Arc<Labels>,
}

/// Officials minus organisation representatives on one theme in one country.
#[Object]
impl RoleGapRow {
    /// ISO country code.
    async fn country_code(&self) -> &str {
        &self.row.country
    }
    /// Theme code.
    async fn theme(&self) -> &str {
        &self.row.theme
    }
    /// Theme name in `lang`, falling back to English.
    async fn theme_name(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        label(
            self.labels.themes.get(&self.row.theme),
            &self.row.theme,
            &lang,
        )
    }
    /// Officials and organisation representatives together; null when suppressed.
    async fn n(&self) -> Option<u64> {
        self.row
            .officials_n
            .zip(self.row.organisations_n)
            .map(|(a, b)| a + b)
    }
    /// Municipal officials; null when suppressed.
    async fn officials_n(&self) -> Option<u64> {
        self.row.officials_n
    }
    /// Organisation representatives; null when suppressed.
    async fn organisations_n(&self) -> Option<u64> {
        self.row.organisations_n
    }
    /// Officials' mean theme score.
    async fn officials_mean(&self) -> Option<f64> {
        self.row.officials_mean
    }
    /// Organisation representatives' mean theme score.
    async fn organisations_mean(&self) -> Option<f64> {
        self.row.organisations_mean
    }
    /// Officials' mean minus organisation representatives' mean: above 0, officials see it more favourably.
    async fn gap(&self) -> Option<f64> {
        self.row.gap
    }
    /// Lower end of Welch's 95 % interval of the gap.
    async fn ci_low(&self) -> Option<f64> {
        self.row.ci_low
    }
    /// Upper end of Welch's 95 % interval of the gap.
    async fn ci_high(&self) -> Option<f64> {
        self.row.ci_high
    }
    /// True when either side is too small and the figures are withheld.
    async fn suppressed(&self) -> bool {
        self.row.suppressed
    }
}

/// A Kruskal–Wallis test across countries of one question or theme.
pub struct CountryDifferenceRow(comparisons::CountryDifferenceRow);

/// A Kruskal–Wallis test across countries of one question or theme.
#[Object]
impl CountryDifferenceRow {
    /// Question code, or theme code for a theme score.
    async fn item(&self) -> &str {
        &self.0.item
    }
    /// `QUESTION` or `THEME`.
    async fn item_kind(&self) -> &str {
        self.0.item_kind
    }
    /// Theme of the item.
    async fn theme(&self) -> Option<&str> {
        self.0.theme.as_deref()
    }
    /// H statistic, corrected for ties.
    async fn h(&self) -> f64 {
        self.0.h
    }
    /// Degrees of freedom (countries − 1).
    async fn df(&self) -> u64 {
        self.0.df as u64
    }
    /// p-value (chi-squared approximation).
    async fn p(&self) -> f64 {
        self.0.p
    }
    /// Effect size ε² = H / (n − 1).
    async fn epsilon_squared(&self) -> f64 {
        self.0.epsilon_squared
    }
    /// People in the test.
    async fn n(&self) -> u64 {
        self.0.n
    }
    /// Countries in the test.
    async fn country_codes(&self) -> &[String] {
        &self.0.countries
    }
}

/// Findings of one theme or sub-code in one group.
pub struct ThemeFrequencyRow {
    row: comparisons::ThemeFrequencyRow,
    labels: Arc<Labels>,
}

/// Findings of one theme or sub-code in one group.
#[Object]
impl ThemeFrequencyRow {
    /// ISO country code; null when not grouped by country.
    async fn country_code(&self) -> Option<&str> {
        self.row.keys.country.as_deref()
    }
    /// Region code; null when not grouped by region.
    async fn region_code(&self) -> Option<&str> {
        self.row.keys.region.as_deref()
    }
    /// Role; null when not grouped by role.
    async fn role(&self) -> Option<Role> {
        parse_code(self.row.keys.role.as_deref())
    }
    /// Organisation kind; null when not grouped by it.
    async fn organisation_kind(&self) -> Option<OrganisationKind> {
        parse_code(self.row.keys.organisation_kind.as_deref())
    }
    /// Theme code.
    async fn theme(&self) -> &str {
        &self.row.theme
    }
    /// Theme name in `lang`, falling back to English.
    async fn theme_name(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        label(
            self.labels.themes.get(&self.row.theme),
            &self.row.theme,
            &lang,
        )
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
pub struct CooccurrenceRow(comparisons::CooccurrenceRow);

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
pub struct RegistryRow(comparisons::RegistryRow);

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
    /// Inhabitants.
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

/// One option of a choice question in one group.
pub struct ChoiceShareRow {
    row: comparisons::ChoiceShareRow,
    labels: Arc<Labels>,
}

/// One option of a choice question in one group.
#[Object]
impl ChoiceShareRow {
    /// ISO country code; null when not grouped by country.
    async fn country_code(&self) -> Option<&str> {
        self.row.keys.country.as_deref()
    }
    /// Region code; null when not grouped by region.
    async fn region_code(&self) -> Option<&str> {
        self.row.keys.region.as_deref()
    }
    /// Role; null when not grouped by role.
    async fn role(&self) -> Option<Role> {
        parse_code(self.row.keys.role.as_deref())
    }
    /// Organisation kind; null when not grouped by it.
    async fn organisation_kind(&self) -> Option<OrganisationKind> {
        parse_code(self.row.keys.organisation_kind.as_deref())
    }
    /// Option code.
    async fn option(&self) -> &str {
        &self.row.option
    }
    /// Option label in `lang`, falling back to English.
    async fn option_label(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        label(
            self.labels.options.get(&self.row.option),
            &self.row.option,
            &lang,
        )
    }
    /// People in the group who answered the question; null when suppressed.
    async fn n(&self) -> Option<u64> {
        self.row.n
    }
    /// People who chose the option; null when suppressed.
    async fn count(&self) -> Option<u64> {
        self.row.count
    }
    /// Their share of those who answered; null when suppressed.
    async fn share(&self) -> Option<f64> {
        self.row.share
    }
    /// True when the group's figures are withheld to protect respondents.
    async fn suppressed(&self) -> bool {
        self.row.suppressed
    }
}

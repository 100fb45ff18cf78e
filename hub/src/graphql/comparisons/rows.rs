//! The rows of the survey comparisons as GraphQL objects: the analytics crate's rows
//! with the labels of the language asked for, and the group keys every row shares.

use std::sync::Arc;

use ::analytics as comparisons;
use async_graphql::{Object, Result};

use super::Labels;
use crate::{
    domain::{OrganisationKind, Role, enum_code, translate},
    graphql::{lang, string_list},
};

pub(super) fn parse_code<T: serde::de::DeserializeOwned>(value: Option<&str>) -> Option<T> {
    value.and_then(enum_code)
}

pub(super) fn label(
    texts: Option<&serde_json::Value>,
    code: &str,
    lang_code: &str,
) -> Result<String> {
    let lang = lang(lang_code)?;
    Ok(texts
        .map(|t| translate(t, lang))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| code.to_owned()))
}

/// The keys of one group of a comparison's rows, flattened into the row: the four
/// fields are the row's own in the schema.
pub struct GroupKeys<'a>(pub(super) &'a comparisons::GroupKeys);

/// The keys of one group.
#[Object]
impl GroupKeys<'_> {
    /// ISO country code; null when not grouped by country.
    async fn country_code(&self) -> Option<&str> {
        self.0.country.as_deref()
    }
    /// Region code; null when not grouped by region.
    async fn region_code(&self) -> Option<&str> {
        self.0.region.as_deref()
    }
    /// Role; null when not grouped by role.
    async fn role(&self) -> Option<Role> {
        self.0.role.map(Into::into)
    }
    /// Organisation kind; null when not grouped by it.
    async fn organisation_kind(&self) -> Option<OrganisationKind> {
        self.0.organisation_kind.map(Into::into)
    }
    /// Municipality code; null when not grouped by municipality, or for the people
    /// whose municipality is not known.
    async fn municipality_code(&self) -> Option<&str> {
        self.0.municipality.as_deref()
    }
    /// Survey code; null when not grouped by survey.
    async fn survey_code(&self) -> Option<&str> {
        self.0.survey.as_deref()
    }
}

/// A row's theme code and its name, flattened into the row: the two fields are the
/// row's own in the schema.
pub struct ThemeOf<'a>(pub(super) &'a str, pub(super) &'a Labels);

/// A theme and its name.
#[Object]
impl ThemeOf<'_> {
    /// Theme code.
    async fn theme(&self) -> &str {
        self.0
    }
    /// Theme name in `lang`, falling back to English.
    async fn theme_name(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        label(self.1.themes.get(self.0), self.0, &lang)
    }
}

/// One group's distribution of a Likert question.
pub struct LikertRow {
    pub(super) row: comparisons::LikertRow,
    pub(super) labels: Arc<Labels>,
}

/// One group's distribution of a Likert question.
#[Object]
impl LikertRow {
    /// The group's keys.
    #[graphql(flatten)]
    async fn keys(&self) -> GroupKeys<'_> {
        GroupKeys(&self.row.keys)
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
        let chosen = crate::graphql::lang(&lang)?;
        let labels = self
            .labels
            .scale
            .as_ref()
            .and_then(|s| s.get(chosen.code()).or_else(|| s.get("en")));
        Ok(labels.map(string_list).unwrap_or_default())
    }
}

/// A group's score on one theme.
pub struct ThemeScoreRow {
    pub(super) row: comparisons::ThemeScoreRow,
    pub(super) labels: Arc<Labels>,
}

/// A group's score on one theme.
#[Object]
impl ThemeScoreRow {
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
    pub(super) row: comparisons::RoleGapRow,
    pub(super) labels: Arc<Labels>,
}

/// Officials minus organisation representatives on one theme in one country.
#[Object]
impl RoleGapRow {
    /// ISO country code.
    async fn country_code(&self) -> &str {
        &self.row.country
    }
    /// The theme, with its name.
    #[graphql(flatten)]
    async fn theme_of(&self) -> ThemeOf<'_> {
        ThemeOf(&self.row.theme, &self.labels)
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
pub struct CountryDifferenceRow(pub(super) comparisons::CountryDifferenceRow);

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

/// One option of a choice question in one group.
pub struct ChoiceShareRow {
    pub(super) row: comparisons::ChoiceShareRow,
    pub(super) labels: Arc<Labels>,
}

/// One option of a choice question in one group.
#[Object]
impl ChoiceShareRow {
    /// The group's keys.
    #[graphql(flatten)]
    async fn keys(&self) -> GroupKeys<'_> {
        GroupKeys(&self.row.keys)
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

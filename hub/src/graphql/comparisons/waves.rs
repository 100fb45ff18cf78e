//! The change of each theme between two waves of the survey.

use std::sync::Arc;

use ::analytics as comparisons;
use async_graphql::Object;

use super::{Labels, rows::ThemeOf};

/// One theme's change in one country from one wave to another.
pub struct WaveChangeRow {
    pub(super) row: comparisons::WaveChangeRow,
    pub(super) labels: Arc<Labels>,
}

/// One theme's change in one country from one wave (`from`) to another (`to`); the
/// waves are independent samples of people.
#[Object]
impl WaveChangeRow {
    /// ISO country code.
    async fn country_code(&self) -> &str {
        &self.row.country
    }
    /// The theme, with its name.
    #[graphql(flatten)]
    async fn theme_of(&self) -> ThemeOf<'_> {
        ThemeOf(&self.row.theme, &self.labels)
    }
    /// People in the `from` wave; null when suppressed.
    async fn from_n(&self) -> Option<u64> {
        self.row.from_n
    }
    /// People in the `to` wave; null when suppressed.
    async fn to_n(&self) -> Option<u64> {
        self.row.to_n
    }
    /// Mean theme score in the `from` wave.
    async fn from_mean(&self) -> Option<f64> {
        self.row.from_mean
    }
    /// Mean theme score in the `to` wave.
    async fn to_mean(&self) -> Option<f64> {
        self.row.to_mean
    }
    /// The `to` mean minus the `from` mean: above 0, agreement rose.
    async fn change(&self) -> Option<f64> {
        self.row.change
    }
    /// Lower end of Welch's 95 % interval of the change.
    async fn ci_low(&self) -> Option<f64> {
        self.row.ci_low
    }
    /// Upper end of Welch's 95 % interval of the change.
    async fn ci_high(&self) -> Option<f64> {
        self.row.ci_high
    }
    /// True when either wave has too few people in the country and the figures are withheld.
    async fn suppressed(&self) -> bool {
        self.row.suppressed
    }
}

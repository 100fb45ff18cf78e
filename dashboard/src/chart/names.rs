//! The charts there are and the formats they are written in, by the names URLs and the
//! command line use.

use crate::error::{Error, Result};

/// The charts there are, by the name used in URLs and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChartName {
    /// Diverging stacked bars of one Likert question by country.
    Likert,
    /// Theme means with 95 % intervals, by country and role.
    ThemeScores,
    /// Officials minus organisations, per theme and country.
    RoleGap,
    /// Kruskal–Wallis tests across countries of every Likert question and theme, with
    /// their effect sizes.
    CountryDifferences,
    /// Each theme's change from one survey wave to another, per country.
    WaveChange,
    /// Interview themes by country, as a heatmap.
    ThemeFrequency,
    /// Pairs of themes coded in the same interview, as a heatmap.
    ThemeCooccurrence,
    /// Active organisations per 10,000 inhabitants and closure rate, by country.
    Registry,
    /// Organisations founded and closed per year, by country.
    RegistryYears,
    /// A multiple-choice question by country.
    Choices,
    /// How fresh the registry is: checked in the last 12 months, private links sent,
    /// opened and answered, per region (or municipality).
    Freshness,
}

impl ChartName {
    /// Every chart, in the order the pages show them.
    pub const ALL: [ChartName; 11] = [
        ChartName::Likert,
        ChartName::ThemeScores,
        ChartName::RoleGap,
        ChartName::CountryDifferences,
        ChartName::WaveChange,
        ChartName::ThemeFrequency,
        ChartName::ThemeCooccurrence,
        ChartName::Registry,
        ChartName::RegistryYears,
        ChartName::Choices,
        ChartName::Freshness,
    ];

    /// The name in URLs and file names.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Likert => "likert",
            Self::ThemeScores => "theme-scores",
            Self::RoleGap => "role-gap",
            Self::CountryDifferences => "country-differences",
            Self::WaveChange => "wave-change",
            Self::ThemeFrequency => "theme-frequency",
            Self::ThemeCooccurrence => "theme-cooccurrence",
            Self::Registry => "registry",
            Self::RegistryYears => "registry-years",
            Self::Choices => "choices",
            Self::Freshness => "freshness",
        }
    }

    /// Parses a chart name.
    pub fn parse(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.slug() == name)
            .ok_or_else(|| Error::BadInput {
                field: "chart".into(),
                value: name.into(),
                valid: Self::ALL.iter().map(|c| c.slug().to_owned()).collect(),
            })
    }
}

/// A file format a chart can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics, for print and for the pages.
    Svg,
    /// A PNG of a fixed size, for slides.
    Png,
    /// The numbers drawn, as CSV.
    Csv,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Svg, Format::Png, Format::Csv];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Csv => "csv",
        }
    }

    /// The media type to serve it with.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Svg => "image/svg+xml",
            Self::Png => "image/png",
            Self::Csv => "text/csv; charset=utf-8",
        }
    }

    /// Parses a file extension.
    pub fn parse(extension: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(extension))
            .ok_or_else(|| Error::BadInput {
                field: "format".into(),
                value: extension.into(),
                valid: Self::ALL.iter().map(|f| f.extension().to_owned()).collect(),
            })
    }
}

/// The size of a PNG unless asked otherwise.
pub const DEFAULT_PNG_SIZE: (u32, u32) = (1600, 1000);
/// The largest PNG side, so a request cannot ask for gigabytes.
pub const MAX_PNG_SIDE: u32 = 4000;
/// The smallest PNG side that still leaves room for the text.
pub const MIN_PNG_SIDE: u32 = 200;

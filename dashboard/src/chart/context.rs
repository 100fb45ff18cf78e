//! What a chart is drawn with besides its rows (names in the chart's language, filters,
//! k, data version) and the table of exactly the numbers it draws.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::Lang;

/// Names in the chart's language, as the data holds them.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Theme names by theme code.
    pub themes: BTreeMap<String, String>,
    /// Theme codes in the order to show them.
    pub theme_order: Vec<String>,
    /// The question shown (code, text), for the question charts.
    pub question: Option<(String, String)>,
    /// The five scale labels of a Likert question, disagree first.
    pub scale: Vec<String>,
    /// Option labels by option code, for multiple-choice questions.
    pub options: BTreeMap<String, String>,
    /// Option codes in the order to show them.
    pub option_order: Vec<String>,
}

impl Vocabulary {
    /// A theme's name, or its code where the data has no name.
    pub fn theme<'a>(&'a self, code: &'a str) -> &'a str {
        self.themes.get(code).map_or(code, String::as_str)
    }

    pub(crate) fn theme_rank(&self, code: &str) -> usize {
        self.theme_order
            .iter()
            .position(|c| c == code)
            .unwrap_or(usize::MAX)
    }
}

/// What a chart is drawn for: the language, the filters and the data it came from.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The language of the texts.
    pub lang: Lang,
    /// The filters as the request gave them (name, value), for the provenance.
    pub filters: Vec<(String, String)>,
    /// The smallest group shown.
    pub k: u64,
    /// The data version the numbers come from.
    pub data_version: i64,
    /// When the chart was made (RFC 3339).
    pub made: String,
    /// Whether the data is the synthetic demo dataset.
    pub synthetic: bool,
    /// Names in the chart's language.
    pub vocabulary: Vocabulary,
}

/// Where an exported chart came from, written into every SVG, PNG and CSV.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Provenance {
    /// The chart's name.
    pub chart: &'static str,
    /// The chart's title.
    pub title: String,
    /// The filters, as given.
    pub filters: BTreeMap<String, String>,
    /// The people (or findings, or organisations) in the groups shown.
    pub n: u64,
    /// The smallest group shown.
    pub k: u64,
    /// The data version.
    pub data_version: i64,
    /// When the chart was made.
    pub made: String,
    /// Whether the data is the synthetic demo dataset.
    pub synthetic: bool,
    /// The language of the texts.
    pub lang: &'static str,
}

/// One cell of a chart's table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number.
    Num(f64),
    /// Yes or no.
    Bool(bool),
    /// Nothing (suppressed or not applicable).
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}
impl From<u64> for Cell {
    fn from(v: u64) -> Self {
        Self::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Self::Num(v)
    }
}
impl From<bool> for Cell {
    fn from(v: bool) -> Self {
        Self::Bool(v)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Self::Empty, Into::into)
    }
}

/// The numbers a chart draws, one row per mark.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Rows, as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

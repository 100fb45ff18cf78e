//! Named analytics figures: a stored query such as `ROLE_GAP PROCESSES_BUREAUCRACY LV`
//! (the role gap on a theme in a country) that guidance cites as evidence and the pages
//! show with its value on the current frames and their data version.

use analytics::{Filter, Grouping};

use crate::service::frames::Frames;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Officials' minus organisations' mean score on a theme in a country.
    RoleGap,
    /// The mean score on a theme in a country.
    ThemeScore,
    /// The share agreeing (4 or 5) with a Likert question in a country.
    AgreeShare,
}

impl Measure {
    /// Every measure.
    pub const ALL: [Measure; 3] = [Measure::RoleGap, Measure::ThemeScore, Measure::AgreeShare];

    /// The name a file and the API write.
    pub fn code(self) -> &'static str {
        match self {
            Self::RoleGap => "ROLE_GAP",
            Self::ThemeScore => "THEME_SCORE",
            Self::AgreeShare => "AGREE_SHARE",
        }
    }

    /// Whether its item is a question (else a theme).
    pub fn of_question(self) -> bool {
        self == Self::AgreeShare
    }
}

/// A figure as stored: measure, item (theme or question code) and country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// What it measures.
    pub measure: Measure,
    /// The theme or question code.
    pub item: String,
    /// The country code.
    pub country: String,
}

impl Figure {
    /// Parses `MEASURE ITEM COUNTRY`; the message says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        let [measure, item, country] = parts[..] else {
            return Err(format!(
                "{text:?} is not a figure; write MEASURE ITEM COUNTRY, e.g. ROLE_GAP PROCESSES_BUREAUCRACY LV"
            ));
        };
        let measure = Measure::ALL
            .into_iter()
            .find(|m| m.code().eq_ignore_ascii_case(measure))
            .ok_or_else(|| {
                let valid: Vec<&str> = Measure::ALL.iter().map(|m| m.code()).collect();
                format!("{measure:?} is not a measure; valid: {}", valid.join(", "))
            })?;
        Ok(Self {
            measure,
            item: item.to_ascii_uppercase(),
            country: country.to_ascii_uppercase(),
        })
    }

    /// The stored form, `MEASURE ITEM COUNTRY`.
    pub fn code(&self) -> String {
        format!("{} {} {}", self.measure.code(), self.item, self.country)
    }
}

/// A figure's value on a set of frames.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// The value; `None` when withheld or when the data has none.
    pub value: Option<f64>,
    /// The people behind it.
    pub n: u64,
    /// Withheld to protect respondents.
    pub suppressed: bool,
    /// The data version of the frames.
    pub data_version: i64,
}

/// The value of `figure` on `frames`, groups of fewer than `k` people withheld (polars
/// work: call it off the async workers).
pub fn evaluate(frames: &Frames, figure: &Figure, k: u64) -> Value {
    let filter = Filter {
        countries: vec![figure.country.clone()],
        ..Filter::default()
    };
    let inputs = &frames.inputs;
    let by = [Grouping::Country];
    // A country too small to compare at all is withheld like a small group.
    let (value, n, suppressed) = match figure.measure {
        Measure::RoleGap => (inputs.role_gap(&filter, k).ok())
            .and_then(|rows| rows.into_iter().find(|r| r.theme == figure.item))
            .map(|r| {
                let n = r.officials_n.unwrap_or(0) + r.organisations_n.unwrap_or(0);
                (r.gap, n, r.suppressed)
            }),
        Measure::ThemeScore => (inputs.theme_scores(&by, &filter, k).ok())
            .and_then(|rows| rows.into_iter().find(|r| r.theme == figure.item))
            .map(|r| (r.mean, r.n.unwrap_or(0), r.suppressed)),
        Measure::AgreeShare => (inputs
            .likert_distribution(&figure.item, &by, &filter, k)
            .ok())
        .and_then(|rows| rows.into_iter().next())
        .map(|r| (r.agree_share, r.n.unwrap_or(0), r.suppressed)),
    }
    .unwrap_or((None, 0, true));
    Value {
        value: if suppressed { None } else { value },
        n: if suppressed { 0 } else { n },
        suppressed,
        data_version: frames.version,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_reads_its_measure_item_and_country() {
        let figure = Figure::parse("role_gap processes_bureaucracy lv").unwrap();
        assert_eq!(figure.measure, Measure::RoleGap);
        assert_eq!(figure.code(), "ROLE_GAP PROCESSES_BUREAUCRACY LV");
        let error = Figure::parse("MEDIAN SU1 SE").unwrap_err();
        assert!(
            error.contains("valid: ROLE_GAP, THEME_SCORE, AGREE_SHARE"),
            "{error}"
        );
        assert!(
            Figure::parse("ROLE_GAP LV")
                .unwrap_err()
                .contains("MEASURE ITEM COUNTRY")
        );
    }
}

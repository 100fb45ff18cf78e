//! The change of each theme's score between two waves of a survey, per country.
//!
//! The waves are repeated cross-sections: different people answer each wave (or the
//! hub cannot tell that they are the same), so the two means are independent samples
//! and the change gets Welch's interval. A panel would need a paired test instead.

use std::collections::BTreeMap;

use crate::{
    Result,
    error::Error,
    filter::{Filter, Grouping},
    stats,
    tables::Inputs,
    themes::Side,
};

/// One theme's change in one country from one wave to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveChangeRow {
    /// Country code.
    pub country: String,
    /// Theme code.
    pub theme: String,
    /// People in the earlier wave; `None` when suppressed.
    pub from_n: Option<u64>,
    /// People in the later wave; `None` when suppressed.
    pub to_n: Option<u64>,
    /// Mean theme score in the earlier wave.
    pub from_mean: Option<f64>,
    /// Mean theme score in the later wave.
    pub to_mean: Option<f64>,
    /// The later mean minus the earlier one.
    pub change: Option<f64>,
    /// Lower end of Welch's 95 % interval of the change.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Withheld to protect respondents (either wave too small in this country).
    pub suppressed: bool,
}

impl Inputs {
    /// The surveys with Likert answers, in the order of their questions (the hub gives
    /// them by wave year): the waves a change can be computed between.
    pub fn waves(&self) -> Result<Vec<String>> {
        let answered = self.surveys_answered();
        let mut waves: Vec<String> = Vec::new();
        for q in &self.questions {
            if answered.contains(&q.survey) && !waves.contains(&q.survey) {
                waves.push(q.survey.clone());
            }
        }
        Ok(waves)
    }

    /// The codes of the surveys with answers.
    fn surveys_answered(&self) -> std::collections::BTreeSet<String> {
        self.answer_values
            .get("survey")
            .cloned()
            .unwrap_or_default()
    }

    /// Each theme's change per country from survey `from` to survey `to` (codes), for
    /// the people `filter` selects. The filter may not restrict surveys itself.
    pub fn wave_change(
        &self,
        from: &str,
        to: &str,
        filter: &Filter,
        k: u64,
    ) -> Result<Vec<WaveChangeRow>> {
        if !filter.surveys.is_empty() {
            return Err(Error::Unsupported {
                field: "survey".into(),
                message: "the wave change chooses its surveys with from and to; \
                          leave surveys out of the filter"
                    .into(),
            });
        }
        let known = self.surveys_answered();
        for (field, code) in [("from", from), ("to", to)] {
            if !known.contains(code) {
                return Err(Error::UnknownValue {
                    field: field.into(),
                    value: code.into(),
                    valid: known.into_iter().collect(),
                });
            }
        }
        if from == to {
            return Err(Error::Unsupported {
                field: "to".into(),
                message: format!("compares a wave with itself ({to}); choose another survey"),
            });
        }
        let filter = Filter {
            surveys: vec![from.to_owned(), to.to_owned()],
            ..filter.clone()
        };
        let (rows, hidden) = self.scored(&[Grouping::Country, Grouping::Survey], &filter, k)?;
        // Countries in code order, themes in the order the questions use them.
        let mut waves: BTreeMap<(String, String), [Side; 2]> = BTreeMap::new();
        let mut order: Vec<(String, String)> = Vec::new();
        for (row, hidden) in rows.into_iter().zip(hidden) {
            let wave = match row.keys.survey.as_deref() {
                Some(code) if code == from => 0,
                Some(code) if code == to => 1,
                _ => continue,
            };
            let key = (
                row.keys.country.clone().unwrap_or_default(),
                row.theme.clone(),
            );
            if !waves.contains_key(&key) {
                order.push(key.clone());
            }
            waves.entry(key).or_default()[wave] = row.summary.map(|s| (s, hidden));
        }
        Ok(order
            .into_iter()
            .map(|key| {
                let [earlier, later] = waves.remove(&key).unwrap_or_default();
                let shown = |side: Side| side.filter(|(_, hidden)| !hidden).map(|(s, _)| s);
                let (a, b) = (shown(earlier), shown(later));
                let suppressed = a.is_none() || b.is_none();
                let difference = b.zip(a).and_then(|(b, a)| stats::welch(&b, &a));
                WaveChangeRow {
                    country: key.0,
                    theme: key.1,
                    from_n: a.map(|s| s.n as u64),
                    to_n: b.map(|s| s.n as u64),
                    from_mean: a.map(|s| s.mean),
                    to_mean: b.map(|s| s.mean),
                    change: b.zip(a).map(|(b, a)| b.mean - a.mean),
                    ci_low: difference.map(|d| d.ci_low),
                    ci_high: difference.map(|d| d.ci_high),
                    suppressed,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::{inputs, themed};
    use crate::themes::{OFFICIAL, ORGANISATION};

    /// Two waves in LV: theme A per person 2,3,2,4,3,2 in 2025 and 5,4,4,5,3 in 2026.
    fn two_waves() -> Vec<crate::tables::tests::TestAnswer> {
        let mut rows = Vec::new();
        for (i, v) in [2, 3, 2, 4, 3, 2].into_iter().enumerate() {
            rows.push(themed(i as i32, "LV", ORGANISATION, "A1", "A", v).in_survey("W25"));
        }
        for (i, v) in [5, 4, 4, 5, 3].into_iter().enumerate() {
            rows.push(themed(100 + i as i32, "LV", OFFICIAL, "A1", "A", v).in_survey("W26"));
        }
        rows
    }

    #[test]
    fn the_change_is_the_later_mean_minus_the_earlier_with_welchs_interval() {
        let rows = inputs(two_waves())
            .wave_change("W25", "W26", &Filter::default(), 5)
            .expect("rows");
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!((row.country.as_str(), row.theme.as_str()), ("LV", "A"));
        assert_eq!((row.from_n, row.to_n), (Some(6), Some(5)));
        // 4.2 − 16/6 by hand.
        assert!((row.change.unwrap_or_default() - (4.2 - 16.0 / 6.0)).abs() < 1e-12);
        // python3 -c "from scipy.stats import ttest_ind; print(ttest_ind([5,4,4,5,3],
        //   [2,3,2,4,3,2], equal_var=False).confidence_interval(0.95))"
        // ConfidenceInterval(low=0.39073209312689583, high=2.6759345735397715)
        assert!((row.ci_low.unwrap_or_default() - 0.390_732_093_126_895_83).abs() < 1e-9);
        assert!((row.ci_high.unwrap_or_default() - 2.675_934_573_539_771_5).abs() < 1e-9);
        // Backwards, the change and its interval change sign.
        let back = inputs(two_waves())
            .wave_change("W26", "W25", &Filter::default(), 5)
            .expect("rows");
        assert!((back[0].change.unwrap_or_default() + (4.2 - 16.0 / 6.0)).abs() < 1e-12);
        assert!((back[0].ci_high.unwrap_or_default() + 0.390_732_093_126_895_83).abs() < 1e-9);
    }

    #[test]
    fn the_waves_are_the_answered_surveys_in_question_order() {
        let mut rows = two_waves();
        rows.reverse();
        assert_eq!(inputs(rows).waves().expect("waves"), ["W26", "W25"]);
    }

    #[test]
    fn a_wave_with_fewer_than_k_people_in_a_country_is_suppressed() {
        let rows = inputs(two_waves())
            .wave_change("W25", "W26", &Filter::default(), 6)
            .expect("rows");
        let row = &rows[0];
        assert!(row.suppressed);
        // The 5 of 2026 are withheld; the 6 of 2025 too, or LV's total would give the 5
        // away (complementary suppression within the theme's table).
        assert_eq!((row.from_n, row.to_n, row.change), (None, None, None));
        assert!(row.ci_low.is_none() && row.to_mean.is_none());
    }

    #[test]
    fn unknown_or_equal_waves_and_a_survey_filter_are_refused() {
        let inputs = inputs(two_waves());
        let unknown = inputs.wave_change("W24", "W26", &Filter::default(), 5);
        assert!(
            matches!(&unknown, Err(Error::UnknownValue { field, valid, .. })
                if field == "from" && valid == &["W25", "W26"]),
            "{unknown:?}"
        );
        let same = inputs.wave_change("W26", "W26", &Filter::default(), 5);
        assert!(matches!(&same, Err(Error::Unsupported { field, .. }) if field == "to"));
        let surveys = Filter {
            surveys: vec!["W25".into()],
            ..Filter::default()
        };
        let filtered = inputs.wave_change("W25", "W26", &surveys, 5);
        assert!(matches!(&filtered, Err(Error::Unsupported { field, .. }) if field == "survey"));
    }

    #[test]
    fn a_third_wave_is_left_out_of_the_comparison() {
        let mut rows = two_waves();
        for i in 0..7 {
            rows.push(themed(200 + i, "LV", OFFICIAL, "A1", "A", 1).in_survey("W27"));
        }
        let rows = inputs(rows)
            .wave_change("W25", "W26", &Filter::default(), 5)
            .expect("rows");
        assert_eq!((rows[0].from_n, rows[0].to_n), (Some(6), Some(5)));
    }
}

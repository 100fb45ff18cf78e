//! Theme scores (each person's mean over a theme's items, then per group), the gap
//! between municipal officials and organisation representatives, and Kruskal–Wallis
//! tests of the differences between countries.

use std::collections::{BTreeMap, BTreeSet};

use polars::prelude::*;

use crate::{
    Result,
    columns::{counts, floats, ints, strs},
    filter::{Filter, GroupKeys, Grouping, check_grouping, keys_of},
    stats::{self, Summary},
    suppress::{Cell, suppress},
    tables::Inputs,
    vocab::{QuestionKind, Role},
};

/// Role codes the gap compares.
pub const OFFICIAL: Role = Role::MunicipalOfficial;
/// The other side of the gap.
pub const ORGANISATION: Role = Role::OrganisationRepresentative;

/// A group's score on one theme; figures are `None` when the group is suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeScoreRow {
    /// Grouping keys.
    pub keys: GroupKeys,
    /// Theme code.
    pub theme: String,
    /// People with at least one answer on the theme; `None` when suppressed.
    pub n: Option<u64>,
    /// Withheld to protect respondents.
    pub suppressed: bool,
    /// Mean of the people's theme means.
    pub mean: Option<f64>,
    /// Their sample standard deviation.
    pub sd: Option<f64>,
    /// Lower end of the 95 % t interval of the mean.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
}

/// Officials minus organisation representatives on one theme in one country.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleGapRow {
    /// Country code.
    pub country: String,
    /// Theme code.
    pub theme: String,
    /// Officials; `None` when suppressed.
    pub officials_n: Option<u64>,
    /// Organisation representatives; `None` when suppressed.
    pub organisations_n: Option<u64>,
    /// Officials' mean.
    pub officials_mean: Option<f64>,
    /// Organisation representatives' mean.
    pub organisations_mean: Option<f64>,
    /// Officials' mean minus organisation representatives' mean.
    pub gap: Option<f64>,
    /// Lower end of Welch's 95 % interval of the gap.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Withheld to protect respondents (either side too small).
    pub suppressed: bool,
}

/// A Kruskal–Wallis test across countries of one question or one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryDifferenceRow {
    /// Question code, or theme code for a theme.
    pub item: String,
    /// `QUESTION` or `THEME`.
    pub item_kind: &'static str,
    /// Theme of the item.
    pub theme: Option<String>,
    /// H, corrected for ties.
    pub h: f64,
    /// Degrees of freedom.
    pub df: usize,
    /// p-value.
    pub p: f64,
    /// ε² effect size.
    pub epsilon_squared: f64,
    /// People in the test.
    pub n: u64,
    /// Countries in the test (those with at least k people).
    pub countries: Vec<String>,
}

/// One role's summary on a theme in a country, and whether it is withheld.
pub(crate) type Side = Option<(Summary, bool)>;

/// One group's people on one theme, before suppression.
pub(crate) struct Scored {
    pub(crate) keys: GroupKeys,
    pub(crate) theme: String,
    pub(crate) summary: Option<Summary>,
    pub(crate) n: u64,
}

impl Inputs {
    /// People's means per theme counted per score (`count`), for the people `filter`
    /// selects.
    fn person_scores(&self, by: &[Grouping], filter: &Filter) -> Result<LazyFrame> {
        check_grouping(by, &self.cubes.cells, "answers")?;
        // Values are checked against the answers; the scores have the same key columns.
        let predicate = filter.predicate(&self.answer_values, "answers")?;
        Ok(self.cubes.scores.clone().lazy().filter(predicate))
    }

    /// Likert themes in the order the questions first use them.
    pub(crate) fn theme_order(&self) -> Vec<String> {
        let mut order = Vec::new();
        for q in &self.questions {
            if let Some(theme) = &q.theme
                && q.kind == QuestionKind::Likert
                && !order.contains(theme)
            {
                order.push(theme.clone());
            }
        }
        order
    }

    /// Per group of `by` and theme: the people's summary, and whether it is withheld.
    pub(crate) fn scored(
        &self,
        by: &[Grouping],
        filter: &Filter,
        k: u64,
    ) -> Result<(Vec<Scored>, Vec<bool>)> {
        filter.check_set_size(&self.cubes.cells, &self.answer_values, "answers", by, k)?;
        let keys = check_grouping(by, &self.cubes.cells, "answers")?;
        let mut group = keys;
        group.push(col("theme"));
        let people = col("count").cast(DataType::Float64);
        let frame = self
            .person_scores(by, filter)?
            .group_by(group)
            .agg([
                col("count").sum().alias("n"),
                (col("score") * people.clone()).sum().alias("sum"),
                (col("score") * col("score") * people)
                    .sum()
                    .alias("squares"),
            ])
            .collect()?;
        let order = self.theme_order();
        let mut rows: Vec<Scored> = keys_of(&frame, by)?
            .into_iter()
            .zip(strs(&frame, "theme")?)
            .zip(counts(&frame, "n")?)
            .zip(
                floats(&frame, "sum")?
                    .into_iter()
                    .zip(floats(&frame, "squares")?),
            )
            .map(|(((keys, theme), n), (sum, squares))| Scored {
                keys,
                theme: theme.unwrap_or_default(),
                summary: stats::summarise(
                    n as usize,
                    sum.unwrap_or_default(),
                    squares.unwrap_or_default(),
                ),
                n,
            })
            .collect();
        let rank = |theme: &str| order.iter().position(|t| t == theme).unwrap_or(usize::MAX);
        rows.sort_by(|a, b| {
            a.keys
                .cmp(&b.keys)
                .then(rank(&a.theme).cmp(&rank(&b.theme)))
                .then(a.theme.cmp(&b.theme))
        });
        // People answer every theme, so each theme is its own table to protect.
        let mut hidden = vec![false; rows.len()];
        let themes: BTreeSet<String> = rows.iter().map(|r| r.theme.clone()).collect();
        for theme in themes {
            let members: Vec<usize> = (0..rows.len())
                .filter(|i| rows[*i].theme == theme)
                .collect();
            let cells: Vec<Cell> = members
                .iter()
                .map(|i| Cell {
                    keys: rows[*i].keys.along(by),
                    n: rows[*i].n,
                })
                .collect();
            for (i, h) in members.iter().zip(suppress(&cells, k)) {
                hidden[*i] = h;
            }
        }
        Ok((rows, hidden))
    }

    /// Theme scores per group of `by`.
    pub fn theme_scores(
        &self,
        by: &[Grouping],
        filter: &Filter,
        k: u64,
    ) -> Result<Vec<ThemeScoreRow>> {
        let (rows, hidden) = self.scored(by, filter, k)?;
        Ok(rows
            .into_iter()
            .zip(hidden)
            .map(|(row, suppressed)| {
                let shown = row.summary.filter(|_| !suppressed);
                ThemeScoreRow {
                    keys: row.keys,
                    theme: row.theme,
                    n: shown.map(|s| s.n as u64),
                    suppressed: shown.is_none(),
                    mean: shown.map(|s| s.mean),
                    sd: shown.and_then(|s| s.sd),
                    ci_low: shown.and_then(|s| s.ci_low),
                    ci_high: shown.and_then(|s| s.ci_high),
                }
            })
            .collect())
    }

    /// Officials minus organisation representatives per country and theme.
    pub fn role_gap(&self, filter: &Filter, k: u64) -> Result<Vec<RoleGapRow>> {
        let (rows, hidden) = self.scored(&[Grouping::Country, Grouping::Role], filter, k)?;
        let mut sides: BTreeMap<(String, String), [Side; 2]> = BTreeMap::new();
        let mut order: Vec<(String, String)> = Vec::new();
        for (row, hidden) in rows.into_iter().zip(hidden) {
            let side = match row.keys.role {
                Some(OFFICIAL) => 0,
                Some(ORGANISATION) => 1,
                _ => continue,
            };
            let key = (
                row.keys.country.clone().unwrap_or_default(),
                row.theme.clone(),
            );
            if !sides.contains_key(&key) {
                order.push(key.clone());
            }
            if let Some(summary) = row.summary {
                sides.entry(key).or_default()[side] = Some((summary, hidden));
            }
        }
        Ok(order
            .into_iter()
            .map(|key| {
                let [officials, organisations] = sides.remove(&key).unwrap_or_default();
                let shown = |side: &Option<(Summary, bool)>| {
                    side.filter(|(_, hidden)| !hidden).map(|(s, _)| s)
                };
                let (a, b) = (shown(&officials), shown(&organisations));
                let difference = a.zip(b).and_then(|(a, b)| stats::welch(&a, &b));
                let suppressed = a.is_none() || b.is_none();
                RoleGapRow {
                    country: key.0,
                    theme: key.1,
                    officials_n: a.map(|s| s.n as u64),
                    organisations_n: b.map(|s| s.n as u64),
                    officials_mean: a.map(|s| s.mean),
                    organisations_mean: b.map(|s| s.mean),
                    gap: if suppressed {
                        None
                    } else {
                        a.zip(b).map(|(a, b)| a.mean - b.mean)
                    },
                    ci_low: difference.map(|d| d.ci_low),
                    ci_high: difference.map(|d| d.ci_high),
                    suppressed,
                }
            })
            .collect())
    }

    /// Kruskal–Wallis across countries for every Likert question and every theme.
    /// Countries with fewer than k people on an item are left out of its test.
    pub fn country_differences(
        &self,
        filter: &Filter,
        k: u64,
    ) -> Result<Vec<CountryDifferenceRow>> {
        filter.check_set_size(
            &self.cubes.cells,
            &self.answer_values,
            "answers",
            &[Grouping::Country],
            k,
        )?;
        let predicate = filter.predicate(&self.answer_values, "answers")?;
        let per_level = self
            .cubes
            .answers
            .clone()
            .lazy()
            .filter(
                predicate
                    .and(col("kind").eq(lit(QuestionKind::Likert.code())))
                    .and(col("value").is_not_null()),
            )
            .group_by([col("question"), col("country"), col("value")])
            .agg([col("count").sum()])
            .collect()?;
        let mut items: BTreeMap<String, Vec<(String, f64, u64)>> = BTreeMap::new();
        for (((question, country), value), count) in strs(&per_level, "question")?
            .into_iter()
            .zip(strs(&per_level, "country")?)
            .zip(ints(&per_level, "value")?)
            .zip(counts(&per_level, "count")?)
        {
            items
                .entry(question.unwrap_or_default())
                .or_default()
                .push((
                    country.unwrap_or_default(),
                    value.unwrap_or_default() as f64,
                    count,
                ));
        }
        let mut rows = Vec::new();
        for q in self
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Likert)
        {
            if let Some(observations) = items.remove(&q.code)
                && let Some(row) = test_row(&q.code, "QUESTION", q.theme.clone(), observations, k)
            {
                rows.push(row);
            }
        }
        let per_score = self
            .person_scores(&[Grouping::Country], filter)?
            .group_by([col("theme"), col("country"), col("score")])
            .agg([col("count").sum()])
            .collect()?;
        let mut themes: BTreeMap<String, Vec<(String, f64, u64)>> = BTreeMap::new();
        for (((theme, country), score), count) in strs(&per_score, "theme")?
            .into_iter()
            .zip(strs(&per_score, "country")?)
            .zip(floats(&per_score, "score")?)
            .zip(counts(&per_score, "count")?)
        {
            themes.entry(theme.unwrap_or_default()).or_default().push((
                country.unwrap_or_default(),
                score.unwrap_or_default(),
                count,
            ));
        }
        for theme in self.theme_order() {
            if let Some(observations) = themes.remove(&theme)
                && let Some(row) = test_row(&theme, "THEME", Some(theme.clone()), observations, k)
            {
                rows.push(row);
            }
        }
        Ok(rows)
    }
}

fn test_row(
    item: &str,
    item_kind: &'static str,
    theme: Option<String>,
    observations: Vec<(String, f64, u64)>,
    k: u64,
) -> Option<CountryDifferenceRow> {
    let mut sizes: BTreeMap<String, u64> = BTreeMap::new();
    for (country, _, count) in &observations {
        *sizes.entry(country.clone()).or_default() += count;
    }
    let countries: Vec<String> = sizes
        .into_iter()
        .filter(|(_, n)| *n >= k)
        .map(|(c, _)| c)
        .collect();
    let weighted: Vec<(f64, usize, u64)> = observations
        .into_iter()
        .filter_map(|(country, value, count)| {
            countries
                .iter()
                .position(|c| *c == country)
                .map(|g| (value, g, count))
        })
        .collect();
    let test = stats::kruskal_wallis_weighted(weighted, countries.len())?;
    Some(CountryDifferenceRow {
        item: item.to_owned(),
        item_kind,
        theme,
        h: test.h,
        df: test.df,
        p: test.p,
        epsilon_squared: test.epsilon_squared,
        n: test.n as u64,
        countries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::{inputs, themed};

    /// The differencing attack: SE has 20 officials and 3 organisation representatives.
    /// Grouped by country and role, the 3 are suppressed; without a filter SE's score
    /// counts 23 people, with `roles: [officials]` 20, and the difference would give the
    /// 3 away. That filter is refused; filters whose left-out groups are empty or at least
    /// k are answered.
    #[test]
    fn a_filter_that_leaves_out_fewer_than_k_people_is_refused() {
        let mut rows = Vec::new();
        let mut person = 0;
        for (country, role, people) in [
            ("SE", OFFICIAL, 20),
            ("SE", ORGANISATION, 3),
            ("CY", OFFICIAL, 20),
            ("CY", ORGANISATION, 20),
        ] {
            for _ in 0..people {
                person += 1;
                rows.push(themed(person, country, role, "A1", "A", 1 + person % 5));
            }
        }
        let inputs = inputs(rows);
        let officials = Filter {
            roles: vec![OFFICIAL],
            ..Filter::default()
        };
        let refused = inputs.theme_scores(&[Grouping::Country], &officials, 5);
        let Err(crate::Error::Unsupported { field, message }) = refused else {
            panic!("answered: {refused:?}");
        };
        assert_eq!(field, "role");
        assert!(
            message.contains("fewer than k = 5 people in the group SE"),
            "{message}"
        );
        // The same through the Likert distribution and the tests; the role gap groups
        // by role, so the filter only empties the representatives' groups: answered.
        assert!(inputs.role_gap(&officials, 5).is_ok());
        assert!(
            inputs
                .likert_distribution("A1", &[Grouping::Country], &officials, 5)
                .is_err()
        );
        assert!(inputs.country_differences(&officials, 5).is_err());
        // Grouped by nothing: 43 people are left out, which reveals no one.
        assert!(inputs.theme_scores(&[], &officials, 5).is_ok());
        // Representatives only: SE leaves out 20, CY 20.
        let representatives = Filter {
            roles: vec![ORGANISATION],
            ..Filter::default()
        };
        assert!(
            inputs
                .theme_scores(&[Grouping::Country], &representatives, 5)
                .is_ok()
        );
        // A country filter leaves no one out of the groups it keeps.
        let sweden = Filter {
            countries: vec!["SE".into()],
            ..Filter::default()
        };
        assert!(
            inputs
                .theme_scores(&[Grouping::Country], &sweden, 5)
                .is_ok()
        );
        // With k = 3 the 3 are not a small group any more.
        assert!(
            inputs
                .theme_scores(&[Grouping::Country], &officials, 3)
                .is_ok()
        );
    }

    #[test]
    fn theme_scores_average_each_person_first() {
        // Person 1 answers A1=2, A2=4 (mean 3); person 2 answers A1=5 only (mean 5);
        // persons 3..5 answer A1=3, A2=3 (mean 3). Per person: 3, 5, 3, 3, 3 -> mean 3.4,
        // sd sqrt(((-.4)²*4 + 1.6²)/4) = sqrt(0.8) = 0.894427.
        let mut rows = vec![
            themed(1, "SE", ORGANISATION, "A1", "A", 2),
            themed(1, "SE", ORGANISATION, "A2", "A", 4),
            themed(2, "SE", ORGANISATION, "A1", "A", 5),
        ];
        for p in 3..=5 {
            rows.push(themed(p, "SE", ORGANISATION, "A1", "A", 3));
            rows.push(themed(p, "SE", ORGANISATION, "A2", "A", 3));
        }
        let result = inputs(rows)
            .theme_scores(&[Grouping::Country], &Filter::default(), 5)
            .expect("rows");
        assert_eq!(result.len(), 1);
        let row = &result[0];
        assert_eq!((row.theme.as_str(), row.n), ("A", Some(5)));
        assert!((row.mean.unwrap_or_default() - 3.4).abs() < 1e-12);
        assert!((row.sd.unwrap_or_default() - 0.8f64.sqrt()).abs() < 1e-12);
        // t(4, 0.975) = 2.7764451051977934 (scipy.stats.t.ppf(0.975, 4)).
        let half = 2.776_445_105_197_793_4 * 0.8f64.sqrt() / 5f64.sqrt();
        assert!((row.ci_low.unwrap_or_default() - (3.4 - half)).abs() < 1e-9);
    }

    #[test]
    fn the_role_gap_is_officials_minus_organisations_with_welch_intervals() {
        // Officials 5,4,4,5,3 (mean 4.2) and organisations 2,3,2,4,3,2 (mean 16/6).
        let mut rows = Vec::new();
        for (i, v) in [5, 4, 4, 5, 3].into_iter().enumerate() {
            rows.push(themed(i as i32, "LV", OFFICIAL, "A1", "A", v));
        }
        for (i, v) in [2, 3, 2, 4, 3, 2].into_iter().enumerate() {
            rows.push(themed(10 + i as i32, "LV", ORGANISATION, "A1", "A", v));
        }
        let gap = inputs(rows).role_gap(&Filter::default(), 5).expect("rows");
        assert_eq!(gap.len(), 1);
        let row = &gap[0];
        assert!((row.gap.unwrap_or_default() - (4.2 - 16.0 / 6.0)).abs() < 1e-12);
        // python3 -c "from scipy.stats import ttest_ind; print(ttest_ind([5,4,4,5,3],[2,3,2,4,3,2],
        //   equal_var=False).confidence_interval(0.95))"
        // ConfidenceInterval(low=0.39073209312689583, high=2.6759345735397715)
        assert!(
            (row.ci_low.unwrap_or_default() - 0.390_732_093_126_895_83).abs() < 1e-9,
            "{row:?}"
        );
        assert!(
            (row.ci_high.unwrap_or_default() - 2.675_934_573_539_771_5).abs() < 1e-9,
            "{row:?}"
        );
        assert_eq!((row.officials_n, row.organisations_n), (Some(5), Some(6)));
    }

    #[test]
    fn a_gap_with_a_small_side_is_suppressed() {
        let mut rows = Vec::new();
        for i in 0..4 {
            rows.push(themed(i, "CY", OFFICIAL, "A1", "A", 4));
        }
        for i in 0..9 {
            rows.push(themed(10 + i, "CY", ORGANISATION, "A1", "A", 2));
        }
        let gap = inputs(rows).role_gap(&Filter::default(), 5).expect("rows");
        assert!(gap[0].suppressed && gap[0].gap.is_none() && gap[0].officials_mean.is_none());
    }

    #[test]
    fn country_differences_match_scipy() {
        // The three groups of the scipy example in stats.rs, as countries:
        // kruskal([1,2,3,4,5],[2,3,4,5,5],[4,5,5,5,3]) -> H 2.5124031007751912, p 0.2847335209314566
        let mut rows = Vec::new();
        for (country, values) in [
            ("LT", [1, 2, 3, 4, 5]),
            ("LV", [2, 3, 4, 5, 5]),
            ("SE", [4, 5, 5, 5, 3]),
        ] {
            for (i, v) in values.into_iter().enumerate() {
                rows.push(themed(
                    i as i32 + 10 * country.len() as i32 + i32::from(country.as_bytes()[1]),
                    country,
                    ORGANISATION,
                    "A1",
                    "A",
                    v,
                ));
            }
        }
        let result = inputs(rows)
            .country_differences(&Filter::default(), 5)
            .expect("rows");
        let question = result
            .iter()
            .find(|r| r.item_kind == "QUESTION")
            .expect("a question row");
        assert!((question.h - 2.512_403_100_775_191_2).abs() < 1e-9);
        assert!((question.p - 0.284_733_520_931_456_6).abs() < 1e-9);
        assert_eq!((question.df, question.n), (2, 15));
        // One item per theme, so the theme test equals the question test.
        let theme = result
            .iter()
            .find(|r| r.item_kind == "THEME")
            .expect("a theme row");
        assert!((theme.h - question.h).abs() < 1e-12);
    }
}

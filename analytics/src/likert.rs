//! The distribution of one Likert question: counts and shares at each level, the share
//! agreeing (4 or 5), mean and median, per group.

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::{
    Result,
    columns::{counts, ints},
    filter::{Filter, GroupKeys, Grouping, check_grouping, keys_of},
    suppress::{Cell, suppress},
    tables::Inputs,
    vocab::QuestionKind,
};

/// One group's distribution; figures are `None` when the group is suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct LikertRow {
    /// Grouping keys.
    pub keys: GroupKeys,
    /// People who answered; `None` when suppressed.
    pub n: Option<u64>,
    /// Withheld to protect respondents.
    pub suppressed: bool,
    /// People at levels 1 to 5.
    pub counts: Option<[u64; 5]>,
    /// Shares at levels 1 to 5.
    pub shares: Option<[f64; 5]>,
    /// Share at 4 or 5.
    pub agree_share: Option<f64>,
    /// Mean level.
    pub mean: Option<f64>,
    /// Median level.
    pub median: Option<f64>,
}

/// The median of a distribution over levels 1 to 5 (mean of the middle two when even).
fn median(counts: &[u64; 5], n: u64) -> f64 {
    let at = |position: u64| {
        let mut seen = 0;
        for (level, c) in counts.iter().enumerate() {
            seen += c;
            if position < seen {
                return level as f64 + 1.0;
            }
        }
        5.0
    };
    if n % 2 == 1 {
        at(n / 2)
    } else {
        (at(n / 2 - 1) + at(n / 2)) / 2.0
    }
}

impl Inputs {
    /// The distribution of Likert question `question` per group of `by`.
    pub fn likert_distribution(
        &self,
        question: &str,
        by: &[Grouping],
        filter: &Filter,
        k: u64,
    ) -> Result<Vec<LikertRow>> {
        self.question(question, &[QuestionKind::Likert])?;
        let keys = check_grouping(by, &self.cubes.cells, "answers")?;
        filter.check_set_size(&self.cubes.cells, &self.answer_values, "answers", by, k)?;
        let predicate = filter.predicate(&self.answer_values, "answers")?;
        let mut group = keys.clone();
        group.push(col("value"));
        let frame = self
            .cubes
            .answers
            .clone()
            .lazy()
            .filter(
                predicate
                    .and(col("question").eq(lit(question)))
                    .and(col("value").is_not_null()),
            )
            .group_by(group)
            .agg([col("count").sum()])
            .collect()?;
        let mut groups: BTreeMap<GroupKeys, [u64; 5]> = BTreeMap::new();
        let row_keys = keys_of(&frame, by)?;
        let levels = ints(&frame, "value")?;
        let numbers = counts(&frame, "count")?;
        for ((keys, level), count) in row_keys.into_iter().zip(levels).zip(numbers) {
            if let Some(level @ 1..=5) = level {
                groups.entry(keys).or_default()[level as usize - 1] += count;
            }
        }
        let cells: Vec<Cell> = groups
            .iter()
            .map(|(keys, c)| Cell {
                keys: keys.along(by),
                n: c.iter().sum(),
            })
            .collect();
        let hidden = suppress(&cells, k);
        Ok(groups
            .into_iter()
            .zip(hidden)
            .map(|((keys, counts), suppressed)| {
                let n: u64 = counts.iter().sum();
                if suppressed || n == 0 {
                    return LikertRow {
                        keys,
                        n: None,
                        suppressed: true,
                        counts: None,
                        shares: None,
                        agree_share: None,
                        mean: None,
                        median: None,
                    };
                }
                let nf = n as f64;
                let shares = counts.map(|c| c as f64 / nf);
                let mean = counts
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i as f64 + 1.0) * *c as f64)
                    .sum::<f64>()
                    / nf;
                LikertRow {
                    keys,
                    n: Some(n),
                    suppressed: false,
                    counts: Some(counts),
                    shares: Some(shares),
                    agree_share: Some(shares[3] + shares[4]),
                    mean: Some(mean),
                    median: Some(median(&counts, n)),
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;
    use crate::tables::tests::{answer, inputs};

    #[test]
    fn shares_mean_and_median_match_the_hand_computation() {
        // SE: 6 people answered Q1 with 1, 2, 4, 4, 5, 5:
        //   counts 1,1,0,2,2; shares 1/6,1/6,0,2/6,2/6; agree 4/6; mean 21/6 = 3.5;
        //   median of 1 2 4 4 5 5 = (4 + 4) / 2 = 4.
        // LV: 5 people, 3 3 3 4 2: mean 3, median 3, agree 1/5.
        let mut rows = Vec::new();
        for (i, v) in [1, 2, 4, 4, 5, 5].into_iter().enumerate() {
            rows.push(answer(
                i as i32,
                "SE",
                Role::OrganisationRepresentative,
                "Q1",
                Some(v),
            ));
        }
        for (i, v) in [3, 3, 3, 4, 2].into_iter().enumerate() {
            rows.push(answer(
                100 + i as i32,
                "LV",
                Role::OrganisationRepresentative,
                "Q1",
                Some(v),
            ));
        }
        rows.push(answer(
            200,
            "LV",
            Role::OrganisationRepresentative,
            "Q1",
            None,
        ));
        let result = inputs(rows)
            .likert_distribution("Q1", &[Grouping::Country], &Filter::default(), 5)
            .expect("rows");
        assert_eq!(result.len(), 2);
        let lv = &result[0];
        assert_eq!(lv.keys.country.as_deref(), Some("LV"));
        assert_eq!((lv.n, lv.mean, lv.median), (Some(5), Some(3.0), Some(3.0)));
        assert_eq!(lv.agree_share, Some(0.2));
        let se = &result[1];
        assert_eq!(se.counts, Some([1, 1, 0, 2, 2]));
        assert_eq!((se.mean, se.median), (Some(3.5), Some(4.0)));
        assert!((se.agree_share.unwrap_or_default() - 4.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn a_small_group_is_withheld_with_its_partner() {
        let mut rows = Vec::new();
        for i in 0..3 {
            rows.push(answer(
                i,
                "SE",
                Role::OrganisationRepresentative,
                "Q1",
                Some(4),
            ));
        }
        for i in 0..6 {
            rows.push(answer(
                10 + i,
                "LV",
                Role::OrganisationRepresentative,
                "Q1",
                Some(2),
            ));
            rows.push(answer(
                20 + i,
                "LT",
                Role::OrganisationRepresentative,
                "Q1",
                Some(3),
            ));
        }
        rows.push(answer(
            30,
            "LT",
            Role::OrganisationRepresentative,
            "Q1",
            Some(3),
        ));
        let result = inputs(rows)
            .likert_distribution("Q1", &[Grouping::Country], &Filter::default(), 5)
            .expect("rows");
        let by_country: Vec<(Option<&str>, bool, Option<u64>)> = result
            .iter()
            .map(|r| (r.keys.country.as_deref(), r.suppressed, r.n))
            .collect();
        // SE (3) is withheld; LV (6) is the smallest other group and goes with it.
        assert_eq!(
            by_country,
            vec![
                (Some("LT"), false, Some(7)),
                (Some("LV"), true, None),
                (Some("SE"), true, None)
            ]
        );
    }

    #[test]
    fn an_unknown_question_names_the_valid_ones() {
        let error = inputs(vec![answer(
            1,
            "SE",
            Role::OrganisationRepresentative,
            "Q1",
            Some(3),
        )])
        .likert_distribution("Q9", &[], &Filter::default(), 5)
        .err()
        .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("question: unknown value \"Q9\"; valid: Q1")
        );
    }

    #[test]
    fn a_filter_value_repeated_many_times_counts_once() {
        let rows: Vec<_> = (0..6)
            .map(|i| {
                answer(
                    i,
                    if i < 3 { "SE" } else { "LV" },
                    Role::OrganisationRepresentative,
                    "Q1",
                    Some(4),
                )
            })
            .collect();
        let data = inputs(rows);
        let once = Filter {
            countries: vec!["SE".into()],
            ..Filter::default()
        };
        let many = Filter {
            countries: vec!["SE".to_owned(); 10_000],
            ..Filter::default()
        };
        let by = [Grouping::Country];
        let a = data.likert_distribution("Q1", &by, &once, 1).expect("rows");
        let b = data.likert_distribution("Q1", &by, &many, 1).expect("rows");
        assert_eq!(a, b);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].n, Some(3));
    }
}

//! How often the interview themes and sub-codes come up per group, and how often two
//! themes come up in the same interview. Findings are counts of coded statements, not
//! of people, so they are not suppressed; the quotes themselves are public in the hub.

use std::collections::{BTreeMap, BTreeSet};

use polars::prelude::*;

use crate::{
    Result,
    columns::{counts, ints, strs},
    filter::{Filter, GroupKeys, Grouping, check_grouping, keys_of},
    tables::Inputs,
};

/// Findings of one theme (or one sub-code) in one group.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFrequencyRow {
    /// Grouping keys.
    pub keys: GroupKeys,
    /// Theme code.
    pub theme: String,
    /// Sub-code; `None` on the theme's own row.
    pub sub_code: Option<String>,
    /// Findings.
    pub count: u64,
    /// Share of the group's findings.
    pub share: f64,
    /// The group's findings.
    pub group_total: u64,
}

/// Two themes coded in the same interview.
#[derive(Debug, Clone, PartialEq)]
pub struct CooccurrenceRow {
    /// First theme (in codebook order).
    pub theme_a: String,
    /// Second theme.
    pub theme_b: String,
    /// Interviews in which both were coded.
    pub interviews: u64,
    /// Share of the interviews selected.
    pub share: f64,
}

impl Inputs {
    /// Findings per theme and per sub-code in each group of `by`.
    pub fn theme_frequency(
        &self,
        by: &[Grouping],
        filter: &Filter,
    ) -> Result<Vec<ThemeFrequencyRow>> {
        let keys = check_grouping(by, &self.findings, "findings")?;
        let predicate = filter.predicate(&self.finding_values, "findings")?;
        let selected = self.findings.clone().lazy().filter(predicate);
        let mut by_sub = keys.clone();
        by_sub.extend([col("theme"), col("sub_code")]);
        let frame = selected
            .group_by(by_sub)
            .agg([len().alias("count")])
            .collect()?;
        let mut totals: BTreeMap<GroupKeys, u64> = BTreeMap::new();
        let mut themes: BTreeMap<(GroupKeys, String), u64> = BTreeMap::new();
        let mut subs: BTreeMap<(GroupKeys, String, String), u64> = BTreeMap::new();
        for (((keys, theme), sub), count) in keys_of(&frame, by)?
            .into_iter()
            .zip(strs(&frame, "theme")?)
            .zip(strs(&frame, "sub_code")?)
            .zip(counts(&frame, "count")?)
        {
            let theme = theme.unwrap_or_default();
            *totals.entry(keys.clone()).or_default() += count;
            *themes.entry((keys.clone(), theme.clone())).or_default() += count;
            if let Some(sub) = sub {
                *subs.entry((keys, theme, sub)).or_default() += count;
            }
        }
        let order = self.codebook_order();
        let mut rows = Vec::new();
        for ((keys, theme), count) in themes {
            let total = totals.get(&keys).copied().unwrap_or(1).max(1);
            rows.push(ThemeFrequencyRow {
                keys: keys.clone(),
                theme: theme.clone(),
                sub_code: None,
                count,
                share: count as f64 / total as f64,
                group_total: total,
            });
            for ((_, _, sub), n) in subs
                .range((keys.clone(), theme.clone(), String::new())..)
                .take_while(|((k, t, _), _)| *k == keys && *t == theme)
            {
                rows.push(ThemeFrequencyRow {
                    keys: keys.clone(),
                    theme: theme.clone(),
                    sub_code: Some(sub.clone()),
                    count: *n,
                    share: *n as f64 / total as f64,
                    group_total: total,
                });
            }
        }
        let rank = |theme: &str| order.iter().position(|t| t == theme).unwrap_or(usize::MAX);
        rows.sort_by(|a, b| {
            a.keys
                .cmp(&b.keys)
                .then(rank(&a.theme).cmp(&rank(&b.theme)))
                .then(a.sub_code.cmp(&b.sub_code))
        });
        Ok(rows)
    }

    /// How many interviews have coded findings (among those `filter` selects).
    pub fn interview_count(&self, filter: &Filter) -> Result<u64> {
        let predicate = filter.predicate(&self.finding_values, "findings")?;
        let frame = self
            .findings
            .clone()
            .lazy()
            .filter(predicate)
            .select([col("interview").n_unique().alias("n")])
            .collect()?;
        Ok(counts(&frame, "n")?.first().copied().unwrap_or_default())
    }

    /// How often each pair of themes is coded in the same interview.
    pub fn theme_cooccurrence(&self, filter: &Filter) -> Result<Vec<CooccurrenceRow>> {
        let predicate = filter.predicate(&self.finding_values, "findings")?;
        let frame = self
            .findings
            .clone()
            .lazy()
            .filter(predicate)
            .group_by([col("interview"), col("theme")])
            .agg([len().alias("count")])
            .collect()?;
        let mut per_interview: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
        for (interview, theme) in ints(&frame, "interview")?
            .into_iter()
            .zip(strs(&frame, "theme")?)
        {
            per_interview
                .entry(interview.unwrap_or_default())
                .or_default()
                .insert(theme.unwrap_or_default());
        }
        let order = self.codebook_order();
        let rank = |theme: &str| order.iter().position(|t| t == theme).unwrap_or(usize::MAX);
        let mut all: Vec<String> = per_interview
            .values()
            .flatten()
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        all.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
        let interviews = per_interview.len().max(1) as f64;
        let mut rows = Vec::new();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let both = per_interview
                    .values()
                    .filter(|t| t.contains(a) && t.contains(b))
                    .count() as u64;
                rows.push(CooccurrenceRow {
                    theme_a: a.clone(),
                    theme_b: b.clone(),
                    interviews: both,
                    share: both as f64 / interviews,
                });
            }
        }
        Ok(rows)
    }

    /// Themes in the order questions and findings first use them.
    fn codebook_order(&self) -> Vec<String> {
        let mut order = self.theme_order();
        if let Ok(themes) = strs(&self.findings, "theme") {
            for theme in themes.into_iter().flatten() {
                if !order.contains(&theme) {
                    order.push(theme);
                }
            }
        }
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::{FindingTable, Inputs};

    fn findings(rows: &[(i32, &str, &str, Option<&str>)]) -> Inputs {
        let mut table = FindingTable::default();
        for (interview, country, theme, sub) in rows {
            table.interview.push(*interview);
            table.country.push((*country).into());
            table.region.push(format!("{country}-R"));
            table.role.push(crate::Role::OrganisationRepresentative);
            table.theme.push((*theme).into());
            table.sub_code.push(sub.map(str::to_owned));
        }
        Inputs::new(
            Default::default(),
            Default::default(),
            table,
            Default::default(),
            Default::default(),
            Vec::new(),
        )
        .expect("frames")
    }

    #[test]
    fn counts_and_shares_are_per_country() {
        // SE: 3 findings, 2 on A (sub a1, a2) and 1 on B; LV: 1 on B.
        let inputs = findings(&[
            (1, "SE", "A", Some("a1")),
            (1, "SE", "A", Some("a2")),
            (2, "SE", "B", None),
            (3, "LV", "B", Some("b1")),
        ]);
        let rows = inputs
            .theme_frequency(&[Grouping::Country], &Filter::default())
            .expect("rows");
        let se_a = rows
            .iter()
            .find(|r| {
                r.keys.country.as_deref() == Some("SE") && r.theme == "A" && r.sub_code.is_none()
            })
            .expect("SE A");
        assert_eq!((se_a.count, se_a.group_total), (2, 3));
        assert!((se_a.share - 2.0 / 3.0).abs() < 1e-12);
        let se_a1 = rows
            .iter()
            .find(|r| r.sub_code.as_deref() == Some("a1"))
            .expect("a1");
        assert_eq!(se_a1.count, 1);
        let lv_b = rows
            .iter()
            .find(|r| r.keys.country.as_deref() == Some("LV"))
            .expect("LV");
        assert_eq!((lv_b.theme.as_str(), lv_b.share), ("B", 1.0));
        assert!(
            inputs
                .theme_frequency(&[Grouping::OrganisationKind], &Filter::default())
                .is_err()
        );
    }

    #[test]
    fn cooccurrence_counts_interviews_not_findings() {
        // Interview 1: A, A, B; interview 2: B, C; interview 3: A, B, C.
        let inputs = findings(&[
            (1, "SE", "A", None),
            (1, "SE", "A", None),
            (1, "SE", "B", None),
            (2, "SE", "B", None),
            (2, "SE", "C", None),
            (3, "LV", "A", None),
            (3, "LV", "B", None),
            (3, "LV", "C", None),
        ]);
        let rows = inputs.theme_cooccurrence(&Filter::default()).expect("rows");
        let pair = |a: &str, b: &str| {
            rows.iter()
                .find(|r| r.theme_a == a && r.theme_b == b)
                .map(|r| r.interviews)
        };
        assert_eq!(
            (pair("A", "B"), pair("B", "C"), pair("A", "C")),
            (Some(2), Some(2), Some(1))
        );
        let only_lv = Filter {
            countries: vec!["LV".into()],
            ..Filter::default()
        };
        let rows = inputs.theme_cooccurrence(&only_lv).expect("rows");
        assert!(rows.iter().all(|r| r.interviews == 1 && r.share == 1.0));
    }
}

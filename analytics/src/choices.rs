//! Multiple-choice questions: the share of respondents choosing each option, per group.

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::{
    Result,
    columns::{counts, strs},
    filter::{Filter, GroupKeys, Grouping, check_grouping, keys_of},
    suppress::{Cell, suppress},
    tables::Inputs,
    vocab::QuestionKind,
};

/// One option in one group; figures are `None` when the group is suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceShareRow {
    /// Grouping keys.
    pub keys: GroupKeys,
    /// Option code.
    pub option: String,
    /// People in the group who answered the question; `None` when suppressed.
    pub n: Option<u64>,
    /// People who chose the option.
    pub count: Option<u64>,
    /// Their share of those who answered.
    pub share: Option<f64>,
    /// Withheld to protect respondents.
    pub suppressed: bool,
}

impl Inputs {
    /// Shares choosing each option of choice question `question`, per group of `by`.
    pub fn choice_shares(
        &self,
        question: &str,
        by: &[Grouping],
        filter: &Filter,
        k: u64,
    ) -> Result<Vec<ChoiceShareRow>> {
        let info = self
            .question(
                question,
                &[QuestionKind::MultipleChoice, QuestionKind::SingleChoice],
            )?
            .clone();
        let keys = check_grouping(by, &self.cubes.cells, "answers")?;
        filter.check_set_size(&self.cubes.cells, &self.answer_values, "answers", by, k)?;
        let answered_predicate = filter.predicate(&self.answer_values, "answers")?;
        // A person answers a question once: the answers are the people who answered.
        let answered = self
            .cubes
            .answers
            .clone()
            .lazy()
            .filter(answered_predicate.and(col("question").eq(lit(question))))
            .group_by(keys.clone())
            .agg([col("count").sum().alias("n")])
            .collect()?;
        let chosen_predicate = filter.predicate(&self.choice_values, "choices")?;
        let mut group = keys;
        group.push(col("option"));
        let chosen = self
            .cubes
            .choices
            .clone()
            .lazy()
            .filter(chosen_predicate.and(col("question").eq(lit(question))))
            .group_by(group)
            .agg([col("count").sum()])
            .collect()?;
        let groups: BTreeMap<GroupKeys, u64> = keys_of(&answered, by)?
            .into_iter()
            .zip(counts(&answered, "n")?)
            .collect();
        let mut picked: BTreeMap<(GroupKeys, String), u64> = BTreeMap::new();
        for ((keys, option), count) in keys_of(&chosen, by)?
            .into_iter()
            .zip(strs(&chosen, "option")?)
            .zip(counts(&chosen, "count")?)
        {
            picked.insert((keys, option.unwrap_or_default()), count);
        }
        let cells: Vec<Cell> = groups
            .iter()
            .map(|(keys, n)| Cell {
                keys: keys.along(by),
                n: *n,
            })
            .collect();
        let hidden = suppress(&cells, k);
        let mut rows = Vec::new();
        for ((keys, n), suppressed) in groups.into_iter().zip(hidden) {
            for option in &info.options {
                let count = picked
                    .get(&(keys.clone(), option.clone()))
                    .copied()
                    .unwrap_or_default();
                rows.push(ChoiceShareRow {
                    keys: keys.clone(),
                    option: option.clone(),
                    n: (!suppressed).then_some(n),
                    count: (!suppressed).then_some(count),
                    share: (!suppressed && n > 0).then(|| count as f64 / n as f64),
                    suppressed,
                });
            }
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;
    use crate::tables::{AnswerTable, ChoiceTable, QuestionInfo};

    #[test]
    fn shares_are_of_those_who_answered_and_small_groups_are_withheld() {
        // SE: 5 answered; EMAIL chosen by 4, MEETINGS by 1, NONE by 0.
        // LV: 2 answered (withheld, and SE with it as its only partner).
        let mut answers = AnswerTable::default();
        let mut choices = ChoiceTable::default();
        let picks: [(i32, &str, &[&str]); 7] = [
            (1, "SE", &["EMAIL"]),
            (2, "SE", &["EMAIL", "MEETINGS"]),
            (3, "SE", &["EMAIL"]),
            (4, "SE", &["EMAIL"]),
            (5, "SE", &[]),
            (6, "LV", &["NONE"]),
            (7, "LV", &["EMAIL"]),
        ];
        for (respondent, country, options) in picks {
            answers.respondent.push(respondent);
            answers.survey.push("S".into());
            answers.country.push(country.into());
            answers.region.push(format!("{country}-R"));
            answers.role.push(Role::OrganisationRepresentative);
            answers.organisation_kind.push(None);
            answers.question.push("CH".into());
            answers.theme.push(None);
            answers.kind.push(QuestionKind::MultipleChoice);
            answers.value.push(None);
            for option in options {
                choices.respondent.push(respondent);
                choices.survey.push("S".into());
                choices.country.push(country.into());
                choices.region.push(format!("{country}-R"));
                choices.role.push(Role::OrganisationRepresentative);
                choices.organisation_kind.push(None);
                choices.question.push("CH".into());
                choices.option.push((*option).into());
            }
        }
        let question = QuestionInfo {
            survey: "S".into(),
            code: "CH".into(),
            theme: None,
            kind: QuestionKind::MultipleChoice,
            options: vec!["MEETINGS".into(), "EMAIL".into(), "NONE".into()],
        };
        let inputs = Inputs::new(
            answers,
            choices,
            Default::default(),
            Default::default(),
            Default::default(),
            vec![question],
        )
        .expect("frames");
        let overall = inputs
            .choice_shares("CH", &[], &Filter::default(), 5)
            .expect("rows");
        let shares: Vec<(String, Option<u64>, Option<f64>)> = overall
            .iter()
            .map(|r| (r.option.clone(), r.count, r.share))
            .collect();
        assert_eq!(
            shares,
            vec![
                ("MEETINGS".into(), Some(1), Some(1.0 / 7.0)),
                ("EMAIL".into(), Some(5), Some(5.0 / 7.0)),
                ("NONE".into(), Some(1), Some(1.0 / 7.0))
            ]
        );
        let by_country = inputs
            .choice_shares("CH", &[Grouping::Country], &Filter::default(), 5)
            .expect("rows");
        assert!(by_country.iter().all(|r| r.suppressed && r.share.is_none()));
        let se_only = Filter {
            countries: vec!["SE".into()],
            ..Filter::default()
        };
        let se = inputs
            .choice_shares("CH", &[Grouping::Country], &se_only, 5)
            .expect("rows");
        assert_eq!(
            se.iter().map(|r| r.count).collect::<Vec<_>>(),
            vec![Some(1), Some(4), Some(0)]
        );
        assert_eq!(se[1].share, Some(0.8));
    }
}

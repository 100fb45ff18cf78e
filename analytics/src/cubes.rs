//! The counts every survey comparison reads, aggregated from the answers once per data
//! version. A request then works on groups of people with the same keys (a few
//! thousand rows, however many answers there are), never on every answer, so its cost
//! does not grow with the data (BENCHMARKS.md, "Scaling").

use polars::prelude::*;

// The keys filters and groupings use, which every count keeps.
use crate::{error::Result, filter::FILTERED as KEYS, vocab::QuestionKind};

/// [`KEYS`] followed by `more`, as columns to group by.
fn keys_and(more: &[&str]) -> Vec<Expr> {
    KEYS.iter().chain(more).map(|c| col(*c)).collect()
}

/// The aggregated counts; each has the [`KEYS`] columns.
#[derive(Debug, Clone)]
pub(crate) struct Cubes {
    /// One row per group of people with the same keys, `people` their number: the
    /// set-size checks sum it.
    pub(crate) cells: DataFrame,
    /// Answers per keys, `question`, `kind` and `value` (null for a choice question),
    /// as `count`. A person answers a question once, so it also counts the people who
    /// answered.
    pub(crate) answers: DataFrame,
    /// People's means per theme (`score`, over their Likert answers of that theme),
    /// per keys, `theme` and `score`, as `count`.
    pub(crate) scores: DataFrame,
    /// Chosen options per keys, `question` and `option`, as `count`.
    pub(crate) choices: DataFrame,
}

impl Cubes {
    /// Counts `answers` and `choices` (frames with the columns of
    /// [`crate::ANSWER_COLUMNS`] and [`crate::CHOICE_COLUMNS`]).
    pub(crate) fn of(answers: &DataFrame, choices: &DataFrame) -> Result<Self> {
        let answers = answers.clone().lazy();
        // A respondent's keys are the same on each of their answers.
        let cells = answers
            .clone()
            .group_by(keys_and(&["respondent"]))
            .agg([])
            .group_by(keys_and(&[]))
            .agg([len().alias("people")]);
        let scores = answers
            .clone()
            .filter(
                col("kind")
                    .eq(lit(QuestionKind::Likert.code()))
                    .and(col("theme").is_not_null())
                    .and(col("value").is_not_null()),
            )
            .group_by(keys_and(&["respondent", "theme"]))
            .agg([col("value").cast(DataType::Float64).mean().alias("score")])
            .group_by(keys_and(&["theme", "score"]))
            .agg([len().alias("count")]);
        let counted = answers
            .group_by(keys_and(&["question", "kind", "value"]))
            .agg([len().alias("count")]);
        let chosen = choices
            .clone()
            .lazy()
            .group_by(keys_and(&["question", "option"]))
            .agg([len().alias("count")]);
        Ok(Self {
            cells: cells.collect()?,
            answers: counted.collect()?,
            scores: scores.collect()?,
            choices: chosen.collect()?,
        })
    }

    /// The frames' size in memory, estimated by polars, in bytes: each by name.
    pub(crate) fn estimated_sizes(&self) -> [(&'static str, usize); 4] {
        [
            ("cells", self.cells.estimated_size()),
            ("answer counts", self.answers.estimated_size()),
            ("score counts", self.scores.estimated_size()),
            ("choice counts", self.choices.estimated_size()),
        ]
    }
}

//! The counts every survey comparison reads, aggregated from the answers once per data
//! version. A request then works on groups of people with the same keys (a few
//! thousand rows, however many answers there are), never on every answer, so its cost
//! does not grow with the data (BENCHMARKS.md, "Scaling").

use polars::prelude::*;

// The keys filters and groupings use, which every count keeps.
use crate::{
    columns::{ANSWER_ID_COLUMNS, CHOICE_ID_COLUMNS, PERSON_COLUMNS, QUESTION_COLUMNS, coded},
    error::Result,
    filter::FILTERED as KEYS,
    tables::AnswerFrames,
};

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

/// Who a person is counted as: the [`KEYS`] but the survey, which their answer's
/// question gives.
const PERSON_KEYS: [&str; 5] = [
    "country",
    "region",
    "role",
    "organisation_kind",
    "municipality",
];

impl Cubes {
    /// Counts the answers and chosen options of `frames` (with the columns of
    /// [`crate::ANSWER_ID_COLUMNS`], [`crate::CHOICE_ID_COLUMNS`],
    /// [`crate::PERSON_COLUMNS`] and [`crate::QUESTION_COLUMNS`]), and the number of
    /// answers counted (those of a known respondent and question). People with the same
    /// keys are numbered as one group first; one pass over every answer then counts
    /// them by group, question and value, each person's theme means, and who answered
    /// each survey ([`pass::count`]), and the groups' keys and the questions' codes
    /// are joined to the counts, a few thousand rows, not to every answer
    /// (BENCHMARKS.md, "Counted by integers" and "One pass over the answers").
    pub(crate) fn of(frames: &AnswerFrames) -> Result<(Self, usize)> {
        let people = coded(frames.respondents.select(PERSON_COLUMNS)?)?;
        let questions = coded(frames.questions.select(QUESTION_COLUMNS)?)?;
        let groups = people
            .select(PERSON_KEYS)?
            .unique_stable(None, UniqueKeepStrategy::First, None)?
            .with_row_index("group".into(), None)?;
        let mut same_keys = JoinArgs::new(JoinType::Inner);
        same_keys.nulls_equal = true;
        let by_keys: Vec<Expr> = PERSON_KEYS.iter().map(|c| col(*c)).collect();
        let who = (people.lazy())
            .join(groups.clone().lazy(), by_keys.clone(), by_keys, same_keys)
            .select([col("respondent"), col("group")]);
        let who = who.collect()?;
        let counted = pass::count(&frames.answers.select(ANSWER_ID_COLUMNS)?, &who, &questions)?;
        let inner = || JoinArgs::new(JoinType::Inner);

        // The counts by group and question, with the group's keys and the question's
        // survey, theme, code and kind joined, in the columns' order of [`KEYS`] and
        // `more`.
        let named = |counts: LazyFrame, more: &[&str]| -> LazyFrame {
            counts
                .join(
                    groups.clone().lazy(),
                    [col("group")],
                    [col("group")],
                    inner(),
                )
                .join(
                    questions.clone().lazy(),
                    [col("question_id")],
                    [col("question_id")],
                    inner(),
                )
                .select(keys_and(more))
        };
        let cells = named(counted.cells.lazy(), &["people"]);
        let scores = named(counted.scores.lazy(), &["theme", "score", "count"]);
        let answers = named(
            counted.answers.lazy(),
            &["question", "kind", "value", "count"],
        );
        let chosen = named(
            coded(frames.choices.select(CHOICE_ID_COLUMNS)?)?
                .lazy()
                .join(
                    who.lazy(),
                    [col("respondent")],
                    [col("respondent")],
                    inner(),
                )
                .group_by([col("group"), col("question_id"), col("option")])
                .agg([len().alias("count")]),
            &["question", "option", "count"],
        );
        let cubes = Self {
            cells: cells.collect()?,
            answers: answers.collect()?,
            scores: scores.collect()?,
            choices: chosen.collect()?,
        };
        Ok((cubes, counted.answer_count))
    }

    /// These counts with `added`'s added and `removed`'s taken away: the counts of the
    /// people of these and `added` but not `removed`, when no person is counted in
    /// both these and `added`, and everyone in `removed` is counted in these (each
    /// count is a sum over people). A group whose count comes to 0 is gone, as if
    /// counted from the start; one below 0 (people removed who were not counted) is an
    /// error, never a figure.
    pub(crate) fn changed(&self, added: &Cubes, removed: &Cubes) -> Result<Self> {
        let sum = |held: &DataFrame,
                   added: &DataFrame,
                   removed: &DataFrame,
                   by: &[&str],
                   count: &str|
         -> Result<DataFrame> {
            // The sum keeps the count's type (unsigned), so the frames read alike.
            let dtype = held.column(count)?.dtype().clone();
            let signed = |frame: &DataFrame, sign: i64| {
                (frame.clone().lazy())
                    .with_column((col(count).cast(DataType::Int64) * lit(sign)).alias(count))
            };
            let parts = [signed(held, 1), signed(added, 1), signed(removed, -1)];
            let summed = concat(parts, UnionArgs::default())?
                .group_by(keys_and(by))
                .agg([col(count).sum()])
                .collect()?;
            let lowest = summed.column(count)?.i64()?.min().unwrap_or_default();
            if lowest < 0 {
                return Err(crate::Error::Inconsistent(format!(
                    "{count} would be {lowest}: people were taken from counts that did not hold them"
                )));
            }
            Ok(summed
                .lazy()
                .filter(col(count).gt(lit(0)))
                .with_column(col(count).cast(dtype))
                .collect()?)
        };
        Ok(Self {
            cells: sum(&self.cells, &added.cells, &removed.cells, &[], "people")?,
            answers: sum(
                &self.answers,
                &added.answers,
                &removed.answers,
                &["question", "kind", "value"],
                "count",
            )?,
            scores: sum(
                &self.scores,
                &added.scores,
                &removed.scores,
                &["theme", "score"],
                "count",
            )?,
            choices: sum(
                &self.choices,
                &added.choices,
                &removed.choices,
                &["question", "option"],
                "count",
            )?,
        })
    }

    /// The name of the first count that differs from `other`'s (rows in any order),
    /// or `None` when every count is the same.
    pub(crate) fn first_difference(&self, other: &Cubes) -> Result<Option<&'static str>> {
        // As text: categories built apart may be numbered apart.
        let sorted = |frame: &DataFrame| -> Result<DataFrame> {
            let columns: Vec<_> = frame.get_column_names_owned();
            Ok((frame.clone().lazy())
                .with_columns([all().as_expr().cast(DataType::String)])
                .sort(
                    columns,
                    SortMultipleOptions::default().with_nulls_last(true),
                )
                .collect()?)
        };
        let pairs = [
            ("cells", &self.cells, &other.cells),
            ("answer counts", &self.answers, &other.answers),
            ("score counts", &self.scores, &other.scores),
            ("choice counts", &self.choices, &other.choices),
        ];
        for (name, mine, theirs) in pairs {
            if mine.schema() != theirs.schema() || !sorted(mine)?.equals_missing(&sorted(theirs)?) {
                return Ok(Some(name));
            }
        }
        Ok(None)
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

mod pass;
#[cfg(test)]
mod tests;

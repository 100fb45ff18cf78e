//! The one pass over every answer that counts them: by group of people, question and
//! value; each person's mean per theme; and who answered each survey. A polars
//! `group_by` on two or three keys row-encodes them and gathers each group's rows
//! (most of making the frames in a profile at a million answers: BENCHMARKS.md,
//! "One pass over the answers"); here each answer costs two lookups and a few hash-map
//! updates, and only the counts, a few thousand rows, become frames.

use polars::prelude::*;

use crate::{columns::text, error::Result, vocab::QuestionKind};

/// Numbers by id: dense when the ids are close together (database keys), hashed when
/// they are not.
enum Numbers {
    Dense { first: i64, numbers: Vec<IdxSize> },
    Hashed(PlHashMap<i32, IdxSize>),
}

const NONE: IdxSize = IdxSize::MAX;

impl Numbers {
    fn of(ids: &Int32Chunked, numbers: impl Iterator<Item = IdxSize>) -> Self {
        let pairs = || ids.iter().zip(numbers).filter_map(|(id, n)| Some((id?, n)));
        let (Some(first), Some(last)) = (ids.min(), ids.max()) else {
            return Self::Hashed(PlHashMap::new());
        };
        let span = (last as i64 - first as i64 + 1) as usize;
        if span > 4 * ids.len() + 1024 {
            return Self::Hashed(pairs().collect());
        }
        let mut dense = vec![NONE; span];
        for (id, n) in pairs() {
            dense[(id as i64 - first as i64) as usize] = n;
        }
        Self::Dense {
            first: first as i64,
            numbers: dense,
        }
    }

    fn get(&self, id: i32) -> Option<IdxSize> {
        match self {
            Self::Dense { first, numbers } => {
                let at = usize::try_from(id as i64 - first).ok()?;
                numbers.get(at).copied().filter(|n| *n != NONE)
            }
            Self::Hashed(numbers) => numbers.get(&id).copied(),
        }
    }
}

/// What the pass counted, each frame with a `group` and a `question_id` column to join
/// the group's keys and the question's codes to.
pub(super) struct Counted {
    /// `group`, `question_id`, `value`, `count`: answers per group, question and value.
    pub(super) answers: DataFrame,
    /// `group`, `question_id` (the first question of the survey), `people`: the people
    /// per group who answered the survey.
    pub(super) cells: DataFrame,
    /// `group`, `question_id` (the first question of the survey and theme), `score`,
    /// `count`: people per group with that mean over the theme's Likert answers.
    pub(super) scores: DataFrame,
    /// The answers counted: those of a respondent in `who` and a question in
    /// `questions`.
    pub(super) answer_count: usize,
}

/// Counts `answers` (`respondent`, `question_id`, `value`) of the people `who`
/// (`respondent`, `group`) to the questions `questions` (`question_id`, `survey`,
/// `theme`, `kind`, as text or categories).
pub(super) fn count(
    answers: &DataFrame,
    who: &DataFrame,
    questions: &DataFrame,
) -> Result<Counted> {
    let group_of = Numbers::of(
        who.column("respondent")?.i32()?,
        who.column("group")?.idx()?.into_no_null_iter(),
    );
    let question_ids = questions.column("question_id")?.i32()?;
    let question_of = Numbers::of(question_ids, 0..questions.height() as IdxSize);
    let ids: Vec<i32> = question_ids.into_no_null_iter().collect();
    let surveys = texts(questions, "survey")?;
    let themes = texts(questions, "theme")?;
    let kinds = texts(questions, "kind")?;
    // Each question's survey, and survey and theme, named by the first question that
    // has them; and whether its answers count towards a theme's score.
    let first = |same: &dyn Fn(usize, usize) -> bool| -> Vec<IdxSize> {
        (0..ids.len())
            .map(|q| (0..=q).find(|&p| same(p, q)).unwrap_or(q) as IdxSize)
            .collect()
    };
    let survey_of = first(&|p, q| surveys[p] == surveys[q]);
    let theme_of = first(&|p, q| surveys[p] == surveys[q] && themes[p] == themes[q]);
    let scored: Vec<bool> = (0..ids.len())
        .map(|q| kinds[q].as_deref() == Some(QuestionKind::Likert.code()) && themes[q].is_some())
        .collect();

    let mut by_value: PlHashMap<(IdxSize, IdxSize, Option<i32>), IdxSize> = PlHashMap::new();
    let mut answered: PlHashSet<(i32, IdxSize)> = PlHashSet::new();
    let mut sums: PlHashMap<(i32, IdxSize), (i64, u32)> = PlHashMap::new();
    let mut last = None;
    let mut answer_count = 0;
    let respondents = answers.column("respondent")?.i32()?;
    let questions_asked = answers.column("question_id")?.i32()?;
    let values = answers.column("value")?.i32()?;
    for ((respondent, question), value) in respondents
        .iter()
        .zip(questions_asked.iter())
        .zip(values.iter())
    {
        let (Some(respondent), Some(question)) = (respondent, question) else {
            continue;
        };
        let (Some(group), Some(q)) = (group_of.get(respondent), question_of.get(question)) else {
            continue;
        };
        answer_count += 1;
        *by_value.entry((group, q, value)).or_default() += 1;
        // A person's answers are mostly read together: most are not looked up again.
        let survey = survey_of[q as usize];
        if last != Some((respondent, survey)) {
            answered.insert((respondent, survey));
            last = Some((respondent, survey));
        }
        if let (true, Some(value)) = (scored[q as usize], value) {
            let sum = sums.entry((respondent, theme_of[q as usize])).or_default();
            *sum = (sum.0 + value as i64, sum.1 + 1);
        }
    }

    let mut people: PlHashMap<(IdxSize, IdxSize), IdxSize> = PlHashMap::new();
    for (respondent, survey) in answered {
        let group = group_of.get(respondent).unwrap_or(NONE);
        *people.entry((group, survey)).or_default() += 1;
    }
    let mut scores: PlHashMap<(IdxSize, IdxSize, u64), IdxSize> = PlHashMap::new();
    for ((respondent, theme), (sum, n)) in sums {
        let group = group_of.get(respondent).unwrap_or(NONE);
        let score = sum as f64 / n as f64;
        *scores.entry((group, theme, score.to_bits())).or_default() += 1;
    }

    let id = |q: IdxSize| ids[q as usize];
    let answers = {
        let height = by_value.len();
        let (mut group, mut question) = (Vec::with_capacity(height), Vec::with_capacity(height));
        let (mut value, mut count) = (Vec::with_capacity(height), Vec::with_capacity(height));
        for ((g, q, v), n) in by_value {
            group.push(g);
            question.push(id(q));
            value.push(v);
            count.push(n);
        }
        DataFrame::new_infer_height(vec![
            IdxCa::from_vec("group".into(), group).into_column(),
            Column::new("question_id".into(), question),
            Int32Chunked::from_iter_options("value".into(), value.into_iter()).into_column(),
            IdxCa::from_vec("count".into(), count).into_column(),
        ])?
    };
    let cells = {
        let (mut group, mut question, mut count) = (vec![], vec![], vec![]);
        for ((g, survey), n) in people {
            group.push(g);
            question.push(id(survey));
            count.push(n);
        }
        DataFrame::new_infer_height(vec![
            IdxCa::from_vec("group".into(), group).into_column(),
            Column::new("question_id".into(), question),
            IdxCa::from_vec("people".into(), count).into_column(),
        ])?
    };
    let scores = {
        let (mut group, mut question, mut score, mut count) = (vec![], vec![], vec![], vec![]);
        for ((g, theme, bits), n) in scores {
            group.push(g);
            question.push(id(theme));
            score.push(f64::from_bits(bits));
            count.push(n);
        }
        DataFrame::new_infer_height(vec![
            IdxCa::from_vec("group".into(), group).into_column(),
            Column::new("question_id".into(), question),
            Column::new("score".into(), score),
            IdxCa::from_vec("count".into(), count).into_column(),
        ])?
    };
    Ok(Counted {
        answers,
        cells,
        scores,
        answer_count,
    })
}

/// A text or categorical column of `frame`, as strings.
fn texts(frame: &DataFrame, column: &str) -> Result<Vec<Option<String>>> {
    let column = text(frame, column)?;
    Ok(column.str()?.iter().map(|v| v.map(str::to_owned)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids far apart are hashed, close ones held densely; either way each id finds its
    /// number and an id not given finds none.
    #[test]
    fn numbers_find_each_id_given_and_no_other() {
        for ids in [vec![7, 3, 9, 4], vec![5, -3, 2_000_000_000, 11]] {
            let column = Int32Chunked::from_vec("id".into(), ids.clone());
            let numbers = Numbers::of(&column, (10..).take(ids.len()));
            assert_eq!(
                matches!(numbers, Numbers::Dense { .. }),
                ids[0] == 7,
                "{ids:?}"
            );
            for (n, id) in ids.iter().enumerate() {
                assert_eq!(numbers.get(*id), Some(10 + n as IdxSize), "{id} of {ids:?}");
            }
            for absent in [8, 6, -4, 2, 12, i32::MIN, i32::MAX] {
                assert_eq!(numbers.get(absent), None, "{absent} of {ids:?}");
            }
        }
    }
}

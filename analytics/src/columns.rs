//! The typed answer and chosen-option tables turned into the frames
//! [`crate::Inputs::from_frames`] takes, and the column helpers the frames share.

use polars::prelude::*;

use std::collections::{BTreeSet, HashMap, hash_map::Entry};

use crate::{
    error::Result,
    tables::{AnswerFrames, AnswerTable, ChoiceTable},
    vocab::{OrganisationKind, QuestionKind, Role},
};

pub(crate) fn strings(name: &str, values: Vec<String>) -> Column {
    Column::new(name.into(), values)
}

pub(crate) fn optional_strings(name: &str, values: Vec<Option<String>>) -> Column {
    Column::new(name.into(), values)
}

/// A column of the codes of `values`: the frames hold codes as text.
pub(crate) fn code_column<T: Copy>(
    name: &str,
    values: &[T],
    code: fn(T) -> &'static str,
) -> Column {
    let codes: Vec<&str> = values.iter().map(|v| code(*v)).collect();
    Column::new(name.into(), codes)
}

pub(crate) fn optional_code_column<T: Copy>(
    name: &str,
    values: &[Option<T>],
    code: fn(T) -> &'static str,
) -> Column {
    let codes: Vec<Option<&str>> = values.iter().map(|v| v.map(code)).collect();
    Column::new(name.into(), codes)
}

/// `values`, or as many nulls as the table has rows when it was left empty.
pub(crate) fn filled(values: Vec<Option<String>>, height: usize) -> Vec<Option<String>> {
    if values.is_empty() {
        vec![None; height]
    } else {
        values
    }
}

/// The columns of the answers frame of [`AnswerFrames`]: respondent and question ids,
/// and the value (32-bit integers; the value null where none was given).
pub const ANSWER_ID_COLUMNS: [&str; 3] = ["respondent", "question_id", "value"];

/// The columns of the chosen-options frame of [`AnswerFrames`]: respondent and question
/// ids, and the option's code.
pub const CHOICE_ID_COLUMNS: [&str; 3] = ["respondent", "question_id", "option"];

/// The columns of the respondents frame of [`AnswerFrames`], one row per respondent:
/// their id and what the comparisons group them by.
pub const PERSON_COLUMNS: [&str; 6] = [
    "respondent",
    "country",
    "region",
    "role",
    "organisation_kind",
    "municipality",
];

/// The columns of the questions frame of [`AnswerFrames`], one row per question: its id,
/// survey, code, theme (null if none) and kind.
pub const QUESTION_COLUMNS: [&str; 5] = ["question_id", "survey", "question", "theme", "kind"];

/// Numbers `T`s in the order they are first seen.
struct Numbered<T>(HashMap<T, i32>);

impl<T: std::hash::Hash + Eq> Numbered<T> {
    /// `value`'s number, and whether it is new.
    fn number(&mut self, value: T) -> (i32, bool) {
        let next = i32::try_from(self.0.len()).unwrap_or(i32::MAX);
        match self.0.entry(value) {
            Entry::Occupied(seen) => (*seen.get(), false),
            Entry::Vacant(new) => (*new.insert(next), true),
        }
    }
}

type PersonKey = (
    i32,
    String,
    String,
    Role,
    Option<OrganisationKind>,
    Option<String>,
);

/// Each row's respondent with their keys (no municipality for any row when
/// `municipality` was left empty).
fn person_keys(
    respondent: &[i32],
    country: &[String],
    region: &[String],
    role: &[Role],
    kind: &[Option<OrganisationKind>],
    municipality: Vec<Option<String>>,
) -> Vec<PersonKey> {
    let municipality = filled(municipality, respondent.len());
    (municipality.into_iter().enumerate())
        .map(|(i, municipality)| {
            let (country, region) = (country[i].clone(), region[i].clone());
            (
                respondent[i],
                country,
                region,
                role[i],
                kind[i],
                municipality,
            )
        })
        .collect()
}

/// Answers and chosen options, one row each with who answered and what was asked, as
/// [`AnswerFrames`]: each person (a respondent with their keys) and each question (a
/// survey's code) numbered once. A question is of the theme and kind of its first
/// answer; one with chosen options but no answer row, of no theme and
/// [`QuestionKind::MultipleChoice`].
pub(crate) fn answer_frames(answers: AnswerTable, choices: ChoiceTable) -> Result<AnswerFrames> {
    let mut people = Numbered(HashMap::new());
    let mut person_rows: (Vec<i32>, Vec<PersonKey>) = (Vec::new(), Vec::new());
    let mut person = |key: PersonKey| {
        let (id, new) = people.number(key.clone());
        if new {
            person_rows.0.push(id);
            person_rows.1.push(key);
        }
        id
    };
    let mut questions = Numbered(HashMap::new());
    let mut question_rows = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut question = |survey: String, code: String, theme, kind| {
        let (id, new) = questions.number((survey.clone(), code.clone()));
        if new {
            question_rows.0.push(id);
            question_rows.1.push(survey);
            question_rows.2.push(code);
            question_rows.3.push(theme);
            question_rows.4.push(kind);
        }
        id
    };

    let keys = person_keys(
        &answers.respondent,
        &answers.country,
        &answers.region,
        &answers.role,
        &answers.organisation_kind,
        answers.municipality,
    );
    let respondent: Vec<i32> = keys.into_iter().map(&mut person).collect();
    let mut question_id = Vec::with_capacity(respondent.len());
    for i in 0..respondent.len() {
        question_id.push(question(
            answers.survey[i].clone(),
            answers.question[i].clone(),
            answers.theme[i].clone(),
            answers.kind[i],
        ));
    }
    let answers = DataFrame::new_infer_height(vec![
        Column::new("respondent".into(), respondent),
        Column::new("question_id".into(), question_id),
        Column::new("value".into(), answers.value),
    ])?;

    let keys = person_keys(
        &choices.respondent,
        &choices.country,
        &choices.region,
        &choices.role,
        &choices.organisation_kind,
        choices.municipality,
    );
    let respondent: Vec<i32> = keys.into_iter().map(&mut person).collect();
    let mut question_id = Vec::with_capacity(respondent.len());
    for i in 0..respondent.len() {
        question_id.push(question(
            choices.survey[i].clone(),
            choices.question[i].clone(),
            None,
            QuestionKind::MultipleChoice,
        ));
    }
    let choices = DataFrame::new_infer_height(vec![
        Column::new("respondent".into(), respondent),
        Column::new("question_id".into(), question_id),
        strings("option", choices.option),
    ])?;

    let (ids, keys) = person_rows;
    let roles: Vec<Role> = keys.iter().map(|k| k.3).collect();
    let kinds: Vec<Option<OrganisationKind>> = keys.iter().map(|k| k.4).collect();
    let (mut country, mut region, mut municipality) = (vec![], vec![], vec![]);
    for (_, c, r, _, _, m) in keys {
        country.push(c);
        region.push(r);
        municipality.push(m);
    }
    let respondents = DataFrame::new_infer_height(vec![
        Column::new("respondent".into(), ids),
        strings("country", country),
        strings("region", region),
        code_column("role", &roles, Role::code),
        optional_code_column("organisation_kind", &kinds, OrganisationKind::code),
        optional_strings("municipality", municipality),
    ])?;
    let (id, survey, code, theme, kind) = question_rows;
    let questions = DataFrame::new_infer_height(vec![
        Column::new("question_id".into(), id),
        strings("survey", survey),
        strings("question", code),
        optional_strings("theme", theme),
        code_column("kind", &kind, QuestionKind::code),
    ])?;
    Ok(AnswerFrames {
        answers,
        choices,
        respondents,
        questions,
    })
}

/// `frame` with its text columns as categories (of polars' global categories, so that
/// frames built apart compare and group alike): a 4-byte code per row and each text
/// once, where a text column holds a 16-byte view per row. The answers frame at a
/// million answers is then half the size (BENCHMARKS.md, "Memory and pages").
pub fn coded(frame: DataFrame) -> Result<DataFrame> {
    let categories = DataType::from_categories(Categories::global());
    let columns: Vec<Expr> = (frame.columns().iter())
        .filter(|c| c.dtype() == &DataType::String)
        .map(|c| col(c.name().clone()).cast(categories.clone()))
        .collect();
    if columns.is_empty() {
        return Ok(frame);
    }
    Ok(frame.lazy().with_columns(columns).collect()?)
}

/// A text or categorical column as text.
pub(crate) fn text(frame: &DataFrame, column: &str) -> Result<Column> {
    let values = frame.column(column)?;
    Ok(if values.dtype().is_categorical() {
        values.cast(&DataType::String)?
    } else {
        values.clone()
    })
}

/// The distinct non-null values of a text column, sorted.
pub(crate) fn distinct(frame: &DataFrame, column: &str) -> Result<BTreeSet<String>> {
    let values = frame.column(column)?;
    if values.dtype().is_categorical() {
        // The distinct codes first: the texts of a few categories, not of every row.
        let unique = values.unique()?.cast(&DataType::String)?;
        return Ok(unique.str()?.iter().flatten().map(str::to_owned).collect());
    }
    Ok(values.str()?.iter().flatten().map(str::to_owned).collect())
}

/// A count column (polars' index type) as u64 values.
pub(crate) fn counts(frame: &DataFrame, column: &str) -> Result<Vec<u64>> {
    let values = frame.column(column)?.cast(&DataType::UInt64)?;
    Ok(values
        .u64()?
        .iter()
        .map(Option::unwrap_or_default)
        .collect())
}

/// A numeric column as floats.
pub(crate) fn floats(frame: &DataFrame, column: &str) -> Result<Vec<Option<f64>>> {
    let values = frame.column(column)?.cast(&DataType::Float64)?;
    Ok(values.f64()?.iter().collect())
}

/// An integer column as i64 values.
pub(crate) fn ints(frame: &DataFrame, column: &str) -> Result<Vec<Option<i64>>> {
    let values = frame.column(column)?.cast(&DataType::Int64)?;
    Ok(values.i64()?.iter().collect())
}

/// A text (or categorical) column.
pub(crate) fn strs(frame: &DataFrame, column: &str) -> Result<Vec<Option<String>>> {
    Ok(text(frame, column)?
        .str()?
        .iter()
        .map(|v| v.map(str::to_owned))
        .collect())
}

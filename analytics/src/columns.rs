//! The typed answer and chosen-option tables turned into the frames
//! [`crate::Inputs::from_frames`] takes, and the column helpers the frames share.

use polars::prelude::*;

use std::collections::BTreeSet;

use crate::{
    error::Result,
    tables::{AnswerTable, ChoiceTable},
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

impl AnswerTable {
    /// The table as the answers frame [`Inputs::from_frames`] takes.
    pub fn into_frame(self) -> Result<DataFrame> {
        // Tables built without municipalities (older callers, tests) get none.
        let height = self.respondent.len();
        Ok(DataFrame::new_infer_height(vec![
            Column::new("respondent".into(), self.respondent),
            strings("survey", self.survey),
            strings("country", self.country),
            strings("region", self.region),
            code_column("role", &self.role, Role::code),
            optional_code_column(
                "organisation_kind",
                &self.organisation_kind,
                OrganisationKind::code,
            ),
            optional_strings("municipality", filled(self.municipality, height)),
            strings("question", self.question),
            optional_strings("theme", self.theme),
            code_column("kind", &self.kind, QuestionKind::code),
            Column::new("value".into(), self.value),
        ])?)
    }
}

impl ChoiceTable {
    /// The table as the chosen-options frame [`Inputs::from_frames`] takes.
    pub fn into_frame(self) -> Result<DataFrame> {
        let height = self.respondent.len();
        Ok(DataFrame::new_infer_height(vec![
            Column::new("respondent".into(), self.respondent),
            strings("survey", self.survey),
            strings("country", self.country),
            strings("region", self.region),
            code_column("role", &self.role, Role::code),
            optional_code_column(
                "organisation_kind",
                &self.organisation_kind,
                OrganisationKind::code,
            ),
            optional_strings("municipality", filled(self.municipality, height)),
            strings("question", self.question),
            strings("option", self.option),
        ])?)
    }
}

/// The columns of the answers frame, in order, as [`AnswerTable::into_frame`] makes them.
pub const ANSWER_COLUMNS: [&str; 11] = [
    "respondent",
    "survey",
    "country",
    "region",
    "role",
    "organisation_kind",
    "municipality",
    "question",
    "theme",
    "kind",
    "value",
];

/// The columns of the chosen-options frame, in order.
pub const CHOICE_COLUMNS: [&str; 9] = [
    "respondent",
    "survey",
    "country",
    "region",
    "role",
    "organisation_kind",
    "municipality",
    "question",
    "option",
];

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

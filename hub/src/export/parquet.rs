//! One table as a Parquet file, typed by the database's column types (whole numbers,
//! decimals, booleans; text, dates and JSON as text), written with polars.

use std::path::Path;

use polars::prelude::{Column, DataFrame, ParquetWriter};
use sea_orm::sea_query::ColumnType;
use serde_json::Value;

use crate::error::Result;

/// The values of one column, collected row by row.
pub(crate) enum Buffer {
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    Text(Vec<Option<String>>),
}

impl Buffer {
    /// An empty buffer for a column of type `column`.
    pub(crate) fn for_type(column: &ColumnType) -> Self {
        match column {
            ColumnType::TinyInteger
            | ColumnType::SmallInteger
            | ColumnType::Integer
            | ColumnType::BigInteger => Self::Int(Vec::new()),
            ColumnType::Float | ColumnType::Double => Self::Float(Vec::new()),
            ColumnType::Boolean => Self::Bool(Vec::new()),
            _ => Self::Text(Vec::new()),
        }
    }

    /// Appends one value as the database gave it.
    pub(crate) fn push(&mut self, value: &Value) {
        match self {
            Self::Int(v) => v.push(value.as_i64()),
            Self::Float(v) => v.push(value.as_f64()),
            Self::Bool(v) => v.push(value.as_bool()),
            Self::Text(v) => v.push(match value {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            }),
        }
    }

    fn into_column(self, name: &str) -> Column {
        match self {
            Self::Int(v) => Column::new(name.into(), v),
            Self::Float(v) => Column::new(name.into(), v),
            Self::Bool(v) => Column::new(name.into(), v),
            Self::Text(v) => Column::new(name.into(), v),
        }
    }
}

/// Writes the columns to `path` as Parquet (through a temporary file).
pub(crate) fn write(path: &Path, columns: Vec<(String, Buffer)>) -> Result<()> {
    let columns: Vec<Column> = columns
        .into_iter()
        .map(|(name, buffer)| buffer.into_column(&name))
        .collect();
    let mut frame = DataFrame::new_infer_height(columns).map_err(std::io::Error::other)?;
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes)
        .finish(&mut frame)
        .map_err(std::io::Error::other)?;
    super::write_atomically(path, &bytes)
}

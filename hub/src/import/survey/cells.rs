//! Reading one cell of a survey file: a Likert level or label, a choice, a number or
//! free text, as the question's kind says.

use std::collections::HashMap;

use serde_json::Value;

use super::super::Code;
use crate::{
    domain::{LikertValue, QuestionKind, Role},
    entity::question,
};

/// One answer as it will be stored.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Value(i16),
    Choices(Vec<String>),
    Text(String),
}

/// One valid respondent row.
#[derive(Debug, Clone)]
pub(super) struct Record {
    pub(super) row: usize,
    pub(super) external_id: String,
    pub(super) region_id: i32,
    pub(super) role: Role,
    pub(super) organisation_id: Option<i32>,
    /// `None` when the file has no municipality column: the stored one is kept.
    pub(super) municipality_id: Option<Option<i32>>,
    pub(super) answers: Vec<(i32, Cell)>,
}

/// How one column of the file is read.
#[derive(Debug, Clone)]
pub(super) enum Column {
    Question(usize),
    Option(usize, String),
}

/// A question of the survey with what its cells may hold.
#[derive(Debug)]
pub(super) struct Question {
    pub(super) id: i32,
    pub(super) code: String,
    pub(super) kind: QuestionKind,
    /// Likert: label (lower case, any language) to level.
    pub(super) levels: HashMap<String, i16>,
    /// Choice: option code and labels (lower case, any language) to option code.
    pub(super) options: HashMap<String, String>,
    pub(super) option_codes: Vec<String>,
}

impl Question {
    pub(super) fn new(q: question::Model) -> Self {
        let mut levels = HashMap::new();
        if let Some(Value::Object(by_lang)) = &q.scale_labels {
            for labels in by_lang.values() {
                for (i, label) in labels.as_array().into_iter().flatten().enumerate() {
                    if let Some(label) = label.as_str() {
                        levels.insert(label.trim().to_lowercase(), i as i16 + 1);
                    }
                }
            }
        }
        let mut options = HashMap::new();
        let mut option_codes = Vec::new();
        for option in q
            .options
            .as_ref()
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(code) = option.get("code").and_then(Value::as_str) else {
                continue;
            };
            option_codes.push(code.to_owned());
            options.insert(code.to_lowercase(), code.to_owned());
            if let Some(Value::Object(labels)) = option.get("labels") {
                for label in labels.values().filter_map(Value::as_str) {
                    options.insert(label.trim().to_lowercase(), code.to_owned());
                }
            }
        }
        Self {
            id: q.id,
            code: q.code,
            kind: q.kind,
            levels,
            options,
            option_codes,
        }
    }

    /// Reads one cell of this question's own column.
    pub(super) fn read(&self, text: &str) -> Result<Option<Cell>, (Code, String)> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        match self.kind {
            QuestionKind::Likert => {
                if let Ok(level) = text.parse::<f64>() {
                    // `as` saturates, so a huge number is refused by the range check too.
                    let whole = (level.fract() == 0.0).then(|| LikertValue::parse(level as i64));
                    return match whole {
                        Some(Ok(value)) => Ok(Some(Cell::Value(i16::from(value.get())))),
                        _ => Err((Code::ConstraintError, "a level from 1 to 5".into())),
                    };
                }
                self.levels
                    .get(&text.to_lowercase())
                    .map(|l| Some(Cell::Value(*l)))
                    .ok_or_else(|| {
                        (
                            Code::TypeError,
                            "neither a level from 1 to 5 nor one of the question's scale labels"
                                .into(),
                        )
                    })
            }
            QuestionKind::Number => match text.parse::<f64>() {
                Ok(v) if v.fract() == 0.0 && v.abs() <= f64::from(i16::MAX) => {
                    Ok(Some(Cell::Value(v as i16)))
                }
                Ok(_) => Err((
                    Code::ConstraintError,
                    format!("a whole number from -{0} to {0}", i16::MAX),
                )),
                Err(_) => Err((Code::TypeError, "not a number".into())),
            },
            QuestionKind::FreeText => Ok(Some(Cell::Text(text.to_owned()))),
            QuestionKind::SingleChoice => self
                .options
                .get(&text.to_lowercase())
                .map(|o| Some(Cell::Choices(vec![o.clone()])))
                .ok_or_else(|| self.unknown_choice(text)),
            QuestionKind::MultipleChoice => {
                let mut chosen = Vec::new();
                for part in text.split_whitespace() {
                    let code = self
                        .options
                        .get(&part.to_lowercase())
                        .ok_or_else(|| self.unknown_choice(part))?;
                    if !chosen.contains(code) {
                        chosen.push(code.clone());
                    }
                }
                Ok(Some(Cell::Choices(chosen)))
            }
        }
    }

    fn unknown_choice(&self, text: &str) -> (Code, String) {
        (
            Code::ForeignKey,
            format!(
                "unknown choice {text:?} for {}; valid: {}",
                self.code,
                self.option_codes.join(", ")
            ),
        )
    }
}

pub(super) fn flag(text: &str) -> Result<bool, ()> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "0" | "false" | "no" => Ok(false),
        "1" | "true" | "yes" => Ok(true),
        _ => Err(()),
    }
}

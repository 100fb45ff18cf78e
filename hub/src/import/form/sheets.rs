//! Reading an XLSForm's `settings` and `choices` sheets, and what the form holds once
//! its `survey` sheet is read (see `survey_sheet`), with every problem located by sheet,
//! row and column.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use serde_json::{Map, Value, json};

use super::{
    Codebook, Skipped,
    language::{language_code, language_columns, texts},
};
use crate::{
    domain::QuestionKind,
    error::Result,
    import::{
        Code, Options, Problems,
        table::{self, Table},
    },
};

/// The form's `settings` row.
#[derive(Debug, Default)]
pub(super) struct Settings {
    pub(super) form_id: Option<String>,
    pub(super) title: Option<String>,
    pub(super) version: Option<String>,
    /// This hub's `wave` column: the year the survey is fielded.
    pub(super) wave: Option<i32>,
    /// The language of the columns without one (`label`, `hint`).
    pub(super) default_language: String,
    /// True when the form names no default language and English was assumed.
    pub(super) language_assumed: bool,
}

/// A question as the form defines it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Question {
    pub(super) row: usize,
    pub(super) code: String,
    pub(super) kind: QuestionKind,
    pub(super) text: Value,
    pub(super) hint: Option<Value>,
    pub(super) required: bool,
    pub(super) group_path: Option<String>,
    pub(super) theme: Option<String>,
    pub(super) sub_code: Option<String>,
    pub(super) scale_labels: Option<Value>,
    pub(super) options: Option<Value>,
}

/// Everything the form says that the hub keeps.
#[derive(Debug, Default)]
pub(super) struct Form {
    pub(super) settings: Settings,
    /// Every language of the labels, the default first.
    pub(super) languages: Vec<String>,
    /// The groups in order, as `{path, label}`.
    pub(super) groups: Vec<Value>,
    pub(super) questions: Vec<Question>,
    /// Which of the respondent's fields (`region`, `role`, ...) the form has.
    pub(super) respondent_fields: Vec<String>,
    pub(super) skipped: Vec<Skipped>,
}

/// Reads the settings sheet (its first data row).
pub(super) fn settings(table: Option<&Table>, problems: &mut Problems) -> Settings {
    problems.in_sheet("settings");
    let Some(table) = table else {
        return Settings {
            default_language: "en".into(),
            language_assumed: true,
            ..Settings::default()
        };
    };
    let row = table.rows.first();
    let cell = |name: &str| {
        let i = table.column(name)?;
        let text = row?.cells.get(i)?.trim();
        (!text.is_empty()).then(|| (text.to_owned(), row.map_or(2, |r| r.number), i + 1))
    };
    let mut settings = Settings {
        form_id: cell("form_id").map(|c| c.0),
        title: cell("form_title").map(|c| c.0),
        version: cell("version").map(|c| c.0),
        wave: None,
        default_language: "en".into(),
        language_assumed: true,
    };
    if let Some((text, row, column)) = cell("wave") {
        match text.parse::<i32>() {
            Ok(year) => settings.wave = Some(year),
            Err(_) => problems.add(
                Code::TypeError,
                Some(row),
                Some(("wave", column)),
                Some(&text),
                "the wave is the year the survey is fielded, e.g. 2026",
            ),
        }
    }
    if let Some((text, row, column)) = cell("default_language") {
        match language_code(&text) {
            Some(code) => {
                settings.default_language = code;
                settings.language_assumed = false;
            }
            None => problems.add(
                Code::TypeError,
                Some(row),
                Some(("default_language", column)),
                Some(&text),
                "not a language with its ISO 639-1 code; write it as Name (xx), e.g. English (en)",
            ),
        }
    }
    settings
}

/// One choice of a list: its row, its name and its labels by language.
type Choice = (usize, String, Map<String, Value>);

/// The choice lists by name, each with its choices in order.
#[derive(Debug, Default)]
pub(super) struct Choices {
    lists: HashMap<String, Vec<Choice>>,
}

/// Reads the choices sheet.
pub(super) fn choices(table: Option<&Table>, default: &str, problems: &mut Problems) -> Choices {
    problems.in_sheet("choices");
    let mut choices = Choices::default();
    let Some(table) = table else {
        return choices;
    };
    let list_column = table
        .column("list_name")
        .or_else(|| table.column("list name"));
    let name_column = table.column("name");
    for (column, name) in [(list_column, "list_name"), (name_column, "name")] {
        if column.is_none() {
            problems.add(
                Code::MissingLabel,
                Some(1),
                Some((name, 0)),
                None,
                format!("the choices sheet needs a {name:?} column"),
            );
        }
    }
    let labels = language_columns(table, "label", default, problems);
    let (Some(list_column), Some(name_column)) = (list_column, name_column) else {
        return choices;
    };
    for row in &table.rows {
        let cell = |i: usize| row.cells.get(i).map_or("", |c| c.trim());
        let (list, name) = (cell(list_column), cell(name_column));
        if list.is_empty() {
            continue;
        }
        let entries = choices.lists.entry(list.to_owned()).or_default();
        if name.is_empty() {
            problems.add(
                Code::ConstraintError,
                Some(row.number),
                Some(("name", name_column + 1)),
                Some(""),
                format!("a choice of the list {list:?} has no name"),
            );
        } else if let Some((first, ..)) = entries.iter().find(|(_, n, _)| n == name) {
            problems.add(
                Code::DuplicateRow,
                Some(row.number),
                Some(("name", name_column + 1)),
                Some(name),
                format!("the list {list:?} has this choice on row {first} too"),
            );
        } else {
            entries.push((row.number, name.to_owned(), texts(&row.cells, &labels)));
        }
    }
    choices
}

impl Choices {
    /// A select question over `list`: Likert when the list is the five levels `1` to `5`
    /// in order, otherwise a choice; the scale labels or the options.
    pub(super) fn select(&self, list: &str, multiple: bool) -> Option<(QuestionKind, Value)> {
        let entries = self.lists.get(list)?;
        let names: Vec<&str> = entries.iter().map(|(_, n, _)| n.as_str()).collect();
        if !multiple && names == ["1", "2", "3", "4", "5"] {
            let mut scale = Map::new();
            let languages: HashSet<&String> = entries.iter().flat_map(|(.., l)| l.keys()).collect();
            for language in languages {
                let labels: Option<Vec<&Value>> =
                    entries.iter().map(|(.., l)| l.get(language)).collect();
                if let Some(labels) = labels {
                    scale.insert(language.clone(), json!(labels));
                }
            }
            return Some((QuestionKind::Likert, Value::Object(scale)));
        }
        let options = entries
            .iter()
            .map(|(_, code, labels)| json!({ "code": code, "labels": labels }))
            .collect();
        let kind = if multiple {
            QuestionKind::MultipleChoice
        } else {
            QuestionKind::SingleChoice
        };
        Some((kind, Value::Array(options)))
    }

    /// The names of a list's choices with a space, which a multiple-choice export
    /// cannot tell apart.
    pub(super) fn names_with_space(&self, list: &str) -> Vec<String> {
        (self.lists.get(list).into_iter().flatten())
            .filter(|(_, n, _)| n.contains(char::is_whitespace))
            .map(|(_, n, _)| n.clone())
            .collect()
    }
}

/// A survey code: letters, digits, `-`, `_` and `.`, at most 64.
fn valid_survey_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// Reads and checks the workbook; the form, or the refusal.
pub(super) fn read_form(
    path: &Path,
    options: &Options,
    codebook: &Codebook,
    code: Option<&str>,
) -> Result<std::result::Result<(String, Form, Problems), Problems>> {
    let mut problems = Problems::new(path, options.max_problems);
    let tables = table::read_sheets(
        path,
        &options.file_limits,
        &["survey", "choices", "settings"],
        &mut problems,
    )?;
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut tables = tables.into_iter();
    let (survey_sheet, choices_sheet, settings_sheet) = (
        tables.next().flatten(),
        tables.next().flatten(),
        tables.next().flatten(),
    );
    let Some(survey_sheet) = survey_sheet else {
        problems.add(
            Code::FormatError,
            None,
            None,
            None,
            "the workbook has no sheet named \"survey\"; an XLSForm has the sheets survey, choices and settings",
        );
        return Ok(Err(problems));
    };
    let mut form = Form {
        settings: settings(settings_sheet.as_ref(), &mut problems),
        ..Default::default()
    };
    let default = form.settings.default_language.clone();
    let choices = choices(choices_sheet.as_ref(), &default, &mut problems);
    super::survey_sheet::survey(&survey_sheet, &choices, codebook, &mut form, &mut problems);

    problems.in_sheet("settings");
    let code = match code
        .map(str::to_owned)
        .or_else(|| form.settings.form_id.clone())
    {
        Some(code) if valid_survey_code(&code) => code,
        Some(code) => {
            problems.add(
                Code::ConstraintError,
                Some(2),
                Some(("form_id", 0)),
                Some(&code),
                "a survey code is 1 to 64 letters, digits, `-`, `_` and `.`, e.g. YC-2026",
            );
            code
        }
        None => {
            problems.add(
                Code::MissingLabel,
                None,
                Some(("form_id", 0)),
                None,
                "the settings sheet gives no form_id; add one, or name the survey with --survey CODE",
            );
            String::new()
        }
    };
    problems.in_sheet("survey");
    for field in ["region", "role"] {
        if !form.respondent_fields.iter().any(|f| f == field) {
            problems.add(
                Code::MissingLabel,
                None,
                Some(("name", 0)),
                None,
                format!("the form has no field named {field:?}; the survey import needs each respondent's {field} (a select_one, or a calculate in a form made for one area)"),
            );
        }
    }
    if form.questions.is_empty() && problems.is_empty() {
        problems.add(
            Code::ConstraintError,
            None,
            None,
            None,
            "the form has no question the hub can store",
        );
    }
    Ok(if problems.is_empty() {
        Ok((code, form, problems))
    } else {
        Err(problems)
    })
}

//! Reading an XLSForm's `survey` sheet: groups and repeats, the questions the hub keeps,
//! the respondent's own fields, and the types it lists as skipped.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::{
    Codebook, RESPONDENT_FIELDS, Skipped,
    language::{language_columns, texts},
    sheets::{Choices, Form, Question},
};
use crate::{
    domain::QuestionKind,
    import::{Code, Problems, table::Table},
};

/// Types that record how the form was filled in, not an answer.
const METADATA: [&str; 12] = [
    "start",
    "end",
    "today",
    "deviceid",
    "phonenumber",
    "username",
    "simserial",
    "subscriberid",
    "email",
    "audit",
    "start-geopoint",
    "background-audio",
];

/// Types the hub has no kind of answer for, and why.
const UNSUPPORTED: [(&str, &str); 21] = [
    ("note", "a note shows text and takes no answer"),
    ("calculate", "a calculation is not an answer"),
    ("hidden", "a hidden field is not an answer"),
    ("acknowledge", "the hub has no acknowledgement answers"),
    ("trigger", "the hub has no acknowledgement answers"),
    ("geopoint", "the hub keeps no locations"),
    ("geotrace", "the hub keeps no locations"),
    ("geoshape", "the hub keeps no locations"),
    ("date", "the hub has no date answers"),
    ("time", "the hub has no time answers"),
    ("datetime", "the hub has no date answers"),
    ("image", "the hub keeps no media"),
    ("audio", "the hub keeps no media"),
    ("video", "the hub keeps no media"),
    ("file", "the hub keeps no media"),
    ("barcode", "the hub has no barcode answers"),
    ("range", "the hub has no range answers; use integer"),
    ("rank", "the hub has no ranking answers"),
    ("xml-external", "external data is not an answer"),
    ("csv-external", "external data is not an answer"),
    (
        "select_one_from_file",
        "choices from a file cannot be checked",
    ),
];

/// A name as XForms accepts it: a letter or `_`, then letters, digits, `_`, `-`, `.`.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
}

/// One open group or repeat of the survey sheet.
struct Open {
    row: usize,
    name: String,
    repeat: bool,
}

/// Whether a `required` cell asks for an answer: `yes`, `true`, `TRUE()` or a
/// condition; empty, `no` and `false` do not.
fn is_required(cell: &str) -> bool {
    let lower = cell.trim().to_lowercase();
    !matches!(lower.as_str(), "" | "no" | "false" | "false()" | "0")
}

/// Reads the survey sheet.
pub(super) fn survey(
    table: &Table,
    choices: &Choices,
    codebook: &Codebook,
    form: &mut Form,
    problems: &mut Problems,
) {
    problems.in_sheet("survey");
    let default = form.settings.default_language.clone();
    let (Some(type_column), Some(name_column)) = (table.column("type"), table.column("name"))
    else {
        for name in ["type", "name"] {
            if table.column(name).is_none() {
                problems.add(
                    Code::MissingLabel,
                    Some(1),
                    Some((name, 0)),
                    None,
                    format!("the survey sheet needs a {name:?} column"),
                );
            }
        }
        return;
    };
    let labels = language_columns(table, "label", &default, problems);
    let hints = language_columns(table, "hint", &default, problems);
    if labels.is_empty() {
        problems.add(
            Code::MissingLabel,
            Some(1),
            Some(("label", 0)),
            None,
            "the survey sheet has no label column (label, or label::English (en) per language)",
        );
    }
    let mut languages: Vec<String> = vec![default.clone()];
    for (_, language) in labels.iter().chain(&hints) {
        if !languages.contains(language) {
            languages.push(language.clone());
        }
    }
    form.languages = languages;

    let mut open: Vec<Open> = Vec::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let cell = |name: &str| {
            let i = table.column(name)?;
            Some((row.cells.get(i).map_or("", |c| c.trim()), i + 1))
        };
        let raw_type = row.cells.get(type_column).map_or("", |c| c.trim());
        let name = row
            .cells
            .get(name_column)
            .map_or("", |c| c.trim())
            .to_owned();
        // The type's keywords in any case; the list's name as written.
        let words: Vec<&str> = raw_type.split_whitespace().collect();
        let kind = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
        let joined = (raw_type.to_lowercase().split_whitespace())
            .collect::<Vec<_>>()
            .join(" ")
            .replacen("begin_", "begin ", 1)
            .replacen("end_", "end ", 1);
        let type_at = Some(("type", type_column + 1));
        let name_at = Some(("name", name_column + 1));
        let in_repeat = open.iter().any(|o| o.repeat);
        // Closing a group or a repeat.
        if joined == "end group" || joined == "end repeat" {
            if open.pop().is_none() {
                problems.add(
                    Code::ConstraintError,
                    Some(row.number),
                    type_at,
                    Some(raw_type),
                    "this ends a group that was never begun",
                );
            }
            continue;
        }
        if raw_type.is_empty() {
            if !name.is_empty() {
                problems.add(
                    Code::ConstraintError,
                    Some(row.number),
                    type_at,
                    Some(""),
                    format!("{name:?} has no type"),
                );
            }
            continue;
        }
        if name.is_empty() {
            problems.add(
                Code::ConstraintError,
                Some(row.number),
                name_at,
                Some(""),
                format!("this {raw_type} has no name"),
            );
            continue;
        }
        if !valid_name(&name) {
            problems.add(
                Code::ConstraintError,
                Some(row.number),
                name_at,
                Some(&name),
                "a name starts with a letter or `_` and holds only letters, digits, `_`, `-` and `.`",
            );
            continue;
        }
        if let Some(first) = names.insert(name.clone(), row.number) {
            problems.add(
                Code::DuplicateRow,
                Some(row.number),
                name_at,
                Some(&name),
                format!("row {first} has this name too; every name in a form is unique"),
            );
            continue;
        }
        let path = (!open.is_empty()).then(|| {
            (open.iter().map(|o| o.name.as_str()))
                .collect::<Vec<_>>()
                .join("/")
        });
        let skip = |form: &mut Form, reason: &str| {
            form.skipped.push(Skipped {
                row: row.number,
                name: name.clone(),
                kind: raw_type.to_owned(),
                reason: reason.to_owned(),
            });
        };
        if joined == "begin group" || joined == "begin repeat" {
            let repeat = joined == "begin repeat";
            if repeat && !in_repeat {
                skip(
                    form,
                    "a repeat asks its questions many times per respondent; the hub stores one answer per question, so its questions are skipped with it",
                );
            } else if !in_repeat {
                let full = path.map_or(name.clone(), |p| format!("{p}/{name}"));
                let label = texts(&row.cells, &labels);
                form.groups.push(json!({ "path": full, "label": label }));
            }
            open.push(Open {
                row: row.number,
                name: name.clone(),
                repeat,
            });
            continue;
        }
        if in_repeat {
            skip(form, "inside a repeat");
            continue;
        }
        if RESPONDENT_FIELDS.contains(&name.as_str()) {
            form.respondent_fields.push(name.clone());
            continue;
        }
        if METADATA.contains(&kind.as_str()) {
            skip(form, "metadata of the submission, not an answer");
            continue;
        }
        if let Some((_, reason)) = UNSUPPORTED.iter().find(|(t, _)| *t == kind) {
            skip(form, reason);
            continue;
        }
        let read = match kind.as_str() {
            "integer" | "decimal" => Some((QuestionKind::Number, None)),
            "text" => Some((QuestionKind::FreeText, None)),
            "select_one" | "select_multiple" | "select_one_external" => {
                let multiple = kind == "select_multiple";
                let list = words.get(1).copied().unwrap_or_default();
                let or_other = words
                    .get(2)
                    .is_some_and(|w| w.eq_ignore_ascii_case("or_other"));
                match choices.select(list, multiple) {
                    _ if kind == "select_one_external" => {
                        skip(form, "choices from an external file cannot be checked");
                        continue;
                    }
                    None => {
                        problems.add(
                            Code::ForeignKey,
                            Some(row.number),
                            type_at,
                            Some(raw_type),
                            format!("the choices sheet has no list {list:?}"),
                        );
                        continue;
                    }
                    Some((kind, mut value)) => {
                        let spaced = choices.names_with_space(list);
                        if multiple && !spaced.is_empty() {
                            problems.add(
                                Code::ConstraintError,
                                Some(row.number),
                                type_at,
                                Some(raw_type),
                                format!("choices of a select_multiple cannot hold spaces (exports separate them by spaces): {}", spaced.join(", ")),
                            );
                            continue;
                        }
                        if or_other && let Value::Array(options) = &mut value {
                            options.push(
                                json!({ "code": "other", "labels": { default.clone(): "Other" } }),
                            );
                        }
                        Some((kind, Some(value)))
                    }
                }
            }
            _ => None,
        };
        let Some((question_kind, values)) = read else {
            problems.add(
                Code::TypeError,
                Some(row.number),
                type_at,
                Some(raw_type),
                "not an XLSForm question type the hub knows: select_one LIST, select_multiple LIST, integer, decimal, text (and the notes, calculations, locations, dates and media it lists and skips)",
            );
            continue;
        };
        let text = texts(&row.cells, &labels);
        if text.is_empty() {
            problems.add(
                Code::ConstraintError,
                Some(row.number),
                labels
                    .first()
                    .map(|(i, _)| (table.headers[*i].as_str(), i + 1)),
                Some(""),
                format!("the question {name} has no label"),
            );
            continue;
        }
        let hint = texts(&row.cells, &hints);
        let (theme, sub_code) = coding(row.number, &cell, codebook, problems);
        let (scale_labels, options) = match (question_kind, values) {
            (QuestionKind::Likert, scale) => (scale, None),
            (_, options) => (None, options),
        };
        form.questions.push(Question {
            row: row.number,
            code: name,
            kind: question_kind,
            text: Value::Object(text),
            hint: (!hint.is_empty()).then_some(Value::Object(hint)),
            required: cell("required").is_some_and(|(c, _)| is_required(c)),
            group_path: path,
            theme,
            sub_code,
            scale_labels,
            options,
        });
    }
    for group in open {
        problems.add(
            Code::ConstraintError,
            Some(group.row),
            Some(("type", type_column + 1)),
            Some(&group.name),
            "this group is never ended (end group)",
        );
    }
}

/// The `theme` and `sub_code` cells of a question, checked against the codebook.
fn coding<'a>(
    row: usize,
    cell: &dyn Fn(&str) -> Option<(&'a str, usize)>,
    codebook: &Codebook,
    problems: &mut Problems,
) -> (Option<String>, Option<String>) {
    let given = |name: &str| cell(name).filter(|(c, _)| !c.is_empty());
    let mut theme = None;
    if let Some((code, column)) = given("theme") {
        if codebook.themes.contains(code) {
            theme = Some(code.to_owned());
        } else {
            problems.add(
                Code::ForeignKey,
                Some(row),
                Some(("theme", column)),
                Some(code),
                format!(
                    "not a theme of the codebook; valid: {} (add themes with `hub import codebook`)",
                    codebook.theme_list()
                ),
            );
        }
    }
    let mut sub_code = None;
    if let Some((code, column)) = given("sub_code") {
        match codebook.sub_codes.get(code) {
            None => problems.add(
                Code::ForeignKey,
                Some(row),
                Some(("sub_code", column)),
                Some(code),
                "not a sub-code of the codebook",
            ),
            Some(of) if theme.as_ref().is_some_and(|t| t != of) => problems.add(
                Code::ConstraintError,
                Some(row),
                Some(("sub_code", column)),
                Some(code),
                format!("this sub-code belongs to the theme {of}, not to the row's theme"),
            ),
            Some(of) => {
                theme = Some(of.clone());
                sub_code = Some(code.to_owned());
            }
        }
    }
    (theme, sub_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_xml_rules() {
        assert!(valid_name("SU1"));
        assert!(valid_name("_q.2-b"));
        assert!(!valid_name("1q"));
        assert!(!valid_name("a b"));
        assert!(!valid_name("a/b"));
    }

    #[test]
    fn required_is_yes_true_or_a_condition() {
        for yes in ["yes", "TRUE()", "true", "${age} > 15"] {
            assert!(is_required(yes), "{yes}");
        }
        for no in ["", "no", "FALSE()", "false", "0"] {
            assert!(!is_required(no), "{no}");
        }
    }
}

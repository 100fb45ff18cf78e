//! Checking a survey file before anything is written: which column is which question
//! (or option, id, region, role, organisation, tool metadata), then every row.

use std::collections::HashMap;

use super::{
    ID_COLUMNS, Known,
    cells::{Cell, Column, Record, flag},
    is_tool_metadata,
};
use crate::{
    domain::{QuestionKind, Role},
    import::{
        Code, Problems, Progress, enum_code,
        table::{self, Table},
    },
};

/// Maps the header to question columns; reports what cannot be read.
pub(super) fn columns(
    table: &Table,
    known: &Known,
    problems: &mut Problems,
) -> (usize, Vec<Option<Column>>) {
    let id_column = ID_COLUMNS.iter().find_map(|name| table.column(name));
    if id_column.is_none() {
        problems.add(
            Code::MissingLabel,
            Some(1),
            Some(("id", 0)),
            None,
            format!("no id column; name one {}", ID_COLUMNS.join(", ")),
        );
    }
    for name in ["region", "role"] {
        if table.column(name).is_none() {
            problems.add(
                Code::MissingLabel,
                Some(1),
                Some((name, 0)),
                None,
                format!("the required column {name:?} is missing"),
            );
        }
    }
    let by_code: HashMap<String, usize> = known
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.code.to_lowercase(), i))
        .collect();
    let mut mapped = Vec::with_capacity(table.headers.len());
    let mut any_question = false;
    for (i, header) in table.headers.iter().enumerate() {
        let lower = header.to_lowercase();
        let column = if Some(i) == id_column
            || ["region", "role", "organisation", "municipality"].contains(&header.as_str())
        {
            None
        } else if let Some(q) = by_code.get(&lower) {
            Some(Column::Question(*q))
        } else if let Some((code, option)) = lower.split_once('/')
            && let Some(q) = by_code.get(code)
        {
            let question = &known.questions[*q];
            match question.options.get(option) {
                Some(o) if question.kind == QuestionKind::MultipleChoice => {
                    Some(Column::Option(*q, o.clone()))
                }
                _ => {
                    problems.add(
                        Code::ExtraLabel,
                        Some(1),
                        Some((header, i + 1)),
                        Some(header),
                        format!(
                            "{} has no option {option:?}; valid: {}",
                            question.code,
                            question.option_codes.join(", ")
                        ),
                    );
                    None
                }
            }
        } else {
            if header.is_empty() {
                problems.add(
                    Code::BlankLabel,
                    Some(1),
                    Some(("", i + 1)),
                    None,
                    "a column has no name",
                );
            } else if !is_tool_metadata(header) {
                problems.add(
                    Code::ExtraLabel,
                    Some(1),
                    Some((header, i + 1)),
                    Some(header),
                    format!("{header:?} is neither a question of the survey nor a known column"),
                );
            }
            None
        };
        if table.headers[..i].contains(header) {
            problems.add(
                Code::DuplicateLabel,
                Some(1),
                Some((header, i + 1)),
                Some(header),
                format!("column {header:?} appears more than once"),
            );
        }
        any_question |= column.is_some();
        mapped.push(column);
    }
    if !any_question && !table.headers.is_empty() {
        let codes: Vec<&str> = known.questions.iter().map(|q| q.code.as_str()).collect();
        problems.add(
            Code::MissingLabel,
            Some(1),
            None,
            None,
            format!(
                "no column is a question of the survey; its questions: {}",
                codes.join(", ")
            ),
        );
    }
    (id_column.unwrap_or(0), mapped)
}

pub(super) fn validate(
    table: &Table,
    known: &Known,
    id_column: usize,
    mapped: &[Option<Column>],
    problems: &mut Problems,
    progress: &dyn Progress,
) -> (Vec<Record>, u64) {
    let widths = table::check_widths(table, problems);
    let region_column = table.column("region").unwrap_or(0);
    let role_column = table.column("role").unwrap_or(0);
    let organisation_column = table.column("organisation");
    let municipality_column = table.column("municipality");
    let mut first_row: HashMap<&str, usize> = HashMap::new();
    let mut records = Vec::with_capacity(table.rows.len());
    let mut rejected = 0;
    for (n, (row, width_ok)) in table.rows.iter().zip(widths).enumerate() {
        if n % 4096 == 0 {
            progress.advance(4096.min(table.rows.len() - n) as u64);
        }
        if !width_ok {
            rejected += 1;
            continue;
        }
        let mut ok = true;
        let mut fail = |code: Code, column: usize, message: String| {
            problems.add(
                code,
                Some(row.number),
                Some((&table.headers[column], column + 1)),
                Some(&row.cells[column]),
                message,
            );
            ok = false;
        };
        let id = row.cells[id_column].trim();
        if id.is_empty() {
            fail(
                Code::ConstraintError,
                id_column,
                "the respondent's id is required".into(),
            );
        } else if let Some(first) = first_row.get(id) {
            fail(
                Code::DuplicateRow,
                id_column,
                format!("id {id:?} is also on row {first}"),
            );
        } else {
            first_row.insert(id, row.number);
        }
        let region_text = row.cells[region_column].trim();
        let region_id = known.regions.id(region_text);
        if region_text.is_empty() {
            fail(
                Code::ConstraintError,
                region_column,
                "the region is required".into(),
            );
        } else if region_id.is_none() {
            fail(
                Code::ForeignKey,
                region_column,
                format!("unknown region; valid: {}", known.regions.codes),
            );
        }
        // Without the column the stored municipality is kept; an empty cell clears it.
        let municipality_id = municipality_column.map(|c| {
            let text = row.cells[c].trim();
            match region_id {
                Some(region) if !text.is_empty() => {
                    match known.regions.municipality(region, text) {
                        Ok(id) => Some(id),
                        Err(message) => {
                            fail(Code::ForeignKey, c, message);
                            None
                        }
                    }
                }
                _ => None,
            }
        });
        let role_text = row.cells[role_column].trim();
        let role: Option<Role> = enum_code(role_text);
        if role_text.is_empty() {
            fail(
                Code::ConstraintError,
                role_column,
                "the role is required".into(),
            );
        } else if role.is_none() {
            fail(
                Code::ConstraintError,
                role_column,
                format!("unknown role; valid: {}", Role::CODES.join(", ")),
            );
        }
        let organisation_id = match organisation_column {
            Some(c) if !row.cells[c].trim().is_empty() => {
                let found = known.organisations.get(row.cells[c].trim()).copied();
                if found.is_none() {
                    fail(
                        Code::ForeignKey,
                        c,
                        "no organisation in the registry has this id".into(),
                    );
                }
                found
            }
            _ => None,
        };
        let mut answers: Vec<(i32, Cell)> = Vec::with_capacity(mapped.len());
        let mut flags: HashMap<usize, Vec<String>> = HashMap::new();
        for (c, column) in mapped.iter().enumerate() {
            match column {
                Some(Column::Question(q)) => {
                    let question = &known.questions[*q];
                    match question.read(&row.cells[c]) {
                        Ok(Some(cell)) => answers.push((question.id, cell)),
                        Ok(None) => {}
                        Err((code, message)) => fail(code, c, message),
                    }
                }
                Some(Column::Option(q, option)) => match flag(&row.cells[c]) {
                    Ok(true) => flags.entry(*q).or_default().push(option.clone()),
                    Ok(false) => {
                        flags.entry(*q).or_default();
                    }
                    Err(()) => fail(Code::TypeError, c, "an option column holds 1 or 0".into()),
                },
                None => {}
            }
        }
        for (q, chosen) in flags {
            let question = &known.questions[q];
            if chosen.is_empty() || answers.iter().any(|(id, _)| *id == question.id) {
                continue;
            }
            answers.push((question.id, Cell::Choices(chosen)));
        }
        answers.sort_by_key(|(id, _)| *id);
        match (ok, region_id, role) {
            (true, Some(region_id), Some(role)) => records.push(Record {
                row: row.number,
                external_id: id.to_owned(),
                region_id,
                role,
                organisation_id,
                municipality_id,
                answers,
            }),
            _ => rejected += 1,
        }
    }
    (records, rejected)
}

//! `hub import codebook FILE`: the themes and sub-codes that findings are coded with,
//! with names (and the themes' descriptions) per language. The file is the whole
//! codebook: codes are added or updated, and a stored code the file leaves out is
//! removed, unless findings, questions or collaborations use it (then the import is
//! refused with the count). Positions follow the file's order.

use std::{collections::HashMap, path::Path};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use serde_json::{Map, Value};

use super::{Code, Options, Outcome, Problems, Progress, Summary, table};
use crate::{
    entity::{collaboration_theme, finding, question, sub_code, theme},
    error::Result,
    service::version,
};

/// Columns every file must have.
pub const REQUIRED: [&str; 2] = ["theme", "name::en"];

/// A column of texts per language: `name::sv`, `description::pt`.
fn language_of<'a>(header: &'a str, prefix: &str) -> Option<&'a str> {
    header
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix("::"))
        .filter(|l| l.len() == 2 && l.chars().all(|c| c.is_ascii_lowercase()))
}

fn optional_column(header: &str) -> bool {
    header == "sub_code"
        || language_of(header, "name").is_some()
        || language_of(header, "description").is_some()
}

/// One row: a theme (no sub-code) or one of its sub-codes.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    row: usize,
    /// The theme's code.
    pub theme: String,
    /// The sub-code, on a sub-code's row.
    pub sub_code: Option<String>,
    /// Names by language.
    pub name: Value,
    description: Value,
}

fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// The texts of a row in the columns `prefix::xx`, as a JSON object by language.
fn texts(table: &table::Table, cells: &[String], prefix: &str) -> Value {
    let mut map = Map::new();
    for (i, header) in table.headers.iter().enumerate() {
        if let Some(lang) = language_of(header, prefix) {
            let text = cells.get(i).map_or("", |c| c.trim());
            if !text.is_empty() {
                map.insert(lang.to_owned(), Value::String(text.to_owned()));
            }
        }
    }
    Value::Object(map)
}

/// The valid rows of `table`, and how many were rejected (their problems added).
pub(crate) fn validate(table: &table::Table, problems: &mut Problems) -> (Vec<Entry>, u64) {
    let widths = table::check_widths(table, problems);
    let column = |name: &str| table.column(name).map_or(0, |i| i + 1);
    let mut entries = Vec::new();
    let mut rejected = 0;
    let mut seen: HashMap<(String, Option<String>), usize> = HashMap::new();
    let mut sub_codes: HashMap<String, usize> = HashMap::new();
    for (row, width_ok) in table.rows.iter().zip(widths) {
        if !width_ok {
            rejected += 1;
            continue;
        }
        let before = problems.len();
        let cell = |name: &str| table.column(name).map_or("", |i| row.cells[i].trim());
        let theme = cell("theme").to_owned();
        let sub = Some(cell("sub_code").to_owned()).filter(|s| !s.is_empty());
        for (name, code) in [("theme", Some(&theme)), ("sub_code", sub.as_ref())] {
            if let Some(code) = code
                && !valid_code(code)
            {
                problems.add(
                    Code::ConstraintError,
                    Some(row.number),
                    Some((name, column(name))),
                    Some(code),
                    "a code is 1 to 64 capital letters, digits and `_`, e.g. SHARED_UNDERSTANDING",
                );
            }
        }
        if cell("name::en").is_empty() {
            problems.add(
                Code::ConstraintError,
                Some(row.number),
                Some(("name::en", column("name::en"))),
                Some(""),
                "every code needs its English name (the fallback of every language)",
            );
        }
        let description = texts(table, &row.cells, "description");
        if sub.is_some() && description.as_object().is_some_and(|d| !d.is_empty()) {
            problems.add(
                Code::ConstraintError,
                Some(row.number),
                None,
                None,
                "a sub-code has a name, not a description; put the description on its theme's row",
            );
        }
        let key = (theme.clone(), sub.clone());
        if let Some(first) = seen.get(&key) {
            problems.add(
                Code::DuplicateRow,
                Some(row.number),
                Some(("theme", column("theme"))),
                Some(&theme),
                format!("this code is also on row {first}"),
            );
        } else if let Some(s) = &sub
            && let Some(first) = sub_codes.get(s)
        {
            problems.add(
                Code::DuplicateRow,
                Some(row.number),
                Some(("sub_code", column("sub_code"))),
                Some(s),
                format!("this sub-code is also on row {first}, under another theme"),
            );
        } else {
            seen.insert(key, row.number);
            if let Some(s) = &sub {
                sub_codes.insert(s.clone(), row.number);
            }
        }
        if problems.len() > before {
            rejected += 1;
            continue;
        }
        entries.push(Entry {
            row: row.number,
            theme,
            sub_code: sub,
            name: texts(table, &row.cells, "name"),
            description,
        });
    }
    // A sub-code belongs to a theme of the file.
    for entry in entries.iter().filter(|e| e.sub_code.is_some()) {
        if !seen.contains_key(&(entry.theme.clone(), None)) {
            problems.add(
                Code::ForeignKey,
                Some(entry.row),
                Some(("theme", column("theme"))),
                Some(&entry.theme),
                "the theme of this sub-code has no row of its own (a row with an empty sub_code)",
            );
            rejected += 1;
        }
    }
    (entries, rejected)
}

/// How many stored rows use a theme or sub-code: findings, questions, collaborations.
async fn uses(txn: &impl ConnectionTrait, theme: &str, sub: Option<&str>) -> Result<u64> {
    Ok(match sub {
        Some(sub) => {
            finding::Entity::find()
                .filter(finding::Column::SubCode.eq(sub))
                .count(txn)
                .await?
                + question::Entity::find()
                    .filter(question::Column::SubCode.eq(sub))
                    .count(txn)
                    .await?
        }
        None => {
            finding::Entity::find()
                .filter(finding::Column::ThemeCode.eq(theme))
                .count(txn)
                .await?
                + question::Entity::find()
                    .filter(question::Column::ThemeCode.eq(theme))
                    .count(txn)
                    .await?
                + collaboration_theme::Entity::find()
                    .filter(collaboration_theme::Column::ThemeCode.eq(theme))
                    .count(txn)
                    .await?
        }
    })
}

/// Validates `path` and, when it has no problems, writes it in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    path: &Path,
    options: Options,
    progress: &dyn Progress,
) -> Result<Outcome> {
    let (mut problems, table) =
        match super::open_table(path, &options, progress, &REQUIRED, &optional_column)? {
            Ok(read) => read,
            Err(refused) => return Ok(refused),
        };
    let (entries, rejected) = validate(&table, &mut problems);
    let txn = crate::db::begin_write(db).await?;
    let themes: HashMap<String, theme::Model> = theme::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| (t.code.clone(), t))
        .collect();
    let subs: HashMap<String, sub_code::Model> = sub_code::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (s.code.clone(), s))
        .collect();
    // What the file leaves out is removed, unless something uses it.
    let in_file: std::collections::HashSet<(&str, Option<&str>)> = entries
        .iter()
        .map(|e| (e.theme.as_str(), e.sub_code.as_deref()))
        .collect();
    let mut removed_subs = Vec::new();
    for s in subs.values() {
        if !in_file.contains(&(s.theme_code.as_str(), Some(s.code.as_str()))) {
            let used = uses(&txn, &s.theme_code, Some(&s.code)).await?;
            if used > 0 {
                problems.add(
                    Code::ConstraintError,
                    None,
                    Some(("sub_code", 0)),
                    Some(&s.code),
                    format!("the file leaves out the sub-code {} of {}, which {used} findings and questions use; keep its row, or recode them first", s.code, s.theme_code),
                );
            } else {
                removed_subs.push(s.code.clone());
            }
        }
    }
    let mut removed_themes = Vec::new();
    for t in themes.values() {
        if !in_file.contains(&(t.code.as_str(), None)) {
            let used = uses(&txn, &t.code, None).await?;
            if used > 0 {
                problems.add(
                    Code::ConstraintError,
                    None,
                    Some(("theme", 0)),
                    Some(&t.code),
                    format!("the file leaves out the theme {}, which {used} findings, questions and collaborations use; keep its row", t.code),
                );
            } else {
                removed_themes.push(t.code.clone());
            }
        }
    }
    if !problems.is_empty() {
        txn.rollback().await?;
        return Ok(problems.refuse(rejected));
    }

    progress.stage("writing", entries.len() as u64);
    let mut summary = Summary::default();
    sub_code::Entity::delete_many()
        .filter(sub_code::Column::Code.is_in(removed_subs.clone()))
        .exec(&txn)
        .await?;
    // Themes first (sub-codes refer to them), then sub-codes, both in file order.
    for (position, entry) in (1..).zip(entries.iter().filter(|e| e.sub_code.is_none())) {
        let model = theme::Model {
            code: entry.theme.clone(),
            position,
            name: entry.name.clone(),
            description: entry.description.clone(),
        };
        match themes.get(&entry.theme) {
            Some(stored) if *stored == model => summary.unchanged += 1,
            Some(_) => {
                let active: theme::ActiveModel = model.into();
                active.reset_all().update(&txn).await?;
                summary.updated += 1;
            }
            None => {
                let active: theme::ActiveModel = model.into();
                active.insert(&txn).await?;
                summary.inserted += 1;
            }
        }
        progress.advance(1);
    }
    for (position, entry) in (1..).zip(entries.iter().filter(|e| e.sub_code.is_some())) {
        let code = entry.sub_code.clone().unwrap_or_default();
        let model = sub_code::Model {
            code: code.clone(),
            theme_code: entry.theme.clone(),
            position,
            name: entry.name.clone(),
        };
        match subs.get(&code) {
            Some(stored) if *stored == model => summary.unchanged += 1,
            Some(_) => {
                let active: sub_code::ActiveModel = model.into();
                active.reset_all().update(&txn).await?;
                summary.updated += 1;
            }
            None => {
                let active: sub_code::ActiveModel = model.into();
                active.insert(&txn).await?;
                summary.inserted += 1;
            }
        }
        progress.advance(1);
    }
    theme::Entity::delete_many()
        .filter(theme::Column::Code.is_in(removed_themes.clone()))
        .exec(&txn)
        .await?;
    summary.removed = (removed_subs.len() + removed_themes.len()) as u64;
    if summary.inserted + summary.updated + summary.removed > 0 {
        version::bump(&txn).await?;
    }
    super::audit(&txn, &options, "codebook", path, &summary).await?;
    txn.commit().await?;
    Ok(Outcome::Written { summary })
}

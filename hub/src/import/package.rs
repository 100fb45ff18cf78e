//! `hub import datapackage DIR`: restores a whole `hub export data` folder into an empty
//! database (to move a hub from SQLite to PostgreSQL, or to check a round trip). Every
//! table is read and checked (types, required cells, enums, foreign keys) before one
//! transaction writes them all with their ids.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, IdenStatic, Iterable, QueryFilter,
    sea_query::ColumnType,
};
use serde_json::{Map, Value};

use super::{Code, Options, Outcome, Problems, Progress, Summary, table};
use crate::{
    db::{insert_chunked, reset_sequences},
    demo,
    entity::{
        answer, collaboration, collaboration_organisation, collaboration_theme, dataset_meta,
        finding, guidance, guidance_link, interview, municipality, organisation, question, region,
        respondent, sub_code, survey, theme,
    },
    error::{Error, Result},
    export::data::{FOREIGN_KEYS, enum_values},
    service::version,
};

type Row = Map<String, Value>;

/// A table read from the folder: each row with the file row it came from.
struct Loaded {
    name: &'static str,
    rows: Vec<(usize, Row)>,
}

use dashboard::csv::undefuse;

fn typed(text: &str, column: &ColumnType) -> std::result::Result<Value, String> {
    match column {
        ColumnType::TinyInteger
        | ColumnType::SmallInteger
        | ColumnType::Integer
        | ColumnType::BigInteger => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| "not a whole number".to_owned()),
        ColumnType::Float | ColumnType::Double => text
            .parse::<f64>()
            .map(Value::from)
            .map_err(|_| "not a number".to_owned()),
        ColumnType::Boolean => match text {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" => Ok(Value::Bool(false)),
            _ => Err("not true or false".to_owned()),
        },
        ColumnType::Json | ColumnType::JsonBinary => {
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))
        }
        ColumnType::Date => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(|_| Value::String(text.to_owned()))
            .map_err(|_| "not a date in the form YYYY-MM-DD".to_owned()),
        _ => Ok(Value::String(undefuse(text).to_owned())),
    }
}

/// Reads `name.csv` as entity `E`: the header must be E's columns (`computed` ones may be
/// left out and are filled by `fill`), every cell of its column's type.
fn load<E>(
    dir: &Path,
    name: &'static str,
    computed: &[&str],
    fill: impl Fn(&mut Row),
    options: &Options,
    problems: &mut Vec<super::Problem>,
) -> Result<Loaded>
where
    E: EntityTrait,
    E::Model: serde::de::DeserializeOwned,
{
    let path = dir.join(format!("{name}.csv"));
    let mut found = Problems::new(&path, options.max_problems);
    if !path.exists() {
        found.add(Code::FormatError, None, None, None, "the file is missing");
        problems.extend(found.into_parts().0);
        return Ok(Loaded {
            name,
            rows: Vec::new(),
        });
    }
    let table = table::read(&path, &options.file_limits, &mut found)?;
    let columns: Vec<E::Column> = E::Column::iter().collect();
    let required: Vec<&str> = columns
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !computed.contains(c))
        .collect();
    let optional = |h: &str| computed.contains(&h) || columns.iter().any(|c| c.as_str() == h);
    table::check_header(&table, &required, &optional, &|_| false, &mut found);
    let widths = table::check_widths(&table, &mut found);
    let mut rows = Vec::with_capacity(table.rows.len());
    if found.is_empty() {
        for (row, ok) in table.rows.iter().zip(widths) {
            if !ok {
                continue;
            }
            let mut object = Row::new();
            let mut good = true;
            for column in &columns {
                let key = column.as_str();
                let Some(i) = table.column(key) else {
                    continue;
                };
                let text = row.cells[i].as_str();
                let def = column.def();
                let value = if text.is_empty() {
                    if !def.is_null()
                        && !matches!(
                            def.get_column_type(),
                            ColumnType::String(_) | ColumnType::Text
                        )
                    {
                        found.add(
                            Code::ConstraintError,
                            Some(row.number),
                            Some((key, i + 1)),
                            Some(text),
                            format!("{key} is required"),
                        );
                        good = false;
                    }
                    if def.is_null() {
                        Value::Null
                    } else {
                        Value::String(String::new())
                    }
                } else {
                    match typed(text, def.get_column_type()) {
                        Ok(v) => v,
                        Err(message) => {
                            found.add(
                                Code::TypeError,
                                Some(row.number),
                                Some((key, i + 1)),
                                Some(text),
                                message,
                            );
                            good = false;
                            Value::Null
                        }
                    }
                };
                if let (Some(valid), Value::String(s)) = (enum_values(name, key), &value)
                    && !valid.contains(&s.as_str())
                {
                    found.add(
                        Code::ConstraintError,
                        Some(row.number),
                        Some((key, i + 1)),
                        Some(text),
                        format!("unknown value; valid: {}", valid.join(", ")),
                    );
                    good = false;
                }
                object.insert(key.to_owned(), value);
            }
            fill(&mut object);
            if good
                && let Err(error) =
                    serde_json::from_value::<E::Model>(Value::Object(object.clone()))
            {
                found.add(
                    Code::TypeError,
                    Some(row.number),
                    None,
                    None,
                    error.to_string(),
                );
                good = false;
            }
            if good {
                rows.push((row.number, object));
            }
        }
    }
    problems.extend(found.into_parts().0);
    Ok(Loaded { name, rows })
}

/// Checks every foreign key against the rows of the table it points to.
fn check_keys(dir: &Path, tables: &[Loaded], problems: &mut Vec<super::Problem>) {
    let by_name: HashMap<&str, &Loaded> = tables.iter().map(|t| (t.name, t)).collect();
    for (resource, column, target, target_column) in FOREIGN_KEYS {
        let (Some(from), Some(to)) = (by_name.get(resource), by_name.get(target)) else {
            continue;
        };
        let known: HashSet<String> = to
            .rows
            .iter()
            .map(|(_, r)| r[target_column].to_string())
            .collect();
        for (number, row) in &from.rows {
            let value = &row[column];
            if !value.is_null() && !known.contains(&value.to_string()) {
                problems.push(super::Problem {
                    file: dir.join(format!("{resource}.csv")).display().to_string(),
                    sheet: None,
                    row: Some(*number),
                    column: Some(column.to_owned()),
                    column_number: None,
                    value: Some(value.to_string()),
                    code: Code::ForeignKey,
                    message: format!("no {target} has the {target_column} {value}"),
                });
            }
        }
    }
}

async fn write<E>(txn: &impl sea_orm::ConnectionTrait, loaded: &Loaded) -> Result<u64>
where
    E: EntityTrait,
    E::Model: serde::de::DeserializeOwned + sea_orm::IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send,
{
    let mut models = Vec::with_capacity(loaded.rows.len());
    for (_, row) in &loaded.rows {
        models.push(serde_json::from_value::<E::Model>(Value::Object(
            row.clone(),
        ))?);
    }
    let n = models.len() as u64;
    insert_chunked(txn, models).await?;
    Ok(n)
}

/// Restores the folder `dir` into the empty database `db`.
pub async fn import(
    db: &DatabaseConnection,
    dir: &Path,
    options: Options,
    progress: &dyn Progress,
) -> Result<Outcome> {
    if !demo::is_empty(db).await? {
        return Err(Error::bad_input(
            "database",
            "already holds data; restore a data package into an empty database",
        ));
    }
    progress.stage("reading", 16);
    let mut problems = Vec::new();
    let fold = |row: &mut Row| {
        let name = row
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_lowercase();
        row.insert("name_folded".into(), Value::String(name));
        row.entry("municipality_id").or_insert(Value::Null);
    };
    // Columns added after the first release: a package written before them has none.
    let placed = |row: &mut Row| {
        row.entry("municipality_id").or_insert(Value::Null);
    };
    let sourced = |row: &mut Row| {
        row.entry("population_source").or_insert(Value::Null);
        row.entry("population_year").or_insert(Value::Null);
    };
    let search = |row: &mut Row| {
        let quote = row.get("quote").and_then(Value::as_str).unwrap_or_default();
        let text = match row.get("translation").and_then(Value::as_str) {
            Some(t) => format!("{quote}\n{t}"),
            None => quote.to_owned(),
        };
        row.insert("search_text".into(), Value::String(text.to_lowercase()));
    };
    let free_text = |row: &mut Row| {
        row.entry("text").or_insert(Value::Null);
    };
    let none = |_: &mut Row| {};
    let tables = vec![
        load::<region::Entity>(
            dir,
            "region",
            &["population_source", "population_year"],
            sourced,
            &options,
            &mut problems,
        )?,
        if dir.join("municipality.csv").exists() {
            load::<municipality::Entity>(dir, "municipality", &[], none, &options, &mut problems)?
        } else {
            Loaded {
                name: "municipality",
                rows: Vec::new(),
            }
        },
        load::<organisation::Entity>(
            dir,
            "organisation",
            &["name_folded", "municipality_id"],
            fold,
            &options,
            &mut problems,
        )?,
        load::<theme::Entity>(dir, "theme", &[], none, &options, &mut problems)?,
        load::<sub_code::Entity>(dir, "sub_code", &[], none, &options, &mut problems)?,
        load::<survey::Entity>(dir, "survey", &[], none, &options, &mut problems)?,
        load::<question::Entity>(dir, "question", &[], none, &options, &mut problems)?,
        load::<respondent::Entity>(
            dir,
            "respondent",
            &["municipality_id"],
            placed,
            &options,
            &mut problems,
        )?,
        load::<answer::Entity>(dir, "answer", &["text"], free_text, &options, &mut problems)?,
        load::<interview::Entity>(dir, "interview", &[], none, &options, &mut problems)?,
        load::<finding::Entity>(
            dir,
            "finding",
            &["search_text"],
            search,
            &options,
            &mut problems,
        )?,
        load::<collaboration::Entity>(dir, "collaboration", &[], none, &options, &mut problems)?,
        load::<collaboration_organisation::Entity>(
            dir,
            "collaboration_organisation",
            &[],
            none,
            &options,
            &mut problems,
        )?,
        load::<collaboration_theme::Entity>(
            dir,
            "collaboration_theme",
            &[],
            none,
            &options,
            &mut problems,
        )?,
        load::<guidance::Entity>(dir, "guidance", &[], none, &options, &mut problems)?,
        load::<guidance_link::Entity>(dir, "guidance_link", &[], none, &options, &mut problems)?,
        load::<dataset_meta::Entity>(dir, "dataset_meta", &[], none, &options, &mut problems)?,
    ];
    check_keys(dir, &tables, &mut problems);
    if !problems.is_empty() {
        let more = problems.len().saturating_sub(options.max_problems);
        problems.truncate(options.max_problems);
        return Ok(Outcome::Refused {
            summary: Summary {
                rejected: problems
                    .iter()
                    .filter_map(|p| p.row)
                    .collect::<HashSet<_>>()
                    .len() as u64,
                ..Summary::default()
            },
            problems,
            more,
        });
    }
    progress.stage("writing", tables.len() as u64);
    tracing::info!(folder = %dir.display(), "writing the data package");
    let txn = crate::db::begin_write(db).await?;
    let mut inserted = 0;
    // Successors may come later in the file: organisations go in without them first.
    let mut organisations = Loaded {
        name: "organisation",
        rows: Vec::new(),
    };
    let mut successors = Vec::new();
    for t in &tables {
        let table = match t.name {
            "organisation" => {
                for (n, row) in &t.rows {
                    let mut row = row.clone();
                    if let Some(s) = row
                        .insert("successor_id".into(), Value::Null)
                        .filter(|s| !s.is_null())
                    {
                        successors.push((row["id"].clone(), s));
                    }
                    organisations.rows.push((*n, row));
                }
                &organisations
            }
            _ => t,
        };
        inserted += match t.name {
            "region" => write::<region::Entity>(&txn, table).await?,
            "municipality" => write::<municipality::Entity>(&txn, table).await?,
            "organisation" => write::<organisation::Entity>(&txn, table).await?,
            "theme" => write::<theme::Entity>(&txn, table).await?,
            "sub_code" => write::<sub_code::Entity>(&txn, table).await?,
            "survey" => write::<survey::Entity>(&txn, table).await?,
            "question" => write::<question::Entity>(&txn, table).await?,
            "respondent" => write::<respondent::Entity>(&txn, table).await?,
            "answer" => write::<answer::Entity>(&txn, table).await?,
            "interview" => write::<interview::Entity>(&txn, table).await?,
            "finding" => write::<finding::Entity>(&txn, table).await?,
            "collaboration" => write::<collaboration::Entity>(&txn, table).await?,
            "collaboration_organisation" => {
                write::<collaboration_organisation::Entity>(&txn, table).await?
            }
            "collaboration_theme" => write::<collaboration_theme::Entity>(&txn, table).await?,
            "guidance" => write::<guidance::Entity>(&txn, table).await?,
            "guidance_link" => write::<guidance_link::Entity>(&txn, table).await?,
            "dataset_meta" => write::<dataset_meta::Entity>(&txn, table).await?,
            _ => 0,
        };
        progress.advance(1);
    }
    for (id, successor) in successors {
        let (Some(id), Some(successor)) = (id.as_i64(), successor.as_i64()) else {
            continue;
        };
        organisation::Entity::update_many()
            .col_expr(
                organisation::Column::SuccessorId,
                sea_orm::sea_query::Expr::value(successor),
            )
            .filter(organisation::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    version::bump(&txn).await?;
    let summary = Summary {
        inserted,
        ..Summary::default()
    };
    super::audit(&txn, &options, "datapackage", dir, &summary).await?;
    txn.commit().await?;
    reset_sequences(db).await?;
    Ok(Outcome::Written { summary })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_defused_cell_reads_back_as_stored_and_never_as_a_live_formula() {
        for stored in [
            "=1+1", "'=1+1", "''=x", "-0.4", "'-0.4", "plain", "'plain", "@x", "+SUM(A1)",
        ] {
            let exported = dashboard::csv::defuse(stored);
            assert!(
                !exported.starts_with(['=', '+', '@']),
                "{stored:?} exported as {exported:?}"
            );
            assert_eq!(undefuse(&exported), stored, "exported as {exported:?}");
        }
    }
}

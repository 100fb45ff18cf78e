//! Writes of the codebook by admins: a sub-code added to a theme, or its names changed
//! (its code stays, so the findings and questions coded with it keep it). Checked by
//! the codebook importer's rules, as the theme's row and the sub-code's row of a file.

use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};

use super::version_of;
use crate::{
    access::{
        Role, Viewer,
        audit::{self, Event},
    },
    entity::{sub_code, theme},
    error::{Error, FieldProblem, Result},
    import::{Problems, codebook},
};

/// Names by language: a text per language code; an empty text removes that language.
pub type Names = Vec<(String, String)>;

fn problem(field: String, code: &str, value: Option<String>, message: String) -> Error {
    Error::Invalid(vec![FieldProblem {
        field,
        code: code.to_owned(),
        value,
        message,
    }])
}

fn only_admins() -> Error {
    Error::Forbidden("only admins change the codebook".into())
}

/// `stored` names with `names` applied.
fn merged(stored: &Value, names: &Names) -> Result<BTreeMap<String, String>> {
    let mut all: BTreeMap<String, String> = (stored.as_object().into_iter().flatten())
        .filter_map(|(l, t)| Some((l.clone(), t.as_str()?.to_owned())))
        .collect();
    for (i, (language, text)) in names.iter().enumerate() {
        let language = language.trim().to_ascii_lowercase();
        if !crate::domain::is_iso_639_1(&language) {
            return Err(problem(
                format!("names[{i}].language"),
                "constraint-error",
                Some(language),
                "not an ISO 639-1 language code, e.g. sv or pt".into(),
            ));
        }
        if text.trim().is_empty() {
            all.remove(&language);
        } else {
            all.insert(language, text.trim().to_owned());
        }
    }
    Ok(all)
}

/// The sub-code `code` of `theme` with `names`, checked by the importer's rules as a
/// file with the theme's row and the sub-code's row; its names as stored.
fn checked(theme: &theme::Model, code: &str, names: &BTreeMap<String, String>) -> Result<Value> {
    let theme_names = theme.name.as_object().cloned().unwrap_or_default();
    let languages: std::collections::BTreeSet<&String> =
        names.keys().chain(theme_names.keys()).collect();
    let mut headers = vec!["theme".to_owned(), "sub_code".to_owned()];
    headers.extend(languages.iter().map(|l| format!("name::{l}")));
    let theme_row: Vec<String> = [theme.code.clone(), String::new()]
        .into_iter()
        .chain(languages.iter().map(|l| {
            (theme_names.get(*l).and_then(Value::as_str))
                .unwrap_or_default()
                .to_owned()
        }))
        .collect();
    let code_row: Vec<String> = [theme.code.clone(), code.to_owned()]
        .into_iter()
        .chain(
            languages
                .iter()
                .map(|l| names.get(*l).cloned().unwrap_or_default()),
        )
        .collect();
    let table = crate::import::table::Table {
        headers,
        rows: vec![
            crate::import::table::Row {
                number: 2,
                cells: theme_row,
            },
            crate::import::table::Row {
                number: 3,
                cells: code_row,
            },
        ],
    };
    let mut problems = Problems::new(std::path::Path::new("input"), 50);
    let (entries, _) = codebook::validate(&table, &mut problems);
    if !problems.is_empty() {
        let (list, _) = problems.into_parts();
        return Err(Error::Invalid(
            list.into_iter()
                .map(|p| FieldProblem {
                    field: match p.column.as_deref() {
                        Some("sub_code") => "code".to_owned(),
                        Some(c) if c.starts_with("name::") => format!("names.{}", &c[6..]),
                        Some(c) => c.to_owned(),
                        None => "names".to_owned(),
                    },
                    code: p.code.to_string(),
                    value: p.value,
                    message: p.message,
                })
                .collect(),
        ));
    }
    (entries.into_iter().find(|e| e.sub_code.is_some()))
        .map(|e| e.name)
        .ok_or_else(|| Error::bad_input("code", "the sub-code has problems"))
}

/// Adds sub-code `code` to theme `theme_code`, after its other sub-codes.
pub async fn add_sub_code(
    db: &DatabaseConnection,
    viewer: &Viewer,
    theme_code: &str,
    code: &str,
    names: &Names,
) -> Result<sub_code::Model> {
    if !viewer.has(Role::Admin) {
        return Err(only_admins());
    }
    let theme_code = theme_code.trim().to_ascii_uppercase();
    let code = code.trim().to_owned();
    let Some(theme) = theme::Entity::find_by_id(theme_code.clone())
        .one(db)
        .await?
    else {
        let valid: Vec<String> = (theme::Entity::find().all(db).await?.into_iter())
            .map(|t| t.code)
            .collect();
        return Err(problem(
            "themeCode".into(),
            "foreign-key",
            Some(theme_code),
            format!("unknown theme; valid: {}", valid.join(", ")),
        ));
    };
    let name = checked(&theme, &code, &merged(&Value::Null, names)?)?;
    let txn = crate::db::begin_write(db).await?;
    if let Some(taken) = sub_code::Entity::find_by_id(code.clone()).one(&txn).await? {
        txn.rollback().await?;
        return Err(problem(
            "code".into(),
            "duplicate-row",
            Some(code),
            format!("the theme {} has this sub-code already", taken.theme_code),
        ));
    }
    let last = sub_code::Entity::find()
        .filter(sub_code::Column::ThemeCode.eq(theme.code.as_str()))
        .order_by_desc(sub_code::Column::Position)
        .one(&txn)
        .await?;
    let model = sub_code::Model {
        code: code.clone(),
        theme_code: theme.code.clone(),
        position: last.map_or(1, |s| s.position + 1),
        name,
    };
    let inserted = sub_code::ActiveModel::from(model).insert(&txn).await?;
    crate::service::version::bump_beside_answers(&txn).await?;
    let event = Event::new(
        "sub_code.create",
        "sub_code",
        &code,
        json!({ "before": null, "after": inserted, "version": version_of(&inserted) }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(inserted)
}

/// Changes the names of sub-code `code`, if it is still at `expected`.
pub async fn rename_sub_code(
    db: &DatabaseConnection,
    viewer: &Viewer,
    (code, expected): (&str, &str),
    names: &Names,
) -> Result<sub_code::Model> {
    if !viewer.has(Role::Admin) {
        return Err(only_admins());
    }
    let code = code.trim();
    let stored = (sub_code::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?)
        .ok_or_else(|| Error::not_found("sub-code", code.to_owned()))?;
    let theme = (theme::Entity::find_by_id(stored.theme_code.clone())
        .one(db)
        .await?)
        .ok_or_else(|| Error::not_found("theme", stored.theme_code.clone()))?;
    let name = checked(&theme, code, &merged(&stored.name, names)?)?;
    let txn = crate::db::begin_write(db).await?;
    let before = (sub_code::Entity::find_by_id(code.to_owned())
        .one(&txn)
        .await?)
        .ok_or_else(|| Error::not_found("sub-code", code.to_owned()))?;
    let current_version = version_of(&before);
    if current_version != expected {
        txn.rollback().await?;
        return Err(Error::Conflict {
            what: "sub-code",
            id: code.to_owned(),
            expected: expected.to_owned(),
            current: json!(before),
            current_version,
        });
    }
    let after = sub_code::Model {
        name,
        ..before.clone()
    };
    if after == before {
        txn.commit().await?;
        return Ok(before);
    }
    let active: sub_code::ActiveModel = after.clone().into();
    active.reset_all().update(&txn).await?;
    crate::service::version::bump_beside_answers(&txn).await?;
    let event = Event::new(
        "sub_code.update",
        "sub_code",
        code,
        json!({ "before": before, "after": after, "version": version_of(&after) }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(after)
}

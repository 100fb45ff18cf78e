//! The Frictionless `datapackage.json` of a data export: every table's fields, primary
//! and foreign keys, and the values of its enumerated columns.

use serde_json::{Value, json};

use super::Written;
use crate::domain::{Agreement, OrganisationKind, OrganisationStatus, QuestionKind, Role};

/// Foreign keys: (resource, column, referenced resource, referenced column).
pub(crate) const FOREIGN_KEYS: [(&str, &str, &str, &str); 26] = [
    ("municipality", "region_id", "region", "id"),
    ("question", "sub_code", "sub_code", "code"),
    ("collaboration", "municipality_id", "municipality", "id"),
    ("organisation", "region_id", "region", "id"),
    ("organisation", "municipality_id", "municipality", "id"),
    ("respondent", "municipality_id", "municipality", "id"),
    ("organisation", "successor_id", "organisation", "id"),
    ("sub_code", "theme_code", "theme", "code"),
    ("question", "survey_id", "survey", "id"),
    ("question", "theme_code", "theme", "code"),
    ("respondent", "survey_id", "survey", "id"),
    ("respondent", "region_id", "region", "id"),
    ("respondent", "organisation_id", "organisation", "id"),
    ("answer", "respondent_id", "respondent", "id"),
    ("answer", "question_id", "question", "id"),
    ("interview", "region_id", "region", "id"),
    ("finding", "interview_id", "interview", "id"),
    ("collaboration", "region_id", "region", "id"),
    (
        "collaboration_organisation",
        "collaboration_id",
        "collaboration",
        "id",
    ),
    (
        "collaboration_organisation",
        "organisation_id",
        "organisation",
        "id",
    ),
    (
        "collaboration_theme",
        "collaboration_id",
        "collaboration",
        "id",
    ),
    ("collaboration_theme", "theme_code", "theme", "code"),
    ("guidance", "recommendation_id", "guidance", "id"),
    ("guidance_link", "guidance_id", "guidance", "id"),
    ("guidance_link", "finding_id", "finding", "id"),
    ("guidance_link", "collaboration_id", "collaboration", "id"),
];

/// Values an enumerated column may take.
pub(crate) fn enum_values(resource: &str, column: &str) -> Option<&'static [&'static str]> {
    match (resource, column) {
        ("organisation", "kind") => Some(OrganisationKind::CODES),
        ("organisation", "status") => Some(&OrganisationStatus::CODES),
        ("respondent", "role") | ("interview", "interviewee_role") => Some(Role::CODES),
        ("question", "kind") => Some(QuestionKind::CODES),
        ("collaboration", "agreement") => Some(&Agreement::CODES),
        _ => None,
    }
}

/// The Frictionless Data Package descriptor of the tables written.
pub(super) fn datapackage(written: &[Written]) -> Value {
    let resources: Vec<Value> = written
        .iter()
        .map(|w| {
            let fields: Vec<Value> = w
                .fields
                .iter()
                .cloned()
                .map(|mut f| {
                    let column = f["name"].as_str().unwrap_or_default().to_owned();
                    if let Some(values) = enum_values(w.name, &column) {
                        f["constraints"]["enum"] = json!(values);
                    }
                    f
                })
                .collect();
            let foreign: Vec<Value> = FOREIGN_KEYS
                .iter()
                .filter(|(resource, ..)| *resource == w.name)
                .map(|(_, column, target, target_column)| {
                    json!({ "fields": column, "reference": { "resource": target, "fields": target_column } })
                })
                .collect();
            json!({
                "name": w.name,
                "path": w.path.file_name().map(|f| f.to_string_lossy().into_owned()),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": fields,
                    "primaryKey": w.primary_key,
                    "foreignKeys": foreign,
                    "missingValues": [""],
                },
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "youth-collaboration-hub",
        "title": "Youth collaboration hub: registry, survey, interviews and collaborations",
        "licenses": [{ "name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/" }],
        "resources": resources,
    })
}

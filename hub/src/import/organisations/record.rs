//! One row of a registry file: checked against the columns' rules and the regions, and
//! compared with what is stored.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde_json::json;

use super::{
    super::{
        Code, Problems, Regions, enum_code,
        table::{self, Table},
    },
    REQUIRED,
};
use crate::{
    domain::{OrganisationKind, OrganisationStatus},
    entity::organisation,
};

/// One valid row, ready to be written.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    /// The row in the file it came from (the header is row 1).
    pub(super) row: usize,
    pub(super) external_id: String,
    pub(super) name: String,
    pub(super) region_id: i32,
    pub(super) kind: OrganisationKind,
    pub(super) status: OrganisationStatus,
    pub(super) founded_year: Option<i32>,
    pub(super) closed_year: Option<i32>,
    pub(super) closure_reason: Option<String>,
    pub(super) fields_of_activity: Vec<String>,
    pub(super) target_groups: Vec<String>,
    pub(super) website: Option<String>,
    pub(super) last_verified: Option<NaiveDate>,
    pub(super) source: Option<String>,
    pub(super) successor: Option<String>,
    /// The municipality: `None` when the file has no such column (the stored one is
    /// kept), `Some(None)` when its cell is empty.
    pub(super) municipality: Option<Option<i32>>,
}

fn list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(super) fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Checks the rows against the columns' rules and the regions; returns the records of
/// the rows without problems.
pub(super) fn validate(
    table: &Table,
    regions: &Regions,
    known_ids: &HashSet<String>,
    today: NaiveDate,
    problems: &mut Problems,
) -> (Vec<Record>, u64) {
    let widths = table::check_widths(table, problems);
    let col = |name: &str| table.column(name);
    let mut records = Vec::new();
    let mut rejected = 0;
    let mut first_row: HashMap<String, usize> = HashMap::new();
    for (row, width_ok) in table.rows.iter().zip(widths) {
        if !width_ok {
            rejected += 1;
            continue;
        }
        let mut ok = true;
        let cell = |name: &str| -> (&str, usize) {
            col(name).map_or(("", 0), |i| (row.cells[i].as_str(), i + 1))
        };
        let mut fail = |code: Code, name: &str, value: &str, message: String| {
            let (_, number) = cell(name);
            problems.add(
                code,
                Some(row.number),
                Some((name, number)),
                Some(value),
                message,
            );
            ok = false;
        };
        for name in REQUIRED {
            if cell(name).0.trim().is_empty() {
                fail(
                    Code::ConstraintError,
                    name,
                    "",
                    format!("{name} is required"),
                );
            }
        }
        let id = cell("id").0.trim().to_owned();
        if !id.is_empty() {
            if let Some(first) = first_row.get(&id) {
                fail(
                    Code::DuplicateRow,
                    "id",
                    &id,
                    format!("id {id:?} is also on row {first}"),
                );
            } else {
                first_row.insert(id.clone(), row.number);
            }
            if id.chars().count() > 100 {
                fail(
                    Code::ConstraintError,
                    "id",
                    &id,
                    "an id has at most 100 characters".into(),
                );
            }
        }
        let name = cell("name").0.trim().to_owned();
        if name.chars().count() > 300 {
            fail(
                Code::ConstraintError,
                "name",
                &name,
                "a name has at most 300 characters".into(),
            );
        }
        let region_text = cell("region").0.trim();
        let region_id = regions.id(region_text);
        if region_id.is_none() && !region_text.is_empty() {
            fail(
                Code::ForeignKey,
                "region",
                region_text,
                format!("unknown region {region_text:?}; valid: {}", regions.codes),
            );
        }
        let municipality = table.column("municipality").map(|_| {
            let text = cell("municipality").0.trim();
            if text.is_empty() {
                return None;
            }
            match region_id.map(|region| regions.municipality(region, text)) {
                Some(Ok(id)) => Some(id),
                Some(Err(message)) => {
                    fail(Code::ForeignKey, "municipality", text, message);
                    None
                }
                None => None,
            }
        });
        let kind_text = cell("kind").0;
        let kind: Option<OrganisationKind> = enum_code(kind_text);
        if kind.is_none() && !kind_text.trim().is_empty() {
            fail(
                Code::ConstraintError,
                "kind",
                kind_text,
                format!(
                    "unknown kind; valid: {}",
                    OrganisationKind::CODES.join(", ")
                ),
            );
        }
        let status_text = cell("status").0;
        let status: Option<OrganisationStatus> = enum_code(status_text);
        if status.is_none() && !status_text.trim().is_empty() {
            fail(
                Code::ConstraintError,
                "status",
                status_text,
                format!(
                    "unknown status; valid: {}",
                    OrganisationStatus::CODES.join(", ")
                ),
            );
        }
        let mut year = |name: &str| -> Option<i32> {
            let text = cell(name).0.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse::<i32>() {
                Ok(y) if (1800..=today.year()).contains(&y) => Some(y),
                Ok(_) => {
                    fail(
                        Code::ConstraintError,
                        name,
                        text,
                        format!("a year from 1800 to {}", today.year()),
                    );
                    None
                }
                Err(_) => {
                    fail(
                        Code::TypeError,
                        name,
                        text,
                        "not a whole year, e.g. 2019".into(),
                    );
                    None
                }
            }
        };
        let founded_year = year("founded_year");
        let closed_year = year("closed_year");
        if let (Some(f), Some(c)) = (founded_year, closed_year)
            && c < f
        {
            fail(
                Code::ConstraintError,
                "closed_year",
                &c.to_string(),
                format!("closed before it was founded ({f})"),
            );
        }
        if closed_year.is_some() && status.is_some_and(|s| s != OrganisationStatus::Closed) {
            fail(
                Code::ConstraintError,
                "closed_year",
                cell("closed_year").0,
                "a closing year needs the status CLOSED".into(),
            );
        }
        let website = optional(cell("website").0);
        if let Some(w) = &website
            && !(w.starts_with("http://") || w.starts_with("https://"))
        {
            fail(
                Code::ConstraintError,
                "website",
                w,
                "a web address starts with http:// or https://".into(),
            );
        }
        let verified_text = cell("last_verified").0.trim();
        let last_verified = if verified_text.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(verified_text, "%Y-%m-%d") {
                Ok(d) if d <= today => Some(d),
                Ok(_) => {
                    fail(
                        Code::ConstraintError,
                        "last_verified",
                        verified_text,
                        "a date in the future".into(),
                    );
                    None
                }
                Err(_) => {
                    fail(
                        Code::TypeError,
                        "last_verified",
                        verified_text,
                        "not a date in the form YYYY-MM-DD".into(),
                    );
                    None
                }
            }
        };
        let successor = optional(cell("successor_id").0);
        if successor.as_deref() == Some(id.as_str()) && !id.is_empty() {
            fail(
                Code::ConstraintError,
                "successor_id",
                &id,
                "an organisation cannot succeed itself".into(),
            );
        }
        match (ok, region_id, kind, status) {
            (true, Some(region_id), Some(kind), Some(status)) => records.push(Record {
                row: row.number,
                external_id: id,
                name,
                region_id,
                kind,
                status,
                founded_year,
                closed_year,
                closure_reason: optional(cell("closure_reason").0),
                fields_of_activity: list(cell("fields_of_activity").0),
                target_groups: list(cell("target_groups").0),
                website,
                last_verified,
                source: optional(cell("source").0),
                successor,
                municipality,
            }),
            _ => rejected += 1,
        }
    }
    // Successors may be in the file or already in the database.
    let in_file: HashSet<&str> = records.iter().map(|r| r.external_id.as_str()).collect();
    let mut dangling = Vec::new();
    for record in &records {
        if let Some(s) = &record.successor
            && !in_file.contains(s.as_str())
            && !known_ids.contains(s)
        {
            dangling.push((record.external_id.clone(), s.clone()));
        }
    }
    for (id, successor) in dangling {
        let row = first_row.get(&id).copied();
        let number = table.column("successor_id").map_or(0, |i| i + 1);
        problems.add(
            Code::ForeignKey,
            row,
            Some(("successor_id", number)),
            Some(&successor),
            format!("no organisation has the id {successor:?}, in this file or the database"),
        );
        records.retain(|r| r.external_id != id);
        rejected += 1;
    }
    (records, rejected)
}

impl Record {
    /// The region it names.
    pub(crate) fn region_id(&self) -> i32 {
        self.region_id
    }

    /// Its successor's id in the file, if it names one.
    pub(crate) fn successor(&self) -> Option<&str> {
        self.successor.as_deref()
    }

    pub(super) fn differs_from(&self, m: &organisation::Model, successor_id: Option<i32>) -> bool {
        m.name != self.name
            || m.region_id != self.region_id
            || m.kind != self.kind
            || m.status != self.status
            || m.founded_year != self.founded_year
            || m.closed_year != self.closed_year
            || m.closure_reason != self.closure_reason
            || m.fields_of_activity != json!(self.fields_of_activity)
            || m.target_groups != json!(self.target_groups)
            || m.website != self.website
            || m.last_verified != self.last_verified
            || m.source != self.source
            || m.successor_id != successor_id
            || self
                .municipality
                .is_some_and(|given| given != m.municipality_id)
    }

    /// The row as stored; `stored` is the stored row's municipality, kept when the file
    /// has no municipality column.
    pub(crate) fn model(
        &self,
        id: i32,
        successor_id: Option<i32>,
        stored: Option<i32>,
    ) -> organisation::Model {
        organisation::Model {
            municipality_id: self.municipality.unwrap_or(stored),
            id,
            external_id: Some(self.external_id.clone()),
            name: self.name.clone(),
            name_folded: self.name.to_lowercase(),
            region_id: self.region_id,
            kind: self.kind,
            status: self.status,
            founded_year: self.founded_year,
            closed_year: self.closed_year,
            closure_reason: self.closure_reason.clone(),
            fields_of_activity: json!(self.fields_of_activity),
            target_groups: json!(self.target_groups),
            website: self.website.clone(),
            last_verified: self.last_verified,
            source: self.source.clone(),
            successor_id,
        }
    }
}

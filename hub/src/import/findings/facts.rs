//! An interview's facts as the findings file gives them (every row of one interview
//! repeats them): checked here for the importer and for the interview mutations.

use chrono::NaiveDate;

use super::super::{
    Code, Regions, enum_code,
    table::{self, Table},
};
use crate::domain::Role;

/// An interview's facts, as a row gives them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Interview {
    /// Its region.
    pub region_id: i32,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Who was interviewed.
    pub role: Role,
    /// The language it was held in.
    pub language: String,
}

/// The columns that give an interview's facts.
pub(crate) const INTERVIEW: [&str; 4] = ["region", "held_on", "interviewee_role", "language"];

/// An interview's facts from a row's cells (each of [`INTERVIEW`] required), or `None`
/// with the problems given to `fail`.
pub(crate) fn interview_of(
    table: &Table,
    row: &table::Row,
    regions: &Regions,
    fail: &mut dyn FnMut(Code, &str, String),
) -> Option<Interview> {
    let cell = |name: &str| -> &str { table.column(name).map_or("", |i| row.cells[i].trim()) };
    let failed = std::cell::Cell::new(false);
    let mut fail = |code: Code, name: &str, message: String| {
        failed.set(true);
        fail(code, name, message);
    };
    for name in INTERVIEW {
        if cell(name).is_empty() {
            fail(Code::ConstraintError, name, format!("{name} is required"));
        }
    }
    let region_id = regions.id(cell("region"));
    if region_id.is_none() && !cell("region").is_empty() {
        fail(
            Code::ForeignKey,
            "region",
            format!("unknown region; valid: {}", regions.codes),
        );
    }
    let held_on = NaiveDate::parse_from_str(cell("held_on"), "%Y-%m-%d").ok();
    if held_on.is_none() && !cell("held_on").is_empty() {
        fail(
            Code::TypeError,
            "held_on",
            "not a date in the form YYYY-MM-DD".into(),
        );
    }
    let role: Option<Role> = enum_code(cell("interviewee_role"));
    if role.is_none() && !cell("interviewee_role").is_empty() {
        fail(
            Code::ConstraintError,
            "interviewee_role",
            format!("unknown role; valid: {}", Role::CODES.join(", ")),
        );
    }
    let language = cell("language").to_ascii_lowercase();
    if !language.is_empty() && !crate::domain::is_iso_639_1(&language) {
        fail(
            Code::ConstraintError,
            "language",
            "not an ISO 639-1 language code; a quote may be in any language, named by its two letters, e.g. pl or tr".into(),
        );
    }
    if failed.get() {
        return None;
    }
    Some(Interview {
        region_id: region_id?,
        held_on: held_on?,
        role: role?,
        language,
    })
}

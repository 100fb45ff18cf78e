//! Importing the partners' files (CSV and XLSX, as KoboToolbox, ODK, LimeSurvey and
//! spreadsheets write them): read, validate every row before anything is written, then
//! write in one transaction that also bumps the data version.

pub mod areas;
pub mod codebook;
pub mod collaborations;
pub mod findings;
pub mod form;
pub mod guidance;
pub mod organisations;
pub mod package;
pub mod survey;
pub mod table;
mod workbook;

use std::{collections::HashMap, fmt, path::Path};

use sea_orm::{DatabaseConnection, EntityTrait};
use serde::Serialize;

pub(crate) use crate::domain::enum_code;
use crate::{entity::region, error::Result};

/// What kind of problem a file has, named as Frictionless names its errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A required column is missing.
    MissingLabel,
    /// A column appears twice.
    DuplicateLabel,
    /// A column the import does not know.
    ExtraLabel,
    /// A column has no name.
    BlankLabel,
    /// A row has more cells than the header.
    ExtraCell,
    /// A row has fewer cells than the header.
    MissingCell,
    /// A cell is not of its column's type (a number, a date, a code).
    TypeError,
    /// A cell breaks a rule: required, out of range, inconsistent with another cell.
    ConstraintError,
    /// A cell names something that does not exist (region, question, choice).
    ForeignKey,
    /// An id appears twice in the file.
    DuplicateRow,
    /// Bytes that are not UTF-8.
    EncodingError,
    /// The file cannot be read as CSV or XLSX at all.
    FormatError,
    /// A known id with changed content, refused because of `--no-update`.
    UpdateRefused,
    /// A row that writes a region the uploader may not write (an editor's upload).
    Forbidden,
}

impl Code {
    /// The code as written in reports, e.g. `missing-label`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingLabel => "missing-label",
            Self::DuplicateLabel => "duplicate-label",
            Self::ExtraLabel => "extra-label",
            Self::BlankLabel => "blank-label",
            Self::ExtraCell => "extra-cell",
            Self::MissingCell => "missing-cell",
            Self::TypeError => "type-error",
            Self::ConstraintError => "constraint-error",
            Self::ForeignKey => "foreign-key",
            Self::DuplicateRow => "duplicate-row",
            Self::EncodingError => "encoding-error",
            Self::FormatError => "format-error",
            Self::UpdateRefused => "update-refused",
            Self::Forbidden => "forbidden",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem of a file, located as precisely as it can be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file.
    pub file: String,
    /// The sheet of a workbook read by sheet name (an XLSForm's `survey`, `choices`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The row in the file, counting the header as row 1 (none for file-level problems).
    pub row: Option<usize>,
    /// The column's name (none for row-level problems).
    pub column: Option<String>,
    /// The column's position, from 1.
    pub column_number: Option<usize>,
    /// The cell as found.
    pub value: Option<String>,
    /// What kind of problem.
    pub code: Code,
    /// What is wrong and, where it helps, what is valid.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet:?}")?;
        }
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column:?}")?;
        }
        if let Some(value) = &self.value {
            write!(f, ", value {value:?}")?;
        }
        write!(f, ": {} ({})", self.message, self.code)
    }
}

/// Collects problems up to a limit, counting the rest.
#[derive(Debug, Default)]
pub struct Problems {
    file: String,
    sheet: Option<String>,
    list: Vec<Problem>,
    limit: usize,
    more: usize,
}

impl Problems {
    /// An empty list for `file`, keeping at most `limit` problems.
    pub fn new(file: &Path, limit: usize) -> Self {
        Self {
            file: file.display().to_string(),
            sheet: None,
            list: Vec::new(),
            limit: limit.max(1),
            more: 0,
        }
    }

    /// Locates the problems added from now on in `sheet` of the workbook.
    pub fn in_sheet(&mut self, sheet: &str) {
        self.sheet = Some(sheet.to_owned());
    }

    /// Adds a problem.
    pub fn add(
        &mut self,
        code: Code,
        row: Option<usize>,
        column: Option<(&str, usize)>,
        value: Option<&str>,
        message: impl Into<String>,
    ) {
        if self.list.len() >= self.limit {
            self.more += 1;
            return;
        }
        self.list.push(Problem {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column: column.map(|(name, _)| name.to_owned()),
            column_number: column.map(|(_, number)| number),
            value: value.map(str::to_owned),
            code,
            message: message.into(),
        });
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.more == 0
    }

    /// How many were found, listed or not.
    pub fn len(&self) -> usize {
        self.list.len() + self.more
    }

    /// How many rows (of any sheet) the listed problems are on.
    pub fn distinct_rows(&self) -> u64 {
        let rows: std::collections::HashSet<(Option<&String>, usize)> = (self.list.iter())
            .filter_map(|p| p.row.map(|r| (p.sheet.as_ref(), r)))
            .collect();
        rows.len() as u64
    }

    /// The problems kept, and how many more there were.
    pub fn into_parts(self) -> (Vec<Problem>, usize) {
        (self.list, self.more)
    }

    /// The import refused with these problems: `rejected` rows had problems of their
    /// own, and every `update-refused` problem counts one more.
    pub fn refuse(self, rejected: u64) -> Outcome {
        let refused = self
            .list
            .iter()
            .filter(|p| p.code == Code::UpdateRefused)
            .count() as u64;
        let (problems, more) = self.into_parts();
        Outcome::Refused {
            summary: Summary {
                rejected: rejected + refused,
                ..Summary::default()
            },
            problems,
            more,
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Records new to the database.
    pub inserted: u64,
    /// Known records whose content changed.
    pub updated: u64,
    /// Known records with the same content.
    pub unchanged: u64,
    /// Rows refused (the whole import is then refused).
    pub rejected: u64,
    /// Stored records the file left out and the import removed (the codebook only).
    pub removed: u64,
}

/// The outcome of an import: written, or refused with the problems found.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Everything was written in one transaction.
    Written {
        /// The counts.
        summary: Summary,
    },
    /// Nothing was written.
    Refused {
        /// The counts (`rejected` rows had problems).
        summary: Summary,
        /// The problems, up to the limit.
        problems: Vec<Problem>,
        /// How many problems were not listed.
        more: usize,
    },
}

/// How an import behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Refuse a known id with changed content instead of updating it.
    pub no_update: bool,
    /// Stop listing problems after this many.
    pub max_problems: usize,
    /// What a file may hold before it is read.
    pub file_limits: table::FileLimits,
    /// Who imports: the audit trail's account (the command line's operator by default).
    pub by: crate::access::Viewer,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            no_update: false,
            max_problems: 100,
            file_limits: table::FileLimits::default(),
            by: crate::access::accounts::operator(),
        }
    }
}

/// Records an import that is about to be committed, in its transaction: `what` was
/// imported (`organisations`, `survey`, ...) from `path`, with the counts.
pub(crate) async fn audit(
    txn: &impl sea_orm::ConnectionTrait,
    options: &Options,
    what: &str,
    path: &Path,
    summary: &Summary,
) -> Result<()> {
    crate::access::audit::append(
        txn,
        &options.by,
        crate::access::audit::Event {
            action: format!("import.{what}"),
            object_type: Some("file".into()),
            object_id: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            details: serde_json::json!({
                "path": path.display().to_string(),
                "inserted": summary.inserted,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "removed": summary.removed,
            }),
        },
    )
    .await
}

/// Reads the file of an import: the problems found while reading (an empty file is one)
/// and the table.
fn open(
    path: &Path,
    options: &Options,
    progress: &dyn Progress,
) -> Result<(Problems, table::Table)> {
    let mut problems = Problems::new(path, options.max_problems);
    progress.stage("reading", 0);
    let table = table::read(path, &options.file_limits, &mut problems)?;
    if table.headers.is_empty() && problems.is_empty() {
        problems.add(Code::FormatError, None, None, None, "the file is empty");
    }
    Ok((problems, table))
}

/// Reads the file of an import whose header must have `required` and may have the
/// columns `optional` accepts: the problems so far and the table, or the refusal when
/// the file or its header already has problems.
fn open_table(
    path: &Path,
    options: &Options,
    progress: &dyn Progress,
    required: &[&str],
    optional: &dyn Fn(&str) -> bool,
) -> Result<std::result::Result<(Problems, table::Table), Outcome>> {
    let (mut problems, table) = open(path, options, progress)?;
    if !table.headers.is_empty() {
        table::check_header(&table, required, optional, &|_| false, &mut problems);
    }
    if !problems.is_empty() {
        return Ok(Err(problems.refuse(table.rows.len() as u64)));
    }
    progress.stage("checking", table.rows.len() as u64);
    Ok(Ok((problems, table)))
}

/// Progress of a long import, for a progress bar.
pub trait Progress: Send + Sync {
    /// A new stage with `total` steps.
    fn stage(&self, name: &str, total: u64);
    /// `done` more steps.
    fn advance(&self, done: u64);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _name: &str, _total: u64) {}
    fn advance(&self, _done: u64) {}
}

/// The regions a row may name, by code or name in any case, and their municipalities.
pub(crate) struct Regions {
    ids: HashMap<String, i32>,
    /// The codes, sorted and joined, for messages.
    pub codes: String,
    /// Municipalities by code or name (lower case): (id, region id, code).
    municipalities: HashMap<String, Vec<(i32, i32, String)>>,
}

impl Regions {
    /// Reads the regions.
    pub(crate) async fn read(db: &DatabaseConnection) -> Result<Self> {
        let mut ids = HashMap::new();
        let mut codes = Vec::new();
        for r in region::Entity::find().all(db).await? {
            ids.insert(r.code.to_lowercase(), r.id);
            ids.insert(r.name.to_lowercase(), r.id);
            codes.push(r.code);
        }
        codes.sort();
        let mut municipalities: HashMap<String, Vec<(i32, i32, String)>> = HashMap::new();
        for m in crate::entity::municipality::Entity::find().all(db).await? {
            let entry = (m.id, m.region_id, m.code.clone());
            municipalities
                .entry(m.code.to_lowercase())
                .or_default()
                .push(entry.clone());
            municipalities
                .entry(m.name.to_lowercase())
                .or_default()
                .push(entry);
        }
        Ok(Self {
            ids,
            codes: codes.join(", "),
            municipalities,
        })
    }

    /// The id of the municipality of `region` that a cell names (by code or name), or
    /// why there is none.
    pub(crate) fn municipality(&self, region: i32, text: &str) -> std::result::Result<i32, String> {
        let found = self
            .municipalities
            .get(&text.trim().to_lowercase())
            .map(Vec::as_slice)
            .unwrap_or_default();
        if let Some((id, ..)) = found.iter().find(|(_, r, _)| *r == region) {
            return Ok(*id);
        }
        let mut codes: Vec<&str> = self
            .municipalities
            .values()
            .flatten()
            .filter(|(_, r, _)| *r == region)
            .map(|(_, _, code)| code.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        Err(if found.is_empty() {
            if codes.is_empty() {
                "unknown municipality: this region has none; add them with `hub import areas`"
                    .into()
            } else {
                format!(
                    "unknown municipality in this region; valid: {}",
                    codes.join(", ")
                )
            }
        } else {
            "this municipality is in another region than the row's".into()
        })
    }

    /// The id of the region a cell names.
    pub(crate) fn id(&self, text: &str) -> Option<i32> {
        self.ids.get(&text.trim().to_lowercase()).copied()
    }
}

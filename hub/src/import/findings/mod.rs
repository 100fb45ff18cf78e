//! `hub import findings FILE`: coded interview quotes, one row per finding, keyed by the
//! finding's `id`; the interviews they come from are created or updated from the rows
//! (every row of one interview must agree on its region, date, role and language).

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use super::{
    Code, Options, Outcome, Problems, Progress, Regions, Summary,
    table::{self, Table},
};
use crate::{
    access,
    db::insert_chunked,
    entity::{finding, interview, sub_code, theme},
    error::Result,
    service::version,
};

/// Columns every file must have.
pub const REQUIRED: [&str; 8] = [
    "id",
    "interview",
    "region",
    "held_on",
    "interviewee_role",
    "language",
    "theme",
    "quote",
];
/// Columns a file may have.
pub const OPTIONAL: [&str; 3] = ["sub_code", "translation", "visibility"];

mod facts;

pub(crate) use facts::{INTERVIEW, Interview, interview_of};

/// One valid row: a finding.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    external_id: String,
    interview: String,
    theme: String,
    sub_code: Option<String>,
    quote: String,
    language: String,
    translation: Option<String>,
    /// `PUBLIC` or `PROJECT` (the default: a file must say what the public may read).
    visibility: &'static str,
}

impl Record {
    /// The finding as stored, in interview `interview_id`.
    pub(crate) fn model(&self, interview_id: i32) -> finding::ActiveModel {
        let search = match &self.translation {
            Some(t) => format!("{}\n{}", self.quote, t),
            None => self.quote.clone(),
        };
        finding::ActiveModel {
            id: NotSet,
            external_id: Set(Some(self.external_id.clone())),
            interview_id: Set(interview_id),
            theme_code: Set(self.theme.clone()),
            sub_code: Set(self.sub_code.clone()),
            quote: Set(self.quote.clone()),
            language: Set(self.language.clone()),
            translation: Set(self.translation.clone()),
            search_text: Set(search.to_lowercase()),
            visibility: Set(self.visibility.to_owned()),
        }
    }

    fn differs_from(&self, m: &finding::Model, interview_id: i32) -> bool {
        m.interview_id != interview_id
            || m.theme_code != self.theme
            || m.sub_code != self.sub_code
            || m.quote != self.quote
            || m.language != self.language
            || m.translation != self.translation
            || m.visibility != self.visibility
    }
}

/// What the rows may refer to.
pub(crate) struct Known {
    regions: Regions,
    themes: Vec<String>,
    sub_codes: HashMap<String, String>,
}

/// What the rows may refer to, as stored.
pub(crate) async fn known(db: &DatabaseConnection) -> Result<Known> {
    Ok(Known {
        regions: Regions::read(db).await?,
        themes: theme::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|t| t.code)
            .collect(),
        sub_codes: sub_code::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.code, s.theme_code))
            .collect(),
    })
}

/// The valid rows of `table`, the interviews they name, and how many rows were
/// rejected (their problems added).
pub(crate) fn validate(
    table: &Table,
    known: &Known,
    problems: &mut Problems,
) -> (Vec<Record>, HashMap<String, Interview>, u64) {
    let widths = table::check_widths(table, problems);
    let mut records = Vec::new();
    let mut interviews: HashMap<String, (Interview, usize)> = HashMap::new();
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let mut rejected = 0;
    for (row, width_ok) in table.rows.iter().zip(widths) {
        if !width_ok {
            rejected += 1;
            continue;
        }
        let mut ok = true;
        let cell = |name: &str| -> (&str, usize) {
            table
                .column(name)
                .map_or(("", 0), |i| (row.cells[i].trim(), i + 1))
        };
        let mut fail = |code: Code, name: &str, message: String| {
            let (value, number) = cell(name);
            problems.add(
                code,
                Some(row.number),
                Some((name, number)),
                Some(value),
                message,
            );
            ok = false;
        };
        for name in REQUIRED.iter().filter(|n| !INTERVIEW.contains(n)) {
            if cell(name).0.is_empty() {
                fail(Code::ConstraintError, name, format!("{name} is required"));
            }
        }
        let id = cell("id").0.to_owned();
        if !id.is_empty() {
            if let Some(first) = first_row.get(&id) {
                fail(
                    Code::DuplicateRow,
                    "id",
                    format!("id {id:?} is also on row {first}"),
                );
            } else {
                first_row.insert(id.clone(), row.number);
            }
        }
        let facts = interview_of(table, row, &known.regions, &mut fail);
        let language = cell("language").0.to_ascii_lowercase();
        let theme = cell("theme").0.to_ascii_uppercase();
        if !theme.is_empty() && !known.themes.contains(&theme) {
            fail(
                Code::ForeignKey,
                "theme",
                format!("unknown theme; valid: {}", known.themes.join(", ")),
            );
        }
        let sub_code = Some(cell("sub_code").0.to_ascii_uppercase()).filter(|s| !s.is_empty());
        if let Some(s) = &sub_code {
            match known.sub_codes.get(s) {
                None => fail(Code::ForeignKey, "sub_code", "unknown sub-code".into()),
                Some(t) if *t != theme && !theme.is_empty() => fail(
                    Code::ConstraintError,
                    "sub_code",
                    format!("the sub-code belongs to the theme {t}, not {theme}"),
                ),
                Some(_) => {}
            }
        }
        let visibility = match cell("visibility").0.to_ascii_uppercase().as_str() {
            "" | access::VISIBILITY_PROJECT => access::VISIBILITY_PROJECT,
            access::VISIBILITY_PUBLIC => access::VISIBILITY_PUBLIC,
            _ => {
                fail(
                    Code::ConstraintError,
                    "visibility",
                    "unknown visibility; valid: PUBLIC, PROJECT (empty is PROJECT)".into(),
                );
                access::VISIBILITY_PROJECT
            }
        };
        let interview_id = cell("interview").0.to_owned();
        if let Some(this) = facts
            && !interview_id.is_empty()
        {
            match interviews.get(&interview_id) {
                Some((first, first_row)) if *first != this => fail(
                    Code::ConstraintError,
                    "interview",
                    format!(
                        "row {first_row} gives this interview another region, date, role or language"
                    ),
                ),
                Some(_) => {}
                None => {
                    interviews.insert(interview_id.clone(), (this, row.number));
                }
            }
        }
        if ok {
            records.push(Record {
                external_id: id,
                interview: interview_id,
                theme,
                sub_code,
                quote: cell("quote").0.to_owned(),
                language,
                translation: Some(cell("translation").0.to_owned()).filter(|t| !t.is_empty()),
                visibility,
            });
        } else {
            rejected += 1;
        }
    }
    let interviews = interviews.into_iter().map(|(k, (v, _))| (k, v)).collect();
    (records, interviews, rejected)
}

/// Validates `path` and, without problems, writes it in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    path: &std::path::Path,
    options: Options,
    progress: &dyn Progress,
) -> Result<Outcome> {
    let (mut problems, table) =
        match super::open_table(path, &options, progress, &REQUIRED, &|h| {
            OPTIONAL.contains(&h)
        })? {
            Ok(read) => read,
            Err(refused) => return Ok(refused),
        };
    let known = known(db).await?;
    let (records, interviews, rejected) = validate(&table, &known, &mut problems);
    progress.advance(table.rows.len() as u64);
    if !problems.is_empty() {
        return Ok(problems.refuse(rejected));
    }

    let txn = crate::db::begin_write(db).await?;
    let mut summary = Summary::default();
    // Interviews: created when new, updated when their facts changed.
    let mut interview_ids: HashMap<String, i32> = HashMap::new();
    let names: Vec<String> = interviews.keys().cloned().collect();
    for chunk in names.chunks(500) {
        for m in interview::Entity::find()
            .filter(interview::Column::ExternalId.is_in(chunk.iter().cloned()))
            .all(&txn)
            .await?
        {
            let Some(external) = m.external_id.clone() else {
                continue;
            };
            if let Some(wanted) = interviews.get(&external) {
                let stored = Interview {
                    region_id: m.region_id,
                    held_on: m.held_on,
                    role: m.interviewee_role,
                    language: m.language.clone(),
                };
                if stored != *wanted {
                    if options.no_update {
                        problems.add(
                            Code::UpdateRefused,
                            None,
                            Some(("interview", 0)),
                            Some(&external),
                            "this interview is already in the database with other facts, and --no-update was given",
                        );
                    }
                    interview::ActiveModel {
                        id: Set(m.id),
                        region_id: Set(wanted.region_id),
                        held_on: Set(wanted.held_on),
                        interviewee_role: Set(wanted.role),
                        language: Set(wanted.language.clone()),
                        ..Default::default()
                    }
                    .update(&txn)
                    .await?;
                }
            }
            interview_ids.insert(external, m.id);
        }
    }
    let fresh: Vec<String> = interviews
        .keys()
        .filter(|k| !interview_ids.contains_key(*k))
        .cloned()
        .collect();
    let new_interviews: Vec<interview::ActiveModel> = fresh
        .iter()
        .filter_map(|k| interviews.get(k).map(|v| (k, v)))
        .map(|(k, v)| interview::ActiveModel {
            id: NotSet,
            external_id: Set(Some(k.clone())),
            region_id: Set(v.region_id),
            held_on: Set(v.held_on),
            interviewee_role: Set(v.role),
            language: Set(v.language.clone()),
        })
        .collect();
    insert_chunked(&txn, new_interviews).await?;
    for chunk in fresh.chunks(500) {
        for m in interview::Entity::find()
            .filter(interview::Column::ExternalId.is_in(chunk.iter().cloned()))
            .all(&txn)
            .await?
        {
            if let Some(external) = m.external_id {
                interview_ids.insert(external, m.id);
            }
        }
    }

    let ids: Vec<String> = records.iter().map(|r| r.external_id.clone()).collect();
    let mut before: HashMap<String, finding::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        for m in finding::Entity::find()
            .filter(finding::Column::ExternalId.is_in(chunk.iter().cloned()))
            .all(&txn)
            .await?
        {
            if let Some(e) = m.external_id.clone() {
                before.insert(e, m);
            }
        }
    }
    progress.stage("writing", records.len() as u64);
    let mut new = Vec::new();
    for record in &records {
        let Some(interview_id) = interview_ids.get(&record.interview).copied() else {
            continue;
        };
        match before.get(&record.external_id) {
            None => new.push(record.model(interview_id)),
            Some(m) if !record.differs_from(m, interview_id) => summary.unchanged += 1,
            Some(m) => {
                if options.no_update {
                    problems.add(
                        Code::UpdateRefused,
                        None,
                        Some(("id", 0)),
                        Some(&record.external_id),
                        "this finding is already in the database with other content, and --no-update was given",
                    );
                    continue;
                }
                let mut active = record.model(interview_id);
                active.id = Set(m.id);
                active.update(&txn).await?;
                summary.updated += 1;
            }
        }
    }
    if !problems.is_empty() {
        txn.rollback().await?;
        return Ok(problems.refuse(rejected));
    }
    summary.inserted = new.len() as u64;
    insert_chunked(&txn, new).await?;
    progress.advance(records.len() as u64);
    if summary.inserted + summary.updated > 0 {
        version::bump_beside_answers(&txn).await?;
    }
    super::audit(&txn, &options, "findings", path, &summary).await?;
    txn.commit().await?;
    Ok(Outcome::Written { summary })
}

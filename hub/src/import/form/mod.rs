//! `hub import form FORM.xlsx`: a survey defined as an XLSForm, the standard that
//! KoboToolbox and ODK use: the `survey` sheet (`type`, `name`, `label` per language,
//! `hint`, `required`, groups), `choices` and `settings` (`form_id`, `form_title`,
//! `version`, `default_language`), plus two columns of this hub, `theme` and
//! `sub_code` on the survey sheet and `wave` (the year fielded) on the settings sheet.
//!
//! A `select_one` over the five levels `1` to `5` is a Likert question, any other
//! `select_one` a single choice; `select_multiple` is multiple choice, `integer` and
//! `decimal` a number (the hub stores whole numbers: a fractional answer is refused by
//! the survey import), `text` free text. Groups are kept as each question's group path,
//! so that the survey import reads Kobo's `group/question` columns. The fields `region`,
//! `role`, `organisation` and `municipality` describe the respondent and are not
//! questions; `region` and `role` are required. Notes, calculations, locations, dates,
//! media and repeats are listed as skipped, never dropped silently.
//!
//! Importing a new version of a stored survey adds questions and updates texts; a
//! question the new version leaves out is kept with its answers. Changing the kind or
//! the choices of a question that has answers is refused, naming the question and the
//! number of answers.

mod language;
mod sheets;
mod survey_sheet;

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::{Code, Options, Outcome, Problems, Progress, Summary};
use crate::{
    domain::{QuestionKind, code_of},
    entity::{answer, question, sub_code, survey, theme},
    error::{Error, Result},
    service::version,
};

/// Fields of a form that describe the respondent rather than ask a question; the
/// survey import reads them as columns of their own.
pub const RESPONDENT_FIELDS: [&str; 4] = ["region", "role", "organisation", "municipality"];

/// A row of the form that the hub does not store, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Row of the survey sheet.
    pub row: usize,
    /// The field's name.
    pub name: String,
    /// Its XLSForm type.
    pub kind: String,
    /// Why it is not stored.
    pub reason: String,
}

/// What a form import did, and what it skipped and assumed.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// Written (counting questions) or refused.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The survey's code.
    pub survey: String,
    /// Rows not stored.
    pub skipped: Vec<Skipped>,
    /// What the import assumed or kept, in words.
    pub notes: Vec<String>,
}

/// What the form may refer to in the codebook.
pub(super) struct Codebook {
    themes: HashSet<String>,
    /// Sub-code to its theme.
    sub_codes: HashMap<String, String>,
}

impl Codebook {
    async fn read(db: &impl ConnectionTrait) -> Result<Self> {
        Ok(Self {
            themes: (theme::Entity::find().all(db).await?.into_iter())
                .map(|t| t.code)
                .collect(),
            sub_codes: (sub_code::Entity::find().all(db).await?.into_iter())
                .map(|s| (s.code, s.theme_code))
                .collect(),
        })
    }

    fn theme_list(&self) -> String {
        let mut codes: Vec<&str> = self.themes.iter().map(String::as_str).collect();
        codes.sort_unstable();
        if codes.is_empty() {
            "none yet".into()
        } else {
            codes.join(", ")
        }
    }
}

#[derive(Debug, FromQueryResult)]
struct AnswerCount {
    question_id: i32,
    answers: i64,
}

/// How many answers each question of the survey has.
async fn answer_counts(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, i64>> {
    let mut counts = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = answer::Entity::find()
            .select_only()
            .column(answer::Column::QuestionId)
            .column_as(answer::Column::Id.count(), "answers")
            .filter(answer::Column::QuestionId.is_in(chunk.iter().copied()))
            .group_by(answer::Column::QuestionId)
            .into_model::<AnswerCount>()
            .all(db)
            .await?;
        counts.extend(rows.into_iter().map(|r| (r.question_id, r.answers)));
    }
    Ok(counts)
}

/// The option codes of a question, in order (the scale's levels for Likert).
fn choice_codes(q: &question::Model) -> Vec<String> {
    match q.kind {
        QuestionKind::Likert => (1..=5).map(|l| l.to_string()).collect(),
        _ => (q.options.iter())
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(|o| o["code"].as_str().map(str::to_owned))
            .collect(),
    }
}

/// The question a form row defines, with its stored id (or none for a new one).
fn model(q: &sheets::Question, id: i32, survey_id: i32, position: i32) -> question::Model {
    question::Model {
        id,
        survey_id,
        code: q.code.clone(),
        position,
        theme_code: q.theme.clone(),
        kind: q.kind,
        text: q.text.clone(),
        scale_labels: q.scale_labels.clone(),
        options: q.options.clone(),
        hint: q.hint.clone(),
        required: q.required,
        group_path: q.group_path.clone(),
        sub_code: q.sub_code.clone(),
    }
}

/// Validates the form and, without problems, writes the survey and its questions in one
/// transaction. `code` overrides the form's `form_id`; `wave` (the year) is required
/// for a new survey.
pub async fn import(
    db: &DatabaseConnection,
    path: &Path,
    code: Option<&str>,
    wave: Option<i32>,
    options: Options,
    progress: &dyn Progress,
) -> Result<Imported> {
    progress.stage("reading", 0);
    let codebook = Codebook::read(db).await?;
    let refused = |problems: Problems, code: String, skipped| {
        let rows = problems.distinct_rows();
        Ok(Imported {
            outcome: problems.refuse(rows),
            survey: code,
            skipped,
            notes: Vec::new(),
        })
    };
    let (code, form, mut problems) = match sheets::read_form(path, &options, &codebook, code)? {
        Ok(read) => read,
        Err(problems) => return refused(problems, code.unwrap_or_default().to_owned(), Vec::new()),
    };
    let wave = wave.or(form.settings.wave);
    if let Some(year) = wave
        && !(1990..=2100).contains(&year)
    {
        return Err(Error::bad_input(
            "--wave",
            format!("{year} is not a plausible year (1990 to 2100)"),
        ));
    }
    let mut notes = Vec::new();
    if form.settings.language_assumed {
        notes.push("the form names no default_language in its settings; labels without a language were read as English (en)".to_owned());
    }

    let txn = crate::db::begin_write(db).await?;
    let stored_survey = survey::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .find(|s| s.code.eq_ignore_ascii_case(&code));
    let (stored, counts) = match &stored_survey {
        Some(s) => {
            let stored = question::Entity::find()
                .filter(question::Column::SurveyId.eq(s.id))
                .all(&txn)
                .await?;
            let counts = answer_counts(&txn, stored.iter().map(|q| q.id).collect()).await?;
            (stored, counts)
        }
        None => (Vec::new(), HashMap::new()),
    };
    let Some(year) = wave.or(stored_survey.as_ref().map(|s| s.year)) else {
        txn.rollback().await?;
        return Err(Error::bad_input(
            "--wave",
            format!(
                "{code} is a new survey; give its wave, the year it is fielded, e.g. --wave 2026"
            ),
        ));
    };
    let by_code: HashMap<&str, &question::Model> =
        stored.iter().map(|q| (q.code.as_str(), q)).collect();
    for q in &form.questions {
        let Some(old) = by_code.get(q.code.as_str()) else {
            continue;
        };
        let answers = counts.get(&old.id).copied().unwrap_or(0);
        let new = model(q, old.id, old.survey_id, 0);
        let (kind_changed, choices_changed) =
            (old.kind != q.kind, choice_codes(old) != choice_codes(&new));
        if answers > 0 && (kind_changed || choices_changed) {
            let what = if kind_changed {
                format!(
                    "its kind from {} to {}",
                    code_of(&old.kind),
                    code_of(&q.kind)
                )
            } else {
                format!(
                    "its choices from {} to {}",
                    choice_codes(old).join(" "),
                    choice_codes(&new).join(" ")
                )
            };
            problems.add(
                Code::ConstraintError,
                Some(q.row),
                Some(("type", 0)),
                Some(&q.code),
                format!("{} has {answers} answers; this version changes {what}, which would misread them. Keep the question as it is and add a new one with another name", q.code),
            );
        }
    }
    if !problems.is_empty() {
        txn.rollback().await?;
        return refused(problems, code, form.skipped);
    }

    progress.stage("writing", form.questions.len() as u64);
    let mut changed = false;
    let title = form.settings.title.clone().unwrap_or_else(|| code.clone());
    let groups = (!form.groups.is_empty()).then(|| Value::Array(form.groups.clone()));
    let survey_id = match &stored_survey {
        Some(s) => {
            let mut titles = s.title.as_object().cloned().unwrap_or_default();
            if form.settings.title.is_some() {
                titles.insert(form.settings.default_language.clone(), json!(title));
            }
            let updated = survey::Model {
                title: Value::Object(titles),
                year,
                languages: json!(form.languages),
                version: form.settings.version.clone(),
                groups,
                ..s.clone()
            };
            if updated != *s {
                let active: survey::ActiveModel = updated.into();
                active.reset_all().update(&txn).await?;
                changed = true;
            }
            s.id
        }
        None => {
            let mut titles = Map::new();
            titles.insert(form.settings.default_language.clone(), json!(title));
            let inserted = survey::ActiveModel {
                id: NotSet,
                code: sea_orm::Set(code.clone()),
                title: sea_orm::Set(Value::Object(titles)),
                year: sea_orm::Set(year),
                languages: sea_orm::Set(json!(form.languages)),
                version: sea_orm::Set(form.settings.version.clone()),
                groups: sea_orm::Set(groups),
            }
            .insert(&txn)
            .await?;
            changed = true;
            inserted.id
        }
    };
    let mut summary = Summary::default();
    for (position, q) in (1..).zip(&form.questions) {
        match by_code.get(q.code.as_str()) {
            Some(old) => {
                let new = model(q, old.id, survey_id, position);
                if new == **old {
                    summary.unchanged += 1;
                } else {
                    let active: question::ActiveModel = new.into();
                    active.reset_all().update(&txn).await?;
                    summary.updated += 1;
                }
            }
            None => {
                let mut active: question::ActiveModel = model(q, 0, survey_id, position).into();
                active.id = NotSet;
                active.insert(&txn).await?;
                summary.inserted += 1;
            }
        }
        progress.advance(1);
    }
    // Questions this version leaves out stay, after the form's, with their answers.
    let in_form: HashSet<&str> = form.questions.iter().map(|q| q.code.as_str()).collect();
    let mut kept: Vec<&question::Model> = stored
        .iter()
        .filter(|q| !in_form.contains(q.code.as_str()))
        .collect();
    kept.sort_by_key(|q| q.position);
    let after = form.questions.len() as i32;
    for (position, q) in (after + 1..).zip(&kept) {
        if q.position != position {
            let active = question::ActiveModel {
                id: sea_orm::Unchanged(q.id),
                position: sea_orm::Set(position),
                ..Default::default()
            };
            active.update(&txn).await?;
        }
    }
    if !kept.is_empty() {
        let codes: Vec<&str> = kept.iter().map(|q| q.code.as_str()).collect();
        notes.push(format!(
            "{} stored questions are not in this version and are kept with their answers: {}",
            kept.len(),
            codes.join(", ")
        ));
    }
    if changed || summary.inserted + summary.updated > 0 {
        version::bump(&txn).await?;
    }
    super::audit(&txn, &options, "form", path, &summary).await?;
    txn.commit().await?;
    Ok(Imported {
        outcome: Outcome::Written { summary },
        survey: code,
        skipped: form.skipped,
        notes,
    })
}

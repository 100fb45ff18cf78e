//! `hub import collaborations FILE`: examples of cooperation, one row per example, keyed
//! by the file's `id`. Title and description are required in English (`title::en`,
//! `description::en`, the fallback of every page) and may be given in any other
//! language (`title::sv`, `description::sv`, `lessons::sv`, ...). The organisations are
//! the registry's ids, the themes codebook codes and the outcomes the report's reasons
//! to cooperate, each list separated by `;`. `municipality` names an area of the row's
//! region (code or name); `place` is free text (the town or village) and is what the
//! pages show, the municipality's name where it is empty.

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::{Map, Value, json};

use super::{Code, Options, Outcome, Problems, Progress, Regions, Summary, enum_code, table};
use crate::{
    domain::{self, Agreement, is_iso_639_1},
    entity::{
        collaboration, collaboration_organisation, collaboration_theme, municipality, organisation,
        theme,
    },
    error::Result,
    service::version,
};

/// Columns every file must have.
pub const REQUIRED: [&str; 4] = ["id", "region", "title::en", "description::en"];
/// Columns a file may have besides the texts per language.
pub const OPTIONAL: [&str; 9] = [
    "municipality",
    "place",
    "organisations",
    "themes",
    "outcomes",
    "start_year",
    "end_year",
    "funding",
    "agreement",
];
/// The texts a row may give per language, as `title::xx`.
pub const TEXTS: [&str; 3] = ["title", "description", "lessons"];

/// The language of a column `prefix::xx` (any ISO 639-1 code).
fn language_of<'a>(header: &'a str, prefix: &str) -> Option<&'a str> {
    header
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix("::"))
        .filter(|l| is_iso_639_1(l))
}

fn optional_column(header: &str) -> bool {
    OPTIONAL.contains(&header) || TEXTS.iter().any(|t| language_of(header, t).is_some())
}

/// What the rows may refer to.
pub(crate) struct Known {
    regions: Regions,
    municipality_names: HashMap<i32, String>,
    organisations: HashMap<String, i32>,
    themes: HashSet<String>,
}

/// What the rows may refer to, as stored; an organisation without an id of its own is
/// named `HUB-<id>`, as the export for import writes it.
pub(crate) async fn known(db: &DatabaseConnection) -> Result<Known> {
    Ok(Known {
        regions: Regions::read(db).await?,
        municipality_names: (municipality::Entity::find().all(db).await?.into_iter())
            .map(|m| (m.id, m.name))
            .collect(),
        organisations: (organisation::Entity::find().all(db).await?.into_iter())
            .map(|o| {
                let key = o.external_id.unwrap_or_else(|| format!("HUB-{}", o.id));
                (key, o.id)
            })
            .collect(),
        themes: (theme::Entity::find().all(db).await?.into_iter())
            .map(|t| t.code)
            .collect(),
    })
}

/// One valid row.
pub(crate) struct Record {
    /// The example (id 0 until stored).
    pub model: collaboration::Model,
    /// Its organisations' ids.
    pub organisations: Vec<i32>,
    /// Its themes' codes.
    pub themes: Vec<String>,
}

/// A `;`-separated list, trimmed, without empty items.
fn list(cell: &str) -> Vec<String> {
    (cell.split(';').map(str::trim))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The valid rows of `table`, and how many were rejected (their problems added).
pub(crate) fn validate(
    table: &table::Table,
    known: &Known,
    problems: &mut Problems,
) -> (Vec<Record>, u64) {
    let widths = table::check_widths(table, problems);
    let column = |name: &str| table.column(name).map_or(0, |i| i + 1);
    let mut records = Vec::new();
    let mut rejected = 0;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, width_ok) in table.rows.iter().zip(widths) {
        if !width_ok {
            rejected += 1;
            continue;
        }
        let before = problems.len();
        let cell = |name: &str| table.column(name).map_or("", |i| row.cells[i].trim());
        let mut fail = |code: Code, name: &str, message: String| {
            problems.add(
                code,
                Some(row.number),
                Some((name, column(name))),
                Some(cell(name)),
                message,
            );
        };
        let id = cell("id").to_owned();
        if id.is_empty() {
            fail(
                Code::ConstraintError,
                "id",
                "every example needs its id".into(),
            );
        } else if let Some(first) = seen.insert(id.clone(), row.number) {
            fail(
                Code::DuplicateRow,
                "id",
                format!("row {first} has this id too"),
            );
        }
        let region_id = known.regions.id(cell("region"));
        if region_id.is_none() {
            let valid = &known.regions.codes;
            fail(
                Code::ForeignKey,
                "region",
                format!("unknown region; valid: {valid}"),
            );
        }
        let mut municipality_id = None;
        if let (Some(region), text) = (region_id, cell("municipality"))
            && !text.is_empty()
        {
            match known.regions.municipality(region, text) {
                Ok(id) => municipality_id = Some(id),
                Err(message) => fail(Code::ForeignKey, "municipality", message),
            }
        }
        for name in ["title::en", "description::en"] {
            if cell(name).is_empty() {
                fail(
                    Code::ConstraintError,
                    name,
                    "required in English, the fallback of every page".into(),
                );
            }
        }
        let mut organisations = Vec::new();
        for o in list(cell("organisations")) {
            match known.organisations.get(&o) {
                Some(id) if !organisations.contains(id) => organisations.push(*id),
                Some(_) => {}
                None => fail(
                    Code::ForeignKey,
                    "organisations",
                    format!("{o:?} is not the id of an organisation in the registry"),
                ),
            }
        }
        let themes: Vec<String> = list(cell("themes"))
            .into_iter()
            .map(|t| t.to_ascii_uppercase())
            .collect();
        for t in themes.iter().filter(|t| !known.themes.contains(*t)) {
            fail(
                Code::ForeignKey,
                "themes",
                format!("{t:?} is not a theme of the codebook"),
            );
        }
        let mut outcomes = Vec::new();
        for o in list(cell("outcomes")) {
            match enum_code::<domain::Outcome>(&o) {
                Some(outcome) => outcomes.push(domain::code_of(&outcome)),
                None => fail(
                    Code::TypeError,
                    "outcomes",
                    format!(
                        "{o:?} is not an outcome; valid: LOCAL_CAPACITY_KNOWLEDGE, NEW_IDEAS, SOCIAL_INCLUSION"
                    ),
                ),
            }
        }
        let mut year = |name: &str| {
            let text = cell(name);
            if text.is_empty() {
                return None;
            }
            match text.parse::<i32>() {
                Ok(y) if (1900..=2100).contains(&y) => Some(y),
                _ => {
                    fail(Code::TypeError, name, "a year from 1900 to 2100".into());
                    None
                }
            }
        };
        let (start_year, end_year) = (year("start_year"), year("end_year"));
        if let (Some(start), Some(end)) = (start_year, end_year)
            && end < start
        {
            fail(
                Code::ConstraintError,
                "end_year",
                format!("the example ends before it starts ({start})"),
            );
        }
        let agreement = match cell("agreement") {
            "" => None,
            text => {
                let parsed = enum_code::<Agreement>(text);
                if parsed.is_none() {
                    let valid = Agreement::CODES.join(", ");
                    fail(
                        Code::TypeError,
                        "agreement",
                        format!("not an agreement; valid: {valid}"),
                    );
                }
                parsed
            }
        };
        if problems.len() > before {
            rejected += 1;
            continue;
        }
        let mut translations = Map::new();
        for (i, header) in table.headers.iter().enumerate() {
            for text in TEXTS {
                let value = row.cells[i].trim();
                if let Some(lang) = language_of(header, text)
                    && lang != "en"
                    && !value.is_empty()
                {
                    let entry = translations.entry(lang).or_insert_with(|| json!({}));
                    entry[text] = json!(value);
                }
            }
        }
        let optional = |name: &str| Some(cell(name).to_owned()).filter(|t| !t.is_empty());
        // The place as the page shows it: the town or village given, or the municipality.
        let municipality = optional("place")
            .or_else(|| municipality_id.and_then(|m| known.municipality_names.get(&m).cloned()))
            .unwrap_or_default();
        records.push(Record {
            model: collaboration::Model {
                id: 0,
                region_id: region_id.unwrap_or_default(),
                title: cell("title::en").to_owned(),
                description: cell("description::en").to_owned(),
                municipality,
                start_year,
                end_year,
                outcomes: json!(outcomes),
                external_id: Some(id),
                translations: (!translations.is_empty()).then_some(Value::Object(translations)),
                lessons: optional("lessons::en"),
                funding: optional("funding"),
                agreement,
                municipality_id,
            },
            organisations,
            themes,
        });
    }
    (records, rejected)
}

/// The stored organisations and themes of a collaboration, sorted.
pub(crate) async fn links(txn: &impl ConnectionTrait, id: i32) -> Result<(Vec<i32>, Vec<String>)> {
    let mut organisations: Vec<i32> = collaboration_organisation::Entity::find()
        .filter(collaboration_organisation::Column::CollaborationId.eq(id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.organisation_id)
        .collect();
    let mut themes: Vec<String> = collaboration_theme::Entity::find()
        .filter(collaboration_theme::Column::CollaborationId.eq(id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.theme_code)
        .collect();
    organisations.sort_unstable();
    themes.sort_unstable();
    Ok((organisations, themes))
}

/// Replaces the organisations and themes of collaboration `id`.
pub(crate) async fn write_links(
    txn: &impl ConnectionTrait,
    id: i32,
    record: &Record,
) -> Result<()> {
    collaboration_organisation::Entity::delete_many()
        .filter(collaboration_organisation::Column::CollaborationId.eq(id))
        .exec(txn)
        .await?;
    collaboration_theme::Entity::delete_many()
        .filter(collaboration_theme::Column::CollaborationId.eq(id))
        .exec(txn)
        .await?;
    for organisation_id in &record.organisations {
        collaboration_organisation::ActiveModel {
            collaboration_id: Set(id),
            organisation_id: Set(*organisation_id),
        }
        .insert(txn)
        .await?;
    }
    for theme_code in &record.themes {
        collaboration_theme::ActiveModel {
            collaboration_id: Set(id),
            theme_code: Set(theme_code.clone()),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Validates `path` and, without problems, writes it in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    path: &std::path::Path,
    options: Options,
    progress: &dyn Progress,
) -> Result<Outcome> {
    let (mut problems, table) =
        match super::open_table(path, &options, progress, &REQUIRED, &optional_column)? {
            Ok(read) => read,
            Err(refused) => return Ok(refused),
        };
    let known = known(db).await?;
    let (records, rejected) = validate(&table, &known, &mut problems);
    if !problems.is_empty() {
        return Ok(problems.refuse(rejected));
    }
    let txn = crate::db::begin_write(db).await?;
    let ids: Vec<String> = records
        .iter()
        .filter_map(|r| r.model.external_id.clone())
        .collect();
    let mut stored: HashMap<String, collaboration::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        for m in collaboration::Entity::find()
            .filter(collaboration::Column::ExternalId.is_in(chunk.iter().cloned()))
            .all(&txn)
            .await?
        {
            if let Some(e) = m.external_id.clone() {
                stored.insert(e, m);
            }
        }
    }
    progress.stage("writing", records.len() as u64);
    let mut summary = Summary::default();
    for record in &records {
        let key = record.model.external_id.clone().unwrap_or_default();
        match stored.get(&key) {
            None => {
                let mut active: collaboration::ActiveModel = record.model.clone().into();
                active.id = NotSet;
                let inserted = active.insert(&txn).await?;
                write_links(&txn, inserted.id, record).await?;
                summary.inserted += 1;
            }
            Some(old) => {
                let model = collaboration::Model {
                    id: old.id,
                    ..record.model.clone()
                };
                let (mut organisations, mut themes) =
                    (record.organisations.clone(), record.themes.clone());
                organisations.sort_unstable();
                themes.sort_unstable();
                if model == *old && links(&txn, old.id).await? == (organisations, themes) {
                    summary.unchanged += 1;
                } else if options.no_update {
                    problems.add(
                        Code::UpdateRefused,
                        None,
                        Some(("id", 0)),
                        Some(&key),
                        "this example is already in the database with other content, and --no-update was given",
                    );
                } else {
                    let active: collaboration::ActiveModel = model.into();
                    active.reset_all().update(&txn).await?;
                    write_links(&txn, old.id, record).await?;
                    summary.updated += 1;
                }
            }
        }
        progress.advance(1);
    }
    if !problems.is_empty() {
        txn.rollback().await?;
        return Ok(problems.refuse(rejected));
    }
    if summary.inserted + summary.updated > 0 {
        version::bump_beside_answers(&txn).await?;
    }
    super::audit(&txn, &options, "collaborations", path, &summary).await?;
    txn.commit().await?;
    Ok(Outcome::Written { summary })
}

//! `hub export data --format import`: every kind of record in the format its importer
//! reads, to edit in a spreadsheet and import again, or to start another hub from:
//! `areas.csv`, `codebook.csv`, `form-CODE.xlsx` and `survey-CODE.csv` (wide, one row
//! per respondent) per survey, `organisations.csv`, `findings.csv` and
//! `collaborations.csv`. Records without
//! an external id get one (`HUB-42`) so that references between files hold.

use std::{
    collections::{BTreeSet, HashMap},
    path::{Path, PathBuf},
};

use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use serde_json::Value;

mod collaborations;
mod survey_files;

use super::write_atomically;
use crate::{
    domain::code_of,
    entity::{finding, interview, municipality, organisation, region, sub_code, survey, theme},
    error::Result,
};

/// A file written and its number of rows (questions, for a form).
#[derive(Debug, Clone)]
pub struct File {
    /// What it holds: `areas`, `codebook`, `organisations`, `form`, `survey`, `findings`.
    pub kind: &'static str,
    /// The file.
    pub path: PathBuf,
    /// Rows written.
    pub rows: u64,
}

/// CSV rows, the first the header, as bytes; cells a spreadsheet would run as formulas
/// are defused (the importers take the apostrophe off again).
fn csv_file(dir: &Path, (kind, name): (&'static str, &str), rows: &[Vec<String>]) -> Result<File> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let cells = row.iter().map(|c| dashboard::csv::defuse(c).into_owned());
        writer.write_record(cells).map_err(std::io::Error::other)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let path = dir.join(name);
    write_atomically(&path, &bytes)?;
    Ok(File {
        kind,
        path,
        rows: rows.len().saturating_sub(1) as u64,
    })
}

fn text(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A JSON array of strings joined by `separator`.
fn joined(list: &Value, separator: &str) -> String {
    (list.as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(separator)
}

/// The languages of JSON objects by language, English first.
fn languages<'a>(texts: impl Iterator<Item = &'a Value>) -> Vec<String> {
    let set: BTreeSet<String> = texts
        .filter_map(Value::as_object)
        .flat_map(|m| m.keys().cloned())
        .collect();
    let mut list: Vec<String> = set.into_iter().filter(|l| l != "en").collect();
    list.insert(0, "en".into());
    list
}

/// An id for a record that has no external one.
fn external(id: Option<&String>, prefix: &str, key: i32) -> String {
    id.cloned().unwrap_or_else(|| format!("HUB-{prefix}{key}"))
}

/// The header of an importer's file: its required columns, then its optional ones.
fn header(required: &[&str], optional: &[&str]) -> Vec<String> {
    required
        .iter()
        .chain(optional)
        .map(|c| (*c).to_owned())
        .collect()
}

fn areas(
    dir: &Path,
    regions: &[region::Model],
    municipalities: &[municipality::Model],
) -> Result<File> {
    use crate::import::areas::{OPTIONAL, REQUIRED};
    let mut rows = vec![header(&REQUIRED, &OPTIONAL)];
    // code, name, kind, country_code, parent, country_name, municipalities, population,
    // population_source, population_year, languages.
    for r in regions {
        rows.push(vec![
            r.code.clone(),
            r.name.clone(),
            "REGION".into(),
            r.country_code.clone(),
            String::new(),
            r.country_name.clone(),
            r.municipalities.to_string(),
            r.population.to_string(),
            text(r.population_source.as_ref()),
            text(r.population_year),
            joined(&r.languages, ";"),
        ]);
    }
    let by_id: HashMap<i32, &region::Model> = regions.iter().map(|r| (r.id, r)).collect();
    for m in municipalities {
        let parent = by_id.get(&m.region_id);
        rows.push(vec![
            m.code.clone(),
            m.name.clone(),
            m.kind.clone(),
            text(parent.map(|r| &r.country_code)),
            text(parent.map(|r| &r.code)),
            String::new(),
            String::new(),
            text(m.population),
            text(m.population_source.as_ref()),
            text(m.population_year),
            joined(&m.languages, ";"),
        ]);
    }
    csv_file(dir, ("areas", "areas.csv"), &rows)
}

async fn codebook(db: &DatabaseConnection, dir: &Path) -> Result<File> {
    let themes = theme::Entity::find()
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?;
    let subs = sub_code::Entity::find()
        .order_by_asc(sub_code::Column::Position)
        .all(db)
        .await?;
    let names = languages(
        themes
            .iter()
            .map(|t| &t.name)
            .chain(subs.iter().map(|s| &s.name)),
    );
    let descriptions = languages(themes.iter().map(|t| &t.description));
    let mut header = vec!["theme".to_owned(), "sub_code".to_owned()];
    header.extend(names.iter().map(|l| format!("name::{l}")));
    header.extend(descriptions.iter().map(|l| format!("description::{l}")));
    let in_language = |texts: &Value, l: &String| text(texts[l.as_str()].as_str());
    let mut rows = vec![header];
    for t in &themes {
        let mut row = vec![t.code.clone(), String::new()];
        row.extend(names.iter().map(|l| in_language(&t.name, l)));
        row.extend(descriptions.iter().map(|l| in_language(&t.description, l)));
        rows.push(row);
        for s in subs.iter().filter(|s| s.theme_code == t.code) {
            let mut row = vec![t.code.clone(), s.code.clone()];
            row.extend(names.iter().map(|l| in_language(&s.name, l)));
            row.extend(descriptions.iter().map(|_| String::new()));
            rows.push(row);
        }
    }
    csv_file(dir, ("codebook", "codebook.csv"), &rows)
}

async fn organisations(
    db: &DatabaseConnection,
    dir: &Path,
    regions: &HashMap<i32, String>,
    municipalities: &HashMap<i32, String>,
) -> Result<(File, HashMap<i32, String>)> {
    let all = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?;
    let ids: HashMap<i32, String> = all
        .iter()
        .map(|o| (o.id, external(o.external_id.as_ref(), "", o.id)))
        .collect();
    use crate::import::organisations::{OPTIONAL, REQUIRED, RowNames, row_of};
    let header = header(&REQUIRED, &OPTIONAL);
    let mut rows = vec![header];
    for o in &all {
        let names = RowNames {
            id: ids[&o.id].clone(),
            region: text(regions.get(&o.region_id)),
            municipality: o
                .municipality_id
                .and_then(|m| municipalities.get(&m).cloned()),
            successor: o.successor_id.and_then(|s| ids.get(&s).cloned()),
        };
        rows.push(row_of(o, names));
    }
    Ok((
        csv_file(dir, ("organisations", "organisations.csv"), &rows)?,
        ids,
    ))
}

async fn findings(
    db: &DatabaseConnection,
    dir: &Path,
    regions: &HashMap<i32, String>,
) -> Result<File> {
    let interviews: HashMap<i32, interview::Model> = interview::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    use crate::import::findings::{OPTIONAL, REQUIRED};
    let mut rows = vec![header(&REQUIRED, &OPTIONAL)];
    // id, interview, region, held_on, interviewee_role, language, theme, quote, sub_code,
    // translation, visibility.
    for f in finding::Entity::find()
        .order_by_asc(finding::Column::Id)
        .all(db)
        .await?
    {
        let Some(i) = interviews.get(&f.interview_id) else {
            continue;
        };
        rows.push(vec![
            external(f.external_id.as_ref(), "F", f.id),
            external(i.external_id.as_ref(), "I", i.id),
            text(regions.get(&i.region_id)),
            i.held_on.format("%Y-%m-%d").to_string(),
            code_of(&i.interviewee_role),
            f.language.clone(),
            f.theme_code.clone(),
            f.quote.clone(),
            text(f.sub_code.as_ref()),
            text(f.translation.as_ref()),
            f.visibility.clone(),
        ]);
    }
    csv_file(dir, ("findings", "findings.csv"), &rows)
}

/// Writes every kind of record into `dir` (created if missing) in its importer's
/// format, in the order they are imported: areas, codebook, registry, then each survey's
/// form and answers, then findings. Free-text answers only with `include_free_text`.
pub async fn export(
    db: &DatabaseConnection,
    dir: &Path,
    include_free_text: bool,
) -> Result<Vec<File>> {
    std::fs::create_dir_all(dir)?;
    let regions = region::Entity::find()
        .order_by_asc(region::Column::Id)
        .all(db)
        .await?;
    let municipalities = municipality::Entity::find()
        .order_by_asc(municipality::Column::Id)
        .all(db)
        .await?;
    let region_codes: HashMap<i32, String> =
        regions.iter().map(|r| (r.id, r.code.clone())).collect();
    let municipality_codes: HashMap<i32, String> = municipalities
        .iter()
        .map(|m| (m.id, m.code.clone()))
        .collect();
    let mut files = vec![
        areas(dir, &regions, &municipalities)?,
        codebook(db, dir).await?,
    ];
    let (registry, ids) = organisations(db, dir, &region_codes, &municipality_codes).await?;
    files.push(registry);
    for s in survey::Entity::find()
        .order_by_asc(survey::Column::Id)
        .all(db)
        .await?
    {
        files.extend(
            survey_files::survey_files(
                db,
                dir,
                &s,
                (&regions, &municipalities),
                &ids,
                include_free_text,
            )
            .await?,
        );
    }
    files.push(findings(db, dir, &region_codes).await?);
    files.push(
        collaborations::collaborations(db, dir, &region_codes, &municipality_codes, &ids).await?,
    );
    Ok(files)
}

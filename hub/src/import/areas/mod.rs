//! `hub import areas FILE`: the partner areas (`REGION`) and their municipalities (or
//! districts), keyed by code, so that importing the same file twice changes nothing.
//! A sub-area names its region in `parent`, in the same file or already stored.

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, DatabaseConnection, EntityTrait};
use serde_json::json;

use super::{Code, Options, Outcome, Problems, Progress, Summary, table};
use crate::{
    entity::{municipality, region},
    error::Result,
    service::version,
};

/// Columns every file must have.
pub const REQUIRED: [&str; 4] = ["code", "name", "kind", "country_code"];
/// Columns a file may have.
pub const OPTIONAL: [&str; 7] = [
    "parent",
    "country_name",
    "municipalities",
    "population",
    "population_source",
    "population_year",
    "languages",
];

/// The kinds of area a row may be.
pub const KINDS: [&str; 3] = ["REGION", "MUNICIPALITY", "DISTRICT"];

mod rows;

use rows::{Area, COUNTRIES, validate};

/// Validates `path` and, when it has no problems, writes it in one transaction.
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
    let (areas, mut rejected) = validate(&table, &mut problems);

    let txn = crate::db::begin_write(db).await?;
    let regions: HashMap<String, region::Model> = region::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| (r.code.clone(), r))
        .collect();
    let municipalities: HashMap<String, municipality::Model> = municipality::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| (m.code.clone(), m))
        .collect();
    // Which region each sub-area's parent is (in the file or stored), and its country.
    let file_regions: HashMap<&str, &Area> = areas
        .iter()
        .filter(|a| a.kind == "REGION")
        .map(|a| (a.code.as_str(), a))
        .collect();
    fn at<'a>(table: &table::Table, name: &'a str) -> Option<(&'a str, usize)> {
        Some((name, table.column(name).map_or(0, |i| i + 1)))
    }
    let column = |name: &'static str| at(&table, name);
    for area in &areas {
        let mut refuse = |name: &'static str, value: &str, code: Code, message: String| {
            problems.add(code, Some(area.row), column(name), Some(value), message);
        };
        let mut bad = false;
        if area.kind == "REGION" {
            if municipalities.contains_key(&area.code) {
                refuse(
                    "code",
                    &area.code,
                    Code::ConstraintError,
                    "this code is a stored municipality; a REGION needs a code of its own".into(),
                );
                bad = true;
            }
            let known_country = regions
                .values()
                .any(|r| r.country_code == area.country_code)
                || COUNTRIES.iter().any(|(c, _)| *c == area.country_code);
            if area.country_name.is_none() && !known_country {
                refuse(
                    "country_name",
                    "",
                    Code::ConstraintError,
                    format!("give the English name of {}", area.country_code),
                );
                bad = true;
            }
        } else {
            if regions.contains_key(&area.code) || file_regions.contains_key(area.code.as_str()) {
                refuse(
                    "code",
                    &area.code,
                    Code::ConstraintError,
                    "this code is a REGION's; a municipality needs a code of its own".into(),
                );
                bad = true;
            }
            let parent = area.parent.as_deref().unwrap_or_default();
            let parent_country = file_regions
                .get(parent)
                .map(|r| r.country_code.clone())
                .or_else(|| regions.get(parent).map(|r| r.country_code.clone()));
            match parent_country {
                None => {
                    let mut codes: Vec<&str> = regions
                        .keys()
                        .map(String::as_str)
                        .chain(file_regions.keys().copied())
                        .collect();
                    codes.sort_unstable();
                    codes.dedup();
                    refuse(
                        "parent",
                        parent,
                        Code::ForeignKey,
                        format!("no REGION has this code; known: {}", codes.join(", ")),
                    );
                    bad = true;
                }
                Some(country) if country != area.country_code => {
                    refuse(
                        "country_code",
                        &area.country_code,
                        Code::ConstraintError,
                        format!("the parent {parent} is in {country}"),
                    );
                    bad = true;
                }
                Some(_) => {}
            }
        }
        rejected += u64::from(bad);
    }
    if options.no_update {
        for area in &areas {
            let changed = if area.kind == "REGION" {
                regions
                    .get(&area.code)
                    .is_some_and(|r| region_model(area, &areas, Some(r)) != *r)
            } else {
                municipalities.get(&area.code).is_some_and(|m| {
                    let parent = area
                        .parent
                        .as_deref()
                        .and_then(|p| regions.get(p))
                        .map_or(0, |r| r.id);
                    municipality_model(area, parent, m.id) != *m
                })
            };
            if changed {
                problems.add(
                    Code::UpdateRefused,
                    Some(area.row),
                    column("code"),
                    Some(&area.code),
                    "this code is already in the database with other content, and --no-update was given",
                );
            }
        }
    }
    if !problems.is_empty() {
        txn.rollback().await?;
        return Ok(problems.refuse(rejected));
    }

    progress.stage("writing", areas.len() as u64);
    let mut summary = Summary::default();
    let mut region_ids: HashMap<String, i32> =
        regions.iter().map(|(c, r)| (c.clone(), r.id)).collect();
    for area in areas.iter().filter(|a| a.kind == "REGION") {
        let stored = regions.get(&area.code);
        let model = region_model(area, &areas, stored);
        match stored {
            Some(r) if model == *r => summary.unchanged += 1,
            Some(_) => {
                let active: region::ActiveModel = model.into();
                active.reset_all().update(&txn).await?;
                summary.updated += 1;
            }
            None => {
                let mut active: region::ActiveModel = model.into();
                active.id = NotSet;
                let inserted = active.insert(&txn).await?;
                region_ids.insert(inserted.code, inserted.id);
                summary.inserted += 1;
            }
        }
        progress.advance(1);
    }
    for area in areas.iter().filter(|a| a.kind != "REGION") {
        let parent = area
            .parent
            .as_deref()
            .and_then(|p| region_ids.get(p))
            .copied()
            .unwrap_or_default();
        let stored = municipalities.get(&area.code);
        let model = municipality_model(area, parent, stored.map_or(0, |m| m.id));
        match stored {
            Some(m) if model == *m => summary.unchanged += 1,
            Some(_) => {
                let mut active: municipality::ActiveModel = model.into();
                active = active.reset_all();
                active.update(&txn).await?;
                summary.updated += 1;
            }
            None => {
                let mut active: municipality::ActiveModel = model.into();
                active.id = NotSet;
                active.insert(&txn).await?;
                summary.inserted += 1;
            }
        }
        progress.advance(1);
    }
    if summary.inserted + summary.updated > 0 {
        version::bump(&txn).await?;
    }
    super::audit(&txn, &options, "areas", path, &summary).await?;
    txn.commit().await?;
    Ok(Outcome::Written { summary })
}

/// The region a REGION row describes; what the row leaves empty keeps its stored value.
fn region_model(area: &Area, all: &[Area], stored: Option<&region::Model>) -> region::Model {
    let listed = all
        .iter()
        .filter(|a| a.parent.as_deref() == Some(area.code.as_str()))
        .count();
    let municipalities = area
        .municipalities
        .or_else(|| (listed > 0).then(|| i32::try_from(listed).unwrap_or(i32::MAX)))
        .or(stored.map(|r| r.municipalities))
        .unwrap_or(0);
    let country_name = area
        .country_name
        .clone()
        .or_else(|| {
            COUNTRIES
                .iter()
                .find(|(c, _)| *c == area.country_code)
                .map(|(_, n)| (*n).to_owned())
        })
        .or_else(|| stored.map(|r| r.country_name.clone()))
        .unwrap_or_default();
    region::Model {
        id: stored.map_or(0, |r| r.id),
        code: area.code.clone(),
        name: area.name.clone(),
        country_code: area.country_code.clone(),
        country_name,
        population: area.population.unwrap_or_default(),
        municipalities,
        languages: json!(area.languages),
        population_source: area.population_source.clone(),
        population_year: area.population_year,
    }
}

fn municipality_model(area: &Area, region_id: i32, id: i32) -> municipality::Model {
    municipality::Model {
        id,
        code: area.code.clone(),
        region_id,
        name: area.name.clone(),
        kind: area.kind.to_owned(),
        population: area.population,
        population_source: area.population_source.clone(),
        population_year: area.population_year,
        languages: json!(area.languages),
    }
}

/// The reference file of the five partner areas and their municipalities (or districts),
/// with the sources of its figures: `examples/areas.csv`.
pub const REFERENCE: &str = include_str!("../../../../examples/areas.csv");

/// The municipalities of the reference file whose region is one of `regions` (code to
/// id), numbered from 1 in the file's order: what the demo places its organisations in.
pub(crate) fn reference_municipalities(
    regions: &HashMap<String, i32>,
) -> Result<Vec<municipality::Model>> {
    let mut problems = Problems::new(std::path::Path::new("examples/areas.csv"), 10);
    let table = table::read_csv(REFERENCE.as_bytes(), &mut problems);
    let (areas, _) = validate(&table, &mut problems);
    if !problems.is_empty() {
        let (list, _) = problems.into_parts();
        let first = list.first().map(ToString::to_string).unwrap_or_default();
        return Err(crate::error::Error::Config(format!(
            "the reference areas file is broken: {first}"
        )));
    }
    Ok(areas
        .iter()
        .filter(|a| a.kind != "REGION")
        .filter_map(|a| {
            let region = regions.get(a.parent.as_deref().unwrap_or_default())?;
            Some((a, *region))
        })
        .enumerate()
        .map(|(i, (area, region))| {
            municipality_model(area, region, i32::try_from(i + 1).unwrap_or(i32::MAX))
        })
        .collect())
}

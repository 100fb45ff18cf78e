//! `collaborations.csv` in the format `hub import collaborations` reads.

use std::{collections::HashMap, path::Path};

use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};

use super::{File, csv_file, external, joined, languages, text};
use crate::{
    domain::code_of,
    entity::{collaboration, collaboration_organisation, collaboration_theme},
    error::Result,
};

pub(super) async fn collaborations(
    db: &DatabaseConnection,
    dir: &Path,
    regions: &HashMap<i32, String>,
    municipalities: &HashMap<i32, String>,
    organisations: &HashMap<i32, String>,
) -> Result<File> {
    let all = collaboration::Entity::find()
        .order_by_asc(collaboration::Column::Id)
        .all(db)
        .await?;
    let mut members: HashMap<i32, Vec<String>> = HashMap::new();
    for link in collaboration_organisation::Entity::find().all(db).await? {
        if let Some(id) = organisations.get(&link.organisation_id) {
            members
                .entry(link.collaboration_id)
                .or_default()
                .push(id.clone());
        }
    }
    let mut themes: HashMap<i32, Vec<String>> = HashMap::new();
    for link in collaboration_theme::Entity::find().all(db).await? {
        themes
            .entry(link.collaboration_id)
            .or_default()
            .push(link.theme_code);
    }
    let translated = languages(all.iter().filter_map(|c| c.translations.as_ref()));
    let others: Vec<&String> = translated.iter().filter(|l| *l != "en").collect();
    let mut header: Vec<String> = [
        "id",
        "region",
        "title::en",
        "description::en",
        "lessons::en",
    ]
    .map(str::to_owned)
    .to_vec();
    for l in &others {
        header.extend(crate::import::collaborations::TEXTS.map(|t| format!("{t}::{l}")));
    }
    header.extend(crate::import::collaborations::OPTIONAL.map(str::to_owned));
    let mut rows = vec![header];
    for c in &all {
        let mut row = vec![
            external(c.external_id.as_ref(), "C", c.id),
            text(regions.get(&c.region_id)),
            c.title.clone(),
            c.description.clone(),
            text(c.lessons.as_ref()),
        ];
        for l in &others {
            for t in crate::import::collaborations::TEXTS {
                let value = c
                    .translations
                    .as_ref()
                    .and_then(|v| v[l.as_str()][t].as_str());
                row.push(text(value));
            }
        }
        let sorted = |list: Option<&Vec<String>>| {
            let mut list = list.cloned().unwrap_or_default();
            list.sort();
            list.join(";")
        };
        // municipality, place, organisations, themes, outcomes, start_year, end_year,
        // funding, agreement.
        row.extend([
            text(c.municipality_id.and_then(|m| municipalities.get(&m))),
            c.municipality.clone(),
            sorted(members.get(&c.id)),
            sorted(themes.get(&c.id)),
            joined(&c.outcomes, ";"),
            text(c.start_year),
            text(c.end_year),
            text(c.funding.as_ref()),
            text(c.agreement.map(|a| code_of(&a))),
        ]);
        rows.push(row);
    }
    csv_file(dir, ("collaborations", "collaborations.csv"), &rows)
}

//! What the dashboard's pages show besides their charts, assembled from the database
//! and the frames: country cards, the organisation list, quotes and collaborations.

use std::collections::HashMap;

use analytics::{Filter, Grouping};
use dashboard::pages::{CollaborationItem, CountryCard, OrganisationItem, Quote, Quotes};
use sea_orm::DatabaseConnection;

use super::{
    blocking, charts, collaboration,
    frames::{Frames, today},
    interview::{self, FindingFilter},
    page::{self, Page, PageRequest},
    registry::{self, OrganisationFilter, OrganisationOrder},
    survey,
};
use crate::{
    domain::{Lang, code_of},
    entity::{collaboration as collaboration_entity, finding, organisation},
    error::Result,
};

/// The overview's card of every country in the data.
pub async fn country_cards(db: &DatabaseConnection, frames: &Frames) -> Result<Vec<CountryCard>> {
    let inputs = frames.inputs.clone();
    let (registry, findings) = blocking(move || {
        let by = [Grouping::Country];
        Ok((
            inputs.registry_stats(&by, today())?,
            inputs.theme_frequency(&by, &Filter::default())?,
        ))
    })
    .await?;
    let respondents = survey::respondents_by_country(db).await?;
    let regions = registry::regions(db).await?;
    Ok(frames
        .labels
        .countries
        .iter()
        .map(|country| {
            let stats = registry
                .iter()
                .find(|r| r.keys.country.as_ref() == Some(country));
            CountryCard {
                country: country.clone(),
                regions: regions
                    .iter()
                    .filter(|r| &r.country_code == country)
                    .map(|r| r.name.clone())
                    .collect(),
                population: stats.map_or(0, |s| s.population),
                active_organisations: stats.map_or(0, |s| s.active),
                respondents: respondents.get(country).copied().unwrap_or(0),
                findings: findings
                    .iter()
                    .find(|f| f.keys.country.as_ref() == Some(country))
                    .map_or(0, |f| f.group_total),
            }
        })
        .collect())
}

/// One page of the organisation list, by name, with its total and region names.
pub async fn organisations(
    db: &DatabaseConnection,
    filter: &OrganisationFilter,
    request: PageRequest,
) -> Result<(Page<OrganisationItem>, u64)> {
    let condition = registry::organisation_condition(db, filter).await?;
    let total = page::count::<organisation::Entity>(db, condition.clone()).await?;
    let page =
        registry::organisations(db, condition, OrganisationOrder::NameAsc, request, None).await?;
    let region_names: HashMap<i32, String> = registry::regions(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let page = page.map(|o| OrganisationItem {
        id: o.id,
        region: region_names.get(&o.region_id).cloned().unwrap_or_default(),
        kind: code_of(&o.kind),
        status: code_of(&o.status),
        founded: o.founded_year,
        name: o.name,
    });
    Ok((page, total))
}

/// The most quotes one heatmap cell shows.
pub const MAX_QUOTES: i32 = 100;

/// The quotes of one theme in one country that `viewer` may read (at most
/// [`MAX_QUOTES`]), with their total.
pub async fn quotes(
    db: &DatabaseConnection,
    viewer: &crate::access::Viewer,
    theme: &str,
    country: &str,
) -> Result<Quotes> {
    let filter = FindingFilter {
        theme: Some(theme.to_owned()),
        country_code: Some(country.to_owned()),
        ..FindingFilter::default()
    };
    let condition = interview::finding_condition(db, &filter)
        .await?
        .add(crate::access::findings_scope(viewer));
    let total = page::count::<finding::Entity>(db, condition.clone()).await?;
    let page =
        interview::findings(db, condition, PageRequest::parse(Some(MAX_QUOTES), None)?).await?;
    Ok(Quotes {
        theme: theme.to_owned(),
        country: country.to_owned(),
        total,
        items: page
            .items
            .into_iter()
            .map(|f| Quote {
                quote: f.quote,
                language: f.language,
                translation: f.translation,
                sub_code: f.sub_code,
            })
            .collect(),
    })
}

/// The examples of cooperation in one country and on one theme (each optional), with
/// theme names in `lang`; those `viewer` may edit are marked.
pub async fn collaborations(
    db: &DatabaseConnection,
    frames: &Frames,
    lang: Lang,
    (country, theme): (Option<&str>, Option<&str>),
    viewer: &crate::access::Viewer,
) -> Result<Vec<CollaborationItem>> {
    let found = collaboration::collaborations(db, country, theme).await?;
    let ids: Vec<i32> = found.iter().map(|c| c.id).collect();
    let themes_of = collaboration::themes_of(db, &ids).await?;
    let regions = registry::regions(db).await?;
    let countries: HashMap<i32, String> = (regions.iter())
        .map(|r| (r.id, r.country_code.clone()))
        .collect();
    let editable: std::collections::HashSet<i32> = (regions.iter())
        .filter(|r| super::edit::may_write(viewer, &r.code))
        .map(|r| r.id)
        .collect();
    let vocabulary = charts::vocabulary(frames, lang, None);
    Ok(found
        .into_iter()
        .map(|c| {
            let themes = themes_of
                .get(&c.id)
                .into_iter()
                .flatten()
                .map(|t| vocabulary.theme(t).to_owned())
                .collect();
            let edit = editable.contains(&c.region_id).then_some(c.id);
            CollaborationItem {
                edit,
                ..collaboration_item(c, &countries, themes, lang)
            }
        })
        .collect())
}

fn collaboration_item(
    c: collaboration_entity::Model,
    countries: &HashMap<i32, String>,
    themes: Vec<String>,
    lang: Lang,
) -> CollaborationItem {
    let (title, title_lang) = c.text_in("title", lang.code());
    let (description, _) = c.text_in("description", lang.code());
    let (lessons, _) = c.text_in("lessons", lang.code());
    let (title, description, lessons) = (
        title.unwrap_or_default().to_owned(),
        description.unwrap_or_default().to_owned(),
        lessons.map(str::to_owned),
    );
    CollaborationItem {
        edit: None,
        // Marked when the texts are the English fallback on another language's page.
        text_lang: (title_lang != lang.code()).then(|| title_lang.to_owned()),
        lessons,
        country: countries.get(&c.region_id).cloned().unwrap_or_default(),
        years: years(c.start_year, c.end_year),
        themes,
        outcomes: c
            .outcomes
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o.as_str().map(str::to_owned))
            .collect(),
        title,
        municipality: c.municipality,
        description,
    }
}

/// A span of years as a page shows it: `2019–2022`, `2019–` (ongoing), `–2022`.
/// An organisation's page: its facts, the names of what it refers to, and the
/// collaborations it took part in (titles in `lang`, English where not translated).
pub async fn organisation_page(
    db: &DatabaseConnection,
    id: i32,
    lang: Lang,
    viewer: &crate::access::Viewer,
) -> Result<dashboard::pages::OrganisationPage> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

    use crate::entity::{collaboration_organisation, municipality, region};
    let o = (organisation::Entity::find_by_id(id).one(db).await?)
        .ok_or_else(|| crate::error::Error::not_found("organisation", id.to_string()))?;
    let region = region::Entity::find_by_id(o.region_id).one(db).await?;
    let municipality = match o.municipality_id {
        Some(m) => municipality::Entity::find_by_id(m).one(db).await?,
        None => None,
    };
    let successor = match o.successor_id {
        Some(s) => organisation::Entity::find_by_id(s).one(db).await?,
        None => None,
    };
    let links = collaboration_organisation::Entity::find()
        .filter(collaboration_organisation::Column::OrganisationId.eq(id))
        .all(db)
        .await?;
    let collaborations = collaboration_entity::Entity::find()
        .filter(collaboration_entity::Column::Id.is_in(links.iter().map(|l| l.collaboration_id)))
        .order_by_asc(collaboration_entity::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            let title = c
                .text_in("title", lang.code())
                .0
                .unwrap_or_default()
                .to_owned();
            (title, years(c.start_year, c.end_year))
        })
        .collect();
    let region_code = region.as_ref().map(|r| r.code.clone()).unwrap_or_default();
    let can_edit = super::edit::may_write(viewer, &region_code);
    let strings = |list: &serde_json::Value| -> Vec<String> {
        (list.as_array().into_iter().flatten())
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    Ok(dashboard::pages::OrganisationPage {
        id: o.id,
        kind: code_of(&o.kind),
        status: code_of(&o.status),
        region: region.map(|r| r.name).unwrap_or_default(),
        municipality: municipality.map(|m| m.name),
        founded: o.founded_year,
        closed: o.closed_year,
        closure_reason: o.closure_reason.clone(),
        successor: successor.map(|s| (s.id, s.name)),
        fields_of_activity: strings(&o.fields_of_activity),
        target_groups: strings(&o.target_groups),
        website: o.website.clone(),
        last_verified: o.last_verified.map(|d| d.format("%Y-%m-%d").to_string()),
        collaborations,
        can_edit,
        name: o.name,
    })
}

fn years(start: Option<i32>, end: Option<i32>) -> String {
    match (start, end) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a}–"),
        (None, Some(b)) => format!("–{b}"),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_of_years_shows_an_open_end() {
        assert_eq!(years(Some(2019), Some(2022)), "2019–2022");
        assert_eq!(years(Some(2019), None), "2019–");
        assert_eq!(years(None, Some(2022)), "–2022");
        assert_eq!(years(None, None), "");
    }
}

//! `/registry`: the registry chart, the freshness chart (per region, or per municipality
//! of the country chosen), a country's municipalities, and a searchable, paged
//! organisation list.

use analytics::Grouping;
use dashboard::{
    ChartName, Texts,
    pages::{self, AreaRow, OrganisationList},
};
use poem::Request;

use super::{AppState, country_select, draw, kind_select, page_handler, shell, view_of};
use crate::{
    error::Result,
    service::{
        blocking,
        frames::{Frames, today},
        page::PageRequest,
        registry::OrganisationFilter,
        views,
    },
};

page_handler!(get_registry, "/registry", render);

async fn render(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(
        req,
        &["lang", "country", "kind", "q", "after", "activity", "group"],
    )?;
    let frames = state.frames.get(&state.db).await?;
    let drawn = draw(
        state,
        &frames,
        &view,
        &[
            ChartName::Registry,
            ChartName::RegistryYears,
            ChartName::Freshness,
        ],
    )
    .await?;
    let areas = match view.countries.as_slice() {
        [country] => municipalities(&frames, country.clone()).await?,
        _ => Vec::new(),
    };
    let filter = OrganisationFilter {
        country_code: view.countries.first().cloned(),
        kind: view.kinds.first().map(|k| (*k).into()),
        search: view.search.clone(),
        field_of_activity: view.activity.clone(),
        target_group: view.group.clone(),
        ..OrganisationFilter::default()
    };
    let request = PageRequest::parse(None, view.after.as_deref())?;
    let (page, total) = views::organisations(&state.db, &filter, request).await?;
    let shell = shell(req, &view, "/registry", &frames);
    let next = page.has_next.then(|| {
        let mut params = shell.params.clone();
        params.push((
            "after".into(),
            page.cursor(page.items.len().saturating_sub(1)),
        ));
        shell.link("/registry", &params)
    });
    let list = OrganisationList {
        items: page.items,
        total,
        next,
        search: view.search.clone().unwrap_or_default(),
    };
    let (activities, groups) = crate::service::registry::list_codes(&state.db).await?;
    let list_select = |name, label, codes: Vec<String>, chosen: &Option<String>| {
        let mut options = vec![super::all(view.lang)];
        options.extend(codes.into_iter().map(|c| {
            let text = view.lang.term_or_code(&c).to_owned();
            (c, text)
        }));
        pages::Select {
            name,
            label,
            options,
            selected: chosen.clone().unwrap_or_default(),
        }
    };
    let selects = [
        country_select(&frames, &view),
        kind_select(&view),
        list_select("activity", "fields_of_activity", activities, &view.activity),
        list_select("group", "target_groups", groups, &view.group),
    ];
    let slots: Vec<pages::ChartSlot> = drawn.into_iter().map(|(slot, ..)| slot).collect();
    Ok(pages::registry(&shell, &selects, &slots, &areas, &list).into_string())
}

/// The registry figures of `country`'s municipalities, in name order, the organisations
/// without a municipality last. The registry counts organisations, not people: nothing
/// to suppress.
async fn municipalities(frames: &Frames, country: String) -> Result<Vec<AreaRow>> {
    let frames = frames.clone();
    let by = [Grouping::Country, Grouping::Municipality];
    let rows = blocking(move || {
        let rows = frames.inputs.registry_stats(&by, today())?;
        let names = &frames.labels.municipalities;
        let mut areas: Vec<AreaRow> = (rows.into_iter())
            .filter(|r| r.keys.country.as_deref() == Some(country.as_str()))
            .map(|r| AreaRow {
                name: (r.keys.municipality.as_ref())
                    .map(|code| names.get(code).cloned().unwrap_or_else(|| code.clone())),
                population: Some(r.population).filter(|p| *p > 0),
                active: r.active,
                active_per_10k: r.active_per_10k,
                closure_rate: r.closure_rate,
                verified_share: r.verified_share,
            })
            .collect();
        areas.sort_by(|a, b| (a.name.is_none(), &a.name).cmp(&(b.name.is_none(), &b.name)));
        Ok::<_, crate::error::Error>(areas)
    })
    .await?;
    Ok(rows)
}

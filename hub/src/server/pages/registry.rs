//! `/registry`: the registry chart and a searchable, paged organisation list.

use dashboard::{
    ChartName,
    pages::{self, OrganisationList},
};
use poem::Request;

use super::{AppState, country_select, draw, kind_select, page_handler, shell, view_of};
use crate::{
    error::Result,
    service::{page::PageRequest, registry::OrganisationFilter, views},
};

page_handler!(get_registry, "/registry", render);

async fn render(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang", "country", "kind", "q", "after"])?;
    let frames = state.frames.get(&state.db).await?;
    let drawn = draw(state, &frames, &view, &[ChartName::Registry]).await?;
    let filter = OrganisationFilter {
        country_code: view.countries.first().cloned(),
        kind: view.kinds.first().map(|k| (*k).into()),
        search: view.search.clone(),
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
    let selects = [country_select(&frames, &view), kind_select(&view)];
    Ok(pages::registry(&shell, &selects, &drawn[0].0, &list).into_string())
}

//! `/collaborations`: the examples of cooperation, by country and theme.

use dashboard::pages::{self, Select};
use poem::Request;

use super::{AppState, all, country_select, page_handler, shell, view_of};
use crate::{
    error::Result,
    service::{charts, views},
};

page_handler!(get_collaborations, "/collaborations", render);

async fn render(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang", "country", "theme"])?;
    let frames = state.frames.get(&state.db).await?;
    let items = views::collaborations(
        &state.db,
        &frames,
        view.lang,
        (
            view.countries.first().map(String::as_str),
            view.theme.as_deref(),
        ),
        &crate::server::viewer_of_page(req),
    )
    .await?;
    let vocabulary = charts::vocabulary(&frames, view.lang, None);
    let mut theme_options = vec![all(view.lang)];
    theme_options.extend(
        frames
            .labels
            .theme_order
            .iter()
            .map(|t| (t.clone(), vocabulary.theme(t).to_owned())),
    );
    let selects = [
        country_select(&frames, &view),
        Select {
            name: "theme",
            label: "theme",
            options: theme_options,
            selected: view.theme.clone().unwrap_or_default(),
        },
    ];
    let shell = shell(req, &view, "/collaborations", &frames);
    Ok(pages::collaborations(&shell, &selects, &items).into_string())
}

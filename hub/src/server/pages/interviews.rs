//! `/interviews`: the theme heatmap by country (a cell opens its quotes), and which
//! themes come up in the same interview.

use dashboard::{Chart, ChartName, pages};
use poem::Request;

use super::{AppState, country_select, draw, page_handler, role_select, shell, view_of};
use crate::{
    error::{Error, Result},
    service::views,
};

page_handler!(get_interviews, "/interviews", render);

async fn render(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang", "country", "role", "theme", "quotes"])?;
    let frames = state.frames.get(&state.db).await?;
    let drawn = draw(
        state,
        &frames,
        &view,
        &[ChartName::ThemeFrequency, ChartName::ThemeCooccurrence],
    )
    .await?;
    let mut drawn = drawn.into_iter();
    let Some((slot, Chart::ThemeFrequency(heat), context)) = drawn.next() else {
        return Err(Error::Analytics("the theme heatmap was not drawn".into()));
    };
    let more: Vec<pages::ChartSlot> = drawn.map(|(slot, ..)| slot).collect();
    let quotes = match (&view.theme, &view.quotes) {
        (Some(theme), Some(country)) => Some(
            views::quotes(
                &state.db,
                &super::super::viewer_of_page(req),
                theme,
                country,
            )
            .await
            // The country of the quotes is the URL's `quotes`.
            .map_err(|e| e.rename_field(|f| (f == "country").then_some("quotes")))?,
        ),
        (None, None) => None,
        (Some(_), None) => {
            return Err(Error::bad_input(
                "quotes",
                "give the country of the quotes too, e.g. quotes=LV",
            ));
        }
        (None, Some(_)) => {
            return Err(Error::bad_input(
                "theme",
                "give the theme of the quotes too",
            ));
        }
    };
    let selects = [country_select(&frames, &view), role_select(&view)];
    let shell = shell(req, &view, "/interviews", &frames);
    Ok(pages::interviews(
        &shell,
        &selects,
        (&slot, &more),
        &heat,
        &context.vocabulary,
        quotes.as_ref(),
    )
    .into_string())
}

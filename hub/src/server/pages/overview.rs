//! `/`: a card per country.

use dashboard::pages;
use poem::Request;

use super::{AppState, page_handler, shell, view_of};
use crate::{error::Result, service::views};

page_handler!(get_overview, "/", render);

async fn render(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang"])?;
    let frames = state.frames.get(&state.db).await?;
    let cards = views::country_cards(&state.db, &frames).await?;
    Ok(pages::overview(&shell(req, &view, "/", &frames), &cards).into_string())
}

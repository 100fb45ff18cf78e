//! `/themes`: links to each theme's page, theme means by country and role, the role
//! gap, and the change between the latest two survey waves when there are two.

use dashboard::{
    ChartName,
    pages::{self, ChartSlot},
};
use poem::Request;

use super::{
    AppState, country_select, draw, kind_select, page_handler, role_select, shell, view_of,
};
use crate::{domain::translate, error::Result, service::charts};

page_handler!(get_themes, "/themes", render);

async fn render(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang", "country", "role", "kind"])?;
    let frames = state.frames.get(&state.db).await?;
    let mut names = vec![
        ChartName::ThemeScores,
        ChartName::RoleGap,
        ChartName::CountryDifferences,
    ];
    // The change between the latest two waves, once there are two.
    if charts::available(&frames, ChartName::WaveChange) {
        names.push(ChartName::WaveChange);
    }
    let drawn = draw(state, &frames, &view, &names).await?;
    let selects = [
        country_select(&frames, &view),
        role_select(&view),
        kind_select(&view),
    ];
    let slots: Vec<ChartSlot> = drawn.into_iter().map(|(slot, _, _)| slot).collect();
    let links: Vec<(String, String)> = (frames.labels.theme_order.iter())
        .map(|code| {
            let name = (frames.labels.themes.get(code))
                .map_or_else(|| code.clone(), |n| translate(n, view.lang));
            (code.clone(), name)
        })
        .collect();
    let shell = shell(req, &view, "/themes", &frames);
    Ok(pages::themes(&shell, &selects, &slots, &links).into_string())
}

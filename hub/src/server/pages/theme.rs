//! `/themes/{CODE}`: one theme's numbers and the voices behind them, side by side.
//! The scores and the role gap are the theme-scores and role-gap charts of that theme;
//! the questions are its Likert charts; the sub-codes are counted from the findings
//! frame; the quotes are those the viewer may read (the access rules of `/interviews`).

use analytics::{Filter, Grouping, QuestionKind};
use dashboard::{
    ChartName,
    pages::{self, ChartSlot, CountryVoices, Score, SubCodeCounts, ThemePage},
};
use poem::{
    Request, Response,
    web::{Data, Path},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{
    AppState, country_select, draw, draw_each, html_response, kind_select, role_select, shell,
    view_of,
};
use crate::{
    domain::translate,
    entity::{sub_code, theme},
    error::{Error, Result},
    server::viewer_of_page,
    service::{
        blocking,
        charts::{COMPARED_ROLES, View},
        frames::Frames,
        views,
    },
};

/// Quotes shown beside each country's score; the rest are a link away.
const QUOTES_SHOWN: usize = 3;

/// `GET /themes/{CODE}`.
#[poem::handler]
pub async fn get_theme(
    req: &Request,
    Path(code): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let query = req.uri().query().unwrap_or("");
    html_response("/themes/:code", query, render(req, state, &code).await)
}

async fn render(req: &Request, state: &AppState, code: &str) -> Result<String> {
    let mut view = view_of(req, &["lang", "country", "role", "kind"])?;
    let frames = state.frames.get(&state.db).await?;
    let code = code.trim().to_ascii_uppercase();
    if !frames.labels.theme_order.contains(&code) {
        return Err(Error::not_found("theme", code));
    }
    let stored = (theme::Entity::find_by_id(code.clone())
        .one(&state.db)
        .await?)
        .ok_or_else(|| Error::not_found("theme", code.clone()))?;
    let shell = shell(req, &view, &format!("/themes/{code}"), &frames);
    view.theme = Some(code.clone());
    let charts: Vec<ChartSlot> = draw(
        state,
        &frames,
        &view,
        &[ChartName::ThemeScores, ChartName::RoleGap],
    )
    .await?
    .into_iter()
    .map(|(slot, ..)| slot)
    .collect();
    let questions = likert_charts(state, &frames, &view, &code).await?;
    let mut countries: Vec<String> = if view.countries.is_empty() {
        frames.labels.countries.clone()
    } else {
        view.countries.clone()
    };
    // The report's order of countries, as the charts draw them.
    countries.sort_by_key(|c| dashboard::chart::country_rank(c));
    let names: Vec<(String, String)> = sub_code::Entity::find()
        .filter(sub_code::Column::ThemeCode.eq(code.as_str()))
        .order_by_asc(sub_code::Column::Position)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.code, translate(&s.name, view.lang)))
        .collect();
    let (sub_codes, scores) = figures(
        &frames,
        &view,
        &code,
        &countries,
        names,
        state.min_group_size,
    )
    .await?;
    let viewer = viewer_of_page(req);
    let mut voices = Vec::new();
    for (country, score) in countries.iter().zip(scores) {
        let quotes = views::quotes(&state.db, &viewer, &code, country).await?;
        voices.push(CountryVoices {
            country: country.clone(),
            score,
            total: quotes.total,
            quotes: quotes.items.into_iter().take(QUOTES_SHOWN).collect(),
        });
    }
    let page = ThemePage {
        name: translate(&stored.name, view.lang),
        description: translate(&stored.description, view.lang),
        code,
        countries,
        sub_codes,
        voices,
        k: state.min_group_size,
    };
    let selects = [
        country_select(&frames, &view),
        role_select(&view),
        kind_select(&view),
    ];
    Ok(pages::theme_page(&shell, &selects, &charts, &questions, &page).into_string())
}

/// One Likert chart per question of the theme, in the survey's order.
async fn likert_charts(
    state: &AppState,
    frames: &Frames,
    view: &View,
    code: &str,
) -> Result<Vec<ChartSlot>> {
    let mut seen: Vec<String> = Vec::new();
    for q in frames.inputs.questions() {
        if q.kind == QuestionKind::Likert
            && q.theme.as_deref() == Some(code)
            && !seen.contains(&q.code)
        {
            seen.push(q.code.clone());
        }
    }
    let jobs = seen
        .into_iter()
        .map(|question| {
            let mut chart_view = view.clone();
            chart_view.question = Some(question.clone());
            (ChartName::Likert, chart_view, format!("likert-{question}"))
        })
        .collect();
    Ok(draw_each(state, frames, jobs)
        .await?
        .into_iter()
        .map(|(slot, ..)| slot)
        .collect())
}

/// The theme's sub-codes counted per country (with their share of the theme's findings
/// there), and each country's mean score (`None` when suppressed).
async fn figures(
    frames: &Frames,
    view: &View,
    code: &str,
    countries: &[String],
    names: Vec<(String, String)>,
    k: u64,
) -> Result<(Vec<SubCodeCounts>, Vec<Option<Score>>)> {
    let (frames, view, code, countries) = (
        frames.clone(),
        view.clone(),
        code.to_owned(),
        countries.to_vec(),
    );
    blocking(move || {
        let findings = Filter {
            countries: view.countries.clone(),
            roles: view.roles.clone(),
            ..Filter::default()
        };
        let rows = frames
            .inputs
            .theme_frequency(&[Grouping::Country], &findings)?;
        let count = |country: &str, sub: Option<&str>| {
            (rows.iter())
                .find(|r| {
                    r.keys.country.as_deref() == Some(country)
                        && r.theme == code
                        && r.sub_code.as_deref() == sub
                })
                .map_or(0, |r| r.count)
        };
        let sub_codes = names
            .into_iter()
            .map(|(sub, name)| SubCodeCounts {
                counts: (countries.iter())
                    .map(|c| {
                        let (n, all) = (count(c, Some(&sub)), count(c, None));
                        (n, (all > 0).then(|| n as f64 / all as f64))
                    })
                    .collect(),
                code: sub,
                name,
            })
            .collect();
        let mut people = Filter {
            countries: view.countries.clone(),
            roles: view.roles.clone(),
            organisation_kinds: view.kinds.clone(),
            ..Filter::default()
        };
        if people.roles.is_empty() {
            people.roles = COMPARED_ROLES.to_vec();
        }
        let scores = frames
            .inputs
            .theme_scores(&[Grouping::Country], &people, k)?;
        let score_of = |country: &String| {
            let row = scores
                .iter()
                .find(|r| r.keys.country.as_ref() == Some(country) && r.theme == code)?;
            if row.suppressed {
                return None;
            }
            Some(Score {
                n: row.n?,
                mean: row.mean?,
                ci: (row.ci_low?, row.ci_high?),
            })
        };
        Ok((sub_codes, countries.iter().map(score_of).collect()))
    })
    .await
}

//! `/survey`: one question by country, as diverging bars or choice shares.

use analytics::QuestionKind;
use dashboard::{
    ChartName,
    pages::{self, Select},
};
use poem::Request;

use super::{
    AppState, country_select, draw, kind_select, page_handler, role_select, shell, view_of,
};
use crate::{
    domain::translate,
    error::{Error, Result},
};

page_handler!(get_survey, "/survey", render);

/// The longest question text a menu entry shows.
const MENU_TEXT: usize = 70;

async fn render(req: &Request, state: &AppState) -> Result<String> {
    let mut view = view_of(req, &["lang", "country", "role", "kind", "question"])?;
    let frames = state.frames.get(&state.db).await?;
    let lang = view.lang;
    let mut questions: Vec<(String, String, QuestionKind)> = frames
        .inputs
        .questions()
        .iter()
        .filter(|q| q.kind == QuestionKind::Likert || q.kind.is_choice())
        .map(|q| {
            let text = frames
                .labels
                .questions
                .get(&q.code)
                .map(|t| translate(t, lang))
                .unwrap_or_default();
            (q.code.clone(), text, q.kind)
        })
        .collect();
    // Waves of a survey share their codes: each code once, in the first wave's order.
    let mut seen = std::collections::HashSet::new();
    questions.retain(|q| seen.insert(q.0.clone()));
    let code = match &view.question {
        Some(code) => code.clone(),
        None => questions.first().map(|q| q.0.clone()).unwrap_or_default(),
    };
    let Some((_, _, kind)) = questions.iter().find(|q| q.0 == code) else {
        let valid: Vec<&str> = questions.iter().map(|q| q.0.as_str()).collect();
        return Err(Error::bad_input(
            "question",
            format!("unknown value {code:?}; valid: {}", valid.join(", ")),
        ));
    };
    view.question = Some(code.clone());
    let name = if *kind == QuestionKind::Likert {
        ChartName::Likert
    } else {
        ChartName::Choices
    };
    let drawn = draw(state, &frames, &view, &[name]).await?;
    let question_select = Select {
        name: "question",
        label: "question",
        options: questions
            .iter()
            .map(|(c, text, _)| {
                let short: String = text.chars().take(MENU_TEXT).collect();
                let short = if short.len() < text.len() {
                    format!("{short}…")
                } else {
                    short
                };
                (c.clone(), format!("{c}: {short}"))
            })
            .collect(),
        selected: code,
    };
    let selects = [
        question_select,
        country_select(&frames, &view),
        role_select(&view),
        kind_select(&view),
    ];
    let shell = shell(req, &view, "/survey", &frames);
    Ok(pages::survey(&shell, &selects, &drawn[0].0).into_string())
}

//! `/recommendations`: the conclusions, the recommendations by theme, the toolkit and
//! the roadmap with their evidence; and `/toolkit/{id}/file`, a toolkit item's attached
//! file. The public reads what is published, and the public quotes; partners all.

use std::collections::{BTreeMap, HashMap};

use dashboard::{
    Texts,
    pages::{self, FigureLine, GuidanceItem, GuidancePage, Quote, anchor},
};
use poem::{
    Request, Response,
    http::{StatusCode, header},
    web::{Data, Path},
};
use sea_orm::EntityTrait;

use super::{AppState, page_handler, shell, view_of};
use crate::{
    access::{Role, VISIBILITY_PUBLIC},
    domain::translate,
    entity::{collaboration, finding, guidance, sub_code},
    error::Result,
    server::viewer_of_page,
    service::{
        blocking,
        frames::Frames,
        guidance::{
            self as service,
            figures::{self, Figure, Measure},
        },
        load::one_each,
    },
};

page_handler!(get_recommendations, "/recommendations", render);

/// The kinds of guidance in the page's order.
const KINDS: [&str; 4] = [
    "CONCLUSION",
    "RECOMMENDATION",
    "TOOLKIT_ITEM",
    "ROADMAP_STEP",
];

async fn render(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang"])?;
    let lang = view.lang;
    let frames = state.frames.get(&state.db).await?;
    let viewer = viewer_of_page(req);
    let restricted = !viewer.has(Role::Partner);
    let mut rows: BTreeMap<&str, Vec<guidance::Model>> = BTreeMap::new();
    for kind in KINDS {
        rows.insert(
            kind,
            service::list(&state.db, kind, restricted, None).await?,
        );
    }
    let ids: Vec<i32> = rows.values().flatten().map(|g| g.id).collect();
    let links = service::links_of(&state.db, &ids).await?;
    let all_links = || links.values().flatten();
    let finding_ids: Vec<i32> = all_links().filter_map(|l| l.finding_id).collect();
    let findings =
        one_each::<finding::Entity, _>(&state.db, finding::Column::Id, &finding_ids, |f| f.id)
            .await?;
    let collaboration_ids: Vec<i32> = all_links().filter_map(|l| l.collaboration_id).collect();
    let collaborations = one_each::<collaboration::Entity, _>(
        &state.db,
        collaboration::Column::Id,
        &collaboration_ids,
        |c| c.id,
    )
    .await?;
    let named: Vec<Figure> = (all_links().filter_map(|l| l.figure.as_deref()))
        .filter_map(|f| Figure::parse(f).ok())
        .collect();
    let values = evaluate(&frames, named, state.min_group_size).await?;
    let theme_of_sub: HashMap<String, String> =
        (sub_code::Entity::find().all(&state.db).await?.into_iter())
            .map(|s| (s.code, s.theme_code))
            .collect();
    let theme_name = |code: &str| {
        (frames.labels.themes.get(code)).map_or_else(|| code.to_owned(), |t| translate(t, lang))
    };
    // A recommendation's themes: those it names, and those of the sub-codes it names.
    let themes_of = |id: i32| -> Vec<String> {
        let mut themes: Vec<String> = Vec::new();
        for l in links.get(&id).into_iter().flatten() {
            let theme = l.theme_code.clone().or_else(|| {
                l.sub_code
                    .as_ref()
                    .and_then(|s| theme_of_sub.get(s).cloned())
            });
            if let Some(t) = theme.filter(|t| !themes.contains(t)) {
                themes.push(t);
            }
        }
        themes
    };
    // Where a recommendation first shows on the page, for the roadmap's links to it.
    let first_section = |id: i32| {
        let themes = themes_of(id);
        let first = (frames.labels.theme_order.iter()).find(|t| themes.contains(t));
        format!("rec-{}", first.map_or("", String::as_str))
    };
    let recommendations: HashMap<i32, &guidance::Model> =
        rows["RECOMMENDATION"].iter().map(|r| (r.id, r)).collect();
    let item = |g: &guidance::Model| {
        let own = links.get(&g.id).map(Vec::as_slice).unwrap_or_default();
        GuidanceItem {
            external_id: g.external_id.clone(),
            title: translate(&g.title, lang),
            text: translate(&g.body, lang),
            draft: g.status != "PUBLISHED",
            audience: g.audience.clone(),
            toolkit_kind: g.toolkit_kind.clone(),
            link: g.link.clone(),
            attachment: (g.attachment_name.clone())
                .map(|name| (format!("/toolkit/{}/file", g.id), name)),
            due: g.due.clone(),
            who: g.who.clone(),
            recommendation: (g.recommendation_id.and_then(|id| recommendations.get(&id))).map(
                |r| {
                    (
                        anchor(&first_section(r.id), &r.external_id),
                        translate(&r.title, lang),
                    )
                },
            ),
            figures: (own.iter().filter_map(|l| l.figure.as_deref()))
                .filter_map(|f| {
                    values
                        .get(f)
                        .map(|(figure, value)| figure_line(lang, figure, value, &theme_name))
                })
                .collect(),
            quotes: (own.iter().filter_map(|l| l.finding_id))
                .filter_map(|id| findings.get(&id))
                .filter(|f| !restricted || f.visibility == VISIBILITY_PUBLIC)
                .map(|f| Quote {
                    quote: f.quote.clone(),
                    language: f.language.clone(),
                    translation: f.translation.clone(),
                    sub_code: f.sub_code.clone(),
                })
                .collect(),
            collaborations: (own.iter().filter_map(|l| l.collaboration_id))
                .filter_map(|id| collaborations.get(&id))
                .map(|c| {
                    c.text_in("title", lang.code())
                        .0
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect(),
        }
    };
    let mut by_theme = Vec::new();
    for code in frames
        .labels
        .theme_order
        .iter()
        .map(String::as_str)
        .chain([""])
    {
        let items: Vec<GuidanceItem> = (rows["RECOMMENDATION"].iter())
            .filter(|r| {
                let themes = themes_of(r.id);
                if code.is_empty() {
                    themes.is_empty()
                } else {
                    themes.iter().any(|t| t == code)
                }
            })
            .map(item)
            .collect();
        if !items.is_empty() {
            by_theme.push((code.to_owned(), theme_name(code), items));
        }
    }
    let content = GuidancePage {
        conclusions: rows["CONCLUSION"].iter().map(item).collect(),
        by_theme,
        toolkit: rows["TOOLKIT_ITEM"].iter().map(item).collect(),
        roadmap: rows["ROADMAP_STEP"].iter().map(item).collect(),
    };
    let shell = shell(req, &view, "/recommendations", &frames);
    Ok(pages::guidance(&shell, &content).into_string())
}

/// Each figure's value on `frames`, by its stored code.
async fn evaluate(
    frames: &Frames,
    named: Vec<Figure>,
    k: u64,
) -> Result<HashMap<String, (Figure, figures::Value)>> {
    let frames = frames.clone();
    blocking(move || {
        Ok(named
            .into_iter()
            .map(|f| (f.code(), (figures::evaluate(&frames, &f, k), f)))
            .map(|(code, (value, figure))| (code, (figure, value)))
            .collect())
    })
    .await
}

/// A figure as the page writes it: a gap with its sign, a score with two decimals, a
/// share in percent.
fn figure_line(
    lang: dashboard::Lang,
    figure: &Figure,
    value: &figures::Value,
    theme_name: &dyn Fn(&str) -> String,
) -> FigureLine {
    let item = if figure.measure.of_question() {
        figure.item.clone()
    } else {
        theme_name(&figure.item)
    };
    let label = lang.fill(
        &format!("figure.{}", figure.measure.code()),
        &[
            ("item", &item),
            ("country", &lang.term_or_code(&figure.country)),
        ],
    );
    FigureLine {
        label,
        value: value.value.map(|v| match figure.measure {
            Measure::RoleGap => format!("{v:+.2}"),
            Measure::ThemeScore => format!("{v:.2}"),
            Measure::AgreeShare => format!("{:.0} %", v * 100.0),
        }),
        n: value.n,
        data_version: value.data_version,
    }
}

/// `GET /toolkit/{id}/file`: a toolkit item's attached file, as a download.
#[poem::handler]
pub async fn get_toolkit_file(
    req: &Request,
    Path(id): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let restricted = !viewer_of_page(req).has(Role::Partner);
    let found = match id.parse::<i32>() {
        Ok(id) => service::attachment(&state.db, id, restricted).await,
        Err(_) => Ok(None),
    };
    match found {
        Ok(Some((name, bytes))) => {
            let safe: String = (name.chars())
                .map(|c| {
                    if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            Response::builder()
                .header(header::CONTENT_TYPE, "application/octet-stream")
                .header(
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{safe}\""),
                )
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes)
        }
        Ok(None) => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .content_type("text/plain; charset=utf-8")
            .body(format!("no toolkit file {id:?}")),
        Err(error) => {
            tracing::error!(%error, "toolkit file");
            Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body("the file could not be read")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_with_their_unit() {
        let value = |v| figures::Value {
            value: Some(v),
            n: 40,
            suppressed: false,
            data_version: 3,
        };
        let names = |code: &str| format!("<{code}>");
        let gap = Figure::parse("ROLE_GAP PROCESSES_BUREAUCRACY LV").unwrap();
        let line = figure_line(dashboard::Lang::En, &gap, &value(0.4249), &names);
        assert_eq!(line.value.as_deref(), Some("+0.42"));
        assert_eq!(
            line.label,
            "Role gap (officials − organisations) on <PROCESSES_BUREAUCRACY> in Latvia"
        );
        let share = Figure::parse("AGREE_SHARE SU1 SE").unwrap();
        assert_eq!(
            figure_line(dashboard::Lang::En, &share, &value(0.456), &names)
                .value
                .as_deref(),
            Some("46 %")
        );
    }
}

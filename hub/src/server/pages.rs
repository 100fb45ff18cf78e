//! The dashboard over HTTP: charts at `/charts/{name}.{svg,png,csv}` and the HTML pages,
//! each drawn from the frames of the current data version.

use std::collections::HashMap;

use dashboard::{
    Chart, ChartName, Format, Lang,
    chart::DEFAULT_PNG_SIZE,
    pages::{
        self, ChartSlot, CollaborationItem, CountryCard, OrganisationItem, OrganisationList, Quote,
        Quotes, Select, Shell,
    },
};
use poem::{
    Request, Response, handler,
    http::{StatusCode, header},
    web::{Data, Path},
};

use super::AppState;
use crate::{
    domain::{code_of, enum_code},
    error::{Error, Result},
    service::{
        charts::{self, View},
        collaboration,
        frames::{Frames, today},
        interview::{self, FindingFilter},
        page::PageRequest,
        registry::{self, OrganisationFilter},
        survey,
    },
};

/// A chart file: the name and format come from the path, the filters from the query.
#[handler]
pub async fn get_chart(
    Path(file): Path<String>,
    req: &Request,
    Data(state): Data<&AppState>,
) -> Response {
    match chart_file(&file, req.uri().query().unwrap_or(""), state).await {
        Ok((format, body)) => Response::builder()
            .content_type(format.media_type())
            .header(
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file}\""),
            )
            .header(header::CACHE_CONTROL, "no-cache")
            .body(body),
        Err(error) => plain_error(&error),
    }
}

async fn chart_file(file: &str, query: &str, state: &AppState) -> Result<(Format, Vec<u8>)> {
    let (name, extension) = file.rsplit_once('.').ok_or_else(|| {
        Error::bad_input(
            "chart",
            format!("{file:?} has no format; ask for NAME.svg, NAME.png or NAME.csv"),
        )
    })?;
    let name = ChartName::parse(name)?;
    let format = Format::parse(extension)?;
    let view = View::parse(query, charts::chart_parameters(name))?;
    let frames = state.frames.get(&state.db).await?;
    let k = state.min_group_size;
    let body = tokio::task::spawn_blocking(move || -> Result<Vec<u8>> {
        let (chart, context) = charts::make(&frames, name, &view, k, charts::now())?;
        Ok(match format {
            Format::Svg => chart.svg(&context)?.into_bytes(),
            Format::Csv => chart.csv(&context).into_bytes(),
            Format::Png => {
                let size = (
                    view.width.unwrap_or(DEFAULT_PNG_SIZE.0),
                    view.height.unwrap_or(DEFAULT_PNG_SIZE.1),
                );
                chart.png(&context, size)?
            }
        })
    })
    .await
    .map_err(|e| Error::Io(std::io::Error::other(e)))??;
    Ok((format, body))
}

/// A 400 for bad input saying what was wrong and what is valid; a logged 500 otherwise.
fn plain_error(error: &Error) -> Response {
    let (status, message) = status_and_message(error);
    Response::builder()
        .status(status)
        .content_type("text/plain; charset=utf-8")
        .body(message)
}

fn status_and_message(error: &Error) -> (StatusCode, String) {
    match error {
        Error::BadInput { .. } => (StatusCode::BAD_REQUEST, error.to_string()),
        Error::NotFound { .. } => (StatusCode::NOT_FOUND, error.to_string()),
        _ => {
            tracing::error!(%error, "cannot answer a dashboard request");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error; the server log has the details".to_owned(),
            )
        }
    }
}

/// An HTML page, or an HTML error page in the language asked for (English when the
/// language itself was the problem).
fn html_response(path: &str, query: &str, result: Result<String>) -> Response {
    match result {
        Ok(body) => Response::builder()
            .content_type("text/html; charset=utf-8")
            .body(body),
        Err(error) => {
            let (status, message) = status_and_message(&error);
            let lang = View::parse(query, &charts::PARAMETERS)
                .map(|v| v.lang)
                .unwrap_or_default();
            let shell = Shell {
                lang,
                path: path.to_owned(),
                params: Vec::new(),
                synthetic: false,
                data_version: 0,
            };
            Response::builder()
                .status(status)
                .content_type("text/html; charset=utf-8")
                .body(pages::error_page(&shell, &message).into_string())
        }
    }
}

fn shell(view: &View, path: &str, frames: &Frames) -> Shell {
    let mut params = view.filters();
    if let Some(q) = &view.search {
        params.push(("q".into(), q.clone()));
    }
    Shell {
        lang: view.lang,
        path: path.to_owned(),
        params,
        synthetic: frames.synthetic,
        data_version: frames.version,
    }
}

fn all(lang: Lang) -> (String, String) {
    (String::new(), lang.t("all").to_owned())
}

fn select_of(
    name: &'static str,
    label: &'static str,
    lang: Lang,
    codes: &[&str],
    chosen: &[String],
) -> Select {
    let mut options = vec![all(lang)];
    options.extend(
        codes
            .iter()
            .map(|c| ((*c).to_owned(), lang.term_or_code(c).to_owned())),
    );
    Select {
        name,
        label,
        options,
        selected: chosen.first().cloned().unwrap_or_default(),
    }
}

fn country_select(frames: &Frames, view: &View) -> Select {
    let codes: Vec<&str> = frames.labels.countries.iter().map(String::as_str).collect();
    select_of("country", "country", view.lang, &codes, &view.countries)
}

fn role_select(view: &View) -> Select {
    select_of("role", "role", view.lang, &charts::ROLES, &view.roles)
}

fn kind_select(view: &View) -> Select {
    select_of("kind", "kind", view.lang, &charts::KINDS, &view.kinds)
}

/// Draws charts for a page off the async workers; each SVG gets ids of its own.
async fn draw(
    state: &AppState,
    frames: &Frames,
    view: &View,
    names: &[ChartName],
) -> Result<Vec<(ChartSlot, Chart, dashboard::Context)>> {
    let frames = frames.clone();
    let view = view.clone();
    let names = names.to_vec();
    let k = state.min_group_size;
    tokio::task::spawn_blocking(move || {
        let made = charts::now();
        let mut out = Vec::new();
        for name in names {
            let chart_view = view.for_chart(name);
            let (chart, context) = charts::make(&frames, name, &chart_view, k, made.clone())?;
            let slot = ChartSlot {
                name: name.slug(),
                svg: chart.svg_with_id(&context, name.slug())?,
                params: chart_view.filters(),
            };
            out.push((slot, chart, context));
        }
        Ok(out)
    })
    .await
    .map_err(|e| Error::Io(std::io::Error::other(e)))?
}

/// Reads the view of a page, checking its parameters.
fn view_of(req: &Request, allowed: &[&str]) -> Result<View> {
    View::parse(req.uri().query().unwrap_or(""), allowed)
}

macro_rules! page_handler {
    ($name:ident, $path:literal, $render:ident) => {
        #[doc = concat!("The page at `", $path, "`.")]
        #[handler]
        pub async fn $name(req: &Request, Data(state): Data<&AppState>) -> Response {
            let query = req.uri().query().unwrap_or("");
            html_response($path, query, $render(req, state).await)
        }
    };
}

page_handler!(get_overview, "/", overview_page);
page_handler!(get_registry, "/registry", registry_page);
page_handler!(get_survey, "/survey", survey_page);
page_handler!(get_themes, "/themes", themes_page);
page_handler!(get_interviews, "/interviews", interviews_page);
page_handler!(get_collaborations, "/collaborations", collaborations_page);

async fn overview_page(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang"])?;
    let frames = state.frames.get(&state.db).await?;
    let inputs = frames.inputs.clone();
    let (registry, findings) = tokio::task::spawn_blocking(move || {
        let by = [analytics::Grouping::Country];
        Ok::<_, Error>((
            inputs.registry_stats(&by, today())?,
            inputs.theme_frequency(&by, &analytics::Filter::default())?,
        ))
    })
    .await
    .map_err(|e| Error::Io(std::io::Error::other(e)))??;
    let respondents = survey::respondents_by_country(&state.db).await?;
    let regions = registry::regions(&state.db).await?;
    let cards = frames
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
        .collect::<Vec<_>>();
    Ok(pages::overview(&shell(&view, "/", &frames), &cards).into_string())
}

async fn registry_page(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang", "country", "kind", "q", "after"])?;
    let frames = state.frames.get(&state.db).await?;
    let drawn = draw(state, &frames, &view, &[ChartName::Registry]).await?;
    let filter = OrganisationFilter {
        country_code: view.countries.first().cloned(),
        kind: view.kinds.first().and_then(|k| enum_code(k)),
        search: view.search.clone(),
        ..OrganisationFilter::default()
    };
    let condition = registry::organisation_condition(&state.db, &filter)
        .await
        .map_err(url_field)?;
    let request = PageRequest::parse(None, view.after.as_deref()).map_err(|e| match e {
        Error::BadInput { message, .. } => Error::BadInput {
            field: "after".into(),
            message,
        },
        other => other,
    })?;
    let total = registry::count_organisations(&state.db, condition.clone()).await?;
    let page = registry::organisations(
        &state.db,
        condition,
        registry::OrganisationOrder::NameAsc,
        request,
    )
    .await?;
    let region_names: HashMap<i32, String> = registry::regions(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let shell = shell(&view, "/registry", &frames);
    let next = page.has_next.then(|| {
        let mut params = shell.params.clone();
        params.push((
            "after".into(),
            page.cursor(page.items.len().saturating_sub(1)),
        ));
        shell.link("/registry", &params)
    });
    let list = OrganisationList {
        items: page
            .items
            .iter()
            .map(|o| OrganisationItem {
                name: o.name.clone(),
                region: region_names.get(&o.region_id).cloned().unwrap_or_default(),
                kind: code_of(&o.kind),
                status: code_of(&o.status),
                founded: o.founded_year,
            })
            .collect(),
        total,
        next,
        search: view.search.clone().unwrap_or_default(),
    };
    let selects = [country_select(&frames, &view), kind_select(&view)];
    Ok(pages::registry(&shell, &selects, &drawn[0].0, &list).into_string())
}

async fn survey_page(req: &Request, state: &AppState) -> Result<String> {
    let mut view = view_of(req, &["lang", "country", "role", "kind", "question"])?;
    let frames = state.frames.get(&state.db).await?;
    let lang = view.lang;
    let questions: Vec<(String, String, String)> = frames
        .inputs
        .questions()
        .iter()
        .filter(|q| {
            matches!(
                q.kind.as_str(),
                "LIKERT" | "MULTIPLE_CHOICE" | "SINGLE_CHOICE"
            )
        })
        .map(|q| {
            let text = frames
                .labels
                .questions
                .get(&q.code)
                .map(|t| crate::domain::translate(t, lang))
                .unwrap_or_default();
            (q.code.clone(), text, q.kind.clone())
        })
        .collect();
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
    let name = if kind == "LIKERT" {
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
                let short: String = text.chars().take(70).collect();
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
    let shell = shell(&view, "/survey", &frames);
    Ok(pages::survey(&shell, &selects, &drawn[0].0).into_string())
}

async fn themes_page(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang", "country", "role", "kind"])?;
    let frames = state.frames.get(&state.db).await?;
    let drawn = draw(
        state,
        &frames,
        &view,
        &[ChartName::ThemeScores, ChartName::RoleGap],
    )
    .await?;
    let selects = [
        country_select(&frames, &view),
        role_select(&view),
        kind_select(&view),
    ];
    let slots: Vec<ChartSlot> = drawn.into_iter().map(|(slot, _, _)| slot).collect();
    Ok(pages::themes(&shell(&view, "/themes", &frames), &selects, &slots).into_string())
}

async fn interviews_page(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang", "country", "role", "theme", "quotes"])?;
    let frames = state.frames.get(&state.db).await?;
    let drawn = draw(state, &frames, &view, &[ChartName::ThemeFrequency]).await?;
    let Some((slot, Chart::ThemeFrequency(heat), context)) = drawn.into_iter().next() else {
        return Err(Error::Analytics("the theme heatmap was not drawn".into()));
    };
    let quotes = match (&view.theme, &view.quotes) {
        (Some(theme), Some(country)) => {
            let filter = FindingFilter {
                theme: Some(theme.clone()),
                country_code: Some(country.clone()),
                ..FindingFilter::default()
            };
            let condition = interview::finding_condition(&state.db, &filter)
                .await
                .map_err(|e| match e {
                    Error::BadInput { field, message } => Error::BadInput {
                        field: if field.contains("theme") {
                            "theme".into()
                        } else if field.contains("country") {
                            "quotes".into()
                        } else {
                            field
                        },
                        message,
                    },
                    other => other,
                })?;
            let total = interview::count_findings(&state.db, condition.clone()).await?;
            let page =
                interview::findings(&state.db, condition, PageRequest::parse(Some(100), None)?)
                    .await?;
            Some(Quotes {
                theme: theme.clone(),
                country: country.clone(),
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
    let shell = shell(&view, "/interviews", &frames);
    Ok(pages::interviews(
        &shell,
        &selects,
        &slot,
        &heat,
        &context.vocabulary,
        quotes.as_ref(),
    )
    .into_string())
}

async fn collaborations_page(req: &Request, state: &AppState) -> Result<String> {
    let view = view_of(req, &["lang", "country", "theme"])?;
    let frames = state.frames.get(&state.db).await?;
    let found = collaboration::collaborations(
        &state.db,
        view.countries.first().map(String::as_str),
        view.theme.as_deref(),
    )
    .await
    .map_err(url_field)?;
    let ids: Vec<i32> = found.iter().map(|c| c.id).collect();
    let themes_of = collaboration::themes_of(&state.db, &ids).await?;
    let regions: HashMap<i32, String> = registry::regions(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.country_code))
        .collect();
    let vocabulary = charts::vocabulary(&frames, view.lang, None);
    let items: Vec<CollaborationItem> = found
        .into_iter()
        .map(|c| CollaborationItem {
            country: regions.get(&c.region_id).cloned().unwrap_or_default(),
            years: match (c.start_year, c.end_year) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) => format!("{a}–"),
                (None, Some(b)) => format!("–{b}"),
                (None, None) => String::new(),
            },
            themes: themes_of
                .get(&c.id)
                .map(|ts| {
                    ts.iter()
                        .map(|t| {
                            vocabulary
                                .themes
                                .get(t)
                                .cloned()
                                .unwrap_or_else(|| t.clone())
                        })
                        .collect()
                })
                .unwrap_or_default(),
            outcomes: c
                .outcomes
                .as_array()
                .map(|os| {
                    os.iter()
                        .filter_map(|o| o.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            title: c.title,
            municipality: c.municipality,
            description: c.description,
        })
        .collect();
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
    let shell = shell(&view, "/collaborations", &frames);
    Ok(pages::collaborations(&shell, &selects, &items).into_string())
}

/// Services name fields as GraphQL arguments (`filter.countryCode`); pages as URLs.
fn url_field(error: Error) -> Error {
    match error {
        Error::BadInput { field, message } => Error::BadInput {
            field: match field.as_str() {
                f if f.contains("country") => "country".into(),
                f if f.contains("theme") => "theme".into(),
                f if f.contains("search") => "q".into(),
                f if f.contains("kind") => "kind".into(),
                _ => field,
            },
            message,
        },
        other => other,
    }
}

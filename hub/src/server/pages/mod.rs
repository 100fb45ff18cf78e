//! The dashboard over HTTP: charts at `/charts/{name}.{svg,png,csv}` and one module per
//! HTML page, each drawn from the frames of the current data version. This module holds
//! what the pages share: reading the view, the page shell, the filter menus, drawing
//! charts off the async workers, and the error pages.

mod chart;
mod collaboration_edit;
mod collaborations;
mod country;
mod guidance;
mod imports;
mod interviews;
mod organisation;
mod overview;
mod registry;
mod registry_link;
mod reviews;
mod sign_in;
mod survey;
mod theme;
mod themes;

use analytics::{OrganisationKind, Role};
use dashboard::{
    Chart, ChartName, Lang, Texts,
    pages::{self, ChartSlot, Select, Shell},
};
use poem::{
    Request, Response,
    http::{StatusCode, header},
};

pub use chart::get_chart;
pub use collaboration_edit::{get_collaboration_edit, post_collaboration_edit};
pub use collaborations::get_collaborations;
pub use country::get_country;
pub use guidance::{get_recommendations, get_toolkit_file};
pub use imports::{get_imports, post_imports};
pub use interviews::get_interviews;
pub use organisation::{get_edit, get_organisation, post_edit};
pub use overview::get_overview;
pub use registry::get_registry;
pub use registry_link::{get_link, post_link};
pub use reviews::{get_reviews, post_registry_links, post_review};
pub(crate) use sign_in::cookie;
pub use sign_in::{get_sign_in, post_sign_in, post_sign_out};
pub use survey::get_survey;
pub use theme::get_theme;
pub use themes::get_themes;

use super::{AppState, view};
use crate::{
    error::{Error, Result},
    service::{
        blocking,
        charts::{self, View},
        frames::Frames,
    },
};

/// A page handler: reads the request, renders the page or an error page in the
/// language asked for.
macro_rules! page_handler {
    ($name:ident, $path:literal, $render:ident) => {
        #[doc = concat!("The page at `", $path, "`.")]
        #[poem::handler]
        pub async fn $name(
            req: &poem::Request,
            poem::web::Data(state): poem::web::Data<&$crate::server::AppState>,
        ) -> poem::Response {
            let query = req.uri().query().unwrap_or("");
            super::html_response($path, query, $render(req, state).await)
        }
    };
}
pub(crate) use page_handler;

/// What a page and a chart may load and run: nothing but their own styles, images and
/// links (the pages run no script; their CSS and the charts' SVG are inline; `connect-src`
/// lets a browser's tools fetch the download links), and no other site may frame them.
pub(super) const PAGE_POLICY: &str = "default-src 'none'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

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
        Error::Forbidden(_) => (StatusCode::FORBIDDEN, error.to_string()),
        Error::Invalid(_) => (StatusCode::BAD_REQUEST, error.to_string()),
        Error::Conflict { .. } => (StatusCode::CONFLICT, error.to_string()),
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
/// language itself was the problem). Fields of bad input are named as the URL names them.
fn html_response(path: &str, query: &str, result: Result<String>) -> Response {
    match result.map_err(|e| e.rename_field(view::url_field)) {
        Ok(body) => Response::builder()
            .content_type("text/html; charset=utf-8")
            .header(header::CONTENT_SECURITY_POLICY, PAGE_POLICY)
            .header(header::CACHE_CONTROL, "no-cache")
            .body(body),
        Err(error) => {
            let (status, message) = status_and_message(&error);
            let lang = view::parse(query, &view::PARAMETERS)
                .map(|v| v.lang)
                .unwrap_or_default();
            let shell = Shell {
                lang,
                path: path.to_owned(),
                params: Vec::new(),
                synthetic: false,
                data_version: 0,
                account: None,
            };
            Response::builder()
                .status(status)
                .content_type("text/html; charset=utf-8")
                .header(header::CONTENT_SECURITY_POLICY, PAGE_POLICY)
                .header(header::CACHE_CONTROL, "no-cache")
                .body(pages::error_page(&shell, &message).into_string())
        }
    }
}

/// Reads the view of a page, checking its parameters.
fn view_of(req: &Request, allowed: &[&str]) -> Result<View> {
    view::parse(req.uri().query().unwrap_or(""), allowed)
}

fn shell(req: &Request, view: &View, path: &str, frames: &Frames) -> Shell {
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
        account: super::session_of(req).map(|s| pages::SignedIn {
            name: s
                .viewer
                .account
                .as_ref()
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            role: s.viewer.role.code().to_owned(),
            csrf: s.csrf.clone(),
        }),
    }
}

/// The "all" choice of a filter menu.
fn all(lang: Lang) -> (String, String) {
    (String::new(), lang.t("all").to_owned())
}

fn select_of(name: &'static str, lang: Lang, codes: &[&str], chosen: &[&str]) -> Select {
    let mut options = vec![all(lang)];
    options.extend(
        codes
            .iter()
            .map(|c| ((*c).to_owned(), lang.term_or_code(c).to_owned())),
    );
    Select {
        name,
        label: name,
        options,
        selected: chosen.first().map(|c| (*c).to_owned()).unwrap_or_default(),
    }
}

fn country_select(frames: &Frames, view: &View) -> Select {
    let codes: Vec<&str> = frames.labels.countries.iter().map(String::as_str).collect();
    let chosen: Vec<&str> = view.countries.iter().map(String::as_str).collect();
    select_of("country", view.lang, &codes, &chosen)
}

fn role_select(view: &View) -> Select {
    let chosen: Vec<&str> = view.roles.iter().map(|r| r.code()).collect();
    select_of("role", view.lang, Role::CODES, &chosen)
}

fn kind_select(view: &View) -> Select {
    let chosen: Vec<&str> = view.kinds.iter().map(|k| k.code()).collect();
    select_of("kind", view.lang, OrganisationKind::CODES, &chosen)
}

/// Draws charts for a page off the async workers; each SVG gets ids of its own.
async fn draw(
    state: &AppState,
    frames: &Frames,
    view: &View,
    names: &[ChartName],
) -> Result<Vec<(ChartSlot, Chart, dashboard::Context)>> {
    let jobs = (names.iter())
        .map(|name| (*name, view.clone(), name.slug().to_owned()))
        .collect();
    draw_each(state, frames, jobs).await
}

/// Draws each chart (name, view, the id of its figure on the page) off the async
/// workers, for pages that draw one chart several times (one per question).
async fn draw_each(
    state: &AppState,
    frames: &Frames,
    jobs: Vec<(ChartName, View, String)>,
) -> Result<Vec<(ChartSlot, Chart, dashboard::Context)>> {
    let frames = frames.clone();
    let k = state.min_group_size;
    blocking(move || {
        let made = charts::now();
        let mut out = Vec::new();
        for (name, view, id) in jobs {
            let chart_view = view.for_chart(name);
            let (chart, context) = charts::make(&frames, name, &chart_view, k, made.clone())?;
            let slot = ChartSlot {
                name: name.slug(),
                svg: chart.svg_with_id(&context, &id)?,
                id,
                // The filters the chart used, with the waves it chose, so a download
                // draws the same chart.
                params: context.filters.clone(),
            };
            out.push((slot, chart, context));
        }
        Ok(out)
    })
    .await
}

//! `/r/{secret}`: the page a listed organisation opens from its private link, without
//! an account, to confirm that its registry entry is right. The secret in the path is
//! the only credential, so these pages send no referrer and are never cached.

use dashboard::pages;
use poem::{
    Body, Request, Response,
    http::{HeaderValue, StatusCode, header},
    web::{Data, Path},
};

use super::{PAGE_POLICY, html_response, shell, sign_in::read_form, view_of};
use crate::{
    error::Result,
    server::AppState,
    service::links::{self, Opened},
};

fn respond(status: StatusCode, body: String) -> Response {
    let mut response = Response::builder()
        .status(status)
        .content_type("text/html; charset=utf-8")
        .header(header::CONTENT_SECURITY_POLICY, PAGE_POLICY)
        .header(header::CACHE_CONTROL, "no-store")
        .body(body);
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The page for what the link leads to.
async fn page_of(
    req: &Request,
    state: &AppState,
    secret: &str,
    opened: Opened,
    confirmed: bool,
) -> Result<(StatusCode, String)> {
    let view = view_of(req, &["lang"])?;
    let frames = state.frames.get(&state.db).await?;
    let path = format!("/r/{secret}");
    let shell = shell(req, &view, &path, &frames);
    Ok(match opened {
        Opened::Valid(found) => {
            let o = &found.1;
            let page = crate::service::views::organisation_page(
                &state.db,
                o.id,
                view.lang,
                &crate::access::Viewer::public(),
            )
            .await?;
            let action = shell.link(&path, &[]);
            let html = pages::self_check(&shell, &page, &action, confirmed).into_string();
            (StatusCode::OK, html)
        }
        Opened::Expired | Opened::Revoked => {
            (StatusCode::GONE, pages::link_gone(&shell).into_string())
        }
        Opened::Unknown => (
            StatusCode::NOT_FOUND,
            pages::link_gone(&shell).into_string(),
        ),
    })
}

/// `GET /r/{secret}`.
#[poem::handler]
pub async fn get_link(
    req: &Request,
    Path(secret): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let result = async {
        let opened = links::open(&state.db, &secret).await?;
        page_of(req, state, &secret, opened, false).await
    }
    .await;
    match result {
        Ok((status, html)) => respond(status, html),
        Err(error) => html_response("/r/:token", "", Err(error)),
    }
}

#[derive(serde::Deserialize)]
struct Answer {
    action: String,
}

/// `POST /r/{secret}`: the organisation confirms its entry.
#[poem::handler]
pub async fn post_link(
    req: &Request,
    Path(secret): Path<String>,
    body: Body,
    Data(state): Data<&AppState>,
) -> Response {
    let answer: Option<Answer> = read_form(body).await;
    let result = async {
        if answer.as_ref().map(|a| a.action.as_str()) != Some("confirm") {
            return Err(crate::error::Error::bad_input(
                "action",
                "the form sends action=confirm",
            ));
        }
        let client = req
            .remote_addr()
            .as_socket_addr()
            .map(|a| a.ip().to_string());
        let opened = links::confirm(&state.db, &secret, client).await?;
        // This process answers from the new data version at once.
        state.frames.watch().refresh(&state.db).await?;
        page_of(req, state, &secret, opened, true).await
    }
    .await;
    match result {
        Ok((status, html)) => respond(status, html),
        Err(error) => html_response("/r/:token", "", Err(error)),
    }
}

//! `/r/{secret}`: the page a listed organisation opens from its private link, without
//! an account, to confirm that its registry entry is right. The secret in the path is
//! the only credential, so these pages send no referrer and are never cached.

use std::collections::HashMap;

use dashboard::{
    Texts,
    pages::{self, Answered, Field, Input},
};
use poem::{
    Body, Request, Response,
    http::{HeaderValue, StatusCode, header},
    web::{Data, Path},
};

use super::{PAGE_POLICY, html_response, shell, sign_in::read_form, view_of};
use crate::{
    error::Result,
    server::AppState,
    service::{
        edit,
        links::{self, Opened},
    },
};

/// A form's values (or its problems) by field name.
type Form = HashMap<String, String>;

/// The corrections form's fields, filled from `values` (what was sent, else what is
/// stored), with the problems found.
fn correction_fields(
    lang: dashboard::Lang,
    values: &HashMap<String, String>,
    errors: &HashMap<String, String>,
) -> Vec<Field> {
    let statuses = crate::domain::OrganisationStatus::CODES
        .iter()
        .map(|c| ((*c).to_owned(), lang.term_or_code(c).to_owned()))
        .collect();
    [
        ("name", "name", Input::Text, true),
        ("status", "status", Input::Choice(statuses), true),
        ("closed_year", "closed_year", Input::Number, false),
        ("closure_reason", "closure_reason", Input::Text, false),
        ("website", "website", Input::Url, false),
        (
            "fields_of_activity",
            "fields_of_activity",
            Input::Text,
            false,
        ),
        ("target_groups", "target_groups", Input::Text, false),
        ("note", "note", Input::Text, false),
    ]
    .into_iter()
    .map(|(name, label, input, required)| Field {
        name,
        label,
        input,
        value: values.get(name).cloned().unwrap_or_default(),
        required,
        hint: matches!(name, "fields_of_activity" | "target_groups")
            .then(|| lang.t("list_hint").to_owned()),
        error: errors.get(name).cloned(),
    })
    .collect()
}

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
    answered: Answered,
    sent: Option<(&Form, Form)>,
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
            let stored: HashMap<String, String> = (edit::cells_of(&state.db, o).await?)
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
            let (values, errors, status) = match sent {
                Some((sent, errors)) => (sent.clone(), errors, StatusCode::BAD_REQUEST),
                None => (stored, HashMap::new(), StatusCode::OK),
            };
            let fields = correction_fields(view.lang, &values, &errors);
            let html = pages::self_check(&shell, &page, &action, answered, &fields).into_string();
            (status, html)
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
        page_of(req, state, &secret, opened, Answered::No, None).await
    }
    .await;
    match result {
        Ok((status, html)) => respond(status, html),
        Err(error) => html_response("/r/:token", "", Err(error)),
    }
}

/// `POST /r/{secret}`: the organisation confirms its entry.
#[poem::handler]
pub async fn post_link(
    req: &Request,
    Path(secret): Path<String>,
    body: Body,
    Data(state): Data<&AppState>,
) -> Response {
    let sent: HashMap<String, String> = read_form(body).await.unwrap_or_default();
    let result = async {
        let client = req
            .remote_addr()
            .as_socket_addr()
            .map(|a| a.ip().to_string());
        match sent.get("action").map(String::as_str) {
            Some("confirm") => {
                let opened = links::confirm(&state.db, &secret, client).await?;
                // This process answers from the new data version at once.
                state.frames.after_write(&state.db).await?;
                page_of(req, state, &secret, opened, Answered::Confirmed, None).await
            }
            Some("propose") => {
                let proposed = links::propose(&state.db, &secret, &sent, client).await;
                let opened = links::open(&state.db, &secret).await?;
                match proposed {
                    Ok(Some(_)) => {
                        page_of(req, state, &secret, opened, Answered::Proposed, None).await
                    }
                    Ok(None) => page_of(req, state, &secret, opened, Answered::No, None).await,
                    Err(crate::error::Error::Invalid(problems)) => {
                        let errors = (problems.into_iter())
                            .map(|p| (p.field.trim_start_matches("form.").to_owned(), p.message))
                            .collect();
                        page_of(
                            req,
                            state,
                            &secret,
                            opened,
                            Answered::No,
                            Some((&sent, errors)),
                        )
                        .await
                    }
                    Err(crate::error::Error::BadInput { field, message }) => {
                        let errors = HashMap::from([(field, message)]);
                        page_of(
                            req,
                            state,
                            &secret,
                            opened,
                            Answered::No,
                            Some((&sent, errors)),
                        )
                        .await
                    }
                    Err(other) => Err(other),
                }
            }
            _ => Err(crate::error::Error::bad_input(
                "action",
                "the form sends action=confirm or action=propose",
            )),
        }
    }
    .await;
    match result {
        Ok((status, html)) => respond(status, html),
        Err(error) => html_response("/r/:token", "", Err(error)),
    }
}

//! `/sign-in` and `/sign-out`: the dashboard's sign-in form, its session cookie, and the
//! CSRF checks of both forms.

use std::net::IpAddr;

use dashboard::{Texts, pages};
use poem::{
    Body, Request, Response, handler,
    http::{StatusCode, header},
    web::Data,
};
use serde::Deserialize;

use super::{PAGE_POLICY, view_of};
use crate::{
    access::sessions::{self, COOKIE, FORM_COOKIE, LIFETIME},
    server::{AppState, session_of},
};

/// The value of the cookie `name` in `request`.
pub(crate) fn cookie<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    path: &str,
    max_age: i64,
    same_site: &str,
) -> String {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite={same_site}{secure}"
    )
}

fn page(status: StatusCode, body: String) -> Response {
    Response::builder()
        .status(status)
        .content_type("text/html; charset=utf-8")
        .header(header::CONTENT_SECURITY_POLICY, PAGE_POLICY)
        .header(header::CACHE_CONTROL, "no-store")
        .body(body)
}

/// The form, with a fresh CSRF token in a cookie of its own (there is no session yet).
fn form(req: &Request, state: &AppState, status: StatusCode, problem: Option<&str>) -> Response {
    let view = view_of(req, &["lang"]).unwrap_or_default();
    let csrf = match sessions::secret() {
        Ok(csrf) => csrf,
        Err(error) => {
            tracing::error!(%error, "no CSRF token");
            return page(StatusCode::INTERNAL_SERVER_ERROR, "internal error".into());
        }
    };
    let shell = pages::Shell {
        lang: view.lang,
        path: "/sign-in".into(),
        params: Vec::new(),
        synthetic: false,
        data_version: 0,
        account: None,
    };
    let mut response = page(
        status,
        pages::sign_in_page(&shell, &csrf, problem).into_string(),
    );
    if let Ok(value) = set_cookie(state, FORM_COOKIE, &csrf, "/sign-in", 3600, "Strict").parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `GET /sign-in`.
#[handler]
pub fn get_sign_in(req: &Request, Data(state): Data<&AppState>) -> Response {
    form(req, state, StatusCode::OK, None)
}

#[derive(Deserialize)]
struct SignInForm {
    csrf: String,
    name: String,
    password: String,
}

#[derive(Deserialize)]
struct SignOutForm {
    csrf: String,
}

/// A small form body, parsed.
pub(super) async fn read_form<T: serde::de::DeserializeOwned>(body: Body) -> Option<T> {
    let bytes = body.into_bytes_limit(16 << 10).await.ok()?;
    serde_urlencoded::from_bytes(&bytes).ok()
}

/// A signed-in editor's form: who sent it and its fields, or the 403 for a form without
/// the session's CSRF token (from another site, or from an ended session).
pub(super) async fn session_form(
    req: &Request,
    body: Body,
) -> Result<
    (
        crate::access::Viewer,
        std::collections::HashMap<String, String>,
    ),
    Response,
> {
    let viewer = (req.extensions().get::<crate::access::Viewer>())
        .cloned()
        .unwrap_or_default();
    let sent: std::collections::HashMap<String, String> = read_form(body).await.unwrap_or_default();
    let csrf = session_of(req).map(|s| s.csrf.as_str());
    if csrf.is_none() || csrf != sent.get("csrf").map(String::as_str) {
        return Err(page(
            StatusCode::FORBIDDEN,
            "the form is out of date or was not sent by this site; open it again".into(),
        ));
    }
    Ok((viewer, sent))
}

/// After a form did its work: back to `path`, in the request's language.
pub(super) fn see_other(req: &Request, path: &str) -> Response {
    let lang = view_of(req, &["lang"]).unwrap_or_default().lang;
    redirect(&if lang == dashboard::Lang::En {
        path.to_owned()
    } else {
        format!("{path}?lang={}", lang.code())
    })
}

fn redirect(to: &str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, to)
        .finish()
}

fn client_ip(req: &Request) -> String {
    req.remote_addr()
        .as_socket_addr()
        .map(|a| a.ip())
        .map_or_else(|| "unknown".into(), |ip: IpAddr| ip.to_string())
}

/// `POST /sign-in`: checks the form's CSRF token and the throttle, then the password.
#[handler]
pub async fn post_sign_in(req: &Request, body: Body, Data(state): Data<&AppState>) -> Response {
    let lang = view_of(req, &["lang"]).unwrap_or_default().lang;
    let Some(form_data) = read_form::<SignInForm>(body).await else {
        return form(
            req,
            state,
            StatusCode::BAD_REQUEST,
            Some(lang.t("sign_in_failed")),
        );
    };
    if cookie(req, FORM_COOKIE) != Some(form_data.csrf.as_str()) {
        return page(
            StatusCode::FORBIDDEN,
            "the form is out of date or was not sent by this site; reload the sign-in page".into(),
        );
    }
    let keys = [
        format!("account:{}", form_data.name),
        format!("client:{}", client_ip(req)),
    ];
    if let Some(wait) = state.throttle.wait(&keys) {
        let seconds = wait.as_secs().max(1);
        return form(
            req,
            state,
            StatusCode::TOO_MANY_REQUESTS,
            Some(&lang.t_k("sign_in_slowed", seconds)),
        );
    }
    match sessions::sign_in(
        &state.db,
        form_data.name.trim(),
        &form_data.password,
        Some(client_ip(req)),
    )
    .await
    {
        Ok(Some((secret, _))) => {
            state.throttle.succeeded(&keys[..1]);
            let mut response = redirect(&if lang == dashboard::Lang::En {
                "/".to_owned()
            } else {
                format!("/?lang={}", lang.code())
            });
            for value in [
                set_cookie(state, COOKIE, &secret, "/", LIFETIME.num_seconds(), "Lax"),
                set_cookie(state, FORM_COOKIE, "", "/sign-in", 0, "Strict"),
            ] {
                if let Ok(value) = value.parse() {
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            response
        }
        Ok(None) => {
            state.throttle.failed(&keys);
            form(
                req,
                state,
                StatusCode::UNAUTHORIZED,
                Some(lang.t("sign_in_failed")),
            )
        }
        Err(error) => {
            tracing::error!(%error, "cannot sign in");
            page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error; the server log has the details".into(),
            )
        }
    }
}

/// `POST /sign-out`: ends the session when the form carries its CSRF token.
#[handler]
pub async fn post_sign_out(req: &Request, body: Body, Data(state): Data<&AppState>) -> Response {
    let (Some(session), Some(secret)) = (session_of(req), cookie(req, COOKIE)) else {
        return redirect("/");
    };
    let form_data = read_form::<SignOutForm>(body).await;
    if form_data.map(|f| f.csrf) != Some(session.csrf.clone()) {
        return page(
            StatusCode::FORBIDDEN,
            "the form is out of date or was not sent by this site".into(),
        );
    }
    if let Err(error) = sessions::sign_out(&state.db, secret).await {
        tracing::error!(%error, "cannot sign out");
    }
    let mut response = redirect("/");
    if let Ok(value) = set_cookie(state, COOKIE, "", "/", 0, "Lax").parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

//! `/graphql` as the GraphQL over HTTP spec says: POST with `application/json`, GET for
//! queries, `application/graphql-response+json` when the client accepts it, and
//! GraphiQL when a browser asks for HTML.

use std::sync::atomic::Ordering;

use async_graphql::{ErrorExtensionValues, ServerError};
use poem::{
    Body, Request, Response,
    http::{Method, StatusCode, header},
    web::Data,
};
use serde::Deserialize;

use super::AppState;
use crate::access::{Needs, Role, Viewer};

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
const JSON: &str = "application/json";

/// Answers every request to `/graphql`, within the request time limit: reading the
/// body included, so that a client that sends half a body and waits is answered too.
#[poem::handler]
pub async fn endpoint(request: &Request, body: Body, Data(state): Data<&AppState>) -> Response {
    let media = media_of(request);
    let limit = state.http_limits.request_timeout;
    match tokio::time::timeout(limit, answer(request, body, state, media)).await {
        Ok(mut response) => {
            // Answers depend on the data version (and, with accounts, on who asks):
            // no shared cache may keep them, and a browser must ask again.
            if !response.headers().contains_key(header::CACHE_CONTROL) {
                response.headers_mut().insert(
                    header::CACHE_CONTROL,
                    header::HeaderValue::from_static("private, no-cache"),
                );
            }
            response
        }
        Err(_) => error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            media,
            &format!(
                "the request took longer than {} ms and was stopped; ask for less, or try again when the hub is less busy",
                limit.as_millis()
            ),
        ),
    }
}

/// The response's media type: what the client accepts.
fn media_of(request: &Request) -> &'static str {
    let accept = request.header(header::ACCEPT).unwrap_or("");
    if accept.contains(GRAPHQL_RESPONSE) {
        GRAPHQL_RESPONSE
    } else {
        JSON
    }
}

async fn answer(request: &Request, body: Body, state: &AppState, media: &'static str) -> Response {
    let accept = request.header(header::ACCEPT).unwrap_or("");
    let parsed = match *request.method() {
        Method::GET => from_query_string(request.uri().query().unwrap_or("")),
        Method::POST => from_body(request, body, state.http_limits.body_bytes).await,
        _ => {
            return Response::builder()
                .status(StatusCode::METHOD_NOT_ALLOWED)
                .header(header::ALLOW, "GET, POST")
                .content_type(JSON)
                .body(
                    request_error("use GET for queries or POST with application/json").to_string(),
                );
        }
    };
    let viewer = match viewer_of(request, state).await {
        Ok(viewer) => viewer,
        Err(response) => return response,
    };
    let gql_request = match parsed {
        Ok(Some(gql_request)) => gql_request,
        Ok(None) if accept.contains("text/html") => {
            return Response::builder()
                .content_type("text/html; charset=utf-8")
                .header(
                    header::CONTENT_SECURITY_POLICY,
                    super::assets::GRAPHIQL_POLICY,
                )
                .header(header::CACHE_CONTROL, "no-cache")
                .body(super::assets::graphiql_page("/graphql"));
        }
        Ok(None) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                media,
                "missing the `query` parameter",
            );
        }
        Err((status, message)) => {
            let mut response = error_response(status, media, &message);
            if status == StatusCode::METHOD_NOT_ALLOWED {
                // Only a mutation sent with GET gets here.
                (response.headers_mut())
                    .insert(header::ALLOW, header::HeaderValue::from_static("POST"));
            }
            return response;
        }
    };
    let key = super::cache::ResponseCache::key(&gql_request, &viewer.scope_key());
    if let Some(body) = key.as_deref().and_then(|k| state.cache.get(k)) {
        state
            .metrics
            .graphql_requests
            .fetch_add(1, Ordering::Relaxed);
        return Response::builder().content_type(media).body(body);
    }
    let version = state.cache.version();
    let needs = std::sync::Arc::new(Needs::default());
    let query_hash = {
        use sha2::Digest;
        crate::access::audit::hex(&sha2::Sha256::digest(gql_request.query.as_bytes()))
    };
    let stale = crate::graphql::StaleFrames::default();
    let gql_request = gql_request
        .data(viewer)
        .data(needs.clone())
        .data(stale.clone())
        .data(crate::graphql::QueryHash(query_hash));
    let mut response = state.schema.execute(gql_request).await;
    let request_failed = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    for error in &mut response.errors {
        add_code(error);
    }
    state
        .metrics
        .graphql_requests
        .fetch_add(1, Ordering::Relaxed);
    if !response.errors.is_empty() {
        state.metrics.graphql_errors.fetch_add(1, Ordering::Relaxed);
    }
    let status = if media == GRAPHQL_RESPONSE && request_failed {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    // A request error (the document did not parse, validate or pass the guard) has no
    // `data` at all in a graphql-response+json body, as GraphQL over HTTP asks.
    let body = if media == GRAPHQL_RESPONSE && request_failed {
        serde_json::to_value(&response)
            .map(|mut value| {
                if let Some(object) = value.as_object_mut() {
                    object.remove("data");
                }
                value
            })
            .and_then(|value| serde_json::to_vec(&value))
    } else {
        // Straight to bytes: no tree of JSON values in between.
        serde_json::to_vec(&response)
    };
    match body {
        Ok(bytes) => {
            let bytes = bytes::Bytes::from(bytes);
            // Person-level answers are never cached: each read of them is audited.
            let cacheable = response.errors.is_empty()
                && needs.get() < Role::Researcher
                && !stale.0.load(Ordering::Relaxed);
            if let Some(key) = key.filter(|_| cacheable) {
                state.cache.put(key, bytes.clone(), version);
            }
            Response::builder()
                .status(status)
                .content_type(media)
                .body(bytes)
        }
        Err(error) => {
            tracing::error!(%error, "cannot serialise a GraphQL response");
            error_response(StatusCode::INTERNAL_SERVER_ERROR, media, "internal error")
        }
    }
}

/// Gives every error an `extensions.code`: those from resolvers carry one already;
/// parse and validation errors from the engine get the conventional codes.
fn add_code(error: &mut ServerError) {
    let has_code = error
        .extensions
        .as_ref()
        .is_some_and(|e| e.get("code").is_some());
    if has_code {
        return;
    }
    let code = if !error.path.is_empty() {
        // A resolver error without a code is a bug of ours: hide its details.
        tracing::error!(message = %error.message, "resolver error without a code");
        error.message = "internal error; the server log has the details".into();
        "INTERNAL"
    } else if error.message.trim_start().starts_with("-->") {
        "GRAPHQL_PARSE_FAILED"
    } else if error.message.starts_with("Invalid value for argument")
        || error.message.starts_with("Variable")
        || error.message.contains("is not defined by type")
    {
        "BAD_USER_INPUT"
    } else {
        "GRAPHQL_VALIDATION_FAILED"
    };
    error
        .extensions
        .get_or_insert_with(ErrorExtensionValues::default)
        .set("code", code);
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GetParams {
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

type Parsed = Result<Option<async_graphql::Request>, (StatusCode, String)>;

fn from_query_string(query: &str) -> Parsed {
    let params: GetParams = serde_urlencoded::from_str(query).map_err(|e| {
        (
            StatusCode::BAD_REQUEST,
            format!("malformed query string: {e}"),
        )
    })?;
    let Some(text) = params.query else {
        return Ok(None);
    };
    let mut request = async_graphql::Request::new(text);
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    if let Some(variables) = params.variables.filter(|v| !v.is_empty()) {
        let value: serde_json::Value = serde_json::from_str(&variables).map_err(|e| {
            (
                StatusCode::BAD_REQUEST,
                format!("`variables` is not JSON: {e}"),
            )
        })?;
        request = request.variables(async_graphql::Variables::from_json(value));
    }
    if params.extensions.is_some() {
        // Extensions are accepted and ignored; none is supported.
    }
    // GET must not change anything: a mutation is refused (the spec's 405), whichever
    // operation the request would run. A document that does not parse is left to the
    // engine, which says where.
    if let Ok(document) = async_graphql::parser::parse_query(&request.query) {
        let mutates = (document.operations.iter())
            .filter(|(name, _)| match (&request.operation_name, name) {
                (Some(wanted), Some(name)) => name.as_str() == wanted,
                _ => true,
            })
            .any(|(_, op)| op.node.ty == async_graphql::parser::types::OperationType::Mutation);
        if mutates {
            return Err((
                StatusCode::METHOD_NOT_ALLOWED,
                "a mutation must be sent with POST".to_owned(),
            ));
        }
    }
    Ok(Some(request))
}

async fn from_body(request: &Request, body: Body, limit: usize) -> Parsed {
    let content_type = request.header(header::CONTENT_TYPE).unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case(JSON) {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("Content-Type must be application/json, got {content_type:?}"),
        ));
    }
    let too_large = || {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {limit} bytes"),
        )
    };
    let declared = request
        .header(header::CONTENT_LENGTH)
        .and_then(|n| n.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let bytes = body.into_bytes_limit(limit).await.map_err(|e| match e {
        poem::error::ReadBodyError::PayloadTooLarge => too_large(),
        e => (
            StatusCode::BAD_REQUEST,
            format!("cannot read the request body: {e}"),
        ),
    })?;
    let request: async_graphql::Request = serde_json::from_slice(&bytes).map_err(|e| {
        (
            StatusCode::BAD_REQUEST,
            format!("the body is not a GraphQL request (JSON with a `query` string): {e}"),
        )
    })?;
    Ok(Some(request))
}

fn request_error(message: &str) -> serde_json::Value {
    serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": "BAD_REQUEST" } }] })
}

/// Who sends `request`: the account of its bearer token, or the public without one. A
/// token that is unknown, expired, revoked or of a disabled account is answered with
/// 401 (`UNAUTHENTICATED`), never taken as the public.
pub(super) async fn viewer_of(request: &Request, state: &AppState) -> Result<Viewer, Response> {
    let client = Some(request.remote_addr().to_string());
    let request_id = Some(super::request_id());
    let Some(authorization) = request.header(header::AUTHORIZATION) else {
        // A signed-in browser (GraphiQL) is its account; anyone else the public.
        return Ok(Viewer {
            client,
            request_id,
            ..super::viewer_of_page(request)
        });
    };
    let unauthenticated = |message: &str| {
        let body = serde_json::json!({
            "errors": [{ "message": message, "extensions": { "code": "UNAUTHENTICATED" } }]
        });
        Response::builder()
            .status(StatusCode::UNAUTHORIZED)
            .header(header::WWW_AUTHENTICATE, "Bearer")
            .content_type(JSON)
            .body(body.to_string())
    };
    let Some(token) = authorization
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
    else {
        return Err(unauthenticated(
            "the Authorization header must be `Bearer TOKEN` (a token from `hub token create`)",
        ));
    };
    let version = state.cache.version();
    match state.tokens.viewer(&state.db, token, version).await {
        Ok(Ok(viewer)) => Ok(Viewer {
            client,
            request_id,
            ..viewer
        }),
        Ok(Err(refused)) => Err(unauthenticated(&refused.to_string())),
        Err(error) => {
            tracing::error!(%error, "cannot check a token");
            Err(error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                JSON,
                "internal error; the server log has the details",
            ))
        }
    }
}

fn error_response(status: StatusCode, media: &str, message: &str) -> Response {
    Response::builder()
        .status(status)
        .content_type(media)
        .body(request_error(message).to_string())
}

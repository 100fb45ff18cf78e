//! The door of every route: it finds who asks (a bearer token or the session) and lets
//! through only those with the role `access::rules::ROUTES` gives the route. Handlers
//! behind it find the [`Viewer`] in the request's extensions.

use poem::{
    Endpoint, EndpointExt, IntoResponse, Request, Response,
    endpoint::BoxEndpoint,
    http::{StatusCode, header},
};

use super::AppState;
use crate::access::{Role, Viewer, rules};

/// `endpoint` behind the rule of `path` (the path exactly as the route declares it).
pub(super) fn gate<E>(path: &'static str, endpoint: E) -> BoxEndpoint<'static>
where
    E: Endpoint + 'static,
{
    let needs = rules::route_needs(path);
    if needs == Role::Public {
        // Public routes find their viewer themselves, when they need one.
        return endpoint.map_to_response().boxed();
    }
    endpoint
        .map_to_response()
        .around(move |endpoint, mut req: Request| async move {
            let Some(state) = req.data::<AppState>().cloned() else {
                return Ok(StatusCode::INTERNAL_SERVER_ERROR.into_response());
            };
            let viewer = match super::graphql_http::viewer_of(&req, &state).await {
                Ok(viewer) => viewer,
                Err(refused) => return Ok(refused),
            };
            if !viewer.has(needs) {
                return Ok(refusal(path, needs, &viewer));
            }
            req.extensions_mut().insert(viewer);
            endpoint.call(req).await
        })
        .boxed()
}

/// 401 to the public (credentials would help), 403 to an account whose role is too low.
fn refusal(path: &str, needs: Role, viewer: &Viewer) -> Response {
    let status = if viewer.role == Role::Public {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::FORBIDDEN
    };
    Response::builder()
        .status(status)
        .header(header::WWW_AUTHENTICATE, "Bearer")
        .header(header::CACHE_CONTROL, "no-store")
        .content_type("text/plain; charset=utf-8")
        .body(format!(
            "{path} needs the role {needs}; this request has the role {}: sign in at /sign-in or send `Authorization: Bearer TOKEN`",
            viewer.role
        ))
}

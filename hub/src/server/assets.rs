//! Files the hub serves itself: GraphiQL's scripts and styles (`hub/assets/graphiql`,
//! compiled in), so that GraphiQL needs no CDN and its page runs no inline script.

use poem::{
    Response,
    http::{StatusCode, header},
    web::Path,
};

/// Part of every asset's URL: a new GraphiQL gets new URLs, so a year's caching is safe.
const VERSION: &str = "graphiql-4.0.3";

/// One file: its name in the URL, its media type and its bytes.
struct Asset {
    name: &'static str,
    media: &'static str,
    bytes: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $media:literal) => {
        Asset {
            name: $name,
            media: $media,
            bytes: include_bytes!(concat!("../../assets/graphiql/", $name)),
        }
    };
}

const ASSETS: [Asset; 6] = [
    asset!("react.production.min.js", "text/javascript; charset=utf-8"),
    asset!(
        "react-dom.production.min.js",
        "text/javascript; charset=utf-8"
    ),
    asset!("graphiql.min.js", "text/javascript; charset=utf-8"),
    asset!("graphiql.min.css", "text/css; charset=utf-8"),
    asset!("page.css", "text/css; charset=utf-8"),
    asset!("start.js", "text/javascript; charset=utf-8"),
];

/// The policy of the GraphiQL page: scripts and styles from the hub only, no inline
/// script; GraphiQL sets styles through the DOM and its fonts and icons are `data:`
/// URLs; it talks to `/graphql` alone and may not be framed.
pub(super) const GRAPHIQL_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; font-src data:; img-src 'self' data:; connect-src 'self'; \
     form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/// `GET /assets/{version}/{name}`: one embedded file, cached for a year (its URL changes
/// with its version); anything else is 404.
#[poem::handler]
pub(super) fn get_asset(Path((version, name)): Path<(String, String)>) -> Response {
    match ASSETS
        .iter()
        .find(|a| a.name == name)
        .filter(|_| version == VERSION)
    {
        Some(asset) => Response::builder()
            .content_type(asset.media)
            .header(header::CACHE_CONTROL, "public, max-age=31536000, immutable")
            .body(asset.bytes),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .content_type("text/plain; charset=utf-8")
            .body(format!("no such file: /assets/{version}/{name}")),
    }
}

/// The GraphiQL page for the endpoint at `endpoint`.
pub(super) fn graphiql_page(endpoint: &str) -> String {
    let url = |name: &str| format!("/assets/{VERSION}/{name}");
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="robots" content="noindex">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Youth collaboration hub: GraphQL</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="{css}">
    <link rel="stylesheet" href="{page}">
  </head>
  <body>
    <div id="graphiql" data-endpoint="{endpoint}">Loading GraphiQL…</div>
    <script src="{react}"></script>
    <script src="{react_dom}"></script>
    <script src="{graphiql}"></script>
    <script src="{start}"></script>
  </body>
</html>
"#,
        css = url("graphiql.min.css"),
        page = url("page.css"),
        react = url("react.production.min.js"),
        react_dom = url("react-dom.production.min.js"),
        graphiql = url("graphiql.min.js"),
        start = url("start.js"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_only_embedded_assets() {
        let page = graphiql_page("/graphql");
        let mut named = 0;
        for part in page.split("/assets/").skip(1) {
            let path = part.split('"').next().unwrap_or_default();
            let (version, name) = path.split_once('/').unwrap_or_default();
            assert_eq!(version, VERSION, "{path}");
            assert!(
                ASSETS.iter().any(|a| a.name == name),
                "{path} is not embedded"
            );
            named += 1;
        }
        assert_eq!(named, ASSETS.len(), "every asset is used once");
        assert!(
            !page.contains("https://"),
            "nothing is loaded from elsewhere"
        );
        assert!(!page.contains("<script>"), "no inline script");
    }
}

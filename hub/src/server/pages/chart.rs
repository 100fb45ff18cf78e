//! `/charts/{name}.{svg,png,csv}`: one chart as a file, with the page's filters.

use dashboard::{ChartName, Format};
use poem::{
    Request, Response, handler,
    http::{StatusCode, header},
    web::{Data, Path},
};

use super::{AppState, plain_error, view};
use crate::{
    error::{Error, Result},
    service::{blocking, charts},
};

/// A chart file: the name and format come from the path, the filters from the query.
#[handler]
pub async fn get_chart(
    Path(file): Path<String>,
    req: &Request,
    Data(state): Data<&AppState>,
) -> Response {
    let limit = state.http_limits.request_timeout;
    let Ok(result) = tokio::time::timeout(
        limit,
        chart_file(&file, req.uri().query().unwrap_or(""), state),
    )
    .await
    else {
        return Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .content_type("text/plain; charset=utf-8")
            .body(format!(
                "the chart took longer than {} ms and was stopped; try a smaller size, or again when the hub is less busy",
                limit.as_millis()
            ));
    };
    match result {
        Ok((format, body)) => Response::builder()
            .content_type(format.media_type())
            .header(
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file}\""),
            )
            .header(header::CACHE_CONTROL, "no-cache")
            .header(header::CONTENT_SECURITY_POLICY, super::PAGE_POLICY)
            .body(body),
        Err(error) => plain_error(&error.rename_field(view::url_field)),
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
    let view = view::parse(query, charts::chart_parameters(name))?;
    let frames = state.frames.get(&state.db).await?;
    let k = state.min_group_size;
    let body =
        blocking(move || charts::render(&frames, name, format, &view, k, charts::now())).await?;
    Ok((format, body))
}

//! `/countries/{CC}`: a country's printable sheet (see [`crate::export::sheet`]).

use poem::{
    Request, Response,
    web::{Data, Path},
};

use super::{AppState, html_response, shell, view_of};
use crate::{error::Result, export::sheet};

/// `GET /countries/{CC}`.
#[poem::handler]
pub async fn get_country(
    req: &Request,
    Path(code): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let query = req.uri().query().unwrap_or("");
    html_response("/countries/:cc", query, render(req, state, &code).await)
}

async fn render(req: &Request, state: &AppState, code: &str) -> Result<String> {
    let view = view_of(req, &["lang"])?;
    let frames = state.frames.get(&state.db).await?;
    let code = code.trim().to_ascii_uppercase();
    let shell = shell(req, &view, &format!("/countries/{code}"), &frames);
    sheet::sheet(
        &state.db,
        &frames,
        &code,
        state.min_group_size,
        &shell,
        false,
    )
    .await
}

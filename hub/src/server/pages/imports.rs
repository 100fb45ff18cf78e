//! `/imports`: editors (and admins) upload an importer's file in the dashboard. The
//! upload is streamed to a private temporary directory up to the upload limit, the
//! session's CSRF token is checked, and the command line's importer runs on it as the
//! signed-in account: the page shows what was written, or every problem (row, column,
//! value, code) with nothing written. The file is deleted afterwards.

use dashboard::pages::{self, UploadProblem, UploadResult};
use poem::{
    Request, Response,
    http::{StatusCode, header},
    web::{Data, Multipart},
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{PAGE_POLICY, html_response, shell, view_of};
use crate::{
    access::Viewer,
    error::{Error, Result},
    import::Outcome,
    server::{AppState, session_of},
    service::upload::{self, Kind},
};

/// The text key of each kind of file, as the form lists it.
fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Organisations => "organisations",
        Kind::Collaborations => "collaborations",
        Kind::Findings => "findings",
        Kind::Areas => "areas",
        Kind::Codebook => "codebook",
    }
}

fn viewer(req: &Request) -> Viewer {
    req.extensions()
        .get::<Viewer>()
        .cloned()
        .unwrap_or_default()
}

/// The page, with the result of an upload when there was one.
async fn render(
    req: &Request,
    state: &AppState,
    done: Option<(&str, &UploadResult)>,
) -> Result<String> {
    let view = view_of(req, &["lang"])?;
    let frames = state.frames.get(&state.db).await?;
    let kinds: Vec<&'static str> = Kind::allowed(&viewer(req)).into_iter().map(label).collect();
    let csrf = session_of(req).map(|s| s.csrf.clone()).unwrap_or_default();
    let limit_mb = state.http_limits.upload_bytes.div_ceil(1 << 20);
    Ok(pages::imports(
        &shell(req, &view, "/imports", &frames),
        &kinds,
        &csrf,
        limit_mb,
        done,
    )
    .into_string())
}

/// `GET /imports` (editors, admins).
#[poem::handler]
pub async fn get_imports(req: &Request, Data(state): Data<&AppState>) -> Response {
    let query = req.uri().query().unwrap_or("");
    html_response("/imports", query, render(req, state, None).await)
}

/// What the form sent: the CSRF token, the kind, and the file saved in `dir`.
struct Sent {
    csrf: Option<String>,
    kind: Option<String>,
    file: Option<(String, std::path::PathBuf)>,
}

/// The file's name without any path, safe to create in the temporary directory.
fn safe_name(name: Option<&str>) -> String {
    let base = name
        .unwrap_or("upload")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("upload");
    let clean: String = base
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .take(100)
        .collect();
    match clean.trim_start_matches('.').trim() {
        "" => "upload".to_owned(),
        name => name.to_owned(),
    }
}

/// Reads the form, saving the file into `dir`; `Err(true)` when the file is larger
/// than `limit` bytes, `Err(false)` when the form cannot be read.
async fn read_form(
    mut form: Multipart,
    dir: &std::path::Path,
    limit: u64,
) -> std::result::Result<Sent, bool> {
    let mut sent = Sent {
        csrf: None,
        kind: None,
        file: None,
    };
    while let Some(field) = form.next_field().await.map_err(|_| false)? {
        match field.name() {
            Some("csrf") => sent.csrf = Some(field.text().await.map_err(|_| false)?),
            Some("kind") => sent.kind = Some(field.text().await.map_err(|_| false)?),
            Some("file") if sent.file.is_none() => {
                let name = safe_name(field.file_name());
                let path = dir.join(&name);
                let mut out = tokio::fs::File::create(&path).await.map_err(|_| false)?;
                let mut reader = field.into_async_read();
                let mut buffer = vec![0u8; 64 * 1024];
                let mut written: u64 = 0;
                loop {
                    let n = reader.read(&mut buffer).await.map_err(|_| false)?;
                    if n == 0 {
                        break;
                    }
                    written += n as u64;
                    if written > limit {
                        return Err(true);
                    }
                    out.write_all(&buffer[..n]).await.map_err(|_| false)?;
                }
                out.flush().await.map_err(|_| false)?;
                sent.file = Some((name, path));
            }
            _ => {}
        }
    }
    Ok(sent)
}

/// A refusal page for a file that is too large: nothing was read into the database.
fn too_large(body: String) -> Response {
    Response::builder()
        .status(StatusCode::PAYLOAD_TOO_LARGE)
        .content_type("text/html; charset=utf-8")
        .header(header::CONTENT_SECURITY_POLICY, PAGE_POLICY)
        .header(header::CACHE_CONTROL, "no-store")
        .body(body)
}

/// `POST /imports`: a multipart form with the session's CSRF token, the kind and the
/// file.
#[poem::handler]
pub async fn post_imports(
    req: &Request,
    form: poem::Result<Multipart>,
    Data(state): Data<&AppState>,
) -> Response {
    let limit = state.http_limits.upload_bytes;
    let refuse_size = || async move {
        let problem = UploadProblem {
            row: None,
            column: None,
            value: None,
            code: "format-error".into(),
            message: format!("the file is larger than the upload limit of {limit} bytes"),
        };
        let result = UploadResult::Refused(vec![problem], 0);
        match render(req, state, Some(("", &result))).await {
            Ok(body) => too_large(body),
            Err(error) => html_response("/imports", "", Err(error)),
        }
    };
    let declared = (req.headers().get(header::CONTENT_LENGTH))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // The form's other fields and its boundaries take a few hundred bytes.
    if declared.is_some_and(|n| n > limit + 64 * 1024) {
        return refuse_size().await;
    }
    let Ok(form) = form else {
        return html_response(
            "/imports",
            "",
            Err(Error::bad_input(
                "file",
                "send the form as multipart/form-data",
            )),
        );
    };
    let dir = match tempfile::Builder::new().prefix("hub-upload-").tempdir() {
        Ok(dir) => dir,
        Err(error) => return html_response("/imports", "", Err(error.into())),
    };
    let sent = match read_form(form, dir.path(), limit).await {
        Ok(sent) => sent,
        Err(true) => return refuse_size().await,
        Err(false) => {
            return html_response(
                "/imports",
                "",
                Err(Error::bad_input("file", "the form could not be read")),
            );
        }
    };
    let csrf = session_of(req).map(|s| s.csrf.as_str());
    if csrf.is_none() || csrf != sent.csrf.as_deref() {
        return Response::builder()
            .status(StatusCode::FORBIDDEN)
            .content_type("text/plain; charset=utf-8")
            .body("the form is out of date or was not sent by this site; open it again");
    }
    let result = async {
        let kind = Kind::parse(sent.kind.as_deref().unwrap_or(""))?;
        let (name, path) = sent
            .file
            .ok_or_else(|| Error::bad_input("file", "choose a file to upload"))?;
        let outcome = upload::import_upload(&state.db, &viewer(req), kind, &path, limit).await?;
        state.frames.after_write(&state.db).await?;
        let (status, result) = match outcome {
            Outcome::Written { summary } => (
                StatusCode::OK,
                UploadResult::Written([
                    summary.inserted,
                    summary.updated,
                    summary.unchanged,
                    summary.removed,
                ]),
            ),
            Outcome::Refused { problems, more, .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                UploadResult::Refused(
                    problems
                        .into_iter()
                        .map(|p| UploadProblem {
                            row: p.row,
                            column: p.column,
                            value: p.value,
                            code: p.code.to_string(),
                            message: p.message,
                        })
                        .collect(),
                    more,
                ),
            ),
        };
        Ok((status, render(req, state, Some((&name, &result))).await?))
    }
    .await;
    drop(dir);
    match result {
        Ok((status, body)) => {
            let mut response = html_response("/imports", "", Ok(body));
            response.set_status(status);
            response
        }
        Err(error) => html_response("/imports", "", Err(error)),
    }
}

//! `/export/data`: what `hub export data` writes, as one ZIP archive over HTTP, for
//! researchers and above (the gate lets no one else in). Each download is recorded in
//! the audit trail with how many people it holds.

use std::{
    io::Write,
    path::{Path, PathBuf},
    sync::LazyLock,
};

use poem::{
    Request, Response, handler,
    http::{StatusCode, header},
    web::Data,
};
use tokio::sync::Semaphore;

use super::AppState;
use crate::{
    access::Viewer,
    error::{Error, Result},
    export::data::{self, DataFormat, DataOptions},
};

/// One archive is built at a time: each reads every table, so two at once would only
/// share the same disk and database.
static ONE_AT_A_TIME: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(1));

/// `GET /export/data?format=csv|datapackage|parquet&free_text=true|false`.
#[handler]
pub async fn get_data(req: &Request, Data(state): Data<&AppState>) -> Response {
    let Some(viewer) = req.extensions().get::<Viewer>().cloned() else {
        // The gate puts the viewer in; without it, nothing is sent.
        return Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body("no viewer");
    };
    let options = match options(req.uri().query().unwrap_or("")) {
        Ok(options) => options,
        Err(error) => return text(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    let wait = state.http_limits.request_timeout;
    let Ok(Ok(_turn)) = tokio::time::timeout(wait, ONE_AT_A_TIME.acquire()).await else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "another data export is being built; try again in a minute",
        );
    };
    let folder = std::env::temp_dir().join(format!(
        "hub-export-{}-{}",
        std::process::id(),
        viewer.request_id.as_deref().unwrap_or("request")
    ));
    let built = archive(state, &folder, options, &viewer).await;
    if let Err(error) = std::fs::remove_dir_all(&folder) {
        tracing::warn!(%error, folder = %folder.display(), "cannot remove an export's folder");
    }
    match built {
        Ok(bytes) => Response::builder()
            .content_type("application/zip")
            .header(
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"youth-hub-data.zip\"",
            )
            .header(header::CACHE_CONTROL, "no-store")
            .body(bytes),
        Err(error) => {
            tracing::error!(%error, "cannot build a data export");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error; the server log has the details",
            )
        }
    }
}

fn text(status: StatusCode, message: &str) -> Response {
    Response::builder()
        .status(status)
        .header(header::CACHE_CONTROL, "no-store")
        .content_type("text/plain; charset=utf-8")
        .body(message.to_owned())
}

/// The export's options from the URL's query; an unknown parameter or value is named.
fn options(query: &str) -> Result<DataOptions> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
        .map_err(|e| Error::bad_input("query", format!("cannot read the query: {e}")))?;
    let mut options = DataOptions {
        format: DataFormat::Datapackage,
        include_free_text: false,
    };
    for (key, value) in pairs {
        match key.as_str() {
            "format" => {
                options.format = match value.to_ascii_lowercase().as_str() {
                    "csv" => DataFormat::Csv,
                    "datapackage" => DataFormat::Datapackage,
                    "parquet" => DataFormat::Parquet,
                    "import" => DataFormat::Import,
                    _ => {
                        return Err(Error::bad_input(
                            "format",
                            format!(
                                "{value:?} is not a format; valid: csv, datapackage, parquet, import"
                            ),
                        ));
                    }
                };
            }
            "free_text" => {
                options.include_free_text = match value.to_ascii_lowercase().as_str() {
                    "true" | "1" | "yes" => true,
                    "false" | "0" | "no" => false,
                    _ => {
                        return Err(Error::bad_input(
                            "free_text",
                            format!("{value:?} is not true or false"),
                        ));
                    }
                };
            }
            other => {
                return Err(Error::bad_input(
                    other,
                    "unknown parameter; /export/data takes format and free_text",
                ));
            }
        }
    }
    Ok(options)
}

/// Writes the tables into `folder` (audited) and packs them into one ZIP archive.
async fn archive(
    state: &AppState,
    folder: &Path,
    options: DataOptions,
    viewer: &Viewer,
) -> Result<Vec<u8>> {
    let written = data::export(&state.db, folder, options, viewer).await?;
    let mut files: Vec<PathBuf> = written.into_iter().map(|w| w.path).collect();
    let package = folder.join("datapackage.json");
    if package.exists() {
        files.push(package);
    }
    crate::service::blocking(move || zip_files(&files)).await
}

fn zip_files(files: &[PathBuf]) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(&std::fs::read(path)?)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

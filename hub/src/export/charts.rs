//! `hub export chart` and `hub export charts`: the dashboard's charts written to files,
//! the same bytes the browser gets (apart from the time made).

use std::path::{Path, PathBuf};

use dashboard::{ChartName, Format};
use sea_orm::DatabaseConnection;

use super::write_atomically;
use crate::{
    error::{Error, Result},
    service::{
        charts::{self, View},
        frames::{FrameCache, Frames},
        version::VersionWatch,
    },
};

/// The frames of the database's current data version.
pub async fn frames(db: &DatabaseConnection) -> Result<Frames> {
    let cache = FrameCache::new(VersionWatch::new(db).await?);
    cache.get(db).await
}

/// One chart in one format, as bytes; a filter the chart does not take is refused
/// rather than silently ignored.
pub fn render(
    frames: &Frames,
    name: ChartName,
    format: Format,
    view: &View,
    k: u64,
) -> Result<Vec<u8>> {
    for (field, given) in [
        ("question", view.question.is_some()),
        ("role", !view.roles.is_empty()),
        ("kind", !view.kinds.is_empty()),
        ("from", view.from.is_some()),
        ("to", view.to.is_some()),
    ] {
        if given && !charts::chart_parameters(name).contains(&field) {
            return Err(Error::bad_input(
                field,
                format!(
                    "the {} chart has no {field} filter; it takes: {}",
                    name.slug(),
                    charts::chart_parameters(name).join(", ")
                ),
            ));
        }
    }
    charts::render(frames, name, format, view, k, charts::now())
}

/// Writes one chart to `out`.
pub fn write_chart(
    frames: &Frames,
    name: ChartName,
    format: Format,
    view: &View,
    k: u64,
    out: &Path,
) -> Result<()> {
    let bytes = render(frames, name, format, view, k)?;
    write_atomically(out, &bytes)
}

/// Writes every chart in every format into `dir` (created if missing), calling
/// `progress` after each file; returns the files written.
pub fn write_all(
    frames: &Frames,
    view: &View,
    k: u64,
    dir: &Path,
    mut progress: impl FnMut(&Path),
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    // The wave change needs two waves; data with one has no such chart to write.
    for name in ChartName::ALL
        .into_iter()
        .filter(|n| charts::available(frames, *n))
    {
        let chart_view = view.for_chart(name);
        for format in Format::ALL {
            let path = dir.join(format!("{}.{}", name.slug(), format.extension()));
            write_chart(frames, name, format, &chart_view, k, &path)?;
            progress(&path);
            written.push(path);
        }
    }
    Ok(written)
}

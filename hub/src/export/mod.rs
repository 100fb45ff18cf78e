//! Writing the hub's data out of the database: charts (SVG, PNG, CSV) for report authors
//! and the tables (CSV, Frictionless data package) for researchers.

pub mod charts;
pub mod data;
pub mod importable;
mod parquet;
pub mod sheet;
pub mod xlsform;

use std::path::Path;

use crate::error::Result;

/// Writes `bytes` to `path` through a temporary file in the same folder, so that a
/// reader never sees half a file and a failure leaves no file behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = match folder {
        Some(folder) => folder.join(format!(".{name}.partial")),
        None => Path::new(&format!(".{name}.partial")).to_path_buf(),
    };
    std::fs::write(&temporary, bytes)?;
    if let Err(error) = std::fs::rename(&temporary, path) {
        let _ = std::fs::remove_file(&temporary);
        return Err(error.into());
    }
    Ok(())
}

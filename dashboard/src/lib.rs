//! The partners' dashboard: charts of the cross-country comparisons (plotters, as SVG,
//! PNG and CSV, each carrying its provenance) and the server-rendered HTML pages. Knows
//! no database: `hub` hands it analytics rows and serves what it renders.

pub mod chart;
pub mod csv;
mod error;
mod font;
pub mod i18n;
pub mod pages;

pub use chart::{Chart, ChartName, Context, Format, Provenance, Vocabulary};
pub use error::{Error, Result};
pub use i18n::{Lang, Texts};

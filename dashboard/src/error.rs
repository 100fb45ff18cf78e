//! The dashboard's one error type. Chart and page functions return [`Result`]; `hub` maps
//! [`Error::BadInput`] to a 400 page and everything else to a logged 500.

/// What can go wrong while drawing a chart or rendering a page.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A request named something that does not exist; `valid` lists what does.
    #[error("{field}: unknown value {value:?}; valid: {}", valid.join(", "))]
    BadInput {
        /// The parameter, e.g. `chart` or `lang`.
        field: String,
        /// What was given.
        value: String,
        /// What would have been accepted.
        valid: Vec<String>,
    },
    /// A parameter was well formed but cannot be used, e.g. a PNG wider than allowed.
    #[error("{field}: {message}")]
    Invalid {
        /// The parameter.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// Plotters could not draw (a font or backend problem, never the user's input).
    #[error("cannot draw the chart: {0}")]
    Draw(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The PNG encoder failed.
    #[error("cannot encode the PNG: {0}")]
    Png(#[from] png::EncodingError),
}

impl Error {
    /// Whether the request, not the program, is at fault.
    pub fn is_bad_input(&self) -> bool {
        matches!(self, Self::BadInput { .. } | Self::Invalid { .. })
    }

    pub(crate) fn draw<E: std::error::Error + Send + Sync + 'static>(error: E) -> Self {
        Self::Draw(Box::new(error))
    }
}

/// The dashboard's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! The analytics error type: use [`Error`] and [`Result`] everywhere in this crate;
//! `hub` maps [`Error::UnknownValue`] and [`Error::Unsupported`] to `BAD_USER_INPUT`.

/// What can go wrong in a comparison.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A filter value, question or grouping that the data does not know.
    #[error("{field}: unknown value {value:?}; valid: {}", valid.join(", "))]
    UnknownValue {
        /// The field in the domain's words, e.g. `country` or `question`.
        field: String,
        /// What the client gave.
        value: String,
        /// What the data holds.
        valid: Vec<String>,
    },
    /// A request that the comparison cannot answer, e.g. a grouping it does not support.
    #[error("{field}: {message}")]
    Unsupported {
        /// The argument.
        field: String,
        /// Why, and what would work.
        message: String,
    },
    /// Counts to be changed did not hold what was to be taken from them; a bug of ours.
    #[error("the answer counts are inconsistent: {0}")]
    Inconsistent(String),
    /// polars failed; a bug of ours, not of the request.
    #[error("polars: {0}")]
    Polars(#[from] polars::error::PolarsError),
}

/// The analytics result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! The hub library's error type: use [`Error`] and [`Result`] in services, loaders and
//! commands; GraphQL resolvers turn it into a client error with `extensions.code`
//! through [`Error::extend`], and `main.rs` alone uses `anyhow`.

use async_graphql::ErrorExtensions;

/// Everything that can go wrong in the hub library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The client asked for something that does not exist.
    #[error("{what} {key:?} not found")]
    NotFound {
        /// The kind of thing, e.g. `organisation`.
        what: &'static str,
        /// The identifier the client gave.
        key: String,
    },
    /// An argument or input value is not acceptable; the message names it.
    #[error("{field}: {message}")]
    BadInput {
        /// The argument or field path, e.g. `filter.countryCode`.
        field: String,
        /// What is wrong and, where there are few, the valid values.
        message: String,
    },
    /// Input that breaks the rules of what it writes: every problem, each naming its
    /// field.
    #[error("{}", .0.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldProblem>),
    /// The caller may not make this change (an editor outside their regions).
    #[error("{0}")]
    Forbidden(String),
    /// The record changed after the caller read it: the write is refused.
    #[error(
        "{what} {id} changed after version {expected} was read (now {current_version}); \
         nothing was written: read it again and repeat the change"
    )]
    Conflict {
        /// The kind of record.
        what: &'static str,
        /// Its id.
        id: String,
        /// The version the caller sent.
        expected: String,
        /// The version stored now.
        current_version: String,
        /// The record as stored now.
        current: serde_json::Value,
    },
    /// The settings cannot be used (bad database URL, unreadable config file...).
    #[error("{0}")]
    Config(String),
    /// Another write (an import, a restore, the demo) held the database for longer
    /// than the wait allows.
    #[error(
        "the database is busy with another write (an import, a restore or the demo data) and \
         stayed busy for {waited_s} s; try again when it has finished"
    )]
    Busy {
        /// How long this write waited, in seconds.
        waited_s: u64,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// A file or socket failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// Stored JSON did not have the expected shape.
    #[error("malformed stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A comparison failed inside polars (a bug of ours, not of the request).
    #[error("analytics: {0}")]
    Analytics(String),
    /// A chart could not be drawn or encoded (a bug of ours, not of the request).
    #[error("chart: {0}")]
    Chart(dashboard::Error),
    /// Work on the blocking pool panicked or was cancelled.
    #[error("background task failed: {0}")]
    Task(tokio::task::JoinError),
}

impl From<dashboard::Error> for Error {
    fn from(error: dashboard::Error) -> Self {
        match error {
            dashboard::Error::BadInput {
                field,
                value,
                valid,
            } => Self::BadInput {
                field,
                message: format!("unknown value {value:?}; valid: {}", valid.join(", ")),
            },
            dashboard::Error::Invalid { field, message } => Self::BadInput { field, message },
            other => Self::Chart(other),
        }
    }
}

impl From<polars::prelude::PolarsError> for Error {
    fn from(error: polars::prelude::PolarsError) -> Self {
        Self::Analytics(error.to_string())
    }
}

impl From<analytics::Error> for Error {
    fn from(error: analytics::Error) -> Self {
        match error {
            analytics::Error::UnknownValue { ref field, .. }
            | analytics::Error::Unsupported { ref field, .. } => {
                let message = error.to_string();
                let message = message
                    .strip_prefix(&format!("{field}: "))
                    .unwrap_or(&message)
                    .to_owned();
                Self::BadInput {
                    field: field.clone(),
                    message,
                }
            }
            analytics::Error::Polars(inner) => Self::Analytics(inner.to_string()),
            analytics::Error::Inconsistent(_) => Self::Analytics(error.to_string()),
        }
    }
}

/// One problem of an input: the field (its path in the request, e.g.
/// `input.foundedYear`), the rule broken, the value given and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldProblem {
    /// The field's path in the request.
    pub field: String,
    /// The rule broken, as the importers name it (`constraint-error`, `foreign-key`...).
    pub code: String,
    /// The value given, if any.
    pub value: Option<String>,
    /// What is wrong and what is valid.
    pub message: String,
}

/// The hub library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A bad argument, naming the argument.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same error with the field of a bad input renamed by `rename`: services name
    /// domain fields (`country`, `theme`), each caller its own arguments.
    pub fn rename_field(self, rename: impl Fn(&str) -> Option<&'static str>) -> Self {
        match self {
            Self::BadInput { field, message } => Self::BadInput {
                field: rename(&field).map_or(field, str::to_owned),
                message,
            },
            other => other,
        }
    }

    /// A missing record.
    pub fn not_found(what: &'static str, key: impl Into<String>) -> Self {
        Self::NotFound {
            what,
            key: key.into(),
        }
    }

    /// The `extensions.code` clients see for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "NOT_FOUND",
            Self::BadInput { .. } | Self::Invalid(_) => "BAD_USER_INPUT",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::Conflict { .. } => "CONFLICT",
            Self::Busy { .. } => "BUSY",
            Self::Config(_)
            | Self::Db(_)
            | Self::Io(_)
            | Self::Json(_)
            | Self::Analytics(_)
            | Self::Chart(_)
            | Self::Task(_) => "INTERNAL",
        }
    }
}

impl ErrorExtensions for Error {
    fn extend(&self) -> async_graphql::Error {
        let code = self.code();
        let message = if code == "INTERNAL" {
            // Internal details go to the log only, never to the client.
            tracing::error!(error = %self, "internal error while answering a GraphQL request");
            "internal error; the server log has the details".to_owned()
        } else {
            self.to_string()
        };
        async_graphql::Error::new(message).extend_with(|_, e| {
            e.set("code", code);
            match self {
                Self::BadInput { field, .. } => e.set("argument", field.as_str()),
                Self::Invalid(problems) => {
                    if let Ok(value) = async_graphql::Value::from_json(serde_json::json!(problems))
                    {
                        e.set("problems", value);
                    }
                }
                Self::Conflict {
                    current_version,
                    current,
                    ..
                } => {
                    e.set("currentVersion", current_version.as_str());
                    if let Ok(value) = async_graphql::Value::from_json(current.clone()) {
                        e.set("current", value);
                    }
                }
                _ => {}
            }
        })
    }
}

/// Turns a library result into a GraphQL result that carries `extensions.code`.
///
/// `async_graphql::Error` converts from anything that is `Display`, which would drop the
/// code, so resolvers call `.gql()` instead of relying on `?` alone.
pub trait IntoGql<T> {
    /// The GraphQL form of this result.
    fn gql(self) -> async_graphql::Result<T>;

    /// The GraphQL form of this result, with the domain field of a bad input renamed to
    /// the argument that carries it (see [`Error::rename_field`]).
    fn gql_as(self, rename: fn(&str) -> Option<&'static str>) -> async_graphql::Result<T>;
}

impl<T> IntoGql<T> for Result<T> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|error| error.extend())
    }

    fn gql_as(self, rename: fn(&str) -> Option<&'static str>) -> async_graphql::Result<T> {
        self.map_err(|error| error.rename_field(rename).extend())
    }
}

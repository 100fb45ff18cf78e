//! Typed settings: defaults that run out of the box, overridden by a TOML file, then by
//! `HUB_` environment variables and command-line flags (clap reads both).

use std::{fmt, net::SocketAddr, path::Path};

use serde::Deserialize;

use crate::{
    error::{Error, Result},
    graphql::guard::QueryLimits,
};

/// Where the hub keeps its data.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An embedded SQLite file.
    Sqlite(std::path::PathBuf),
    /// A PostgreSQL server.
    Postgres(String),
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH`, `sqlite:PATH`, `postgres://...`, `postgresql://...` or a
    /// bare path to a SQLite file.
    pub fn parse(url: &str) -> Result<Self> {
        let url = url.trim();
        if url.is_empty() {
            return Err(Error::Config("database URL is empty".into()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        let path = if let Some(rest) = url.strip_prefix("sqlite://") {
            rest
        } else if let Some(rest) = url.strip_prefix("sqlite:") {
            rest
        } else if let Some((scheme, _)) = url.split_once("://") {
            return Err(Error::Config(format!(
                "unsupported database URL scheme {scheme:?}; use sqlite://PATH or postgres://USER@HOST/DB"
            )));
        } else {
            url
        };
        // Query parameters such as `?mode=rwc` are ours to set, not the user's.
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() || path == ":memory:" {
            return Err(Error::Config(
                "the SQLite database needs a file path (the hub keeps its data); e.g. sqlite://hub.db".into(),
            ));
        }
        Ok(Self::Sqlite(path.into()))
    }

    /// True for the embedded SQLite backend.
    pub fn is_sqlite(&self) -> bool {
        matches!(self, Self::Sqlite(_))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Shows the URL with any password replaced by `***`.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// The settings of a hub process.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Database to open.
    pub database: DatabaseUrl,
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Fill an empty database with the synthetic demo dataset.
    pub demo: bool,
    /// Mark cookies `Secure`: set when the hub is served over HTTPS (behind a proxy).
    pub secure_cookies: bool,
    /// Logs as JSON lines instead of text.
    pub log_json: bool,
    /// What one GraphQL query may ask for (depth, cost, fields, aliases, text size).
    pub query_limits: QueryLimits,
    /// How long a DataLoader collects keys before it queries them in one statement.
    pub loader_delay: std::time::Duration,
    /// Bytes of GraphQL responses kept for the current data version (0: no cache).
    pub response_cache_bytes: usize,
    /// How often the data version is read, to see writes by other processes.
    pub version_poll: std::time::Duration,
    /// Smallest group of people whose figures the analytics show (k).
    pub min_group_size: u64,
    /// What one HTTP request may take: body size, time, and the connection's silence.
    pub http_limits: HttpLimits,
    /// The most connections the server opens to its database; `None`: the default for
    /// its kind (`db::DEFAULT_SQLITE_CONNECTIONS`, `db::default_postgres_connections`).
    pub database_connections: Option<u32>,
}

/// What one HTTP request may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpLimits {
    /// The largest request body, in bytes; a larger one is answered with 413.
    pub body_bytes: usize,
    /// The largest file uploaded at `/imports`, in bytes; a larger one is refused.
    pub upload_bytes: u64,
    /// How long a GraphQL request or a chart may take before it is answered with 503.
    pub request_timeout: std::time::Duration,
    /// How long a connection may stay silent (a request half sent, an idle keep-alive)
    /// before it is closed.
    pub idle_timeout: std::time::Duration,
    /// How long a client has to send a request's head (request line and headers), from
    /// the connection's opening or the previous response; a slower one is cut off.
    pub head_timeout: std::time::Duration,
    /// How many comparisons and chart drawings run at once; more wait their turn.
    pub concurrent_jobs: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        Self {
            body_bytes: 1 << 20,
            upload_bytes: 20 << 20,
            request_timeout: std::time::Duration::from_secs(10),
            idle_timeout: std::time::Duration::from_secs(15),
            head_timeout: std::time::Duration::from_secs(10),
            concurrent_jobs: 4,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database: DatabaseUrl::Sqlite("hub.db".into()),
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            demo: true,
            secure_cookies: false,
            log_json: false,
            query_limits: QueryLimits::default(),
            loader_delay: std::time::Duration::from_millis(1),
            response_cache_bytes: 64 << 20,
            version_poll: std::time::Duration::from_millis(250),
            min_group_size: 5,
            http_limits: HttpLimits::default(),
            database_connections: None,
        }
    }
}

/// What a TOML settings file may hold; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    bind: Option<SocketAddr>,
    demo: Option<bool>,
    secure_cookies: Option<bool>,
    log_json: Option<bool>,
    max_depth: Option<u64>,
    max_complexity: Option<u64>,
    max_fields: Option<u64>,
    max_aliases: Option<u64>,
    max_directives: Option<u64>,
    max_query_bytes: Option<u64>,
    loader_delay_ms: Option<u64>,
    response_cache_mb: Option<usize>,
    version_poll_ms: Option<u64>,
    max_body_bytes: Option<usize>,
    max_upload_bytes: Option<u64>,
    request_timeout_ms: Option<u64>,
    idle_timeout_ms: Option<u64>,
    head_timeout_ms: Option<u64>,
    concurrent_jobs: Option<usize>,
    min_group_size: Option<u64>,
    database_connections: Option<u32>,
}

/// Values given on the command line or in `HUB_` variables; they win over the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// `--database-url` / `HUB_DATABASE_URL`.
    pub database_url: Option<String>,
    /// `--bind` / `HUB_BIND`.
    pub bind: Option<SocketAddr>,
    /// `--no-demo` / `HUB_NO_DEMO`.
    pub no_demo: bool,
    /// `--log-json` / `HUB_LOG_JSON`.
    pub log_json: bool,
}

impl Settings {
    /// Defaults, then the TOML file at `file` (if given), then `overrides`.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Self> {
        let mut settings = Self::default();
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::Config(format!("cannot read settings file {}: {e}", path.display()))
            })?;
            let parsed: FileSettings = toml::from_str(&text).map_err(|e| {
                Error::Config(format!("settings file {}: {}", path.display(), e.message()))
            })?;
            if let Some(url) = parsed.database_url {
                settings.database = DatabaseUrl::parse(&url)?;
            }
            settings.bind = parsed.bind.unwrap_or(settings.bind);
            settings.demo = parsed.demo.unwrap_or(settings.demo);
            settings.secure_cookies = parsed.secure_cookies.unwrap_or(settings.secure_cookies);
            settings.log_json = parsed.log_json.unwrap_or(settings.log_json);
            let limits = &mut settings.query_limits;
            limits.depth = parsed.max_depth.unwrap_or(limits.depth);
            limits.complexity = parsed.max_complexity.unwrap_or(limits.complexity);
            limits.fields = parsed.max_fields.unwrap_or(limits.fields);
            limits.aliases = parsed.max_aliases.unwrap_or(limits.aliases);
            limits.directives = parsed.max_directives.unwrap_or(limits.directives);
            limits.query_bytes = parsed.max_query_bytes.unwrap_or(limits.query_bytes);
            if let Some(ms) = parsed.loader_delay_ms {
                settings.loader_delay = std::time::Duration::from_millis(ms);
            }
            if let Some(mb) = parsed.response_cache_mb {
                settings.response_cache_bytes = mb << 20;
            }
            let http = &mut settings.http_limits;
            http.body_bytes = parsed.max_body_bytes.unwrap_or(http.body_bytes);
            http.upload_bytes = parsed.max_upload_bytes.unwrap_or(http.upload_bytes);
            if let Some(ms) = parsed.request_timeout_ms {
                http.request_timeout = std::time::Duration::from_millis(ms.max(1));
            }
            if let Some(ms) = parsed.idle_timeout_ms {
                http.idle_timeout = std::time::Duration::from_millis(ms.max(1));
            }
            if let Some(ms) = parsed.head_timeout_ms {
                http.head_timeout = std::time::Duration::from_millis(ms.max(1));
            }
            http.concurrent_jobs = parsed
                .concurrent_jobs
                .unwrap_or(http.concurrent_jobs)
                .max(1);
            if let Some(n) = parsed.database_connections {
                if n == 0 {
                    return Err(Error::Config(format!(
                        "settings file {}: database_connections must be at least 1",
                        path.display()
                    )));
                }
                settings.database_connections = Some(n);
            }
            if let Some(ms) = parsed.version_poll_ms {
                settings.version_poll = std::time::Duration::from_millis(ms.max(10));
            }
            if let Some(k) = parsed.min_group_size {
                if k == 0 {
                    return Err(Error::Config(format!(
                        "settings file {}: min_group_size must be at least 1",
                        path.display()
                    )));
                }
                settings.min_group_size = k;
            }
        }
        if let Some(url) = &overrides.database_url {
            settings.database = DatabaseUrl::parse(url)?;
        }
        settings.bind = overrides.bind.unwrap_or(settings.bind);
        settings.demo &= !overrides.no_demo;
        settings.log_json |= overrides.log_json;
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_a_postgres_url_is_never_shown() {
        let url = DatabaseUrl::parse("postgres://hub:s3cret@db.example:5432/hub").ok();
        assert_eq!(
            url.map(|u| format!("{u:?}")).as_deref(),
            Some("postgres://hub:***@db.example:5432/hub")
        );
    }

    #[test]
    fn sqlite_urls_and_bare_paths_are_accepted() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/hub.db?mode=rwc").ok(),
            Some(DatabaseUrl::Sqlite("data/hub.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("hub.db").ok(),
            Some(DatabaseUrl::Sqlite("hub.db".into()))
        );
    }

    #[test]
    fn an_unknown_scheme_names_the_supported_ones() {
        let error = DatabaseUrl::parse("mysql://localhost/hub")
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("\"mysql\"") && e.contains("postgres://")));
    }

    #[test]
    fn flags_win_over_the_settings_file() {
        let dir = std::env::temp_dir().join(format!("hub-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let file = dir.join("hub.toml");
        std::fs::write(
            &file,
            "database_url = \"sqlite://from-file.db\"\nbind = \"127.0.0.1:9000\"\n",
        )
        .ok();
        let overrides = Overrides {
            bind: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
            ..Overrides::default()
        };
        let settings = Settings::load(Some(&file), &overrides).ok();
        assert_eq!(settings.as_ref().map(|s| s.bind.port()), Some(0));
        assert_eq!(
            settings.map(|s| s.database),
            Some(DatabaseUrl::Sqlite("from-file.db".into()))
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn an_unknown_key_in_the_settings_file_is_an_error() {
        let dir = std::env::temp_dir().join(format!("hub-settings-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let file = dir.join("hub.toml");
        std::fs::write(&file, "databse_url = \"x\"\n").ok();
        let error = Settings::load(Some(&file), &Overrides::default())
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("databse_url")));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn the_pool_size_is_read_and_zero_is_refused() {
        let dir = std::env::temp_dir().join(format!("hub-settings-pool-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let file = dir.join("hub.toml");
        std::fs::write(&file, "database_connections = 4\n").ok();
        let settings = Settings::load(Some(&file), &Overrides::default()).ok();
        assert_eq!(settings.map(|s| s.database_connections), Some(Some(4)));
        std::fs::write(&file, "database_connections = 0\n").ok();
        let error = Settings::load(Some(&file), &Overrides::default())
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("database_connections must be at least 1")));
        std::fs::remove_dir_all(&dir).ok();
    }
}

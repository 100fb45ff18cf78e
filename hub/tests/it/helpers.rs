//! Starts the server against a fresh database and talks GraphQL over HTTP to it.
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use std::{
    future::Future,
    path::PathBuf,
    sync::atomic::{AtomicU32, Ordering},
};

use hub::{
    config::{DatabaseUrl, Settings},
    db::StatementCounter,
    server,
};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

/// The rows of `sql` run on the app's database over a connection of its own: the
/// independent count that a number the hub shows is checked against.
pub async fn sql_rows(app: &App, sql: &str) -> Vec<sea_orm::QueryResult> {
    let conn = Database::connect(&app.database_url)
        .await
        .expect("a second connection");
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            sql,
        ))
        .await
        .expect("the SQL runs");
    conn.close().await.ok();
    rows
}

/// Per survey, country and theme, from plain SQL: the people with a score (each person's
/// mean over the theme's Likert items), the mean of the scores and their sample variance.
pub async fn wave_summaries(
    app: &App,
) -> std::collections::HashMap<(String, String, String), (f64, f64, f64)> {
    let rows = sql_rows(
        app,
        "SELECT survey, country, theme, COUNT(*) AS n, AVG(score) AS mean,
                SUM(score * score) AS squares FROM (
            SELECT r.id, s.code AS survey, g.country_code AS country, q.theme_code AS theme,
                   AVG(CAST(a.value AS DOUBLE PRECISION)) AS score
            FROM answer a
            JOIN respondent r ON r.id = a.respondent_id
            JOIN region g ON g.id = r.region_id
            JOIN question q ON q.id = a.question_id
            JOIN survey s ON s.id = r.survey_id
            WHERE q.kind = 'LIKERT' AND a.value IS NOT NULL
            GROUP BY r.id, s.code, g.country_code, q.theme_code) per_person
         GROUP BY survey, country, theme",
    )
    .await;
    rows.iter()
        .map(|r| {
            let n = r.try_get::<i64>("", "n").expect("n") as f64;
            let mean: f64 = r.try_get("", "mean").expect("mean");
            let squares: f64 = r.try_get("", "squares").expect("squares");
            let key = (
                r.try_get("", "survey").expect("survey"),
                r.try_get("", "country").expect("country"),
                r.try_get("", "theme").expect("theme"),
            );
            (key, (n, mean, (squares - n * mean * mean) / (n - 1.0)))
        })
        .collect()
}

/// Waits until the server's analytics are of the database's current data version: after
/// a write by another process, the server sees it within its poll interval and builds
/// the new frames in the background, answering from the old ones meanwhile.
pub async fn frames_caught_up(app: &App) {
    let wanted: i64 = sql_rows(app, "SELECT version FROM data_version WHERE id = 1").await[0]
        .try_get("", "version")
        .expect("the data version");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let data = app.data("{ analytics { dataVersion } }").await;
        if data["analytics"]["dataVersion"].as_i64() == Some(wanted) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the frames of version {wanted} were never built: {data}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A fresh migrated database holding a small demo dataset (seed 7, 10 respondents):
/// the real areas and codebook with a few invented records, for the import tests.
pub async fn small_demo(backend: Backend) -> (FreshDatabase, sea_orm::DatabaseConnection) {
    let fresh = FreshDatabase::new(backend).await;
    let (conn, _) = hub::db::connect(&fresh.url)
        .await
        .expect("the database opens");
    hub::db::migrate(&conn).await.expect("migrations run");
    hub::demo::fill(
        &conn,
        &hub::demo::DemoOptions {
            seed: 7,
            respondents: 10,
        },
        None,
    )
    .await
    .expect("the demo data is written");
    (fresh, conn)
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running hub as a test sees it.
#[derive(Clone)]
pub struct App {
    pub url: String,
    pub client: reqwest::Client,
    pub statements: StatementCounter,
    pub database_url: String,
    /// The database, to add accounts.
    pub database: DatabaseUrl,
}

impl App {
    /// The same hub, asked by a new account with `role` through its bearer token.
    pub async fn as_role(&self, role: hub::access::Role) -> App {
        // An editor writes for a region: the demo's Talsi.
        let region = (role == hub::access::Role::Editor).then_some("LV-TALSI");
        let (token, _) = self.token_for(role, region).await;
        self.with_token(&token)
    }

    /// A new account with `role` (and an editor's `region`) and a token for it: the
    /// token and the account's name.
    pub async fn token_for(
        &self,
        role: hub::access::Role,
        region: Option<&str>,
    ) -> (String, String) {
        use hub::access::accounts;
        let (db, _) = hub::db::connect(&self.database)
            .await
            .expect("the database opens");
        let name = format!(
            "test-{}-{}",
            role.code().to_lowercase(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let by = accounts::operator();
        let regions: Vec<String> = region.into_iter().map(str::to_owned).collect();
        accounts::add(&db, &by, &name, role, &regions, "a long enough password")
            .await
            .expect("the account is added");
        let (token, _) = accounts::create_token(&db, &by, &name, "test", None)
            .await
            .expect("the token is made");
        db.close().await.ok();
        (token, name)
    }

    /// The same hub, asked with `Authorization: Bearer token`.
    pub fn with_token(&self, token: &str) -> App {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::AUTHORIZATION,
            format!("Bearer {token}").parse().expect("a header value"),
        );
        App {
            client: reqwest::Client::builder()
                .default_headers(headers)
                .build()
                .expect("a client"),
            ..self.clone()
        }
    }

    /// POSTs a query and returns the whole response body.
    pub async fn post(&self, query: &str, variables: Value) -> Value {
        let response = self
            .client
            .post(format!("{}/graphql", self.url))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.status(), 200, "status of {query}");
        response.json().await.expect("a JSON body")
    }

    /// POSTs a query that must succeed and returns its `data`.
    pub async fn data(&self, query: &str) -> Value {
        let body = self.post(query, Value::Null).await;
        assert!(body.get("errors").is_none(), "errors for {query}: {body}");
        body["data"].clone()
    }

    /// POSTs a query that must fail and returns its first error.
    pub async fn error(&self, query: &str) -> Value {
        let body = self.post(query, Value::Null).await;
        let errors = body["errors"].as_array().cloned().unwrap_or_default();
        assert!(!errors.is_empty(), "no errors for {query}: {body}");
        errors[0].clone()
    }
}

static NEXT: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "hub_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A fresh empty database; `drop` removes it.
pub struct FreshDatabase {
    pub url: DatabaseUrl,
    dir: Option<PathBuf>,
    postgres: Option<(String, String)>,
}

impl FreshDatabase {
    pub async fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(unique_name());
                std::fs::create_dir_all(&dir).expect("a temporary directory");
                Self {
                    url: DatabaseUrl::Sqlite(dir.join("hub.db")),
                    dir: Some(dir),
                    postgres: None,
                }
            }
            Backend::Postgres => {
                let admin = std::env::var("HUB_TEST_POSTGRES_URL").expect(
                    "HUB_TEST_POSTGRES_URL names the PostgreSQL to test against (.ci/run sets it)",
                );
                let name = unique_name();
                let conn = Database::connect(&admin)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL at {admin} is unreachable: {e}"));
                conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("CREATE DATABASE");
                conn.close().await.ok();
                let base = admin
                    .rsplit_once('/')
                    .map_or(admin.as_str(), |(base, _)| base);
                Self {
                    url: DatabaseUrl::Postgres(format!("{base}/{name}")),
                    dir: None,
                    postgres: Some((admin.clone(), name)),
                }
            }
        }
    }

    pub async fn drop(self) {
        if let Some(dir) = self.dir {
            std::fs::remove_dir_all(dir).ok();
        }
        if let Some((admin, name)) = self.postgres
            && let Ok(conn) = Database::connect(&admin).await
        {
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .ok();
            conn.close().await.ok();
        }
    }
}

/// Runs `body` against a server on a fresh database with the demo data and settings
/// changed by `configure`, then stops the server and removes the database, also when
/// `body` panics.
pub async fn run_configured<F, Fut>(
    backend: Backend,
    configure: impl FnOnce(&mut Settings),
    body: F,
) where
    F: FnOnce(App) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let database = FreshDatabase::new(backend).await;
    let mut settings = Settings {
        database: database.url.clone(),
        bind: "127.0.0.1:0".parse().expect("an address"),
        ..Settings::default()
    };
    configure(&mut settings);
    let running = server::start(&settings).await.expect("the server starts");
    // Frames held from the start: every write the test makes through the server then
    // keeps or changes their counts, which the debug build checks against a count of
    // every answer.
    running
        .build_frames()
        .await
        .expect("the analytics frames are built");
    let frames = running.frames.clone();
    let app = App {
        url: format!("http://{}", running.addr),
        client: reqwest::Client::new(),
        statements: running.statements.clone(),
        database_url: settings.database.to_string(),
        database: settings.database.clone(),
    };
    let outcome = tokio::spawn(body(app)).await;
    running.stop().await.expect("the server stops");
    database.drop().await;
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
    if let Some(difference) = frames.check_failed() {
        panic!("a build of the frames kept or changed counts wrongly: {difference}");
    }
}

/// Declares a test that runs on SQLite, and on PostgreSQL under `--include-ignored`.
macro_rules! on_both {
    ($(#[$doc:meta])* $name:ident, $body:expr) => {
        $crate::helpers::on_both!($(#[$doc])* $name, |_| {}, $body);
    };
    ($(#[$doc:meta])* $name:ident, $configure:expr, $body:expr) => {
        $(#[$doc])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::helpers::run_configured($crate::helpers::Backend::Sqlite, $configure, $body).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[ignore = "needs PostgreSQL: set HUB_TEST_POSTGRES_URL (.ci/run does)"]
            async fn postgres() {
                $crate::helpers::run_configured($crate::helpers::Backend::Postgres, $configure, $body).await;
            }
        }
    };
}

pub(crate) use on_both;

/// For each `async fn NAME(backend: Backend)` named, declares the module `NAME` with a
/// test on SQLite, and one on PostgreSQL under `--include-ignored`: for the tests that
/// write, since upserts and transactions are where the two databases differ.
macro_rules! on_each_backend {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    super::$name($crate::helpers::Backend::Sqlite).await;
                }

                #[tokio::test]
                #[ignore = "needs PostgreSQL: set HUB_TEST_POSTGRES_URL (.ci/run does)"]
                async fn postgres() {
                    super::$name($crate::helpers::Backend::Postgres).await;
                }
            }
        )*
    };
}

pub(crate) use on_each_backend;

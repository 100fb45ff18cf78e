//! The HTTP server: routes, start-up (open, migrate, fill the demo data) and clean
//! shutdown on SIGINT and SIGTERM.

mod assets;
mod cache;
mod export;
mod gate;
mod graphql_http;
mod head_timeout;
mod pages;
pub mod view;

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use poem::{
    Endpoint, EndpointExt, Response, Route, Server, get, handler,
    http::{StatusCode, header},
    listener::{Acceptor, Listener, TcpListener},
    middleware::SetHeader,
    post,
    web::Data,
};
use sea_orm::DatabaseConnection;
use tokio::{sync::oneshot, task::JoinHandle};

use crate::{
    config::{HttpLimits, Settings},
    db::{self, StatementCounter},
    demo,
    error::{Error, Result},
    graphql::{self, SchemaParts},
    service::{frames::FrameCache, version::VersionWatch},
};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The GraphQL schema behind its guard, with the database and loaders in its data.
    pub schema: graphql::Engine,
    /// The database.
    pub db: DatabaseConnection,
    /// Request counters, served at `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Whole responses of the current data version.
    pub cache: Arc<cache::ResponseCache>,
    /// The analytics frames of the current data version.
    pub frames: Arc<FrameCache>,
    /// The smallest group of people whose figures are shown.
    pub min_group_size: u64,
    /// What one request may take.
    pub http_limits: HttpLimits,
    /// Failed sign-ins per account and address.
    pub throttle: Arc<crate::access::sessions::Throttle>,
    /// Bearer tokens checked lately.
    pub tokens: Arc<crate::access::accounts::TokenCache>,
    /// Whether cookies are marked `Secure` (the hub is served over HTTPS).
    pub secure_cookies: bool,
}

/// The dashboard session of a request, found by the session layer.
pub(crate) fn session_of(req: &poem::Request) -> Option<&crate::access::sessions::Session> {
    req.extensions().get::<crate::access::sessions::Session>()
}

/// Who asks for a page: the signed-in account, or the public.
pub(crate) fn viewer_of_page(req: &poem::Request) -> crate::access::Viewer {
    session_of(req)
        .map(|s| s.viewer.clone())
        .unwrap_or_default()
}

/// A new request id: unique within the process's life and across restarts (it starts
/// with the start time), short enough for logs and the audit trail.
pub(crate) fn request_id() -> String {
    use std::sync::{
        LazyLock,
        atomic::{AtomicU64, Ordering},
    };
    static START: LazyLock<u64> = LazyLock::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("{:x}-{}", *START, NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Counters of GraphQL requests since start, in the Prometheus text format at `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {
    /// GraphQL requests answered.
    pub graphql_requests: AtomicU64,
    /// GraphQL responses that carried at least one error.
    pub graphql_errors: AtomicU64,
}

/// A server that is listening.
pub struct Running {
    /// The address actually bound (port 0 resolved).
    pub addr: SocketAddr,
    /// Statements run on the server's connection so far.
    pub statements: StatementCounter,
    /// The analytics frames the server answers from.
    pub frames: Arc<FrameCache>,
    db: DatabaseConnection,
    /// The database, when this start filled it with the demo data.
    demo_db: Option<DatabaseConnection>,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Builds the analytics frames of the current data version now, instead of at the
    /// first request that needs them: after that, every write made through the server
    /// builds them again by keeping or changing their counts (checked against a count
    /// of every answer in debug builds).
    pub async fn build_frames(&self) -> Result<()> {
        self.frames.get_fresh(&self.db).await.map(|_| ())
    }

    /// Asks the server to stop and waits until it has.
    pub async fn stop(self) -> Result<()> {
        // The receiver is gone only when the server has already stopped.
        let _ = self.shutdown.send(());
        match self.task.await {
            Ok(result) => Ok(result?),
            Err(join) => Err(Error::Io(std::io::Error::other(join))),
        }
    }

    /// Waits until the server stops by itself (it never does unless it fails).
    async fn join(&mut self) -> Result<()> {
        match (&mut self.task).await {
            Ok(result) => Ok(result?),
            Err(join) => Err(Error::Io(std::io::Error::other(join))),
        }
    }
}

/// Opens and migrates the database, fills an empty one with the demo data when the
/// settings say so, binds the address and starts serving in the background.
pub async fn start(settings: &Settings) -> Result<Running> {
    let (db, statements) =
        db::connect_pooled(&settings.database, settings.database_connections).await?;
    db::migrate(&db).await?;
    crate::service::limit_jobs(settings.http_limits.concurrent_jobs);
    let filled_demo = settings.demo && demo::is_empty(&db).await?;
    if filled_demo {
        tracing::info!("the database is empty: filling it with the synthetic demo dataset");
        demo::fill(&db, &demo::DemoOptions::default(), None).await?;
    }
    let demo_db = filled_demo.then(|| db.clone());
    let watch = VersionWatch::new(&db).await?;
    let frames = Arc::new(FrameCache::new(watch.clone()));
    let schema = graphql::schema(
        db.clone(),
        SchemaParts {
            limits: settings.query_limits,
            loader_delay: settings.loader_delay,
            frames: frames.clone(),
            min_group_size: settings.min_group_size,
        },
    );
    let poller = watch.spawn_poller(db.clone(), settings.version_poll);
    let (running_frames, running_db) = (frames.clone(), db.clone());
    let state = AppState {
        schema,
        db,
        metrics: Arc::default(),
        cache: Arc::new(cache::ResponseCache::new(
            watch,
            settings.response_cache_bytes,
        )),
        frames,
        min_group_size: settings.min_group_size,
        http_limits: settings.http_limits,
        throttle: Arc::default(),
        tokens: Arc::default(),
        secure_cookies: settings.secure_cookies,
    };
    let session_db = state.db.clone();
    let app = Route::new()
        .at("/", get(pages::get_overview))
        .at("/registry", get(pages::get_registry))
        .at("/survey", get(pages::get_survey))
        .at("/themes", get(pages::get_themes))
        .at("/themes/:code", get(pages::get_theme))
        .at("/interviews", get(pages::get_interviews))
        .at("/collaborations", get(pages::get_collaborations))
        .at("/recommendations", get(pages::get_recommendations))
        .at("/countries/:cc", get(pages::get_country))
        .at("/toolkit/:id/file", get(pages::get_toolkit_file))
        .at(
            "/collaborations/:id/edit",
            gate::gate(
                "/collaborations/:id/edit",
                get(pages::get_collaboration_edit).post(pages::post_collaboration_edit),
            ),
        )
        .at("/organisations/:id", get(pages::get_organisation))
        .at("/r/:token", get(pages::get_link).post(pages::post_link))
        .at("/reviews", gate::gate("/reviews", get(pages::get_reviews)))
        .at(
            "/registry-links",
            gate::gate("/registry-links", post(pages::post_registry_links)),
        )
        .at(
            "/imports",
            gate::gate(
                "/imports",
                get(pages::get_imports).post(pages::post_imports),
            ),
        )
        .at(
            "/reviews/:id",
            gate::gate("/reviews/:id", post(pages::post_review)),
        )
        .at(
            "/organisations/:id/edit",
            gate::gate(
                "/organisations/:id/edit",
                get(pages::get_edit).post(pages::post_edit),
            ),
        )
        .at("/healthz", get(healthz))
        .at("/metrics", gate::gate("/metrics", get(metrics)))
        .at(
            "/export/data",
            gate::gate("/export/data", get(export::get_data)),
        )
        .at("/graphql", graphql_http::endpoint)
        .at("/charts/:file", get(pages::get_chart))
        .at("/assets/:version/:file", get(assets::get_asset))
        .at(
            "/sign-in",
            get(pages::get_sign_in).post(pages::post_sign_in),
        )
        .at("/sign-out", post(pages::post_sign_out))
        .around(move |endpoint, mut req| {
            // The session layer: a valid session cookie makes its account the viewer.
            let db = session_db.clone();
            async move {
                let secret =
                    pages::cookie(&req, crate::access::sessions::COOKIE).map(str::to_owned);
                if let Some(secret) = secret {
                    match crate::access::sessions::find(&db, &secret).await {
                        Ok(Some(session)) => {
                            req.extensions_mut().insert(session);
                        }
                        Ok(None) => {}
                        Err(error) => tracing::error!(%error, "cannot read a session"),
                    }
                }
                endpoint.call(req).await
            }
        })
        .with(
            SetHeader::new()
                .overriding(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
                .overriding(header::X_FRAME_OPTIONS, "DENY"),
        )
        .data(state);

    let acceptor = TcpListener::bind(settings.bind)
        .into_acceptor()
        .await
        .map_err(|e| Error::Config(format!("cannot listen on {}: {e}", settings.bind)))?;
    let acceptor =
        head_timeout::HeadTimeoutAcceptor::new(acceptor, settings.http_limits.head_timeout);
    let addr = acceptor
        .local_addr()
        .into_iter()
        .find_map(|a| a.as_socket_addr().copied())
        .unwrap_or(settings.bind);
    let (shutdown, stopped) = oneshot::channel::<()>();
    let idle_timeout = settings.http_limits.idle_timeout;
    let task = tokio::spawn(async move {
        let served = Server::new_with_acceptor(acceptor)
            .idle_timeout(idle_timeout)
            .run_with_graceful_shutdown(
                app,
                async {
                    let _ = stopped.await;
                },
                Some(Duration::from_secs(10)),
            )
            .await;
        poller.abort();
        served
    });
    Ok(Running {
        addr,
        statements,
        frames: running_frames,
        db: running_db,
        demo_db,
        shutdown,
        task,
    })
}

/// Runs the server until SIGINT or SIGTERM, printing the URL once it listens.
pub async fn serve(settings: &Settings) -> Result<()> {
    let mut running = start(settings).await?;
    let url = format!("http://{}/", running.addr);
    tracing::info!(%url, database = %settings.database, "serving");
    println!("Youth collaboration hub listening on {url}  (GraphQL: {url}graphql)");
    if let Some(db) = running.demo_db.take() {
        // A newcomer sees every role's view: one demo account per role, shown once.
        let made = crate::access::accounts::demo_accounts(&db).await?;
        println!(
            "Demo accounts (synthetic data only; the passwords are shown once, sign in at {url}sign-in):"
        );
        for (name, role, password) in made {
            println!("  {name:<16} {:<10} {password}", role.code());
        }
    }
    tokio::select! {
        result = running.join() => return result,
        () = shutdown_signal() => {}
    }
    tracing::info!("shutting down");
    running.stop().await
}

async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

#[handler]
async fn healthz(Data(state): Data<&AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => Response::builder()
            .content_type("application/json")
            .body(r#"{"status":"ok"}"#),
        Err(error) => {
            tracing::error!(%error, "health check: the database does not answer");
            Response::builder()
                .status(StatusCode::SERVICE_UNAVAILABLE)
                .content_type("application/json")
                .body(r#"{"status":"database unavailable"}"#)
        }
    }
}

#[handler]
async fn metrics(Data(state): Data<&AppState>) -> Response {
    let m = &state.metrics;
    let body = format!(
        "# HELP hub_graphql_requests_total GraphQL requests answered.\n\
         # TYPE hub_graphql_requests_total counter\n\
         hub_graphql_requests_total {}\n\
         # HELP hub_graphql_error_responses_total GraphQL responses with at least one error.\n\
         # TYPE hub_graphql_error_responses_total counter\n\
         hub_graphql_error_responses_total {}\n",
        m.graphql_requests.load(Ordering::Relaxed),
        m.graphql_errors.load(Ordering::Relaxed),
    );
    Response::builder()
        .content_type("text/plain; version=0.0.4")
        .body(body)
}

#[cfg(test)]
mod tests {
    /// Every route the server declares has a rule in `access::rules::ROUTES`, and every
    /// rule names a route: a new page cannot be published without deciding who sees it.
    #[test]
    fn every_route_has_an_access_rule() {
        let source = include_str!("mod.rs");
        let mut declared: Vec<&str> = source
            .split(".at(")
            .skip(1)
            .filter_map(|rest| rest.trim_start().strip_prefix('"'))
            .filter_map(|rest| rest.split('"').next())
            .filter(|path| path.starts_with('/'))
            .collect();
        declared.sort_unstable();
        let mut ruled: Vec<&str> = crate::access::rules::ROUTES
            .iter()
            .map(|(path, _)| *path)
            .collect();
        ruled.sort_unstable();
        assert_eq!(declared, ruled);
    }
}

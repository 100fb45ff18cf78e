//! Round trip: the demo data exported as a data package and restored into an empty
//! database, or exported as the importers' files and imported one by one into a new
//! database, gives the same GraphQL totals and the same analytics.

use hub::{
    config::Settings,
    db,
    export::data::{self, DataFormat, DataOptions},
    import::{self, Options, Outcome, Quiet},
    server,
};
use sea_orm::Database;
use serde_json::{Value, json};

use crate::helpers::{App, Backend, FreshDatabase, on_both};

const TOTALS: &str = "{
    dataset { synthetic }
    regions { code name countryCode population }
    organisations(first: 5) { totalCount nodes { name kind status region { code } } }
    respondents(first: 1) { totalCount }
    findings(first: 3) { totalCount nodes { quote translation theme } }
    collaborations { title }
    surveys { code questions { code } }
}";

/// What the importers' files carry (the new database is real, not synthetic).
const IMPORTED_TOTALS: &str = "{
    regions { code name countryCode population areas { code name population } }
    organisations(first: 5) { totalCount nodes { name kind status region { code } municipality { code } } }
    respondents(first: 1) { totalCount }
    findings(first: 3) { totalCount nodes { quote translation theme } }
    collaborations { title description lessons funding agreement municipality startYear endYear outcomes themes organisations { name } }
    surveys { code year version questions { code kind theme subCode group required hint(lang: \"sv\") scaleLabels(lang: \"el\") } }
}";

const ANALYTICS: &str = "{ analytics {
    themeScores(by: [COUNTRY, ROLE]) { countryCode role theme n mean ciLow ciHigh suppressed }
    likertDistribution(question: \"SU3\", by: [COUNTRY]) { countryCode n counts }
    roleGap { countryCode theme gap }
    registryStats(by: [COUNTRY]) { countryCode organisations active closed }
    choiceShares(question: \"CH1\", by: [COUNTRY]) { countryCode option n count }
    themeFrequency(by: [COUNTRY]) { countryCode theme count }
} }";

#[expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]
async fn restored_app_answers(
    backend: Backend,
    original: &App,
    format: DataFormat,
) -> (Value, Value) {
    let dir = std::env::temp_dir().join(format!(
        "hub-roundtrip-{}-{}",
        std::process::id(),
        original.url.rsplit(':').next().unwrap_or_default()
    ));
    let source = Database::connect(&original.database_url)
        .await
        .expect("a connection to the original");
    data::export(
        &source,
        &dir,
        DataOptions {
            format,
            include_free_text: true,
        },
        &hub::access::accounts::operator(),
    )
    .await
    .expect("the export runs");
    source.close().await.ok();

    let target = FreshDatabase::new(backend).await;
    let (conn, _) = db::connect(&target.url).await.expect("the target opens");
    db::migrate(&conn).await.expect("migrations run");
    if format == DataFormat::Import {
        import_files(&conn, &dir).await;
    } else {
        let outcome = import::package::import(&conn, &dir, Options::default(), &Quiet)
            .await
            .expect("the restore runs");
        assert!(matches!(outcome, Outcome::Written { .. }), "{outcome:?}");
    }
    conn.close().await.ok();

    let settings = Settings {
        database: target.url.clone(),
        bind: "127.0.0.1:0".parse().expect("an address"),
        demo: false,
        ..Settings::default()
    };
    let running = server::start(&settings)
        .await
        .expect("the restored hub starts");
    let restored = App {
        url: format!("http://{}", running.addr),
        client: reqwest::Client::new(),
        statements: running.statements.clone(),
        database_url: settings.database.to_string(),
        database: settings.database.clone(),
    };
    // Accounts are not data: the restore has none, and the totals need a researcher.
    let restored = restored.as_role(hub::access::Role::Researcher).await;
    let totals = match format {
        DataFormat::Import => IMPORTED_TOTALS,
        _ => TOTALS,
    };
    let answers = (restored.data(totals).await, restored.data(ANALYTICS).await);
    running.stop().await.expect("the restored hub stops");
    target.drop().await;
    std::fs::remove_dir_all(dir).ok();
    answers
}

/// Imports the files of `hub export data --format import` one by one, as a partner
/// would: areas, codebook, registry, each survey's form then answers, findings.
#[expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]
async fn import_files(conn: &sea_orm::DatabaseConnection, dir: &std::path::Path) {
    let written = |outcome: Outcome, file: &str| match outcome {
        Outcome::Written { summary } => assert_eq!(summary.rejected, 0, "{file}"),
        refused => panic!("{file} was refused: {refused:?}"),
    };
    for file in ["areas.csv", "codebook.csv", "organisations.csv"] {
        let path = dir.join(file);
        let outcome = match file {
            "areas.csv" => import::areas::import(conn, &path, Options::default(), &Quiet).await,
            "codebook.csv" => {
                import::codebook::import(conn, &path, Options::default(), &Quiet).await
            }
            _ => import::organisations::import(conn, &path, Options::default(), &Quiet).await,
        };
        written(outcome.expect("the import runs"), file);
    }
    let mut forms: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("the export folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    forms.sort();
    assert!(!forms.is_empty(), "the export has no form");
    for form in forms {
        let imported = import::form::import(conn, &form, None, None, Options::default(), &Quiet)
            .await
            .expect("the form import runs");
        written(imported.outcome, &form.display().to_string());
        let answers = dir.join(format!("survey-{}.csv", imported.survey));
        let outcome =
            import::survey::import(conn, &imported.survey, &answers, Options::default(), &Quiet)
                .await
                .expect("the survey import runs");
        written(outcome, &answers.display().to_string());
    }
    let path = dir.join("findings.csv");
    let outcome = import::findings::import(conn, &path, Options::default(), &Quiet).await;
    written(outcome.expect("the import runs"), "findings.csv");
    let path = dir.join("collaborations.csv");
    let outcome = import::collaborations::import(conn, &path, Options::default(), &Quiet).await;
    written(outcome.expect("the import runs"), "collaborations.csv");
}

/// Equal, with numbers equal to 1e-9 relative: sums over rows read in another order
/// differ in the last bits.
fn close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            (x - y).abs() <= 1e-9 * x.abs().max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| close(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
        }
        _ => a == b,
    }
}

async fn round_trip(app: App, backend: Backend, format: DataFormat) {
    let app = app.as_role(hub::access::Role::Researcher).await;
    let totals = match format {
        DataFormat::Import => app.data(IMPORTED_TOTALS).await,
        _ => app.data(TOTALS).await,
    };
    let analytics = app.data(ANALYTICS).await;
    if format != DataFormat::Import {
        assert_eq!(totals["dataset"], json!({ "synthetic": true }));
    }
    assert!(totals["organisations"]["totalCount"].as_i64().unwrap_or(0) > 1000);
    let (restored_totals, restored_analytics) = restored_app_answers(backend, &app, format).await;
    assert_eq!(restored_totals, totals);
    for (name, rows) in analytics["analytics"].as_object().into_iter().flatten() {
        let restored = &restored_analytics["analytics"][name];
        let (Some(rows), Some(restored)) = (rows.as_array(), restored.as_array()) else {
            panic!("{name} is not a list");
        };
        assert_eq!(rows.len(), restored.len(), "{name}: row count");
        for (i, (a, b)) in rows.iter().zip(restored).enumerate() {
            assert!(close(a, b), "{name}, row {i}: {a} != {b}");
        }
    }
}

on_both!(
    /// Export, restore into an empty database, and compare what GraphQL says.
    export_then_restore_gives_the_same_totals_and_analytics,
    |app: App| async move {
        let backend = backend_of(&app);
        round_trip(app, backend, DataFormat::Datapackage).await;
    }
);

/// The backend a test app runs on.
fn backend_of(app: &App) -> Backend {
    if app.database_url.starts_with("postgres") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

on_both!(
    /// Export as the importers' files, import them one by one into a new database, and
    /// compare what GraphQL says.
    export_for_import_then_import_gives_the_same_totals_and_analytics,
    |app: App| async move {
        let backend = backend_of(&app);
        round_trip(app, backend, DataFormat::Import).await;
    }
);

#[tokio::test]
async fn a_package_with_a_broken_key_is_refused_and_nothing_is_written() {
    let source = FreshDatabase::new(Backend::Sqlite).await;
    let (conn, _) = db::connect(&source.url).await.expect("the source opens");
    db::migrate(&conn).await.expect("migrations run");
    hub::demo::fill(
        &conn,
        &hub::demo::DemoOptions {
            seed: 3,
            respondents: 20,
        },
        None,
    )
    .await
    .expect("demo data");
    let dir = std::env::temp_dir().join(format!("hub-broken-package-{}", std::process::id()));
    data::export(
        &conn,
        &dir,
        DataOptions {
            format: DataFormat::Datapackage,
            include_free_text: false,
        },
        &hub::access::accounts::operator(),
    )
    .await
    .expect("the export runs");
    // Restoring into a database that holds data is refused outright.
    let error = import::package::import(&conn, &dir, Options::default(), &Quiet)
        .await
        .expect_err("a full database");
    assert!(error.to_string().contains("empty database"), "{error}");
    conn.close().await.ok();
    source.drop().await;

    let answers = dir.join("answer.csv");
    let text = std::fs::read_to_string(&answers).expect("answer.csv");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut cells: Vec<String> = lines[3].split(',').map(str::to_owned).collect();
    cells[1] = "999999".into();
    lines[3] = cells.join(",");
    std::fs::write(&answers, lines.join("\n") + "\n").expect("written");

    let target = FreshDatabase::new(Backend::Sqlite).await;
    let (conn, _) = db::connect(&target.url).await.expect("the target opens");
    db::migrate(&conn).await.expect("migrations run");
    let outcome = import::package::import(&conn, &dir, Options::default(), &Quiet)
        .await
        .expect("the restore runs");
    let Outcome::Refused { problems, .. } = outcome else {
        panic!("a broken key was restored");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, import::Code::ForeignKey);
    assert_eq!(problems[0].row, Some(4));
    assert_eq!(problems[0].column.as_deref(), Some("respondent_id"));
    assert!(
        hub::demo::is_empty(&conn).await.expect("a count"),
        "nothing was written"
    );
    conn.close().await.ok();
    target.drop().await;
    std::fs::remove_dir_all(dir).ok();
}

//! The `hub` binary: clear one-line errors for unusable databases, migrations, and a
//! server that prints its URL and stops cleanly on SIGTERM.
#![expect(
    clippy::expect_used,
    reason = "the tests run through on_each_backend, outside #[test]; set-up fails loudly"
)]

use std::process::{Command, Stdio};

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::helpers::{Backend, FreshDatabase, on_each_backend};

fn hub() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hub"));
    command
        .env_remove("HUB_DATABASE_URL")
        .env_remove("HUB_CONFIG")
        .env("HUB_LOG", "warn");
    command
}

#[test]
fn an_unusable_database_exits_non_zero_with_a_one_line_reason() {
    let dir = std::env::temp_dir().join(format!("hub-cli-{}", std::process::id()));
    let cases = [
        ("mysql://localhost/hub", "unsupported database URL scheme"),
        ("sqlite:///no/such/directory/hub.db", "does not exist"),
        ("postgres://nobody@127.0.0.1:1/hub", "cannot open database"),
    ];
    for (url, reason) in cases {
        let output = hub()
            .args(["serve", "--bind", "127.0.0.1:0", "--database-url", url])
            .current_dir(std::env::temp_dir())
            .output()
            .expect("hub runs");
        assert!(!output.status.success(), "{url} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{url}: {stderr}");
        assert!(
            lines[0].starts_with("error: ") && lines[0].contains(reason),
            "{url}: {stderr}"
        );
    }
    std::fs::remove_dir_all(dir).ok();
}

async fn migrate_applies_and_lists_the_migrations(backend: Backend) {
    let database = FreshDatabase::new(backend).await;
    let url = database.url.to_string();
    let status = hub()
        .args(["migrate", "--status", "--database-url", &url])
        .output()
        .expect("hub runs");
    let listed = String::from_utf8_lossy(&status.stdout).to_string();
    assert!(status.status.success());
    // One line per migration the hub has.
    let known = <migrations::Migrator as migrations::MigratorTrait>::migrations().len();
    assert!(known >= 7);
    assert_eq!(listed.lines().count(), known, "{listed}");
    assert!(
        listed.lines().all(|l| l.starts_with("pending ")),
        "{listed}"
    );
    let applied = hub()
        .args(["migrate", "--database-url", &url])
        .output()
        .expect("hub runs");
    assert!(applied.status.success());
    let listed = String::from_utf8_lossy(&applied.stdout).to_string();
    assert!(
        listed.lines().all(|l| l.starts_with("applied m2026")),
        "{listed}"
    );
    database.drop().await;
}

async fn demo_refuses_a_database_with_data_unless_told_to_replace_it(backend: Backend) {
    let database = FreshDatabase::new(backend).await;
    let url = database.url.to_string();
    let first = hub()
        .args(["demo", "--respondents", "40", "--database-url", &url])
        .output()
        .expect("hub runs");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(
        stdout.contains("40 respondents") && stdout.contains("1280 organisations"),
        "{stdout}"
    );
    let again = hub()
        .args(["demo", "--database-url", &url])
        .output()
        .expect("hub runs");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--replace"));
    let replaced = hub()
        .args([
            "demo",
            "--replace",
            "--respondents",
            "12",
            "--database-url",
            &url,
        ])
        .output()
        .expect("hub runs");
    assert!(replaced.status.success());
    assert!(String::from_utf8_lossy(&replaced.stdout).contains("12 respondents"));
    database.drop().await;
}

async fn serve_prints_its_url_and_stops_on_sigterm(backend: Backend) {
    let database = FreshDatabase::new(backend).await;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hub"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--no-demo",
            "--database-url",
        ])
        .arg(database.url.to_string())
        .env("HUB_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("hub starts");
    let stdout = child.stdout.take().expect("stdout");
    let line = BufReader::new(stdout)
        .lines()
        .next_line()
        .await
        .expect("reads")
        .expect("a line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("the URL is printed")
        .trim_end_matches('/')
        .to_owned();
    assert!(!url.ends_with(":0"), "the bound port is printed: {line}");
    let health = reqwest::get(format!("{url}/healthz"))
        .await
        .expect("healthz answers");
    assert_eq!(health.status(), 200);
    let empty: serde_json::Value = reqwest::Client::new()
        .post(format!("{url}/graphql"))
        .json(&serde_json::json!({ "query": "{ regions { code } }" }))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        empty["data"]["regions"],
        serde_json::json!([]),
        "--no-demo leaves it empty"
    );
    let pid = child.id().expect("a pid").to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = tokio::time::timeout(std::time::Duration::from_secs(20), child.wait())
        .await
        .expect("stops within 20 s")
        .expect("exit status");
    assert!(status.success(), "{status:?}");
    database.drop().await;
}

async fn export_writes_one_chart_or_all_of_them_and_refuses_bad_names(backend: Backend) {
    let database = FreshDatabase::new(backend).await;
    let url = database.url.to_string();
    let demo = hub()
        .args(["demo", "--respondents", "200", "--database-url", &url])
        .output()
        .expect("hub runs");
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let dir = std::env::temp_dir().join(format!("hub-export-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");

    let csv = dir.join("gap.csv");
    let one = hub()
        .args([
            "export",
            "chart",
            "role-gap",
            "--format",
            "csv",
            "--country",
            "LV",
            "--lang",
            "sv",
        ])
        .args(["--database-url", &url, "--out"])
        .arg(&csv)
        .output()
        .expect("hub runs");
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let text = std::fs::read_to_string(&csv).expect("the CSV");
    assert!(
        text.starts_with("# chart: role-gap\n# title: Skillnad mellan"),
        "{text}"
    );
    assert!(text.contains("# filter: country=LV\n") && text.contains("# synthetic demo data"));
    assert!(
        text.contains("\nSHARED_UNDERSTANDING,Gemensam förståelse,LV,"),
        "{text}"
    );

    let png = dir.join("scores.png");
    let sized = hub()
        .args([
            "export",
            "chart",
            "theme-scores",
            "--format",
            "png",
            "--width",
            "800",
            "--height",
            "600",
        ])
        .args(["--database-url", &url, "--out"])
        .arg(&png)
        .output()
        .expect("hub runs");
    assert!(
        sized.status.success(),
        "{}",
        String::from_utf8_lossy(&sized.stderr)
    );
    let bytes = std::fs::read(&png).expect("the PNG");
    assert_eq!(&bytes[16..24], &[0, 0, 3, 32, 0, 0, 2, 88], "800 x 600");

    let charts = dir.join("all");
    let every = hub()
        .args([
            "export",
            "charts",
            "--lang",
            "el",
            "--database-url",
            &url,
            "--out",
        ])
        .arg(&charts)
        .output()
        .expect("hub runs");
    assert!(
        every.status.success(),
        "{}",
        String::from_utf8_lossy(&every.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&charts)
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        33,
        "11 charts (the demo has two waves) x 3: {names:?}"
    );
    assert!(names.contains(&"theme-frequency.svg".to_owned()));
    assert!(names.contains(&"wave-change.csv".to_owned()));
    let svg = std::fs::read_to_string(charts.join("registry.svg")).expect("an SVG");
    assert!(svg.contains("Λιθουανία"), "Greek texts");

    for (args, says) in [
        (vec!["pie", "--format", "svg"], "likert, theme-scores"),
        (vec!["likert", "--format", "gif"], "svg, png, csv"),
        (vec!["likert", "--country", "XX"], "CY, LT, LV, PT, SE"),
        (vec!["registry", "--role", "NGO"], "role"),
        (
            vec!["registry", "--format", "png", "--width", "9000"],
            "200 to 4000",
        ),
    ] {
        let out = dir.join("refused.out");
        let refused = hub()
            .args(["export", "chart"])
            .args(&args)
            .args(["--database-url", &url, "--out"])
            .arg(&out)
            .output()
            .expect("hub runs");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(!refused.status.success(), "{args:?}");
        assert!(
            stderr.contains(says),
            "{args:?} should say {says:?}: {stderr}"
        );
        assert!(!out.exists(), "{args:?} wrote a file");
    }
    std::fs::remove_dir_all(&dir).ok();
    database.drop().await;
}

on_each_backend!(
    migrate_applies_and_lists_the_migrations,
    demo_refuses_a_database_with_data_unless_told_to_replace_it,
    serve_prints_its_url_and_stops_on_sigterm,
    export_writes_one_chart_or_all_of_them_and_refuses_bad_names,
);

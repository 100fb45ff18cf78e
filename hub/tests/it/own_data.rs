//! The README's "Your own data" section, run as written: its commands, in its order,
//! from the repository's root, on a new database (the only changes: the database file
//! goes into a temporary folder and the server onto a free port, through the same
//! environment variables the section sets). Then the API answers what the files hold.
#![expect(
    clippy::expect_used,
    reason = "the test's set-up fails loudly, with the reason"
)]

use std::{path::Path, process::Stdio};

use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

/// The commands of the section's first `sh` block.
fn commands() -> Vec<String> {
    let readme = include_str!("../../../README.md");
    let section = readme
        .split("\n## Your own data\n")
        .nth(1)
        .expect("the README has a section \"Your own data\"");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section has a sh block");
    block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn rows_of(file: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut reader = csv::Reader::from_path(root.join(file)).expect("the example file");
    reader.records().count()
}

#[tokio::test]
async fn the_readmes_own_data_commands_work_on_a_new_database() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::temp_dir().join(format!("hub-own-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let mut env: Vec<(String, String)> = vec![("HUB_BIND".into(), "127.0.0.1:0".into())];
    let commands = commands();
    assert_eq!(
        commands.last().map(String::as_str),
        Some("hub serve --no-demo"),
        "the section ends by starting the hub"
    );
    let mut url = None;
    let mut server = None;
    for command in &commands {
        if let Some(assignment) = command.strip_prefix("export ") {
            let (name, value) = assignment.split_once('=').expect("NAME=value");
            assert_eq!(name, "HUB_DATABASE_URL", "{command}");
            let file = value.strip_prefix("sqlite://").expect("a SQLite file");
            env.push((
                name.to_owned(),
                format!("sqlite://{}", dir.join(file).display()),
            ));
            continue;
        }
        let args: Vec<&str> = command
            .strip_prefix("hub ")
            .unwrap_or_else(|| panic!("{command:?} is not a hub command"))
            .split_whitespace()
            .collect();
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hub"));
        child
            .args(&args)
            .current_dir(&root)
            .env_remove("HUB_CONFIG")
            .env("HUB_LOG", "warn")
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if args[0] == "serve" {
            let mut running = child
                .stdout(Stdio::piped())
                .kill_on_drop(true)
                .spawn()
                .expect("hub serve starts");
            let stdout = running.stdout.take().expect("stdout");
            let line = BufReader::new(stdout)
                .lines()
                .next_line()
                .await
                .expect("reads")
                .expect("the URL line");
            url = line
                .split_whitespace()
                .find(|w| w.starts_with("http://"))
                .map(|u| u.trim_end_matches('/').to_owned());
            server = Some(running);
        } else {
            let done = child.output().await.expect("hub runs");
            assert!(
                done.status.success(),
                "{command}: {}",
                String::from_utf8_lossy(&done.stderr)
            );
        }
    }
    let url = url.expect("the server printed its URL");
    let answer: Value = reqwest::Client::new()
        .post(format!("{url}/graphql"))
        .json(&json!({ "query": "{ dataset { synthetic } regions { code areas { code } } organisations { totalCount } themes { code subCodes { code } } findings { totalCount } surveys { code year questions { code } } collaborations { sv: title(lang: \"sv\") en: title agreement } }" }))
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("JSON");
    let data = &answer["data"];
    assert_eq!(data["dataset"]["synthetic"], false, "{answer}");
    let areas = rows_of("examples/areas.csv");
    let regions = data["regions"].as_array().expect("regions");
    let listed: usize = regions
        .iter()
        .map(|r| 1 + r["areas"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(listed, areas, "every area of the reference file");
    assert_eq!(
        data["organisations"]["totalCount"].as_u64(),
        Some(rows_of("examples/organisations.csv") as u64)
    );
    let codes: usize = data["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .map(|t| 1 + t["subCodes"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(codes, rows_of("examples/codebook.csv"));
    // The public sees the findings marked PUBLIC.
    let public = std::fs::read_to_string(root.join("examples/findings.csv"))
        .expect("the findings")
        .lines()
        .filter(|l| l.ends_with(",PUBLIC"))
        .count();
    assert_eq!(data["findings"]["totalCount"].as_u64(), Some(public as u64));
    // The examples in Swedish where the file gives it, otherwise in English.
    let examples = data["collaborations"].as_array().expect("collaborations");
    assert_eq!(examples.len(), rows_of("examples/collaborations.csv"));
    let file =
        std::fs::read_to_string(root.join("examples/collaborations.csv")).expect("the examples");
    for example in examples {
        let (sv, en) = (example["sv"].as_str(), example["en"].as_str());
        let line = file
            .lines()
            .find(|l| en.is_some_and(|en| l.contains(en)))
            .unwrap_or_else(|| panic!("{example} is not in the file"));
        match sv {
            Some(sv) if sv != en.unwrap_or_default() => assert!(line.contains(sv), "{line}"),
            _ => assert!(line.contains(",,,,"), "an example without Swedish: {line}"),
        }
    }
    // The form's 22 questions (20 statements, the channels and the free text), by hand
    // from examples/form.xlsx, and the wave from its settings sheet.
    let survey = &data["surveys"][0];
    assert_eq!(survey["code"], "YC-2026", "{answer}");
    assert_eq!(survey["year"], 2026, "{answer}");
    assert_eq!(survey["questions"].as_array().map(Vec::len), Some(22));
    // Every row of the answers file is a respondent, counted in the database itself.
    let database = env
        .iter()
        .find(|(k, _)| k == "HUB_DATABASE_URL")
        .map(|(_, v)| v.clone())
        .expect("the database URL");
    let conn = sea_orm::Database::connect(&database)
        .await
        .expect("the database opens");
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM respondent",
        ))
        .await
        .expect("the count runs")
        .expect("a row");
    let respondents: i64 = row.try_get("", "n").expect("n");
    assert_eq!(respondents as usize, rows_of("examples/survey-YC-2026.csv"));
    conn.close().await.ok();
    drop(server);
    std::fs::remove_dir_all(dir).ok();
}

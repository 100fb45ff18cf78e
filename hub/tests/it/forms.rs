//! `hub import form`: XLSForms with groups, translations and the types the hub skips, a
//! Kobo-style export of a grouped form read by the survey import, a new version that
//! adds a question and one refused for changing a question that has answers, malformed
//! forms (each refused with its sheet, row and column, the database unchanged), and the
//! example form in `examples/` being the demo survey exactly.
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use std::path::{Path, PathBuf};

use hub::{
    export::xlsform::{Sheet, workbook},
    import::{self, Code, Options, Outcome, Quiet, Summary, form::Imported},
};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::helpers::{Backend, FreshDatabase, on_each_backend};

/// A fresh database with a small demo dataset (its regions and codebook).
async fn database(backend: Backend) -> (FreshDatabase, DatabaseConnection) {
    crate::helpers::small_demo(backend).await
}

fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect()
}

/// Writes the sheets as a workbook in a temporary folder.
fn form_file(name: &str, sheets: &[Sheet]) -> (tempdir::Dir, PathBuf) {
    let dir = tempdir::Dir::new();
    let path = dir.0.join(name);
    std::fs::write(&path, workbook(sheets).expect("the workbook is written"))
        .expect("the form file is written");
    (dir, path)
}

mod tempdir {
    /// A temporary folder, removed when dropped.
    pub struct Dir(pub std::path::PathBuf);

    impl Dir {
        pub fn new() -> Self {
            let path = std::env::temp_dir().join(format!(
                "hub-form-{}-{}",
                std::process::id(),
                rand_suffix()
            ));
            std::fs::create_dir_all(&path).expect("a temporary folder");
            Self(path)
        }
    }

    fn rand_suffix() -> u128 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            std::fs::remove_dir_all(&self.0).ok();
        }
    }
}

const SURVEY_HEADER: &[&str] = &[
    "type",
    "name",
    "label::English (en)",
    "label::Svenska (sv)",
    "hint::English (en)",
    "required",
    "theme",
    "sub_code",
];

/// A small form in English and Swedish: the respondent's fields in a group, a nested
/// group of questions, every kind the hub keeps and the types it skips.
fn small_form() -> Vec<Sheet> {
    let survey = rows(&[
        SURVEY_HEADER,
        &["start", "start", "", "", "", "", "", ""],
        &[
            "begin_group",
            "about",
            "About you",
            "Om dig",
            "",
            "",
            "",
            "",
        ],
        &[
            "select_one regions",
            "region",
            "Region",
            "Region",
            "",
            "yes",
            "",
            "",
        ],
        &[
            "select_one roles",
            "role",
            "Role",
            "Roll",
            "",
            "yes",
            "",
            "",
        ],
        &["end_group", "", "", "", "", "", "", ""],
        &["note", "intro", "Thank you", "Tack", "", "", "", ""],
        &[
            "begin group",
            "cooperation",
            "Cooperation",
            "Samverkan",
            "",
            "",
            "",
            "",
        ],
        &["begin group", "inner", "Inner", "Inre", "", "", "", ""],
        &[
            "select_one agree",
            "Q1",
            "We trust each other",
            "Vi litar på varandra",
            "Think of this year",
            "yes",
            "SHARED_UNDERSTANDING",
            "",
        ],
        &["end group", "", "", "", "", "", "", ""],
        &[
            "select_one yesno",
            "Q2",
            "Have you met?",
            "Har ni träffats?",
            "",
            "",
            "",
            "",
        ],
        &["end group", "", "", "", "", "", "", ""],
        &[
            "select_multiple channels",
            "Q3",
            "How do you meet?",
            "Hur träffas ni?",
            "",
            "",
            "",
            "",
        ],
        &[
            "integer",
            "Q4",
            "How many meetings?",
            "Hur många möten?",
            "",
            "",
            "",
            "",
        ],
        &[
            "text",
            "Q5",
            "What would help?",
            "Vad skulle hjälpa?",
            "",
            "",
            "",
            "",
        ],
        &["calculate", "total", "", "", "", "", "", ""],
        &["geopoint", "where", "Where?", "Var?", "", "", "", ""],
        &["image", "photo", "Photo", "Foto", "", "", "", ""],
        &[
            "begin_repeat",
            "meetings",
            "Meetings",
            "Möten",
            "",
            "",
            "",
            "",
        ],
        &["text", "topic", "Topic", "Ämne", "", "", "", ""],
        &["end_repeat", "", "", "", "", "", "", ""],
    ]);
    let choices = rows(&[
        &[
            "list_name",
            "name",
            "label::English (en)",
            "label::Svenska (sv)",
        ],
        &["regions", "SE-DALARNA", "Dalarna", "Dalarna"],
        &["regions", "LV-TALSI", "Talsi", "Talsi"],
        &["roles", "MUNICIPAL_OFFICIAL", "Official", "Tjänsteperson"],
        &[
            "roles",
            "ORGANISATION_REPRESENTATIVE",
            "Organisation",
            "Organisation",
        ],
        &["agree", "1", "Strongly disagree", "Instämmer inte alls"],
        &["agree", "2", "Disagree", "Instämmer inte"],
        &["agree", "3", "Neutral", "Neutral"],
        &["agree", "4", "Agree", "Instämmer"],
        &["agree", "5", "Strongly agree", "Instämmer helt"],
        &["yesno", "yes", "Yes", "Ja"],
        &["yesno", "no", "No", "Nej"],
        &["channels", "email", "E-mail", "E-post"],
        &["channels", "meeting", "Meetings", "Möten"],
    ]);
    let settings = rows(&[
        &["form_title", "form_id", "version", "default_language"],
        &["Cooperation check", "CC-2027", "2027-1", "English (en)"],
    ]);
    vec![
        ("survey".into(), survey),
        ("choices".into(), choices),
        ("settings".into(), settings),
    ]
}

async fn import_form(
    conn: &DatabaseConnection,
    path: &Path,
    survey: Option<&str>,
    wave: Option<i32>,
) -> Imported {
    import::form::import(conn, path, survey, wave, Options::default(), &Quiet)
        .await
        .expect("the import runs")
}

async fn strings(conn: &DatabaseConnection, sql: &str) -> Vec<String> {
    conn.query_all_raw(Statement::from_string(
        conn.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .expect("the query runs")
    .iter()
    .map(|row| {
        row.try_get::<String>("", "v")
            .or_else(|_| row.try_get::<i64>("", "v").map(|n| n.to_string()))
            .or_else(|_| row.try_get::<i32>("", "v").map(|n| n.to_string()))
            .or_else(|_| row.try_get::<bool>("", "v").map(|b| b.to_string()))
            .unwrap_or_else(|_| "NULL".into())
    })
    .collect()
}

async fn a_grouped_translated_form_is_stored_and_its_export_read(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let (_dir, path) = form_file("form.xlsx", &small_form());
    let imported = import_form(&conn, &path, None, Some(2027)).await;
    let Outcome::Written { summary } = imported.outcome else {
        panic!("refused: {:?}", imported.outcome);
    };
    assert_eq!(imported.survey, "CC-2027");
    assert_eq!(
        summary,
        Summary {
            inserted: 5,
            ..Summary::default()
        }
    );
    // Every skipped row is listed with its row and why.
    let skipped: Vec<(usize, &str)> = (imported.skipped.iter())
        .map(|s| (s.row, s.name.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (2, "start"),
            (7, "intro"),
            (17, "total"),
            (18, "where"),
            (19, "photo"),
            (20, "meetings"),
            (21, "topic")
        ]
    );
    assert!(imported.skipped[1].reason.contains("note"));

    let stored = strings(
        &conn,
        "SELECT q.code || ' ' || q.kind || ' ' || COALESCE(q.group_path, '-') || ' '
                || COALESCE(q.theme_code, '-') || ' ' || CASE WHEN q.required THEN 'required' ELSE 'optional' END AS v
         FROM question q JOIN survey s ON s.id = q.survey_id
         WHERE s.code = 'CC-2027' ORDER BY q.position",
    )
    .await;
    assert_eq!(
        stored,
        [
            "Q1 LIKERT cooperation/inner SHARED_UNDERSTANDING required",
            "Q2 SINGLE_CHOICE cooperation - optional",
            "Q3 MULTIPLE_CHOICE - - optional",
            "Q4 NUMBER - - optional",
            "Q5 FREE_TEXT - - optional",
        ]
    );
    let survey = strings(
        &conn,
        "SELECT CAST(year AS TEXT) || ' ' || version AS v FROM survey WHERE code = 'CC-2027'",
    )
    .await;
    assert_eq!(survey, ["2027 2027-1"]);
    let languages = strings(
        &conn,
        "SELECT CAST(languages AS TEXT) AS v FROM survey WHERE code = 'CC-2027'",
    )
    .await;
    let languages: serde_json::Value =
        serde_json::from_str(&languages[0]).expect("the languages as JSON");
    assert_eq!(languages, serde_json::json!(["en", "sv"]));
    let texts = strings(
        &conn,
        "SELECT CAST(text AS TEXT) || ' ' || CAST(hint AS TEXT) || ' ' || CAST(scale_labels AS TEXT) AS v
         FROM question WHERE code = 'Q1' AND survey_id = (SELECT id FROM survey WHERE code = 'CC-2027')",
    )
    .await;
    assert!(texts[0].contains("Vi litar på varandra"), "{}", texts[0]);
    assert!(texts[0].contains("Think of this year"), "{}", texts[0]);
    assert!(texts[0].contains("Instämmer helt"), "{}", texts[0]);

    // Kobo's export of the grouped form: `group/field` columns.
    let export = "_uuid,about/region,about/role,cooperation/inner/Q1,cooperation/Q2,Q3,Q4,Q5\n\
                  a1,SE-DALARNA,MUNICIPAL_OFFICIAL,4,yes,email meeting,3,More time\n\
                  a2,LV-TALSI,ORGANISATION_REPRESENTATIVE,Strongly disagree,no,email,,\n";
    let csv = path.with_file_name("export.csv");
    std::fs::write(&csv, export).expect("the export is written");
    let outcome = import::survey::import(&conn, "CC-2027", &csv, Options::default(), &Quiet)
        .await
        .expect("the import runs");
    let Outcome::Written { summary } = outcome else {
        panic!("refused: {outcome:?}");
    };
    assert_eq!(summary.inserted, 2);
    let answers = strings(
        &conn,
        "SELECT r.external_id || ' ' || q.code || ' ' || COALESCE(CAST(a.value AS TEXT), CAST(a.choices AS TEXT), a.text) AS v
         FROM answer a JOIN respondent r ON r.id = a.respondent_id JOIN question q ON q.id = a.question_id
         JOIN survey s ON s.id = r.survey_id WHERE s.code = 'CC-2027' ORDER BY r.external_id, q.position",
    )
    .await;
    // PostgreSQL writes a JSON array with a space after each comma.
    let answers: Vec<String> = answers
        .iter()
        .map(|a| a.replace("\", \"", "\",\""))
        .collect();
    assert_eq!(
        answers,
        [
            "a1 Q1 4",
            r#"a1 Q2 ["yes"]"#,
            r#"a1 Q3 ["email","meeting"]"#,
            "a1 Q4 3",
            "a1 Q5 More time",
            "a2 Q1 1",
            r#"a2 Q2 ["no"]"#,
            r#"a2 Q3 ["email"]"#,
        ]
    );

    // A new version adds a question and rewords one: written, nothing lost.
    let mut v2 = small_form();
    v2[0].1[9][2] = "We trust one another".into();
    v2[0].1.push(
        rows(&[&[
            "integer",
            "Q6",
            "How many years?",
            "Hur många år?",
            "",
            "",
            "",
            "",
        ]])
        .remove(0),
    );
    let (_dir2, path2) = form_file("form-v2.xlsx", &v2);
    let imported = import_form(&conn, &path2, None, None).await;
    let Outcome::Written { summary } = imported.outcome else {
        panic!("refused: {:?}", imported.outcome);
    };
    assert_eq!(
        (summary.inserted, summary.updated, summary.unchanged),
        (1, 1, 4)
    );

    // A version that makes Q1, which has answers, a number is refused with the count.
    let mut v3 = small_form();
    v3[0].1[9][0] = "integer".into();
    let (_dir3, path3) = form_file("form-v3.xlsx", &v3);
    let before = strings(&conn, "SELECT CAST(version AS TEXT) AS v FROM data_version").await;
    let imported = import_form(&conn, &path3, None, None).await;
    let Outcome::Refused { problems, .. } = imported.outcome else {
        panic!("written: {:?}", imported.outcome);
    };
    let count = strings(
        &conn,
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM answer a JOIN question q ON q.id = a.question_id
         JOIN survey s ON s.id = q.survey_id WHERE s.code = 'CC-2027' AND q.code = 'Q1'",
    )
    .await;
    assert_eq!(count, ["2"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].row, Some(10));
    assert_eq!(problems[0].sheet.as_deref(), Some("survey"));
    assert!(
        problems[0].message.contains("Q1 has 2 answers")
            && problems[0].message.contains("LIKERT to NUMBER"),
        "{}",
        problems[0].message
    );
    let after = strings(&conn, "SELECT CAST(version AS TEXT) AS v FROM data_version").await;
    assert_eq!(before, after);
    fresh.drop().await;
}

/// A change made to the small form, and the problem it must give.
struct Case {
    name: &'static str,
    change: fn(&mut Vec<Sheet>),
    code: Code,
    sheet: Option<&'static str>,
    row: Option<usize>,
    column: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        name: "no survey sheet",
        change: |f| {
            f.remove(0);
        },
        code: Code::FormatError,
        sheet: None,
        row: None,
        column: None,
    },
    Case {
        name: "a list that is not in the choices sheet",
        change: |f| f[0].1[11][0] = "select_one maybe".into(),
        code: Code::ForeignKey,
        sheet: Some("survey"),
        row: Some(12),
        column: Some("type"),
    },
    Case {
        name: "a type the hub does not know",
        change: |f| f[0].1[13][0] = "integr".into(),
        code: Code::TypeError,
        sheet: Some("survey"),
        row: Some(14),
        column: Some("type"),
    },
    Case {
        name: "a group never ended",
        change: |f| {
            f[0].1.remove(12);
        },
        code: Code::ConstraintError,
        sheet: Some("survey"),
        row: Some(8),
        column: Some("type"),
    },
    Case {
        name: "a name used twice",
        change: |f| f[0].1[14][1] = "Q1".into(),
        code: Code::DuplicateRow,
        sheet: Some("survey"),
        row: Some(15),
        column: Some("name"),
    },
    Case {
        name: "a theme not in the codebook",
        change: |f| f[0].1[9][6] = "TRUST".into(),
        code: Code::ForeignKey,
        sheet: Some("survey"),
        row: Some(10),
        column: Some("theme"),
    },
    Case {
        name: "a label column in no language",
        change: |f| f[0].1[0][3] = "label::Klingon".into(),
        code: Code::ExtraLabel,
        sheet: Some("survey"),
        row: Some(1),
        column: Some("label::Klingon"),
    },
    Case {
        name: "no role field",
        change: |f| f[0].1[4][1] = "position".into(),
        code: Code::MissingLabel,
        sheet: Some("survey"),
        row: None,
        column: Some("name"),
    },
    Case {
        name: "a question without a label",
        change: |f| {
            f[0].1[13][2] = String::new();
            f[0].1[13][3] = String::new();
        },
        code: Code::ConstraintError,
        sheet: Some("survey"),
        row: Some(14),
        column: Some("label::English (en)"),
    },
    Case {
        name: "a choice listed twice",
        change: |f| f[1].1[11][1] = "yes".into(),
        code: Code::DuplicateRow,
        sheet: Some("choices"),
        row: Some(12),
        column: Some("name"),
    },
    Case {
        name: "an unknown default language",
        change: |f| f[2].1[1][3] = "Elvish".into(),
        code: Code::TypeError,
        sheet: Some("settings"),
        row: Some(2),
        column: Some("default_language"),
    },
];

async fn malformed_forms_are_refused_where_they_are_wrong(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let count = "SELECT CAST((SELECT COUNT(*) FROM question) + 1000 * (SELECT COUNT(*) FROM survey)
                   + 1000000 * (SELECT version FROM data_version) AS TEXT) AS v";
    let before = strings(&conn, count).await;
    for case in CASES {
        let mut sheets = small_form();
        (case.change)(&mut sheets);
        let (_dir, path) = form_file("form.xlsx", &sheets);
        let imported = import_form(&conn, &path, None, Some(2027)).await;
        let Outcome::Refused { problems, .. } = &imported.outcome else {
            panic!("{}: written", case.name);
        };
        let found = problems.iter().any(|p| {
            p.code == case.code
                && p.sheet.as_deref() == case.sheet
                && p.row == case.row
                && p.column.as_deref() == case.column
        });
        assert!(found, "{}: {problems:#?}", case.name);
        assert_eq!(strings(&conn, count).await, before, "{}", case.name);
    }
    fresh.drop().await;
}

/// `examples/form.xlsx` is the demo survey: importing it over the demo changes nothing.
async fn the_example_form_is_the_demo_survey(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/form.xlsx");
    let imported = import_form(&conn, &path, None, None).await;
    let Outcome::Written { summary } = imported.outcome else {
        panic!("refused: {:?}", imported.outcome);
    };
    let questions = strings(
        &conn,
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM question q JOIN survey s ON s.id = q.survey_id \
         WHERE s.code = 'YC-2026'",
    )
    .await;
    assert_eq!(
        (
            summary.inserted,
            summary.updated,
            summary.unchanged.to_string()
        ),
        (0, 0, questions[0].clone())
    );
    assert_eq!(imported.survey, "YC-2026");
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    fresh.drop().await;
}

on_each_backend!(
    a_grouped_translated_form_is_stored_and_its_export_read,
    malformed_forms_are_refused_where_they_are_wrong,
    the_example_form_is_the_demo_survey,
);

//! Uploads at `/imports`: an editor's file goes through the command line's importer as
//! that editor. A malformed file, a row of another region, a forged form and a file
//! over the limit each change nothing; a good file is written and audited.
#![expect(
    clippy::expect_used,
    reason = "the set-up and the reading of answers fail loudly, with the reason"
)]

use hub::access::Role;

use crate::{
    access::{browser, csrf_in},
    access_routes::sign_in,
    helpers::{App, on_both, sql_rows},
};

/// A `multipart/form-data` body with `fields` and one file: (content type, bytes).
fn multipart(fields: &[(&str, &str)], file_name: &str, file: &str) -> (String, Vec<u8>) {
    let boundary = "----hub-test-boundary-7d41";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    ));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

/// Organisations and audited imports, counted in SQL.
async fn counts(app: &App) -> (i64, i64) {
    let rows = sql_rows(
        app,
        "SELECT (SELECT COUNT(*) FROM organisation) AS o, \
         (SELECT COUNT(*) FROM audit_event WHERE action = 'import.organisations') AS a",
    )
    .await;
    (
        rows[0].try_get("", "o").expect("a count"),
        rows[0].try_get("", "a").expect("a count"),
    )
}

const HEADER: &str = "id,name,region,kind,status,founded_year";

on_both!(
    /// The form, a refused file with its problems in a table, a row of another region,
    /// a forged form, a file over the limit, and a good file written as the editor.
    an_editor_uploads_a_registry_file,
    |s: &mut hub::config::Settings| {
        s.http_limits.upload_bytes = 2048;
    },
    |app: App| async move {
        let (_, editor) = app.token_for(Role::Editor, Some("LV-TALSI")).await;
        let session = sign_in(&app, &editor).await;
        let client = browser();
        let page = client.get(format!("{}/imports", app.url)).header("cookie", session.clone()).send().await.expect("the form");
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("html");
        assert!(html.contains("<label for=\"upload-kind\">") && html.contains("<label for=\"upload-file\">"), "labelled fields");
        assert!(html.contains("value=\"organisations\"") && !html.contains("value=\"codebook\""), "an editor's kinds: {html}");
        let csrf = csrf_in(&html);
        let upload = |token: String, file: String| {
            let (content_type, body) = multipart(&[("csrf", &token), ("kind", "organisations")], "talsi.csv", &file);
            client
                .post(format!("{}/imports", app.url))
                .header("cookie", session.clone())
                .header("content-type", content_type)
                .body(body)
                .send()
        };
        let before = counts(&app).await;

        // Problems: every one in the table, nothing written.
        let bad = format!("{HEADER}\nLV-U-1,Jauniešu klubs,LV-NOWHERE,NGO,ACTIVE,2019\nLV-U-2,Sporta biedrība,LV-TALSI,NGO,ACTIVE,1700\n");
        let answer = upload(csrf.clone(), bad).await.expect("an answer");
        assert_eq!(answer.status(), 422);
        let html = answer.text().await.expect("html");
        for expected in ["<td>2</td><td>region</td><td>LV-NOWHERE</td><td><code>foreign-key</code>", "<td>3</td><td>founded_year</td><td>1700</td>"] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
        assert_eq!(counts(&app).await, before);

        // A Braga row: not this editor's to write.
        let braga = format!("{HEADER}\nLV-U-3,Associação juvenil,PT-BRAGA,NGO,ACTIVE,2001\n");
        let html = upload(csrf.clone(), braga).await.expect("an answer").text().await.expect("html");
        assert!(html.contains("<td>region</td><td>PT-BRAGA</td><td><code>forbidden</code>"), "{html}");
        assert_eq!(counts(&app).await, before);

        // A forged form, and a file over the limit: refused.
        let good = format!("{HEADER}\nLV-U-4,Talsu jauniešu teātris,LV-TALSI,NGO,ACTIVE,2015\nLV-U-5,Talsu skolēnu dome,LV-TALSI,NGO,ACTIVE,\n");
        assert_eq!(upload("forged".into(), good.clone()).await.expect("an answer").status(), 403);
        let big = format!("{HEADER}\n{}", "LV-U-6,Liels,LV-TALSI,NGO,ACTIVE,2015\n".repeat(100));
        assert_eq!(upload(csrf.clone(), big).await.expect("an answer").status(), 413);
        assert_eq!(counts(&app).await, before);

        // A good file: written, counted on the page, audited as the editor.
        let answer = upload(csrf.clone(), good).await.expect("an answer");
        assert_eq!(answer.status(), 200);
        let html = answer.text().await.expect("html");
        assert!(html.contains("talsi.csv") && html.contains("<dd>2</dd>"), "{html}");
        assert_eq!(counts(&app).await, (before.0 + 2, before.1 + 1));
        let audited = sql_rows(&app, "SELECT account_name FROM audit_event WHERE action = 'import.organisations'").await;
        assert_eq!(audited[0].try_get::<String>("", "account_name").expect("a name"), editor);
        let stored = sql_rows(&app, "SELECT founded_year FROM organisation WHERE external_id = 'LV-U-4'").await;
        assert_eq!(stored[0].try_get::<Option<i32>>("", "founded_year").expect("a year"), Some(2015));
    }
);

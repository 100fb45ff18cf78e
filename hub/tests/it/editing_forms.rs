//! An organisation's public page and its edit form in the dashboard: the CSRF check,
//! problems shown next to their fields with nothing written, a saved change, and a
//! change by someone else meanwhile shown beside the editor's own values.
#![expect(
    clippy::expect_used,
    reason = "the set-up and the reading of answers fail loudly, with the reason"
)]

use hub::access::Role;
use serde_json::json;

use crate::{
    access::{browser, csrf_in},
    access_routes::sign_in,
    helpers::{App, on_both, sql_rows},
};

/// The first active Talsi organisation (by name): id and version.
async fn talsi(app: &App) -> (String, String) {
    let data = app
        .data(r#"{ organisations(first: 1, filter: { regionCode: "LV-TALSI", status: ACTIVE }) { nodes { id version } } }"#)
        .await;
    let node = &data["organisations"]["nodes"][0];
    (
        node["id"].as_str().expect("an id").to_owned(),
        node["version"].as_str().expect("a version").to_owned(),
    )
}

async fn name_in_sql(app: &App, id: &str) -> String {
    sql_rows(
        app,
        &format!("SELECT name FROM organisation WHERE id = {id}"),
    )
    .await[0]
        .try_get("", "name")
        .expect("a name")
}

/// The hidden `version` of the form in `html`.
fn version_in(html: &str) -> String {
    html.split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

/// The form's fields as the page shows them, with `changes` applied.
fn form_of(html: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = vec![
        ("csrf".into(), csrf_in(html)),
        ("version".into(), version_in(html)),
    ];
    for name in [
        "name",
        "founded_year",
        "closed_year",
        "closure_reason",
        "fields_of_activity",
        "target_groups",
        "website",
        "last_verified",
    ] {
        let value = html
            .split(&format!("id=\"{name}\" name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default();
        fields.push((name.into(), value.replace("&amp;", "&")));
    }
    for name in ["kind", "status", "municipality"] {
        let select = html
            .split(&format!("<select id=\"{name}\""))
            .nth(1)
            .and_then(|s| s.split("</select>").next())
            .unwrap_or_default();
        let chosen = select
            .split("<option value=\"")
            .skip(1)
            .find(|o| o.contains("selected"))
            .and_then(|o| o.split('"').next())
            .unwrap_or_default();
        fields.push((name.into(), chosen.into()));
    }
    for (name, value) in changes {
        if let Some(field) = fields.iter_mut().find(|(n, _)| n == name) {
            field.1 = (*value).to_owned();
        }
    }
    fields
}

on_both!(
    /// The public page, the editor's form, a refused and a saved change.
    an_editor_corrects_an_organisation_in_the_dashboard,
    |app: App| async move {
        let (id, _) = talsi(&app).await;
        let before = name_in_sql(&app, &id).await;
        let page = app.client.get(format!("{}/organisations/{id}", app.url)).send().await.expect("the page");
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("html");
        assert!(html.contains(&before.replace('"', "&quot;")), "{html}");
        assert!(!html.contains("/edit\""), "no edit link for the public");
        let registry = app.client.get(format!("{}/registry?country=LV", app.url)).send().await.expect("the registry").text().await.expect("html");
        assert!(registry.contains("href=\"/organisations/"), "the list links to the pages");

        let (_, editor) = app.token_for(Role::Editor, Some("LV-TALSI")).await;
        let session = sign_in(&app, &editor).await;
        let client = browser();
        let get = |path: String| client.get(format!("{}{path}", app.url)).header("cookie", session.clone()).send();
        let html = get(format!("/organisations/{id}")).await.expect("the page").text().await.expect("html");
        assert!(html.contains(&format!("href=\"/organisations/{id}/edit\"")), "an edit link for the editor");
        let form = get(format!("/organisations/{id}/edit")).await.expect("the form");
        assert_eq!(form.status(), 200);
        let html = form.text().await.expect("html");
        assert!(html.contains("<label for=\"name\">") && html.contains("<label for=\"website\">"), "labelled fields");
        let post = |fields: Vec<(String, String)>| {
            client.post(format!("{}/organisations/{id}/edit", app.url)).header("cookie", session.clone()).form(&fields).send()
        };

        // Another site's form: refused, nothing written.
        let mut forged = form_of(&html, &[("name", "Forged")]);
        forged[0].1 = "not-the-token".into();
        assert_eq!(post(forged).await.expect("an answer").status(), 403);
        assert_eq!(name_in_sql(&app, &id).await, before);

        // Bad values: each shown at its field, nothing written.
        let bad = post(form_of(&html, &[("founded_year", "1700"), ("website", "ftp://example.lv")])).await.expect("an answer");
        assert_eq!(bad.status(), 400);
        let page = bad.text().await.expect("html");
        assert!(page.contains("id=\"founded_year-error\"") && page.contains("a year from 1800 to"), "{page}");
        assert!(page.contains("aria-describedby=\"website-error\"") && page.contains("aria-invalid=\"true\""), "{page}");
        assert!(page.contains("href=\"#founded_year\""), "the summary links to the field");
        assert_eq!(name_in_sql(&app, &id).await, before);

        // A good change: saved, audited, back to the page.
        let saved = post(form_of(&html, &[("name", "Talsu jauniešu centrs")])).await.expect("an answer");
        assert_eq!(saved.status(), 303);
        assert_eq!(saved.headers().get("location").and_then(|v| v.to_str().ok()), Some(format!("/organisations/{id}").as_str()));
        assert_eq!(name_in_sql(&app, &id).await, "Talsu jauniešu centrs");
        let events = sql_rows(&app, &format!("SELECT account_name FROM audit_event WHERE action = 'organisation.update' AND object_id = '{id}'")).await;
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].try_get::<String>("", "account_name").expect("a name"), editor);
    }
);

on_both!(
    /// Two people at once: the second form is refused with both values side by side,
    /// and saving again replaces the other's change knowingly.
    a_change_made_meanwhile_is_shown_not_overwritten,
    |app: App| async move {
        let (id, version) = talsi(&app).await;
        let (_, editor) = app.token_for(Role::Editor, Some("LV-TALSI")).await;
        let session = sign_in(&app, &editor).await;
        let client = browser();
        let html = client.get(format!("{}/organisations/{id}/edit", app.url)).header("cookie", session.clone()).send().await.expect("the form").text().await.expect("html");

        let other = app.as_role(Role::Editor).await;
        let body = other
            .post(
                "mutation($id: ID!, $version: String!) { updateOrganisation(id: $id, version: $version, input: { name: \"Their name\" }) { version } }",
                json!({ "id": id, "version": version }),
            )
            .await;
        assert!(body.get("errors").is_none(), "{body}");

        let post = |fields: Vec<(String, String)>| {
            client.post(format!("{}/organisations/{id}/edit", app.url)).header("cookie", session.clone()).form(&fields).send()
        };
        let clash = post(form_of(&html, &[("name", "My name")])).await.expect("an answer");
        assert_eq!(clash.status(), 409);
        let page = clash.text().await.expect("html");
        assert!(page.contains("<td>Their name</td><td>My name</td>"), "{page}");
        assert!(page.contains("value=\"My name\""), "the form keeps my values");
        assert_eq!(name_in_sql(&app, &id).await, "Their name");

        let again = post(form_of(&page, &[])).await.expect("an answer");
        assert_eq!(again.status(), 303, "saved knowingly over theirs");
        assert_eq!(name_in_sql(&app, &id).await, "My name");
    }
);

/// The values of the collaboration form's fields in `html`, with `changes` applied.
fn collaboration_form(html: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = vec![
        ("csrf".into(), csrf_in(html)),
        ("version".into(), version_in(html)),
    ];
    for name in [
        "title",
        "place",
        "organisations",
        "themes",
        "outcomes",
        "start_year",
        "end_year",
        "funding",
    ] {
        let value = html
            .split(&format!("id=\"{name}\" name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default();
        fields.push((name.into(), value.replace("&amp;", "&")));
    }
    for name in ["description", "lessons"] {
        let value = html
            .split(&format!("<textarea id=\"{name}\" name=\"{name}\""))
            .nth(1)
            .and_then(|rest| rest.split_once('>'))
            .and_then(|(_, rest)| rest.split("</textarea>").next())
            .unwrap_or_default();
        fields.push((
            name.into(),
            value.replace("&amp;", "&").replace("&quot;", "\""),
        ));
    }
    for (name, value) in changes {
        if let Some(field) = fields.iter_mut().find(|(n, _)| n == name) {
            field.1 = (*value).to_owned();
        }
    }
    fields
}

on_both!(
    /// An example of cooperation corrected in its form: an edit link for the region's
    /// editor, a problem shown at its field with nothing written, a saved change.
    an_editor_corrects_an_example_in_the_dashboard,
    |app: App| async move {
        let id: i32 = sql_rows(&app, "SELECT MIN(c.id) AS id FROM collaboration c JOIN region g ON g.id = c.region_id WHERE g.code = 'LV-TALSI'")
            .await[0]
            .try_get("", "id")
            .expect("a Talsi example");
        let title = |app: App| async move {
            sql_rows(&app, &format!("SELECT title || '|' || COALESCE(CAST(end_year AS TEXT), '') AS t FROM collaboration WHERE id = {id}")).await[0]
                .try_get::<String>("", "t")
                .expect("a title")
        };
        let before = title(app.clone()).await;
        let (_, editor) = app.token_for(Role::Editor, Some("LV-TALSI")).await;
        let session = sign_in(&app, &editor).await;
        let client = browser();
        let list = client.get(format!("{}/collaborations?country=LV", app.url)).header("cookie", session.clone()).send().await.expect("the list").text().await.expect("html");
        assert!(list.contains(&format!("href=\"/collaborations/{id}/edit\"")), "an edit link for the editor");
        let public = app.client.get(format!("{}/collaborations?country=LV", app.url)).send().await.expect("the list").text().await.expect("html");
        assert!(!public.contains("/edit\""), "none for the public");
        let html = client.get(format!("{}/collaborations/{id}/edit", app.url)).header("cookie", session.clone()).send().await.expect("the form").text().await.expect("html");
        assert!(html.contains("<label for=\"title\">") && html.contains("<label for=\"description\">"), "labelled fields");
        let post = |fields: Vec<(String, String)>| {
            client.post(format!("{}/collaborations/{id}/edit", app.url)).header("cookie", session.clone()).form(&fields).send()
        };
        let bad = post(collaboration_form(&html, &[("start_year", "2024"), ("end_year", "2020")])).await.expect("an answer");
        assert_eq!(bad.status(), 400);
        let page = bad.text().await.expect("html");
        assert!(page.contains("id=\"end_year-error\"") && page.contains("ends before it starts"), "{page}");
        assert_eq!(title(app.clone()).await, before);
        let saved = post(collaboration_form(&html, &[("title", "Skatepark built together"), ("end_year", "2025"), ("start_year", "2023")])).await.expect("an answer");
        assert_eq!(saved.status(), 303);
        assert_eq!(title(app.clone()).await, "Skatepark built together|2025");
        let events = sql_rows(&app, &format!("SELECT account_name FROM audit_event WHERE action = 'collaboration.update' AND object_id = '{id}'")).await;
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].try_get::<String>("", "account_name").expect("a name"), editor);
    }
);

on_both!(
    /// The example's form when someone changed it meanwhile: 409 with both values side
    /// by side and the editor's kept, then saved knowingly.
    a_change_to_an_example_made_meanwhile_is_shown_not_overwritten,
    |app: App| async move {
        let id: i32 = sql_rows(&app, "SELECT MIN(c.id) AS id FROM collaboration c JOIN region g ON g.id = c.region_id WHERE g.code = 'LV-TALSI'")
            .await[0]
            .try_get("", "id")
            .expect("a Talsi example");
        let title = |app: App| async move {
            sql_rows(&app, &format!("SELECT title FROM collaboration WHERE id = {id}")).await[0].try_get::<String>("", "title").expect("a title")
        };
        let (_, editor) = app.token_for(Role::Editor, Some("LV-TALSI")).await;
        let session = sign_in(&app, &editor).await;
        let client = browser();
        let html = client.get(format!("{}/collaborations/{id}/edit", app.url)).header("cookie", session.clone()).send().await.expect("the form").text().await.expect("html");

        let other = app.as_role(Role::Editor).await;
        let body = other
            .post(
                "mutation($id: ID!, $version: String!) { updateCollaboration(id: $id, version: $version, input: { title: \"Their title\" }) { version } }",
                json!({ "id": id.to_string(), "version": version_in(&html) }),
            )
            .await;
        assert!(body.get("errors").is_none(), "{body}");

        let post = |fields: Vec<(String, String)>| {
            client.post(format!("{}/collaborations/{id}/edit", app.url)).header("cookie", session.clone()).form(&fields).send()
        };
        let clash = post(collaboration_form(&html, &[("title", "My title")])).await.expect("an answer");
        assert_eq!(clash.status(), 409);
        let page = clash.text().await.expect("html");
        assert!(page.contains("<td>Their title</td><td>My title</td>"), "{page}");
        assert!(page.contains("value=\"My title\""), "the form keeps my values");
        assert_eq!(title(app.clone()).await, "Their title");

        let again = post(collaboration_form(&page, &[])).await.expect("an answer");
        assert_eq!(again.status(), 303, "saved knowingly over theirs");
        assert_eq!(title(app.clone()).await, "My title");
    }
);

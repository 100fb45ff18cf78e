//! Editing the other records through GraphQL: examples of cooperation (with their
//! organisations and themes), interviews and findings, and the codebook's sub-codes.
//! Each: a change stored and audited with a new data version, bad values named by
//! field with nothing written, another region (or a role below) refused, and a stale
//! version refused with what is stored.

use hub::access::Role;
use serde_json::{Value, json};

use crate::helpers::{App, on_both, sql_rows};

/// The first column of the first row of `sql`, as text.
async fn one(app: &App, sql: &str) -> String {
    let rows = sql_rows(app, sql).await;
    let row = &rows[0];
    row.try_get::<String>("", "v")
        .or_else(|_| row.try_get::<i32>("", "v").map(|v| v.to_string()))
        .or_else(|_| row.try_get::<i64>("", "v").map(|v| v.to_string()))
        .unwrap_or_default()
}

async fn data_version(app: &App) -> i64 {
    app.data("{ dataset { dataVersion } }").await["dataset"]["dataVersion"]
        .as_i64()
        .unwrap_or_default()
}

/// The audit actions about `object_type` `id`, oldest first.
async fn actions(app: &App, object_type: &str, id: &str) -> Vec<String> {
    sql_rows(
        app,
        &format!(
            "SELECT action AS v FROM audit_event WHERE object_type = '{object_type}' AND object_id = '{id}' ORDER BY id"
        ),
    )
    .await
    .iter()
    .map(|r| r.try_get("", "v").unwrap_or_default())
    .collect()
}

/// The error's code and the fields its problems name, sorted.
fn refusal(body: &Value) -> (String, Vec<String>) {
    let error = &body["errors"][0];
    let mut fields: Vec<String> = (error["extensions"]["problems"].as_array().into_iter())
        .flatten()
        .filter_map(|p| p["field"].as_str().map(str::to_owned))
        .collect();
    fields.sort_unstable();
    let code = error["extensions"]["code"].as_str().unwrap_or_default();
    (code.to_owned(), fields)
}

fn region_of(code: &str) -> String {
    format!("(SELECT id FROM region WHERE code = '{code}')")
}

const UPDATE_COLLABORATION: &str = "mutation($id: ID!, $version: String!, $input: CollaborationInput!) {
    updateCollaboration(id: $id, version: $version, input: $input) { id version title endYear themes organisations { id } } }";

/// The stored version of collaboration `id`, as GraphQL gives it.
async fn collaboration_version(app: &App, id: &str) -> String {
    let data = app.data("{ collaborations { id version } }").await;
    (data["collaborations"].as_array().into_iter().flatten())
        .find(|c| c["id"] == id)
        .and_then(|c| c["version"].as_str())
        .unwrap_or_default()
        .to_owned()
}

on_both!(
    /// An editor of Talsi changes one of its examples: fields, organisations and
    /// themes are stored as SQL reads them, audited, and the data version moves; bad
    /// values, a stale version and a Braga example are refused with nothing written.
    an_editor_changes_an_example_of_cooperation,
    |app: App| async move {
        let editor = app.as_role(Role::Editor).await;
        let talsi = region_of("LV-TALSI");
        let id = one(&app, &format!("SELECT MIN(id) AS v FROM collaboration WHERE region_id = {talsi}")).await;
        let partners: Vec<String> = sql_rows(
            &app,
            &format!("SELECT id AS v FROM organisation WHERE region_id = {talsi} ORDER BY id LIMIT 2"),
        )
        .await
        .iter()
        .map(|r| r.try_get::<i32>("", "v").unwrap_or_default().to_string())
        .collect();
        let version = collaboration_version(&app, &id).await;
        let before = data_version(&app).await;
        let input = json!({
            "title": "Youth council and library, together",
            "organisationIds": partners,
            "themes": ["RELATIONSHIPS_TRUST", "shared_understanding"],
            "startYear": 2021,
            "endYear": 2024,
        });
        let body = editor
            .post(UPDATE_COLLABORATION, json!({ "id": id, "version": version, "input": input }))
            .await;
        assert!(body.get("errors").is_none(), "{body}");
        let changed = &body["data"]["updateCollaboration"];
        assert_ne!(changed["version"], version.as_str());
        assert_eq!(
            one(&app, &format!("SELECT title || '/' || CAST(end_year AS TEXT) AS v FROM collaboration WHERE id = {id}")).await,
            "Youth council and library, together/2024"
        );
        let themes = one(&app, &format!(
            "SELECT COUNT(*) AS v FROM collaboration_theme WHERE collaboration_id = {id} AND theme_code IN ('RELATIONSHIPS_TRUST', 'SHARED_UNDERSTANDING')"
        )).await;
        let all_themes = one(&app, &format!("SELECT COUNT(*) AS v FROM collaboration_theme WHERE collaboration_id = {id}")).await;
        assert_eq!((themes.as_str(), all_themes.as_str()), ("2", "2"));
        let linked: Vec<String> = sql_rows(
            &app,
            &format!("SELECT organisation_id AS v FROM collaboration_organisation WHERE collaboration_id = {id} ORDER BY organisation_id"),
        )
        .await
        .iter()
        .map(|r| r.try_get::<i32>("", "v").unwrap_or_default().to_string())
        .collect();
        assert_eq!(linked, partners);
        assert_eq!(data_version(&app).await, before + 1);
        assert_eq!(actions(&app, "collaboration", &id).await, ["collaboration.update"]);
        assert_eq!(collaboration_version(&app, &id).await, changed["version"].as_str().unwrap_or_default());

        // Stale: the version read before the change.
        let stale = editor
            .post(UPDATE_COLLABORATION, json!({ "id": id, "version": version, "input": { "title": "Other" } }))
            .await;
        assert_eq!(refusal(&stale).0, "CONFLICT", "{stale}");
        assert_eq!(stale["errors"][0]["extensions"]["current"]["record"]["title"], "Youth council and library, together");

        // Bad values: each named, nothing written.
        let current = collaboration_version(&app, &id).await;
        let bad = json!({ "startYear": 2024, "endYear": 2020, "themes": ["NOT_A_THEME"], "organisationIds": ["999999"], "title": "" });
        let body = editor
            .post(UPDATE_COLLABORATION, json!({ "id": id, "version": current, "input": bad }))
            .await;
        assert_eq!(
            refusal(&body),
            ("BAD_USER_INPUT".to_owned(), ["input.endYear", "input.organisationIds", "input.themes", "input.title"].map(String::from).to_vec()),
            "{body}"
        );
        assert_eq!(data_version(&app).await, before + 1);

        // Another region's example, or moving this one out of Talsi: refused.
        let braga = one(&app, &format!("SELECT MIN(id) AS v FROM collaboration WHERE region_id = {}", region_of("PT-BRAGA"))).await;
        let braga_version = collaboration_version(&app, &braga).await;
        let body = editor
            .post(UPDATE_COLLABORATION, json!({ "id": braga, "version": braga_version, "input": { "title": "Mine now" } }))
            .await;
        assert_eq!(refusal(&body).0, "FORBIDDEN", "{body}");
        let body = editor
            .post(UPDATE_COLLABORATION, json!({ "id": id, "version": current, "input": { "regionCode": "PT-BRAGA" } }))
            .await;
        assert_eq!(refusal(&body).0, "FORBIDDEN", "{body}");
        assert_eq!(data_version(&app).await, before + 1);

        // A new one, in Talsi: stored with its links; in Braga: refused.
        let create = "mutation($input: CollaborationInput!) { createCollaboration(externalId: \"LV-NEW-1\", input: $input) { id title themes } }";
        let body = editor
            .post(create, json!({ "input": { "title": "Skatepark", "description": "Built with the youth club.", "regionCode": "LV-TALSI", "themes": ["PROCESSES_BUREAUCRACY"] } }))
            .await;
        assert!(body.get("errors").is_none(), "{body}");
        let new_id = body["data"]["createCollaboration"]["id"].as_str().unwrap_or_default().to_owned();
        assert_eq!(
            one(&app, &format!("SELECT external_id || ':' || title AS v FROM collaboration WHERE id = {new_id}")).await,
            "LV-NEW-1:Skatepark"
        );
        assert_eq!(actions(&app, "collaboration", &new_id).await, ["collaboration.create"]);
        let body = editor
            .post(create, json!({ "input": { "title": "Elsewhere", "description": "No.", "regionCode": "PT-BRAGA" } }))
            .await;
        assert_eq!(refusal(&body).0, "FORBIDDEN", "{body}");
        let body = editor
            .post(create, json!({ "input": { "title": "No description", "regionCode": "LV-TALSI", "outcomes": ["NEW_IDEAS"], "agreement": "WRITTEN", "startYear": 1800 } }))
            .await;
        assert_eq!(
            refusal(&body),
            ("BAD_USER_INPUT".to_owned(), ["input.description", "input.startYear"].map(String::from).to_vec()),
            "{body}"
        );
        assert_eq!(data_version(&app).await, before + 2);
    }
);

const UPDATE_FINDING: &str = "mutation($id: ID!, $version: String!, $input: FindingInput!) {
    updateFinding(id: $id, version: $version, input: $input) { id version visibility translation } }";

on_both!(
    /// Interviews and findings: an editor adds an interview in their region and a
    /// finding to it, changes them (a new language relabels the findings), and is
    /// refused for bad codes, another region and a stale version.
    an_editor_records_interviews_and_findings,
    |app: App| async move {
        let editor = app.as_role(Role::Editor).await;
        let before = data_version(&app).await;
        let create = "mutation($input: InterviewInput!) { createInterview(input: $input) { id version language } }";
        let body = editor
            .post(create, json!({ "input": { "regionCode": "LV-TALSI", "heldOn": "2026-03-02", "intervieweeRole": "ORGANISATION_REPRESENTATIVE", "language": "lv" } }))
            .await;
        assert!(body.get("errors").is_none(), "{body}");
        let interview = body["data"]["createInterview"]["id"].as_str().unwrap_or_default().to_owned();
        let interview_version = body["data"]["createInterview"]["version"].as_str().unwrap_or_default().to_owned();
        let body = editor
            .post(create, json!({ "input": { "regionCode": "PT-BRAGA", "heldOn": "2026-03-02", "intervieweeRole": "ORGANISATION_REPRESENTATIVE", "language": "pt" } }))
            .await;
        assert_eq!(refusal(&body).0, "FORBIDDEN", "{body}");
        let body = editor
            .post(create, json!({ "input": { "regionCode": "LV-TALSI", "language": "latvian" } }))
            .await;
        assert_eq!(
            refusal(&body),
            ("BAD_USER_INPUT".to_owned(), ["input.heldOn", "input.intervieweeRole", "input.language"].map(String::from).to_vec()),
            "{body}"
        );

        let add = "mutation($input: FindingInput!) { createFinding(externalId: \"F-NEW-1\", input: $input) { id version language visibility } }";
        let body = editor
            .post(add, json!({ "input": { "interviewId": interview, "theme": "RELATIONSHIPS_TRUST", "quote": "Mēs viens otru nepazīstam." } }))
            .await;
        assert!(body.get("errors").is_none(), "{body}");
        let found = &body["data"]["createFinding"];
        assert_eq!((found["language"].as_str(), found["visibility"].as_str()), (Some("lv"), Some("PROJECT")));
        let finding = found["id"].as_str().unwrap_or_default().to_owned();
        let version = found["version"].as_str().unwrap_or_default().to_owned();
        let other_sub = one(&app, "SELECT MIN(code) AS v FROM sub_code WHERE theme_code <> 'RELATIONSHIPS_TRUST'").await;
        let body = editor
            .post(UPDATE_FINDING, json!({ "id": finding, "version": version, "input": { "theme": "NOPE", "subCode": other_sub, "quote": "" } }))
            .await;
        assert_eq!(
            refusal(&body),
            ("BAD_USER_INPUT".to_owned(), ["input.quote", "input.subCode", "input.theme"].map(String::from).to_vec()),
            "{body}"
        );
        let body = editor
            .post(UPDATE_FINDING, json!({ "id": finding, "version": version, "input": { "subCode": other_sub } }))
            .await;
        assert_eq!(refusal(&body), ("BAD_USER_INPUT".to_owned(), vec!["input.subCode".to_owned()]), "{body}");
        let body = editor
            .post(UPDATE_FINDING, json!({ "id": finding, "version": version, "input": { "visibility": "PUBLIC", "translation": "We do not know each other." } }))
            .await;
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(
            one(&app, &format!("SELECT visibility || '|' || translation || '|' || search_text AS v FROM finding WHERE id = {finding}")).await,
            "PUBLIC|We do not know each other.|mēs viens otru nepazīstam.\nwe do not know each other."
        );
        let stale = editor
            .post(UPDATE_FINDING, json!({ "id": finding, "version": version, "input": { "visibility": "PROJECT" } }))
            .await;
        assert_eq!(refusal(&stale).0, "CONFLICT", "{stale}");
        assert_eq!(stale["errors"][0]["extensions"]["current"]["visibility"], "PUBLIC");

        // The interview's language changes its findings' language too.
        let update = "mutation($id: ID!, $version: String!, $input: InterviewInput!) { updateInterview(id: $id, version: $version, input: $input) { language } }";
        let body = editor
            .post(update, json!({ "id": interview, "version": interview_version, "input": { "language": "ru" } }))
            .await;
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(one(&app, &format!("SELECT language AS v FROM finding WHERE id = {finding}")).await, "ru");
        assert_eq!(actions(&app, "interview", &interview).await, ["interview.create", "interview.update"]);
        assert_eq!(actions(&app, "finding", &finding).await, ["finding.create", "finding.update"]);
        assert_eq!(data_version(&app).await, before + 4);

        // A finding of a Braga interview is not a Talsi editor's to change.
        let braga = one(&app, &format!(
            "SELECT MIN(f.id) AS v FROM finding f JOIN interview i ON i.id = f.interview_id WHERE i.region_id = {}",
            region_of("PT-BRAGA")
        )).await;
        let braga_version = app.as_role(Role::Admin).await
            .data("{ findings(first: 100, filter: { countryCode: \"PT\" }) { nodes { id version } } }")
            .await["findings"]["nodes"]
            .as_array().into_iter().flatten()
            .find(|n| n["id"] == braga.as_str())
            .and_then(|n| n["version"].as_str()).unwrap_or_default().to_owned();
        let body = editor
            .post(UPDATE_FINDING, json!({ "id": braga, "version": braga_version, "input": { "visibility": "PUBLIC" } }))
            .await;
        assert_eq!(refusal(&body).0, "FORBIDDEN", "{body}");

        // The interview: its old version is stale now; a bad day is named; a Braga
        // interview, and a finding added to it, are not this editor's.
        let body = editor
            .post(update, json!({ "id": interview, "version": interview_version, "input": { "language": "lv" } }))
            .await;
        assert_eq!(refusal(&body).0, "CONFLICT", "{body}");
        assert_eq!(body["errors"][0]["extensions"]["current"]["language"], "ru");
        let current = body["errors"][0]["extensions"]["currentVersion"].as_str().unwrap_or_default().to_owned();
        let body = editor
            .post(update, json!({ "id": interview, "version": current, "input": { "regionCode": "XX-NOWHERE", "language": "english" } }))
            .await;
        assert_eq!(
            refusal(&body),
            ("BAD_USER_INPUT".to_owned(), ["input.language", "input.regionCode"].map(String::from).to_vec()),
            "{body}"
        );
        let braga_interview = one(&app, &format!("SELECT MIN(id) AS v FROM interview WHERE region_id = {}", region_of("PT-BRAGA"))).await;
        let body = editor
            .post(update, json!({ "id": braga_interview, "version": "0000000000000000", "input": { "language": "pt" } }))
            .await;
        assert_eq!(refusal(&body).0, "FORBIDDEN", "{body}");
        let body = editor
            .post(add, json!({ "input": { "interviewId": braga_interview, "theme": "CREDIBILITY", "quote": "Não é meu." } }))
            .await;
        assert_eq!(refusal(&body).0, "FORBIDDEN", "{body}");
        let body = editor
            .post(add, json!({ "input": { "interviewId": interview, "theme": "CREDIBILITY", "quote": " ", "visibility": "PUBLIC" } }))
            .await;
        assert_eq!(refusal(&body), ("BAD_USER_INPUT".to_owned(), vec!["input.quote".to_owned()]), "{body}");
        let body = editor
            .post(add, json!({ "input": { "interviewId": interview, "theme": "CREDIBILITY", "quote": "Again" } }))
            .await;
        assert_eq!(refusal(&body), ("BAD_USER_INPUT".to_owned(), vec!["externalId".to_owned()]), "F-NEW-1 is taken: {body}");
        assert_eq!(data_version(&app).await, before + 4, "nothing refused was written");
    }
);

on_both!(
    /// Admins add a sub-code to a theme and rename it; editors may not; a bad or taken
    /// code and a stale version are refused.
    an_admin_adds_and_renames_a_sub_code,
    |app: App| async move {
        let admin = app.as_role(Role::Admin).await;
        let editor = app.as_role(Role::Editor).await;
        let before = data_version(&app).await;
        let add = "mutation($theme: String!, $code: String!, $names: [NameInput!]!) { addSubCode(themeCode: $theme, code: $code, names: $names) { code theme version name(lang: \"sv\") } }";
        let names = json!([{ "language": "en", "text": "No meeting place" }, { "language": "sv", "text": "Ingen mötesplats" }]);
        let body = editor.post(add, json!({ "theme": "RELATIONSHIPS_TRUST", "code": "NO_MEETING_PLACE", "names": names })).await;
        assert_eq!(refusal(&body).0, "FORBIDDEN", "{body}");
        let body = admin.post(add, json!({ "theme": "RELATIONSHIPS_TRUST", "code": "no meeting", "names": [{ "language": "sv", "text": "x" }] })).await;
        assert_eq!(
            refusal(&body),
            ("BAD_USER_INPUT".to_owned(), vec!["code".to_owned(), "names.en".to_owned()]),
            "{body}"
        );
        let body = admin.post(add, json!({ "theme": "RELATIONSHIPS_TRUST", "code": "NO_MEETING_PLACE", "names": names })).await;
        assert!(body.get("errors").is_none(), "{body}");
        let added = &body["data"]["addSubCode"];
        assert_eq!(added["name"], "Ingen mötesplats");
        let last = one(&app, "SELECT MAX(position) AS v FROM sub_code WHERE theme_code = 'RELATIONSHIPS_TRUST' AND code <> 'NO_MEETING_PLACE'").await;
        let position = one(&app, "SELECT position AS v FROM sub_code WHERE code = 'NO_MEETING_PLACE'").await;
        assert_eq!(position.parse::<i32>().ok(), last.parse::<i32>().ok().map(|p| p + 1), "after the theme's others");
        let body = admin.post(add, json!({ "theme": "PROCESSES_BUREAUCRACY", "code": "NO_MEETING_PLACE", "names": names })).await;
        assert_eq!(refusal(&body), ("BAD_USER_INPUT".to_owned(), vec!["code".to_owned()]), "{body}");

        let rename = "mutation($code: String!, $version: String!, $names: [NameInput!]!) { renameSubCode(code: $code, version: $version, names: $names) { version name } }";
        let version = added["version"].as_str().unwrap_or_default();
        let body = admin.post(rename, json!({ "code": "NO_MEETING_PLACE", "version": version, "names": [{ "language": "en", "text": "Nowhere to meet" }, { "language": "sv", "text": "" }] })).await;
        assert!(body.get("errors").is_none(), "{body}");
        let stored: Value = serde_json::from_str(&one(&app, "SELECT CAST(name AS TEXT) AS v FROM sub_code WHERE code = 'NO_MEETING_PLACE'").await).unwrap_or_default();
        assert_eq!(stored, json!({ "en": "Nowhere to meet" }));
        let renamed = body["data"]["renameSubCode"]["version"].as_str().unwrap_or_default().to_owned();
        let body = editor.post(rename, json!({ "code": "NO_MEETING_PLACE", "version": renamed, "names": [{ "language": "en", "text": "Mine" }] })).await;
        assert_eq!(refusal(&body).0, "FORBIDDEN", "{body}");
        let body = admin.post(rename, json!({ "code": "NO_MEETING_PLACE", "version": renamed, "names": [{ "language": "en", "text": "" }] })).await;
        assert_eq!(refusal(&body), ("BAD_USER_INPUT".to_owned(), vec!["names.en".to_owned()]), "English stays: {body}");
        let body = admin.post(rename, json!({ "code": "NO_MEETING_PLACE", "version": renamed, "names": [{ "language": "english", "text": "x" }] })).await;
        assert_eq!(refusal(&body), ("BAD_USER_INPUT".to_owned(), vec!["names[0].language".to_owned()]), "{body}");
        let stale = admin.post(rename, json!({ "code": "NO_MEETING_PLACE", "version": version, "names": [{ "language": "en", "text": "Again" }] })).await;
        assert_eq!(refusal(&stale).0, "CONFLICT", "{stale}");
        assert_eq!(actions(&app, "sub_code", "NO_MEETING_PLACE").await, ["sub_code.create", "sub_code.update"]);
        assert_eq!(data_version(&app).await, before + 2);
    }
);

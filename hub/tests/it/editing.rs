//! Editing through GraphQL mutations: a change by an editor of the region is stored,
//! audited with before and after and bumps the data version; bad values name their
//! fields; a stale version, another region and a role below editor are refused, and a
//! refused change leaves the data as it was.

use hub::access::Role;
use serde_json::{Value, json};

use crate::helpers::{App, on_both, sql_rows};

const UPDATE: &str = "mutation($id: ID!, $version: String!, $input: OrganisationInput!) {
    updateOrganisation(id: $id, version: $version, input: $input) { id name version foundedYear website status closedYear } }";

/// The first active organisation of `region` (by name): its id and version.
async fn first_of(app: &App, region: &str) -> (String, String) {
    let data = app
        .data(&format!(
            r#"{{ organisations(first: 1, filter: {{ regionCode: "{region}", status: ACTIVE }}) {{ nodes {{ id version }} }} }}"#
        ))
        .await;
    let node = &data["organisations"]["nodes"][0];
    (
        node["id"].as_str().unwrap_or_default().to_owned(),
        node["version"].as_str().unwrap_or_default().to_owned(),
    )
}

/// The stored row's name, founding year and website, in SQL.
async fn stored(app: &App, id: &str) -> (String, Option<i32>, Option<String>) {
    let rows = sql_rows(
        app,
        &format!("SELECT name, founded_year, website FROM organisation WHERE id = {id}"),
    )
    .await;
    let row = &rows[0];
    (
        row.try_get("", "name").unwrap_or_default(),
        row.try_get("", "founded_year").unwrap_or_default(),
        row.try_get("", "website").unwrap_or_default(),
    )
}

async fn data_version(app: &App) -> i64 {
    app.data("{ dataset { dataVersion } }").await["dataset"]["dataVersion"]
        .as_i64()
        .unwrap_or_default()
}

/// Audit events about organisation `id`: (action, details).
async fn audited(app: &App, id: &str) -> Vec<(String, Value)> {
    sql_rows(
        app,
        &format!(
            "SELECT action, details FROM audit_event WHERE object_type = 'organisation' AND object_id = '{id}' ORDER BY id"
        ),
    )
    .await
    .iter()
    .map(|r| {
        let details: String = r.try_get("", "details").unwrap_or_default();
        (
            r.try_get("", "action").unwrap_or_default(),
            serde_json::from_str(&details).unwrap_or_default(),
        )
    })
    .collect()
}

on_both!(
    /// An editor of Talsi renames one of its organisations: the row, the audit event
    /// (before and after) and the data version show it; the old version is then stale.
    an_editor_changes_an_organisation_of_their_region,
    |app: App| async move {
        let editor = app.as_role(Role::Editor).await;
        let (id, version) = first_of(&app, "LV-TALSI").await;
        let (old_name, _, _) = stored(&app, &id).await;
        let before = data_version(&app).await;
        let input = json!({ "name": "Talsu jauniešu padome", "foundedYear": 2019, "website": "https://example.lv/padome" });
        let body = editor.post(UPDATE, json!({ "id": id, "version": version, "input": input })).await;
        assert!(body.get("errors").is_none(), "{body}");
        let changed = &body["data"]["updateOrganisation"];
        assert_eq!(changed["name"], "Talsu jauniešu padome");
        assert_ne!(changed["version"], version.as_str(), "a new version");
        assert_eq!(
            stored(&app, &id).await,
            ("Talsu jauniešu padome".to_owned(), Some(2019), Some("https://example.lv/padome".to_owned()))
        );
        assert_eq!(data_version(&app).await, before + 1);
        let events = audited(&app, &id).await;
        assert_eq!(events.len(), 1, "{events:?}");
        let (action, details) = &events[0];
        assert_eq!(action, "organisation.update");
        assert_eq!(details["before"]["name"], old_name.as_str());
        assert_eq!(details["after"]["name"], "Talsu jauniešu padome");
        assert_eq!(details["version"], changed["version"]);

        // The version read before the change is stale now: refused, with what is stored.
        let again = editor
            .post(UPDATE, json!({ "id": id, "version": version, "input": { "name": "Something else" } }))
            .await;
        let error = &again["errors"][0];
        assert_eq!(error["extensions"]["code"], "CONFLICT", "{again}");
        assert_eq!(error["extensions"]["current"]["name"], "Talsu jauniešu padome");
        assert_eq!(error["extensions"]["currentVersion"], changed["version"]);
        assert_eq!(stored(&app, &id).await.0, "Talsu jauniešu padome");
        assert_eq!(data_version(&app).await, before + 1, "nothing more was written");
        assert_eq!(audited(&app, &id).await.len(), 1);

        // The same change again with the current version changes nothing: no new event.
        let same = editor
            .post(UPDATE, json!({ "id": id, "version": changed["version"], "input": { "name": "Talsu jauniešu padome" } }))
            .await;
        assert!(same.get("errors").is_none(), "{same}");
        assert_eq!(data_version(&app).await, before + 1);
    }
);

on_both!(
    /// Values that break the registry's rules are refused with every field named, as
    /// the import names its columns, and nothing is written.
    bad_values_name_their_fields_and_change_nothing,
    |app: App| async move {
        let editor = app.as_role(Role::Editor).await;
        let (id, version) = first_of(&app, "LV-TALSI").await;
        let before = (stored(&app, &id).await, data_version(&app).await);
        let input = json!({
            "foundedYear": 1700,
            "website": "ftp://example.lv",
            "status": "ACTIVE",
            "closedYear": 2020,
            "municipalityCode": "SE-2080",
            "fieldsOfActivity": ["SPORT;CULTURE"],
        });
        let body = editor.post(UPDATE, json!({ "id": id, "version": version, "input": input })).await;
        let error = &body["errors"][0];
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{body}");
        let fields: Vec<&str> = error["extensions"]["problems"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["field"].as_str())
            .collect();
        assert_eq!(fields, ["input.fieldsOfActivity"], "a list item is checked first: {body}");

        let input = json!({ "foundedYear": 1700, "website": "ftp://example.lv", "status": "ACTIVE", "closedYear": 2020, "municipalityCode": "SE-2080" });
        let body = editor.post(UPDATE, json!({ "id": id, "version": version, "input": input })).await;
        let error = &body["errors"][0];
        let problems = error["extensions"]["problems"].as_array().cloned().unwrap_or_default();
        let mut fields: Vec<&str> = problems.iter().filter_map(|p| p["field"].as_str()).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            ["input.closedYear", "input.foundedYear", "input.municipalityCode", "input.website"],
            "{body}"
        );
        let website = problems.iter().find(|p| p["field"] == "input.website").cloned().unwrap_or_default();
        assert_eq!((website["code"].as_str(), website["value"].as_str()), (Some("constraint-error"), Some("ftp://example.lv")));
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains("input.foundedYear: a year from 1800 to"), "{message}");
        assert_eq!((stored(&app, &id).await, data_version(&app).await), before);
        assert!(audited(&app, &id).await.is_empty());

        let body = editor
            .post(UPDATE, json!({ "id": id, "version": version, "input": { "successorId": "999999" } }))
            .await;
        let problem = &body["errors"][0]["extensions"]["problems"][0];
        assert_eq!((problem["field"].as_str(), problem["code"].as_str()), (Some("input.successorId"), Some("foreign-key")), "{body}");
    }
);

on_both!(
    /// An editor writes only in their regions; roles below editor may not write at all;
    /// a mutation sent with GET is refused with 405.
    writes_are_limited_to_editors_in_their_regions,
    |app: App| async move {
        let editor = app.as_role(Role::Editor).await;
        let (swedish, version) = first_of(&app, "SE-DALARNA").await;
        let body = editor.post(UPDATE, json!({ "id": swedish, "version": version, "input": { "name": "X" } })).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN", "{body}");
        assert!(body["errors"][0]["message"].as_str().unwrap_or_default().contains("LV-TALSI"), "{body}");

        let (talsi, version) = first_of(&app, "LV-TALSI").await;
        let body = editor
            .post(UPDATE, json!({ "id": talsi, "version": version, "input": { "regionCode": "SE-DALARNA", "municipalityCode": null } }))
            .await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN", "moving it out: {body}");

        for role in [Role::Public, Role::Partner, Role::Researcher] {
            let asker = if role == Role::Public { app.clone() } else { app.as_role(role).await };
            let body = asker.post(UPDATE, json!({ "id": talsi, "version": version, "input": { "name": "X" } })).await;
            assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN", "{role}: {body}");
            assert!(body["errors"][0]["message"].as_str().unwrap_or_default().contains("needs the role EDITOR"), "{body}");
        }
        assert_ne!(stored(&app, &talsi).await.0, "X");

        let response = app
            .client
            .get(format!("{}/graphql", app.url))
            .query(&[("query", format!(r#"mutation {{ updateOrganisation(id: "{talsi}", version: "{version}", input: {{ name: "X" }}) {{ id }} }}"#))])
            .send()
            .await
            .map(|r| (r.status().as_u16(), r.headers().get("allow").and_then(|v| v.to_str().ok()).map(str::to_owned)));
        assert_eq!(response.ok(), Some((405, Some("POST".to_owned()))));
        assert_ne!(stored(&app, &talsi).await.0, "X");
    }
);

on_both!(
    /// An admin adds an organisation; the required fields and a taken id are checked.
    an_organisation_is_created_with_the_imports_rules,
    |app: App| async move {
        let admin = app.as_role(Role::Admin).await;
        let create = "mutation($externalId: String, $input: OrganisationInput!) {
            createOrganisation(externalId: $externalId, input: $input) { id name version status region { code } municipality { code } } }";
        let input = json!({ "name": "Trakų jaunimo klubas", "regionCode": "LT-TRAKAI", "kind": "YOUTH_ASSOCIATION", "status": "ACTIVE", "fieldsOfActivity": ["SPORT", "CULTURE"] });
        let before = data_version(&app).await;
        let body = admin.post(create, json!({ "externalId": "LT-NEW-1", "input": input })).await;
        assert!(body.get("errors").is_none(), "{body}");
        let created = &body["data"]["createOrganisation"];
        assert_eq!(created["region"]["code"], "LT-TRAKAI");
        let id = created["id"].as_str().unwrap_or_default().to_owned();
        let rows = sql_rows(&app, &format!("SELECT external_id, name, fields_of_activity FROM organisation WHERE id = {id}")).await;
        let external: String = rows[0].try_get("", "external_id").unwrap_or_default();
        let fields: String = rows[0].try_get::<Value>("", "fields_of_activity").map(|v| v.to_string()).unwrap_or_default();
        assert_eq!((external.as_str(), fields.as_str()), ("LT-NEW-1", r#"["SPORT","CULTURE"]"#));
        assert_eq!(data_version(&app).await, before + 1);
        assert_eq!(audited(&app, &id).await[0].0, "organisation.create");

        let taken = admin.post(create, json!({ "externalId": "LT-NEW-1", "input": input })).await;
        assert_eq!(taken["errors"][0]["extensions"]["problems"][0]["field"], "externalId", "{taken}");
        let missing = admin.post(create, json!({ "input": { "name": "Nameless kind" } })).await;
        let mut fields: Vec<String> = missing["errors"][0]["extensions"]["problems"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["field"].as_str().map(str::to_owned))
            .collect();
        fields.sort_unstable();
        assert_eq!(fields, ["input.kind", "input.regionCode", "input.status"], "{missing}");
        assert_eq!(data_version(&app).await, before + 1, "refused changes write nothing");
    }
);

/// One number from SQL (a count, or an id: an INTEGER column on PostgreSQL).
async fn count(app: &App, sql: &str) -> i64 {
    let row = &sql_rows(app, sql).await[0];
    (row.try_get::<i64>("", "n"))
        .or_else(|_| row.try_get::<i32>("", "n").map(i64::from))
        .unwrap_or(-1)
}

on_both!(
    /// Merging a duplicate: its respondents, collaborations and the organisation it had
    /// taken over from move to the survivor, a collaboration both took part in is kept
    /// once, the duplicate is gone and the audit event keeps it; itself, a stale version
    /// and another region are refused.
    a_duplicate_is_merged_into_the_survivor,
    |app: App| async move {
        let editor = app.as_role(Role::Editor).await;
        let ids = sql_rows(
            &app,
            "SELECT o.id AS id FROM organisation o JOIN region g ON g.id = o.region_id WHERE g.code = 'LV-TALSI' ORDER BY o.id",
        )
        .await
        .iter()
        .map(|r| r.try_get::<i32>("", "id").unwrap_or_default())
        .collect::<Vec<_>>();
        let (a, b, c) = (ids[0], ids[1], ids[2]);
        let collaborations = sql_rows(&app, "SELECT id FROM collaboration ORDER BY id").await;
        let (c1, c2): (i32, i32) = (
            collaborations[0].try_get("", "id").unwrap_or_default(),
            collaborations[1].try_get("", "id").unwrap_or_default(),
        );
        for statement in [
            format!("DELETE FROM collaboration_organisation WHERE organisation_id IN ({a}, {b})"),
            format!("INSERT INTO collaboration_organisation (collaboration_id, organisation_id) VALUES ({c1}, {a}), ({c1}, {b}), ({c2}, {b})"),
            format!("UPDATE organisation SET successor_id = {b} WHERE id = {c}"),
            format!("UPDATE respondent SET organisation_id = {b} WHERE id IN (SELECT id FROM respondent WHERE role = 'ORGANISATION_REPRESENTATIVE' ORDER BY id LIMIT 3)"),
        ] {
            let conn = sea_orm::Database::connect(&app.database_url).await.unwrap_or_else(|e| panic!("{e}"));
            sea_orm::ConnectionTrait::execute_unprepared(&conn, &statement).await.unwrap_or_else(|e| panic!("{statement}: {e}"));
            conn.close().await.ok();
        }
        let of_a = count(&app, &format!("SELECT COUNT(*) AS n FROM respondent WHERE organisation_id = {a}")).await;
        let of_b = count(&app, &format!("SELECT COUNT(*) AS n FROM respondent WHERE organisation_id = {b}")).await;
        assert!(of_b >= 3, "{of_b}");
        let version_of = |id: i32| {
            let app = app.clone();
            async move {
                app.data(&format!("{{ organisation(id: \"{id}\") {{ version }} }}")).await["organisation"]["version"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            }
        };
        let merge = "mutation($s: ID!, $sv: String!, $d: ID!, $dv: String!) {
            mergeOrganisations(survivorId: $s, survivorVersion: $sv, duplicateId: $d, duplicateVersion: $dv) {
                survivor { id } movedRespondents movedCollaborations movedSuccessors } }";
        let (va, vb) = (version_of(a).await, version_of(b).await);
        let itself = editor.post(merge, json!({ "s": a.to_string(), "sv": va, "d": a.to_string(), "dv": va })).await;
        assert_eq!(itself["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{itself}");
        let stale = editor.post(merge, json!({ "s": a.to_string(), "sv": va, "d": b.to_string(), "dv": "0000000000000000" })).await;
        assert_eq!(stale["errors"][0]["extensions"]["code"], "CONFLICT", "{stale}");
        let swedish = count(&app, "SELECT MIN(o.id) AS n FROM organisation o JOIN region g ON g.id = o.region_id WHERE g.code = 'SE-DALARNA'").await;
        let across = editor
            .post(merge, json!({ "s": a.to_string(), "sv": va, "d": swedish.to_string(), "dv": version_of(swedish as i32).await }))
            .await;
        assert_eq!(across["errors"][0]["extensions"]["code"], "FORBIDDEN", "{across}");
        assert_eq!(count(&app, &format!("SELECT COUNT(*) AS n FROM organisation WHERE id = {b}")).await, 1, "refusals change nothing");

        let before = data_version(&app).await;
        let body = editor.post(merge, json!({ "s": a.to_string(), "sv": va, "d": b.to_string(), "dv": vb })).await;
        assert!(body.get("errors").is_none(), "{body}");
        let result = &body["data"]["mergeOrganisations"];
        assert_eq!(
            (result["movedRespondents"].as_i64(), result["movedCollaborations"].as_i64(), result["movedSuccessors"].as_i64()),
            (Some(of_b), Some(1), Some(1))
        );
        assert_eq!(count(&app, &format!("SELECT COUNT(*) AS n FROM organisation WHERE id = {b}")).await, 0);
        assert_eq!(count(&app, &format!("SELECT COUNT(*) AS n FROM respondent WHERE organisation_id = {a}")).await, of_a + of_b);
        assert_eq!(
            count(&app, &format!("SELECT COUNT(*) AS n FROM collaboration_organisation WHERE organisation_id = {a} AND collaboration_id IN ({c1}, {c2})")).await,
            2
        );
        assert_eq!(count(&app, &format!("SELECT successor_id AS n FROM organisation WHERE id = {c}")).await, i64::from(a));
        assert_eq!(data_version(&app).await, before + 1);
        let events = audited(&app, &a.to_string()).await;
        let (action, details) = events.last().cloned().unwrap_or_default();
        assert_eq!(action, "organisation.merge");
        assert_eq!(details["merged"]["id"], b);
        assert_eq!(details["moved"]["respondents"], of_b);
    }
);

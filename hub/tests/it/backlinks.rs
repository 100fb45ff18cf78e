//! Back-links: from a region, organisation, theme, sub-code or interview to what points
//! at it. Every count and page equals plain SQL, pages continue where the last ended,
//! the public reads only public findings, and respondents only a researcher, audited.
#![expect(
    clippy::expect_used,
    reason = "the reading of answers fails loudly, with the reason"
)]

use hub::access::Role;
use serde_json::Value;

use crate::helpers::{App, on_both, sql_rows};

/// The ids `sql` selects, in its order, as GraphQL writes them.
async fn ids(app: &App, sql: &str) -> Vec<String> {
    sql_rows(app, sql)
        .await
        .iter()
        .map(|r| {
            r.try_get::<i64>("", "id")
                .or_else(|_| r.try_get::<i32>("", "id").map(i64::from))
                .expect("an id")
                .to_string()
        })
        .collect()
}

/// The ids of a connection's nodes.
fn node_ids(connection: &Value) -> Vec<String> {
    connection["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("an id").to_owned())
        .collect()
}

/// `connection` holds the first `first` of `expected` and counts them all.
fn check(connection: &Value, expected: &[String], first: usize, what: &str) {
    assert_eq!(
        connection["totalCount"].as_u64(),
        Some(expected.len() as u64),
        "totalCount of {what}"
    );
    let page: Vec<String> = expected.iter().take(first).cloned().collect();
    assert_eq!(node_ids(connection), page, "first page of {what}");
}

fn quoted(value: &Value) -> String {
    format!("'{}'", value.as_str().expect("a code").replace('\'', "''"))
}

const PAGE: &str = "(first: 3) { totalCount nodes { id } }";

on_both!(
    /// Regions, organisations, themes, sub-codes and interviews against SQL.
    back_links_equal_sql,
    |app: App| async move {
        let app = app.as_role(Role::Researcher).await;
        let data = app
            .data(&format!(
                "{{ regions {{ id code organisations{PAGE} collaborations{PAGE} interviews{PAGE} respondents{PAGE} }} }}"
            ))
            .await;
        let regions = data["regions"].as_array().expect("regions");
        assert_eq!(regions.len(), 5);
        let mut seen = 0;
        for region in regions {
            let id = region["id"].as_str().expect("an id");
            let links = [
                ("organisations", format!("SELECT id FROM organisation WHERE region_id = {id} ORDER BY name, id")),
                ("collaborations", format!("SELECT id FROM collaboration WHERE region_id = {id} ORDER BY title, id")),
                ("interviews", format!("SELECT id FROM interview WHERE region_id = {id} ORDER BY held_on, id")),
                ("respondents", format!("SELECT id FROM respondent WHERE region_id = {id} ORDER BY id")),
            ];
            for (field, sql) in links {
                let expected = ids(&app, &sql).await;
                seen += expected.len();
                check(&region[field], &expected, 3, &format!("{} {field}", region["code"]));
            }
        }
        assert!(seen > 100, "the demo links {seen} rows to its regions");

        let data = app
            .data(&format!(
                "{{ themes {{ code questions{PAGE} findings{PAGE} collaborations{PAGE} subCodes {{ code findings{PAGE} }} }} }}"
            ))
            .await;
        for theme in data["themes"].as_array().expect("themes") {
            let code = quoted(&theme["code"]);
            let links = [
                ("questions", format!("SELECT id FROM question WHERE theme_code = {code} ORDER BY survey_id, position, id")),
                ("findings", format!("SELECT id FROM finding WHERE theme_code = {code} ORDER BY id")),
                ("collaborations", format!(
                    "SELECT c.id AS id FROM collaboration c JOIN collaboration_theme t ON t.collaboration_id = c.id \
                     WHERE t.theme_code = {code} ORDER BY c.title, c.id"
                )),
            ];
            for (field, sql) in links {
                check(&theme[field], &ids(&app, &sql).await, 3, &format!("{code} {field}"));
            }
            for sub_code in theme["subCodes"].as_array().expect("sub-codes") {
                let sub = quoted(&sub_code["code"]);
                let expected = ids(&app, &format!("SELECT id FROM finding WHERE sub_code = {sub} ORDER BY id")).await;
                check(&sub_code["findings"], &expected, 3, &format!("{sub} findings"));
            }
        }

        let data = app
            .data(&format!("{{ organisations(first: 100) {{ nodes {{ id collaborations{PAGE} }} }} interviews {{ id findings{PAGE} }} }}"))
            .await;
        let mut linked = 0;
        for organisation in data["organisations"]["nodes"].as_array().expect("organisations") {
            let id = organisation["id"].as_str().expect("an id");
            let expected = ids(&app, &format!(
                "SELECT c.id AS id FROM collaboration c JOIN collaboration_organisation o ON o.collaboration_id = c.id \
                 WHERE o.organisation_id = {id} ORDER BY c.title, c.id"
            ))
            .await;
            linked += expected.len();
            check(&organisation["collaborations"], &expected, 3, &format!("organisation {id}"));
        }
        assert!(linked > 0, "some of the first 100 organisations took part in collaborations");
        for interview in data["interviews"].as_array().expect("interviews") {
            let id = interview["id"].as_str().expect("an id");
            let expected = ids(&app, &format!("SELECT id FROM finding WHERE interview_id = {id} ORDER BY id")).await;
            check(&interview["findings"], &expected, 3, &format!("interview {id}"));
        }
    }
);

on_both!(
    /// A region's organisations page by page, 7 at a time, are SQL's list.
    back_link_pages_continue,
    |app: App| async move {
        let region = sql_rows(&app, "SELECT region_id AS id, COUNT(*) AS n FROM organisation GROUP BY region_id ORDER BY n DESC")
            .await
            .first()
            .map(|r| r.try_get::<i32>("", "id").map(i64::from).or_else(|_| r.try_get::<i64>("", "id")).expect("an id"))
            .expect("a region with organisations");
        let expected = ids(&app, &format!("SELECT id FROM organisation WHERE region_id = {region} ORDER BY name, id")).await;
        assert!(expected.len() > 14, "{} organisations", expected.len());
        let mut all = Vec::new();
        let mut after = String::from("null");
        loop {
            let data = app
                .data(&format!(
                    "{{ regions {{ id organisations(first: 7, after: {after}) {{ nodes {{ id }} pageInfo {{ hasNextPage endCursor }} }} }} }}"
                ))
                .await;
            let page = data["regions"]
                .as_array()
                .expect("regions")
                .iter()
                .find(|r| r["id"].as_str() == Some(&region.to_string()))
                .expect("the region")["organisations"]
                .clone();
            all.extend(node_ids(&page));
            if page["pageInfo"]["hasNextPage"] != Value::Bool(true) {
                break;
            }
            after = format!("\"{}\"", page["pageInfo"]["endCursor"].as_str().expect("a cursor"));
        }
        assert_eq!(all, expected);
    }
);

on_both!(
    /// The public reads a theme's public findings only, and no region's respondents; a
    /// researcher's read of them is audited.
    back_links_keep_the_access_rules,
    |app: App| async move {
        let data = app
            .data("{ themes { code findings(first: 100) { totalCount nodes { id visibility } } } }")
            .await;
        let mut public = 0;
        for theme in data["themes"].as_array().expect("themes") {
            let code = quoted(&theme["code"]);
            let expected = ids(&app, &format!(
                "SELECT id FROM finding WHERE theme_code = {code} AND visibility = 'PUBLIC' ORDER BY id"
            ))
            .await;
            public += expected.len();
            check(&theme["findings"], &expected, 100, &format!("{code} public findings"));
        }
        let all = ids(&app, "SELECT id FROM finding").await.len();
        assert!(0 < public && public < all, "{public} of {all} findings are public");

        let error = app.error("{ regions { respondents { totalCount } } }").await;
        assert_eq!(error["extensions"]["code"], "FORBIDDEN", "{error}");
        let error = app.error("{ regions { interviews { totalCount } } }").await;
        assert_eq!(error["extensions"]["code"], "FORBIDDEN", "{error}");

        let audited = "SELECT id FROM audit_event WHERE action = 'read.respondents'";
        let before = ids(&app, audited).await.len();
        let researcher = app.as_role(Role::Researcher).await;
        researcher.data("{ regions { respondents(first: 2) { nodes { id } } } }").await;
        assert_eq!(ids(&app, audited).await.len(), before + 5, "one audit event per region read");
    }
);

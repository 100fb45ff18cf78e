//! Relations load through DataLoaders: the number of SQL statements does not grow with
//! the page size.

use serde_json::Value;

use hub::config::Settings;

use crate::helpers::{App, on_both};

/// The batching window is a timer; a wide one keeps these counts exact in unoptimised
/// builds on a busy machine. Production uses a short one (see `Settings::loader_delay`).
/// The response cache is off, so that the repeated query reaches the database, and the
/// version poller sleeps, so that it adds no statements to the count.
fn wide_window(settings: &mut Settings) {
    settings.loader_delay = std::time::Duration::from_millis(250);
    settings.response_cache_bytes = 0;
    settings.version_poll = std::time::Duration::from_secs(3600);
}

async fn statements_for(app: &App, query: &str) -> u64 {
    // Warm up once so that one-off work (prepared statements, first connections) is not counted.
    app.data(query).await;
    let before = app.statements.get();
    let data = app.data(query).await;
    assert!(data != Value::Null);
    app.statements.get() - before
}

on_both!(
    /// 100 organisations with their regions take as many statements as 10.
    organisations_with_regions_take_constant_statements,
    wide_window,
    |app: App| async move {
        let query = |n: u32| format!("{{ organisations(first: {n}) {{ nodes {{ name region {{ name countryCode }} successor {{ name }} }} }} }}");
        let small = statements_for(&app, &query(10)).await;
        let large = statements_for(&app, &query(100)).await;
        assert_eq!(small, large, "statements for 10 and 100 organisations");
        assert!(large <= 4, "{large} statements");
    }
);

on_both!(
    /// 100 respondents with their answers and questions take as many statements as 10.
    respondents_with_answers_take_constant_statements,
    wide_window,
    |app: App| async move {
        let app = app.as_role(hub::access::Role::Researcher).await;
        let query = |n: u32| {
            format!("{{ respondents(first: {n}) {{ totalCount nodes {{ role region {{ code }} organisation {{ name }} answers {{ value question {{ code theme }} }} }} }} }}")
        };
        let small = statements_for(&app, &query(10)).await;
        let large = statements_for(&app, &query(100)).await;
        assert_eq!(small, large, "statements for 10 and 100 respondents");
        // At most 6 to read, and 5 for access: the token and its account, and the audit
        // row of the read (the chain's lock, its last hash, the insert).
        assert!(large <= 6 + 5, "{large} statements");
    }
);

on_both!(
    /// Back-links: every region's organisations, each with its collaborations, and every
    /// theme's findings, counted and paged, take as many statements at 25 a page as at 5.
    back_links_take_constant_statements,
    wide_window,
    |app: App| async move {
        let query = |n: u32| {
            format!(
                "{{ regions {{ organisations(first: {n}) {{ totalCount nodes {{ name collaborations(first: 2) {{ totalCount nodes {{ title }} }} }} }} }} \
                 themes {{ findings(first: {n}) {{ totalCount nodes {{ quote }} }} subCodes {{ findings(first: {n}) {{ totalCount }} }} }} }}"
            )
        };
        let small = statements_for(&app, &query(5)).await;
        let large = statements_for(&app, &query(25)).await;
        assert_eq!(small, large, "statements for pages of 5 and of 25");
        // regions, themes, sub-codes; a page and a count for each of the four back-links.
        assert!(large <= 3 + 8, "{large} statements");
    }
);

on_both!(
    /// Regions and questions are read once per data version: a respondent's region and
    /// the questions of their answers cost no statement while the version stays, and
    /// are read again, with what changed, once a write makes a new version.
    regions_and_questions_are_kept_per_data_version,
    wide_window,
    |app: App| async move {
        let researcher = app.as_role(hub::access::Role::Researcher).await;
        let with = "{ respondents(first: 5) { nodes { role region { name } answers { value question { code } } } } }";
        let without = "{ respondents(first: 5) { nodes { role answers { value } } } }";
        let kept = statements_for(&researcher, with).await;
        let plain = statements_for(&researcher, without).await;
        assert_eq!(kept, plain, "statements with the regions and questions, and without");

        // Renamed behind the hub's back: the kept rows stay until the next data version.
        let rows = crate::helpers::sql_rows(
            &app,
            "SELECT r.region_id AS region, r.id AS respondent FROM respondent r ORDER BY r.id LIMIT 1",
        )
        .await;
        let region: i32 = rows[0].try_get("", "region").expect("a region id");
        let respondent: i32 = rows[0].try_get("", "respondent").expect("a respondent id");
        let renamed = "A region renamed in SQL";
        crate::helpers::sql_rows(
            &app,
            &format!("UPDATE region SET name = '{renamed}' WHERE id = {region}"),
        )
        .await;
        let name_of = |data: Value| data["respondent"]["region"]["name"].as_str().map(str::to_owned);
        let one = format!("{{ respondent(id: \"{respondent}\") {{ region {{ name }} }} }}");
        let before = name_of(researcher.data(&one).await);
        assert_ne!(before.as_deref(), Some(renamed));

        // Any write through the hub makes a new data version: the rows are read again.
        let editor = app.as_role(hub::access::Role::Admin).await;
        let data = app
            .data("{ organisations(first: 1) { nodes { id version } } }")
            .await;
        let node = &data["organisations"]["nodes"][0];
        let body = editor
            .post(
                "mutation($id: ID!, $version: String!) { updateOrganisation(id: $id, version: $version, input: { website: \"https://example.org/kept\" }) { id } }",
                serde_json::json!({ "id": node["id"], "version": node["version"] }),
            )
            .await;
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(name_of(researcher.data(&one).await).as_deref(), Some(renamed));
    }
);

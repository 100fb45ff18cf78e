//! The frames while the data changes: a reader is answered from the frames held (of the
//! previous data version, which they carry) while new ones are built; the next reader
//! after the build gets the new ones; a writer in this process waits for them.
#![expect(
    clippy::expect_used,
    reason = "the set-up fails loudly, with the reason"
)]

use std::collections::BTreeMap;

use hub::{
    access::Role,
    service::{frames::FrameCache, version::VersionWatch},
};
use serde_json::json;

use crate::helpers::{App, on_both, sql_rows};

async fn execute(db: &sea_orm::DatabaseConnection, sql: &str) {
    sea_orm::ConnectionTrait::execute_unprepared(db, sql)
        .await
        .expect(sql);
}

async fn bump(db: &sea_orm::DatabaseConnection) {
    execute(
        db,
        "UPDATE data_version SET version = version + 1 WHERE id = 1",
    )
    .await;
}

on_both!(
    /// No reader waits for a rebuild once there are frames.
    readers_get_the_previous_frames_while_new_ones_are_built,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let cache = FrameCache::new(VersionWatch::new(&db).await.expect("a watch"));
        let first = cache.get(&db).await.expect("frames").version;
        let answers = cache.get(&db).await.expect("frames").inputs.answer_count();
        assert!(answers > 0);

        bump(&db).await;
        cache.watch().refresh(&db).await.expect("the new version");
        let slot = cache.hold_builds().await;
        let during = cache.get(&db).await.expect("frames");
        assert_eq!(during.version, first, "answered from the frames held while a build runs");
        assert_eq!(during.inputs.answer_count(), answers);
        drop(slot);
        // The next reader starts the build and is answered from the frames held too;
        // once the build ends, readers get the new ones.
        assert_eq!(cache.get(&db).await.expect("frames").version, first, "no reader waits");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while cache.get(&db).await.expect("frames").version != first + 1 {
            assert!(std::time::Instant::now() < deadline, "the build never ended");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }

        // A writer waits for its frames: readers after it get them at once, even with
        // the build slot taken.
        bump(&db).await;
        cache.after_write(&db).await.expect("rebuilt");
        let slot = cache.hold_builds().await;
        assert_eq!(cache.get(&db).await.expect("frames").version, first + 2);
        drop(slot);
        db.close().await.ok();
    }
);

on_both!(
    /// Readers arriving together before any frames exist all get the first build's
    /// frames: a waiting reader holds no lock the build needs to finish (it deadlocked).
    concurrent_first_readers_all_get_the_frames,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let cache = FrameCache::new(VersionWatch::new(&db).await.expect("a watch"));
        let readers = (0..4).map(|_| cache.get(&db));
        let all = tokio::time::timeout(std::time::Duration::from_secs(60), futures_util::future::join_all(readers))
            .await
            .expect("no reader waits forever");
        for frames in all {
            assert!(frames.expect("frames").inputs.answer_count() > 0);
        }
        db.close().await.ok();
    }
);

/// PostgreSQL: the frames are read on a connection of their own, not one of the pool's,
/// which the requests share: a build holds its connection for the whole read. Built
/// here with the pool's only connection taken by an open transaction; read from the
/// pool, the build would wait for it until the pool's time-out (30 s) and fail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set HUB_TEST_POSTGRES_URL (.ci/run does)"]
async fn frames_are_read_beside_the_pool_on_postgres() {
    crate::helpers::run_configured(
        crate::helpers::Backend::Postgres,
        |_| {},
        |app: App| async move {
            let (db, _) = hub::db::connect_pooled(&app.database, Some(1))
                .await
                .expect("the database");
            let cache = FrameCache::new(VersionWatch::new(&db).await.expect("a watch"));
            let held = sea_orm::TransactionTrait::begin(&db)
                .await
                .expect("the pool's one connection");
            let built = tokio::time::timeout(std::time::Duration::from_secs(20), cache.get(&db))
                .await
                .expect("built without waiting for the pool")
                .expect("frames");
            assert!(built.inputs.answer_count() > 0);
            held.rollback().await.expect("released");
            db.close().await.ok();
        },
    )
    .await;
}

/// Active organisations in the frames' registry statistics, all countries together.
fn active_in(frames: &hub::service::frames::Frames) -> u64 {
    let rows = (frames
        .inputs
        .registry_stats(&[], hub::service::frames::today()))
    .expect("registry statistics");
    rows.iter().map(|r| r.active).sum()
}

on_both!(
    /// A new data version at the same answers version keeps the frames' answer counts
    /// and reads the other tables again; a new answers version reads the answers. The
    /// answers deleted here without bumping the answers version show which happened.
    frames_keep_their_answer_counts_until_the_answers_version_changes,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        // Unchecked: answers are deleted behind its back.
        let cache = FrameCache::unchecked(VersionWatch::new(&db).await.expect("a watch"));
        let first = cache.get(&db).await.expect("frames");
        let answers = first.inputs.answer_count();
        let active = active_in(&first);
        assert!(active > 0);

        let one = "(SELECT MIN(respondent_id) FROM answer)";
        let gone = sql_rows(&app, &format!("SELECT COUNT(*) AS n FROM answer WHERE respondent_id = {one}")).await[0]
            .try_get::<i64>("", "n")
            .expect("a count");
        assert!(gone > 0);
        execute(&db, &format!("DELETE FROM answer WHERE respondent_id = {one}")).await;
        execute(&db, "UPDATE organisation SET status = 'CLOSED', closed_year = 2020").await;
        bump(&db).await;
        cache.after_write(&db).await.expect("rebuilt");
        let kept = cache.get(&db).await.expect("frames");
        assert_eq!(kept.version, first.version + 1);
        assert_eq!(kept.answers_version, first.answers_version);
        assert_eq!(kept.inputs.answer_count(), answers, "the answer counts were kept");
        assert_eq!(active_in(&kept), 0, "the organisations were read again");

        execute(
            &db,
            "UPDATE data_version SET version = version + 1, answers_version = answers_version + 1, \
             answers_base = answers_version + 1 WHERE id = 1",
        )
        .await;
        cache.after_write(&db).await.expect("rebuilt");
        let read = cache.get(&db).await.expect("frames");
        assert_eq!(read.answers_version, first.answers_version + 1);
        assert_eq!(read.inputs.answer_count() as i64, answers as i64 - gone, "the answers were read again");
        db.close().await.ok();
    }
);

/// SU1's answers per organisation kind, in SQL.
async fn su1_by_kind_in_sql(app: &App) -> BTreeMap<String, i64> {
    let rows = sql_rows(
        app,
        "SELECT o.kind AS kind, COUNT(*) AS n FROM answer a \
         JOIN question q ON q.id = a.question_id JOIN respondent r ON r.id = a.respondent_id \
         JOIN organisation o ON o.id = r.organisation_id \
         WHERE q.code = 'SU1' AND a.value IS NOT NULL GROUP BY o.kind",
    )
    .await;
    (rows.iter())
        .map(|r| {
            (
                r.try_get("", "kind").expect("kind"),
                r.try_get("", "n").expect("n"),
            )
        })
        .collect()
}

/// SU1's answers per organisation kind, as the analytics count them (no group is small).
async fn su1_by_kind(app: &App) -> BTreeMap<String, i64> {
    let data = app
        .data(r#"{ analytics { likertDistribution(question: "SU1", by: [ORGANISATION_KIND]) { organisationKind n suppressed } } }"#)
        .await;
    let mut counts = BTreeMap::new();
    for row in data["analytics"]["likertDistribution"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let Some(kind) = row["organisationKind"].as_str() else {
            continue;
        };
        assert_eq!(row["suppressed"], false, "{row}");
        counts.insert(kind.to_owned(), row["n"].as_i64().expect("n"));
    }
    counts
}

/// The data version and the answers version, in SQL.
async fn versions(app: &App) -> (i64, i64) {
    let row = &sql_rows(
        app,
        "SELECT version, answers_version FROM data_version WHERE id = 1",
    )
    .await[0];
    (
        row.try_get("", "version").expect("version"),
        row.try_get("", "answers_version").expect("answers_version"),
    )
}

on_both!(
    /// An organisation's new website bumps the data version but not the answers
    /// version; its new kind bumps both, and its people's answers are then counted
    /// under the new kind, as SQL counts them.
    an_organisations_kind_moves_its_answers_and_its_website_does_not,
    |app: App| async move {
        let editor = app.as_role(Role::Editor).await;
        let rows = sql_rows(
            &app,
            "SELECT o.id AS id, o.kind AS kind FROM organisation o \
             JOIN region g ON g.id = o.region_id JOIN respondent r ON r.organisation_id = o.id \
             JOIN answer a ON a.respondent_id = r.id JOIN question q ON q.id = a.question_id \
             WHERE g.code = 'LV-TALSI' AND q.code = 'SU1' AND a.value IS NOT NULL \
             GROUP BY o.id, o.kind ORDER BY COUNT(*) DESC, o.id",
        )
        .await;
        let id: i32 = rows[0].try_get("", "id").expect("an organisation of Talsi whose people answered");
        let kind: String = rows[0].try_get("", "kind").expect("its kind");
        let before = su1_by_kind_in_sql(&app).await;
        assert_eq!(su1_by_kind(&app).await, before);
        let version = app.data(&format!(r#"{{ organisation(id: "{id}") {{ version }} }}"#)).await["organisation"]["version"]
            .as_str()
            .expect("a version")
            .to_owned();
        const UPDATE: &str = "mutation($id: ID!, $version: String!, $input: OrganisationInput!) {
            updateOrganisation(id: $id, version: $version, input: $input) { version } }";

        let (data, answers) = versions(&app).await;
        let body = editor
            .post(UPDATE, json!({ "id": id.to_string(), "version": version, "input": { "website": "https://example.lv/new" } }))
            .await;
        let version = body["data"]["updateOrganisation"]["version"].as_str().expect("changed").to_owned();
        assert_eq!(versions(&app).await, (data + 1, answers), "a website is beside the answers");
        assert_eq!(su1_by_kind(&app).await, before);

        let other = if kind == "NGO" { "YOUTH_ASSOCIATION" } else { "NGO" };
        let body = editor
            .post(UPDATE, json!({ "id": id.to_string(), "version": version, "input": { "kind": other } }))
            .await;
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(versions(&app).await, (data + 2, answers + 1), "a kind changes what answers are counted by");
        let after = su1_by_kind_in_sql(&app).await;
        assert_ne!(after, before);
        assert_eq!(su1_by_kind(&app).await, after);
    }
);

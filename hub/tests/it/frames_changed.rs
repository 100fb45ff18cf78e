//! Frames after an import of new or updated respondents, or an organisation's new kind:
//! the answer counts held, changed by those respondents' answers alone; after any other
//! change to the answers (here an areas file that moves a region to another country),
//! every answer counted again. Checked against a build from every answer and against
//! plain SQL, on SQLite and PostgreSQL, and the check of kept counts itself.
#![expect(
    clippy::expect_used,
    reason = "the set-up fails loudly, with the reason"
)]

use std::{collections::BTreeMap, path::Path};

use analytics::{Filter, Grouping};
use hub::{
    import::{self, Options, Outcome, Quiet},
    service::{
        frames::{FrameCache, Frames},
        version::{self, VersionWatch},
    },
};
use sea_orm::DatabaseConnection;

use crate::helpers::{App, on_both, sql_rows};

/// A LimeSurvey export of `people` new respondents of the demo survey, `from` on:
/// officials, representatives and young people in three regions, answers varied by
/// row (and by `shift`, which leaves the missing ones missing), a missing answer and
/// choices in some rows.
fn responses(
    dir: &Path,
    name: &str,
    from: usize,
    people: usize,
    shift: usize,
) -> std::path::PathBuf {
    let questions = ["SU", "RT", "PB", "CR"]
        .iter()
        .flat_map(|theme| (1..=5).map(move |n| format!("{theme}{n}")))
        .collect::<Vec<_>>();
    let mut csv = format!(
        "id;submitdate;lastpage;startlanguage;region;role;{};CH1;FT1\n",
        questions.join(";")
    );
    for i in from..from + people {
        let region = ["SE-DALARNA", "LV-TALSI", "PT-BRAGA"][i % 3];
        let role = [
            "MUNICIPAL_OFFICIAL",
            "YOUNG_PERSON",
            "MUNICIPAL_OFFICIAL",
            "YOUNG_PERSON",
        ][i % 4];
        let values: Vec<String> = (0..questions.len())
            .map(|q| match (i + q) % 7 {
                6 => String::new(),
                v => ((v + shift) % 5 + 1).to_string(),
            })
            .collect();
        let choices = ["EMAIL MEETINGS", "", "NONE", "MEETINGS"][i % 4];
        csv.push_str(&format!(
            "added-{i};2026-10-01 12:00:00;3;en;{region};{role};{};{choices};\n",
            values.join(";")
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, csv).expect("the responses are written");
    path
}

async fn import(db: &DatabaseConnection, path: &Path) -> u64 {
    match import::survey::import(db, "YC-2026", path, Options::default(), &Quiet)
        .await
        .expect("the import runs")
    {
        Outcome::Written { summary } => summary.inserted + summary.updated,
        refused => panic!("refused: {refused:?}"),
    }
}

/// One number of a SQL query's first row.
async fn number(app: &App, sql: &str) -> i64 {
    sql_rows(app, sql).await[0].try_get("", "n").expect(sql)
}

/// The answers version and its base, in SQL.
async fn counters(app: &App) -> (i64, i64) {
    let row = &sql_rows(
        app,
        "SELECT answers_version, answers_base FROM data_version WHERE id = 1",
    )
    .await[0];
    (
        row.try_get("", "answers_version").expect("answers_version"),
        row.try_get("", "answers_base").expect("answers_base"),
    )
}

/// How SU1's answers are grouped: by country, or by the kind of organisation the
/// respondent represents ("none" for none).
#[derive(Clone, Copy)]
enum By {
    Country,
    Kind,
}

/// SU1's answers per group and value, in SQL.
async fn su1_in_sql(app: &App, by: By) -> BTreeMap<(String, i64), i64> {
    let group = match by {
        By::Country => "g.country_code",
        By::Kind => "COALESCE(o.kind, 'none')",
    };
    let rows = sql_rows(
        app,
        &format!(
            "SELECT {group} AS key, CAST(a.value AS BIGINT) AS value, COUNT(*) AS n FROM answer a \
             JOIN question q ON q.id = a.question_id JOIN respondent r ON r.id = a.respondent_id \
             JOIN region g ON g.id = r.region_id LEFT JOIN organisation o ON o.id = r.organisation_id \
             WHERE q.code = 'SU1' AND a.value IS NOT NULL GROUP BY {group}, a.value"
        ),
    )
    .await;
    (rows.iter())
        .map(|r| {
            let key = (
                r.try_get("", "key").expect("key"),
                r.try_get("", "value").expect("value"),
            );
            (key, r.try_get("", "n").expect("n"))
        })
        .collect()
}

/// SU1's answers per group and value, as the frames count them (nothing suppressed).
fn su1(frames: &Frames, by: By) -> BTreeMap<(String, i64), i64> {
    let grouping = match by {
        By::Country => Grouping::Country,
        By::Kind => Grouping::OrganisationKind,
    };
    let rows = (frames.inputs)
        .likert_distribution("SU1", &[grouping], &Filter::default(), 0)
        .expect("SU1's distribution");
    let mut counts = BTreeMap::new();
    for row in rows {
        let key = match by {
            By::Country => row.keys.country.clone().expect("a country"),
            By::Kind => row
                .keys
                .organisation_kind
                .map_or("none".into(), |k| k.code().to_owned()),
        };
        for (level, n) in row.counts.expect("shown").into_iter().enumerate() {
            if n > 0 {
                counts.insert((key.clone(), level as i64 + 1), n as i64);
            }
        }
    }
    counts
}

/// The organisation of Talsi whose people answered SU1 most: its id, kind, the other
/// kind it is given, and its respondents' number.
async fn most_answered(app: &App) -> (i32, &'static str, i64) {
    let rows = sql_rows(
        app,
        "SELECT o.id AS id, o.kind AS kind, COUNT(DISTINCT r.id) AS n FROM organisation o \
         JOIN region g ON g.id = o.region_id JOIN respondent r ON r.organisation_id = o.id \
         WHERE g.code = 'LV-TALSI' GROUP BY o.id, o.kind ORDER BY COUNT(DISTINCT r.id) DESC, o.id",
    )
    .await;
    let id: i32 = rows[0]
        .try_get("", "id")
        .expect("an organisation of Talsi with respondents");
    let kind: String = rows[0].try_get("", "kind").expect("its kind");
    let people: i64 = rows[0].try_get("", "n").expect("its respondents");
    let other = if kind == "NGO" {
        "YOUTH_ASSOCIATION"
    } else {
        "NGO"
    };
    (id, other, people)
}

/// Changes the kind of [`most_answered`], through GraphQL as an editor of Talsi; its
/// respondents' number.
async fn change_a_kind(app: &App) -> i64 {
    let (id, other, people) = most_answered(app).await;
    let editor = app.as_role(hub::access::Role::Editor).await;
    let version = editor
        .data(&format!(r#"{{ organisation(id: "{id}") {{ version }} }}"#))
        .await["organisation"]["version"]
        .as_str()
        .expect("a version")
        .to_owned();
    let body = editor
        .post(
            "mutation($id: ID!, $version: String!, $input: OrganisationInput!) {
                updateOrganisation(id: $id, version: $version, input: $input) { version } }",
            serde_json::json!({ "id": id.to_string(), "version": version, "input": { "kind": other } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    people
}

/// What the frames show of every comparison the answers feed, to set two builds side
/// by side: Likert counts, theme scores (means to 1e-9: sums in another order) and
/// choice shares, by country and role.
fn shown(frames: &Frames) -> Vec<String> {
    let (inputs, by, all) = (
        &frames.inputs,
        [Grouping::Country, Grouping::Role],
        Filter::default(),
    );
    let mut shown = Vec::new();
    for row in inputs
        .likert_distribution("SU1", &by, &all, 0)
        .expect("likert")
    {
        shown.push(format!("{:?} {:?} {:?}", row.keys, row.n, row.counts));
    }
    for row in inputs.theme_scores(&by, &all, 0).expect("theme scores") {
        let mean = row.mean.map(|m| format!("{m:.9}"));
        shown.push(format!("{:?} {} {:?} {mean:?}", row.keys, row.theme, row.n));
    }
    for row in inputs.choice_shares("CH1", &by, &all, 0).expect("choices") {
        shown.push(format!("{row:?}"));
    }
    shown.push(format!("answers {}", inputs.answer_count()));
    shown
}

/// Frames built from every answer, by a cache that holds none.
async fn from_every_answer(db: &DatabaseConnection) -> Frames {
    let cache = FrameCache::new(VersionWatch::new(db).await.expect("a watch"));
    cache.get(db).await.expect("frames")
}

on_both!(
    /// An import of new or updated respondents, and an organisation's new kind, bump
    /// the answers version but not its base and mark the respondents they concern; the
    /// frames change the counts they hold by those respondents alone: the same counts
    /// as a build from every answer and as SQL. Answers deleted behind the counters'
    /// back (no bump) show that the held counts were changed, not counted again, until
    /// a change of another kind makes the frames count every answer.
    frames_change_their_counts_by_the_respondents_a_write_added_or_moved,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let dir = tempfile::tempdir().expect("a directory");
        // Unchecked: answers are deleted behind its back below.
        let cache = FrameCache::unchecked(VersionWatch::new(&db).await.expect("a watch"));
        let first = cache.get(&db).await.expect("frames");
        assert_eq!(su1(&first, By::Country), su1_in_sql(&app, By::Country).await);
        let (version, base) = counters(&app).await;

        // Two imports in a row, the second while the first one's frames are held.
        for (round, from) in [(1, 0), (2, 40)] {
            let file = responses(dir.path(), &format!("round{round}.csv"), from, 40, 0);
            assert_eq!(import(&db, &file).await, 40);
            assert_eq!(counters(&app).await, (version + round, base), "an addition keeps the base");
            let marked = number(&app, &format!("SELECT COUNT(*) AS n FROM respondent WHERE changed_in = {}", version + round)).await;
            assert_eq!(marked, 40, "the import's respondents carry its answers version");
            cache.after_write(&db).await.expect("rebuilt");
            let added = cache.get(&db).await.expect("frames");
            assert_eq!(added.answers_version, version + round);
            assert_eq!(su1(&added, By::Country), su1_in_sql(&app, By::Country).await, "round {round}");
            assert_eq!(shown(&added), shown(&from_every_answer(&db).await), "round {round}");
            assert_eq!(added.inputs.answer_count() as i64, number(&app, "SELECT COUNT(*) AS n FROM answer").await);
        }

        // An organisation's new kind: its respondents are counted under it, and only
        // under it; the base stays.
        let before = su1_in_sql(&app, By::Kind).await;
        let people = change_a_kind(&app).await;
        let (now, same_base) = counters(&app).await;
        assert_eq!((now, same_base), (version + 3, base), "a new kind keeps the base");
        let marked = number(&app, &format!("SELECT COUNT(*) AS n FROM respondent WHERE changed_in = {now}")).await;
        assert_eq!(marked, people, "the organisation's respondents carry the new answers version");
        cache.after_write(&db).await.expect("rebuilt");
        let moved = cache.get(&db).await.expect("frames");
        let after = su1_in_sql(&app, By::Kind).await;
        assert_ne!(after, before);
        assert_eq!(su1(&moved, By::Kind), after);
        assert_eq!(shown(&moved), shown(&from_every_answer(&db).await));

        // The second import's respondents with other answers: an update, whose old
        // answers are taken away (from the answers the frames keep) and new ones added.
        assert_eq!(import(&db, &responses(dir.path(), "round2.csv", 40, 40, 3)).await, 40);
        let (now, same_base) = counters(&app).await;
        assert_eq!((now, same_base), (version + 4, base), "an update keeps the base");
        cache.after_write(&db).await.expect("rebuilt");
        let updated = cache.get(&db).await.expect("frames");
        assert_ne!(su1(&updated, By::Country), su1(&moved, By::Country), "the answers changed");
        assert_eq!(su1(&updated, By::Country), su1_in_sql(&app, By::Country).await);
        assert_eq!(shown(&updated), shown(&from_every_answer(&db).await));

        // A respondent's answers deleted without a bump stay counted in the counts held.
        let one = "(SELECT MIN(respondent_id) FROM answer)";
        let gone = number(&app, &format!("SELECT COUNT(*) AS n FROM answer WHERE respondent_id = {one}")).await;
        assert!(gone > 0);
        let held = cache.get(&db).await.expect("frames").inputs.answer_count() as i64;
        sea_orm::ConnectionTrait::execute_unprepared(&db, &format!("DELETE FROM answer WHERE respondent_id = {one}"))
            .await
            .expect("deleted");
        assert_eq!(import(&db, &responses(dir.path(), "round3.csv", 80, 10, 0)).await, 10);
        cache.after_write(&db).await.expect("rebuilt");
        let added = cache.get(&db).await.expect("frames").inputs.answer_count() as i64;
        let new = number(&app, "SELECT COUNT(*) AS n FROM answer a JOIN respondent r ON r.id = a.respondent_id WHERE r.changed_in = (SELECT answers_version FROM data_version WHERE id = 1)").await;
        assert!(new > 0);
        assert_eq!(added, held + new, "only the new respondents were read");
        // The kind changed as the edit does it, but not through the app: its frames
        // check their counts against every answer, which no longer match.
        let (id, other, _) = most_answered(&app).await;
        sea_orm::ConnectionTrait::execute_unprepared(&db, &format!("UPDATE organisation SET kind = '{other}' WHERE id = {id}"))
            .await
            .expect("a new kind");
        version::bump_changing(&db, version::Changed::OfOrganisations(&[id])).await.expect("bumped");
        cache.after_write(&db).await.expect("rebuilt");
        let moved = cache.get(&db).await.expect("frames").inputs.answer_count() as i64;
        assert_eq!(moved, held + new, "only the organisation's respondents were read");

        // Anything else that changes the answers (here a bump as `version::bump` makes
        // it) makes the frames count every answer again.
        sea_orm::ConnectionTrait::execute_unprepared(
            &db,
            "UPDATE data_version SET version = version + 1, answers_version = answers_version + 1, \
             answers_base = answers_version + 1 WHERE id = 1",
        )
        .await
        .expect("bumped");
        cache.after_write(&db).await.expect("rebuilt");
        let counted = cache.get(&db).await.expect("frames");
        assert_eq!(counted.inputs.answer_count() as i64, number(&app, "SELECT COUNT(*) AS n FROM answer").await);
        assert_eq!(counted.inputs.answer_count() as i64, held + new - gone);
        assert_eq!(su1(&counted, By::Country), su1_in_sql(&app, By::Country).await);
        assert_eq!(su1(&counted, By::Kind), su1_in_sql(&app, By::Kind).await);
        db.close().await.ok();
    }
);

on_both!(
    /// In debug builds a cache checks counts it kept against a count of every answer:
    /// a write that changed answers but bumped the version as if it had not (here
    /// answers deleted, then `bump_beside_answers`) makes the build panic, naming what
    /// differs, instead of showing counts of answers that are gone.
    a_wrong_bump_is_caught_by_the_check_of_kept_counts,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let cache = FrameCache::new(VersionWatch::new(&db).await.expect("a watch"));
        let held = cache.get(&db).await.expect("frames");
        sea_orm::ConnectionTrait::execute_unprepared(
            &db,
            "DELETE FROM answer WHERE respondent_id = (SELECT MIN(respondent_id) FROM answer)",
        )
        .await
        .expect("deleted");
        version::bump_beside_answers(&db).await.expect("bumped");
        let build = tokio::spawn({
            let (cache, db) = (cache.clone(), db.clone());
            async move { cache.after_write(&db).await }
        });
        let panic = build.await.expect_err("the build panics").into_panic();
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(
            message.contains("are not those of every answer") && message.contains("answers, not"),
            "{message}"
        );
        // The frames held are still the ones answered from.
        assert_eq!(cache.get(&db).await.expect("frames").version, held.version);
        db.close().await.ok();
    }
);

on_both!(
    /// An areas file that moves a partner region to another country changes how every
    /// answer of its respondents is counted: the import moves the answers version's base,
    /// and the frames count every answer again and show the region's answers under the
    /// new country, as SQL does. (Were the counts kept, the check of kept counts would
    /// panic as well.)
    an_areas_import_that_moves_a_region_counts_every_answer_again,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let cache = FrameCache::new(VersionWatch::new(&db).await.expect("a watch"));
        let before = su1(&cache.get(&db).await.expect("frames"), By::Country);
        let (_, base) = counters(&app).await;
        let dir = tempfile::tempdir().expect("a directory");
        let file = dir.path().join("areas.csv");
        std::fs::write(
            &file,
            "code,name,kind,parent,country_code,country_name,municipalities,population,\
             population_source,population_year,languages\n\
             LV-TALSI,Talsi,REGION,,EE,,,30000,a test,2025,lv\n",
        )
        .expect("the file");
        match import::areas::import(&db, &file, Options::default(), &Quiet)
            .await
            .expect("the import runs")
        {
            Outcome::Written { summary } => assert_eq!(summary.updated, 1),
            refused => panic!("refused: {refused:?}"),
        }
        let (answers_version, new_base) = counters(&app).await;
        assert_eq!(new_base, answers_version, "the base moved");
        assert!(new_base > base);
        cache.after_write(&db).await.expect("rebuilt");
        let after = su1(&cache.get(&db).await.expect("frames"), By::Country);
        assert_eq!(after, su1_in_sql(&app, By::Country).await);
        let countries = |counts: &BTreeMap<(String, i64), i64>| {
            counts.keys().map(|(c, _)| c.clone()).collect::<std::collections::BTreeSet<_>>()
        };
        assert!(countries(&before).contains("LV") && !countries(&before).contains("EE"));
        assert!(countries(&after).contains("EE") && !countries(&after).contains("LV"));
        db.close().await.ok();
    }
);

//! The frames while the data changes: a reader is answered from the frames held (of the
//! previous data version, which they carry) while new ones are built; the next reader
//! after the build gets the new ones; a writer in this process waits for them.
#![expect(
    clippy::expect_used,
    reason = "the set-up fails loudly, with the reason"
)]

use hub::service::{frames::FrameCache, version::VersionWatch};

use crate::helpers::{App, on_both};

async fn bump(db: &sea_orm::DatabaseConnection) {
    sea_orm::ConnectionTrait::execute_unprepared(
        db,
        "UPDATE data_version SET version = version + 1 WHERE id = 1",
    )
    .await
    .expect("a new version");
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
        let after = cache.get(&db).await.expect("frames");
        assert_eq!(after.version, first + 1, "the next reader builds and gets the new ones");

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

//! The rusqlite read path of SQLite pages (`service::sqlite_read`) reads the same
//! models as sea-orm over sqlx, value for value, and counts its statements.

use hub::{
    access::{Viewer, audit},
    entity::{audit_event, finding, organisation, region, respondent},
    service::{
        model_read::ModelReader,
        page::{self, PageRequest},
        registry::{self, OrganisationOrder},
        sqlite_read, survey,
    },
};
use sea_orm::{ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};

use crate::helpers::{Backend, small_demo};

const ALL: PageRequest = PageRequest {
    limit: 100,
    offset: 0,
};

#[tokio::test]
async fn pages_read_through_rusqlite_equal_sea_orm_over_sqlx() {
    let (_fresh, db) = small_demo(Backend::Sqlite).await;
    assert!(
        sqlite_read::of(&db).is_some(),
        "a SQLite file gets a rusqlite reader"
    );

    let page =
        registry::organisations(&db, Condition::all(), OrganisationOrder::NameAsc, ALL, None)
            .await
            .expect("a page of organisations");
    let expected = organisation::Entity::find()
        .order_by(organisation::Column::NameFolded, Order::Asc)
        .order_by(organisation::Column::Id, Order::Asc)
        .limit(101)
        .all(&db)
        .await
        .expect("sea-orm reads them");
    assert!(!expected.is_empty());
    assert_eq!(page.items, expected[..expected.len().min(100)]);

    // A filter binds a string (the kind) and a page starts past an offset.
    let kind = expected[0].kind;
    let condition = Condition::all().add(organisation::Column::Kind.eq(kind));
    let request = PageRequest {
        limit: 2,
        offset: 1,
    };
    let page = registry::organisations(
        &db,
        condition.clone(),
        OrganisationOrder::NameDesc,
        request,
        None,
    )
    .await
    .expect("a filtered page");
    let expected_filtered = organisation::Entity::find()
        .filter(condition)
        .order_by(organisation::Column::NameFolded, Order::Desc)
        .order_by(organisation::Column::Id, Order::Asc)
        .offset(1)
        .limit(3)
        .all(&db)
        .await
        .expect("sea-orm reads them");
    assert_eq!(
        page.items,
        expected_filtered[..expected_filtered.len().min(2)]
    );
    assert_eq!(page.has_next, expected_filtered.len() > 2);

    let joined = registry::organisations_with_regions(
        &db,
        Condition::all(),
        OrganisationOrder::NameAsc,
        ALL,
        None,
    )
    .await
    .expect("a page with regions");
    let expected_joined = organisation::Entity::find()
        .find_also_related(region::Entity)
        .order_by(organisation::Column::NameFolded, Order::Asc)
        .order_by(organisation::Column::Id, Order::Asc)
        .limit(100)
        .all(&db)
        .await
        .expect("sea-orm reads them");
    assert!(expected_joined.iter().all(|(_, r)| r.is_some()));
    assert_eq!(joined.items, expected_joined);

    let respondents = survey::respondents(&db, Condition::all(), ALL)
        .await
        .expect("a page of respondents");
    let expected = respondent::Entity::find()
        .order_by(respondent::Column::Id, Order::Asc)
        .limit(100)
        .all(&db)
        .await
        .expect("sea-orm reads them");
    assert!(!expected.is_empty());
    assert_eq!(respondents.items, expected);

    let findings = page::fetch(
        &db,
        finding::Entity::find().order_by(finding::Column::Id, Order::Asc),
        ALL,
    )
    .await
    .expect("a page of findings");
    let expected = finding::Entity::find()
        .order_by(finding::Column::Id, Order::Asc)
        .limit(100)
        .all(&db)
        .await
        .expect("sea-orm reads them");
    assert_eq!(findings.items, expected);
}

/// Timestamps as sqlx writes them, NULLs, JSON and the statement counter.
#[tokio::test]
async fn timestamps_and_nulls_read_as_sqlx_wrote_them_and_each_read_is_counted() {
    let fresh = crate::helpers::FreshDatabase::new(Backend::Sqlite).await;
    let (db, statements) = hub::db::connect(&fresh.url).await.expect("it opens");
    hub::db::migrate(&db).await.expect("migrations run");
    for action in ["read.test", "write.test"] {
        let event = audit::Event {
            action: action.into(),
            object_type: None,
            object_id: Some("7".into()),
            details: serde_json::json!({ "n": 1 }),
        };
        audit::record(&db, &Viewer::default(), event)
            .await
            .expect("an audit event is written");
    }
    let expected = audit_event::Entity::find()
        .order_by(audit_event::Column::Id, Order::Asc)
        .all(&db)
        .await
        .expect("sea-orm reads them");
    assert_eq!(expected.len(), 2);
    let reader = sqlite_read::of(&db).expect("a rusqlite reader");
    let before = statements.get();
    let mut models = ModelReader::<audit_event::Entity>::new("");
    let read = reader
        .query(
            "SELECT * FROM audit_event ORDER BY id".into(),
            &[],
            move |row| models.read(row),
        )
        .await
        .expect("no value to bind")
        .expect("the rows read");
    assert_eq!(read, expected);
    assert_eq!(statements.get(), before + 1);

    // A column of another type than the entity's is an error naming it, not a NULL.
    let mut models = ModelReader::<audit_event::Entity>::new("");
    let error = reader
        .query(
            "SELECT id, 'not a time' AS at, account_id, account_name, token_id, role, action, \
             object_type, object_id, request_id, client, details, prev_hash, hash \
             FROM audit_event"
                .into(),
            &[],
            move |row| models.read(row),
        )
        .await
        .expect("no value to bind")
        .expect_err("a text that is not a timestamp");
    assert!(error.to_string().contains("audit_event.at"), "{error}");
}

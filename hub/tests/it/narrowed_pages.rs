//! A page of organisations with their regions whose fields read few columns selects
//! only those (`graphql::organisation::columns_read`, `model_read::narrow_pair`), and
//! its models hold placeholders in the others. Every field of an organisation and of
//! its region, asked on such a page, must equal the same field of the whole record as
//! `organisation(id)` reads it, on SQLite and PostgreSQL. The fields come from the
//! schema, so that a field added later is checked too.
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use hub::{
    entity::{organisation, region},
    service::model_read,
};
use sea_orm::{EntityTrait, Order, QueryOrder, QueryTrait};
use serde_json::Value;

use crate::helpers::{App, Backend, on_both, on_each_backend, small_demo};

/// The fields of `type_name`: each with the selection it needs (`""` for a scalar or an
/// enum, `{ __typename }` for an object), leaving out fields with required arguments.
async fn fields_of(app: &App, type_name: &str) -> Vec<(String, &'static str)> {
    let query = format!(
        r#"{{ __type(name: "{type_name}") {{ fields {{ name
            args {{ type {{ kind }} }}
            type {{ kind ofType {{ kind ofType {{ kind ofType {{ kind }} }} }} }} }} }} }}"#
    );
    let data = app.data(&query).await;
    let fields = data["__type"]["fields"]
        .as_array()
        .expect("the type's fields");
    fields
        .iter()
        .filter(|f| {
            let args = f["args"].as_array().expect("arguments");
            !args.iter().any(|a| a["type"]["kind"] == "NON_NULL")
        })
        .map(|f| {
            let mut ty = &f["type"];
            while ty["kind"] == "NON_NULL" || ty["kind"] == "LIST" {
                ty = &ty["ofType"];
            }
            let leaf = ty["kind"] == "SCALAR" || ty["kind"] == "ENUM";
            let name = f["name"].as_str().expect("a name").to_owned();
            (name, if leaf { "" } else { "{ __typename }" })
        })
        .collect()
}

/// `selection` of each organisation on a page of `filter` (50 of them), beside the same
/// selection of each as `organisation(id)` reads it. A `selection` that names no
/// region is a page without them (`registry::organisations`).
async fn page_and_records(app: &App, filter: &str, selection: &str) -> (Vec<Value>, Vec<Value>) {
    let page = app
        .data(&format!(
            "{{ organisations(first: 50{filter}) {{ nodes {{ id {selection} }} }} }}"
        ))
        .await;
    let nodes = page["organisations"]["nodes"]
        .as_array()
        .expect("nodes")
        .clone();
    assert!(!nodes.is_empty(), "no organisations for {filter:?}");
    let aliases: Vec<String> = (nodes.iter().enumerate())
        .map(|(i, node)| {
            let id = node["id"].as_str().expect("an id");
            format!("o{i}: organisation(id: \"{id}\") {{ id {selection} }}")
        })
        .collect();
    let records = app.data(&format!("{{ {} }}", aliases.join(" "))).await;
    let records = (0..nodes.len())
        .map(|i| records[format!("o{i}")].clone())
        .collect();
    (nodes, records)
}

/// A value a placeholder could be mistaken for: the field would compare equal even if
/// the page left its column out.
fn is_placeholder(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_placeholder),
    }
}

on_both!(
    /// Each field alone, on the first page and on a page of closed organisations (which
    /// have a closing year and reason).
    every_field_of_a_narrowed_page_is_the_stored_one,
    |app: App| async move {
        // Every field, those above the public's role too.
        let app = app.as_role(hub::access::Role::Admin).await;
        let mut selections: Vec<(String, String)> = (fields_of(&app, "Organisation").await)
            .into_iter()
            .filter(|(name, _)| name != "region")
            .flat_map(|(name, sub)| {
                // On a page that joins the regions and on one that does not.
                [
                    (name.clone(), format!("{name} {sub}")),
                    (format!("{name} with the region"), format!("region {{ code }} {name} {sub}")),
                ]
            })
            .collect();
        for (name, sub) in fields_of(&app, "Region").await {
            selections.push((format!("region.{name}"), format!("region {{ {name} {sub} }}")));
        }
        assert!(selections.len() > 40, "{selections:?}");
        let mut told = Vec::new();
        for (name, selection) in &selections {
            let mut values = Vec::new();
            for filter in ["", ", filter: { status: CLOSED }"] {
                let (page, records) = page_and_records(&app, filter, selection).await;
                assert_eq!(page, records, "{name} on the page {filter:?}");
                // The field's own value, without the id and the region's code.
                values.extend(records.iter().map(|record| match name.split_once('.') {
                    Some((_, field)) => record["region"][field].clone(),
                    None => record[name.trim_end_matches(" with the region")].clone(),
                }));
            }
            if values.iter().all(is_placeholder) {
                told.push(name.as_str());
            }
        }
        // A field whose stored values all look like placeholders proves nothing: only
        // these have none in the demo's first pages.
        assert!(told.len() <= 6, "fields without a value to compare: {told:?}");
    }
);

async fn a_narrowed_statement_reads_placeholders(backend: Backend) {
    let (_fresh, db) = small_demo(backend).await;
    use organisation::Column as O;
    use region::Column as R;
    let query = || {
        organisation::Entity::find()
            .find_also_related(region::Entity)
            .order_by(O::Id, Order::Asc)
    };
    let statement = |q: sea_orm::SelectTwo<_, _>| db.get_database_backend().build(&q.into_query());
    let whole = model_read::query_rows(
        &db,
        statement(query()),
        model_read::pair_reader::<organisation::Entity, region::Entity>(),
    )
    .await
    .expect("whole rows");
    let mut narrowed = query();
    model_read::narrow_pair::<organisation::Entity, region::Entity>(
        QueryTrait::query(&mut narrowed),
        &[O::Id, O::Name, O::RegionId, O::Kind, O::Status, O::Website],
        &[R::Id, R::Code, R::Name, R::CountryCode],
    );
    let read = model_read::partial_pair_reader::<organisation::Entity, region::Entity>();
    let narrowed = model_read::query_rows(&db, statement(narrowed), read)
        .await
        .expect("narrowed rows");
    assert_eq!(whole.len(), narrowed.len());
    assert!(
        whole
            .iter()
            .any(|(o, _)| !o.fields_of_activity.as_array().is_some_and(Vec::is_empty))
    );
    for ((o, r), (no, nr)) in whole.iter().zip(&narrowed) {
        let (r, nr) = (
            r.as_ref().expect("a region"),
            nr.as_ref().expect("a region"),
        );
        // What was selected is the record's ...
        assert_eq!(
            (o.id, &o.name, o.region_id, o.kind, o.status),
            (no.id, &no.name, no.region_id, no.kind, no.status)
        );
        assert_eq!(o.website, no.website);
        assert_eq!(
            (r.id, &r.code, &r.name, &r.country_code),
            (nr.id, &nr.code, &nr.name, &nr.country_code)
        );
        // ... and the rest placeholders: NULL, "", 0, JSON null.
        assert_eq!(
            (no.founded_year, &no.source, &no.fields_of_activity),
            (None, &None, &Value::Null)
        );
        assert_eq!(no.name_folded, "");
        assert_eq!(
            (nr.population, nr.municipalities, &nr.languages),
            (0, 0, &Value::Null)
        );
    }
}

on_each_backend!(a_narrowed_statement_reads_placeholders);

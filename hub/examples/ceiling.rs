//! The ceiling for the GraphQL benchmark: a plain poem endpoint that returns a fixed JSON
//! body, on the same runtime and server as the hub. `bench/graphql.sh` runs it.

use poem::{Route, Server, handler, listener::TcpListener, post, web::Json};

#[handler]
fn fixed() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "data": { "ok": true } }))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let bind = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8099".to_owned());
    let app = Route::new().at("/graphql", post(fixed).get(fixed));
    println!("ceiling listening on http://{bind}/graphql");
    Server::new(TcpListener::bind(bind)).run(app).await
}

//! Integration tests: the real server on port 0, spoken to over HTTP, on SQLite and (when
//! `HUB_TEST_POSTGRES_URL` is set) on PostgreSQL, each test with its own new database.

mod access;
mod access_routes;
mod accessibility;
mod analytics;
mod areas;
mod backlinks;
mod browser;
mod chart_sql;
mod cli;
mod country_sheet;
mod dashboard;
mod editing;
mod editing_forms;
mod editing_records;
mod errors;
mod export;
mod forms;
mod frames;
mod graphql_http;
mod guidance;
mod helpers;
mod import;
mod limits;
mod links_desk;
mod loaders;
mod model_read;
mod own_data;
mod queries;
mod registry_links;
mod roundtrip;
mod schema;
mod sqlite_read;
mod theme_page;
mod uploads;
mod waves;

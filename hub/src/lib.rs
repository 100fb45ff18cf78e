//! The youth-collaboration data hub: database, services, GraphQL API, HTTP server and
//! the commands of the `hub` binary.

pub mod access;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod entity;
pub mod error;
pub mod export;
pub mod graphql;
pub mod import;
pub mod server;
pub mod service;

pub use error::{Error, Result};

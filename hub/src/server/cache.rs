//! A cache of whole GraphQL responses for the current data version. The data changes
//! only through writes, which bump the version, so an answer stays right until then;
//! a new version empties the cache. Only responses without errors are kept.

use std::{collections::HashMap, sync::RwLock};

use crate::service::version::VersionWatch;

/// Response bodies by request, for one data version.
#[derive(Debug)]
pub struct ResponseCache {
    watch: VersionWatch,
    max_bytes: usize,
    inner: RwLock<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    version: i64,
    bytes: usize,
    bodies: HashMap<String, bytes::Bytes>,
}

impl ResponseCache {
    /// A cache that holds at most `max_bytes` of bodies (0 turns it off).
    pub fn new(watch: VersionWatch, max_bytes: usize) -> Self {
        Self {
            watch,
            max_bytes,
            inner: RwLock::default(),
        }
    }

    /// The key of a request: who may see what, its query, operation and variables.
    /// `scope` separates viewers who may see different things (their role and regions):
    /// no answer made for one is served to another.
    pub fn key(request: &async_graphql::Request, scope: &str) -> Option<String> {
        let variables = serde_json::to_string(&request.variables).ok()?;
        Some(format!(
            "{scope}\u{0}{}\u{0}{}\u{0}{variables}",
            request.query,
            request.operation_name.as_deref().unwrap_or("")
        ))
    }

    /// The data version requests are answered for now.
    pub fn version(&self) -> i64 {
        self.watch.get()
    }

    /// The stored body for `key`, if it was made for the current data version.
    pub fn get(&self, key: &str) -> Option<bytes::Bytes> {
        if self.max_bytes == 0 {
            return None;
        }
        let entries = self.inner.read().ok()?;
        (entries.version == self.watch.get())
            .then(|| entries.bodies.get(key).cloned())
            .flatten()
    }

    /// Stores `body` for `key` if it was made for the data version still current.
    pub fn put(&self, key: String, body: bytes::Bytes, made_for: i64) {
        if self.max_bytes == 0 || body.len() > self.max_bytes / 4 || made_for != self.watch.get() {
            return;
        }
        let Ok(mut entries) = self.inner.write() else {
            return;
        };
        if entries.version != made_for || entries.bytes + body.len() + key.len() > self.max_bytes {
            // A new version, or full: start over rather than track ages.
            *entries = Entries {
                version: made_for,
                ..Entries::default()
            };
        }
        entries.bytes += body.len() + key.len();
        entries.bodies.insert(key, body);
    }
}

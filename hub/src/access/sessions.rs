//! Signing in to the dashboard: a password checked against its Argon2id hash opens a
//! server-side session whose cookie secret is stored as a SHA-256; each session has a
//! CSRF token that its forms carry; repeated failures are slowed per account and per
//! address. Sign-ins and failed sign-ins are audited.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::Utc;
use rand::TryRngCore;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{
    Viewer,
    accounts::{Account, password_matches},
    audit::{self, Event, hex},
};
use crate::{
    entity::{account, session},
    error::{Error, Result},
};

/// The session cookie's name.
pub const COOKIE: &str = "hub_session";
/// The cookie that carries the sign-in form's CSRF token before there is a session.
pub const FORM_COOKIE: &str = "hub_form";
/// How long a session lasts.
pub const LIFETIME: chrono::Duration = chrono::Duration::hours(8);

/// A random secret, URL-safe.
pub fn secret() -> Result<String> {
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| Error::Config(format!("no randomness from the operating system: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

pub(crate) fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// A session as the pages need it.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who is signed in.
    pub viewer: Viewer,
    /// The token its forms carry.
    pub csrf: String,
}

/// A hash to check a password against when the account does not exist, so that the
/// answer takes as long as for an existing one.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    super::accounts::hash_password("no account has this password").unwrap_or_default()
});

/// Checks `name` and `password`; on success opens a session and returns its cookie
/// secret. Both outcomes are audited, the failure with the name tried.
pub async fn sign_in(
    db: &DatabaseConnection,
    name: &str,
    password: &str,
    client: Option<String>,
) -> Result<Option<(String, Session)>> {
    let found = account::Entity::find()
        .filter(account::Column::Name.eq(name))
        .one(db)
        .await?;
    let hash = found
        .as_ref()
        .map_or_else(|| DUMMY_HASH.clone(), |a| a.password_hash.clone());
    let password = password.to_owned();
    let matches = crate::service::blocking(move || Ok(password_matches(&hash, &password))).await?;
    let anonymous = Viewer {
        client: client.clone(),
        ..Viewer::public()
    };
    let account = match found {
        Some(account) if matches && !account.disabled => account,
        found => {
            let viewer = Viewer {
                account: Some((
                    found.as_ref().map_or(0, |a| a.id),
                    name.chars().take(64).collect(),
                )),
                ..anonymous
            };
            audit::record(
                db,
                &viewer,
                Event::new(
                    "sign_in.failed",
                    "account",
                    name.chars().take(64).collect::<String>(),
                    json!({}),
                ),
            )
            .await?;
            return Ok(None);
        }
    };
    let listed = Account::try_from(&account)?;
    let viewer = Viewer {
        account: Some((listed.id, listed.name.clone())),
        token_id: None,
        role: listed.role,
        regions: listed.regions,
        client,
        request_id: None,
    };
    let cookie = secret()?;
    let csrf = secret()?;
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    session::Entity::insert(session::ActiveModel {
        id: Set(digest(&cookie)),
        account_id: Set(account.id),
        csrf: Set(csrf.clone()),
        created_at: Set(now),
        expires_at: Set(now + LIFETIME),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::append(
        &txn,
        &viewer,
        Event::new("sign_in", "account", account.id, json!({})),
    )
    .await?;
    txn.commit().await?;
    Ok(Some((cookie, Session { viewer, csrf })))
}

/// The session of a cookie secret, if it is open, unexpired and its account enabled.
pub async fn find(db: &DatabaseConnection, cookie: &str) -> Result<Option<Session>> {
    let Some(found) = session::Entity::find_by_id(digest(cookie)).one(db).await? else {
        return Ok(None);
    };
    if found.expires_at <= Utc::now() {
        return Ok(None);
    }
    let Some(owner) = account::Entity::find_by_id(found.account_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if owner.disabled {
        return Ok(None);
    }
    let listed = Account::try_from(&owner)?;
    Ok(Some(Session {
        viewer: Viewer {
            account: Some((listed.id, listed.name)),
            token_id: None,
            role: listed.role,
            regions: listed.regions,
            client: None,
            request_id: None,
        },
        csrf: found.csrf,
    }))
}

/// Ends the session of a cookie secret.
pub async fn sign_out(db: &DatabaseConnection, cookie: &str) -> Result<()> {
    session::Entity::delete_by_id(digest(cookie))
        .exec(db)
        .await?;
    Ok(())
}

/// Failed sign-ins per account name and per client address: after `FREE` failures in a
/// row, each further attempt must wait, twice as long each time (1 s, 2 s, 4 s ... at
/// most 15 minutes); a success clears the account's count.
#[derive(Debug, Default)]
pub struct Throttle(Mutex<HashMap<String, (u32, Instant)>>);

/// Failures allowed before attempts are slowed.
pub const FREE: u32 = 5;

impl Throttle {
    /// How long the attempt for these keys must still wait, if at all.
    pub fn wait(&self, keys: &[String]) -> Option<Duration> {
        let map = self.0.lock().ok()?;
        let now = Instant::now();
        keys.iter()
            .filter_map(|k| map.get(k))
            .filter(|(failures, _)| *failures >= FREE)
            .filter_map(|(failures, last)| {
                let delay = Duration::from_secs(1 << (failures - FREE).min(10))
                    .min(Duration::from_secs(900));
                (*last + delay).checked_duration_since(now)
            })
            .max()
    }

    /// Counts a failure for each key.
    pub fn failed(&self, keys: &[String]) {
        if let Ok(mut map) = self.0.lock() {
            let now = Instant::now();
            if map.len() > 100_000 {
                // A flood of names: forget the oldest half rather than grow without end.
                let mut ages: Vec<Instant> = map.values().map(|(_, at)| *at).collect();
                ages.sort_unstable();
                let cut = ages[ages.len() / 2];
                map.retain(|_, (_, at)| *at > cut);
            }
            for key in keys {
                let entry = map.entry(key.clone()).or_insert((0, now));
                entry.0 = entry.0.saturating_add(1);
                entry.1 = now;
            }
        }
    }

    /// Clears the counts of these keys.
    pub fn succeeded(&self, keys: &[String]) {
        if let Ok(mut map) = self.0.lock() {
            for key in keys {
                map.remove(key);
            }
        }
    }
}

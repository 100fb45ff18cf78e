//! API tokens of accounts: made (shown once, only the SHA-256 kept), listed, revoked,
//! and a caller known by its bearer token.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use rand::TryRngCore;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{
    Viewer,
    accounts::{Account, find},
    audit::{self, Event, hex},
};
use crate::{
    db,
    entity::{account, api_token},
    error::{Error, Result},
};

/// What every token starts with, so that a leaked one is recognisable.
pub const TOKEN_PREFIX: &str = "hub_";
/// How long after its last use a token's use is recorded again (not on every request).
const LAST_USED_GRANULARITY: Duration = Duration::seconds(60);

/// SHA-256 of a token, hex: what is stored and looked up.
fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A token as listed: never the token itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Its id (to revoke it).
    pub id: i32,
    /// Its account's name.
    pub account: String,
    /// Its label.
    pub label: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
    /// When it was last used (to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Makes a token for the account `name`; returns the token (shown once: only its hash is
/// kept) and its id.
pub async fn create_token(
    db: &DatabaseConnection,
    by: &Viewer,
    name: &str,
    label: &str,
    expires_in: Option<Duration>,
) -> Result<(String, i32)> {
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| Error::Config(format!("no randomness from the operating system: {e}")))?;
    let token = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let owner = find(&txn, name).await?;
    let label = if label.trim().is_empty() {
        "token"
    } else {
        label.trim()
    };
    let model = api_token::ActiveModel {
        id: NotSet,
        account_id: Set(owner.id),
        label: Set(label.to_owned()),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(expires_in.map(|d| now + d)),
        revoked_at: Set(None),
        last_used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        by,
        Event::new(
            "token.create",
            "api_token",
            model.id,
            json!({ "account": owner.name, "label": label, "expires_at": model.expires_at }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok((token, model.id))
}

/// The tokens of the account `name`, or of every account.
pub async fn list_tokens(db: &DatabaseConnection, name: Option<&str>) -> Result<Vec<Token>> {
    let accounts = account::Entity::find().all(db).await?;
    let owner_of = |id: i32| {
        accounts
            .iter()
            .find(|a| a.id == id)
            .map_or_else(String::new, |a| a.name.clone())
    };
    let mut select = api_token::Entity::find().order_by_asc(api_token::Column::Id);
    if let Some(name) = name {
        select = select.filter(api_token::Column::AccountId.eq(find(db, name).await?.id));
    }
    Ok(select
        .all(db)
        .await?
        .into_iter()
        .map(|t| Token {
            id: t.id,
            account: owner_of(t.account_id),
            label: t.label,
            created_at: t.created_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
            last_used_at: t.last_used_at,
        })
        .collect())
}

/// Revokes a token: refused from the next request on.
pub async fn revoke_token(db: &DatabaseConnection, by: &Viewer, id: i32) -> Result<()> {
    let txn = db::begin_write(db).await?;
    let token = api_token::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| Error::not_found("token", id.to_string()))?;
    if token.revoked_at.is_none() {
        let mut active: api_token::ActiveModel = token.clone().into();
        active.revoked_at = Set(Some(Utc::now()));
        active.update(&txn).await?;
        // Hubs that checked the token lately drop it when they see the new version.
        crate::service::version::bump_beside_answers(&txn).await?;
        audit::append(
            &txn,
            by,
            Event::new(
                "token.revoke",
                "api_token",
                id,
                json!({ "label": token.label }),
            ),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Why a token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// No such token.
    Unknown,
    /// Past its expiry.
    Expired,
    /// Revoked.
    Revoked,
    /// Its account is disabled.
    Disabled,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refused::Unknown => "the token is not known",
            Refused::Expired => "the token has expired",
            Refused::Revoked => "the token has been revoked",
            Refused::Disabled => "the token's account is disabled",
        })
    }
}

/// Tokens checked lately, so that a client sending many requests does not cost a
/// statement each: an entry holds while the data version is the one read before the
/// check and for at most `LAST_USED_GRANULARITY`, and never past the token's expiry.
/// Revoking a token, disabling an account or changing its role bumps the data version,
/// which every hub process sees within its `version_poll` (BENCHMARKS.md,
/// "Fields in turn, ...").
#[derive(Debug, Default)]
pub struct TokenCache {
    checked: std::sync::Mutex<std::collections::HashMap<String, Checked>>,
}

#[derive(Debug, Clone)]
struct Checked {
    viewer: Viewer,
    expires_at: Option<DateTime<Utc>>,
    version: i64,
    at: std::time::Instant,
}

/// The most tokens a `TokenCache` keeps; when full, it starts again empty.
const MAX_CHECKED: usize = 10_000;

impl TokenCache {
    /// The viewer `token` stands for, or why it is refused, with the data version at
    /// `version` now: from the cache when it was checked at this version lately, from
    /// the database otherwise (`check`). Only accepted tokens are kept.
    pub async fn viewer(
        &self,
        db: &DatabaseConnection,
        token: &str,
        version: i64,
    ) -> Result<std::result::Result<Viewer, Refused>> {
        let hash = token_hash(token.trim());
        if let Some(viewer) = self.fresh(&hash, version) {
            return Ok(viewer);
        }
        let (checked, expires_at) = match check(db, &hash).await? {
            Ok(found) => found,
            Err(refused) => return Ok(Err(refused)),
        };
        if let Ok(mut entries) = self.checked.lock() {
            if entries.len() >= MAX_CHECKED {
                entries.clear();
            }
            let at = std::time::Instant::now();
            let viewer = checked.clone();
            entries.insert(
                hash,
                Checked {
                    viewer,
                    expires_at,
                    version,
                    at,
                },
            );
        }
        Ok(Ok(checked))
    }

    fn fresh(&self, hash: &str, version: i64) -> Option<std::result::Result<Viewer, Refused>> {
        let entries = self.checked.lock().ok()?;
        let entry = entries.get(hash)?;
        let recent = entry.at.elapsed() < LAST_USED_GRANULARITY.to_std().unwrap_or_default();
        if entry.version != version || !recent {
            return None;
        }
        if entry.expires_at.is_some_and(|at| at <= Utc::now()) {
            return Some(Err(Refused::Expired));
        }
        Some(Ok(entry.viewer.clone()))
    }
}

/// The viewer of the token whose hash is `hash`, with the token's expiry, or why it is
/// refused; records its use.
async fn check(
    db: &DatabaseConnection,
    hash: &str,
) -> Result<std::result::Result<(Viewer, Option<DateTime<Utc>>), Refused>> {
    let select = (api_token::Entity::find())
        .find_also_related(account::Entity)
        .filter(api_token::Column::TokenHash.eq(hash));
    let Some((found, owner)) = crate::service::model_read::one_pair(db, select).await? else {
        return Ok(Err(Refused::Unknown));
    };
    let now = Utc::now();
    if found.revoked_at.is_some() {
        return Ok(Err(Refused::Revoked));
    }
    if found.expires_at.is_some_and(|at| at <= now) {
        return Ok(Err(Refused::Expired));
    }
    let Some(owner) = owner else {
        return Ok(Err(Refused::Unknown));
    };
    if owner.disabled {
        return Ok(Err(Refused::Disabled));
    }
    if found
        .last_used_at
        .is_none_or(|at| now - at >= LAST_USED_GRANULARITY)
    {
        // Not a change of the data: no version bump, and no audit row per request.
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::LastUsedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(api_token::Column::Id.eq(found.id))
            .exec(db)
            .await?;
    }
    let account = Account::try_from(&owner)?;
    let viewer = Viewer {
        account: Some((account.id, account.name)),
        token_id: Some(found.id),
        role: account.role,
        regions: account.regions,
        client: None,
        request_id: None,
    };
    Ok(Ok((viewer, found.expires_at)))
}

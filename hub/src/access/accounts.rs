//! Accounts and API tokens: adding, listing, disabling and re-roling accounts, making
//! and revoking tokens, and knowing a caller by its token. Passwords are stored as
//! Argon2id hashes, tokens as SHA-256 hashes; every change is audited in its own
//! transaction.

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
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
    Role, Viewer,
    audit::{self, Event, hex},
};
use crate::{
    db,
    entity::{account, api_token, region},
    error::{Error, Result},
};

/// The shortest password accepted (OWASP's minimum for passwords without other rules).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// What every token starts with, so that a leaked one is recognisable.
pub const TOKEN_PREFIX: &str = "hub_";
/// How long after its last use a token's use is recorded again (not on every request).
const LAST_USED_GRANULARITY: Duration = Duration::seconds(60);

/// An account as listed: no password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its id.
    pub id: i32,
    /// Sign-in name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// The regions an editor writes.
    pub regions: Vec<String>,
    /// Whether it is disabled.
    pub disabled: bool,
}

impl TryFrom<&account::Model> for Account {
    type Error = Error;

    fn try_from(m: &account::Model) -> Result<Self> {
        Ok(Self {
            id: m.id,
            name: m.name.clone(),
            role: Role::parse("role", &m.role)?,
            regions: serde_json::from_str(&m.regions)?,
            disabled: m.disabled,
        })
    }
}

/// Argon2id (the crate's defaults: 19 MiB, 2 passes) of `password`, with a random salt.
pub(super) fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Config(format!("cannot hash the password: {e}")))
}

/// Whether `password` matches the stored `hash`.
pub fn password_matches(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

fn check_password(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Error::bad_input(
            "password",
            format!("has {chars} characters; at least {MIN_PASSWORD_CHARS} are needed"),
        ));
    }
    Ok(())
}

fn check_name(name: &str) -> Result<()> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'));
    if valid {
        Ok(())
    } else {
        Err(Error::bad_input(
            "name",
            format!(
                "{name:?} is not a valid account name: 1 to 64 letters, digits, '.', '-', '_' or '@'"
            ),
        ))
    }
}

/// Checks the role and regions of an account: no account is `PUBLIC`; an editor has at
/// least one region, the others none; every region exists. Returns the codes, upper-case.
async fn check_scope(
    db: &DatabaseConnection,
    role: Role,
    regions: &[String],
) -> Result<Vec<String>> {
    if role == Role::Public {
        return Err(Error::bad_input(
            "role",
            "PUBLIC needs no account; valid: PARTNER, RESEARCHER, EDITOR, ADMIN",
        ));
    }
    let codes: Vec<String> = regions
        .iter()
        .map(|r| r.trim().to_ascii_uppercase())
        .collect();
    if role == Role::Editor && codes.is_empty() {
        return Err(Error::bad_input(
            "region",
            "an editor writes for one or more regions: give --region CODE",
        ));
    }
    if role != Role::Editor && !codes.is_empty() {
        return Err(Error::bad_input(
            "region",
            format!("only editors have regions; a {role} reads every region"),
        ));
    }
    let known: Vec<String> = region::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    if let Some(unknown) = codes.iter().find(|c| !known.contains(c)) {
        return Err(Error::bad_input(
            "region",
            format!("unknown region {unknown:?}; valid: {}", known.join(", ")),
        ));
    }
    Ok(codes)
}

async fn find(db: &impl sea_orm::ConnectionTrait, name: &str) -> Result<account::Model> {
    account::Entity::find()
        .filter(account::Column::Name.eq(name))
        .one(db)
        .await?
        .ok_or_else(|| Error::not_found("account", name))
}

/// Adds an account; `by` is who adds it (the command line's viewer).
pub async fn add(
    db: &DatabaseConnection,
    by: &Viewer,
    name: &str,
    role: Role,
    regions: &[String],
    password: &str,
) -> Result<Account> {
    check_name(name)?;
    check_password(password)?;
    let regions = check_scope(db, role, regions).await?;
    let hash = {
        let password = password.to_owned();
        crate::service::blocking(move || hash_password(&password)).await?
    };
    let txn = db::begin_write(db).await?;
    if account::Entity::find()
        .filter(account::Column::Name.eq(name))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(Error::bad_input(
            "name",
            format!("an account {name:?} exists already"),
        ));
    }
    let model = account::ActiveModel {
        id: NotSet,
        name: Set(name.to_owned()),
        role: Set(role.code().to_owned()),
        regions: Set(serde_json::to_string(&regions)?),
        password_hash: Set(hash),
        disabled: Set(false),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        by,
        Event::new(
            "account.add",
            "account",
            model.id,
            json!({ "after": { "name": name, "role": role.code(), "regions": regions } }),
        ),
    )
    .await?;
    txn.commit().await?;
    Account::try_from(&model)
}

/// Every account, by name.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<Account>> {
    account::Entity::find()
        .order_by_asc(account::Column::Name)
        .all(db)
        .await?
        .iter()
        .map(Account::try_from)
        .collect()
}

/// Changes an account's role and regions.
pub async fn set_role(
    db: &DatabaseConnection,
    by: &Viewer,
    name: &str,
    role: Role,
    regions: &[String],
) -> Result<Account> {
    let regions = check_scope(db, role, regions).await?;
    let txn = db::begin_write(db).await?;
    let before = find(&txn, name).await?;
    let mut active: account::ActiveModel = before.clone().into();
    active.role = Set(role.code().to_owned());
    active.regions = Set(serde_json::to_string(&regions)?);
    let after = active.update(&txn).await?;
    audit::append(
        &txn,
        by,
        Event::new(
            "account.set_role",
            "account",
            after.id,
            json!({
                "before": { "role": before.role, "regions": serde_json::from_str::<serde_json::Value>(&before.regions)? },
                "after": { "role": role.code(), "regions": regions },
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Account::try_from(&after)
}

/// Disables an account (or enables it again): a disabled account's tokens stop working
/// at once.
pub async fn set_disabled(
    db: &DatabaseConnection,
    by: &Viewer,
    name: &str,
    disabled: bool,
) -> Result<Account> {
    let txn = db::begin_write(db).await?;
    let before = find(&txn, name).await?;
    let mut active: account::ActiveModel = before.clone().into();
    active.disabled = Set(disabled);
    let after = active.update(&txn).await?;
    audit::append(
        &txn,
        by,
        Event::new(
            if disabled {
                "account.disable"
            } else {
                "account.enable"
            },
            "account",
            after.id,
            json!({ "before": { "disabled": before.disabled }, "after": { "disabled": disabled } }),
        ),
    )
    .await?;
    txn.commit().await?;
    Account::try_from(&after)
}

/// Sets a new password.
pub async fn reset_password(
    db: &DatabaseConnection,
    by: &Viewer,
    name: &str,
    password: &str,
) -> Result<()> {
    check_password(password)?;
    let hash = {
        let password = password.to_owned();
        crate::service::blocking(move || hash_password(&password)).await?
    };
    let txn = db::begin_write(db).await?;
    let before = find(&txn, name).await?;
    let mut active: account::ActiveModel = before.clone().into();
    active.password_hash = Set(hash);
    active.update(&txn).await?;
    audit::append(
        &txn,
        by,
        Event::new("account.reset_password", "account", before.id, json!({})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

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

/// The viewer a bearer token stands for, or why it is refused; records its use.
pub async fn by_token(
    db: &DatabaseConnection,
    token: &str,
) -> Result<std::result::Result<Viewer, Refused>> {
    let Some(found) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash(token.trim())))
        .one(db)
        .await?
    else {
        return Ok(Err(Refused::Unknown));
    };
    let now = Utc::now();
    if found.revoked_at.is_some() {
        return Ok(Err(Refused::Revoked));
    }
    if found.expires_at.is_some_and(|at| at <= now) {
        return Ok(Err(Refused::Expired));
    }
    let Some(owner) = account::Entity::find_by_id(found.account_id)
        .one(db)
        .await?
    else {
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
    Ok(Ok(Viewer {
        account: Some((account.id, account.name)),
        token_id: Some(found.id),
        role: account.role,
        regions: account.regions,
        client: None,
        request_id: None,
    }))
}

/// The viewer of the command line: the operator of the server, acting as admin.
pub fn operator() -> Viewer {
    Viewer {
        account: None,
        token_id: None,
        role: Role::Admin,
        regions: Vec::new(),
        client: Some("cli".into()),
        request_id: None,
    }
}

/// One account per role for the synthetic demo, with random passwords: their names,
/// roles and passwords, to be shown once. Only for a database the demo just filled.
pub async fn demo_accounts(db: &DatabaseConnection) -> Result<Vec<(String, Role, String)>> {
    let by = operator();
    let first_region = region::Entity::find()
        .order_by_asc(region::Column::Code)
        .one(db)
        .await?
        .map(|r| r.code)
        .into_iter()
        .collect::<Vec<_>>();
    let mut made = Vec::new();
    for role in [Role::Partner, Role::Researcher, Role::Editor, Role::Admin] {
        let name = format!("demo-{}", role.code().to_lowercase());
        let regions = if role == Role::Editor {
            first_region.clone()
        } else {
            Vec::new()
        };
        let password: String = super::sessions::secret()?.chars().take(16).collect();
        add(db, &by, &name, role, &regions, &password).await?;
        made.push((name, role, password));
    }
    Ok(made)
}

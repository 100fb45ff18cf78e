//! Accounts: adding, listing, disabling and re-roling them, and their passwords, stored
//! as Argon2id hashes; every change is audited in its own transaction. API tokens are in
//! [`super::tokens`] (re-exported here).

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;

use super::{
    Role, Viewer,
    audit::{self, Event},
};
use crate::{
    db,
    entity::{account, region},
    error::{Error, Result},
};

/// The shortest password accepted (OWASP's minimum for passwords without other rules).
pub const MIN_PASSWORD_CHARS: usize = 12;
pub use super::tokens::{
    Refused, TOKEN_PREFIX, Token, TokenCache, create_token, list_tokens, revoke_token,
};

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

pub(super) async fn find(db: &impl sea_orm::ConnectionTrait, name: &str) -> Result<account::Model> {
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
    // Hubs that checked the account's tokens lately drop them when they see the new
    // version (`tokens::TokenCache`).
    crate::service::version::bump_beside_answers(&txn).await?;
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
    // Hubs that checked the account's tokens lately drop them when they see the new
    // version (`tokens::TokenCache`).
    crate::service::version::bump_beside_answers(&txn).await?;
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

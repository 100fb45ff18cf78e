//! The self-kept registry: private links with which a listed organisation confirms its
//! own entry without an account. Each link is an unguessable secret scoped to one
//! organisation (only its SHA-256 is stored), expires, and can be withdrawn.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, sea_query::Expr,
};
use serde_json::json;

use crate::{
    access::{
        Role, Viewer,
        audit::{self, Event},
        sessions::{digest, secret},
    },
    domain::OrganisationStatus,
    entity::{organisation, region, registry_link},
    error::{Error, Result},
    service::version,
};

mod proposals;

pub use proposals::{PROPOSABLE, Pending, decide, decide_edited, pending, propose};

/// A link made for one organisation: the secret is shown once, here.
#[derive(Debug, Clone)]
pub struct NewLink {
    /// The organisation.
    pub organisation: organisation::Model,
    /// The link's secret, the last part of its URL.
    pub secret: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// What a link leads to.
#[derive(Debug, Clone)]
pub enum Opened {
    /// A working link and its organisation.
    Valid(Box<(registry_link::Model, organisation::Model)>),
    /// A link past its expiry.
    Expired,
    /// A withdrawn link.
    Revoked,
    /// No such link.
    Unknown,
}

/// Makes a link for every organisation of `region_code` that is not closed (an editor
/// of that region, or an admin), valid for `lifetime`; one audit event records them.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    region_code: &str,
    lifetime: chrono::Duration,
) -> Result<Vec<NewLink>> {
    let region = region::Entity::find()
        .filter(region::Column::Code.eq(region_code.trim().to_ascii_uppercase()))
        .one(db)
        .await?
        .ok_or_else(|| Error::bad_input("region", format!("unknown region {region_code:?}")))?;
    super::edit::check_scope(db, viewer, region.id, "region").await?;
    let organisations = organisation::Entity::find()
        .filter(organisation::Column::RegionId.eq(region.id))
        .filter(organisation::Column::Status.ne(OrganisationStatus::Closed))
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?;
    let now = Utc::now();
    let expires_at = now + lifetime;
    let created_by = viewer.account.as_ref().map(|(_, name)| name.clone());
    let txn = crate::db::begin_write(db).await?;
    let mut made = Vec::with_capacity(organisations.len());
    for o in organisations {
        let secret = secret()?;
        registry_link::ActiveModel {
            id: NotSet,
            organisation_id: sea_orm::ActiveValue::Set(o.id),
            token_hash: sea_orm::ActiveValue::Set(digest(&secret)),
            created_by: sea_orm::ActiveValue::Set(created_by.clone()),
            created_at: sea_orm::ActiveValue::Set(now),
            expires_at: sea_orm::ActiveValue::Set(expires_at),
            revoked_at: sea_orm::ActiveValue::Set(None),
            opened_at: sea_orm::ActiveValue::Set(None),
            answered_at: sea_orm::ActiveValue::Set(None),
        }
        .insert(&txn)
        .await?;
        made.push(NewLink {
            organisation: o,
            secret,
            expires_at,
        });
    }
    let event = Event::new(
        "registry_link.create",
        "region",
        &region.code,
        json!({ "links": made.len(), "expires_at": expires_at }),
    );
    audit::append(&txn, viewer, event).await?;
    // The registry's freshness counts the links made: a new data version.
    version::bump_beside_answers(&txn).await?;
    txn.commit().await?;
    Ok(made)
}

/// The columns of the mail-merge file of new links.
pub const MAIL_MERGE: [&str; 6] = [
    "organisation_id",
    "external_id",
    "name",
    "website",
    "link",
    "expires_at",
];

/// New links as a CSV file for a mail merge ([`MAIL_MERGE`] columns), each link under
/// `base_url` (the hub's address as the organisations reach it). Cells a spreadsheet
/// would run as a formula are defused.
pub fn mail_merge(made: &[NewLink], base_url: &str) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(MAIL_MERGE)
        .map_err(std::io::Error::other)?;
    let base = base_url.trim_end_matches('/');
    for link in made {
        let o = &link.organisation;
        let cells = [
            o.id.to_string(),
            o.external_id.clone().unwrap_or_default(),
            o.name.clone(),
            o.website.clone().unwrap_or_default(),
            format!("{base}/r/{}", link.secret),
            link.expires_at.to_rfc3339(),
        ];
        writer
            .write_record(cells.iter().map(|c| dashboard::csv::defuse(c).into_owned()))
            .map_err(std::io::Error::other)?;
    }
    Ok(writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?)
}

/// Withdraws every working link of organisation `id`; returns how many.
pub async fn revoke(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> Result<u64> {
    let o = (organisation::Entity::find_by_id(id).one(db).await?)
        .ok_or_else(|| Error::not_found("organisation", id.to_string()))?;
    super::edit::check_scope(db, viewer, o.region_id, "organisation").await?;
    let txn = crate::db::begin_write(db).await?;
    let revoked = registry_link::Entity::update_many()
        .col_expr(registry_link::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(registry_link::Column::OrganisationId.eq(id))
        .filter(registry_link::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    let event = Event::new(
        "registry_link.revoke",
        "organisation",
        id,
        json!({ "links": revoked }),
    );
    audit::append(&txn, viewer, event).await?;
    txn.commit().await?;
    Ok(revoked)
}

/// What the link with `secret` leads to; the first opening is recorded.
pub async fn open(db: &DatabaseConnection, secret: &str) -> Result<Opened> {
    let Some(link) = registry_link::Entity::find()
        .filter(registry_link::Column::TokenHash.eq(digest(secret.trim())))
        .one(db)
        .await?
    else {
        return Ok(Opened::Unknown);
    };
    if link.revoked_at.is_some() {
        return Ok(Opened::Revoked);
    }
    if link.expires_at <= Utc::now() {
        return Ok(Opened::Expired);
    }
    let Some(o) = organisation::Entity::find_by_id(link.organisation_id)
        .one(db)
        .await?
    else {
        return Ok(Opened::Unknown);
    };
    if link.opened_at.is_none() {
        // The first opening counts in the registry's freshness: a new data version.
        let txn = crate::db::begin_write(db).await?;
        registry_link::Entity::update_many()
            .col_expr(registry_link::Column::OpenedAt, Expr::value(Utc::now()))
            .filter(registry_link::Column::Id.eq(link.id))
            .filter(registry_link::Column::OpenedAt.is_null())
            .exec(&txn)
            .await?;
        version::bump_beside_answers(&txn).await?;
        txn.commit().await?;
    }
    Ok(Opened::Valid(Box::new((link, o))))
}

/// The organisation confirms through its link that its entry is right: the entry's
/// `last_verified` becomes today, audited as the link's answer.
pub async fn confirm(
    db: &DatabaseConnection,
    secret: &str,
    client: Option<String>,
) -> Result<Opened> {
    let opened = open(db, secret).await?;
    let Opened::Valid(found) = &opened else {
        return Ok(opened);
    };
    let (link, before) = &**found;
    let today = Utc::now().date_naive();
    let txn = crate::db::begin_write(db).await?;
    let mut changed: organisation::ActiveModel = before.clone().into();
    changed.last_verified = sea_orm::ActiveValue::Set(Some(today));
    let after = changed.update(&txn).await?;
    registry_link::Entity::update_many()
        .col_expr(registry_link::Column::AnsweredAt, Expr::value(Utc::now()))
        .filter(registry_link::Column::Id.eq(link.id))
        .exec(&txn)
        .await?;
    version::bump_beside_answers(&txn).await?;
    // The organisation has no account: the link acts for it.
    let viewer = Viewer {
        role: Role::Public,
        client,
        ..Viewer::default()
    };
    let event = Event::new(
        "registry_link.confirm",
        "organisation",
        before.id,
        json!({ "link": link.id, "before": before, "after": after }),
    );
    audit::append(&txn, &viewer, event).await?;
    txn.commit().await?;
    Ok(Opened::Valid(Box::new((link.clone(), after))))
}

/// How many links were sent, opened and answered in one area, and the proposals that
/// wait there.
#[derive(Debug, Clone, Default, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct LinkCounts {
    /// Region code.
    pub region: String,
    /// Municipality code, when counted per municipality (none: without one).
    pub municipality: Option<String>,
    /// Links made.
    pub sent: i64,
    /// Links opened at least once.
    pub opened: i64,
    /// Links through which the organisation answered.
    pub answered: i64,
}

/// Link counts per region, or per region and municipality.
pub async fn counts(db: &DatabaseConnection, by_municipality: bool) -> Result<Vec<LinkCounts>> {
    use sea_orm::{FromQueryResult, Statement};
    let municipality = if by_municipality {
        "m.code"
    } else {
        "CAST(NULL AS TEXT)"
    };
    let sql = format!(
        "SELECT g.code AS region, {municipality} AS municipality, COUNT(*) AS sent, \
                SUM(CASE WHEN l.opened_at IS NULL THEN 0 ELSE 1 END) AS opened, \
                SUM(CASE WHEN l.answered_at IS NULL THEN 0 ELSE 1 END) AS answered \
         FROM registry_link l JOIN organisation o ON o.id = l.organisation_id \
         JOIN region g ON g.id = o.region_id \
         LEFT JOIN municipality m ON m.id = o.municipality_id \
         GROUP BY g.code{} ORDER BY g.code{}",
        if by_municipality { ", m.code" } else { "" },
        if by_municipality { ", m.code" } else { "" },
    );
    Ok(
        LinkCounts::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
            .all(db)
            .await?,
    )
}

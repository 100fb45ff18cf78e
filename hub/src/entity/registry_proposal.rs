//! A correction an organisation proposed through its private link.

use sea_orm::entity::prelude::*;

/// A row of `registry_proposal`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "registry_proposal")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The link it came through.
    pub link_id: i32,
    /// The organisation.
    pub organisation_id: i32,
    /// The proposed values by registry column, a JSON object of strings.
    #[sea_orm(column_type = "Text")]
    pub changes: String,
    /// What the organisation wrote besides.
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    /// When it was sent.
    pub created_at: DateTimeUtc,
    /// `PENDING`, `ACCEPTED` or `REJECTED`.
    pub status: String,
    /// The editor who decided.
    pub reviewed_by: Option<String>,
    /// When.
    pub reviewed_at: Option<DateTimeUtc>,
    /// The editor's note.
    #[sea_orm(column_type = "Text", nullable)]
    pub review_note: Option<String>,
}

/// No relations are joined.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A coded finding: a quote from an interview under a theme and sub-code.

use sea_orm::entity::prelude::*;

/// A row of `finding`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "finding")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Identifier in the partner's coding file, used by imports.
    pub external_id: Option<String>,
    /// Interview quoted.
    pub interview_id: i32,
    /// Theme coded.
    pub theme_code: String,
    /// Sub-code, if coded that finely.
    pub sub_code: Option<String>,
    /// Quote in its language.
    pub quote: String,
    /// Language of the quote, ISO 639-1.
    pub language: String,
    /// English translation.
    pub translation: Option<String>,
    /// Quote and translation lower-cased by the hub, for search.
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    /// `PUBLIC` (anyone may read it) or `PROJECT` (partners and above).
    pub visibility: String,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The interview.
    #[sea_orm(
        belongs_to = "super::interview::Entity",
        from = "Column::InterviewId",
        to = "super::interview::Column::Id"
    )]
    Interview,
}

impl ActiveModelBehavior for ActiveModel {}

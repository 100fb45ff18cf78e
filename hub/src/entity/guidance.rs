//! A conclusion, recommendation, toolkit item or roadmap step of the project.

use sea_orm::entity::prelude::*;

/// A row of `guidance`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "guidance")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The file's id, e.g. `R1`.
    pub external_id: String,
    /// RECOMMENDATION, TOOLKIT_ITEM, CONCLUSION or ROADMAP_STEP.
    pub kind: String,
    /// DRAFT or PUBLISHED.
    pub status: String,
    /// Its place in the file.
    pub position: i32,
    /// `{lang: title}`.
    pub title: Json,
    /// `{lang: text}`.
    pub body: Json,
    /// Recommendations: who it is for.
    pub audience: Option<String>,
    /// Toolkit items: GUIDE, TEMPLATE, CHECKLIST or CONTACT_POINT.
    pub toolkit_kind: Option<String>,
    /// Toolkit items: a web address.
    #[sea_orm(column_type = "Text", nullable)]
    pub link: Option<String>,
    /// Toolkit items: an attached file's name (its bytes in `guidance_attachment`).
    pub attachment_name: Option<String>,
    /// Roadmap steps: when, e.g. `2027 Q1`.
    pub due: Option<String>,
    /// Roadmap steps: who takes it.
    #[sea_orm(column_type = "Text", nullable)]
    pub who: Option<String>,
    /// Roadmap steps: the recommendation it carries out.
    pub recommendation_id: Option<i32>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! What a piece of guidance answers (themes, sub-codes) and rests on (findings,
//! collaborations, named analytics figures).

use sea_orm::entity::prelude::*;

/// A row of `guidance_link`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "guidance_link")]
pub struct Model {
    /// The guidance.
    #[sea_orm(primary_key, auto_increment = false)]
    pub guidance_id: i32,
    /// Its place among the guidance's links.
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    /// THEME, SUB_CODE, FINDING, COLLABORATION or FIGURE.
    pub target: String,
    /// A theme.
    pub theme_code: Option<String>,
    /// A sub-code.
    pub sub_code: Option<String>,
    /// A finding.
    pub finding_id: Option<i32>,
    /// A collaboration.
    pub collaboration_id: Option<i32>,
    /// A named figure, e.g. `ROLE_GAP PROCESSES_BUREAUCRACY LV`.
    pub figure: Option<String>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

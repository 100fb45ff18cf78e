//! One answer of one respondent to one question.

use sea_orm::entity::prelude::*;

/// A row of `answer`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "answer")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Who answered.
    pub respondent_id: i32,
    /// Question answered.
    pub question_id: i32,
    /// Likert or number answer.
    pub value: Option<i16>,
    /// Chosen option codes, a JSON array.
    pub choices: Option<Json>,
    /// Free-text answer.
    pub text: Option<String>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

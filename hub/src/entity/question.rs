//! A survey question.

use sea_orm::entity::prelude::*;

/// A row of `question`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "question")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Survey it belongs to.
    pub survey_id: i32,
    /// Code, unique within the survey, e.g. `SU1`.
    pub code: String,
    /// Order within the survey.
    pub position: i32,
    /// Theme it measures, if any.
    pub theme_code: Option<String>,
    /// Kind of question.
    pub kind: crate::domain::QuestionKind,
    /// Text by language, a JSON object.
    pub text: Json,
    /// Likert scale labels by language, a JSON object of five-element arrays.
    pub scale_labels: Option<Json>,
    /// Choice options, a JSON array of `{code, labels}`.
    pub options: Option<Json>,
    /// Hint by language, a JSON object.
    pub hint: Option<Json>,
    /// Whether the form requires an answer.
    pub required: bool,
    /// The group the question sits in (`cooperation`, `a/b`), as the form nests it.
    pub group_path: Option<String>,
    /// The codebook sub-code it measures, if any.
    pub sub_code: Option<String>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

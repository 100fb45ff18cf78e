//! The file attached to a toolkit item.

use sea_orm::entity::prelude::*;

/// A row of `guidance_attachment`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "guidance_attachment")]
pub struct Model {
    /// The toolkit item.
    #[sea_orm(primary_key, auto_increment = false)]
    pub guidance_id: i32,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

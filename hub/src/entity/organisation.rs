//! A local organisation in the registry.

use sea_orm::entity::prelude::*;

/// A row of `organisation`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Identifier in the partner's own registry, used by imports.
    pub external_id: Option<String>,
    /// Name as registered.
    pub name: String,
    /// The name lower-cased by the hub, for case-insensitive search in any script.
    pub name_folded: String,
    /// Area it works in.
    pub region_id: i32,
    /// Kind of organisation.
    pub kind: crate::domain::OrganisationKind,
    /// Whether it is still working.
    pub status: crate::domain::OrganisationStatus,
    /// Year founded.
    pub founded_year: Option<i32>,
    /// Year closed.
    pub closed_year: Option<i32>,
    /// Why it closed.
    pub closure_reason: Option<String>,
    /// Fields of activity, a JSON array of codes.
    pub fields_of_activity: Json,
    /// Target groups, a JSON array of codes.
    pub target_groups: Json,
    /// Website.
    pub website: Option<String>,
    /// Day the entry was last checked.
    pub last_verified: Option<Date>,
    /// Where the entry comes from.
    pub source: Option<String>,
    /// Organisation that took over its work.
    pub successor_id: Option<i32>,
    /// The municipality (or district) it works in, when known.
    pub municipality_id: Option<i32>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The area.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionId",
        to = "super::region::Column::Id"
    )]
    Region,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

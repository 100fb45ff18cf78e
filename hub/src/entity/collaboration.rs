//! An example of cooperation between a municipality and organisations.

use sea_orm::entity::prelude::*;

/// A row of `collaboration`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "collaboration")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Area.
    pub region_id: i32,
    /// Short title.
    pub title: String,
    /// What was done.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Municipality involved.
    pub municipality: String,
    /// First year.
    pub start_year: Option<i32>,
    /// Last year, if it has ended.
    pub end_year: Option<i32>,
    /// Outcomes, a JSON array of outcome codes.
    pub outcomes: Json,
    /// The partner's id, as its file writes it.
    pub external_id: Option<String>,
    /// Title, description and lessons in languages other than English, a JSON object
    /// `{lang: {title, description, lessons}}`.
    pub translations: Option<Json>,
    /// Lessons learned, in English.
    #[sea_orm(column_type = "Text", nullable)]
    pub lessons: Option<String>,
    /// Who paid, as the partner describes it.
    #[sea_orm(column_type = "Text", nullable)]
    pub funding: Option<String>,
    /// The kind of agreement.
    pub agreement: Option<crate::domain::Agreement>,
    /// The municipality from the areas, when known.
    pub municipality_id: Option<i32>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The `title`, `description` or `lessons` in `lang`, and the language it is in:
    /// English (the stored column) where the example has no translation.
    pub fn text_in(&self, field: &str, lang: &str) -> (Option<&str>, &'static str) {
        let translated = (self.translations.as_ref())
            .and_then(|t| t.get(lang))
            .and_then(|t| t.get(field))
            .and_then(serde_json::Value::as_str);
        if let Some(text) = translated {
            let lang = analytics::Lang::parse(lang).map_or("en", |l| l.code());
            return (Some(text), lang);
        }
        let english = match field {
            "title" => Some(self.title.as_str()),
            "description" => Some(self.description.as_str()),
            _ => self.lessons.as_deref(),
        };
        (english, "en")
    }
}

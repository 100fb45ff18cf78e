//! DataLoaders: every relation in the schema loads through these, in one statement per
//! batch of keys, never one query per row.

use std::{collections::HashMap, sync::Arc, time::Duration};

use async_graphql::{
    Context,
    dataloader::{DataLoader, Loader},
};
use sea_orm::DatabaseConnection;

use crate::{
    entity::{
        answer, collaboration as collaboration_entity, finding, guidance as guidance_entity,
        guidance_link, interview, municipality, organisation, question, sub_code,
    },
    error::{Error, IntoGql, Result},
    service::{
        collaboration, guidance,
        load::{all_each, one_each},
        survey,
    },
};

/// Loads rows by key from the database; one key type per relation.
pub struct DbLoader {
    db: DatabaseConnection,
}

impl DbLoader {
    /// The database the loader reads.
    pub(super) fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}

/// The loader as stored in the schema's data.
pub type Loaders = DataLoader<DbLoader>;

/// Builds the loaders for a schema. They keep no cache, so no request sees stale rows,
/// but they batch the keys of concurrent resolvers, across requests too. (Regions and
/// questions are not loaded here: [`super::reference`] keeps them per data version.)
pub fn loaders(db: DatabaseConnection, delay: Duration) -> Loaders {
    DataLoader::new(DbLoader { db }, tokio::spawn)
        .delay(delay)
        .max_batch_size(500)
}

/// Loads one value, turning a loader error into a GraphQL error with a code.
pub async fn load_one<K>(
    ctx: &Context<'_>,
    key: K,
) -> async_graphql::Result<Option<<DbLoader as Loader<K>>::Value>>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    DbLoader: Loader<K, Error = Arc<Error>>,
{
    ctx.data_unchecked::<Loaders>().load_one(key).await.gql()
}

impl<T> IntoGql<T> for std::result::Result<T, Arc<Error>> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|error| async_graphql::ErrorExtensions::extend(error.as_ref()))
    }

    fn gql_as(self, _rename: fn(&str) -> Option<&'static str>) -> async_graphql::Result<T> {
        // A loader's keys come from stored rows, never from a client's argument.
        self.gql()
    }
}

macro_rules! loader {
    ($(#[$doc:meta])* $key:ident($inner:ty) => $value:ty, $load:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $key(pub $inner);

        impl Loader<$key> for DbLoader {
            type Value = $value;
            type Error = Arc<Error>;

            async fn load(&self, keys: &[$key]) -> std::result::Result<HashMap<$key, $value>, Arc<Error>> {
                let keys: Vec<$inner> = keys.iter().map(|k| k.0.clone()).collect();
                let rows: Result<HashMap<$inner, $value>> = $load(&self.db, &keys).await;
                Ok(rows.map_err(Arc::new)?.into_iter().map(|(k, v)| ($key(k), v)).collect())
            }
        }
    };
}

loader!(
    /// A municipality by id.
    MunicipalityId(i32) => municipality::Model,
    |db, ids| one_each::<municipality::Entity, _>(db, municipality::Column::Id, ids, |m| m.id)
);
loader!(
    /// The municipalities (or districts) of a region, in code order.
    MunicipalitiesOfRegion(i32) => Vec<municipality::Model>,
    |db, ids| all_each::<municipality::Entity, _>(
        db, municipality::Column::RegionId, ids, |m| m.region_id, municipality::Column::Code,
    )
);
loader!(
    /// An organisation by id.
    OrganisationId(i32) => organisation::Model,
    |db, ids| one_each::<organisation::Entity, _>(db, organisation::Column::Id, ids, |o| o.id)
);
loader!(
    /// The questions of a survey, in order.
    QuestionsOfSurvey(i32) => Vec<question::Model>,
    |db, ids| all_each::<question::Entity, _>(
        db, question::Column::SurveyId, ids, |q| q.survey_id, question::Column::Position,
    )
);
loader!(
    /// The number of respondents of a survey.
    RespondentsOfSurvey(i32) => u64, survey::respondent_counts
);
loader!(
    /// The answers of a respondent, in question order.
    AnswersOfRespondent(i32) => Vec<answer::Model>,
    |db, ids| all_each::<answer::Entity, _>(
        db, answer::Column::RespondentId, ids, |a| a.respondent_id, answer::Column::QuestionId,
    )
);
loader!(
    /// An interview by id.
    InterviewId(i32) => interview::Model,
    |db, ids| one_each::<interview::Entity, _>(db, interview::Column::Id, ids, |i| i.id)
);
loader!(
    /// The sub-codes of a theme, in codebook order.
    SubCodesOfTheme(String) => Vec<sub_code::Model>,
    |db, codes| all_each::<sub_code::Entity, _>(
        db, sub_code::Column::ThemeCode, codes, |s| s.theme_code.clone(), sub_code::Column::Position,
    )
);
loader!(
    /// The organisations of a collaboration.
    OrganisationsOfCollaboration(i32) => Vec<organisation::Model>, collaboration::organisations_of
);
loader!(
    /// The theme codes of a collaboration.
    ThemesOfCollaboration(i32) => Vec<String>, collaboration::themes_of
);
loader!(
    /// A finding by id.
    FindingId(i32) => finding::Model,
    |db, ids| one_each::<finding::Entity, _>(db, finding::Column::Id, ids, |f| f.id)
);
loader!(
    /// A collaboration by id.
    CollaborationId(i32) => collaboration_entity::Model,
    |db, ids| one_each::<collaboration_entity::Entity, _>(
        db, collaboration_entity::Column::Id, ids, |c| c.id,
    )
);
loader!(
    /// A conclusion, recommendation, toolkit item or roadmap step by id.
    GuidanceId(i32) => guidance_entity::Model,
    |db, ids| one_each::<guidance_entity::Entity, _>(db, guidance_entity::Column::Id, ids, |g| g.id)
);
loader!(
    /// What a piece of guidance answers and rests on, in order.
    LinksOfGuidance(i32) => Vec<guidance_link::Model>, guidance::links_of
);

//! Writes of examples of cooperation, with their organisations and themes.

use std::collections::HashMap;

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

use super::{given, list, parse_id, seen, set};
use crate::{
    domain::{Agreement, Outcome, code_of},
    error::IntoGql,
    graphql::{collaboration::Collaboration, db, viewer},
    service::edit::{self, Patch},
};

/// The mutations of examples of cooperation.
#[derive(Default)]
pub struct CollaborationMutation;

/// An example's fields as a change: a field left out keeps what is stored, `null`
/// clears an optional one. The same rules as `hub import collaborations` apply; texts
/// in other languages than English are kept as stored.
#[derive(InputObject, Default)]
pub struct CollaborationInput {
    /// Short title in English.
    pub title: Option<String>,
    /// What was done and how, in English.
    pub description: Option<String>,
    /// The region's code, e.g. `PT-BRAGA`; an editor may only use their own regions.
    pub region_code: Option<String>,
    /// The municipality's code or name, within the region.
    pub municipality_code: MaybeUndefined<String>,
    /// The town or village, when more precise than the municipality.
    pub place: MaybeUndefined<String>,
    /// The organisations that took part (registry ids); the list replaces the stored one.
    pub organisation_ids: Option<Vec<ID>>,
    /// Codebook theme codes it addresses; the list replaces the stored one.
    pub themes: Option<Vec<String>>,
    /// The reasons to cooperate it shows.
    pub outcomes: Option<Vec<Outcome>>,
    /// Year it started (1900 to 2100).
    pub start_year: MaybeUndefined<i32>,
    /// Year it ended; not before it started.
    pub end_year: MaybeUndefined<i32>,
    /// Who paid, as the partner describes it.
    pub funding: MaybeUndefined<String>,
    /// How formally it was agreed.
    pub agreement: MaybeUndefined<Agreement>,
    /// Lessons learned, in English.
    pub lessons: MaybeUndefined<String>,
}

/// Each field of [`CollaborationInput`] and the collaborations file's column it fills.
const COLLABORATION_FIELDS: [(&str, &str); 13] = [
    ("title", "title::en"),
    ("description", "description::en"),
    ("regionCode", "region"),
    ("municipalityCode", "municipality"),
    ("place", "place"),
    ("organisationIds", "organisations"),
    ("themes", "themes"),
    ("outcomes", "outcomes"),
    ("startYear", "start_year"),
    ("endYear", "end_year"),
    ("funding", "funding"),
    ("agreement", "agreement"),
    ("lessons", "lessons::en"),
];

/// The fields of [`CollaborationInput`] by the file's column.
pub(crate) fn fields() -> HashMap<&'static str, &'static str> {
    COLLABORATION_FIELDS.into_iter().collect()
}

impl CollaborationInput {
    /// The change as cells of the collaborations file; organisations are named by
    /// their id in the file (an unknown one as given, for the importer to refuse).
    async fn patch(self, ctx: &Context<'_>) -> Result<Patch, crate::error::Error> {
        let mut patch = Patch::new();
        set(&mut patch, "title", given(self.title), |v| v);
        set(&mut patch, "description", given(self.description), |v| v);
        set(&mut patch, "regionCode", given(self.region_code), |v| v);
        set(
            &mut patch,
            "municipalityCode",
            self.municipality_code,
            |v| v,
        );
        set(&mut patch, "place", self.place, |v| v);
        if let Some(ids) = self.organisation_ids {
            let mut names = Vec::new();
            for id in ids {
                let file_id = edit::file_id_of(db(ctx), &id).await?;
                names.push(file_id.unwrap_or_else(|| id.to_string()));
            }
            patch.push(("organisationIds", Some(list("organisationIds", names)?)));
        }
        if let Some(themes) = self.themes {
            patch.push(("themes", Some(list("themes", themes)?)));
        }
        if let Some(outcomes) = self.outcomes {
            let codes: Vec<String> = outcomes.iter().map(code_of).collect();
            patch.push(("outcomes", Some(codes.join(";"))));
        }
        set(&mut patch, "startYear", self.start_year, |v| v.to_string());
        set(&mut patch, "endYear", self.end_year, |v| v.to_string());
        set(&mut patch, "funding", self.funding, |v| v);
        set(&mut patch, "agreement", self.agreement, |v| code_of(&v));
        set(&mut patch, "lessons", self.lessons, |v| v);
        Ok(patch)
    }
}

/// Examples of cooperation: added and changed by editors in their regions and admins.
#[Object]
impl CollaborationMutation {
    /// Adds an example of cooperation (editors in their regions, admins). Title,
    /// description and region are required.
    async fn create_collaboration(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partner's own id for it, used by imports; none when omitted.")]
        external_id: Option<String>,
        #[graphql(desc = "Its fields; title, description and regionCode are required.")]
        input: CollaborationInput,
    ) -> Result<Collaboration> {
        let patch = input.patch(ctx).await.gql()?;
        let created =
            edit::create_collaboration(db(ctx), &viewer(ctx), external_id, &patch, &fields())
                .await
                .gql()?;
        seen(ctx).await;
        Ok(Collaboration(created))
    }

    /// Changes an example (editors in its region, admins), if it is still at `version`
    /// (its `version` when read); otherwise refused with `CONFLICT` and the stored
    /// example, organisations and themes in `extensions.current`.
    async fn update_collaboration(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The example's id.")] id: ID,
        #[graphql(desc = "The example's `version` when it was read.")] version: String,
        #[graphql(desc = "The fields to change; the others keep what is stored.")]
        input: CollaborationInput,
    ) -> Result<Collaboration> {
        let id = parse_id(&id, "an example of cooperation").gql()?;
        let patch = input.patch(ctx).await.gql()?;
        let updated = edit::update_collaboration(
            db(ctx),
            &viewer(ctx),
            (id, version.trim()),
            &patch,
            &fields(),
        )
        .await
        .gql()?;
        seen(ctx).await;
        Ok(Collaboration(updated))
    }
}

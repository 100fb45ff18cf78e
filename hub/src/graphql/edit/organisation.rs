//! Writes of the registry: organisations added, changed and merged.

use std::collections::HashMap;

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use chrono::NaiveDate;

use super::{given, list, parse_id, seen, set};
use crate::{
    domain::{OrganisationKind, OrganisationStatus, code_of},
    entity::organisation,
    error::{Error, IntoGql},
    graphql::{db, registry::Organisation, viewer},
    service::edit::{self, Patch},
};

/// The registry's mutations.
#[derive(Default)]
pub struct OrganisationMutation;

/// An organisation's fields as a change: a field left out keeps what is stored, `null`
/// clears an optional one. The same rules as `hub import organisations` apply.
#[derive(InputObject, Default)]
pub struct OrganisationInput {
    /// Name as registered (at most 300 characters).
    pub name: Option<String>,
    /// The region's code, e.g. `LV-TALSI`; an editor may only use their own regions.
    pub region_code: Option<String>,
    /// The municipality's code or name, within the region.
    pub municipality_code: MaybeUndefined<String>,
    /// Kind of organisation.
    pub kind: Option<OrganisationKind>,
    /// Whether it is still working.
    pub status: Option<OrganisationStatus>,
    /// Year founded (1800 to this year).
    pub founded_year: MaybeUndefined<i32>,
    /// Year closed; needs the status `CLOSED`.
    pub closed_year: MaybeUndefined<i32>,
    /// Why it closed.
    pub closure_reason: MaybeUndefined<String>,
    /// Fields of activity, e.g. `SPORT`.
    pub fields_of_activity: Option<Vec<String>>,
    /// Target groups, e.g. `YOUNG_ADULTS`.
    pub target_groups: Option<Vec<String>>,
    /// Website, starting with `http://` or `https://`.
    pub website: MaybeUndefined<String>,
    /// Day the entry was last checked (not in the future).
    pub last_verified: MaybeUndefined<NaiveDate>,
    /// Where the entry comes from.
    pub source: MaybeUndefined<String>,
    /// The organisation that took over its work.
    pub successor_id: MaybeUndefined<ID>,
}

/// The outcome of merging a duplicate record into the organisation that stays.
#[derive(SimpleObject)]
pub struct MergeResult {
    /// The organisation that stays, as stored after the merge.
    pub survivor: Organisation,
    /// Respondents who represented the duplicate, now the survivor's.
    pub moved_respondents: u64,
    /// Collaborations the duplicate took part in, now the survivor's.
    pub moved_collaborations: u64,
    /// Organisations whose work the duplicate had taken over, now the survivor's.
    pub moved_successors: u64,
}

/// Each field of [`OrganisationInput`] and the registry file's column it fills.
const ORGANISATION_FIELDS: [(&str, &str); 14] = [
    ("name", "name"),
    ("regionCode", "region"),
    ("municipalityCode", "municipality"),
    ("kind", "kind"),
    ("status", "status"),
    ("foundedYear", "founded_year"),
    ("closedYear", "closed_year"),
    ("closureReason", "closure_reason"),
    ("fieldsOfActivity", "fields_of_activity"),
    ("targetGroups", "target_groups"),
    ("website", "website"),
    ("lastVerified", "last_verified"),
    ("source", "source"),
    ("successorId", "successor_id"),
];

impl OrganisationInput {
    /// The change as registry cells; the successor is named by its file id.
    async fn patch(self, ctx: &Context<'_>) -> Result<Patch, Error> {
        let mut patch = Patch::new();
        set(&mut patch, "name", given(self.name), |v| v);
        set(&mut patch, "regionCode", given(self.region_code), |v| v);
        set(
            &mut patch,
            "municipalityCode",
            self.municipality_code,
            |v| v,
        );
        set(&mut patch, "kind", given(self.kind), |v| code_of(&v));
        set(&mut patch, "status", given(self.status), |v| code_of(&v));
        set(&mut patch, "foundedYear", self.founded_year, |v| {
            v.to_string()
        });
        set(&mut patch, "closedYear", self.closed_year, |v| {
            v.to_string()
        });
        set(&mut patch, "closureReason", self.closure_reason, |v| v);
        if let Some(items) = self.fields_of_activity {
            patch.push(("fieldsOfActivity", Some(list("fieldsOfActivity", items)?)));
        }
        if let Some(items) = self.target_groups {
            patch.push(("targetGroups", Some(list("targetGroups", items)?)));
        }
        set(&mut patch, "website", self.website, |v| v);
        set(&mut patch, "lastVerified", self.last_verified, |d| {
            d.format("%Y-%m-%d").to_string()
        });
        set(&mut patch, "source", self.source, |v| v);
        match self.successor_id {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => patch.push(("successorId", None)),
            MaybeUndefined::Value(id) => {
                let file_id = edit::file_id_of(db(ctx), &id).await?;
                patch.push((
                    "successorId",
                    Some(file_id.unwrap_or_else(|| id.to_string())),
                ));
            }
        }
        Ok(patch)
    }
}

fn fields() -> HashMap<&'static str, &'static str> {
    ORGANISATION_FIELDS.into_iter().collect()
}

/// Writes: one record per mutation, by editors in their regions and admins; each is
/// checked with the importers' rules, audited and bumps the data version.
#[Object]
impl OrganisationMutation {
    /// Adds an organisation to the registry (editors in their regions, admins). Name,
    /// region, kind and status are required.
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partner's own id for it, used by imports; none when omitted.")]
        external_id: Option<String>,
        #[graphql(desc = "Its fields; name, regionCode, kind and status are required.")]
        input: OrganisationInput,
    ) -> Result<Organisation> {
        let patch = input.patch(ctx).await.gql()?;
        let created =
            edit::create_organisation(db(ctx), &viewer(ctx), external_id, &patch, &fields())
                .await
                .gql()?;
        seen(ctx).await;
        Ok(Organisation::from(created))
    }

    /// Changes an organisation (editors in their regions, admins), if it is still at
    /// `version` (its `version` when read); otherwise refused with `CONFLICT` and the
    /// stored record in `extensions.current`.
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation's id.")] id: ID,
        #[graphql(desc = "The organisation's `version` when it was read.")] version: String,
        #[graphql(desc = "The fields to change; the others keep what is stored.")]
        input: OrganisationInput,
    ) -> Result<Organisation> {
        let id = parse_id(&id, "organisation").gql()?;
        let patch = input.patch(ctx).await.gql()?;
        let updated: organisation::Model =
            edit::update_organisation(db(ctx), &viewer(ctx), id, version.trim(), &patch, &fields())
                .await
                .gql()?;
        seen(ctx).await;
        Ok(Organisation::from(updated))
    }

    /// Merges a duplicate record into the organisation that stays (editors of both
    /// regions, admins): respondents, collaborations and successors that name the
    /// duplicate move to the survivor, which keeps its own fields, and the duplicate is
    /// removed (the audit event keeps it whole). Both versions must still be current.
    async fn merge_organisations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation that stays.")] survivor_id: ID,
        #[graphql(desc = "Its `version` when read.")] survivor_version: String,
        #[graphql(desc = "The duplicate, removed by the merge.")] duplicate_id: ID,
        #[graphql(desc = "Its `version` when read.")] duplicate_version: String,
    ) -> Result<MergeResult> {
        let survivor = parse_id(&survivor_id, "organisation").gql()?;
        let duplicate = parse_id(&duplicate_id, "organisation").gql()?;
        let (after, moved) = edit::merge_organisations(
            db(ctx),
            &viewer(ctx),
            (survivor, survivor_version.trim()),
            (duplicate, duplicate_version.trim()),
        )
        .await
        .gql()?;
        seen(ctx).await;
        Ok(MergeResult {
            survivor: Organisation::from(after),
            moved_respondents: moved.respondents,
            moved_collaborations: moved.collaborations,
            moved_successors: moved.successors,
        })
    }
}

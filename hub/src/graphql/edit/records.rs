//! Writes of the qualitative study: interviews and their coded findings (editors in
//! their regions, admins), and the codebook's sub-codes (admins).

use std::collections::HashMap;

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};
use chrono::NaiveDate;

use super::{given, parse_id, seen, set};
use crate::{
    domain::{Role, code_of},
    error::IntoGql,
    graphql::{
        db,
        interview::{Finding, FindingVisibility, Interview, SubCode},
        viewer,
    },
    service::edit::{self, Patch},
};

/// The mutations of interviews, findings and sub-codes.
#[derive(Default)]
pub struct RecordsMutation;

/// An interview's facts as a change: a field left out keeps what is stored. The same
/// rules as `hub import findings` apply.
#[derive(InputObject, Default)]
pub struct InterviewInput {
    /// The region's code, e.g. `LT-TRAKAI`; an editor may only use their own regions.
    pub region_code: Option<String>,
    /// The day it was held.
    pub held_on: Option<NaiveDate>,
    /// Who was interviewed.
    pub interviewee_role: Option<Role>,
    /// The language it was held in (ISO 639-1, e.g. `lt`); its findings' quotes are in
    /// it, and change with it.
    pub language: Option<String>,
}

/// A finding's fields as a change: a field left out keeps what is stored, `null`
/// clears an optional one. The same rules as `hub import findings` apply.
#[derive(InputObject, Default)]
pub struct FindingInput {
    /// The interview it comes from (required to add one; given on a change, moves it).
    pub interview_id: Option<ID>,
    /// Codebook theme code.
    pub theme: Option<String>,
    /// Sub-code of the theme.
    pub sub_code: MaybeUndefined<String>,
    /// The quote, in the interview's language.
    pub quote: Option<String>,
    /// English translation of the quote.
    pub translation: MaybeUndefined<String>,
    /// Who may read it; `PROJECT` when never set.
    pub visibility: Option<FindingVisibility>,
}

/// A name in one language.
#[derive(InputObject)]
pub struct NameInput {
    /// ISO 639-1 code, e.g. `sv`.
    pub language: String,
    /// The name; empty removes the name in this language (English is required).
    pub text: String,
}

const INTERVIEW_FIELDS: [(&str, &str); 4] = [
    ("regionCode", "region"),
    ("heldOn", "held_on"),
    ("intervieweeRole", "interviewee_role"),
    ("language", "language"),
];

const FINDING_FIELDS: [(&str, &str); 5] = [
    ("theme", "theme"),
    ("subCode", "sub_code"),
    ("quote", "quote"),
    ("translation", "translation"),
    ("visibility", "visibility"),
];

fn fields(list: &[(&'static str, &'static str)]) -> HashMap<&'static str, &'static str> {
    list.iter().copied().collect()
}

impl InterviewInput {
    fn patch(self) -> Patch {
        let mut patch = Patch::new();
        set(&mut patch, "regionCode", given(self.region_code), |v| v);
        set(&mut patch, "heldOn", given(self.held_on), |d| {
            d.format("%Y-%m-%d").to_string()
        });
        set(
            &mut patch,
            "intervieweeRole",
            given(self.interviewee_role),
            |r| code_of(&r),
        );
        set(&mut patch, "language", given(self.language), |v| v);
        patch
    }
}

impl FindingInput {
    /// The change as cells of the findings file, and the interview named.
    fn patch(self) -> Result<(Patch, Option<i32>), crate::error::Error> {
        let interview = match &self.interview_id {
            Some(id) => Some(parse_id(id, "an interview")?),
            None => None,
        };
        let mut patch = Patch::new();
        set(&mut patch, "theme", given(self.theme), |v| v);
        set(&mut patch, "subCode", self.sub_code, |v| v);
        set(&mut patch, "quote", given(self.quote), |v| v);
        set(&mut patch, "translation", self.translation, |v| v);
        set(&mut patch, "visibility", given(self.visibility), |v| {
            match v {
                FindingVisibility::Public => crate::access::VISIBILITY_PUBLIC,
                FindingVisibility::Project => crate::access::VISIBILITY_PROJECT,
            }
            .to_owned()
        });
        Ok((patch, interview))
    }
}

fn names(list: Vec<NameInput>) -> edit::Names {
    list.into_iter().map(|n| (n.language, n.text)).collect()
}

/// Interviews and findings (editors in their regions, admins); sub-codes (admins).
#[Object]
impl RecordsMutation {
    /// Adds an interview (editors in its region, admins); every field is required.
    async fn create_interview(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partner's own id for it, used by imports; none when omitted.")]
        external_id: Option<String>,
        #[graphql(desc = "Its facts; all are required.")] input: InterviewInput,
    ) -> Result<Interview> {
        let created = edit::create_interview(
            db(ctx),
            &viewer(ctx),
            external_id,
            &input.patch(),
            &fields(&INTERVIEW_FIELDS),
        )
        .await
        .gql()?;
        seen(ctx).await;
        Ok(Interview(created))
    }

    /// Changes an interview's facts (editors in its region, admins) if it is still at
    /// `version`; otherwise refused with `CONFLICT` and the stored interview.
    async fn update_interview(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The interview's id.")] id: ID,
        #[graphql(desc = "The interview's `version` when it was read.")] version: String,
        #[graphql(desc = "The facts to change; the others keep what is stored.")]
        input: InterviewInput,
    ) -> Result<Interview> {
        let id = parse_id(&id, "an interview").gql()?;
        let updated = edit::update_interview(
            db(ctx),
            &viewer(ctx),
            (id, version.trim()),
            &input.patch(),
            &fields(&INTERVIEW_FIELDS),
        )
        .await
        .gql()?;
        seen(ctx).await;
        Ok(Interview(updated))
    }

    /// Adds a coded finding to an interview (editors in its region, admins); interview,
    /// theme and quote are required.
    async fn create_finding(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partner's own id for it, used by imports; none when omitted.")]
        external_id: Option<String>,
        #[graphql(desc = "Its fields; interviewId, theme and quote are required.")]
        input: FindingInput,
    ) -> Result<Finding> {
        let (patch, interview) = input.patch().gql()?;
        let Some(interview) = interview else {
            return Err(crate::error::Error::bad_input(
                "input.interviewId",
                "a finding comes from an interview: give its id",
            ))
            .gql();
        };
        let created = edit::create_finding(
            db(ctx),
            &viewer(ctx),
            external_id,
            interview,
            &patch,
            &fields(&FINDING_FIELDS),
        )
        .await
        .gql()?;
        seen(ctx).await;
        Ok(Finding(created))
    }

    /// Changes a finding (editors in its interview's region, admins) if it is still at
    /// `version`; otherwise refused with `CONFLICT` and the stored finding.
    async fn update_finding(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The finding's id.")] id: ID,
        #[graphql(desc = "The finding's `version` when it was read.")] version: String,
        #[graphql(desc = "The fields to change; the others keep what is stored.")]
        input: FindingInput,
    ) -> Result<Finding> {
        let id = parse_id(&id, "a finding").gql()?;
        let (patch, interview) = input.patch().gql()?;
        let updated = edit::update_finding(
            db(ctx),
            &viewer(ctx),
            (id, version.trim()),
            interview,
            &patch,
            &fields(&FINDING_FIELDS),
        )
        .await
        .gql()?;
        seen(ctx).await;
        Ok(Finding(updated))
    }

    /// Adds a sub-code to a theme of the codebook (admins), after its other sub-codes.
    async fn add_sub_code(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The theme's code, e.g. `SHARED_UNDERSTANDING`.")] theme_code: String,
        #[graphql(desc = "The new code: capital letters, digits and `_`.")] code: String,
        #[graphql(desc = "Its names; English is required.")] names: Vec<NameInput>,
    ) -> Result<SubCode> {
        let added = edit::add_sub_code(
            db(ctx),
            &viewer(ctx),
            &theme_code,
            &code,
            &self::names(names),
        )
        .await
        .gql()?;
        seen(ctx).await;
        Ok(SubCode(added))
    }

    /// Changes a sub-code's names (admins) if it is still at `version`; its code stays,
    /// so what is coded with it keeps it. Languages left out keep their names.
    async fn rename_sub_code(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The sub-code.")] code: String,
        #[graphql(desc = "The sub-code's `version` when it was read.")] version: String,
        #[graphql(desc = "Names to set; an empty text removes that language's name.")] names: Vec<
            NameInput,
        >,
    ) -> Result<SubCode> {
        let renamed = edit::rename_sub_code(
            db(ctx),
            &viewer(ctx),
            (&code, version.trim()),
            &self::names(names),
        )
        .await
        .gql()?;
        seen(ctx).await;
        Ok(SubCode(renamed))
    }
}

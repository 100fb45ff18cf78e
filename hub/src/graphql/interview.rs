//! GraphQL types and queries of the codebook, interviews and findings.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result};
use chrono::NaiveDate;

use super::{
    backlinks::linked,
    collaboration::CollaborationConnection,
    connection::{connection, paged},
    db, filter_field,
    guidance::RecommendationConnection,
    loaders::{InterviewId, SubCodesOfTheme, load_one},
    registry::Region,
    survey::QuestionConnection,
};
use crate::{
    domain::{Role, translate},
    entity::{finding, interview, sub_code, theme},
    error::{Error, IntoGql},
    service::{
        backlinks::{
            CollaborationsOfTheme, FindingsOfInterview, FindingsOfSubCode, FindingsOfTheme,
            QuestionsOfTheme, RecommendationsOfTheme,
        },
        interview::{self as service, FindingFilter as Filter},
    },
};

/// Whether the caller reads only the public's share of the findings.
pub(super) fn restricted(ctx: &Context<'_>) -> bool {
    !super::viewer(ctx).has(crate::access::Role::Partner)
}

/// A theme of the codebook, e.g. `SHARED_UNDERSTANDING`.
pub struct Theme(pub theme::Model);

/// A theme of the codebook, e.g. `SHARED_UNDERSTANDING`.
#[Object]
impl Theme {
    /// Code, e.g. `PROCESSES_BUREAUCRACY`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name in `lang`, falling back to English.
    async fn name(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        Ok(translate(&self.0.name, super::lang(&lang)?))
    }
    /// What the theme covers, in `lang`, falling back to English.
    async fn description(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        Ok(translate(&self.0.description, super::lang(&lang)?))
    }
    /// Its sub-codes, in order.
    async fn sub_codes(&self, ctx: &Context<'_>) -> Result<Vec<SubCode>> {
        let rows = load_one(ctx, SubCodesOfTheme(self.0.code.clone())).await?;
        Ok(rows.unwrap_or_default().into_iter().map(SubCode).collect())
    }
    /// The survey questions scoring it, in survey and question order, a page at a time.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn questions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<QuestionConnection> {
        linked::<QuestionsOfTheme>(ctx, self.0.code.clone(), false, first, after)
            .await
            .map(Into::into)
    }
    /// The findings coded under it, by id, a page at a time: the public reads the
    /// public ones only.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn findings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<FindingConnection> {
        linked::<FindingsOfTheme>(ctx, self.0.code.clone(), restricted(ctx), first, after)
            .await
            .map(Into::into)
    }
    /// The examples of cooperation addressing it, by title, a page at a time.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn collaborations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<CollaborationConnection> {
        linked::<CollaborationsOfTheme>(ctx, self.0.code.clone(), false, first, after)
            .await
            .map(Into::into)
    }
    /// The recommendations answering it, in the project's order, a page at a time: the
    /// public reads the published ones only.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn recommendations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<RecommendationConnection> {
        let restricted = super::guidance::restricted(ctx);
        linked::<RecommendationsOfTheme>(ctx, self.0.code.clone(), restricted, first, after)
            .await
            .map(Into::into)
    }
}

/// A sub-code of a theme, e.g. `OUTDATED_REGISTRY`.
pub struct SubCode(pub sub_code::Model);

/// A sub-code of a theme, e.g. `OUTDATED_REGISTRY`.
#[Object]
impl SubCode {
    /// Code.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Theme code it belongs to.
    async fn theme(&self) -> &str {
        &self.0.theme_code
    }
    /// The version of the sub-code as stored: send it back with `renameSubCode`.
    async fn version(&self) -> String {
        crate::service::edit::version_of(&self.0)
    }
    /// Name in `lang`, falling back to English.
    async fn name(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        Ok(translate(&self.0.name, super::lang(&lang)?))
    }
    /// The findings coded with it, by id, a page at a time: the public reads the
    /// public ones only.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn findings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<FindingConnection> {
        linked::<FindingsOfSubCode>(ctx, self.0.code.clone(), restricted(ctx), first, after)
            .await
            .map(Into::into)
    }
}

/// An interview of the qualitative study.
pub struct Interview(pub interview::Model);

/// An interview of the qualitative study.
#[Object]
impl Interview {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The version of the interview as stored: send it back with `updateInterview`.
    async fn version(&self) -> String {
        crate::service::edit::version_of(&self.0)
    }
    /// Area.
    async fn region(&self, ctx: &Context<'_>) -> Result<Region> {
        super::reference::region(ctx, self.0.region_id)
            .await
            .map(Region)
    }
    /// Day held.
    async fn held_on(&self) -> NaiveDate {
        self.0.held_on
    }
    /// Role of the person interviewed.
    async fn interviewee_role(&self) -> Role {
        self.0.interviewee_role
    }
    /// Language of the interview, ISO 639-1.
    async fn language(&self) -> &str {
        &self.0.language
    }
    /// Findings coded from it, by id, a page at a time.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn findings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<FindingConnection> {
        linked::<FindingsOfInterview>(ctx, self.0.id, restricted(ctx), first, after)
            .await
            .map(Into::into)
    }
}

/// Who may read a finding.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingVisibility {
    /// Everyone, without signing in.
    Public,
    /// Partners and above.
    Project,
}

/// A coded finding: a quote from an interview under a theme and sub-code.
pub struct Finding(pub finding::Model);

/// A coded finding: a quote from an interview under a theme and sub-code.
// `serial`: fields in turn, as on Organisation (many of these per request).
#[Object(serial)]
impl Finding {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The version of the finding as stored: send it back with `updateFinding`.
    async fn version(&self) -> String {
        crate::service::edit::version_of(&self.0)
    }
    /// Theme code.
    async fn theme(&self) -> &str {
        &self.0.theme_code
    }
    /// Sub-code, where coded that finely.
    async fn sub_code(&self) -> Option<&str> {
        self.0.sub_code.as_deref()
    }
    /// Quote in its language.
    async fn quote(&self) -> &str {
        &self.0.quote
    }
    /// Language of the quote, ISO 639-1.
    async fn language(&self) -> &str {
        &self.0.language
    }
    /// English translation of the quote.
    async fn translation(&self) -> Option<&str> {
        self.0.translation.as_deref()
    }
    /// Who may read it: `PUBLIC` findings are shown to everyone, `PROJECT` ones to
    /// partners and above.
    async fn visibility(&self) -> FindingVisibility {
        if self.0.visibility == crate::access::VISIBILITY_PUBLIC {
            FindingVisibility::Public
        } else {
            FindingVisibility::Project
        }
    }
    /// Interview quoted.
    async fn interview(&self, ctx: &Context<'_>) -> Result<Interview> {
        load_one(ctx, InterviewId(self.0.interview_id))
            .await?
            .map(Interview)
            .ok_or_else(|| Error::not_found("interview", self.0.interview_id.to_string()))
            .gql()
    }
}

/// Which findings to list; every field is optional and they combine with AND.
#[derive(InputObject, Default)]
pub struct FindingFilter {
    /// Theme code, e.g. `RELATIONSHIPS_TRUST`.
    pub theme: Option<String>,
    /// Sub-code, e.g. `POLITICAL_CHANGE`.
    pub sub_code: Option<String>,
    /// ISO country code of the interview, e.g. `CY`.
    pub country_code: Option<String>,
    /// Language of the quote: en, sv, lv, lt, pt or el.
    pub language: Option<String>,
    /// Part of the quote or its translation, in any case.
    pub search: Option<String>,
}

/// Which interviews to list.
#[derive(InputObject, Default)]
pub struct InterviewFilter {
    /// ISO country code, e.g. `PT`.
    pub country_code: Option<String>,
    /// Region code, e.g. `PT-BRAGA`.
    pub region_code: Option<String>,
}

connection!(
    InterviewConnection,
    InterviewEdge,
    Interview,
    interview::Model,
    crate::service::page::count::<interview::Entity>,
    "interviews"
);

connection!(
    FindingConnection,
    FindingEdge,
    Finding,
    finding::Model,
    crate::service::page::count::<finding::Entity>,
    "findings"
);

/// Queries of the codebook and the interviews.
#[derive(Default)]
pub struct InterviewQuery;

#[Object]
impl InterviewQuery {
    /// The themes of the codebook with their sub-codes.
    async fn themes(&self, ctx: &Context<'_>) -> Result<Vec<Theme>> {
        Ok(service::themes(db(ctx))
            .await
            .gql()?
            .into_iter()
            .map(Theme)
            .collect())
    }

    /// Interviews by date.
    async fn interviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which interviews; all when omitted.")] filter: Option<InterviewFilter>,
    ) -> Result<Vec<Interview>> {
        let filter = filter.unwrap_or_default();
        let rows = service::interviews(
            db(ctx),
            filter.country_code.as_deref(),
            filter.region_code.as_deref(),
        )
        .await
        .gql_as(filter_field)?;
        Ok(rows.into_iter().map(Interview).collect())
    }

    /// Coded findings, a page at a time, in id order.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn findings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which findings; all when omitted.")] filter: Option<FindingFilter>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<FindingConnection> {
        let filter = filter.unwrap_or_default();
        let filter = Filter {
            theme: filter.theme,
            sub_code: filter.sub_code,
            country_code: filter.country_code,
            language: filter.language,
            search: filter.search,
        };
        let db = db(ctx);
        // The public reads only the findings cleared for it.
        let scope = crate::access::findings_scope(&super::viewer(ctx));
        paged(
            first,
            after,
            async { Ok(service::finding_condition(db, &filter).await?.add(scope)) },
            |c, p| service::findings(db, c, p),
        )
        .await
        .map(Into::into)
    }
}

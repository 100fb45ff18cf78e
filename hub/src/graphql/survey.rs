//! GraphQL types and queries of surveys, questions, respondents and answers.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

use super::{
    connection::{connection, paged},
    db,
    loaders::{
        AnswersOfRespondent, OrganisationId, QuestionsOfSurvey, RespondentsOfSurvey, load_one,
    },
    registry::{Organisation, Region},
    string_list,
};
use crate::{
    domain::{QuestionKind, Role, translate},
    entity::{answer, question, respondent, survey},
    error::IntoGql,
    service::survey::{self as service, RespondentFilter as Filter},
};

/// A survey.
pub struct Survey(pub survey::Model);

/// A survey.
#[Object]
impl Survey {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Stable code, e.g. `YC-2026`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Title in `lang`, falling back to English.
    async fn title(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        Ok(translate(&self.0.title, super::lang(&lang)?))
    }
    /// Year fielded.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Languages the survey was fielded in.
    async fn languages(&self) -> Vec<String> {
        string_list(&self.0.languages)
    }
    /// The form's version, as its XLSForm settings give it.
    async fn version(&self) -> Option<&str> {
        self.0.version.as_deref()
    }
    /// Its questions, in order.
    async fn questions(&self, ctx: &Context<'_>) -> Result<Vec<Question>> {
        let rows = load_one(ctx, QuestionsOfSurvey(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Question).collect())
    }
    /// How many people answered.
    async fn respondent_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(load_one(ctx, RespondentsOfSurvey(self.0.id))
            .await?
            .unwrap_or_default())
    }
}

/// An option of a choice question.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct ChoiceOption {
    /// Code stored in answers, e.g. `EMAIL`.
    pub code: String,
    #[graphql(skip)]
    labels: serde_json::Value,
}

#[async_graphql::ComplexObject]
impl ChoiceOption {
    /// Label in `lang`, falling back to English.
    async fn label(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        Ok(translate(&self.labels, super::lang(&lang)?))
    }
}

/// A survey question.
pub struct Question(pub question::Model);

/// A survey question.
// `serial`: fields in turn, as on Organisation (many of these per request).
#[Object(serial)]
impl Question {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Code, unique within its survey, e.g. `SU1`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Order within the survey.
    async fn position(&self) -> i32 {
        self.0.position
    }
    /// Theme it measures, e.g. `SHARED_UNDERSTANDING`; null for background questions.
    async fn theme(&self) -> Option<&str> {
        self.0.theme_code.as_deref()
    }
    /// Kind of question.
    async fn kind(&self) -> QuestionKind {
        self.0.kind
    }
    /// Codebook sub-code it measures, if any.
    async fn sub_code(&self) -> Option<&str> {
        self.0.sub_code.as_deref()
    }
    /// The form's group it sits in, e.g. `statements` or `a/b`; null at the top level.
    async fn group(&self) -> Option<&str> {
        self.0.group_path.as_deref()
    }
    /// Whether the form requires an answer.
    async fn required(&self) -> bool {
        self.0.required
    }
    /// Hint in `lang`, falling back to English; null when the question has none.
    async fn hint(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<Option<String>> {
        let lang = super::lang(&lang)?;
        Ok(self.0.hint.as_ref().map(|hint| translate(hint, lang)))
    }
    /// Text in `lang`, falling back to English.
    async fn text(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<String> {
        Ok(translate(&self.0.text, super::lang(&lang)?))
    }
    /// Labels of the Likert levels 1 to 5 in `lang`, falling back to English; null for other kinds.
    async fn scale_labels(
        &self,
        #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
    ) -> Result<Option<Vec<String>>> {
        let lang = super::lang(&lang)?;
        Ok(self.0.scale_labels.as_ref().map(|labels| {
            let picked = labels
                .get(lang.code())
                .or_else(|| labels.get("en"))
                .cloned()
                .unwrap_or_default();
            string_list(&picked)
        }))
    }
    /// Options of a choice question, in order; null for other kinds.
    async fn options(&self) -> Option<Vec<ChoiceOption>> {
        let options = self.0.options.as_ref()?.as_array()?;
        Some(
            options
                .iter()
                .map(|o| ChoiceOption {
                    code: o
                        .get("code")
                        .and_then(|c| c.as_str())
                        .unwrap_or_default()
                        .to_owned(),
                    labels: o.get("labels").cloned().unwrap_or_default(),
                })
                .collect(),
        )
    }
}

/// A pseudonymous survey respondent.
pub struct Respondent(pub respondent::Model);

/// A pseudonymous survey respondent.
#[Object]
impl Respondent {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Pseudonymous id from the survey tool.
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    /// Role in which they answered.
    async fn role(&self) -> Role {
        self.0.role
    }
    /// Their area.
    async fn region(&self, ctx: &Context<'_>) -> Result<Region> {
        super::reference::region(ctx, self.0.region_id)
            .await
            .map(Region)
    }
    /// The municipality (or district) they answer for, when known.
    async fn municipality(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<super::registry::Municipality>> {
        super::registry::municipality_of(ctx, self.0.municipality_id).await
    }
    /// Organisation they represent, if any.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        let Some(id) = self.0.organisation_id else {
            return Ok(None);
        };
        Ok(load_one(ctx, OrganisationId(id))
            .await?
            .map(Organisation::from))
    }
    /// Their answers, in question order.
    async fn answers(&self, ctx: &Context<'_>) -> Result<Vec<Answer>> {
        let rows = load_one(ctx, AnswersOfRespondent(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Answer).collect())
    }
}

/// One answer to one question.
pub struct Answer(pub answer::Model);

/// One answer to one question.
// `serial`: fields in turn, as on Organisation (many of these per request).
#[Object(serial)]
impl Answer {
    /// The question answered.
    async fn question(&self, ctx: &Context<'_>) -> Result<Question> {
        super::reference::question(ctx, self.0.question_id)
            .await
            .map(Question)
    }
    /// Likert level (1 to 5) or number; null for other kinds.
    async fn value(&self) -> Option<i32> {
        self.0.value.map(i32::from)
    }
    /// Chosen option codes; null for other kinds.
    async fn choices(&self) -> Option<Vec<String>> {
        self.0.choices.as_ref().map(string_list)
    }
    /// Free-text answer; null for other kinds.
    async fn text(&self) -> Option<&str> {
        self.0.text.as_deref()
    }
}

/// Which respondents to list; every field is optional and they combine with AND.
#[derive(InputObject, Default)]
pub struct RespondentFilter {
    /// Survey code, e.g. `YC-2026`.
    pub survey_code: Option<String>,
    /// ISO country code, e.g. `SE`.
    pub country_code: Option<String>,
    /// Region code, e.g. `SE-DALARNA`.
    pub region_code: Option<String>,
    /// Role in which they answered.
    pub role: Option<Role>,
}

connection!(
    QuestionConnection,
    QuestionEdge,
    Question,
    question::Model,
    crate::service::page::count::<question::Entity>,
    "questions"
);

connection!(
    RespondentConnection,
    RespondentEdge,
    Respondent,
    respondent::Model,
    crate::service::page::count::<respondent::Entity>,
    "respondents"
);

/// Queries of surveys.
#[derive(Default)]
pub struct SurveyQuery;

#[Object]
impl SurveyQuery {
    /// Every survey, oldest first.
    async fn surveys(&self, ctx: &Context<'_>) -> Result<Vec<Survey>> {
        Ok(service::surveys(db(ctx))
            .await
            .gql()?
            .into_iter()
            .map(Survey)
            .collect())
    }

    /// Questions in survey order, optionally of one survey and one theme.
    async fn questions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Survey code, e.g. `YC-2026`.")] survey: Option<String>,
        #[graphql(desc = "Theme code, e.g. `CREDIBILITY`.")] theme: Option<String>,
    ) -> Result<Vec<Question>> {
        let rows = service::questions(db(ctx), survey.as_deref(), theme.as_deref())
            .await
            .gql()?;
        Ok(rows.into_iter().map(Question).collect())
    }

    /// Respondents, a page at a time, in id order.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn respondents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which respondents; all when omitted.")] filter: Option<RespondentFilter>,
        #[graphql(desc = "Page size: 20 when omitted, at most 100.")] first: Option<i32>,
        #[graphql(desc = "Cursor after which the page starts.")] after: Option<String>,
    ) -> Result<RespondentConnection> {
        let filter = filter.unwrap_or_default();
        let filter = Filter {
            survey_code: filter.survey_code,
            country_code: filter.country_code,
            region_code: filter.region_code,
            role: filter.role,
        };
        let asked = serde_json::json!({
            "survey": filter.survey_code,
            "country": filter.country_code,
            "region": filter.region_code,
            "role": filter.role.map(|r| format!("{r:?}")),
            "after": after,
        });
        let db = db(ctx);
        let (page, condition) = paged(
            first,
            after,
            service::respondent_condition(db, &filter),
            |c, p| service::respondents(db, c, p),
        )
        .await?;
        super::audit_read(ctx, "respondents", page.items.len(), asked).await?;
        Ok((page, condition).into())
    }

    /// The respondent with `id`; `NOT_FOUND` when there is none. Every read is audited.
    async fn respondent(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The respondent's `id`.")] id: ID,
    ) -> Result<Option<Respondent>> {
        let row = service::respondent(db(ctx), &id).await.gql()?;
        let asked = serde_json::json!({ "id": id.as_str() });
        super::audit_read(ctx, "respondents", 1, asked).await?;
        Ok(Some(Respondent(row)))
    }
}

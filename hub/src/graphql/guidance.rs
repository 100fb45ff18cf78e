//! GraphQL types and queries of the project's conclusions, recommendations, toolkit and
//! roadmap, each with the themes it answers and the evidence it rests on: findings (as
//! the caller may read them), collaborations and named figures with their current value.
//! The public reads published ones only.

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};

use super::{
    collaboration::Collaboration,
    db,
    interview::Finding,
    loaders::{CollaborationId, FindingId, GuidanceId, LinksOfGuidance, load_one},
};
use crate::{
    access::Role,
    domain::translate,
    entity::{guidance, guidance_link},
    error::IntoGql,
    service::{
        frames::FrameCache,
        guidance::{
            self as service,
            figures::{self, Figure},
        },
    },
};

/// Whether the caller reads only what is published.
pub(super) fn restricted(ctx: &Context<'_>) -> bool {
    !super::viewer(ctx).has(Role::Partner)
}

/// Who a recommendation is for.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Municipalities.
    Municipalities,
    /// Youth organisations.
    Organisations,
    /// Policy makers at national and European level.
    PolicyMakers,
}

/// Whether a piece of guidance is out.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuidanceStatus {
    /// Being written: partners only.
    Draft,
    /// Out: everyone.
    Published,
}

/// What a toolkit item is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolkitKind {
    /// A guide.
    Guide,
    /// A template to fill in.
    Template,
    /// A checklist.
    Checklist,
    /// Someone to contact.
    ContactPoint,
}

/// A stored code as the enum's value (`POLICY_MAKERS` → `PolicyMakers`).
fn parse<T: async_graphql::EnumType + Copy>(code: Option<&str>) -> Option<T> {
    let code = code?;
    T::items()
        .iter()
        .find(|item| item.name == code)
        .map(|item| item.value)
}

/// A named analytics figure with its value on the current frames.
#[derive(SimpleObject, Debug, Clone)]
pub struct FigureValue {
    /// As stored, e.g. `ROLE_GAP PROCESSES_BUREAUCRACY LV`.
    pub figure: String,
    /// ROLE_GAP, THEME_SCORE or AGREE_SHARE.
    pub measure: String,
    /// The theme or question code.
    pub item: String,
    /// The country code.
    pub country_code: String,
    /// The value; null when withheld.
    pub value: Option<f64>,
    /// The people behind it (0 when withheld).
    pub n: u64,
    /// Withheld to protect respondents.
    pub suppressed: bool,
    /// The data version the value was computed from.
    pub data_version: i64,
}

/// What a piece of guidance rests on.
pub struct Evidence(Vec<guidance_link::Model>);

/// What a piece of guidance rests on.
#[Object]
impl Evidence {
    /// Coded findings, those the caller may read.
    async fn findings(&self, ctx: &Context<'_>) -> Result<Vec<Finding>> {
        let public_only = super::interview::restricted(ctx);
        let mut out = Vec::new();
        for id in self.0.iter().filter_map(|l| l.finding_id) {
            if let Some(f) = load_one(ctx, FindingId(id)).await?
                && (!public_only || f.visibility == crate::access::VISIBILITY_PUBLIC)
            {
                out.push(Finding(f));
            }
        }
        Ok(out)
    }

    /// Examples of cooperation.
    async fn collaborations(&self, ctx: &Context<'_>) -> Result<Vec<Collaboration>> {
        let mut out = Vec::new();
        for id in self.0.iter().filter_map(|l| l.collaboration_id) {
            if let Some(c) = load_one(ctx, CollaborationId(id)).await? {
                out.push(Collaboration(c));
            }
        }
        Ok(out)
    }

    /// Named figures with their value on the current data.
    async fn figures(&self, ctx: &Context<'_>) -> Result<Vec<FigureValue>> {
        let named: Vec<Figure> = (self.0.iter().filter_map(|l| l.figure.as_deref()))
            .filter_map(|f| Figure::parse(f).ok())
            .collect();
        if named.is_empty() {
            return Ok(Vec::new());
        }
        let frames = (ctx.data_unchecked::<Arc<FrameCache>>().get(db(ctx)).await).gql()?;
        let k = ctx.data_unchecked::<super::comparisons::MinGroupSize>().0;
        let values = tokio::task::spawn_blocking(move || {
            (named.into_iter())
                .map(|f| (figures::evaluate(&frames, &f, k), f))
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|e| async_graphql::Error::new(e.to_string()))?;
        Ok(values
            .into_iter()
            .map(|(v, f)| FigureValue {
                figure: f.code(),
                measure: f.measure.code().to_owned(),
                item: f.item,
                country_code: f.country,
                value: v.value,
                n: v.n,
                suppressed: v.suppressed,
                data_version: v.data_version,
            })
            .collect())
    }
}

async fn links(ctx: &Context<'_>, id: i32) -> Result<Vec<guidance_link::Model>> {
    Ok(load_one(ctx, LinksOfGuidance(id))
        .await?
        .unwrap_or_default())
}

/// Declares a guidance type with the fields every kind has, and its own.
macro_rules! guidance_object {
    ($(#[$doc:meta])* $name:ident { $($own:tt)* }) => {
        $(#[$doc])*
        pub struct $name(pub guidance::Model);

        $(#[$doc])*
        #[Object]
        impl $name {
            /// Stable identifier.
            async fn id(&self) -> ID {
                ID(self.0.id.to_string())
            }
            /// The id in the imported file, e.g. `R1`.
            async fn external_id(&self) -> &str {
                &self.0.external_id
            }
            /// Title in `lang`, falling back to English.
            async fn title(
                &self,
                #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
            ) -> Result<String> {
                Ok(translate(&self.0.title, super::lang(&lang)?))
            }
            /// Text in `lang`, falling back to English.
            async fn text(
                &self,
                #[graphql(default = "en", desc = "Language: en, sv, lv, lt, pt or el.")] lang: String,
            ) -> Result<String> {
                Ok(translate(&self.0.body, super::lang(&lang)?))
            }
            /// Draft (partners only) or published.
            async fn status(&self) -> GuidanceStatus {
                parse(Some(self.0.status.as_str())).unwrap_or(GuidanceStatus::Draft)
            }
            /// The theme codes it answers.
            async fn themes(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
                Ok(links(ctx, self.0.id).await?.into_iter().filter_map(|l| l.theme_code).collect())
            }
            /// The sub-codes it answers.
            async fn sub_codes(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
                Ok(links(ctx, self.0.id).await?.into_iter().filter_map(|l| l.sub_code).collect())
            }
            /// What it rests on.
            async fn evidence(&self, ctx: &Context<'_>) -> Result<Evidence> {
                Ok(Evidence(links(ctx, self.0.id).await?))
            }
            $($own)*
        }
    };
}

guidance_object!(
    /// A policy recommendation of the project.
    Recommendation {
        /// Who it is for.
        async fn audience(&self) -> Option<Audience> {
            parse(self.0.audience.as_deref())
        }
    }
);

guidance_object!(
    /// An item of the toolkit to promote cooperation between youth organisations and
    /// municipalities: a guide, template, checklist or contact point.
    ToolkitItem {
        /// What it is.
        async fn kind(&self) -> Option<ToolkitKind> {
            parse(self.0.toolkit_kind.as_deref())
        }
        /// A web address where it is.
        async fn link(&self) -> Option<&str> {
            self.0.link.as_deref()
        }
        /// The attached file's name.
        async fn attachment_name(&self) -> Option<&str> {
            self.0.attachment_name.as_deref()
        }
        /// Where to download the attached file, relative to the hub's address.
        async fn attachment_url(&self) -> Option<String> {
            self.0
                .attachment_name
                .as_ref()
                .map(|_| format!("/toolkit/{}/file", self.0.id))
        }
    }
);

guidance_object!(
    /// A conclusion of the project.
    Conclusion {}
);

guidance_object!(
    /// A step of the roadmap.
    RoadmapStep {
        /// When, e.g. `2027 Q1`.
        async fn due(&self) -> Option<&str> {
            self.0.due.as_deref()
        }
        /// Who takes it.
        async fn who(&self) -> Option<&str> {
            self.0.who.as_deref()
        }
        /// The recommendation it carries out, when the caller may read it.
        async fn recommendation(&self, ctx: &Context<'_>) -> Result<Option<Recommendation>> {
            let Some(id) = self.0.recommendation_id else {
                return Ok(None);
            };
            let row = load_one(ctx, GuidanceId(id)).await?;
            Ok(row
                .filter(|r| !restricted(ctx) || r.status == "PUBLISHED")
                .map(Recommendation))
        }
    }
);

super::connection::connection!(
    RecommendationConnection,
    RecommendationEdge,
    Recommendation,
    guidance::Model,
    crate::service::page::count::<guidance::Entity>,
    "recommendations"
);

/// Queries of the conclusions, recommendations, toolkit and roadmap.
#[derive(Default)]
pub struct GuidanceQuery;

#[Object]
impl GuidanceQuery {
    /// The recommendations in the project's order.
    async fn recommendations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only those answering this theme (or one of its sub-codes).")]
        theme: Option<String>,
        #[graphql(desc = "Only those for this audience.")] audience: Option<Audience>,
    ) -> Result<Vec<Recommendation>> {
        let rows = service::list(db(ctx), "RECOMMENDATION", restricted(ctx), theme.as_deref())
            .await
            .gql()?;
        Ok(rows
            .into_iter()
            .map(Recommendation)
            .filter(|r| audience.is_none() || parse(r.0.audience.as_deref()) == audience)
            .collect())
    }

    /// The toolkit in the project's order.
    async fn toolkit(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only those answering this theme (or one of its sub-codes).")]
        theme: Option<String>,
    ) -> Result<Vec<ToolkitItem>> {
        let rows = service::list(db(ctx), "TOOLKIT_ITEM", restricted(ctx), theme.as_deref())
            .await
            .gql()?;
        Ok(rows.into_iter().map(ToolkitItem).collect())
    }

    /// The conclusions in the project's order.
    async fn conclusions(&self, ctx: &Context<'_>) -> Result<Vec<Conclusion>> {
        let rows = service::list(db(ctx), "CONCLUSION", restricted(ctx), None)
            .await
            .gql()?;
        Ok(rows.into_iter().map(Conclusion).collect())
    }

    /// The roadmap's steps in order.
    async fn roadmap(&self, ctx: &Context<'_>) -> Result<Vec<RoadmapStep>> {
        let rows = service::list(db(ctx), "ROADMAP_STEP", restricted(ctx), None)
            .await
            .gql()?;
        Ok(rows.into_iter().map(RoadmapStep).collect())
    }
}

//! The dashboard's charts made from the frames of the current data version: the filters
//! of a view (which the pages read from a URL, the command line from its flags) turned
//! into analytics calls, and the rows handed to the `dashboard` crate with names in the
//! view's language.

use analytics::{Filter, Grouping, OrganisationKind, QuestionKind, Role};
use dashboard::{
    Chart, ChartName, Context, Format, Lang, Vocabulary,
    chart::{self, DEFAULT_PNG_SIZE},
};

use super::frames::{Frames, today};
use crate::{
    domain::translate,
    error::{Error, Result},
};

/// The roles whose views the project compares when no role is asked for.
pub const COMPARED_ROLES: [Role; 2] = [Role::MunicipalOfficial, Role::OrganisationRepresentative];

/// The filters of a page or chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// The language of the texts.
    pub lang: Lang,
    /// Country codes.
    pub countries: Vec<String>,
    /// Role codes.
    pub roles: Vec<Role>,
    /// Organisation kind codes.
    pub kinds: Vec<OrganisationKind>,
    /// A question code.
    pub question: Option<String>,
    /// A theme code (the quotes of one heatmap cell).
    pub theme: Option<String>,
    /// A country code (the quotes of one heatmap cell).
    pub quotes: Option<String>,
    /// A name search (the organisation list).
    pub search: Option<String>,
    /// A page cursor (the organisation list).
    pub after: Option<String>,
    /// PNG width.
    pub width: Option<u32>,
    /// PNG height.
    pub height: Option<u32>,
}

impl View {
    /// The filters (not the language or size) as name and value pairs, in URL order.
    pub fn filters(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for c in &self.countries {
            out.push(("country".to_owned(), c.clone()));
        }
        for r in &self.roles {
            out.push(("role".to_owned(), r.code().to_owned()));
        }
        for k in &self.kinds {
            out.push(("kind".to_owned(), k.code().to_owned()));
        }
        if let Some(q) = &self.question {
            out.push(("question".to_owned(), q.clone()));
        }
        if let Some(t) = &self.theme {
            out.push(("theme".to_owned(), t.clone()));
        }
        if let Some(c) = &self.quotes {
            out.push(("quotes".to_owned(), c.clone()));
        }
        out
    }

    /// This view as chart `name` reads it: the filters the chart does not take are
    /// dropped, so that they neither reach the comparison nor show in the provenance.
    pub fn for_chart(&self, name: ChartName) -> Self {
        let takes = chart_parameters(name);
        let mut view = self.clone();
        if !takes.contains(&"role") {
            view.roles.clear();
        }
        if !takes.contains(&"kind") {
            view.kinds.clear();
        }
        if !takes.contains(&"question") {
            view.question = None;
        }
        view.theme = None;
        view.quotes = None;
        view
    }

    fn filter(&self) -> Filter {
        Filter {
            countries: self.countries.clone(),
            roles: self.roles.clone(),
            organisation_kinds: self.kinds.clone(),
            ..Filter::default()
        }
    }
}

/// Which view parameters each chart reads.
pub fn chart_parameters(name: ChartName) -> &'static [&'static str] {
    match name {
        ChartName::Likert | ChartName::Choices => &[
            "lang", "country", "role", "kind", "question", "width", "height",
        ],
        ChartName::ThemeScores => &["lang", "country", "role", "kind", "width", "height"],
        ChartName::RoleGap => &["lang", "country", "kind", "width", "height"],
        ChartName::ThemeFrequency => &["lang", "country", "role", "width", "height"],
        ChartName::Registry => &["lang", "country", "width", "height"],
    }
}

/// The question a view asks for, or the first of the kinds wanted.
fn question(frames: &Frames, view: &View, kinds: &[QuestionKind]) -> Result<String> {
    let questions = frames.inputs.questions();
    let fitting: Vec<&str> = questions
        .iter()
        .filter(|q| kinds.contains(&q.kind))
        .map(|q| q.code.as_str())
        .collect();
    match &view.question {
        Some(code) if fitting.contains(&code.as_str()) => Ok(code.clone()),
        Some(code) => Err(Error::bad_input(
            "question",
            format!(
                "unknown value {code:?} for this chart; valid: {}",
                fitting.join(", ")
            ),
        )),
        None => fitting
            .first()
            .map(|c| (*c).to_owned())
            .ok_or_else(|| Error::bad_input("question", "the data has no question of this kind")),
    }
}

/// The names a chart needs in the view's language.
pub fn vocabulary(frames: &Frames, lang: Lang, question: Option<&str>) -> Vocabulary {
    let labels = &frames.labels;
    let mut vocabulary = Vocabulary {
        themes: labels
            .themes
            .iter()
            .map(|(code, texts)| (code.clone(), translate(texts, lang)))
            .collect(),
        theme_order: labels.theme_order.clone(),
        ..Vocabulary::default()
    };
    if let Some(code) = question {
        if let Some(text) = labels.questions.get(code) {
            vocabulary.question = Some((code.to_owned(), translate(text, lang)));
        }
        // Scale labels are stored as {language: [five labels]}.
        if let Some(scale) = labels.scales.get(code).and_then(|s| {
            s.get(lang.code())
                .or_else(|| s.get("en"))
                .and_then(serde_json::Value::as_array)
        }) {
            vocabulary.scale = scale
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect();
        }
        if let Some(options) = labels.options.get(code) {
            vocabulary.options = options
                .iter()
                .map(|(o, texts)| (o.clone(), translate(texts, lang)))
                .collect();
        }
        if let Some(info) = frames.inputs.questions().iter().find(|q| q.code == code) {
            vocabulary.option_order = info.options.clone();
        }
    }
    vocabulary
}

/// The time a chart is made, as its provenance gives it.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Draws chart `name` for `view` from `frames` (polars work: call it off the async
/// workers). Checks every filter value; a bad one is [`Error::BadInput`].
pub fn make(
    frames: &Frames,
    name: ChartName,
    view: &View,
    k: u64,
    made: String,
) -> Result<(Chart, Context)> {
    let inputs = &frames.inputs;
    let filter = view.filter();
    let mut chart_question = None;
    let by_country = [Grouping::Country];
    let mut context = Context {
        lang: view.lang,
        filters: view.filters(),
        k,
        data_version: frames.version,
        made,
        synthetic: frames.synthetic,
        vocabulary: vocabulary(frames, view.lang, None),
    };
    let chart = match name {
        ChartName::Likert => {
            let code = question(frames, view, &[QuestionKind::Likert])?;
            let rows = inputs.likert_distribution(&code, &by_country, &filter, k)?;
            chart_question = Some(code);
            Chart::Likert(chart::Likert::new(rows))
        }
        ChartName::Choices => {
            let code = question(
                frames,
                view,
                &[QuestionKind::MultipleChoice, QuestionKind::SingleChoice],
            )?;
            let rows = inputs.choice_shares(&code, &by_country, &filter, k)?;
            chart_question = Some(code);
            context.vocabulary = vocabulary(frames, view.lang, chart_question.as_deref());
            Chart::Choices(chart::Choices::new(rows, &context))
        }
        ChartName::ThemeScores => {
            let mut filter = filter;
            if filter.roles.is_empty() {
                filter.roles = COMPARED_ROLES.to_vec();
            }
            let rows = inputs.theme_scores(&[Grouping::Country, Grouping::Role], &filter, k)?;
            Chart::ThemeScores(chart::ThemeScores::new(rows, &context))
        }
        ChartName::RoleGap => {
            let rows = inputs.role_gap(&filter, k)?;
            Chart::RoleGap(chart::RoleGap::new(rows, &context))
        }
        ChartName::ThemeFrequency => {
            let rows = inputs.theme_frequency(&by_country, &filter)?;
            Chart::ThemeFrequency(chart::ThemeFrequency::new(&rows, &context))
        }
        ChartName::Registry => {
            let mut rows = inputs.registry_stats(&by_country, today())?;
            let known: Vec<String> = rows.iter().filter_map(|r| r.keys.country.clone()).collect();
            if let Some(bad) = view.countries.iter().find(|c| !known.contains(c)) {
                return Err(Error::bad_input(
                    "country",
                    format!("unknown value {bad:?}; valid: {}", known.join(", ")),
                ));
            }
            if !view.countries.is_empty() {
                rows.retain(|r| {
                    r.keys
                        .country
                        .as_ref()
                        .is_some_and(|c| view.countries.contains(c))
                });
            }
            Chart::Registry(chart::Registry::new(rows))
        }
    };
    if chart_question.is_some() {
        context.vocabulary = vocabulary(frames, view.lang, chart_question.as_deref());
    }
    Ok((chart, context))
}

/// Chart `name` for `view` as the bytes of one file format (polars and drawing work:
/// call it off the async workers).
pub fn render(
    frames: &Frames,
    name: ChartName,
    format: Format,
    view: &View,
    k: u64,
    made: String,
) -> Result<Vec<u8>> {
    let (chart, context) = make(frames, name, view, k, made)?;
    Ok(match format {
        Format::Svg => chart.svg(&context)?.into_bytes(),
        Format::Csv => chart.csv(&context).into_bytes(),
        Format::Png => chart.png(
            &context,
            (
                view.width.unwrap_or(DEFAULT_PNG_SIZE.0),
                view.height.unwrap_or(DEFAULT_PNG_SIZE.1),
            ),
        )?,
    })
}

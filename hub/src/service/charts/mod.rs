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

mod areas;
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
    /// A field of activity code (the organisation list).
    pub activity: Option<String>,
    /// A target group code (the organisation list).
    pub group: Option<String>,
    /// The earlier survey wave of the wave change (a survey code).
    pub from: Option<String>,
    /// The later survey wave of the wave change.
    pub to: Option<String>,
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
        if let Some(a) = &self.activity {
            out.push(("activity".to_owned(), a.clone()));
        }
        if let Some(g) = &self.group {
            out.push(("group".to_owned(), g.clone()));
        }
        if let Some(s) = &self.from {
            out.push(("from".to_owned(), s.clone()));
        }
        if let Some(s) = &self.to {
            out.push(("to".to_owned(), s.clone()));
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
        if !takes.contains(&"from") {
            view.from = None;
            view.to = None;
        }
        if !takes.contains(&"theme") {
            view.theme = None;
        }
        view.quotes = None;
        view.activity = None;
        view.group = None;
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
        ChartName::ThemeScores => &[
            "lang", "country", "role", "kind", "theme", "width", "height",
        ],
        ChartName::RoleGap => &["lang", "country", "kind", "theme", "width", "height"],
        ChartName::CountryDifferences => &[
            "lang", "country", "role", "kind", "theme", "width", "height",
        ],
        ChartName::WaveChange => &[
            "lang", "country", "role", "kind", "from", "to", "width", "height",
        ],
        ChartName::ThemeFrequency | ChartName::ThemeCooccurrence => {
            &["lang", "country", "role", "width", "height"]
        }
        ChartName::Registry | ChartName::Freshness | ChartName::RegistryYears => {
            &["lang", "country", "width", "height"]
        }
    }
}

/// The question a view asks for, or the first of the kinds wanted.
fn question(frames: &Frames, view: &View, kinds: &[QuestionKind]) -> Result<String> {
    let questions = frames.inputs.questions();
    let mut fitting: Vec<&str> = Vec::new();
    // Waves of a survey share their codes: each code once, in the first wave's order.
    for q in questions.iter().filter(|q| kinds.contains(&q.kind)) {
        if !fitting.contains(&q.code.as_str()) {
            fitting.push(&q.code);
        }
    }
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

/// The one theme a view asks for, checked against the codebook.
fn one_theme(frames: &Frames, view: &View) -> Result<Option<String>> {
    let Some(theme) = &view.theme else {
        return Ok(None);
    };
    let order = &frames.labels.theme_order;
    if order.contains(theme) {
        Ok(Some(theme.clone()))
    } else {
        Err(Error::bad_input(
            "theme",
            format!("unknown value {theme:?}; valid: {}", order.join(", ")),
        ))
    }
}

/// The two survey waves a view compares: those it names, else the latest two.
fn waves(frames: &Frames, view: &View) -> Result<(String, String)> {
    let waves = frames.inputs.waves()?;
    let latest = |back: usize| waves.len().checked_sub(back).map(|i| waves[i].clone());
    let (from, to) = match (&view.from, &view.to) {
        (Some(from), Some(to)) => (Some(from.clone()), Some(to.clone())),
        (Some(from), None) => (Some(from.clone()), latest(1)),
        (None, Some(to)) => {
            let before = waves
                .iter()
                .position(|w| w == to)
                .and_then(|i| i.checked_sub(1));
            (before.map(|i| waves[i].clone()), Some(to.clone()))
        }
        (None, None) => (latest(2), latest(1)),
    };
    from.zip(to).ok_or_else(|| {
        Error::bad_input(
            "from",
            format!(
                "the wave change needs two survey waves with answers; the data has {}: {}",
                waves.len(),
                waves.join(", ")
            ),
        )
    })
}

/// Whether chart `name` can be drawn from the data at all: the wave change needs two
/// waves.
pub fn available(frames: &Frames, name: ChartName) -> bool {
    name != ChartName::WaveChange || frames.inputs.waves().is_ok_and(|w| w.len() >= 2)
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
            let mut rows = inputs.theme_scores(&[Grouping::Country, Grouping::Role], &filter, k)?;
            if let Some(theme) = one_theme(frames, view)? {
                rows.retain(|r| r.theme == theme);
            }
            Chart::ThemeScores(chart::ThemeScores::new(rows, &context))
        }
        ChartName::RoleGap => {
            let mut rows = inputs.role_gap(&filter, k)?;
            if let Some(theme) = one_theme(frames, view)? {
                rows.retain(|r| r.theme == theme);
            }
            Chart::RoleGap(chart::RoleGap::new(rows, &context))
        }
        ChartName::CountryDifferences => {
            let mut rows = inputs.country_differences(&filter, k)?;
            if let Some(theme) = one_theme(frames, view)? {
                rows.retain(|r| r.theme.as_ref() == Some(&theme));
            }
            let questions = (frames.labels.questions.iter())
                .map(|(code, text)| (code.clone(), translate(text, view.lang)))
                .collect();
            Chart::CountryDifferences(chart::CountryDifferences::new(rows, questions, &context))
        }
        ChartName::WaveChange => {
            let (from, to) = waves(frames, view)?;
            let rows = inputs.wave_change(&from, &to, &filter, k)?;
            context
                .filters
                .retain(|(name, _)| name != "from" && name != "to");
            context.filters.push(("from".into(), from.clone()));
            context.filters.push(("to".into(), to.clone()));
            Chart::WaveChange(chart::WaveChange::new(rows, &from, &to, &context))
        }
        ChartName::ThemeFrequency => {
            let rows = inputs.theme_frequency(&by_country, &filter)?;
            Chart::ThemeFrequency(chart::ThemeFrequency::new(&rows, &context))
        }
        ChartName::ThemeCooccurrence => {
            let rows = inputs.theme_cooccurrence(&filter)?;
            let interviews = inputs.interview_count(&filter)?;
            Chart::ThemeCooccurrence(chart::Cooccurrence::new(&rows, interviews, &context))
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
        ChartName::Freshness => areas::freshness(frames, view)?,
        ChartName::RegistryYears => {
            let mut rows = inputs.registry_years(&by_country)?;
            if !view.countries.is_empty() {
                rows.retain(|r| {
                    (r.keys.country.as_ref()).is_some_and(|c| view.countries.contains(c))
                });
            }
            Chart::RegistryYears(chart::RegistryYears::new(&rows))
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

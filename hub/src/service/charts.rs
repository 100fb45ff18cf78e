//! The dashboard's charts made from the frames of the current data version: the filters
//! of a view (as a URL or the command line gives them) turned into analytics calls,
//! and the rows handed to the `dashboard` crate with names in the view's language.

use analytics::{Filter, Grouping};
use dashboard::{Chart, ChartName, Context, Lang, Vocabulary, chart};

use super::frames::{Frames, today};
use crate::{
    domain::{OrganisationKind, Role, translate},
    error::{Error, Result},
};

/// The roles whose views the project compares when no role is asked for.
pub const COMPARED_ROLES: [&str; 2] = ["MUNICIPAL_OFFICIAL", "ORGANISATION_REPRESENTATIVE"];

/// Every role code.
pub const ROLES: [&str; 4] = Role::CODES;

/// Every organisation kind code.
pub const KINDS: [&str; 6] = OrganisationKind::CODES;

/// The filters of a page or chart, as its URL carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// The language of the texts.
    pub lang: Lang,
    /// Country codes (`country=LV&country=LT`).
    pub countries: Vec<String>,
    /// Role codes.
    pub roles: Vec<String>,
    /// Organisation kind codes.
    pub kinds: Vec<String>,
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

/// Every URL parameter a view understands.
pub const PARAMETERS: [&str; 11] = [
    "lang", "country", "role", "kind", "question", "theme", "quotes", "q", "after", "width",
    "height",
];

fn one_of(field: &str, value: &str, valid: &[&str]) -> Result<String> {
    let upper = value.trim().to_ascii_uppercase();
    if valid.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Err(Error::bad_input(
            field,
            format!("unknown value {value:?}; valid: {}", valid.join(", ")),
        ))
    }
}

fn size(field: &str, value: &str) -> Result<u32> {
    value.trim().parse().map_err(|_| {
        Error::bad_input(
            field,
            format!(
                "{value:?} is not a whole number of pixels; a PNG side is {} to {}",
                chart::MIN_PNG_SIDE,
                chart::MAX_PNG_SIDE
            ),
        )
    })
}

impl View {
    /// Reads a URL query string, accepting only the parameters in `allowed`; empty
    /// values count as absent, so that a form's "all" choice can send `country=`.
    pub fn parse(query: &str, allowed: &[&str]) -> Result<Self> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
            .map_err(|e| Error::bad_input("query", format!("not a valid query string: {e}")))?;
        let mut view = Self::default();
        for (key, value) in pairs {
            if !allowed.contains(&key.as_str()) {
                return Err(Error::bad_input(
                    key.as_str(),
                    format!(
                        "this page has no parameter {key:?}; valid: {}",
                        allowed.join(", ")
                    ),
                ));
            }
            if value.trim().is_empty() {
                continue;
            }
            match key.as_str() {
                "lang" => view.lang = Lang::parse(&value)?,
                "country" => view.countries.push(value.trim().to_ascii_uppercase()),
                "role" => view.roles.push(one_of("role", &value, &ROLES)?),
                "kind" => view.kinds.push(one_of("kind", &value, &KINDS)?),
                "question" => view.question = Some(value.trim().to_ascii_uppercase()),
                "theme" => view.theme = Some(value.trim().to_ascii_uppercase()),
                "quotes" => view.quotes = Some(value.trim().to_ascii_uppercase()),
                "q" => view.search = Some(value),
                "after" => view.after = Some(value),
                "width" => view.width = Some(size("width", &value)?),
                "height" => view.height = Some(size("height", &value)?),
                _ => {}
            }
        }
        Ok(view)
    }

    /// The filters (not the language or size) as name and value pairs, in URL order.
    pub fn filters(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for c in &self.countries {
            out.push(("country".to_owned(), c.clone()));
        }
        for r in &self.roles {
            out.push(("role".to_owned(), r.clone()));
        }
        for k in &self.kinds {
            out.push(("kind".to_owned(), k.clone()));
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

/// Analytics names its fields as GraphQL arguments; a URL calls them otherwise.
fn url_field(error: Error) -> Error {
    match error {
        Error::BadInput { field, message } => {
            let field = match field.as_str() {
                "filter.countryCode" => "country".to_owned(),
                "filter.role" => "role".to_owned(),
                "filter.organisationKind" => "kind".to_owned(),
                _ => field,
            };
            Error::BadInput { field, message }
        }
        other => other,
    }
}

/// The question a view asks for, or the first of the kinds wanted.
fn question(frames: &Frames, view: &View, kinds: &[&str]) -> Result<String> {
    let questions = frames.inputs.questions();
    let fitting: Vec<&str> = questions
        .iter()
        .filter(|q| kinds.contains(&q.kind.as_str()))
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
            let code = question(frames, view, &["LIKERT"])?;
            let rows = inputs
                .likert_distribution(&code, &by_country, &filter, k)
                .map_err(|e| url_field(e.into()))?;
            chart_question = Some(code);
            Chart::Likert(chart::Likert::new(rows))
        }
        ChartName::Choices => {
            let code = question(frames, view, &["MULTIPLE_CHOICE", "SINGLE_CHOICE"])?;
            let rows = inputs
                .choice_shares(&code, &by_country, &filter, k)
                .map_err(|e| url_field(e.into()))?;
            chart_question = Some(code);
            context.vocabulary = vocabulary(frames, view.lang, chart_question.as_deref());
            Chart::Choices(chart::Choices::new(rows, &context))
        }
        ChartName::ThemeScores => {
            let mut filter = filter;
            if filter.roles.is_empty() {
                filter.roles = COMPARED_ROLES.iter().map(|r| (*r).to_owned()).collect();
            }
            let rows = inputs
                .theme_scores(&[Grouping::Country, Grouping::Role], &filter, k)
                .map_err(|e| url_field(e.into()))?;
            Chart::ThemeScores(chart::ThemeScores::new(rows, &context))
        }
        ChartName::RoleGap => {
            let rows = inputs
                .role_gap(&filter, k)
                .map_err(|e| url_field(e.into()))?;
            Chart::RoleGap(chart::RoleGap::new(rows, &context))
        }
        ChartName::ThemeFrequency => {
            let rows = inputs
                .theme_frequency(&by_country, &filter)
                .map_err(|e| url_field(e.into()))?;
            Chart::ThemeFrequency(chart::ThemeFrequency::new(&rows, &context))
        }
        ChartName::Registry => {
            let mut rows = inputs
                .registry_stats(&by_country, today())
                .map_err(|e| url_field(e.into()))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_reads_repeated_filters_and_ignores_empty_ones() {
        let view = View::parse(
            "country=lv&country=LT&role=municipal_official&kind=&lang=sv",
            &PARAMETERS,
        )
        .unwrap();
        assert_eq!(view.countries, ["LV", "LT"]);
        assert_eq!(view.roles, ["MUNICIPAL_OFFICIAL"]);
        assert!(view.kinds.is_empty());
        assert_eq!(view.lang, Lang::Sv);
    }

    #[test]
    fn an_unknown_parameter_or_value_names_what_is_valid() {
        let error = View::parse("colour=red", &["lang", "country"])
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("colour:") && error.contains("valid: lang, country"),
            "{error}"
        );
        let error = View::parse("role=mayor", &PARAMETERS)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("MUNICIPAL_OFFICIAL, ORGANISATION_REPRESENTATIVE"),
            "{error}"
        );
        let error = View::parse("lang=de", &PARAMETERS).unwrap_err().to_string();
        assert!(error.contains("en, sv, lv, lt, pt, el"), "{error}");
        let error = View::parse("width=wide", &PARAMETERS)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("width:"), "{error}");
    }
}

//! `/countries/{CC}`: one printable sheet per country in the report's order: the facts
//! of its partner areas, its registry, its survey highlights, its most frequent
//! sub-codes with one public quote each, and its examples of cooperation. Printed on A4
//! (the page's print styles), or written to one file with its charts inline to open
//! offline (`hub export sheet`).

use maud::{Markup, PreEscaped, html};

use super::{ChartSlot, Quote, Shell, chart_figure, page};
use crate::i18n::Texts;

/// One partner area of the country.
#[derive(Debug, Clone)]
pub struct AreaFacts {
    /// Its name.
    pub name: String,
    /// Inhabitants.
    pub population: i64,
    /// Where the figure comes from, and its year.
    pub source: Option<String>,
    /// Municipalities (or districts).
    pub municipalities: i32,
    /// Languages, ISO 639-1.
    pub languages: Vec<String>,
}

/// The country's registry in numbers.
#[derive(Debug, Clone, Copy)]
pub struct RegistryFacts {
    /// Organisations registered.
    pub organisations: u64,
    /// Of them active.
    pub active: u64,
    /// Of them closed.
    pub closed: u64,
    /// Active per 10,000 inhabitants.
    pub per_10k: Option<f64>,
}

/// One of the most frequent sub-codes, with a public quote.
#[derive(Debug, Clone)]
pub struct SubCodeLine {
    /// The theme's name.
    pub theme: String,
    /// The sub-code's name.
    pub name: String,
    /// Findings coded with it in the country.
    pub count: u64,
    /// Their share of the country's findings.
    pub share: f64,
    /// One public quote, if there is one.
    pub quote: Option<Quote>,
}

/// What the sheet shows.
#[derive(Debug, Clone)]
pub struct CountrySheet {
    /// Country code.
    pub code: String,
    /// Its partner areas.
    pub areas: Vec<AreaFacts>,
    /// Its registry.
    pub registry: Option<RegistryFacts>,
    /// Survey respondents.
    pub respondents: u64,
    /// Findings coded from its interviews.
    pub findings: u64,
    /// The registry chart (foundings and closures), then the survey's (theme scores, role gap).
    pub registry_charts: Vec<ChartSlot>,
    /// The survey's charts.
    pub survey_charts: Vec<ChartSlot>,
    /// Its most frequent sub-codes.
    pub sub_codes: Vec<SubCodeLine>,
    /// Its examples of cooperation: title, place and years.
    pub collaborations: Vec<(String, String, String)>,
}

/// A chart on the sheet: with its download links on the web, bare in a file.
fn figure(shell: &Shell, slot: &ChartSlot, offline: bool) -> Markup {
    if offline {
        html! { figure.chart id=(slot.id) { (PreEscaped(&slot.svg)) } }
    } else {
        chart_figure(shell, slot)
    }
}

/// `/countries/{CC}`; `offline` leaves out what needs the hub (download links).
pub fn country_sheet(shell: &Shell, sheet: &CountrySheet, offline: bool) -> Markup {
    let lang = shell.lang;
    let name = lang.term_or_code(&sheet.code);
    page(
        shell,
        &format!("{}: {name}", lang.t("country_sheet")),
        html! {
            section.sheet aria-labelledby="facts" {
                h3 id="facts" { (lang.t("facts")) }
                table {
                    thead { tr {
                        th scope="col" { (lang.t("area")) }
                        th scope="col" { (lang.t("population")) }
                        th scope="col" { (lang.t("municipalities")) }
                        th scope="col" { (lang.t("languages")) }
                    } }
                    tbody { @for a in &sheet.areas { tr {
                        th scope="row" { (a.name) }
                        td { (a.population) @if let Some(s) = &a.source { br; span.muted { (s) } } }
                        td { (a.municipalities) }
                        td { (a.languages.join(", ")) }
                    } } }
                }
            }
            section.sheet aria-labelledby="registry" {
                h3 id="registry" { (lang.t("registry")) }
                @if let Some(r) = sheet.registry {
                    p {
                        (lang.t("organisations")) ": " strong { (r.organisations) } " · "
                        (lang.term_or_code("ACTIVE")) ": " strong { (r.active) } " · "
                        (lang.term_or_code("CLOSED")) ": " strong { (r.closed) }
                        @if let Some(v) = r.per_10k { " · " (lang.t("active_per_10k")) ": " strong { (format!("{v:.1}")) } }
                    }
                }
                @for chart in &sheet.registry_charts { (figure(shell, chart, offline)) }
            }
            section.sheet aria-labelledby="survey" {
                h3 id="survey" { (lang.t("survey")) }
                p { (lang.t("respondents")) ": " strong { (sheet.respondents) } }
                @for chart in &sheet.survey_charts { (figure(shell, chart, offline)) }
            }
            section.sheet aria-labelledby="sub-codes" {
                h3 id="sub-codes" { (lang.t("frequent_sub_codes")) }
                p { (lang.t("findings")) ": " strong { (sheet.findings) } }
                @if sheet.sub_codes.is_empty() { p { (lang.t("no_results")) } }
                @for s in &sheet.sub_codes {
                    div.card {
                        p { strong { (s.name) } " (" (s.theme) "): " (s.count) " (" (format!("{:.0} %", s.share * 100.0)) ")" }
                        @if let Some(q) = &s.quote {
                            blockquote {
                                p lang=(q.language) { "“" (q.quote) "”" }
                                @if let Some(t) = &q.translation {
                                    @if q.language != "en" { p.muted lang="en" { (lang.t("translation")) ": " (t) } }
                                }
                            }
                        }
                    }
                }
            }
            section.sheet aria-labelledby="collaborations" {
                h3 id="collaborations" { (lang.t("collaborations")) }
                @if sheet.collaborations.is_empty() { p { (lang.t("no_results")) } }
                ul { @for (title, place, years) in &sheet.collaborations {
                    li { strong { (title) } @if !place.is_empty() { ", " (place) } @if !years.is_empty() { " (" (years) ")" } }
                } }
            }
        },
    )
}

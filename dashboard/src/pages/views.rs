//! One function per page; each takes what the hub read and returns the HTML.

use crate::i18n::Texts;
use maud::{Markup, html};

use super::{ChartSlot, Select, Shell, chart_figure, filter_form, page};
use crate::chart::ThemeFrequency;
use crate::chart::Vocabulary;

/// The figures of one country on the overview.
#[derive(Debug, Clone)]
pub struct CountryCard {
    /// ISO country code.
    pub country: String,
    /// The partner regions in it.
    pub regions: Vec<String>,
    /// Inhabitants of those regions.
    pub population: i64,
    /// Active organisations in the registry.
    pub active_organisations: u64,
    /// Survey respondents.
    pub respondents: u64,
    /// Coded interview findings.
    pub findings: u64,
}

/// One municipality's registry figures on the registry page.
#[derive(Debug, Clone)]
pub struct AreaRow {
    /// Its name; `None` for the organisations without a municipality.
    pub name: Option<String>,
    /// Inhabitants, where a source gives them.
    pub population: Option<i64>,
    /// Active organisations.
    pub active: u64,
    /// Active organisations per 10,000 inhabitants.
    pub active_per_10k: Option<f64>,
    /// Closed as a share of all.
    pub closure_rate: f64,
    /// Share of the organisations not closed checked in the last 12 months.
    pub verified_share: Option<f64>,
}

/// A share as a whole percentage.
fn percent(share: f64) -> String {
    format!("{:.0}\u{a0}%", share * 100.0)
}

fn number(value: impl Into<i64>) -> String {
    let digits = value.into().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && c.is_ascii_digit() {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// `/`: a card per country.
pub fn overview(shell: &Shell, cards: &[CountryCard]) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("overview"),
        html! {
            div.cards {
                @for card in cards {
                    section.card {
                        h2 { a href=(shell.link(&format!("/countries/{}", card.country), &[])) { (lang.term_or_code(&card.country)) } }
                        p.muted { (card.regions.join(", ")) }
                        dl {
                            dt { (lang.t("population")) } dd { (number(card.population)) }
                            dt { (lang.t("active_orgs")) } dd { (number(i64::try_from(card.active_organisations).unwrap_or(i64::MAX))) }
                            dt { (lang.t("respondents")) } dd { (number(i64::try_from(card.respondents).unwrap_or(i64::MAX))) }
                            dt { (lang.t("findings")) } dd { (number(i64::try_from(card.findings).unwrap_or(i64::MAX))) }
                        }
                    }
                }
            }
        },
    )
}

/// One organisation in the registry list.
#[derive(Debug, Clone)]
pub struct OrganisationItem {
    /// Its id in the hub, for the link to its page.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Region name.
    pub region: String,
    /// Kind code.
    pub kind: String,
    /// Status code.
    pub status: String,
    /// Year founded.
    pub founded: Option<i32>,
}

/// A page of the organisation list.
#[derive(Debug, Clone)]
pub struct OrganisationList {
    /// The organisations on this page.
    pub items: Vec<OrganisationItem>,
    /// How many match in all.
    pub total: u64,
    /// The link to the next page, if there is one.
    pub next: Option<String>,
    /// The name search as given.
    pub search: String,
}

/// `/registry`: the registry chart and a searchable organisation list.
pub fn registry(
    shell: &Shell,
    selects: &[Select],
    charts: &[ChartSlot],
    areas: &[AreaRow],
    list: &OrganisationList,
) -> Markup {
    let lang = shell.lang;
    let count = |n: u64| number(i64::try_from(n).unwrap_or(i64::MAX));
    let search = html! {
        label { (lang.t("search")) input type="search" name="q" value=(list.search); }
    };
    page(
        shell,
        lang.t("registry"),
        html! {
            @if let Some(chart) = charts.first() { (chart_figure(shell, chart)) }
            (filter_form(shell, selects, search))
            @for chart in charts.iter().skip(1) { (chart_figure(shell, chart)) }
            @if !areas.is_empty() {
                div.scroll tabindex="0" role="region" aria-label=(lang.t("municipalities")) {
                    table {
                        caption { (lang.t("municipalities")) }
                        thead { tr {
                            th scope="col" { (lang.t("municipality")) }
                            th scope="col" { (lang.t("population")) }
                            th scope="col" { (lang.t("active_orgs")) }
                            th scope="col" { (lang.t("active_per_10k")) }
                            th scope="col" { (lang.t("closure_rate")) }
                            th scope="col" { (lang.t("verified_share")) }
                        } }
                        tbody {
                            @for area in areas {
                                tr {
                                    th scope="row" {
                                        @match &area.name {
                                            Some(name) => (name),
                                            None => (lang.t("no_municipality")),
                                        }
                                    }
                                    td.num { @if let Some(p) = area.population { (number(p)) } }
                                    td.num { (count(area.active)) }
                                    td.num { @if let Some(r) = area.active_per_10k { (format!("{r:.1}")) } }
                                    td.num { (percent(area.closure_rate)) }
                                    td.num { @if let Some(s) = area.verified_share { (percent(s)) } }
                                }
                            }
                        }
                    }
                }
            }
            p.muted { (lang.t("organisations")) ": " (list.total) }
            @if list.items.is_empty() {
                p { (lang.t("no_results")) }
            } @else {
                // Focusable, so that a keyboard can scroll a table wider than the screen.
                div.scroll tabindex="0" role="region" aria-label=(lang.t("organisations")) {
                    table {
                        thead { tr {
                            th { (lang.t("name")) } th { (lang.t("region")) } th { (lang.t("kind")) }
                            th { (lang.t("status")) } th { (lang.t("founded")) }
                        } }
                        tbody {
                            @for org in &list.items {
                                tr {
                                    td { a href=(shell.link(&format!("/organisations/{}", org.id), &[])) { (org.name) } }
                                    td { (org.region) }
                                    td { (lang.term_or_code(&org.kind)) }
                                    td { (lang.term_or_code(&org.status)) }
                                    td.num { @if let Some(y) = org.founded { (y) } }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(next) = &list.next {
                p { a href=(next) rel="next" { (lang.t("next")) " →" } }
            }
        },
    )
}

/// `/survey`: one question's answers by country.
pub fn survey(shell: &Shell, selects: &[Select], chart: &ChartSlot) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("survey"),
        html! {
            (filter_form(shell, selects, html! {}))
            (chart_figure(shell, chart))
        },
    )
}

/// `/themes`: theme scores and the role gap.
pub fn themes(
    shell: &Shell,
    selects: &[Select],
    charts: &[ChartSlot],
    theme_links: &[(String, String)],
) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("themes"),
        html! {
            nav aria-labelledby="theme-pages" {
                h3 id="theme-pages" { (lang.t("theme_pages")) }
                ul { @for (code, name) in theme_links {
                    li { a href=(shell.link(&format!("/themes/{code}"), &[])) { (name) } }
                } }
            }
            (filter_form(shell, selects, html! {}))
            @for chart in charts { (chart_figure(shell, chart)) }
        },
    )
}

/// A quote with its translation.
#[derive(Debug, Clone)]
pub struct Quote {
    /// The quote as said.
    pub quote: String,
    /// Its language code.
    pub language: String,
    /// The English translation, if any.
    pub translation: Option<String>,
    /// The sub-code it was coded with.
    pub sub_code: Option<String>,
}

/// The quotes of one heatmap cell.
#[derive(Debug, Clone)]
pub struct Quotes {
    /// Theme code.
    pub theme: String,
    /// Country code.
    pub country: String,
    /// The quotes (at most a page of them).
    pub items: Vec<Quote>,
    /// How many there are in all.
    pub total: u64,
}

fn cell_link(shell: &Shell, base: &[(String, String)], theme: &str, country: &str) -> String {
    let mut params = base.to_vec();
    params.push(("theme".into(), theme.to_owned()));
    params.push(("quotes".into(), country.to_owned()));
    format!("{}#quotes", shell.link("/interviews", &params))
}

/// `/interviews`: the theme heatmap; a cell opens its quotes.
pub fn interviews(
    shell: &Shell,
    selects: &[Select],
    (chart, more): (&ChartSlot, &[ChartSlot]),
    heat: &ThemeFrequency,
    vocabulary: &Vocabulary,
    quotes: Option<&Quotes>,
) -> Markup {
    let lang = shell.lang;
    let base: Vec<(String, String)> = shell
        .params
        .iter()
        .filter(|(k, _)| k != "theme" && k != "quotes")
        .cloned()
        .collect();
    page(
        shell,
        lang.t("interviews"),
        html! {
            (filter_form(shell, selects, html! {}))
            (chart_figure(shell, chart))
            div.scroll tabindex="0" role="region" aria-label=(lang.t("theme_frequency_title")) {
                table {
                    caption.muted { (lang.t("theme_frequency_title")) }
                    thead { tr {
                        th { (lang.t("theme")) }
                        @for (country, _) in heat.countries() { th { (lang.term_or_code(country)) } }
                    } }
                    tbody {
                        @for theme in heat.themes() {
                            tr {
                                th scope="row" { (vocabulary.theme(theme)) }
                                @for (country, _) in heat.countries() {
                                    @let (count, _) = heat.cell(theme, country);
                                    td.num { a href=(cell_link(shell, &base, theme, country)) { (count) } }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(quotes) = quotes {
                (quotes_section(lang, vocabulary, quotes))
            }
            @for chart in more { (chart_figure(shell, chart)) }
        },
    )
}

/// The quotes of one heatmap cell, with their translations and sub-codes.
fn quotes_section(lang: crate::i18n::Lang, vocabulary: &Vocabulary, quotes: &Quotes) -> Markup {
    html! {
                section id="quotes" {
                    h3 { (lang.t("quotes")) ": " (vocabulary.theme(&quotes.theme)) " · " (lang.term_or_code(&quotes.country)) " (" (quotes.total) ")" }
                    @if quotes.items.is_empty() { p { (lang.t("no_results")) } }
                    @for q in &quotes.items {
                        blockquote {
                            p lang=(q.language) { "“" (q.quote) "”" }
                            @if let Some(t) = &q.translation {
                                @if q.language != "en" {
                                    p.muted lang="en" { (lang.t("translation")) ": " (t) }
                                }
                            }
                            @if let Some(s) = &q.sub_code { p.muted { (s) } }
                        }
                    }
                }
    }
}

/// One example of cooperation.
#[derive(Debug, Clone)]
pub struct CollaborationItem {
    /// Title.
    pub title: String,
    /// Country code.
    pub country: String,
    /// Municipality.
    pub municipality: String,
    /// Years, e.g. `2019–2022`.
    pub years: String,
    /// What was done.
    pub description: String,
    /// Theme names.
    pub themes: Vec<String>,
    /// Outcome codes.
    pub outcomes: Vec<String>,
    /// Lessons learned, if given.
    pub lessons: Option<String>,
    /// The language of the texts when it is not the page's (the English fallback).
    pub text_lang: Option<String>,
    /// Its id, when the viewer may edit it.
    pub edit: Option<i32>,
}

/// `/collaborations`: the examples of cooperation.
pub fn collaborations(shell: &Shell, selects: &[Select], items: &[CollaborationItem]) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("collaborations"),
        html! {
            (filter_form(shell, selects, html! {}))
            @if items.is_empty() { p { (lang.t("no_results")) } }
            div.cards {
                @for item in items {
                    article.card {
                        h2 lang=[item.text_lang.as_deref()] { (item.title) }
                        p.muted { (lang.term_or_code(&item.country)) " · " (item.municipality) " · " (item.years) }
                        p lang=[item.text_lang.as_deref()] { (item.description) }
                        @if let Some(lessons) = &item.lessons {
                            p lang=[item.text_lang.as_deref()] { (lessons) }
                        }
                        @if !item.themes.is_empty() {
                            p.muted { (lang.t("themes")) ": " (item.themes.join(", ")) }
                        }
                        @if !item.outcomes.is_empty() {
                            p.muted {
                                (lang.t("outcome")) ": "
                                (item.outcomes.iter().map(|o| lang.term_or_code(o)).collect::<Vec<_>>().join(", "))
                            }
                        }
                        @if let Some(id) = item.edit {
                            p { a href=(shell.link(&format!("/collaborations/{id}/edit"), &[])) { (lang.t("edit")) ": " (item.title) } }
                        }
                    }
                }
            }
        },
    )
}

/// A 400 (or other) page: what was wrong, and what is valid.
pub fn error_page(shell: &Shell, message: &str) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("bad_request"),
        html! {
            div.error role="alert" {
                p { (message) }
                p { a href=(shell.link(&shell.path, &[])) { (lang.t("all")) } }
            }
        },
    )
}

/// The sign-in form; `problem` says why the last attempt failed.
pub fn sign_in_page(shell: &Shell, csrf: &str, problem: Option<&str>) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("sign_in"),
        html! {
            @if let Some(problem) = problem {
                div.error role="alert" { p { (problem) } }
            }
            form.sign-in method="post" action=(shell.link("/sign-in", &[])) {
                input type="hidden" name="csrf" value=(csrf);
                label for="name" { (lang.t("account_name")) }
                input #name type="text" name="name" autocomplete="username" required;
                label for="password" { (lang.t("password")) }
                input #password type="password" name="password" autocomplete="current-password" required;
                button type="submit" { (lang.t("sign_in")) }
            }
        },
    )
}

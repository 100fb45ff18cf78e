//! `/themes/{CODE}`: one theme with its evidence side by side: its scores by country
//! and role and the role gap, its Likert questions, its sub-codes by country, and
//! beside each country's score the quotes coded with it there.

use maud::{Markup, html};

use super::{ChartSlot, Quote, Select, Shell, chart_figure, filter_form, page};
use crate::i18n::Texts;

/// A sub-code's findings in each country of the page, in its column order.
#[derive(Debug, Clone)]
pub struct SubCodeCounts {
    /// The sub-code.
    pub code: String,
    /// Its name in the page's language.
    pub name: String,
    /// Per country: its findings, and their share of the theme's findings there.
    pub counts: Vec<(u64, Option<f64>)>,
}

/// One country's mean score on the theme, as the theme-scores figures give it.
#[derive(Debug, Clone, Copy)]
pub struct Score {
    /// People with a score.
    pub n: u64,
    /// Mean score (1 to 5).
    pub mean: f64,
    /// 95 % interval.
    pub ci: (f64, f64),
}

/// A country's score beside the voices behind it.
#[derive(Debug, Clone)]
pub struct CountryVoices {
    /// Country code.
    pub country: String,
    /// Its score; `None` when fewer than k people gave one.
    pub score: Option<Score>,
    /// Up to a few quotes the viewer may read.
    pub quotes: Vec<Quote>,
    /// How many quotes the viewer may read there in all.
    pub total: u64,
}

/// What the page shows besides its charts.
#[derive(Debug, Clone)]
pub struct ThemePage {
    /// The theme's code.
    pub code: String,
    /// Its name in the page's language.
    pub name: String,
    /// What it covers.
    pub description: String,
    /// The countries of the sub-code table's columns.
    pub countries: Vec<String>,
    /// Its sub-codes' findings per country.
    pub sub_codes: Vec<SubCodeCounts>,
    /// Each country's score and quotes.
    pub voices: Vec<CountryVoices>,
    /// The smallest group shown.
    pub k: u64,
}

/// `/themes/{CODE}`.
pub fn theme_page(
    shell: &Shell,
    selects: &[Select],
    charts: &[ChartSlot],
    questions: &[ChartSlot],
    theme: &ThemePage,
) -> Markup {
    let lang = shell.lang;
    let share = |s: Option<f64>| s.map(|s| format!("{:.0} %", s * 100.0)).unwrap_or_default();
    page(
        shell,
        &theme.name,
        html! {
            p { (theme.description) }
            (filter_form(shell, selects, html! {}))
            @for chart in charts { (chart_figure(shell, chart)) }
            h3 { (lang.t("theme_questions")) }
            @if questions.is_empty() { p { (lang.t("no_results")) } }
            @for chart in questions { (chart_figure(shell, chart)) }
            h3 id="sub-codes" { (lang.t("sub_codes_by_country")) }
            div.scroll tabindex="0" role="region" aria-labelledby="sub-codes" {
                table {
                    thead { tr {
                        th scope="col" { (lang.t("sub_code")) }
                        @for c in &theme.countries { th scope="col" { (lang.term_or_code(c)) } }
                    } }
                    tbody { @for row in &theme.sub_codes {
                        tr {
                            th scope="row" { (row.name) }
                            @for (count, part) in &row.counts {
                                td { (count) @if part.is_some() { " (" (share(*part)) ")" } }
                            }
                        }
                    } }
                }
            }
            h3 { (lang.t("voices_by_country")) }
            @for block in &theme.voices {
                section.card aria-labelledby=(format!("voices-{}", block.country)) {
                    h4 id=(format!("voices-{}", block.country)) { (lang.term_or_code(&block.country)) }
                    p {
                        (lang.t("mean_score")) ": "
                        @match block.score {
                            Some(s) => {
                                strong { (format!("{:.2}", s.mean)) }
                                (format!(" (95 % CI {:.2}–{:.2}, n = {})", s.ci.0, s.ci.1, s.n))
                            },
                            None => (lang.t_k("fewer_than_k", theme.k)),
                        }
                    }
                    @for q in &block.quotes {
                        blockquote {
                            p lang=(q.language) { "“" (q.quote) "”" }
                            @if let Some(t) = &q.translation {
                                @if q.language != "en" { p.muted lang="en" { (lang.t("translation")) ": " (t) } }
                            }
                            @if let Some(s) = &q.sub_code { p.muted { (s) } }
                        }
                    }
                    @if block.total as usize > block.quotes.len() {
                        p { a href=(shell.link("/interviews", &[("theme".into(), theme.code.clone()), ("quotes".into(), block.country.clone())])) {
                            (lang.t("all_quotes")) " (" (block.total) ")"
                        } }
                    } @else if block.total == 0 {
                        p.muted { (lang.t("no_results")) }
                    }
                }
            }
        },
    )
}

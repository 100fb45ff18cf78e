//! `/recommendations`: the project's conclusions, its recommendations by theme, the
//! toolkit and the roadmap, each with the evidence it rests on: named figures with their
//! current value and data version, quotes the viewer may read, and collaborations.

use maud::{Markup, html};

use super::{Quote, Shell, page};
use crate::i18n::Texts;

/// A named figure as shown: its label, and its value (`None` when withheld).
#[derive(Debug, Clone)]
pub struct FigureLine {
    /// What it measures, where, in the page's language.
    pub label: String,
    /// The value as written, e.g. `+0.42` or `45 %`.
    pub value: Option<String>,
    /// The people behind it.
    pub n: u64,
    /// The data version it was computed from.
    pub data_version: i64,
}

/// One conclusion, recommendation, toolkit item or roadmap step with its evidence.
#[derive(Debug, Clone, Default)]
pub struct GuidanceItem {
    /// The file's id, e.g. `R1` (the item's anchor on the page).
    pub external_id: String,
    /// Title in the page's language.
    pub title: String,
    /// Text in the page's language.
    pub text: String,
    /// Whether it is still a draft (shown to partners only).
    pub draft: bool,
    /// Recommendations: who it is for (a term code).
    pub audience: Option<String>,
    /// Toolkit items: what it is (a term code), a web address and an attached file's
    /// address and name.
    pub toolkit_kind: Option<String>,
    /// A web address.
    pub link: Option<String>,
    /// The attached file: address and name.
    pub attachment: Option<(String, String)>,
    /// Roadmap steps: when and who.
    pub due: Option<String>,
    /// Who takes the step.
    pub who: Option<String>,
    /// The recommendation a step carries out: its anchor on the page and its title.
    pub recommendation: Option<(String, String)>,
    /// Named figures.
    pub figures: Vec<FigureLine>,
    /// Quotes the viewer may read.
    pub quotes: Vec<Quote>,
    /// Collaborations: title.
    pub collaborations: Vec<String>,
}

/// What the page shows.
#[derive(Debug, Clone, Default)]
pub struct GuidancePage {
    /// Conclusions.
    pub conclusions: Vec<GuidanceItem>,
    /// Recommendations per theme: the theme's code and name, and its recommendations;
    /// those answering no theme last, under an empty code.
    pub by_theme: Vec<(String, String, Vec<GuidanceItem>)>,
    /// The toolkit.
    pub toolkit: Vec<GuidanceItem>,
    /// The roadmap.
    pub roadmap: Vec<GuidanceItem>,
}

/// The anchor of `item` on the page when listed under `section`.
pub fn anchor(section: &str, external_id: &str) -> String {
    format!("{section}-{external_id}")
}

/// One item's card; `deep` under a theme's heading.
fn item(shell: &Shell, item: &GuidanceItem, section: &str, deep: bool) -> Markup {
    let lang = shell.lang;
    let id = anchor(section, &item.external_id);
    html! {
        article.card aria-labelledby=(id) {
            @if deep { h5 id=(id) { (item.title) } } @else { h4 id=(id) { (item.title) } }
            @if item.draft || item.audience.is_some() || item.toolkit_kind.is_some() || item.due.is_some() {
                p.muted {
                    @if item.draft { strong { (lang.t("draft")) } " · " }
                    @if let Some(a) = &item.audience { (lang.t("audience")) ": " (lang.term_or_code(a)) }
                    @if let Some(k) = &item.toolkit_kind { (lang.term_or_code(k)) }
                    @if let Some(d) = &item.due { (lang.t("due")) ": " (d) }
                    @if let Some(w) = &item.who { " · " (lang.t("who")) ": " (w) }
                }
            }
            p { (item.text) }
            @if let Some((target, title)) = &item.recommendation {
                p { (lang.t("carries_out")) ": " a href=(format!("#{target}")) { (title) } }
            }
            @if let Some(l) = &item.link { p { a href=(l) { (l) } } }
            @if let Some((href, name)) = &item.attachment { p { a href=(href) download=(name) { (name) } } }
            @if !item.figures.is_empty() || !item.quotes.is_empty() || !item.collaborations.is_empty() {
                p { strong { (lang.t("evidence")) } }
                @if !item.figures.is_empty() {
                    ul {
                        @for f in &item.figures {
                            li {
                                (f.label) ": "
                                @match &f.value {
                                    Some(v) => { strong { (v) } " (n = " (f.n) ", " (lang.t("data_version")) " " (f.data_version) ")" },
                                    None => { (lang.t("withheld")) },
                                }
                            }
                        }
                    }
                }
                @for q in &item.quotes {
                    blockquote {
                        p lang=(q.language) { "“" (q.quote) "”" }
                        @if let Some(t) = &q.translation {
                            @if q.language != "en" { p.muted lang="en" { (lang.t("translation")) ": " (t) } }
                        }
                    }
                }
                @if !item.collaborations.is_empty() {
                    p { (lang.t("collaborations")) ": " (item.collaborations.join("; ")) }
                }
            }
        }
    }
}

/// `/recommendations`.
pub fn guidance(shell: &Shell, content: &GuidancePage) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("recommendations_title"),
        html! {
            h3 { (lang.t("conclusions")) }
            @if content.conclusions.is_empty() { p { (lang.t("no_results")) } }
            @for c in &content.conclusions { (item(shell, c, "con", false)) }
            h3 { (lang.t("recommendations")) }
            @if content.by_theme.is_empty() { p { (lang.t("no_results")) } }
            @for (code, name, items) in &content.by_theme {
                section aria-labelledby=(format!("theme-{code}")) {
                    @if code.is_empty() {
                        h4 id="theme-" { (lang.t("across_themes")) }
                    } @else {
                        h4 id=(format!("theme-{code}")) { a href=(shell.link(&format!("/themes/{code}"), &[])) { (name) } }
                    }
                    @for r in items { (item(shell, r, &format!("rec-{code}"), true)) }
                }
            }
            h3 { (lang.t("toolkit")) }
            @if content.toolkit.is_empty() { p { (lang.t("no_results")) } }
            @for t in &content.toolkit { (item(shell, t, "tool", false)) }
            h3 { (lang.t("roadmap")) }
            @if content.roadmap.is_empty() { p { (lang.t("no_results")) } }
            @for s in &content.roadmap { (item(shell, s, "step", false)) }
        },
    )
}

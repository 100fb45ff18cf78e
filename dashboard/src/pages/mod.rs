//! The server-rendered pages: plain HTML with a little CSS, usable without JavaScript.
//! Every filter lives in the URL (a GET form), so a view can be bookmarked and shared.

mod country;
mod guidance;
mod imports;
mod organisation;
mod reviews;
mod theme;
mod views;

use crate::i18n::Texts;
use maud::{DOCTYPE, Markup, PreEscaped, html};

pub use country::{AreaFacts, CountrySheet, RegistryFacts, SubCodeLine, country_sheet};
pub use guidance::{FigureLine, GuidanceItem, GuidancePage, anchor, guidance};
pub use imports::{UploadProblem, UploadResult, imports};
pub use organisation::{
    Answered, Clash, EditForm, Field, Input, OrganisationPage, edit_form, link_gone, organisation,
    self_check,
};
pub use reviews::{LinkRow, LinksPanel, ReviewItem, reviews};
pub use theme::{CountryVoices, Score, SubCodeCounts, ThemePage, theme_page};
pub use views::{
    AreaRow, CollaborationItem, CountryCard, OrganisationItem, OrganisationList, Quote, Quotes,
    collaborations, error_page, interviews, overview, registry, sign_in_page, survey, themes,
};

use crate::i18n::Lang;

/// The pages, in the order of the menu: (path, text key).
pub const PAGES: [(&str, &str); 7] = [
    ("/", "overview"),
    ("/registry", "registry"),
    ("/survey", "survey"),
    ("/themes", "themes"),
    ("/interviews", "interviews"),
    ("/collaborations", "collaborations"),
    ("/recommendations", "recommendations"),
];

const CSS: &str = "\
*{box-sizing:border-box}\
body{margin:0;font-family:'DejaVu Sans',system-ui,sans-serif;color:#222;background:#fafafa;line-height:1.45}\
header{background:#0b3d63;color:#fff;padding:.6rem 1rem}\
header a{color:#fff}\
header h1{font-size:1.2rem;margin:0 0 .3rem}\
nav,.langs{display:flex;flex-wrap:wrap;gap:.15rem .8rem}\
nav a,.langs a{white-space:nowrap}\
nav a[aria-current=page]{font-weight:bold;text-decoration:none}\
.langs{font-size:.85rem;margin-top:.3rem}\
.scroll:focus{outline:2px solid #0072b2;outline-offset:2px}\
.langs a[aria-current=true]{font-weight:bold;text-decoration:none}\
.account{font-size:.85rem;margin-top:.3rem;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}\
.account form{margin:0}\
form.sign-in{display:grid;gap:.6rem;max-width:20rem}\
form.sign-in label{display:flex;flex-direction:column}\
main{max-width:70rem;margin:0 auto;padding:1rem}\
.synthetic{background:#fff3cd;border:1px solid #d55e00;padding:.4rem .8rem;margin-bottom:1rem}\
form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin:.5rem 0 1rem}\
form.filters label{display:flex;flex-direction:column;font-size:.85rem}\
select,input,button,textarea{font:inherit;padding:.25rem}\
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}\
figure.chart{margin:0 0 1.5rem;background:#fff;border:1px solid #ddd;padding:.5rem;overflow-x:auto}\
figure.chart svg{width:100%;min-width:36rem;height:auto;display:block}\
figcaption{font-size:.85rem;margin-top:.3rem}\
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:1rem}\
.card{background:#fff;border:1px solid #ddd;padding:.8rem}\
.card h2{font-size:1.1rem;margin:0 0 .4rem}\
.card dl{display:grid;grid-template-columns:auto auto;gap:.1rem .6rem;margin:0}\
.card dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}\
table{border-collapse:collapse;background:#fff;width:100%}\
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}\
td.num{text-align:right;font-variant-numeric:tabular-nums}\
.scroll{overflow-x:auto}\
blockquote{margin:.5rem 0;padding:.5rem .8rem;background:#fff;border-left:4px solid #0072b2}\
blockquote p{margin:.2rem 0}\
.muted{color:#5f5f5f;font-size:.85rem}\
.error{background:#fff;border:2px solid #d55e00;padding:1rem}\
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}\
.facts dt{font-weight:bold}\
.facts dd{margin:0}\
form.edit{display:grid;gap:.8rem;max-width:36rem}\
.field{display:flex;flex-direction:column;gap:.15rem}\
.field-error{color:#b30000;font-weight:bold}\
.notice{border:2px solid #009e73;background:#fff;padding:.5rem 1rem}\
.problems{border:2px solid #b30000;background:#fff;padding:.5rem 1rem;margin-bottom:1rem}\
footer{max-width:70rem;margin:0 auto;padding:1rem;font-size:.8rem;color:#5f5f5f}\
@page{size:A4;margin:15mm}\
@media print{body{background:#fff;font-size:10pt}header nav,.langs,form,figcaption,.skip{display:none}\
header{background:#fff;color:#000;padding:0}a{color:#000}\
section.sheet,figure.chart,.card,tr{break-inside:avoid}h3{break-after:avoid}}\
";

/// A URL of `path` with query parameters (empty values left out).
pub fn url(path: &str, params: &[(String, String)]) -> String {
    let kept: Vec<(&str, &str)> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if kept.is_empty() {
        return path.to_owned();
    }
    let mut query = String::new();
    for (i, (k, v)) in kept.iter().enumerate() {
        if i > 0 {
            query.push('&');
        }
        query.push_str(&encode(k));
        query.push('=');
        query.push_str(&encode(v));
    }
    format!("{path}?{query}")
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// What every page shares: where it is, its filters, the language and the data.
#[derive(Debug, Clone)]
pub struct Shell {
    /// The language of the page.
    pub lang: Lang,
    /// The page's path, e.g. `/themes`.
    pub path: String,
    /// The page's filters (without `lang`), as URL pairs.
    pub params: Vec<(String, String)>,
    /// Whether the data is the synthetic demo dataset.
    pub synthetic: bool,
    /// The data version shown.
    pub data_version: i64,
    /// Who is signed in, if anyone.
    pub account: Option<SignedIn>,
}

/// The signed-in account shown in the header, with its sign-out form's CSRF token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The account's name.
    pub name: String,
    /// Its role's code.
    pub role: String,
    /// The session's CSRF token.
    pub csrf: String,
}

impl Shell {
    /// `path` with these filters and language.
    pub fn link(&self, path: &str, params: &[(String, String)]) -> String {
        let mut all = params.to_vec();
        if self.lang != Lang::En {
            all.push(("lang".into(), self.lang.code().into()));
        }
        url(path, &all)
    }

    /// This page in another language, keeping the filters.
    fn in_lang(&self, lang: Lang) -> String {
        let mut all = self.params.clone();
        if lang != Lang::En {
            all.push(("lang".into(), lang.code().into()));
        }
        url(&self.path, &all)
    }

    /// A chart file of this view.
    pub fn chart_url(&self, name: &str, extension: &str, params: &[(String, String)]) -> String {
        self.link(&format!("/charts/{name}.{extension}"), params)
    }
}

/// The whole page around `content`.
pub(crate) fn page(shell: &Shell, title: &str, content: Markup) -> Markup {
    let lang = shell.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (lang.t("site_title")) }
                link rel="icon" href="data:,";
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { a href=(shell.link("/", &[])) { (lang.t("site_title")) } }
                    nav aria-label="pages" {
                        @for (path, key) in PAGES {
                            @if path == shell.path {
                                a href=(shell.link(path, &[])) aria-current="page" { (lang.t(key)) }
                            } @else {
                                a href=(shell.link(path, &[])) { (lang.t(key)) }
                            }
                        }
                    }
                    div.langs aria-label=(lang.t("lang")) {
                        @for other in Lang::ALL {
                            @if other == lang {
                                a href=(shell.in_lang(other)) hreflang=(other.code()) aria-current="true" { (other.name()) }
                            } @else {
                                a href=(shell.in_lang(other)) hreflang=(other.code()) { (other.name()) }
                            }
                        }
                    }
                    div.account {
                        @if let Some(account) = &shell.account {
                            span { (lang.t("signed_in_as")) " " strong { (account.name) } " (" (account.role) ")" }
                            @if matches!(account.role.as_str(), "EDITOR" | "ADMIN") {
                                a href=(shell.link("/reviews", &[])) { (lang.t("reviews")) }
                                a href=(shell.link("/imports", &[])) { (lang.t("imports")) }
                            }
                            form method="post" action="/sign-out" {
                                input type="hidden" name="csrf" value=(account.csrf);
                                button type="submit" { (lang.t("sign_out")) }
                            }
                        } @else {
                            a href=(shell.link("/sign-in", &[])) { (lang.t("sign_in")) }
                        }
                    }
                }
                main {
                    @if shell.synthetic {
                        p.synthetic role="note" { strong { (lang.t("synthetic")) } }
                    }
                    h2 { (title) }
                    (content)
                }
                footer {
                    (lang.t("data_version")) " " (shell.data_version)
                    " · " a href="/graphql" { "GraphQL" }
                }
            }
        }
    }
}

/// A select menu of a filter form.
#[derive(Debug, Clone)]
pub struct Select {
    /// The URL parameter.
    pub name: &'static str,
    /// The label's text key.
    pub label: &'static str,
    /// (value, text) pairs; the first may be ("", "All").
    pub options: Vec<(String, String)>,
    /// The value chosen now.
    pub selected: String,
}

/// A GET form of selects that reloads the page with the chosen filters.
pub(crate) fn filter_form(shell: &Shell, selects: &[Select], extra: Markup) -> Markup {
    let lang = shell.lang;
    html! {
        form.filters method="get" action=(shell.path) {
            @for select in selects {
                label {
                    (lang.t(select.label))
                    select name=(select.name) {
                        @for (value, text) in &select.options {
                            option value=(value) selected[*value == select.selected] { (text) }
                        }
                    }
                }
            }
            (extra)
            @if lang != Lang::En {
                input type="hidden" name="lang" value=(lang.code());
            }
            button type="submit" { (lang.t("apply")) }
        }
    }
}

/// A chart drawn into the page, with its download links.
#[derive(Debug, Clone)]
pub struct ChartSlot {
    /// The chart's name.
    pub name: &'static str,
    /// The figure's id on the page (the name, unless the page draws it twice).
    pub id: String,
    /// The SVG, drawn with ids unique on the page.
    pub svg: String,
    /// The chart's filters, for the download links.
    pub params: Vec<(String, String)>,
}

pub(crate) fn chart_figure(shell: &Shell, slot: &ChartSlot) -> Markup {
    let lang = shell.lang;
    html! {
        figure.chart id=(slot.id) {
            (PreEscaped(&slot.svg))
            figcaption {
                (lang.t("download")) ": "
                a href=(shell.chart_url(slot.name, "svg", &slot.params)) download { "SVG" } " · "
                a href=(shell.chart_url(slot.name, "png", &slot.params)) download { "PNG" } " · "
                a href=(shell.chart_url(slot.name, "csv", &slot.params)) download { "CSV" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_encode_values_and_drop_empty_ones() {
        let params = vec![
            ("country".to_owned(), "LV".to_owned()),
            ("role".to_owned(), String::new()),
            ("q".to_owned(), "Jauniešu & co".to_owned()),
        ];
        assert_eq!(
            url("/registry", &params),
            "/registry?country=LV&q=Jaunie%C5%A1u+%26+co"
        );
        assert_eq!(url("/", &[]), "/");
    }
}

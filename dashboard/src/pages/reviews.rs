//! `/reviews`: the editor's desk for the self-kept registry: the corrections that
//! organisations proposed through their private links (accept or reject), the button
//! that makes a region's links as a mail-merge file, and how far the links have got.

use maud::{Markup, html};

use super::{Shell, page};
use crate::i18n::Texts;

/// Links and verification in one region, as the editor's desk shows them.
#[derive(Debug, Clone)]
pub struct LinkRow {
    /// Region code.
    pub region: String,
    /// Organisations not closed.
    pub organisations: i64,
    /// Share of them checked in the last 12 months, in percent.
    pub verified_percent: Option<f64>,
    /// Links made.
    pub sent: i64,
    /// Links opened.
    pub opened: i64,
    /// Links answered.
    pub answered: i64,
}

/// The private-links part of the desk: the regions the editor may make links for, and
/// the counts per region.
#[derive(Debug, Clone, Default)]
pub struct LinksPanel {
    /// Region codes the viewer writes.
    pub regions: Vec<String>,
    /// One row per region.
    pub rows: Vec<LinkRow>,
}

/// A proposal on the review page.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    /// The proposal's id.
    pub id: i32,
    /// The organisation's id and name.
    pub organisation: (i32, String),
    /// When it was sent, `YYYY-MM-DD`.
    pub sent: String,
    /// Each change: the registry column, the field's label key, the value now and the
    /// one proposed.
    pub changes: Vec<(String, &'static str, String, String)>,
    /// The organisation's note.
    pub note: Option<String>,
}

/// `/reviews`: the corrections organisations proposed through their links, each with
/// accept and reject.
pub fn reviews(shell: &Shell, items: &[ReviewItem], csrf: &str, links: &LinksPanel) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("reviews"),
        html! {
            @if items.is_empty() { p { (lang.t("no_results")) } }
            @for item in items {
                section.card aria-labelledby=(format!("proposal-{}", item.id)) {
                    h2 id=(format!("proposal-{}", item.id)) {
                        a href=(shell.link(&format!("/organisations/{}", item.organisation.0), &[])) { (item.organisation.1) }
                        " (" (item.sent) ")"
                    }
                    @if let Some(note) = &item.note { p { (lang.t("note")) ": " (note) } }
                    form.edit method="post" action=(shell.link(&format!("/reviews/{}", item.id), &[])) {
                        input type="hidden" name="csrf" value=(csrf);
                        @if !item.changes.is_empty() {
                            table {
                                thead { tr {
                                    th scope="col" { (lang.t("field")) }
                                    th scope="col" { (lang.t("current_value")) }
                                    th scope="col" { (lang.t("proposed_value")) }
                                    th scope="col" { (lang.t("accept_as")) }
                                } }
                                tbody { @for (column, label, now, proposed) in &item.changes {
                                    @let id = format!("review-{}-{column}", item.id);
                                    tr {
                                        th scope="row" { (lang.t(label)) }
                                        td { (now) }
                                        td { (proposed) }
                                        td {
                                            label.visually-hidden for=(id) { (lang.t(label)) ": " (lang.t("accept_as")) }
                                            input type="text" id=(id) name=(format!("value.{column}")) value=(proposed);
                                        }
                                    }
                                } }
                            }
                        }
                        div.field {
                            label for=(format!("review-note-{}", item.id)) { (lang.t("review_note")) }
                            input type="text" id=(format!("review-note-{}", item.id)) name="note";
                        }
                        div {
                            button type="submit" name="decision" value="accept" { (lang.t("accept")) }
                            " "
                            button type="submit" name="decision" value="reject" { (lang.t("reject")) }
                        }
                    }
                }
            }
            (links_panel(shell, csrf, links))
        },
    )
}

/// The form that makes a region's links, and the table of how far they have got.
fn links_panel(shell: &Shell, csrf: &str, links: &LinksPanel) -> Markup {
    let lang = shell.lang;
    html! {
        section.card aria-labelledby="links-title" {
            h2 id="links-title" { (lang.t("links_title")) }
            p id="links-intro" { (lang.t("links_intro")) }
            @if !links.regions.is_empty() {
                form.edit method="post" action=(shell.link("/registry-links", &[])) aria-describedby="links-intro" {
                    input type="hidden" name="csrf" value=(csrf);
                    div.field {
                        label for="links-region" { (lang.t("region")) }
                        select id="links-region" name="region" {
                            @for code in &links.regions { option value=(code) { (code) } }
                        }
                    }
                    div.field {
                        label for="links-days" { (lang.t("links_days")) }
                        input type="number" id="links-days" name="days" value="60" min="1" max="365" required;
                    }
                    div { button type="submit" { (lang.t("make_links")) } }
                }
            }
            @if !links.rows.is_empty() {
                div.scroll tabindex="0" role="region" aria-labelledby="links-title" {
                    table {
                        thead { tr {
                            th scope="col" { (lang.t("region")) }
                            th scope="col" { (lang.t("organisations")) }
                            th scope="col" { (lang.t("verified_share")) }
                            th scope="col" { (lang.t("links_sent")) }
                            th scope="col" { (lang.t("links_opened")) }
                            th scope="col" { (lang.t("links_answered")) }
                        } }
                        tbody { @for row in &links.rows {
                            tr {
                                th scope="row" { (row.region) }
                                td { (row.organisations) }
                                td { @if let Some(p) = row.verified_percent { (format!("{p:.0} %")) } @else { "–" } }
                                td { (row.sent) }
                                td { (row.opened) }
                                td { (row.answered) }
                            }
                        } }
                    }
                }
            }
        }
    }
}

//! An organisation's public page, and the form editors correct it with.

use crate::i18n::Texts;
use maud::{Markup, html};

use super::{Shell, page};

/// What an organisation's page shows.
#[derive(Debug, Clone, Default)]
pub struct OrganisationPage {
    /// Its id in the hub.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Kind code.
    pub kind: String,
    /// Status code.
    pub status: String,
    /// Region name.
    pub region: String,
    /// Municipality name, if known.
    pub municipality: Option<String>,
    /// Year founded.
    pub founded: Option<i32>,
    /// Year closed.
    pub closed: Option<i32>,
    /// Why it closed.
    pub closure_reason: Option<String>,
    /// The organisation that took over its work: id and name.
    pub successor: Option<(i32, String)>,
    /// Fields of activity (codes).
    pub fields_of_activity: Vec<String>,
    /// Target groups (codes).
    pub target_groups: Vec<String>,
    /// Website.
    pub website: Option<String>,
    /// Day last checked, `YYYY-MM-DD`.
    pub last_verified: Option<String>,
    /// Collaborations it took part in: title and years.
    pub collaborations: Vec<(String, String)>,
    /// Whether the viewer may edit it (an editor of its region, an admin).
    pub can_edit: bool,
}

/// `/organisations/{id}`: what it does, for whom, its status and history, its
/// collaborations and its website.
pub fn organisation(shell: &Shell, o: &OrganisationPage) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        &o.name,
        html! {
            (facts(shell, o))
            h2 { (lang.t("collaborations")) }
            @if o.collaborations.is_empty() {
                p { (lang.t("no_results")) }
            } @else {
                ul {
                    @for (title, years) in &o.collaborations {
                        li { (title) @if !years.is_empty() { " (" (years) ")" } }
                    }
                }
            }
            @if o.can_edit {
                p { a href=(shell.link(&format!("/organisations/{}/edit", o.id), &[])) { (lang.t("edit")) } }
            }
        },
    )
}

/// Where an organisation is on its self-check page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Not yet.
    No,
    /// It confirmed its entry.
    Confirmed,
    /// It proposed corrections.
    Proposed,
}

/// `/r/{secret}`: an organisation checks its own entry through its private link, and
/// confirms it is right or proposes corrections (`fields`, with any problems).
pub fn self_check(
    shell: &Shell,
    o: &OrganisationPage,
    action: &str,
    answered: Answered,
    fields: &[Field],
) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        &o.name,
        html! {
            @match answered {
                Answered::Confirmed => p.notice role="status" { (lang.t("self_check_done")) },
                Answered::Proposed => p.notice role="status" { (lang.t("self_check_proposed")) },
                Answered::No => p { (lang.t("self_check_intro")) },
            }
            (facts(shell, o))
            @if answered == Answered::No {
                form.edit method="post" action=(action) {
                    input type="hidden" name="action" value="confirm";
                    button type="submit" { (lang.t("self_check_confirm")) }
                }
                h2 { (lang.t("self_check_propose")) }
                form.edit method="post" action=(action) {
                    input type="hidden" name="action" value="propose";
                    @for f in fields { (field(lang, f)) }
                    button type="submit" { (lang.t("send")) }
                }
            }
        },
    )
}

/// The page of a link that no longer works.
pub fn link_gone(shell: &Shell) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("registry"),
        html! { p { (lang.t("self_check_gone")) } },
    )
}

/// An organisation's facts, as a description list.
fn facts(shell: &Shell, o: &OrganisationPage) -> Markup {
    let lang = shell.lang;
    let list = |codes: &[String]| {
        codes
            .iter()
            .map(|c| lang.term_or_code(c).to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    html! {
            dl.facts {
                dt { (lang.t("kind")) } dd { (lang.term_or_code(&o.kind)) }
                dt { (lang.t("status")) } dd { (lang.term_or_code(&o.status))
                    @if let Some(year) = o.closed { " (" (year) ")" } }
                @if let Some(reason) = &o.closure_reason { dt { (lang.t("closure_reason")) } dd { (reason) } }
                @if let Some((id, name)) = &o.successor {
                    dt { (lang.t("successor")) }
                    dd { a href=(shell.link(&format!("/organisations/{id}"), &[])) { (name) } }
                }
                dt { (lang.t("region")) } dd { (o.region) }
                @if let Some(m) = &o.municipality { dt { (lang.t("municipality")) } dd { (m) } }
                @if let Some(year) = o.founded { dt { (lang.t("founded")) } dd { (year) } }
                @if !o.fields_of_activity.is_empty() {
                    dt { (lang.t("fields_of_activity")) } dd { (list(&o.fields_of_activity)) }
                }
                @if !o.target_groups.is_empty() {
                    dt { (lang.t("target_groups")) } dd { (list(&o.target_groups)) }
                }
                @if let Some(site) = &o.website {
                    dt { (lang.t("website")) }
                    dd { a href=(site) rel="nofollow noopener noreferrer" referrerpolicy="no-referrer" { (site) } }
                }
                @if let Some(day) = &o.last_verified { dt { (lang.t("last_verified")) } dd { (day) } }
            }
    }
}

/// How a form field takes its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A whole number.
    Number,
    /// A web address.
    Url,
    /// A day.
    Date,
    /// One of these (value, label) pairs.
    Choice(Vec<(String, String)>),
}

/// One field of a form, with its value and the problem found with it.
#[derive(Debug, Clone)]
pub struct Field {
    /// The name sent, which is also its id.
    pub name: &'static str,
    /// The key of its label.
    pub label: &'static str,
    /// How it is entered.
    pub input: Input,
    /// Its value as shown.
    pub value: String,
    /// Whether it must be given.
    pub required: bool,
    /// A hint under the label, if any.
    pub hint: Option<String>,
    /// What is wrong with the value sent, if anything.
    pub error: Option<String>,
}

/// A field someone else changed while this form was being filled in.
#[derive(Debug, Clone)]
pub struct Clash {
    /// The field's label key.
    pub label: &'static str,
    /// The value stored now.
    pub theirs: String,
    /// The value this form sent.
    pub yours: String,
}

/// The form that edits a record (an organisation, an example of cooperation).
#[derive(Debug, Clone)]
pub struct EditForm {
    /// Where the form is sent: the page's own path.
    pub action: String,
    /// The record's name, for the heading.
    pub name: String,
    /// The version the form was filled from.
    pub version: String,
    /// The session's CSRF token.
    pub csrf: String,
    /// The fields.
    pub fields: Vec<Field>,
    /// Fields changed by someone else since the form was opened.
    pub clashes: Vec<Clash>,
}

fn field(lang: crate::i18n::Lang, f: &Field) -> Markup {
    let hint_id = format!("{}-hint", f.name);
    let error_id = format!("{}-error", f.name);
    let described: Vec<&str> = [
        f.hint.as_ref().map(|_| hint_id.as_str()),
        f.error.as_ref().map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    let invalid = f.error.is_some().then_some("true");
    html! {
        div.field {
            label for=(f.name) { (lang.t(f.label)) @if f.required { " *" } }
            @if let Some(hint) = &f.hint { span.muted id=(hint_id) { (hint) } }
            @if let Some(error) = &f.error { span.field-error id=(error_id) { (error) } }
            @match &f.input {
                Input::Choice(options) => {
                    select id=(f.name) name=(f.name) required[f.required]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid] {
                        @if !f.required { option value="" selected[f.value.is_empty()] { "—" } }
                        @for (value, text) in options {
                            option value=(value) selected[*value == f.value] { (text) }
                        }
                    }
                }
                Input::LongText => {
                    textarea id=(f.name) name=(f.name) rows="5" required[f.required]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid] { (f.value) }
                }
                other => {
                    @let kind = match other {
                        Input::Number => "number",
                        Input::Url => "url",
                        Input::Date => "date",
                        _ => "text",
                    };
                    input type=(kind) id=(f.name) name=(f.name) value=(f.value) required[f.required]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid];
                }
            }
        }
    }
}

/// `/organisations/{id}/edit`: the form, with every problem next to its field and a
/// summary linking to them, and what someone else changed meanwhile.
pub fn edit_form(shell: &Shell, form: &EditForm) -> Markup {
    let lang = shell.lang;
    let errors: Vec<&Field> = form.fields.iter().filter(|f| f.error.is_some()).collect();
    let action = shell.link(&form.action, &[]);
    page(
        shell,
        &format!("{}: {}", lang.t("edit"), form.name),
        html! {
            @if !errors.is_empty() {
                section.problems aria-labelledby="problems-title" {
                    h2 id="problems-title" { (lang.t("form_problems")) }
                    ul { @for f in &errors {
                        li { a href=(format!("#{}", f.name)) { (lang.t(f.label)) ": " (f.error.clone().unwrap_or_default()) } }
                    } }
                }
            }
            @if !form.clashes.is_empty() {
                section.problems aria-labelledby="conflict-title" {
                    h2 id="conflict-title" { (lang.t("edit_conflict")) }
                    table {
                        thead { tr {
                            th scope="col" { (lang.t("field")) }
                            th scope="col" { (lang.t("their_value")) }
                            th scope="col" { (lang.t("your_value")) }
                        } }
                        tbody { @for c in &form.clashes {
                            tr { th scope="row" { (lang.t(c.label)) } td { (c.theirs) } td { (c.yours) } }
                        } }
                    }
                }
            }
            form.edit method="post" action=(action) {
                input type="hidden" name="csrf" value=(form.csrf);
                input type="hidden" name="version" value=(form.version);
                @for f in &form.fields { (field(lang, f)) }
                button type="submit" { (lang.t("save")) }
            }
        },
    )
}

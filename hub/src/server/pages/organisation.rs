//! `/organisations/{id}`: an organisation's public page; `/organisations/{id}/edit`: the
//! form an editor of its region corrects it with (CSRF-checked, the registry import's
//! rules, problems next to their fields, and a change by someone else meanwhile shown
//! beside the editor's own values).

use std::collections::HashMap;

use dashboard::{
    Lang, Texts,
    pages::{self, Clash, EditForm, Field, Input},
};
use poem::{
    Body, Request, Response,
    http::{StatusCode, header},
    web::{Data, Path},
};
use sea_orm::EntityTrait;

use super::{
    PAGE_POLICY, html_response, shell,
    sign_in::{see_other, session_form},
    view_of,
};
use crate::{
    access::Viewer,
    domain::{OrganisationKind, OrganisationStatus},
    entity::{municipality, organisation},
    error::{Error, Result},
    import::organisations::{OPTIONAL, REQUIRED, RowNames, row_of},
    server::{AppState, session_of, viewer_of_page},
    service::edit::{self, Patch},
};

/// The fields the form edits: the registry file's column (also the form's name), its
/// label, how it is entered, and whether it is required.
const FORM: [(&str, &str, bool); 11] = [
    ("name", "name", true),
    ("kind", "kind", true),
    ("status", "status", true),
    ("municipality", "municipality", false),
    ("founded_year", "founded", false),
    ("closed_year", "closed_year", false),
    ("closure_reason", "closure_reason", false),
    ("fields_of_activity", "fields_of_activity", false),
    ("target_groups", "target_groups", false),
    ("website", "website", false),
    ("last_verified", "last_verified", false),
];

fn id_of(text: &str) -> Result<i32> {
    text.parse()
        .map_err(|_| Error::bad_input("id", format!("{text:?} is not an organisation id")))
}

/// `GET /organisations/{id}`.
#[poem::handler]
pub async fn get_organisation(
    req: &Request,
    Path(id): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let query = req.uri().query().unwrap_or("");
    let result = async {
        let view = view_of(req, &["lang"])?;
        let frames = state.frames.get(&state.db).await?;
        let page = crate::service::views::organisation_page(
            &state.db,
            id_of(&id)?,
            view.lang,
            &viewer_of_page(req),
        )
        .await?;
        let path = format!("/organisations/{id}");
        Ok(pages::organisation(&shell(req, &view, &path, &frames), &page).into_string())
    }
    .await;
    html_response("/organisations/:id", query, result)
}

/// The registry row of `o` by column, as the form shows it.
async fn cells_of(state: &AppState, o: &organisation::Model) -> Result<HashMap<String, String>> {
    let municipality = match o.municipality_id {
        Some(m) => municipality::Entity::find_by_id(m).one(&state.db).await?,
        None => None,
    };
    let cells = row_of(
        o,
        RowNames {
            municipality: municipality.map(|m| m.code),
            ..RowNames::default()
        },
    );
    Ok(REQUIRED
        .iter()
        .chain(&OPTIONAL)
        .map(|c| (*c).to_owned())
        .zip(cells)
        .collect())
}

/// The form's fields filled with `values`, problems attached.
async fn fields(
    state: &AppState,
    lang: Lang,
    o: &organisation::Model,
    values: &HashMap<String, String>,
    errors: &HashMap<String, String>,
) -> Result<Vec<Field>> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let municipalities: Vec<(String, String)> = municipality::Entity::find()
        .filter(municipality::Column::RegionId.eq(o.region_id))
        .order_by_asc(municipality::Column::Name)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| (m.code, m.name))
        .collect();
    let choices = |codes: &[&str]| -> Vec<(String, String)> {
        codes
            .iter()
            .map(|c| ((*c).to_owned(), lang.term_or_code(c).to_owned()))
            .collect()
    };
    Ok(FORM
        .iter()
        .map(|(name, label, required)| {
            let input = match *name {
                "kind" => Input::Choice(choices(OrganisationKind::CODES)),
                "status" => Input::Choice(choices(&OrganisationStatus::CODES)),
                "municipality" => Input::Choice(municipalities.clone()),
                "founded_year" | "closed_year" => Input::Number,
                "website" => Input::Url,
                "last_verified" => Input::Date,
                _ => Input::Text,
            };
            let hint = matches!(*name, "fields_of_activity" | "target_groups")
                .then(|| lang.t("list_hint").to_owned());
            Field {
                name,
                label,
                input,
                value: values.get(*name).cloned().unwrap_or_default(),
                required: *required,
                hint,
                error: errors.get(*name).cloned(),
            }
        })
        .collect())
}

/// An HTML page with `status`, never cached.
pub(super) fn html(status: StatusCode, body: String) -> Response {
    Response::builder()
        .status(status)
        .content_type("text/html; charset=utf-8")
        .header(header::CONTENT_SECURITY_POLICY, PAGE_POLICY)
        .header(header::CACHE_CONTROL, "no-store")
        .body(body)
}

/// Renders the form for `o` from `values` at `version`.
async fn form_page(
    req: &Request,
    state: &AppState,
    o: &organisation::Model,
    version: String,
    values: &HashMap<String, String>,
    errors: &HashMap<String, String>,
    clashes: Vec<Clash>,
) -> Result<String> {
    let view = view_of(req, &["lang"])?;
    let frames = state.frames.get(&state.db).await?;
    let form = EditForm {
        action: format!("/organisations/{}/edit", o.id),
        name: o.name.clone(),
        version,
        csrf: session_of(req).map(|s| s.csrf.clone()).unwrap_or_default(),
        fields: fields(state, view.lang, o, values, errors).await?,
        clashes,
    };
    let path = format!("/organisations/{}/edit", o.id);
    Ok(pages::edit_form(&shell(req, &view, &path, &frames), &form).into_string())
}

/// The stored organisation, if the viewer may edit it.
async fn editable(state: &AppState, viewer: &Viewer, id: i32) -> Result<organisation::Model> {
    let o = (organisation::Entity::find_by_id(id).one(&state.db).await?)
        .ok_or_else(|| Error::not_found("organisation", id.to_string()))?;
    edit::check_scope(&state.db, viewer, o.region_id, "id").await?;
    Ok(o)
}

/// `GET /organisations/{id}/edit` (editors of its region, admins).
#[poem::handler]
pub async fn get_edit(
    req: &Request,
    Path(id): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let query = req.uri().query().unwrap_or("");
    let viewer = req
        .extensions()
        .get::<Viewer>()
        .cloned()
        .unwrap_or_default();
    let result = async {
        let o = editable(state, &viewer, id_of(&id)?).await?;
        let values = cells_of(state, &o).await?;
        let version = edit::version_of(&o);
        form_page(
            req,
            state,
            &o,
            version,
            &values,
            &HashMap::new(),
            Vec::new(),
        )
        .await
    }
    .await;
    html_response("/organisations/:id/edit", query, result)
}

/// `POST /organisations/{id}/edit`: the session's CSRF token, then the change.
#[poem::handler]
pub async fn post_edit(
    req: &Request,
    Path(id): Path<String>,
    body: Body,
    Data(state): Data<&AppState>,
) -> Response {
    let query = req.uri().query().unwrap_or("");
    let (viewer, sent) = match session_form(req, body).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let result = async {
        let id = id_of(&id)?;
        let o = editable(state, &viewer, id).await?;
        let version = sent.get("version").cloned().unwrap_or_default();
        let patch = patch_of(FORM.iter().map(|(name, _, _)| *name), &sent);
        let columns: HashMap<&'static str, &'static str> =
            FORM.iter().map(|(name, _, _)| (*name, *name)).collect();
        match edit::update_organisation(&state.db, &viewer, id, &version, &patch, &columns).await {
            Ok(_) => Ok(None),
            Err(Error::Invalid(problems)) => {
                let errors = errors_of(problems);
                let page = form_page(req, state, &o, version, &sent, &errors, Vec::new()).await?;
                Ok(Some((StatusCode::BAD_REQUEST, page)))
            }
            Err(Error::Conflict {
                current_version, ..
            }) => {
                let current = editable(state, &viewer, id).await?;
                let theirs = cells_of(state, &current).await?;
                let labels = FORM.iter().map(|(name, label, _)| (*name, *label));
                let clashes = clashes(labels, &theirs, &sent);
                let page = form_page(
                    req,
                    state,
                    &current,
                    current_version,
                    &sent,
                    &HashMap::new(),
                    clashes,
                )
                .await?;
                Ok(Some((StatusCode::CONFLICT, page)))
            }
            Err(other) => Err(other),
        }
    }
    .await;
    match result {
        Ok(None) => see_other(req, &format!("/organisations/{id}")),
        Ok(Some((status, page))) => html(status, page),
        Err(error) => html_response("/organisations/:id/edit", query, Err(error)),
    }
}

/// A form's fields as a change: each of `names` as sent, an empty one cleared.
pub(super) fn patch_of(
    names: impl Iterator<Item = &'static str>,
    sent: &HashMap<String, String>,
) -> Patch {
    names
        .map(|name| {
            let value = sent.get(name).map(|v| v.trim().to_owned());
            (name, value.filter(|v| !v.is_empty()))
        })
        .collect()
}

/// The problems of a refused change by form field, as `field name -> message`.
pub(super) fn errors_of(problems: Vec<crate::error::FieldProblem>) -> HashMap<String, String> {
    problems
        .into_iter()
        .map(|p| (p.field.trim_start_matches("input.").to_owned(), p.message))
        .collect()
}

/// The fields (name, label key) whose stored value (`theirs`) differs from the one sent:
/// what someone else changed since the form was opened.
pub(super) fn clashes(
    fields: impl Iterator<Item = (&'static str, &'static str)>,
    theirs: &HashMap<String, String>,
    sent: &HashMap<String, String>,
) -> Vec<Clash> {
    fields
        .filter_map(|(name, label)| {
            let (t, y) = (theirs.get(name)?, sent.get(name)?);
            (t.trim() != y.trim()).then(|| Clash {
                label,
                theirs: t.clone(),
                yours: y.clone(),
            })
        })
        .collect()
}

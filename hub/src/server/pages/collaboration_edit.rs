//! `/collaborations/{id}/edit`: the form an editor of its region corrects an example of
//! cooperation with: the collaborations importer's rules (through the same service as
//! `updateCollaboration`), problems next to their fields, CSRF-checked, and a change
//! by someone else meanwhile shown beside the editor's own values.

use std::collections::HashMap;

use dashboard::{
    Lang, Texts,
    pages::{self, Clash, EditForm, Field, Input},
};
use poem::{
    Body, Request, Response,
    http::StatusCode,
    web::{Data, Path},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{
    html_response,
    organisation::{clashes, errors_of, patch_of},
    shell,
    sign_in::{see_other, session_form},
    view_of,
};
use crate::{
    access::Viewer,
    domain::{Agreement, Outcome},
    entity::{collaboration, municipality},
    error::{Error, Result},
    server::{AppState, session_of},
    service::edit,
};

/// The form's fields: the name sent (also the id), the collaborations file's column,
/// the label's text key, and whether it is required.
const FORM: [(&str, &str, &str, bool); 12] = [
    ("title", "title::en", "title", true),
    ("description", "description::en", "description", true),
    ("municipality", "municipality", "municipality", false),
    ("place", "place", "place", false),
    ("organisations", "organisations", "organisations", false),
    ("themes", "themes", "themes", false),
    ("outcomes", "outcomes", "outcomes", false),
    ("start_year", "start_year", "start_year", false),
    ("end_year", "end_year", "end_year", false),
    ("funding", "funding", "funding", false),
    ("agreement", "agreement", "agreement", false),
    ("lessons", "lessons::en", "lessons", false),
];

fn id_of(text: &str) -> Result<i32> {
    text.parse().map_err(|_| {
        Error::bad_input(
            "id",
            format!("{text:?} is not the id of an example of cooperation"),
        )
    })
}

/// The stored example, its version and the form's values, if `viewer` may edit it.
async fn editable(
    state: &AppState,
    viewer: &Viewer,
    id: i32,
) -> Result<(collaboration::Model, String, HashMap<String, String>)> {
    let (model, version, cells) = edit::collaboration_cells(&state.db, id).await?;
    edit::check_scope(&state.db, viewer, model.region_id, "id").await?;
    let values = FORM
        .iter()
        .map(|(name, column, _, _)| {
            let value = cells.get(column).cloned().unwrap_or_default();
            ((*name).to_owned(), value)
        })
        .collect();
    Ok((model, version, values))
}

/// The form's fields filled with `values`, problems attached.
async fn fields(
    state: &AppState,
    lang: Lang,
    c: &collaboration::Model,
    (values, errors): (&HashMap<String, String>, &HashMap<String, String>),
    themes: &[String],
) -> Result<Vec<Field>> {
    let municipalities: Vec<(String, String)> = municipality::Entity::find()
        .filter(municipality::Column::RegionId.eq(c.region_id))
        .order_by_asc(municipality::Column::Name)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| (m.code, m.name))
        .collect();
    let outcomes: Vec<String> = [
        Outcome::LocalCapacityKnowledge,
        Outcome::NewIdeas,
        Outcome::SocialInclusion,
    ]
    .iter()
    .map(crate::domain::code_of)
    .collect();
    Ok(FORM
        .iter()
        .map(|(name, _, label, required)| {
            let input = match *name {
                "municipality" => Input::Choice(municipalities.clone()),
                "agreement" => Input::Choice(
                    (Agreement::CODES.iter())
                        .map(|c| ((*c).to_owned(), lang.term_or_code(c).to_owned()))
                        .collect(),
                ),
                "start_year" | "end_year" => Input::Number,
                "description" | "lessons" => Input::LongText,
                _ => Input::Text,
            };
            let hint = match *name {
                "organisations" => Some(lang.t("org_ids_hint").to_owned()),
                "themes" => Some(format!("{}: {}", lang.t("list_hint"), themes.join(", "))),
                "outcomes" => Some(format!("{}: {}", lang.t("list_hint"), outcomes.join(", "))),
                _ => None,
            };
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

/// Renders the form for `c` from `values` at `version`.
async fn form_page(
    req: &Request,
    state: &AppState,
    c: &collaboration::Model,
    version: String,
    (values, errors): (&HashMap<String, String>, &HashMap<String, String>),
    clashes: Vec<Clash>,
) -> Result<String> {
    let view = view_of(req, &["lang"])?;
    let frames = state.frames.get(&state.db).await?;
    let path = format!("/collaborations/{}/edit", c.id);
    let form = EditForm {
        action: path.clone(),
        name: c.title.clone(),
        version,
        csrf: session_of(req).map(|s| s.csrf.clone()).unwrap_or_default(),
        fields: fields(
            state,
            view.lang,
            c,
            (values, errors),
            &frames.labels.theme_order,
        )
        .await?,
        clashes,
    };
    Ok(pages::edit_form(&shell(req, &view, &path, &frames), &form).into_string())
}

/// `GET /collaborations/{id}/edit` (editors of its region, admins).
#[poem::handler]
pub async fn get_collaboration_edit(
    req: &Request,
    Path(id): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let query = req.uri().query().unwrap_or("");
    let result = async {
        let viewer = (req.extensions().get::<Viewer>())
            .cloned()
            .unwrap_or_default();
        let (c, version, values) = editable(state, &viewer, id_of(&id)?).await?;
        form_page(
            req,
            state,
            &c,
            version,
            (&values, &HashMap::new()),
            Vec::new(),
        )
        .await
    }
    .await;
    html_response("/collaborations/:id/edit", query, result)
}

/// `POST /collaborations/{id}/edit`: the session's CSRF token, then the change.
#[poem::handler]
pub async fn post_collaboration_edit(
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
        let (c, _, _) = editable(state, &viewer, id).await?;
        let version = sent.get("version").cloned().unwrap_or_default();
        let patch = patch_of(FORM.iter().map(|(name, ..)| *name), &sent);
        let columns: HashMap<&'static str, &'static str> = FORM
            .iter()
            .map(|(name, column, _, _)| (*name, *column))
            .collect();
        match edit::update_collaboration(&state.db, &viewer, (id, &version), &patch, &columns).await
        {
            Ok(_) => {
                state.frames.after_write(&state.db).await?;
                Ok(None)
            }
            Err(Error::Invalid(problems)) => {
                let errors = errors_of(problems);
                let page = form_page(req, state, &c, version, (&sent, &errors), Vec::new()).await?;
                Ok(Some((StatusCode::BAD_REQUEST, page)))
            }
            Err(Error::Conflict {
                current_version, ..
            }) => {
                let (current, _, theirs) = editable(state, &viewer, id).await?;
                let labels = FORM.iter().map(|(name, _, label, _)| (*name, *label));
                let clashes = clashes(labels, &theirs, &sent);
                let page = form_page(
                    req,
                    state,
                    &current,
                    current_version,
                    (&sent, &HashMap::new()),
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
        Ok(None) => see_other(req, "/collaborations"),
        Ok(Some((status, page))) => super::organisation::html(status, page),
        Err(error) => html_response("/collaborations/:id/edit", query, Err(error)),
    }
}

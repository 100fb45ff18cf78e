//! `/reviews`: the corrections organisations proposed through their private links, for
//! the editors of their regions to accept (a normal audited change) or reject.

use dashboard::pages::{self, ReviewItem};
use poem::{
    Body, Request, Response,
    web::{Data, Path},
};

use super::{
    html_response, shell,
    sign_in::{see_other, session_form},
    view_of,
};
use crate::{
    access::Viewer,
    error::Error,
    server::{AppState, session_of},
    service::links,
};

/// The label key of a registry column that proposals change.
fn label_of(column: &str) -> &'static str {
    match column {
        "name" => "name",
        "status" => "status",
        "closed_year" => "closed_year",
        "closure_reason" => "closure_reason",
        "website" => "website",
        "fields_of_activity" => "fields_of_activity",
        _ => "target_groups",
    }
}

/// `GET /reviews` (editors, admins).
#[poem::handler]
pub async fn get_reviews(req: &Request, Data(state): Data<&AppState>) -> Response {
    let query = req.uri().query().unwrap_or("");
    let viewer = req
        .extensions()
        .get::<Viewer>()
        .cloned()
        .unwrap_or_default();
    let result = async {
        let view = view_of(req, &["lang"])?;
        let frames = state.frames.get(&state.db).await?;
        let items: Vec<ReviewItem> = links::pending(&state.db, &viewer)
            .await?
            .into_iter()
            .map(|p| ReviewItem {
                id: p.proposal.id,
                organisation: (p.organisation.id, p.organisation.name.clone()),
                sent: p.proposal.created_at.format("%Y-%m-%d").to_string(),
                changes: (p.changes.into_iter())
                    .map(|(column, now, proposed)| (label_of(&column), now, proposed))
                    .collect(),
                note: p.proposal.note.clone(),
            })
            .collect();
        let csrf = session_of(req).map(|s| s.csrf.clone()).unwrap_or_default();
        Ok(pages::reviews(&shell(req, &view, "/reviews", &frames), &items, &csrf).into_string())
    }
    .await;
    html_response("/reviews", query, result)
}

/// `POST /reviews/{id}`: accept or reject, with the session's CSRF token.
#[poem::handler]
pub async fn post_review(
    req: &Request,
    Path(id): Path<String>,
    body: Body,
    Data(state): Data<&AppState>,
) -> Response {
    let (viewer, sent) = match session_form(req, body).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let result = async {
        let id: i32 = id
            .parse()
            .map_err(|_| Error::bad_input("id", format!("{id:?} is not a proposal id")))?;
        let accept = match sent.get("decision").map(String::as_str) {
            Some("accept") => true,
            Some("reject") => false,
            _ => return Err(Error::bad_input("decision", "accept or reject")),
        };
        let note = sent
            .get("note")
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        links::decide(&state.db, &viewer, id, accept, note).await?;
        state.frames.watch().refresh(&state.db).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other(req, "/reviews"),
        Err(error) => html_response("/reviews", "", Err(error)),
    }
}

//! `/reviews`: the corrections organisations proposed through their private links, for
//! the editors of their regions to accept (a normal audited change) or reject; the
//! button that makes a region's links (`POST /registry-links`, the same mail-merge
//! file as `hub registry links`), and how far each region's links have got.

use analytics::Grouping;
use dashboard::pages::{self, LinkRow, LinksPanel, ReviewItem};
use poem::{
    Body, Request, Response,
    http::{StatusCode, header},
    web::{Data, Path},
};

use super::{
    html_response, shell,
    sign_in::{see_other, session_form},
    view_of,
};
use crate::{
    access::{Role, Viewer},
    error::{Error, Result},
    server::{AppState, session_of},
    service::{
        frames::{Frames, today},
        links,
    },
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
                    .map(|(column, now, proposed)| {
                        let label = label_of(&column);
                        (column, label, now, proposed)
                    })
                    .collect(),
                note: p.proposal.note.clone(),
            })
            .collect();
        let csrf = session_of(req).map(|s| s.csrf.clone()).unwrap_or_default();
        let panel = links_panel(state, &frames, &viewer).await?;
        Ok(pages::reviews(
            &shell(req, &view, "/reviews", &frames),
            &items,
            &csrf,
            &panel,
        )
        .into_string())
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
        // The editor may correct what was proposed before accepting it.
        let edits: std::collections::HashMap<String, String> = (sent.iter())
            .filter_map(|(k, v)| Some((k.strip_prefix("value.")?.to_owned(), v.clone())))
            .collect();
        links::decide_edited(&state.db, &viewer, (id, accept), note, &edits).await?;
        state.frames.after_write(&state.db).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other(req, "/reviews"),
        Err(error) => html_response("/reviews", "", Err(error)),
    }
}

/// The regions `viewer` makes links for, and per region the organisations not closed,
/// the share checked in the last 12 months (the registry statistics' own figure) and
/// the links sent, opened and answered.
async fn links_panel(state: &AppState, frames: &Frames, viewer: &Viewer) -> Result<LinksPanel> {
    let inputs = frames.inputs.clone();
    let stats = crate::service::blocking(move || {
        Ok(inputs.registry_stats(&[Grouping::Country, Grouping::Region], today())?)
    })
    .await?;
    let counts = links::counts(&state.db, false).await?;
    let regions: Vec<String> = (stats.iter())
        .filter_map(|r| r.keys.region.clone())
        .filter(|code| crate::service::edit::may_write(viewer, code))
        .collect();
    let rows = (stats.into_iter())
        .filter_map(|r| {
            let region = r.keys.region.clone()?;
            let sent = counts.iter().find(|c| c.region == region);
            Some(LinkRow {
                organisations: (r.organisations - r.closed) as i64,
                verified_percent: r.verified_share.map(|s| s * 100.0),
                sent: sent.map_or(0, |c| c.sent),
                opened: sent.map_or(0, |c| c.opened),
                answered: sent.map_or(0, |c| c.answered),
                region,
            })
        })
        .collect();
    Ok(LinksPanel { regions, rows })
}

/// `POST /registry-links`: makes a link for every organisation of the region that is
/// not closed and answers with the mail-merge file (editors of the region, admins).
#[poem::handler]
pub async fn post_registry_links(
    req: &Request,
    body: Body,
    Data(state): Data<&AppState>,
) -> Response {
    let (viewer, sent) = match session_form(req, body).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let result = async {
        if !viewer.has(Role::Editor) {
            return Err(Error::Forbidden(
                "only editors and admins make links".into(),
            ));
        }
        let region = sent.get("region").cloned().unwrap_or_default();
        let days: i64 = (sent.get("days").map(|d| d.trim()).unwrap_or("60"))
            .parse()
            .ok()
            .filter(|d| (1..=365).contains(d))
            .ok_or_else(|| Error::bad_input("days", "a number of days from 1 to 365"))?;
        let made = links::create(&state.db, &viewer, &region, chrono::Duration::days(days)).await?;
        let host = (req.headers().get(header::HOST))
            .and_then(|h| h.to_str().ok())
            .unwrap_or("127.0.0.1");
        let scheme = if state.secure_cookies {
            "https"
        } else {
            "http"
        };
        let bytes = links::mail_merge(&made, &format!("{scheme}://{host}"))?;
        let name = format!(
            "links-{}-{}.csv",
            region.trim().to_ascii_uppercase(),
            chrono::Utc::now().format("%Y-%m-%d")
        );
        Ok((name, bytes))
    }
    .await;
    match result {
        Ok((name, bytes)) => Response::builder()
            .status(StatusCode::OK)
            .content_type("text/csv; charset=utf-8")
            .header(
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            )
            .header(header::CACHE_CONTROL, "no-store")
            .body(bytes),
        Err(error) => html_response("/reviews", "", Err(error)),
    }
}

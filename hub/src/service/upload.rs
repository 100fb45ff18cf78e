//! Import files uploaded in the dashboard (`/imports`): the command line's importers,
//! run as the signed-in account (so each import is its audit event), within the upload
//! size limit, and for an editor only when every row is of their regions: the region a
//! row names and the region of the stored record its id would change.

use std::{collections::HashMap, path::Path};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::{
    access::{Role, Viewer},
    error::{Error, Result},
    import::{
        self, Code, Options, Outcome, Problems, Quiet, Regions,
        table::{self, FileLimits},
    },
};

/// What an uploaded file holds: the importer it goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The registry (`hub import organisations`).
    Organisations,
    /// Examples of cooperation (`hub import collaborations`).
    Collaborations,
    /// Coded interview findings (`hub import findings`).
    Findings,
    /// Areas: regions and municipalities (`hub import areas`), admins only.
    Areas,
    /// The codebook (`hub import codebook`), admins only.
    Codebook,
}

impl Kind {
    /// Every kind, in the order the form lists them.
    pub const ALL: [Kind; 5] = [
        Kind::Organisations,
        Kind::Collaborations,
        Kind::Findings,
        Kind::Areas,
        Kind::Codebook,
    ];

    /// The name in forms and the audit trail.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Organisations => "organisations",
            Kind::Collaborations => "collaborations",
            Kind::Findings => "findings",
            Kind::Areas => "areas",
            Kind::Codebook => "codebook",
        }
    }

    /// The kind a form names.
    pub fn parse(text: &str) -> Result<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.code() == text.trim())
            .ok_or_else(|| {
                let valid: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
                Error::bad_input(
                    "kind",
                    format!(
                        "{text:?} is not a kind of file; valid: {}",
                        valid.join(", ")
                    ),
                )
            })
    }

    /// The least role that may upload it: the project-wide files are the admins'.
    pub fn role(self) -> Role {
        match self {
            Kind::Areas | Kind::Codebook => Role::Admin,
            _ => Role::Editor,
        }
    }

    /// The kinds `viewer` may upload.
    pub fn allowed(viewer: &Viewer) -> Vec<Kind> {
        Kind::ALL
            .into_iter()
            .filter(|k| viewer.has(k.role()))
            .collect()
    }
}

/// Imports the uploaded file at `path` as `kind`, for `viewer`: refused (nothing
/// written) when `viewer` may not upload it, when it breaks the importer's rules, or
/// when an editor's file writes outside their regions.
pub async fn import_upload(
    db: &DatabaseConnection,
    viewer: &Viewer,
    kind: Kind,
    path: &Path,
    upload_bytes: u64,
) -> Result<Outcome> {
    if !viewer.has(kind.role()) {
        return Err(Error::Forbidden(format!(
            "only {}s upload {} files",
            kind.role().code().to_lowercase(),
            kind.code()
        )));
    }
    let options = Options {
        max_problems: 200,
        file_limits: FileLimits {
            bytes: upload_bytes,
            ..FileLimits::default()
        },
        by: viewer.clone(),
        ..Options::default()
    };
    if !viewer.has(Role::Admin)
        && let Some(refused) = outside_regions(db, viewer, kind, path, &options).await?
    {
        return Ok(refused);
    }
    match kind {
        Kind::Organisations => import::organisations::import(db, path, options, &Quiet).await,
        Kind::Collaborations => import::collaborations::import(db, path, options, &Quiet).await,
        Kind::Findings => import::findings::import(db, path, options, &Quiet).await,
        Kind::Areas => import::areas::import(db, path, options, &Quiet).await,
        Kind::Codebook => import::codebook::import(db, path, options, &Quiet).await,
    }
}

/// For an editor: the refusal listing each row that names a region outside theirs, or
/// whose id is a stored record of such a region; `None` when every row is theirs (a
/// file the importer cannot read is left to it to report).
async fn outside_regions(
    db: &DatabaseConnection,
    viewer: &Viewer,
    kind: Kind,
    path: &Path,
    options: &Options,
) -> Result<Option<Outcome>> {
    let mut read_problems = Problems::new(path, 1);
    let file = table::read(path, &options.file_limits, &mut read_problems)?;
    if !read_problems.is_empty() {
        return Ok(None);
    }
    let regions = Regions::read(db).await?;
    let codes = region_codes(db).await?;
    let allowed = |region_id: i32| {
        codes
            .get(&region_id)
            .is_some_and(|c| crate::service::edit::may_write(viewer, c))
    };
    let mine = viewer.regions.join(", ");
    let stored = stored_regions(db, kind, &file).await?;
    let mut problems = Problems::new(path, options.max_problems);
    let position = |name: &str| file.column(name).map_or(0, |i| i + 1);
    for row in &file.rows {
        let cell = |name: &str| {
            (file.column(name))
                .and_then(|i| row.cells.get(i))
                .map_or("", |c| c.trim())
        };
        if let Some(region) = regions.id(cell("region"))
            && !allowed(region)
        {
            problems.add(
                Code::Forbidden,
                Some(row.number),
                Some(("region", position("region"))),
                Some(cell("region")),
                format!("an editor of {mine} may not write the records of this region"),
            );
        }
        for (column, key) in [("id", cell("id")), ("interview", cell("interview"))] {
            if let Some(region) = stored.get(&(column, key.to_owned()))
                && !allowed(*region)
            {
                let code = codes.get(region).cloned().unwrap_or_default();
                problems.add(
                    Code::Forbidden,
                    Some(row.number),
                    Some((column, position(column))),
                    Some(key),
                    format!("this id is a stored record of {code}, which an editor of {mine} may not change"),
                );
            }
        }
    }
    Ok((!problems.is_empty()).then(|| problems.refuse(file.rows.len() as u64)))
}

async fn region_codes(db: &DatabaseConnection) -> Result<HashMap<i32, String>> {
    use sea_orm::EntityTrait;
    Ok((crate::entity::region::Entity::find()
        .all(db)
        .await?
        .into_iter())
    .map(|r| (r.id, r.code))
    .collect())
}

/// The region of each stored record the file's ids name, by (column, id): for findings
/// also the interviews, whose region is their findings'.
async fn stored_regions(
    db: &DatabaseConnection,
    kind: Kind,
    file: &table::Table,
) -> Result<HashMap<(&'static str, String), i32>> {
    let queries: &[(&str, &str)] = match kind {
        Kind::Organisations => &[(
            "id",
            "SELECT external_id, region_id FROM organisation WHERE external_id IS NOT NULL",
        )],
        Kind::Collaborations => &[(
            "id",
            "SELECT external_id, region_id FROM collaboration WHERE external_id IS NOT NULL",
        )],
        Kind::Findings => &[
            (
                "id",
                "SELECT f.external_id, i.region_id FROM finding f \
                 JOIN interview i ON i.id = f.interview_id WHERE f.external_id IS NOT NULL",
            ),
            (
                "interview",
                "SELECT external_id, region_id FROM interview WHERE external_id IS NOT NULL",
            ),
        ],
        Kind::Areas | Kind::Codebook => &[],
    };
    let mut found = HashMap::new();
    for (column, sql) in queries {
        let Some(i) = file.column(column) else {
            continue;
        };
        let keys: std::collections::HashSet<&str> = (file.rows.iter())
            .filter_map(|r| r.cells.get(i).map(|c| c.trim()))
            .filter(|c| !c.is_empty())
            .collect();
        let backend = db.get_database_backend();
        for row in db
            .query_all_raw(Statement::from_string(backend, *sql))
            .await?
        {
            let key: String = row.try_get_by_index(0)?;
            if keys.contains(key.as_str()) {
                found.insert((*column, key), row.try_get_by_index::<i32>(1)?);
            }
        }
    }
    Ok(found)
}

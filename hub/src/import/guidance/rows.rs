//! The rows of a guidance file checked cell by cell: the kind's own columns, the texts
//! per language, and what a row answers and rests on (themes, sub-codes, findings,
//! collaborations, named figures), each against what is stored.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::{Map, Value, json};

use super::{AUDIENCES, KINDS, MAX_ATTACHMENT_BYTES, OPTIONAL, Record, STATUSES, TOOLKIT_KINDS};
use crate::{
    domain::{QuestionKind, is_iso_639_1},
    entity::{collaboration, finding, guidance, guidance_link, question, region, sub_code, theme},
    error::Result,
    import::{Code, Problems, table},
    service::guidance::figures::Figure,
};

fn language_of<'a>(header: &'a str, prefix: &str) -> Option<&'a str> {
    (header.strip_prefix(prefix))
        .and_then(|rest| rest.strip_prefix("::"))
        .filter(|l| is_iso_639_1(l))
}

pub(super) fn optional_column(header: &str) -> bool {
    OPTIONAL.contains(&header)
        || ["title", "text"]
            .iter()
            .any(|t| language_of(header, t).is_some())
}

/// What the rows may refer to.
pub(crate) struct Known {
    themes: HashSet<String>,
    sub_codes: HashSet<String>,
    likert_questions: HashSet<String>,
    countries: HashSet<String>,
    findings: HashMap<String, i32>,
    collaborations: HashMap<String, i32>,
    /// Stored guidance: external id → kind.
    stored: HashMap<String, String>,
}

/// What the rows may refer to, as stored; a finding or collaboration without an id of
/// its own is named `HUB-<id>`.
pub(crate) async fn known(db: &impl ConnectionTrait) -> Result<Known> {
    let named = |external: Option<String>, id: i32| external.unwrap_or_else(|| format!("HUB-{id}"));
    Ok(Known {
        themes: (theme::Entity::find().all(db).await?.into_iter())
            .map(|t| t.code)
            .collect(),
        sub_codes: (sub_code::Entity::find().all(db).await?.into_iter())
            .map(|s| s.code)
            .collect(),
        likert_questions: (question::Entity::find().all(db).await?.into_iter())
            .filter(|q| q.kind == QuestionKind::Likert)
            .map(|q| q.code)
            .collect(),
        countries: (region::Entity::find().all(db).await?.into_iter())
            .map(|r| r.country_code)
            .collect(),
        findings: (finding::Entity::find().all(db).await?.into_iter())
            .map(|f| (named(f.external_id, f.id), f.id))
            .collect(),
        collaborations: (collaboration::Entity::find().all(db).await?.into_iter())
            .map(|c| (named(c.external_id, c.id), c.id))
            .collect(),
        stored: (guidance::Entity::find().all(db).await?.into_iter())
            .map(|g| (g.external_id, g.kind))
            .collect(),
    })
}

fn list(cell: &str) -> Vec<String> {
    (cell.split(';').map(str::trim))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn link(target: &str) -> guidance_link::Model {
    guidance_link::Model {
        guidance_id: 0,
        position: 0,
        target: target.to_owned(),
        theme_code: None,
        sub_code: None,
        finding_id: None,
        collaboration_id: None,
        figure: None,
    }
}

/// The one of `valid` that `text` names (in any case), or the message saying what is.
fn one_of(text: &str, valid: &[&str], what: &str) -> std::result::Result<String, String> {
    let upper = text.trim().to_ascii_uppercase();
    if valid.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Err(format!("not {what}; valid: {}", valid.join(", ")))
    }
}

/// The valid rows of `table` (`folder` holds the attached files), and how many were
/// rejected (their problems added).
pub(crate) fn validate(
    table: &table::Table,
    folder: &Path,
    known: &Known,
    problems: &mut Problems,
) -> (Vec<Record>, u64) {
    let widths = table::check_widths(table, problems);
    let column = |name: &str| table.column(name).map_or(0, |i| i + 1);
    // Kinds by id in this file, for the roadmap's references to recommendations.
    let kinds_here: HashMap<String, String> = (table.rows.iter())
        .filter_map(|row| {
            let cell = |name: &str| table.column(name).and_then(|i| row.cells.get(i));
            let kind = cell("type")?.trim().to_ascii_uppercase();
            Some((cell("id")?.trim().to_owned(), kind))
        })
        .collect();
    let mut records = Vec::new();
    let mut rejected = 0;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (position, (row, width_ok)) in table.rows.iter().zip(widths).enumerate() {
        if !width_ok {
            rejected += 1;
            continue;
        }
        let before = problems.len();
        let cell = |name: &str| table.column(name).map_or("", |i| row.cells[i].trim());
        let mut fail = |code: Code, name: &str, message: String| {
            problems.add(
                code,
                Some(row.number),
                Some((name, column(name))),
                Some(cell(name)),
                message,
            );
        };
        let id = cell("id").to_owned();
        if id.is_empty() {
            fail(Code::ConstraintError, "id", "every row needs its id".into());
        } else if let Some(first) = seen.insert(id.clone(), row.number) {
            fail(
                Code::DuplicateRow,
                "id",
                format!("row {first} has this id too"),
            );
        }
        let kind = one_of(cell("type"), &KINDS, "a type of guidance")
            .map_err(|m| fail(Code::TypeError, "type", m))
            .unwrap_or_default();
        let status = match cell("status") {
            "" => "DRAFT".to_owned(),
            text => one_of(text, &STATUSES, "a status")
                .map_err(|m| fail(Code::TypeError, "status", m))
                .unwrap_or_default(),
        };
        for name in ["title::en", "text::en"] {
            if cell(name).is_empty() {
                fail(
                    Code::ConstraintError,
                    name,
                    "required in English, the fallback of every page".into(),
                );
            }
        }
        // Each kind's own columns: required where it needs them, refused elsewhere.
        let own: &[(&str, &str, bool)] = &[
            ("audience", "RECOMMENDATION", true),
            ("toolkit_kind", "TOOLKIT_ITEM", true),
            ("link", "TOOLKIT_ITEM", false),
            ("file", "TOOLKIT_ITEM", false),
            ("due", "ROADMAP_STEP", true),
            ("who", "ROADMAP_STEP", false),
            ("recommendation", "ROADMAP_STEP", false),
        ];
        for (name, owner, required) in own {
            if kind == *owner && *required && cell(name).is_empty() {
                fail(
                    Code::ConstraintError,
                    name,
                    format!("required for a {owner}"),
                );
            } else if !kind.is_empty() && kind != *owner && !cell(name).is_empty() {
                fail(
                    Code::ConstraintError,
                    name,
                    format!("only a {owner} has this column"),
                );
            }
        }
        let audience = (kind == "RECOMMENDATION" && !cell("audience").is_empty())
            .then(|| one_of(cell("audience"), &AUDIENCES, "an audience"))
            .transpose()
            .map_err(|m| fail(Code::TypeError, "audience", m))
            .unwrap_or_default();
        let toolkit_kind = (kind == "TOOLKIT_ITEM" && !cell("toolkit_kind").is_empty())
            .then(|| {
                one_of(
                    cell("toolkit_kind"),
                    &TOOLKIT_KINDS,
                    "a kind of toolkit item",
                )
            })
            .transpose()
            .map_err(|m| fail(Code::TypeError, "toolkit_kind", m))
            .unwrap_or_default();
        let web = cell("link");
        if !(web.is_empty() || web.starts_with("https://") || web.starts_with("http://")) {
            fail(
                Code::TypeError,
                "link",
                "a web address starting with https:// or http://".into(),
            );
        }
        let (mut attachment_name, mut attachment) = (None, None);
        if kind == "TOOLKIT_ITEM" && !cell("file").is_empty() {
            match read_attachment(folder, cell("file")) {
                Ok((name, bytes)) => (attachment_name, attachment) = (Some(name), Some(bytes)),
                Err(message) => fail(Code::ConstraintError, "file", message),
            }
        }
        let recommendation = Some(cell("recommendation").to_owned()).filter(|r| !r.is_empty());
        if let Some(r) = &recommendation {
            let kind_of = kinds_here.get(r).or_else(|| known.stored.get(r));
            if kind_of.map(String::as_str) != Some("RECOMMENDATION") {
                fail(
                    Code::ForeignKey,
                    "recommendation",
                    format!("{r:?} is not the id of a recommendation in this file or stored"),
                );
            }
        }
        let mut links = Vec::new();
        for code in list(cell("themes"))
            .into_iter()
            .map(|t| t.to_ascii_uppercase())
        {
            if known.themes.contains(&code) {
                links.push(guidance_link::Model {
                    theme_code: Some(code),
                    ..link("THEME")
                });
            } else {
                fail(
                    Code::ForeignKey,
                    "themes",
                    format!("{code:?} is not a theme of the codebook"),
                );
            }
        }
        for code in list(cell("sub_codes"))
            .into_iter()
            .map(|t| t.to_ascii_uppercase())
        {
            if known.sub_codes.contains(&code) {
                links.push(guidance_link::Model {
                    sub_code: Some(code),
                    ..link("SUB_CODE")
                });
            } else {
                fail(
                    Code::ForeignKey,
                    "sub_codes",
                    format!("{code:?} is not a sub-code of the codebook"),
                );
            }
        }
        for key in list(cell("findings")) {
            match known.findings.get(&key) {
                Some(id) => links.push(guidance_link::Model {
                    finding_id: Some(*id),
                    ..link("FINDING")
                }),
                None => fail(
                    Code::ForeignKey,
                    "findings",
                    format!("{key:?} is not the id of a stored finding"),
                ),
            }
        }
        for key in list(cell("collaborations")) {
            match known.collaborations.get(&key) {
                Some(id) => links.push(guidance_link::Model {
                    collaboration_id: Some(*id),
                    ..link("COLLABORATION")
                }),
                None => fail(
                    Code::ForeignKey,
                    "collaborations",
                    format!("{key:?} is not the id of a stored collaboration"),
                ),
            }
        }
        for text in list(cell("figures")) {
            match check_figure(&text, known) {
                Ok(figure) => links.push(guidance_link::Model {
                    figure: Some(figure.code()),
                    ..link("FIGURE")
                }),
                Err(message) => fail(Code::ForeignKey, "figures", message),
            }
        }
        if problems.len() > before {
            rejected += 1;
            continue;
        }
        let texts = |prefix: &str| {
            let mut texts = Map::new();
            for (i, header) in table.headers.iter().enumerate() {
                if let Some(lang) = language_of(header, prefix)
                    && !row.cells[i].trim().is_empty()
                {
                    texts.insert(lang.to_owned(), json!(row.cells[i].trim()));
                }
            }
            Value::Object(texts)
        };
        let optional = |name: &str| Some(cell(name).to_owned()).filter(|t| !t.is_empty());
        records.push(Record {
            model: guidance::Model {
                id: 0,
                external_id: id,
                kind,
                status,
                position: position as i32 + 1,
                title: texts("title"),
                body: texts("text"),
                audience,
                toolkit_kind,
                link: optional("link"),
                attachment_name,
                due: optional("due"),
                who: optional("who"),
                recommendation_id: None,
            },
            recommendation,
            attachment,
            links,
        });
    }
    (records, rejected)
}

/// A figure whose measure, item and country all exist.
fn check_figure(text: &str, known: &Known) -> std::result::Result<Figure, String> {
    let figure = Figure::parse(text)?;
    let items_known = if figure.measure.of_question() {
        known.likert_questions.contains(&figure.item)
    } else {
        known.themes.contains(&figure.item)
    };
    if !items_known {
        let what = if figure.measure.of_question() {
            "a Likert question"
        } else {
            "a theme"
        };
        return Err(format!("{:?} is not {what} of the data", figure.item));
    }
    if !known.countries.contains(&figure.country) {
        return Err(format!(
            "{:?} is not a country of the partner areas",
            figure.country
        ));
    }
    Ok(figure)
}

/// The name and bytes of `relative`, a file in `folder` (no way out of it).
fn read_attachment(
    folder: &Path,
    relative: &str,
) -> std::result::Result<(String, Vec<u8>), String> {
    let path = Path::new(relative);
    let inside = path
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let (true, Some(name)) = (inside, name) else {
        return Err("a file name in the folder of the imported file".into());
    };
    let full = folder.join(path);
    let size = std::fs::metadata(&full)
        .map_err(|e| format!("cannot read {}: {e}", full.display()))?
        .len();
    if size > MAX_ATTACHMENT_BYTES {
        return Err(format!(
            "{size} bytes; the largest file is {MAX_ATTACHMENT_BYTES} bytes"
        ));
    }
    let bytes = std::fs::read(&full).map_err(|e| format!("cannot read {}: {e}", full.display()))?;
    Ok((name, bytes))
}

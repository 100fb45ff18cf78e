//! `hub export data`: every table as CSV (one file per entity), optionally with a
//! Frictionless `datapackage.json` that describes types, enums, keys and missing values,
//! and the registry as Open Referral HSDS `organizations.csv`.

use std::path::{Path, PathBuf};

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, IdenStatic, Iterable, PaginatorTrait,
    PrimaryKeyToColumn, QueryOrder, sea_query::ColumnType,
};
use serde_json::{Value, json};

mod datapackage;

pub(crate) use datapackage::{FOREIGN_KEYS, enum_values};

use super::{parquet::Buffer, write_atomically};
use crate::{
    access::{Viewer, audit},
    domain::code_of,
    entity::{
        answer, collaboration, collaboration_organisation, collaboration_theme, dataset_meta,
        finding, guidance, guidance_link, interview, municipality, organisation, question, region,
        respondent, sub_code, survey, theme,
    },
    error::Result,
};

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DataFormat {
    /// CSV files.
    Csv,
    /// CSV files and a Frictionless `datapackage.json`.
    Datapackage,
    /// Parquet files, typed (and `organizations.csv`, which HSDS defines as CSV).
    Parquet,
    /// The files `hub import` reads, one per kind of record (areas, codebook, each
    /// survey's XLSForm and wide answers, registry, findings), to edit and import again.
    Import,
}

/// How the export behaves.
#[derive(Debug, Clone, Copy)]
pub struct DataOptions {
    /// The format.
    pub format: DataFormat,
    /// Keep the free-text answers (left out by default: they may identify people).
    pub include_free_text: bool,
}

/// A table written: its file, its columns and their Frictionless types.
#[derive(Debug, Clone)]
pub struct Written {
    /// Resource name, e.g. `organisation`.
    pub name: &'static str,
    /// The file.
    pub path: PathBuf,
    /// Rows written.
    pub rows: u64,
    fields: Vec<Value>,
    primary_key: Vec<String>,
}

const PAGE: u64 = 10_000;

fn frictionless_type(column: &ColumnType) -> &'static str {
    match column {
        ColumnType::TinyInteger
        | ColumnType::SmallInteger
        | ColumnType::Integer
        | ColumnType::BigInteger
        | ColumnType::TinyUnsigned
        | ColumnType::SmallUnsigned
        | ColumnType::Unsigned
        | ColumnType::BigUnsigned
        | ColumnType::Year => "integer",
        ColumnType::Float | ColumnType::Double | ColumnType::Decimal(_) | ColumnType::Money(_) => {
            "number"
        }
        ColumnType::Boolean => "boolean",
        ColumnType::Date => "date",
        ColumnType::DateTime | ColumnType::Timestamp | ColumnType::TimestampWithTimeZone => {
            "datetime"
        }
        ColumnType::Json | ColumnType::JsonBinary => "any",
        _ => "string",
    }
}

/// A cell as CSV text: text that a spreadsheet would run as a formula is defused, JSON
/// is written as JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => dashboard::csv::defuse(s).into_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Writes entity `E` as `name.csv`, page by page in primary-key order, leaving out the
/// columns in `skip` and the rows `keep` refuses.
async fn table<E>(
    db: &DatabaseConnection,
    dir: &Path,
    (name, format): (&'static str, DataFormat),
    skip: &[&str],
    keep: impl Fn(&Value) -> bool,
) -> Result<Written>
where
    E: EntityTrait,
{
    let columns: Vec<E::Column> = E::Column::iter()
        .filter(|c| !skip.contains(&c.as_str()))
        .collect();
    let names: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&names).map_err(std::io::Error::other)?;
    let parquet = format == DataFormat::Parquet;
    let mut buffers: Vec<(String, Buffer)> = columns
        .iter()
        .filter(|_| parquet)
        .map(|c| {
            (
                c.as_str().to_owned(),
                Buffer::for_type(c.def().get_column_type()),
            )
        })
        .collect();
    let mut pages = query.into_json().paginate(db, PAGE);
    let mut rows = 0;
    while let Some(page) = pages.fetch_and_next().await? {
        for row in page.iter().filter(|r| keep(r)) {
            if parquet {
                for (name, buffer) in &mut buffers {
                    buffer.push(&row[name.as_str()]);
                }
            } else {
                let cells: Vec<String> = names.iter().map(|n| cell(&row[*n])).collect();
                writer.write_record(&cells).map_err(std::io::Error::other)?;
            }
            rows += 1;
        }
    }
    let path = if parquet {
        let path = dir.join(format!("{name}.parquet"));
        super::parquet::write(&path, buffers)?;
        path
    } else {
        let bytes = writer
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let path = dir.join(format!("{name}.csv"));
        write_atomically(&path, &bytes)?;
        path
    };
    let fields = columns
        .iter()
        .map(|c| {
            let def = c.def();
            let mut field =
                json!({ "name": c.as_str(), "type": frictionless_type(def.get_column_type()) });
            if !def.is_null() {
                field["constraints"] = json!({ "required": true });
            }
            field
        })
        .collect();
    let primary_key = E::PrimaryKey::iter()
        .map(|k| k.into_column().as_str().to_owned())
        .collect();
    Ok(Written {
        name,
        path,
        rows,
        fields,
        primary_key,
    })
}

/// Writes every table into `dir` (created if missing) for `by`, and records in the audit
/// trail that `by` took the person-level tables (how many respondents, which format,
/// whether with free text).
pub async fn export(
    db: &DatabaseConnection,
    dir: &Path,
    options: DataOptions,
    by: &Viewer,
) -> Result<Vec<Written>> {
    std::fs::create_dir_all(dir)?;
    let written = if options.format == DataFormat::Import {
        (super::importable::export(db, dir, options.include_free_text).await?)
            .into_iter()
            .map(|file| Written {
                name: file.kind,
                path: file.path,
                rows: file.rows,
                fields: Vec::new(),
                primary_key: Vec::new(),
            })
            .collect()
    } else {
        tables(db, dir, options).await?
    };
    let rows_of = |name: &str| {
        (written.iter())
            .filter(|w| w.name == name)
            .map(|w| w.rows)
            .sum::<u64>()
    };
    let people = match options.format {
        DataFormat::Import => rows_of("survey"),
        _ => rows_of("respondent"),
    };
    let tables: serde_json::Map<String, Value> = written
        .iter()
        .map(|w| {
            let file = w.path.file_name().map(|n| n.to_string_lossy().into_owned());
            let key = match options.format {
                DataFormat::Import => file.unwrap_or_default(),
                _ => w.name.to_owned(),
            };
            (key, json!(w.rows))
        })
        .collect();
    audit::record(
        db,
        by,
        audit::Event {
            action: "export.data".into(),
            object_type: Some("dataset".into()),
            object_id: None,
            details: json!({
                "format": format!("{:?}", options.format).to_lowercase(),
                "free_text": options.include_free_text,
                "people": people,
                "tables": tables,
            }),
        },
    )
    .await?;
    Ok(written)
}

/// Every table as CSV or Parquet, with the HSDS registry and, for a data package, its
/// `datapackage.json`.
async fn tables(db: &DatabaseConnection, dir: &Path, options: DataOptions) -> Result<Vec<Written>> {
    let all = |_: &Value| true;
    let f = options.format;
    let free_text = options.include_free_text;
    let mut written = vec![
        table::<region::Entity>(db, dir, ("region", f), &[], all).await?,
        table::<municipality::Entity>(db, dir, ("municipality", f), &[], all).await?,
        table::<organisation::Entity>(db, dir, ("organisation", f), &["name_folded"], all).await?,
        table::<theme::Entity>(db, dir, ("theme", f), &[], all).await?,
        table::<sub_code::Entity>(db, dir, ("sub_code", f), &[], all).await?,
        table::<survey::Entity>(db, dir, ("survey", f), &[], all).await?,
        table::<question::Entity>(db, dir, ("question", f), &[], all).await?,
        table::<respondent::Entity>(db, dir, ("respondent", f), &[], all).await?,
        table::<answer::Entity>(
            db,
            dir,
            ("answer", f),
            if free_text { &[] } else { &["text"] },
            |row| free_text || !row["value"].is_null() || !row["choices"].is_null(),
        )
        .await?,
        table::<interview::Entity>(db, dir, ("interview", f), &[], all).await?,
        table::<finding::Entity>(db, dir, ("finding", f), &["search_text"], all).await?,
        table::<collaboration::Entity>(db, dir, ("collaboration", f), &[], all).await?,
        table::<collaboration_organisation::Entity>(
            db,
            dir,
            ("collaboration_organisation", f),
            &[],
            all,
        )
        .await?,
        table::<collaboration_theme::Entity>(db, dir, ("collaboration_theme", f), &[], all).await?,
        // Attached toolkit files are not exported: they are files, not table cells.
        table::<guidance::Entity>(db, dir, ("guidance", f), &[], all).await?,
        table::<guidance_link::Entity>(db, dir, ("guidance_link", f), &[], all).await?,
        table::<dataset_meta::Entity>(db, dir, ("dataset_meta", f), &[], all).await?,
    ];
    written.push(hsds_organizations(db, dir).await?);
    if options.format == DataFormat::Datapackage {
        let package = datapackage::datapackage(&written);
        let text = serde_json::to_vec_pretty(&package)?;
        write_atomically(&dir.join("datapackage.json"), &text)?;
    }
    Ok(written)
}

/// The registry in the Open Referral HSDS `organizations.csv` layout.
async fn hsds_organizations(db: &DatabaseConnection, dir: &Path) -> Result<Written> {
    let columns = [
        "id",
        "name",
        "alternate_name",
        "description",
        "email",
        "url",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
    ];
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(columns)
        .map_err(std::io::Error::other)?;
    let mut pages = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .paginate(db, PAGE);
    let mut rows = 0;
    while let Some(page) = pages.fetch_and_next().await? {
        for o in page {
            let fields: Vec<String> =
                serde_json::from_value(o.fields_of_activity).unwrap_or_default();
            let kind = code_of(&o.kind);
            writer
                .write_record([
                    dashboard::csv::defuse(
                        &o.external_id.unwrap_or_else(|| format!("hub-{}", o.id)),
                    )
                    .into_owned(),
                    dashboard::csv::defuse(&o.name).into_owned(),
                    String::new(),
                    dashboard::csv::defuse(&fields.join("; ")).into_owned(),
                    String::new(),
                    dashboard::csv::defuse(&o.website.unwrap_or_default()).into_owned(),
                    // HSDS has no field for whether an organisation still works; its
                    // status is in organisation.csv, not forced into tax_status.
                    String::new(),
                    String::new(),
                    o.founded_year.map(|y| y.to_string()).unwrap_or_default(),
                    kind,
                ])
                .map_err(std::io::Error::other)?;
            rows += 1;
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let path = dir.join("organizations.csv");
    write_atomically(&path, &bytes)?;
    let string = |name: &str| json!({ "name": name, "type": "string" });
    Ok(Written {
        name: "organizations",
        path,
        rows,
        fields: vec![
            json!({ "name": "id", "type": "string", "constraints": { "required": true, "unique": true } }),
            json!({ "name": "name", "type": "string", "constraints": { "required": true } }),
            string("alternate_name"),
            string("description"),
            string("email"),
            string("url"),
            string("tax_status"),
            string("tax_id"),
            json!({ "name": "year_incorporated", "type": "integer" }),
            string("legal_status"),
        ],
        primary_key: vec!["id".into()],
    })
}

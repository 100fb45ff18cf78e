//! A survey written as an XLSForm, the workbook KoboToolbox and ODK read and
//! `hub import form` reads back: the `survey` sheet with groups, labels and hints per
//! language, `required`, `theme` and `sub_code`; `choices`; `settings` with this hub's
//! `wave` (the year fielded). The respondent's own fields come first: `region` and
//! `role` (required), `organisation` (its registry id) and `municipality` (filtered by
//! the region chosen).

use std::collections::HashMap;

use dashboard::i18n::Texts as _;

use serde_json::Value;

use crate::{
    domain::{QuestionKind, Role, code_of},
    entity::{municipality, question, region, survey},
    error::{Error, Result},
};

/// One sheet: its name and rows of text cells, the first row its header.
pub type Sheet = (String, Vec<Vec<String>>);

/// Writes `sheets` as an XLSX workbook, every cell as text.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Io(std::io::Error::other(e.to_string()));
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(fail)?;
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    let (r, c) = (r as u32, c as u16);
                    sheet.write_string(r, c, text).map_err(fail)?;
                }
            }
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// `Name (xx)`, as XLSForm names a language.
fn language_name(code: &str) -> String {
    let name = analytics::Lang::parse(code).map_or(code, |l| l.name());
    format!("{name} ({code})")
}

/// The text of `texts` (a JSON object by language) in `language`, or empty.
fn text_in(texts: Option<&Value>, language: &str) -> String {
    texts
        .and_then(|t| t.get(language))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// A term of the interface (a role) in `language`, English where it has none.
fn term(code: &str, language: &str) -> String {
    analytics::Lang::parse(language)
        .unwrap_or_default()
        .term(code)
        .to_owned()
}

/// A text of the interface (`region`, `role`) in `language`, English where it has none.
fn interface_text(key: &str, language: &str) -> String {
    analytics::Lang::parse(language)
        .unwrap_or_default()
        .t(key)
        .to_owned()
}

/// "Municipality" in the interface's languages, in [`analytics::Lang::ALL`]'s order.
const MUNICIPALITY: [&str; 6] = [
    "Municipality",
    "Kommun",
    "Pašvaldība",
    "Savivaldybė",
    "Município",
    "Δήμος",
];

/// What the survey sheet writes per row, in its columns.
struct Row {
    kind: String,
    name: String,
    label: Option<Value>,
    hint: Option<Value>,
    required: bool,
    theme: Option<String>,
    sub_code: Option<String>,
    choice_filter: Option<String>,
}

impl Row {
    fn field(kind: &str, name: &str, label: Value) -> Self {
        Self {
            kind: kind.to_owned(),
            name: name.to_owned(),
            label: Some(label),
            hint: None,
            required: false,
            theme: None,
            sub_code: None,
            choice_filter: None,
        }
    }
}

/// The choice lists of the form, by name, with the rows of `choices` in order.
#[derive(Default)]
struct Lists {
    /// list name, choice name, labels by language, region (for municipalities).
    rows: Vec<(String, String, Value, Option<String>)>,
    /// A Likert scale (as JSON text) to its list's name.
    scales: HashMap<String, String>,
}

impl Lists {
    fn scale(&mut self, labels: &Value, languages: &[String]) -> String {
        let key = labels.to_string();
        if let Some(name) = self.scales.get(&key) {
            return name.clone();
        }
        let name = match self.scales.len() {
            0 => "agreement".to_owned(),
            n => format!("agreement_{}", n + 1),
        };
        for level in 0..5 {
            let mut by_language = serde_json::Map::new();
            for language in languages {
                if let Some(label) = labels[language.as_str()][level].as_str() {
                    by_language.insert(language.clone(), label.into());
                }
            }
            let choice = (level + 1).to_string();
            self.rows
                .push((name.clone(), choice, Value::Object(by_language), None));
        }
        self.scales.insert(key, name.clone());
        name
    }
}

/// The survey, its questions (in any order) and the areas a respondent may be in, as an
/// XLSForm workbook.
pub fn xlsform(
    survey: &survey::Model,
    questions: &[question::Model],
    regions: &[region::Model],
    municipalities: &[municipality::Model],
) -> Result<Vec<u8>> {
    let languages: Vec<String> = (survey.languages.as_array().into_iter().flatten())
        .filter_map(|l| l.as_str().map(str::to_owned))
        .collect();
    let languages = if languages.is_empty() {
        vec!["en".to_owned()]
    } else {
        languages
    };
    let same_in_all = |text: &str| -> Value {
        Value::Object(
            (languages.iter())
                .map(|l| (l.clone(), Value::String(text.to_owned())))
                .collect(),
        )
    };
    let mut lists = Lists::default();
    let mut rows: Vec<Row> = Vec::new();

    // The respondent's own fields, in the first group that holds no question.
    let groups: Vec<(String, Value)> = (survey.groups.iter())
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|g| Some((g["path"].as_str()?.to_owned(), g["label"].clone())))
        .collect();
    let label_of = |path: &str| {
        (groups.iter())
            .find(|(p, _)| p == path)
            .map_or_else(|| same_in_all(path), |(_, l)| l.clone())
    };
    let about = (groups.iter()).map(|(p, _)| p.as_str()).find(|p| {
        !questions
            .iter()
            .any(|q| q.group_path.as_deref() == Some(*p))
    });
    if let Some(path) = about {
        rows.push(Row::field("begin_group", path, label_of(path)));
    }
    for r in regions {
        let label = same_in_all(&r.name);
        lists
            .rows
            .push(("region".into(), r.code.clone(), label, None));
    }
    let region_label = Value::Object(
        (languages.iter())
            .map(|l| (l.clone(), Value::String(interface_text("region", l))))
            .collect(),
    );
    rows.push(Row {
        required: true,
        ..Row::field("select_one region", "region", region_label)
    });
    for role in [
        Role::MunicipalOfficial,
        Role::OrganisationRepresentative,
        Role::YoungPerson,
        Role::Other,
    ] {
        let code = code_of(&role);
        let labels = (languages.iter())
            .map(|l| (l.clone(), Value::String(term(&code, l))))
            .collect();
        lists
            .rows
            .push(("role".into(), code, Value::Object(labels), None));
    }
    let role_label = (languages.iter())
        .map(|l| (l.clone(), Value::String(interface_text("role", l))))
        .collect();
    rows.push(Row {
        required: true,
        ..Row::field("select_one role", "role", Value::Object(role_label))
    });
    rows.push(Row::field(
        "text",
        "organisation",
        same_in_all("Organisation (registry id)"),
    ));
    if !municipalities.is_empty() {
        let region_code: HashMap<i32, &str> =
            regions.iter().map(|r| (r.id, r.code.as_str())).collect();
        for m in municipalities {
            let region = region_code.get(&m.region_id).map(|c| (*c).to_owned());
            let label = same_in_all(&m.name);
            lists
                .rows
                .push(("municipality".into(), m.code.clone(), label, region));
        }
        let label = (languages.iter())
            .map(|l| {
                let index = analytics::Lang::parse(l).unwrap_or_default().index();
                (l.clone(), Value::String(MUNICIPALITY[index].to_owned()))
            })
            .collect();
        rows.push(Row {
            choice_filter: Some("region=${region}".into()),
            ..Row::field(
                "select_one municipality",
                "municipality",
                Value::Object(label),
            )
        });
    }
    if about.is_some() {
        rows.push(Row::field("end_group", "", Value::Null));
    }

    // The questions in order, opening and closing groups as their paths change.
    let mut ordered: Vec<&question::Model> = questions.iter().collect();
    ordered.sort_by_key(|q| q.position);
    let mut open: Vec<String> = Vec::new();
    for q in ordered {
        let path: Vec<String> = (q.group_path.iter())
            .flat_map(|p| p.split('/'))
            .map(str::to_owned)
            .collect();
        let common = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
        while open.len() > common {
            open.pop();
            rows.push(Row::field("end_group", "", Value::Null));
        }
        for name in &path[common..] {
            open.push(name.clone());
            let full = open.join("/");
            rows.push(Row::field("begin_group", name, label_of(&full)));
        }
        let kind = match q.kind {
            QuestionKind::Likert => {
                let labels = q.scale_labels.clone().unwrap_or(Value::Null);
                format!("select_one {}", lists.scale(&labels, &languages))
            }
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                let list = format!("{}_choices", q.code);
                for option in (q.options.iter()).filter_map(Value::as_array).flatten() {
                    let code = option["code"].as_str().unwrap_or_default().to_owned();
                    lists
                        .rows
                        .push((list.clone(), code, option["labels"].clone(), None));
                }
                let select = if q.kind == QuestionKind::SingleChoice {
                    "select_one"
                } else {
                    "select_multiple"
                };
                format!("{select} {list}")
            }
            QuestionKind::Number => "integer".to_owned(),
            QuestionKind::FreeText => "text".to_owned(),
        };
        rows.push(Row {
            hint: q.hint.clone(),
            required: q.required,
            theme: q.theme_code.clone(),
            sub_code: q.sub_code.clone(),
            ..Row::field(&kind, &q.code, q.text.clone())
        });
    }
    for _ in open {
        rows.push(Row::field("end_group", "", Value::Null));
    }

    let names: Vec<String> = languages.iter().map(|l| language_name(l)).collect();
    let mut header = vec!["type".to_owned(), "name".to_owned()];
    header.extend(names.iter().map(|n| format!("label::{n}")));
    header.extend(names.iter().map(|n| format!("hint::{n}")));
    header.extend(["required", "choice_filter", "theme", "sub_code"].map(str::to_owned));
    let mut survey_sheet = vec![header];
    for row in rows {
        let mut cells = vec![row.kind, row.name];
        cells.extend(languages.iter().map(|l| text_in(row.label.as_ref(), l)));
        cells.extend(languages.iter().map(|l| text_in(row.hint.as_ref(), l)));
        cells.push(if row.required { "yes" } else { "" }.to_owned());
        cells.push(row.choice_filter.unwrap_or_default());
        cells.push(row.theme.unwrap_or_default());
        cells.push(row.sub_code.unwrap_or_default());
        survey_sheet.push(cells);
    }

    let mut header = vec!["list_name".to_owned(), "name".to_owned()];
    header.extend(names.iter().map(|n| format!("label::{n}")));
    header.push("region".to_owned());
    let mut choices_sheet = vec![header];
    for (list, name, labels, region) in lists.rows {
        let mut cells = vec![list, name];
        cells.extend(languages.iter().map(|l| text_in(Some(&labels), l)));
        cells.push(region.unwrap_or_default());
        choices_sheet.push(cells);
    }

    let default = languages[0].as_str();
    let settings_sheet = vec![
        [
            "form_title",
            "form_id",
            "version",
            "default_language",
            "wave",
        ]
        .map(str::to_owned)
        .to_vec(),
        vec![
            text_in(Some(&survey.title), default),
            survey.code.clone(),
            survey.version.clone().unwrap_or_default(),
            language_name(default),
            survey.year.to_string(),
        ],
    ];
    workbook(&[
        ("survey".into(), survey_sheet),
        ("choices".into(), choices_sheet),
        ("settings".into(), settings_sheet),
    ])
}

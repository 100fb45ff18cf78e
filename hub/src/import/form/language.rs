//! The languages of an XLSForm's columns: `label::English (en)`, `label::en`,
//! `label::English`, and `label` in the form's default language.

use serde_json::{Map, Value};

use crate::{
    domain::is_iso_639_1,
    import::{Code, Problems, table::Table},
};

/// Language names an XLSForm may write without the code, in English and natively.
const LANGUAGE_NAMES: [(&str, &str); 12] = [
    ("english", "en"),
    ("swedish", "sv"),
    ("svenska", "sv"),
    ("latvian", "lv"),
    ("latviešu", "lv"),
    ("lithuanian", "lt"),
    ("lietuvių", "lt"),
    ("portuguese", "pt"),
    ("português", "pt"),
    ("greek", "el"),
    ("ελληνικά", "el"),
    ("polish", "pl"),
];

/// The ISO 639-1 code of an XLSForm language: `English (en)`, `en` or `English`.
pub(super) fn language_code(text: &str) -> Option<String> {
    let text = text.trim();
    let code = match (text.rfind('('), text.strip_suffix(')')) {
        (Some(open), Some(inner)) => inner[open + 1..].trim().to_lowercase(),
        _ => {
            let lower = text.to_lowercase();
            LANGUAGE_NAMES
                .iter()
                .find(|(name, _)| *name == lower)
                .map_or(lower, |(_, code)| (*code).to_owned())
        }
    };
    is_iso_639_1(&code).then_some(code)
}

/// The columns `prefix` (in the default language) and `prefix::Language (xx)`, with
/// their language; a column whose language cannot be told is reported.
pub(super) fn language_columns(
    table: &Table,
    prefix: &str,
    default: &str,
    problems: &mut Problems,
) -> Vec<(usize, String)> {
    let mut columns = Vec::new();
    for (i, header) in table.headers.iter().enumerate() {
        if header == prefix {
            columns.push((i, default.to_owned()));
        } else if let Some(language) = header
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix("::"))
        {
            match language_code(language) {
                Some(code) => columns.push((i, code)),
                None => problems.add(
                    Code::ExtraLabel,
                    Some(1),
                    Some((header, i + 1)),
                    Some(header),
                    format!(
                        "cannot tell the language of this column; write it as \
                         {prefix}::Name (xx) with the ISO 639-1 code, e.g. {prefix}::English (en)"
                    ),
                ),
            }
        }
    }
    columns
}

/// The texts of a row in `columns`, as a JSON object by language.
pub(super) fn texts(cells: &[String], columns: &[(usize, String)]) -> Map<String, Value> {
    let mut map = Map::new();
    for (i, language) in columns {
        let text = cells.get(*i).map_or("", |c| c.trim());
        if !text.is_empty() {
            map.insert(language.clone(), Value::String(text.to_owned()));
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_read_from_its_code_in_brackets_its_code_or_its_name() {
        assert_eq!(language_code("English (en)").as_deref(), Some("en"));
        assert_eq!(language_code("Svenska (sv)").as_deref(), Some("sv"));
        assert_eq!(language_code("Türkçe (tr)").as_deref(), Some("tr"));
        assert_eq!(language_code("lv").as_deref(), Some("lv"));
        assert_eq!(language_code("Português").as_deref(), Some("pt"));
        assert_eq!(language_code("Klingon"), None);
        assert_eq!(language_code("English (xx)"), None);
    }
}

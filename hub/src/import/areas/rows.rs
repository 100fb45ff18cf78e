//! The rows of an areas file, each checked on its own: required cells, kinds, numbers,
//! codes and languages.

use std::collections::HashMap;

use super::{
    super::{Code, Problems, table},
    KINDS, REQUIRED,
};

/// English names of the countries a partner area may be in, for files that leave
/// `country_name` out (the EU, the EEA and the candidates).
pub(super) const COUNTRIES: [(&str, &str); 36] = [
    ("AT", "Austria"),
    ("BE", "Belgium"),
    ("BG", "Bulgaria"),
    ("HR", "Croatia"),
    ("CY", "Cyprus"),
    ("CZ", "Czechia"),
    ("DK", "Denmark"),
    ("EE", "Estonia"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("GR", "Greece"),
    ("HU", "Hungary"),
    ("IE", "Ireland"),
    ("IT", "Italy"),
    ("LV", "Latvia"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("MT", "Malta"),
    ("NL", "Netherlands"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("RO", "Romania"),
    ("SK", "Slovakia"),
    ("SI", "Slovenia"),
    ("ES", "Spain"),
    ("SE", "Sweden"),
    ("IS", "Iceland"),
    ("LI", "Liechtenstein"),
    ("NO", "Norway"),
    ("CH", "Switzerland"),
    ("AL", "Albania"),
    ("ME", "Montenegro"),
    ("MK", "North Macedonia"),
    ("RS", "Serbia"),
    ("UA", "Ukraine"),
];

/// One valid row.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Area {
    pub(super) row: usize,
    pub(super) code: String,
    pub(super) name: String,
    pub(super) kind: &'static str,
    pub(super) parent: Option<String>,
    pub(super) country_code: String,
    pub(super) country_name: Option<String>,
    pub(super) municipalities: Option<i32>,
    pub(super) population: Option<i64>,
    pub(super) population_source: Option<String>,
    pub(super) population_year: Option<i32>,
    pub(super) languages: Vec<String>,
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Checks every row on its own: required cells, kinds, numbers, codes, languages.
pub(super) fn validate(table: &table::Table, problems: &mut Problems) -> (Vec<Area>, u64) {
    let widths = table::check_widths(table, problems);
    let this_year = chrono::Datelike::year(&chrono::Utc::now().date_naive());
    let mut areas = Vec::new();
    let mut rejected = 0;
    let mut first_row: HashMap<String, usize> = HashMap::new();
    for (row, width_ok) in table.rows.iter().zip(widths) {
        if !width_ok {
            rejected += 1;
            continue;
        }
        let mut ok = true;
        let cell = |name: &str| -> (&str, usize) {
            table
                .column(name)
                .map_or(("", 0), |i| (row.cells[i].trim(), i + 1))
        };
        let mut fail = |code: Code, name: &str, value: &str, message: String| {
            problems.add(
                code,
                Some(row.number),
                Some((name, cell(name).1)),
                Some(value),
                message,
            );
            ok = false;
        };
        for name in REQUIRED {
            if cell(name).0.is_empty() {
                fail(
                    Code::ConstraintError,
                    name,
                    "",
                    format!("{name} is required"),
                );
            }
        }
        let code = cell("code").0.to_uppercase();
        if !code.is_empty() {
            if code.chars().count() > 64 || code.chars().any(char::is_whitespace) {
                fail(
                    Code::ConstraintError,
                    "code",
                    &code,
                    "a code has at most 64 characters and no spaces, e.g. SE-2080".into(),
                );
            } else if let Some(first) = first_row.get(&code) {
                fail(
                    Code::DuplicateRow,
                    "code",
                    &code,
                    format!("code {code:?} is also on row {first}"),
                );
            } else {
                first_row.insert(code.clone(), row.number);
            }
        }
        let kind_text = cell("kind").0;
        let kind = KINDS
            .into_iter()
            .find(|k| k.eq_ignore_ascii_case(kind_text));
        if kind.is_none() && !kind_text.is_empty() {
            fail(
                Code::TypeError,
                "kind",
                kind_text,
                format!("unknown kind; valid: {}", KINDS.join(", ")),
            );
        }
        let country = cell("country_code").0.to_uppercase();
        if !country.is_empty()
            && (country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()))
        {
            fail(
                Code::TypeError,
                "country_code",
                &country,
                "an ISO 3166-1 alpha-2 code, e.g. SE".into(),
            );
        }
        let parent = optional(cell("parent").0).map(|p| p.to_uppercase());
        match (kind, &parent) {
            (Some("REGION"), Some(parent)) => fail(
                Code::ConstraintError,
                "parent",
                parent,
                "a REGION has no parent; leave it empty".into(),
            ),
            (Some("MUNICIPALITY" | "DISTRICT"), None) => fail(
                Code::ConstraintError,
                "parent",
                "",
                "a MUNICIPALITY or DISTRICT names its REGION's code in parent".into(),
            ),
            _ => {}
        }
        let mut number = |name: &str, range: std::ops::RangeInclusive<i64>| -> Option<i64> {
            let text = cell(name).0;
            if text.is_empty() {
                return None;
            }
            match text.replace([' ', '\u{a0}', '_'], "").parse::<i64>() {
                Ok(n) if range.contains(&n) => Some(n),
                _ => {
                    fail(
                        Code::TypeError,
                        name,
                        text,
                        format!("a whole number from {} to {}", range.start(), range.end()),
                    );
                    None
                }
            }
        };
        let population = number("population", 0..=2_000_000_000);
        let population_year = number("population_year", 1800..=i64::from(this_year));
        let municipalities = number("municipalities", 0..=100_000);
        let population_source = optional(cell("population_source").0);
        if population.is_some() && population_source.is_none() {
            fail(
                Code::ConstraintError,
                "population_source",
                "",
                "a population needs its source (a statistics office, a report), so that a reader can check it".into(),
            );
        }
        if kind == Some("REGION") && population.is_none() && !cell("population").0.is_empty() {
            // Already reported as a type error.
        } else if kind == Some("REGION") && cell("population").0.is_empty() {
            fail(
                Code::ConstraintError,
                "population",
                "",
                "a REGION needs its population (the figures per 10 000 inhabitants are computed from it)".into(),
            );
        }
        if municipalities.is_some() && kind != Some("REGION") {
            fail(
                Code::ConstraintError,
                "municipalities",
                cell("municipalities").0,
                "only a REGION has a number of municipalities".into(),
            );
        }
        let mut languages = Vec::new();
        for language in cell("languages").0.split(';').map(str::trim) {
            if language.is_empty() {
                continue;
            }
            if language.len() == 2 && language.chars().all(|c| c.is_ascii_lowercase()) {
                languages.push(language.to_owned());
            } else {
                fail(
                    Code::TypeError,
                    "languages",
                    language,
                    "ISO 639-1 codes separated by `;`, e.g. lt;pl".into(),
                );
            }
        }
        let name = cell("name").0.to_owned();
        if !ok {
            rejected += 1;
            continue;
        }
        if let Some(kind) = kind {
            areas.push(Area {
                row: row.number,
                code,
                name,
                kind,
                parent,
                country_code: country,
                country_name: optional(cell("country_name").0),
                municipalities: municipalities.and_then(|n| i32::try_from(n).ok()),
                population,
                population_source,
                population_year: population_year.and_then(|n| i32::try_from(n).ok()),
                languages,
            });
        }
    }
    (areas, rejected)
}

//! The filters of a page or chart as its URL carries them (`?country=LV&country=LT&
//! role=...&lang=sv`), read into a [`View`]; and the URL names of the domain fields
//! that services report in their errors.

use analytics::{OrganisationKind, Role};
use dashboard::chart;

use crate::{
    domain::parse_lang,
    error::{Error, Result},
    service::charts::View,
};

/// Every URL parameter a view understands.
pub const PARAMETERS: [&str; 15] = [
    "lang", "country", "role", "kind", "question", "theme", "quotes", "q", "after", "activity",
    "group", "from", "to", "width", "height",
];

/// Reads a URL query string, accepting only the parameters in `allowed`; empty values
/// count as absent, so that a form's "all" choice can send `country=`.
pub fn parse(query: &str, allowed: &[&str]) -> Result<View> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
        .map_err(|e| Error::bad_input("query", format!("not a valid query string: {e}")))?;
    let mut view = View::default();
    for (key, value) in pairs {
        if !allowed.contains(&key.as_str()) {
            return Err(Error::bad_input(
                key.as_str(),
                format!(
                    "this page has no parameter {key:?}; valid: {}",
                    allowed.join(", ")
                ),
            ));
        }
        if value.trim().is_empty() {
            continue;
        }
        let code = || value.trim().to_ascii_uppercase();
        match key.as_str() {
            "lang" => view.lang = parse_lang("lang", &value)?,
            "country" => view.countries.push(code()),
            "role" => view
                .roles
                .push(one_of("role", &value, Role::parse, Role::CODES)?),
            "kind" => view.kinds.push(one_of(
                "kind",
                &value,
                OrganisationKind::parse,
                OrganisationKind::CODES,
            )?),
            "question" => view.question = Some(code()),
            "theme" => view.theme = Some(code()),
            "quotes" => view.quotes = Some(code()),
            "activity" => view.activity = Some(code()),
            "group" => view.group = Some(code()),
            "from" => view.from = Some(code()),
            "to" => view.to = Some(code()),
            "q" => view.search = Some(value),
            "after" => view.after = Some(value),
            "width" => view.width = Some(size("width", &value)?),
            "height" => view.height = Some(size("height", &value)?),
            _ => {}
        }
    }
    Ok(view)
}

/// The URL parameter of a domain field where the two differ.
pub fn url_field(field: &str) -> Option<&'static str> {
    Some(match field {
        "organisation_kind" => "kind",
        "search" => "q",
        _ => return None,
    })
}

/// A code of a closed list, or an error naming the list.
fn one_of<T>(field: &str, value: &str, parse: fn(&str) -> Option<T>, valid: &[&str]) -> Result<T> {
    parse(value).ok_or_else(|| {
        Error::bad_input(
            field,
            format!("unknown value {value:?}; valid: {}", valid.join(", ")),
        )
    })
}

fn size(field: &str, value: &str) -> Result<u32> {
    value.trim().parse().map_err(|_| {
        Error::bad_input(
            field,
            format!(
                "{value:?} is not a whole number of pixels; a PNG side is {} to {}",
                chart::MIN_PNG_SIDE,
                chart::MAX_PNG_SIDE
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_reads_repeated_filters_and_ignores_empty_ones() {
        let view = parse(
            "country=lv&country=LT&role=municipal_official&kind=&lang=sv",
            &PARAMETERS,
        )
        .unwrap();
        assert_eq!(view.countries, ["LV", "LT"]);
        assert_eq!(view.roles, [Role::MunicipalOfficial]);
        assert!(view.kinds.is_empty());
        assert_eq!(view.lang, analytics::Lang::Sv);
    }

    #[test]
    fn an_unknown_parameter_or_value_names_what_is_valid() {
        let error = parse("colour=red", &["lang", "country"])
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("colour:") && error.contains("valid: lang, country"),
            "{error}"
        );
        let error = parse("role=mayor", &PARAMETERS).unwrap_err().to_string();
        assert!(
            error.contains("MUNICIPAL_OFFICIAL, ORGANISATION_REPRESENTATIVE"),
            "{error}"
        );
        let error = parse("lang=de", &PARAMETERS).unwrap_err().to_string();
        assert!(error.contains("en, sv, lv, lt, pt, el"), "{error}");
        let error = parse("width=wide", &PARAMETERS).unwrap_err().to_string();
        assert!(error.starts_with("width:"), "{error}");
    }

    #[test]
    fn a_domain_field_is_named_as_the_url_names_it() {
        let error = Error::bad_input("organisation_kind", "unknown value").rename_field(url_field);
        assert_eq!(error.to_string(), "kind: unknown value");
        let error = Error::bad_input("country", "unknown value").rename_field(url_field);
        assert_eq!(error.to_string(), "country: unknown value");
    }
}

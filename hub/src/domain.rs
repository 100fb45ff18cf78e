//! Domain values shared by the entities, the services and the GraphQL types; each
//! rejects bad input in its `parse`, so a bad value cannot travel far.

use async_graphql::Enum;
use sea_orm::{DeriveActiveEnum, EnumIter, sea_query::StringLen};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The kind of a local organisation.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Enum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "analytics::OrganisationKind")]
pub enum OrganisationKind {
    /// A registered youth association.
    #[sea_orm(string_value = "YOUTH_ASSOCIATION")]
    YouthAssociation,
    /// A social enterprise.
    #[sea_orm(string_value = "SOCIAL_ENTERPRISE")]
    SocialEnterprise,
    /// An informal initiative with no legal form.
    #[sea_orm(string_value = "INFORMAL_INITIATIVE")]
    InformalInitiative,
    /// A non-governmental organisation not specific to youth.
    #[sea_orm(string_value = "NGO")]
    Ngo,
    /// A unit of the municipality (youth centre, youth department).
    #[sea_orm(string_value = "MUNICIPAL_UNIT")]
    MunicipalUnit,
    /// Anything else.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Whether an organisation is still working.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Enum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrganisationStatus {
    /// Working now.
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    /// Registered but without visible activity.
    #[sea_orm(string_value = "DORMANT")]
    Dormant,
    /// Closed down.
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

/// The role in which a person answered a survey or was interviewed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Enum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "analytics::Role")]
pub enum Role {
    /// Works for the municipality.
    #[sea_orm(string_value = "MUNICIPAL_OFFICIAL")]
    MunicipalOfficial,
    /// Represents a youth organisation or initiative.
    #[sea_orm(string_value = "ORGANISATION_REPRESENTATIVE")]
    OrganisationRepresentative,
    /// A young person answering for themselves.
    #[sea_orm(string_value = "YOUNG_PERSON")]
    YoungPerson,
    /// Anyone else.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// How formally a collaboration was agreed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Enum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Agreement {
    /// No agreement.
    #[sea_orm(string_value = "NONE")]
    None,
    /// An informal understanding.
    #[sea_orm(string_value = "INFORMAL")]
    Informal,
    /// A written agreement (a letter, minutes, a partnership declaration).
    #[sea_orm(string_value = "WRITTEN")]
    Written,
    /// A contract.
    #[sea_orm(string_value = "CONTRACT")]
    Contract,
}

impl Agreement {
    /// Every agreement's code.
    pub const CODES: [&str; 4] = ["NONE", "INFORMAL", "WRITTEN", "CONTRACT"];
}

/// The kind of a survey question, which decides the shape of its answers.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Enum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "analytics::QuestionKind")]
pub enum QuestionKind {
    /// Agreement on a scale of 1 (strongly disagree) to 5 (strongly agree).
    #[sea_orm(string_value = "LIKERT")]
    Likert,
    /// One option out of several.
    #[sea_orm(string_value = "SINGLE_CHOICE")]
    SingleChoice,
    /// Any number of options.
    #[sea_orm(string_value = "MULTIPLE_CHOICE")]
    MultipleChoice,
    /// A number.
    #[sea_orm(string_value = "NUMBER")]
    Number,
    /// Free text.
    #[sea_orm(string_value = "FREE_TEXT")]
    FreeText,
}

impl OrganisationKind {
    /// Every kind's code, as stored and as files and URLs write it.
    pub const CODES: &[&str] = analytics::OrganisationKind::CODES;
}

impl OrganisationStatus {
    /// Every status's code.
    pub const CODES: [&str; 3] = ["ACTIVE", "DORMANT", "CLOSED"];
}

impl Role {
    /// Every role's code.
    pub const CODES: &[&str] = analytics::Role::CODES;
}

impl QuestionKind {
    /// Every question kind's code.
    pub const CODES: &[&str] = analytics::QuestionKind::CODES;
}

/// The code a stored enum (kind, status, role) is written as, e.g. `YOUTH_ASSOCIATION`.
pub fn code_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A stored enum from text that writes its code in any case, with spaces or hyphens for
/// underscores: `youth association` is `YOUTH_ASSOCIATION`.
pub fn enum_code<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    let code = text.trim().to_ascii_uppercase().replace([' ', '-'], "_");
    serde_json::from_value(serde_json::Value::String(code)).ok()
}

/// A reason to cooperate that a collaboration example shows, from the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Outcome {
    /// Better knowledge of local capacity.
    LocalCapacityKnowledge,
    /// New ideas for the local context.
    NewIdeas,
    /// Stronger social inclusion and integration.
    SocialInclusion,
}

/// A language the hub has texts in; every translatable text falls back to English. It is
/// the project's shared vocabulary, which the comparisons and the dashboard use too.
pub use analytics::Lang;

/// Parses an ISO 639-1 language code; `field` names the argument in the error.
pub fn parse_lang(field: &str, code: &str) -> Result<Lang> {
    Lang::parse(code).ok_or_else(|| {
        Error::bad_input(
            field,
            format!("unknown language {code:?}; valid: en, sv, lv, lt, pt, el"),
        )
    })
}

/// A text in several languages, stored as a JSON object from language code to text.
pub type Translations = std::collections::BTreeMap<String, String>;

/// Picks the text in `lang` from `texts`, falling back to English, then to any text.
pub fn translate(texts: &serde_json::Value, lang: Lang) -> String {
    texts
        .get(lang.code())
        .or_else(|| texts.get("en"))
        .or_else(|| texts.as_object().and_then(|map| map.values().next()))
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryCode(String);

impl CountryCode {
    /// Accepts two ASCII letters in either case; `field` names the argument in the error.
    pub fn parse(field: &str, code: &str) -> Result<Self> {
        let trimmed = code.trim();
        if trimmed.len() == 2 && trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(Self(trimmed.to_ascii_uppercase()))
        } else {
            Err(Error::bad_input(
                field,
                format!(
                    "{code:?} is not an ISO 3166-1 alpha-2 country code (two letters, e.g. LV)"
                ),
            ))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Likert answer: an integer from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LikertValue(u8);

impl LikertValue {
    /// Accepts 1 to 5.
    pub fn parse(value: i64) -> Result<Self> {
        match u8::try_from(value) {
            Ok(v @ 1..=5) => Ok(Self(v)),
            _ => Err(Error::bad_input(
                "value",
                format!("a Likert answer must be 1 to 5, got {value}"),
            )),
        }
    }

    /// The value as a number.
    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes<T: sea_orm::Iterable + Serialize>() -> Vec<String> {
        T::iter()
            .map(|v| {
                serde_json::to_value(v)
                    .ok()
                    .and_then(|c| c.as_str().map(str::to_owned))
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn the_code_lists_are_the_enums_codes_in_order() {
        assert_eq!(codes::<OrganisationKind>(), OrganisationKind::CODES);
        assert_eq!(codes::<OrganisationStatus>(), OrganisationStatus::CODES);
        assert_eq!(codes::<Role>(), Role::CODES);
        assert_eq!(codes::<QuestionKind>(), QuestionKind::CODES);
    }

    #[test]
    fn each_stored_value_is_the_shared_vocabularys_value_of_the_same_code() {
        for role in <Role as sea_orm::Iterable>::iter() {
            assert_eq!(analytics::Role::from(role).code(), code_of(&role));
        }
        for kind in <OrganisationKind as sea_orm::Iterable>::iter() {
            assert_eq!(
                analytics::OrganisationKind::from(kind).code(),
                code_of(&kind)
            );
        }
        for kind in <QuestionKind as sea_orm::Iterable>::iter() {
            assert_eq!(analytics::QuestionKind::from(kind).code(), code_of(&kind));
        }
    }

    #[test]
    fn a_likert_value_outside_one_to_five_is_rejected() {
        assert!(LikertValue::parse(0).is_err());
        assert!(LikertValue::parse(6).is_err());
        assert_eq!(LikertValue::parse(5).map(LikertValue::get).ok(), Some(5));
    }

    #[test]
    fn an_unknown_language_names_the_valid_ones() {
        let error = parse_lang("lang", "de").err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("lang: unknown language \"de\"; valid: en, sv, lv, lt, pt, el")
        );
        assert_eq!(parse_lang("lang", "EL").ok(), Some(Lang::El));
    }

    #[test]
    fn translation_falls_back_to_english() {
        let texts = serde_json::json!({"en": "Hello", "sv": "Hej"});
        assert_eq!(translate(&texts, Lang::Sv), "Hej");
        assert_eq!(translate(&texts, Lang::Lv), "Hello");
    }

    #[test]
    fn a_country_code_must_be_two_letters() {
        assert_eq!(
            CountryCode::parse("c", "lv")
                .ok()
                .map(|c| c.as_str().to_owned()),
            Some("LV".to_owned())
        );
        assert!(CountryCode::parse("c", "LVA").is_err());
        assert!(CountryCode::parse("c", "1V").is_err());
    }
}

/// The ISO 639-1 language codes: a quote may be in any of them (Polish in Trakai,
/// Turkish in Cyprus), while the interface speaks its six.
pub const ISO_639_1: [&str; 183] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Whether `code` is an ISO 639-1 language code (lower case).
pub fn is_iso_639_1(code: &str) -> bool {
    ISO_639_1.binary_search(&code).is_ok()
}

#[cfg(test)]
mod iso_tests {
    use super::*;

    #[test]
    fn the_language_list_is_sorted_and_knows_the_partners_languages() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
        for code in ["en", "sv", "lv", "lt", "pt", "el", "pl", "tr", "ru"] {
            assert!(is_iso_639_1(code), "{code}");
        }
        assert!(!is_iso_639_1("xx") && !is_iso_639_1("EN") && !is_iso_639_1("eng"));
    }
}

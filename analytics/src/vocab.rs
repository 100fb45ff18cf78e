//! The project's shared vocabulary: the closed code lists that the hub stores, the
//! comparisons group by and the dashboard names, as types. Each code is written here
//! once; `parse` accepts it in any case, with spaces or hyphens for underscores.

/// Declares a code list: the enum, every value in order, its code and a parser.
macro_rules! codes {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value, in the order the project lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// Every value's code, in the same order.
            pub const CODES: &'static [&'static str] = &[$($code,)*];

            /// The code, as stored and as files and URLs write it.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }

            /// The value whose code `text` writes, in any case, with spaces or hyphens
            /// for underscores; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                let code = text.trim().to_ascii_uppercase().replace([' ', '-'], "_");
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

codes! {
    /// The role in which a person answered a survey or was interviewed.
    Role {
        /// Works for the municipality.
        MunicipalOfficial = "MUNICIPAL_OFFICIAL",
        /// Represents a youth organisation or initiative.
        OrganisationRepresentative = "ORGANISATION_REPRESENTATIVE",
        /// A young person answering for themselves.
        YoungPerson = "YOUNG_PERSON",
        /// Anyone else.
        Other = "OTHER",
    }
}

codes! {
    /// The kind of a local organisation.
    OrganisationKind {
        /// A registered youth association.
        YouthAssociation = "YOUTH_ASSOCIATION",
        /// A social enterprise.
        SocialEnterprise = "SOCIAL_ENTERPRISE",
        /// An informal initiative with no legal form.
        InformalInitiative = "INFORMAL_INITIATIVE",
        /// A non-governmental organisation not specific to youth.
        Ngo = "NGO",
        /// A unit of the municipality (youth centre, youth department).
        MunicipalUnit = "MUNICIPAL_UNIT",
        /// Anything else.
        Other = "OTHER",
    }
}

codes! {
    /// The kind of a survey question, which decides the shape of its answers.
    QuestionKind {
        /// Agreement on a scale of 1 (strongly disagree) to 5 (strongly agree).
        Likert = "LIKERT",
        /// One option out of several.
        SingleChoice = "SINGLE_CHOICE",
        /// Any number of options.
        MultipleChoice = "MULTIPLE_CHOICE",
        /// A number.
        Number = "NUMBER",
        /// Free text.
        FreeText = "FREE_TEXT",
    }
}

impl QuestionKind {
    /// Whether answers are chosen options (single or multiple choice).
    pub fn is_choice(self) -> bool {
        matches!(self, Self::SingleChoice | Self::MultipleChoice)
    }
}

/// A language the project has texts in; every translatable text falls back to English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    /// English, the fallback.
    #[default]
    En,
    /// Swedish.
    Sv,
    /// Latvian.
    Lv,
    /// Lithuanian.
    Lt,
    /// Portuguese.
    Pt,
    /// Greek.
    El,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Sv, Lang::Lv, Lang::Lt, Lang::Pt, Lang::El];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
            Lang::Lv => "lv",
            Lang::Lt => "lt",
            Lang::Pt => "pt",
            Lang::El => "el",
        }
    }

    /// The language's own name, for the language menu.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Sv => "Svenska",
            Lang::Lv => "Latviešu",
            Lang::Lt => "Lietuvių",
            Lang::Pt => "Português",
            Lang::El => "Ελληνικά",
        }
    }

    /// The language of an ISO 639-1 code in any case; `None` for anything else.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Its position in [`Lang::ALL`], for tables of texts in that order.
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_in_any_case_with_spaces_or_hyphens() {
        assert_eq!(
            Role::parse("municipal official"),
            Some(Role::MunicipalOfficial)
        );
        assert_eq!(
            OrganisationKind::parse(" youth-association "),
            Some(OrganisationKind::YouthAssociation)
        );
        assert_eq!(QuestionKind::parse("LIKERT"), Some(QuestionKind::Likert));
        assert_eq!(Role::parse("MAYOR"), None);
    }

    #[test]
    fn the_code_lists_follow_the_values() {
        for (value, code) in Role::ALL.iter().zip(Role::CODES) {
            assert_eq!(value.code(), *code);
        }
        assert_eq!(OrganisationKind::CODES.len(), OrganisationKind::ALL.len());
        assert_eq!(QuestionKind::CODES[0], "LIKERT");
    }

    #[test]
    fn a_language_code_is_read_in_any_case() {
        assert_eq!(Lang::parse(" LT "), Some(Lang::Lt));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::El.index(), 5);
    }
}

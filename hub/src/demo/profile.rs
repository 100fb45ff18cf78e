//! The five partner areas: real facts from the report, and the synthetic tendencies
//! the generator builds in so that the comparisons have something to show.

use crate::domain::OrganisationKind::{self, *};

/// Organisation kinds in the order of [`Profile::kind_weights`].
pub const KINDS: [OrganisationKind; 6] = [
    YouthAssociation,
    SocialEnterprise,
    InformalInitiative,
    Ngo,
    MunicipalUnit,
    Other,
];

/// Words to build plausible organisation names from.
pub struct NameBook {
    /// Places, in the form the templates need (often genitive).
    pub places: &'static [&'static str],
    /// Name words.
    pub words: &'static [&'static str],
    /// Templates per kind (order of [`KINDS`]); `{p}` is a place, `{w}` a word.
    pub templates: [&'static [&'static str]; 6],
}

/// One partner area.
pub struct Profile {
    /// Region code.
    pub code: &'static str,
    /// Name of the area.
    pub name: &'static str,
    /// ISO country code.
    pub country_code: &'static str,
    /// Country name in English.
    pub country_name: &'static str,
    /// Inhabitants.
    pub population: i64,
    /// Municipalities in the area.
    pub municipalities: i32,
    /// Languages spoken.
    pub languages: &'static [&'static str],
    /// Index of the main language in [`super::content::LANGS`].
    pub lang: usize,
    /// Organisations in the registry.
    pub organisations: usize,
    /// Share of each kind (order of [`KINDS`]).
    pub kind_weights: [f64; 6],
    /// Share closed.
    pub closed_rate: f64,
    /// Share dormant.
    pub dormant_rate: f64,
    /// Share of entries checked in the last twelve months.
    pub verified_recently: f64,
    /// Share of the survey's respondents.
    pub respondent_weight: f64,
    /// Mean agreement per theme (order of [`super::content::THEMES`]) of organisation representatives.
    pub theme_means: [f64; 4],
    /// Items that read differently here.
    pub item_adjust: &'static [(&'static str, f64)],
    /// Chance of naming each contact channel (order of [`super::content::CHANNELS`]).
    pub channels: [f64; 6],
    /// Sub-codes heard more (or less) often here in interviews.
    pub sub_code_weights: &'static [(&'static str, f64)],
    /// Names.
    pub names: NameBook,
    /// Municipalities or towns, for collaborations.
    pub towns: &'static [&'static str],
}

/// Role effects on the theme means: municipal officials, organisation representatives,
/// young people, others (order of themes as in [`super::content::THEMES`]).
pub const ROLE_EFFECTS: [[f64; 4]; 4] = [
    [0.55, 0.30, 0.75, -0.25],
    [0.0, 0.0, 0.0, 0.0],
    [-0.30, -0.20, -0.40, 0.10],
    [0.0, 0.0, 0.0, 0.0],
];

/// The change of each theme mean (order of [`super::content::THEMES`]) from the baseline
/// wave to the follow-up, per area (order of [`PROFILES`]): invented, but the kind of
/// change the project hopes for. Dalarna's youth dialogue meetings build relationships,
/// Talsi's new youth council a shared understanding, Braga's participatory budget a
/// little of everything; Trakai barely moves, and in Cyprus a new funding rule makes the
/// processes harder.
pub const WAVE_CHANGE: [[f64; 4]; 5] = [
    [0.10, 0.30, 0.00, 0.05],
    [0.35, 0.15, 0.05, 0.00],
    [0.00, 0.05, -0.05, 0.00],
    [0.15, 0.20, 0.10, 0.10],
    [0.05, 0.10, -0.25, 0.00],
];

/// The five areas.
pub const PROFILES: [Profile; 5] = [
    Profile {
        code: "SE-DALARNA",
        name: "Region Dalarna",
        country_code: "SE",
        country_name: "Sweden",
        population: 288_000,
        municipalities: 15,
        languages: &["sv"],
        lang: 1,
        organisations: 260,
        kind_weights: [0.42, 0.05, 0.10, 0.25, 0.12, 0.06],
        closed_rate: 0.10,
        dormant_rate: 0.08,
        verified_recently: 0.50,
        respondent_weight: 150.0,
        theme_means: [3.0, 3.3, 3.1, 3.4],
        item_adjust: &[("RT2", -0.5), ("PB1", 0.2)],
        channels: [0.45, 0.70, 0.35, 0.50, 0.15, 0.08],
        sub_code_weights: &[
            ("POLITICAL_CHANGE", 3.0),
            ("PERSONAL_TIES", 2.0),
            ("UNKNOWN_SUPPORT", 2.0),
        ],
        names: NameBook {
            places: &[
                "Falun",
                "Borlänge",
                "Mora",
                "Ludvika",
                "Avesta",
                "Leksand",
                "Rättvik",
                "Orsa",
                "Malung",
                "Vansbro",
                "Gagnef",
                "Hedemora",
                "Säter",
                "Smedjebacken",
                "Älvdalen",
            ],
            words: &[
                "Musik",
                "Dans",
                "Teater",
                "Friluftsliv",
                "Gaming",
                "Klimat",
                "Film",
                "Foto",
                "Skate",
                "Hiphop",
                "Konst",
                "Natur",
            ],
            templates: [
                &[
                    "{p} Ungdomsförening",
                    "{w}föreningen {p}",
                    "{p} Scoutkår",
                    "Unga {p} {w}",
                ],
                &["{w}kooperativet {p}", "Unga Händer {p} ek. för."],
                &["Nätverket {w} {p}", "{w}gänget i {p}"],
                &[
                    "{p} Hembygdsförening",
                    "{w}sällskapet i {p}",
                    "Föreningen Mötesplats {p}",
                    "{p} Idrottsklubb",
                ],
                &[
                    "Fritidsgården {p}",
                    "Ungdomens hus {p}",
                    "Kulturskolan {p} {w}",
                ],
                &["Studiecirkel {w} {p}", "{w}verkstaden {p}"],
            ],
        },
        towns: &["Falun", "Borlänge", "Mora", "Ludvika", "Leksand", "Rättvik"],
    },
    Profile {
        code: "LV-TALSI",
        name: "Talsi",
        country_code: "LV",
        country_name: "Latvia",
        population: 38_500,
        municipalities: 1,
        languages: &["lv"],
        lang: 2,
        organisations: 300,
        kind_weights: [0.25, 0.05, 0.10, 0.45, 0.10, 0.05],
        closed_rate: 0.12,
        dormant_rate: 0.08,
        verified_recently: 0.70,
        respondent_weight: 110.0,
        theme_means: [3.4, 3.5, 3.2, 3.0],
        item_adjust: &[("PB1", 0.5), ("SU2", 0.3)],
        channels: [0.50, 0.55, 0.40, 0.45, 0.45, 0.06],
        sub_code_weights: &[
            ("FEW_DIALOGUE_CHANNELS", 0.5),
            ("NO_CONTINUITY", 2.0),
            ("MISSED_FUNDING", 2.0),
        ],
        names: NameBook {
            places: &[
                "Talsu",
                "Sabiles",
                "Stendes",
                "Valdemārpils",
                "Rojas",
                "Dundagas",
                "Mērsraga",
                "Laidzes",
                "Lubes",
                "Kolkas",
            ],
            words: &[
                "Vilnis", "Zvaigzne", "Dzirksts", "Ozols", "Saule", "Enkurs", "Gaisma", "Kāpa",
                "Jūra", "Vējš", "Pūce", "Dzintars",
            ],
            templates: [
                &[
                    "{p} jauniešu biedrība \"{w}\"",
                    "{p} jauniešu klubs \"{w}\"",
                ],
                &["SIA \"{p} {w}\" (sociālais uzņēmums)"],
                &[
                    "Iniciatīvas grupa \"{w}\" ({p})",
                    "{p} jauniešu iniciatīva \"{w}\"",
                ],
                &[
                    "{p} novada biedrība \"{w}\"",
                    "Nodibinājums \"{p} {w}\"",
                    "Biedrība \"{w}\" ({p})",
                ],
                &[
                    "{p} jauniešu centrs \"{w}\"",
                    "{p} bērnu un jauniešu centra filiāle \"{w}\"",
                ],
                &["Kopiena \"{w}\" ({p})"],
            ],
        },
        towns: &[
            "Talsi",
            "Sabile",
            "Stende",
            "Valdemārpils",
            "Roja",
            "Dundaga",
        ],
    },
    Profile {
        code: "LT-TRAKAI",
        name: "Trakai",
        country_code: "LT",
        country_name: "Lithuania",
        population: 32_000,
        municipalities: 1,
        languages: &["lt", "pl"],
        lang: 3,
        organisations: 300,
        kind_weights: [0.25, 0.05, 0.10, 0.45, 0.10, 0.05],
        closed_rate: 0.50,
        dormant_rate: 0.10,
        verified_recently: 0.20,
        respondent_weight: 100.0,
        theme_means: [2.4, 2.9, 2.6, 2.7],
        item_adjust: &[("SU2", -0.6), ("SU1", -0.3)],
        channels: [0.25, 0.40, 0.45, 0.60, 0.15, 0.18],
        sub_code_weights: &[
            ("OUTDATED_REGISTRY", 4.0),
            ("REGISTRY_UNKNOWN_TO_ORGS", 2.0),
            ("SEEN_AS_SHORT_TERM", 2.0),
        ],
        names: NameBook {
            places: &[
                "Trakų",
                "Lentvario",
                "Rūdiškių",
                "Aukštadvario",
                "Onuškio",
                "Senųjų Trakų",
                "Paluknio",
                "Grendavės",
                "Žaslių",
                "Lentupio",
            ],
            words: &[
                "Ąžuolas",
                "Žaibas",
                "Vėjas",
                "Saulė",
                "Ežeras",
                "Galvė",
                "Kryžkelė",
                "Jaunystė",
                "Pilis",
                "Aitvaras",
                "Versmė",
                "Gintaras",
            ],
            templates: [
                &[
                    "{p} jaunimo klubas \"{w}\"",
                    "{p} jaunimo organizacija \"{w}\"",
                ],
                &["Socialinė įmonė \"{p} {w}\""],
                &["{p} jaunimo iniciatyva \"{w}\""],
                &[
                    "{p} bendruomenė \"{w}\"",
                    "VšĮ \"{w}\" ({p})",
                    "{p} lenkų jaunimo sąjunga \"{w}\"",
                ],
                &[
                    "{p} jaunimo centras \"{w}\"",
                    "{p} atviroji jaunimo erdvė \"{w}\"",
                ],
                &["{p} klubas \"{w}\""],
            ],
        },
        towns: &[
            "Trakai",
            "Lentvaris",
            "Rūdiškės",
            "Aukštadvaris",
            "Onuškis",
            "Senieji Trakai",
        ],
    },
    Profile {
        code: "PT-BRAGA",
        name: "Braga",
        country_code: "PT",
        country_name: "Portugal",
        population: 193_000,
        municipalities: 1,
        languages: &["pt"],
        lang: 4,
        organisations: 200,
        kind_weights: [0.30, 0.25, 0.08, 0.25, 0.07, 0.05],
        closed_rate: 0.12,
        dormant_rate: 0.07,
        verified_recently: 0.45,
        respondent_weight: 130.0,
        theme_means: [3.1, 3.2, 2.7, 3.5],
        item_adjust: &[("CR2", 0.4), ("PB4", -0.3)],
        channels: [0.55, 0.60, 0.50, 0.40, 0.25, 0.07],
        sub_code_weights: &[
            ("NEW_SECTOR", 4.0),
            ("NO_ROOM_TO_GROW", 2.0),
            ("CHANGING_PROCEDURES", 2.0),
        ],
        names: NameBook {
            places: &[
                "Braga",
                "Maximinos",
                "São Vicente",
                "Nogueiró",
                "Gualtar",
                "Lamaçães",
                "Real",
                "Tadim",
                "Palmeira",
                "Ferreiros",
                "Lomar",
                "Sequeira",
            ],
            words: &[
                "Horizonte",
                "Raízes",
                "Ponte",
                "Semente",
                "Faísca",
                "Farol",
                "Rumo",
                "Colmeia",
                "Mosaico",
                "Ritmo",
                "Alvorada",
                "Encontro",
            ],
            templates: [
                &[
                    "Associação Juvenil {w} de {p}",
                    "Grupo de Jovens de {p} \"{w}\"",
                ],
                &["Cooperativa Social {w} de {p}", "{w} Lab {p}"],
                &["Coletivo {w} de {p}"],
                &[
                    "Associação Cultural {w} de {p}",
                    "Associação Recreativa {w} de {p}",
                ],
                &["Espaço Jovem {w} de {p}", "Centro de Juventude {w} de {p}"],
                &["Clube {w} de {p}"],
            ],
        },
        towns: &[
            "Braga",
            "Maximinos",
            "São Vicente",
            "Gualtar",
            "Real",
            "Tadim",
        ],
    },
    Profile {
        code: "CY-CYPRUS",
        name: "Cyprus",
        country_code: "CY",
        country_name: "Cyprus",
        population: 1_000_000,
        municipalities: 20,
        languages: &["el", "tr", "en"],
        lang: 5,
        organisations: 220,
        kind_weights: [0.25, 0.05, 0.40, 0.20, 0.05, 0.05],
        closed_rate: 0.15,
        dormant_rate: 0.12,
        verified_recently: 0.25,
        respondent_weight: 140.0,
        theme_means: [2.5, 3.0, 2.3, 2.5],
        item_adjust: &[("CR5", -0.5), ("PB3", -0.4)],
        channels: [0.20, 0.35, 0.70, 0.55, 0.10, 0.15],
        sub_code_weights: &[
            ("NO_LEGAL_FRAMEWORK", 4.0),
            ("VOLUNTEER_DEPENDENCE", 3.0),
            ("BARRIERS_AND_OPACITY", 2.0),
        ],
        names: NameBook {
            places: &[
                "Λευκωσίας",
                "Λεμεσού",
                "Λάρνακας",
                "Πάφου",
                "Παραλιμνίου",
                "Αγίας Νάπας",
                "Πόλης Χρυσοχούς",
                "Στροβόλου",
                "Λακατάμιας",
                "Γερμασόγειας",
            ],
            words: &[
                "Ορίζοντας",
                "Γέφυρα",
                "Σπίθα",
                "Κύμα",
                "Φάρος",
                "Ρίζες",
                "Αλλαγή",
                "Πυξίδα",
                "Ελιά",
                "Δράση",
                "Φως",
                "Μέλλον",
            ],
            templates: [
                &["Σύνδεσμος Νέων {p} «{w}»", "Νεολαία {p} «{w}»"],
                &["Κοινωνική Επιχείρηση «{w}» {p}"],
                &[
                    "Ομάδα Νέων «{w}» {p}",
                    "Πρωτοβουλία «{w}» {p}",
                    "Κίνηση Νέων {p} «{w}»",
                ],
                &[
                    "Πολιτιστικός Σύλλογος {p} «{w}»",
                    "Περιβαλλοντική Οργάνωση «{w}» {p}",
                ],
                &["Κέντρο Νεότητας {p} «{w}»"],
                &["Όμιλος «{w}» {p}"],
            ],
        },
        towns: &[
            "Nicosia",
            "Limassol",
            "Larnaca",
            "Paphos",
            "Paralimni",
            "Strovolos",
        ],
    },
];

/// Fields of activity an organisation may have.
pub const FIELDS: [&str; 10] = [
    "SPORT",
    "CULTURE",
    "EDUCATION",
    "ENVIRONMENT",
    "SOCIAL_INCLUSION",
    "DEMOCRACY",
    "ENTREPRENEURSHIP",
    "DIGITAL",
    "HEALTH",
    "LEISURE",
];

/// Target groups an organisation may serve.
pub const TARGET_GROUPS: [&str; 8] = [
    "CHILDREN",
    "TEENAGERS",
    "YOUNG_ADULTS",
    "MINORITIES",
    "NEWCOMERS",
    "YOUTH_WITH_DISABILITIES",
    "NEET",
    "RURAL_YOUTH",
];

/// Reasons organisations closed.
pub const CLOSURE_REASONS: [&str; 5] = [
    "COVID-19 pandemic: activities stopped and did not restart",
    "No volunteers left",
    "Funding ended",
    "Founders moved away",
    "Merged with another organisation",
];

//! The demo's conclusions, recommendations, toolkit and roadmap: a few synthetic
//! entries built from the report's conclusion and next steps, each resting on demo
//! findings, collaborations and figures. They go through the importer's own checks.

use std::path::Path;

use sea_orm::DatabaseTransaction;

use crate::{
    entity::{collaboration_theme, finding},
    error::{Error, Result},
    import::{self, Problems, guidance, table},
};

/// One demo entry: id, type, status, audience or toolkit kind, due and who, the
/// recommendation it carries out, themes, sub-codes, figures, English title and text,
/// Swedish title and text.
struct Entry {
    id: &'static str,
    kind: &'static str,
    status: &'static str,
    audience: &'static str,
    toolkit_kind: &'static str,
    link: &'static str,
    due: &'static str,
    who: &'static str,
    recommendation: &'static str,
    themes: &'static [&'static str],
    sub_codes: &'static str,
    figures: &'static str,
    en: (&'static str, &'static str),
    sv: (&'static str, &'static str),
}

const NONE: Entry = Entry {
    id: "",
    kind: "",
    status: "PUBLISHED",
    audience: "",
    toolkit_kind: "",
    link: "",
    due: "",
    who: "",
    recommendation: "",
    themes: &[],
    sub_codes: "",
    figures: "",
    en: ("", ""),
    sv: ("", ""),
};

const ENTRIES: [Entry; 12] = [
    Entry {
        id: "C1",
        kind: "CONCLUSION",
        themes: &["SHARED_UNDERSTANDING"],
        figures: "THEME_SCORE SHARED_UNDERSTANDING SE; THEME_SCORE SHARED_UNDERSTANDING PT",
        en: (
            "Cooperation is limited, and valued",
            "Synthetic example. Cooperation between municipalities and local organisations is fairly limited in the partner countries, yet everyone interviewed says it is valuable and should grow.",
        ),
        sv: (
            "Samverkan är begränsad, och uppskattad",
            "Syntetiskt exempel. Samverkan mellan kommuner och lokala organisationer är relativt begränsad i partnerländerna, men alla vi talat med säger att den är värdefull och bör utvecklas.",
        ),
        ..NONE
    },
    Entry {
        id: "C2",
        kind: "CONCLUSION",
        themes: &["RELATIONSHIPS_TRUST"],
        sub_codes: "PERSONAL_TIES; TRUST_AS_PRECONDITION",
        figures: "ROLE_GAP RELATIONSHIPS_TRUST LT",
        en: (
            "Trust grows from personal ties",
            "Synthetic example. In smaller municipalities personal relationships carry the cooperation; strong trust is a precondition for long partnerships.",
        ),
        sv: (
            "Tillit växer ur personliga relationer",
            "Syntetiskt exempel. I mindre kommuner bär personliga relationer samverkan; starkt förtroende är en förutsättning för långsiktiga partnerskap.",
        ),
        ..NONE
    },
    Entry {
        id: "C3",
        kind: "CONCLUSION",
        themes: &["PROCESSES_BUREAUCRACY"],
        figures: "ROLE_GAP PROCESSES_BUREAUCRACY LV",
        en: (
            "Processes stand in the way",
            "Synthetic example. Information flows are not structured, answers are slow and procedures change often.",
        ),
        sv: (
            "Processerna står i vägen",
            "Syntetiskt exempel. Informationsflöden struktureras inte, svar dröjer och rutiner ändras ofta.",
        ),
        ..NONE
    },
    Entry {
        id: "R1",
        kind: "RECOMMENDATION",
        audience: "MUNICIPALITIES",
        themes: &["SHARED_UNDERSTANDING"],
        sub_codes: "OUTDATED_REGISTRY; REGISTRY_UNKNOWN_TO_ORGS",
        figures: "AGREE_SHARE SU1 SE",
        en: (
            "Keep a current register of local organisations",
            "Synthetic example. Keep a public list of active organisations, tell them it exists, and ask them once a year to check their entry.",
        ),
        sv: (
            "Håll ett aktuellt register över lokala organisationer",
            "Syntetiskt exempel. Håll en offentlig lista över aktiva organisationer, berätta att den finns och be dem kontrollera sina uppgifter en gång om året.",
        ),
        ..NONE
    },
    Entry {
        id: "R2",
        kind: "RECOMMENDATION",
        audience: "MUNICIPALITIES",
        themes: &["PROCESSES_BUREAUCRACY", "RELATIONSHIPS_TRUST"],
        sub_codes: "SLOW_OR_NO_ANSWERS",
        figures: "ROLE_GAP PROCESSES_BUREAUCRACY LV",
        en: (
            "Name one contact person for youth organisations",
            "Synthetic example. One named person who answers within two weeks makes the first step easier and survives political change.",
        ),
        sv: (
            "Utse en kontaktperson för ungdomsorganisationer",
            "Syntetiskt exempel. En namngiven person som svarar inom två veckor gör det första steget lättare och överlever politiska skiften.",
        ),
        ..NONE
    },
    Entry {
        id: "R3",
        kind: "RECOMMENDATION",
        audience: "ORGANISATIONS",
        themes: &["CREDIBILITY"],
        figures: "THEME_SCORE CREDIBILITY CY",
        en: (
            "Show results in the municipality's terms",
            "Synthetic example. Report what an activity achieved in the figures the municipality plans with: participants, hours, places.",
        ),
        sv: (
            "Visa resultat i kommunens termer",
            "Syntetiskt exempel. Redovisa vad en aktivitet uppnått i de mått kommunen planerar med: deltagare, timmar, platser.",
        ),
        ..NONE
    },
    Entry {
        id: "R4",
        kind: "RECOMMENDATION",
        status: "DRAFT",
        audience: "POLICY_MAKERS",
        themes: &["RELATIONSHIPS_TRUST", "CREDIBILITY"],
        sub_codes: "UNREALISTIC_EXPECTATIONS",
        en: (
            "Fund partnerships, not single projects",
            "Synthetic example. Multi-year funding lets organisations plan beyond volunteers' spare time.",
        ),
        sv: (
            "Finansiera partnerskap, inte enstaka projekt",
            "Syntetiskt exempel. Fleråriga medel låter organisationer planera bortom eldsjälarnas fritid.",
        ),
        ..NONE
    },
    Entry {
        id: "T1",
        kind: "TOOLKIT_ITEM",
        toolkit_kind: "CHECKLIST",
        themes: &["SHARED_UNDERSTANDING"],
        en: (
            "Checklist for a first meeting",
            "Synthetic example. Ten questions a municipality and an organisation answer together before they plan anything.",
        ),
        sv: (
            "Checklista för ett första möte",
            "Syntetiskt exempel. Tio frågor som kommun och organisation besvarar tillsammans innan de planerar något.",
        ),
        ..NONE
    },
    Entry {
        id: "T2",
        kind: "TOOLKIT_ITEM",
        toolkit_kind: "CONTACT_POINT",
        link: "https://example.org/youth-hub/contacts",
        themes: &["RELATIONSHIPS_TRUST"],
        en: (
            "Youth contacts in the partner areas",
            "Synthetic example. Who answers organisations' questions in each partner area.",
        ),
        sv: (
            "Ungdomskontakter i partnerområdena",
            "Syntetiskt exempel. Vem som svarar på organisationers frågor i varje partnerområde.",
        ),
        ..NONE
    },
    Entry {
        id: "S1",
        kind: "ROADMAP_STEP",
        due: "2027 Q1",
        who: "Partner municipalities",
        recommendation: "R1",
        en: (
            "Publish the registers",
            "Synthetic example. Each area publishes its register of organisations with a yearly check.",
        ),
        sv: (
            "Publicera registren",
            "Syntetiskt exempel. Varje område publicerar sitt register över organisationer med en årlig kontroll.",
        ),
        ..NONE
    },
    Entry {
        id: "S2",
        kind: "ROADMAP_STEP",
        due: "2027 Q2",
        who: "Project partners",
        recommendation: "R2",
        en: (
            "Name the contact persons",
            "Synthetic example. Every partner municipality names its contact person and publishes how to reach them.",
        ),
        sv: (
            "Utse kontaktpersonerna",
            "Syntetiskt exempel. Varje partnerkommun utser sin kontaktperson och publicerar hur man når den.",
        ),
        ..NONE
    },
    Entry {
        id: "S3",
        kind: "ROADMAP_STEP",
        due: "2027 Q4",
        who: "Project partners",
        recommendation: "R4",
        en: (
            "Propose multi-year funding",
            "Synthetic example. The partners put a proposal for multi-year funding to national policy makers.",
        ),
        sv: (
            "Föreslå flerårig finansiering",
            "Syntetiskt exempel. Partnerna lägger fram ett förslag om flerårig finansiering för nationella beslutsfattare.",
        ),
        ..NONE
    },
];

/// The file attached to the checklist.
const CHECKLIST: &str = "First meeting: a checklist (synthetic demo)\n\
1. What does each of us want to achieve this year?\n\
2. Who decides, and by when?\n\
3. Which money is there, and for how long?\n\
4. Who is the contact person on each side?\n\
5. How do we tell each other about changes?\n";

const HEADERS: [&str; 17] = [
    "id",
    "type",
    "status",
    "title::en",
    "text::en",
    "title::sv",
    "text::sv",
    "audience",
    "toolkit_kind",
    "link",
    "due",
    "who",
    "recommendation",
    "themes",
    "sub_codes",
    "findings",
    "figures",
];

/// Writes the demo's guidance in `txn`, each conclusion and recommendation resting on
/// the first public and the first project-only finding of its first theme, and on the
/// first collaboration addressing it.
pub async fn write(
    txn: &DatabaseTransaction,
    findings: &[finding::Model],
    collaboration_themes: &[collaboration_theme::Model],
) -> Result<usize> {
    let evidence = |theme: &str| {
        let first = |visibility: &str| {
            (findings.iter())
                .find(|f| f.theme_code == theme && f.visibility == visibility)
                .and_then(|f| f.external_id.clone())
        };
        [first("PUBLIC"), first("PROJECT")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; ")
    };
    let collaboration = |theme: &str| {
        (collaboration_themes.iter())
            .find(|l| l.theme_code == theme)
            .map(|l| format!("HUB-{}", l.collaboration_id))
    };
    let mut headers: Vec<String> = HEADERS.iter().map(|h| (*h).to_owned()).collect();
    headers.push("collaborations".into());
    let rows = ENTRIES
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let first_theme = e.themes.first().copied().unwrap_or("");
            let with_evidence = matches!(e.kind, "CONCLUSION" | "RECOMMENDATION");
            let cells = [
                e.id,
                e.kind,
                e.status,
                e.en.0,
                e.en.1,
                e.sv.0,
                e.sv.1,
                e.audience,
                e.toolkit_kind,
                e.link,
                e.due,
                e.who,
                e.recommendation,
            ]
            .map(str::to_owned)
            .into_iter()
            .chain([
                e.themes.join("; "),
                e.sub_codes.to_owned(),
                if with_evidence {
                    evidence(first_theme)
                } else {
                    String::new()
                },
                e.figures.to_owned(),
                (if with_evidence {
                    collaboration(first_theme)
                } else {
                    None
                })
                .unwrap_or_default(),
            ])
            .collect();
            table::Row {
                number: i + 2,
                cells,
            }
        })
        .collect();
    let table = table::Table { headers, rows };
    let file = Path::new("demo recommendations");
    let mut problems = Problems::new(file, 100);
    let known = guidance::known(txn).await?;
    let (mut records, _) = guidance::validate(&table, Path::new("."), &known, &mut problems);
    if let Some(record) = records.iter_mut().find(|r| r.model.external_id == "T1") {
        record.model.attachment_name = Some("first-meeting-checklist.txt".into());
        record.attachment = Some(CHECKLIST.as_bytes().to_vec());
    }
    let options = import::Options::default();
    let summary = guidance::write(txn, &records, &options, &mut problems, &import::Quiet).await?;
    if !problems.is_empty() {
        return Err(Error::Config(format!(
            "the demo's guidance does not pass its own checks: {problems:?}"
        )));
    }
    Ok(summary.inserted as usize)
}

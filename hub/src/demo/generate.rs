//! Pure generation of the demo rows from a seed: no database here. Each part has its
//! own random stream, so scaling the respondents leaves the registry unchanged.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng, seq::SliceRandom};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

use super::{
    content::{LANGS, SUB_CODES, THEME_DESCRIPTIONS, THEME_NAMES, THEMES},
    profile::{CLOSURE_REASONS, FIELDS, KINDS, PROFILES, Profile, TARGET_GROUPS},
    quotes::{COLLABORATIONS, QUOTES},
};
use crate::{
    domain::{OrganisationKind, OrganisationStatus, Role},
    entity::{
        collaboration, collaboration_organisation, collaboration_theme, finding, interview,
        municipality, organisation, region, sub_code, theme,
    },
    error::Result,
};

/// The day the synthetic registry was "checked": fixed, so the data does not depend on
/// when it is generated.
pub fn reference_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default()
}

/// A random stream for one part of the dataset.
pub fn stream(seed: u64, part: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ part)
}

pub(super) fn normal(rng: &mut ChaCha8Rng, mean: f64, sd: f64) -> f64 {
    // Box–Muller: enough for synthetic data, and no extra dependency.
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.random();
    mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

pub(super) fn weighted(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut target = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if target < *w {
            return i;
        }
        target -= w;
    }
    weights.len().saturating_sub(1)
}

pub(super) fn texts(values: &[&str; 6]) -> Value {
    Value::Object(
        LANGS
            .iter()
            .zip(values)
            .map(|(lang, text)| ((*lang).to_owned(), Value::String((*text).to_owned())))
            .collect(),
    )
}

/// The five regions, ids 1 to 5.
pub fn regions() -> Vec<region::Model> {
    PROFILES
        .iter()
        .enumerate()
        .map(|(i, p)| region::Model {
            id: i as i32 + 1,
            code: p.code.into(),
            name: p.name.into(),
            country_code: p.country_code.into(),
            country_name: p.country_name.into(),
            population: p.population,
            municipalities: p.municipalities,
            languages: json!(p.languages),
            population_source: Some(
                "Synthetic demo data (rounded; the real figures are in examples/areas.csv)".into(),
            ),
            population_year: None,
        })
        .collect()
}

/// The real municipalities (or districts) of the five regions, from the reference file.
pub fn municipalities(regions: &[region::Model]) -> Result<Vec<municipality::Model>> {
    let ids = regions.iter().map(|r| (r.code.clone(), r.id)).collect();
    crate::import::areas::reference_municipalities(&ids)
}

/// The municipalities of each region (by region id), in order.
pub fn municipalities_by_region(
    municipalities: &[municipality::Model],
) -> std::collections::HashMap<i32, Vec<i32>> {
    let mut by_region: std::collections::HashMap<i32, Vec<i32>> = Default::default();
    for m in municipalities {
        by_region.entry(m.region_id).or_default().push(m.id);
    }
    by_region
}

/// The demo's municipality for the `key`-th record of a region: spread evenly over the
/// region's municipalities, without drawing from the random streams (so adding places
/// changed none of the demo's other numbers).
pub fn spread(
    by_region: &std::collections::HashMap<i32, Vec<i32>>,
    region_id: i32,
    key: i32,
) -> Option<i32> {
    let list = by_region.get(&region_id)?;
    let index = usize::try_from(key.unsigned_abs()).ok()? % list.len().max(1);
    list.get(index).copied()
}

/// The codebook: four themes and their sub-codes.
pub fn codebook() -> (Vec<theme::Model>, Vec<sub_code::Model>) {
    let themes = THEMES
        .iter()
        .enumerate()
        .map(|(i, code)| theme::Model {
            code: (*code).into(),
            position: i as i32 + 1,
            name: texts(&THEME_NAMES[i]),
            description: json!({ "en": THEME_DESCRIPTIONS[i] }),
        })
        .collect();
    let sub_codes = SUB_CODES
        .iter()
        .enumerate()
        .map(|(i, (theme, code, name))| sub_code::Model {
            code: (*code).into(),
            theme_code: (*theme).into(),
            position: i as i32 + 1,
            name: json!({ "en": name }),
        })
        .collect();
    (themes, sub_codes)
}

fn unique_name(
    rng: &mut ChaCha8Rng,
    profile: &Profile,
    kind: usize,
    used: &mut HashSet<String>,
) -> String {
    let book = &profile.names;
    let templates = book.templates[kind];
    let build = |rng: &mut ChaCha8Rng| {
        let template = templates[rng.random_range(0..templates.len())];
        template
            .replace("{p}", book.places[rng.random_range(0..book.places.len())])
            .replace("{w}", book.words[rng.random_range(0..book.words.len())])
    };
    for _ in 0..40 {
        let name = build(rng);
        if used.insert(name.clone()) {
            return name;
        }
    }
    let base = build(rng);
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|name| used.insert(name.clone()))
        .unwrap_or(base)
}

fn pick_some(rng: &mut ChaCha8Rng, from: &[&str], min: usize, max: usize) -> Vec<String> {
    let mut all: Vec<&str> = from.to_vec();
    all.shuffle(rng);
    let n = rng.random_range(min..=max);
    all.into_iter().take(n).map(str::to_owned).collect()
}

/// The registry, ids from 1, region by region.
pub fn organisations(seed: u64) -> Vec<organisation::Model> {
    let mut rng = stream(seed, 1);
    let today = reference_date();
    let mut rows: Vec<organisation::Model> = Vec::new();
    let mut used = HashSet::new();
    for (r, profile) in PROFILES.iter().enumerate() {
        let first = rows.len();
        for i in 0..profile.organisations {
            let kind_index = weighted(&mut rng, &profile.kind_weights);
            let kind = KINDS[kind_index];
            let roll: f64 = rng.random();
            let status = if roll < profile.closed_rate {
                OrganisationStatus::Closed
            } else if roll < profile.closed_rate + profile.dormant_rate {
                OrganisationStatus::Dormant
            } else {
                OrganisationStatus::Active
            };
            let (from, to) = match kind {
                OrganisationKind::YouthAssociation => (1985, 2024),
                OrganisationKind::SocialEnterprise => (2008, 2025),
                OrganisationKind::InformalInitiative => (2016, 2025),
                OrganisationKind::Ngo => (1990, 2024),
                OrganisationKind::MunicipalUnit => (1975, 2020),
                OrganisationKind::Other => (1995, 2025),
            };
            let founded = (kind != OrganisationKind::InformalInitiative || rng.random_bool(0.85))
                .then(|| rng.random_range(from..=to));
            let (closed_year, closure_reason) = if status == OrganisationStatus::Closed {
                let start = founded.unwrap_or(2015).max(2000) + 1;
                let pandemic =
                    profile.country_code == "LT" && rng.random_bool(0.6) && start <= 2020;
                let year = if pandemic {
                    rng.random_range(2020..=2022)
                } else {
                    rng.random_range(start.min(2025)..=2025)
                };
                let reason = if pandemic {
                    0
                } else {
                    rng.random_range(1..CLOSURE_REASONS.len())
                };
                (Some(year), Some(CLOSURE_REASONS[reason].to_owned()))
            } else {
                (None, None)
            };
            let mut fields = pick_some(&mut rng, &FIELDS, 1, 3);
            if kind == OrganisationKind::SocialEnterprise
                && !fields.iter().any(|f| f == "ENTREPRENEURSHIP")
            {
                fields.insert(0, "ENTREPRENEURSHIP".into());
            }
            let mut groups = pick_some(&mut rng, &TARGET_GROUPS, 1, 2);
            if profile.country_code == "LT"
                && rng.random_bool(0.2)
                && !groups.iter().any(|g| g == "MINORITIES")
            {
                groups.push("MINORITIES".into());
            }
            let id = rows.len() as i32 + 1;
            let website_chance = if kind == OrganisationKind::InformalInitiative {
                0.1
            } else {
                0.4
            };
            let website = rng.random_bool(website_chance).then(|| {
                format!(
                    "https://example.org/{}/{id}",
                    profile.country_code.to_lowercase()
                )
            });
            let last_verified = if rng.random_bool(profile.verified_recently) {
                today.checked_sub_days(Days::new(rng.random_range(0..365)))
            } else if rng.random_bool(0.75) {
                today.checked_sub_days(Days::new(rng.random_range(366..1800)))
            } else {
                None
            };
            let name = unique_name(&mut rng, profile, kind_index, &mut used);
            rows.push(organisation::Model {
                id,
                external_id: Some(format!("DEMO-{}-{:04}", profile.code, i + 1)),
                name_folded: name.to_lowercase(),
                name,
                region_id: r as i32 + 1,
                kind,
                status,
                founded_year: founded,
                closed_year,
                closure_reason,
                fields_of_activity: json!(fields),
                target_groups: json!(groups),
                website,
                last_verified,
                source: Some(format!("Synthetic demo data (hub demo, seed {seed})")),
                successor_id: None,
                municipality_id: None,
            });
        }
        // Merged organisations point at an active one of the same region.
        let active: Vec<i32> = rows[first..]
            .iter()
            .filter(|o| o.status == OrganisationStatus::Active)
            .map(|o| o.id)
            .collect();
        for row in &mut rows[first..] {
            if row.closure_reason.as_deref() == Some(CLOSURE_REASONS[4]) && !active.is_empty() {
                row.successor_id = Some(active[rng.random_range(0..active.len())]);
            }
        }
    }
    rows
}

/// Interviews (8 per region) and their coded findings (3 to 6 each).
pub fn interviews(seed: u64) -> (Vec<interview::Model>, Vec<finding::Model>) {
    let mut rng = stream(seed, 3);
    let start = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap_or_default();
    let mut interviews = Vec::new();
    let mut findings = Vec::new();
    for (r, profile) in PROFILES.iter().enumerate() {
        let weights: Vec<f64> = QUOTES
            .iter()
            .map(|(code, _)| {
                profile
                    .sub_code_weights
                    .iter()
                    .find(|(c, _)| c == code)
                    .map_or(1.0, |(_, w)| *w)
            })
            .collect();
        for _ in 0..8 {
            let id = interviews.len() as i32 + 1;
            let role = [
                Role::MunicipalOfficial,
                Role::OrganisationRepresentative,
                Role::YoungPerson,
            ][weighted(&mut rng, &[0.4, 0.45, 0.15])];
            interviews.push(interview::Model {
                id,
                external_id: Some(format!("DEMO-I-{id:03}")),
                region_id: r as i32 + 1,
                held_on: start
                    .checked_add_days(Days::new(rng.random_range(0..300)))
                    .unwrap_or(start),
                interviewee_role: role,
                language: LANGS[profile.lang].into(),
            });
            let mut left = weights.clone();
            for _ in 0..rng.random_range(3..=6) {
                let k = weighted(&mut rng, &left);
                left[k] = 0.0;
                let (code, quote) = &QUOTES[k];
                let theme = SUB_CODES
                    .iter()
                    .find(|(_, c, _)| c == code)
                    .map_or(THEMES[0], |(t, _, _)| *t);
                let finding_id = findings.len() as i32 + 1;
                let text = quote[profile.lang];
                findings.push(finding::Model {
                    id: finding_id,
                    external_id: Some(format!("DEMO-F-{finding_id:04}")),
                    interview_id: id,
                    theme_code: theme.into(),
                    sub_code: Some((*code).into()),
                    quote: text.into(),
                    language: LANGS[profile.lang].into(),
                    translation: Some(quote[0].into()),
                    search_text: format!("{}\n{}", text, quote[0]).to_lowercase(),
                    // One quote in four is cleared for the public.
                    visibility: if finding_id % 4 == 1 {
                        crate::access::VISIBILITY_PUBLIC
                    } else {
                        crate::access::VISIBILITY_PROJECT
                    }
                    .into(),
                });
            }
        }
    }
    (interviews, findings)
}

/// Collaborations (6 per region) with their organisations and themes.
pub fn collaborations(
    seed: u64,
    organisations: &[organisation::Model],
) -> (
    Vec<collaboration::Model>,
    Vec<collaboration_organisation::Model>,
    Vec<collaboration_theme::Model>,
) {
    let mut rng = stream(seed, 4);
    // Each area's signature example comes first.
    let signature = [6, 4, 9, 5, 3];
    let (mut rows, mut links, mut themes) = (Vec::new(), Vec::new(), Vec::new());
    for (r, profile) in PROFILES.iter().enumerate() {
        let mut templates: Vec<usize> = (0..COLLABORATIONS.len())
            .filter(|t| *t != signature[r])
            .collect();
        templates.shuffle(&mut rng);
        templates.insert(0, signature[r]);
        let candidates: Vec<i32> = organisations
            .iter()
            .filter(|o| o.region_id == r as i32 + 1 && o.status == OrganisationStatus::Active)
            .map(|o| o.id)
            .collect();
        for t in templates.into_iter().take(6) {
            let (title, description, theme_codes, outcomes) = COLLABORATIONS[t];
            let id = rows.len() as i32 + 1;
            let town = profile.towns[rng.random_range(0..profile.towns.len())];
            let start_year = rng.random_range(2016..=2025);
            let end_year = rng
                .random_bool(0.4)
                .then(|| rng.random_range(start_year + 1..=2026));
            rows.push(collaboration::Model {
                id,
                region_id: r as i32 + 1,
                title: format!("{title} ({town})"),
                description: format!("{description} Synthetic example."),
                municipality: town.into(),
                start_year: Some(start_year),
                end_year,
                outcomes: json!(outcomes),
                external_id: None,
                translations: None,
                lessons: None,
                funding: None,
                agreement: None,
                municipality_id: None,
            });
            let mut chosen = candidates.clone();
            chosen.shuffle(&mut rng);
            for organisation_id in chosen.into_iter().take(rng.random_range(2..=3)) {
                links.push(collaboration_organisation::Model {
                    collaboration_id: id,
                    organisation_id,
                });
            }
            for code in theme_codes {
                themes.push(collaboration_theme::Model {
                    collaboration_id: id,
                    theme_code: (*code).into(),
                });
            }
        }
    }
    (rows, links, themes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::respondents::{respondents_per_region, respondents_per_wave};

    #[test]
    fn the_same_seed_gives_the_same_registry() {
        assert_eq!(organisations(7), organisations(7));
        assert_ne!(organisations(7), organisations(8));
    }

    #[test]
    fn the_registry_has_the_proportions_the_report_describes() {
        let rows = organisations(2026);
        assert!(rows.len() >= 1200, "{} organisations", rows.len());
        let share_closed = |code: &str| {
            let region = PROFILES
                .iter()
                .position(|p| p.country_code == code)
                .unwrap_or_default() as i32
                + 1;
            let all: Vec<_> = rows.iter().filter(|o| o.region_id == region).collect();
            let closed = all
                .iter()
                .filter(|o| o.status == OrganisationStatus::Closed)
                .count();
            closed as f64 / all.len() as f64
        };
        assert!(
            (0.4..0.6).contains(&share_closed("LT")),
            "Trakai closed {}",
            share_closed("LT")
        );
        assert!(share_closed("SE") < 0.2);
        let informal_cy = rows
            .iter()
            .filter(|o| o.region_id == 5 && o.kind == OrganisationKind::InformalInitiative)
            .count();
        assert!(
            informal_cy as f64 / 220.0 > 0.3,
            "{informal_cy} informal initiatives in Cyprus"
        );
        let names: HashSet<_> = rows.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names.len(), rows.len(), "names are unique");
    }

    #[test]
    fn respondents_are_spread_over_the_regions_without_loss() {
        for total in [1, 7, 630, 50_000] {
            assert_eq!(respondents_per_region(total).iter().sum::<usize>(), total);
            assert_eq!(respondents_per_wave(total).iter().sum::<usize>(), total);
        }
        assert_eq!(respondents_per_wave(630), [347, 283]);
    }

    #[test]
    fn quotes_are_in_the_interview_language_with_an_english_translation() {
        let (interviews, findings) = interviews(5);
        assert_eq!(interviews.len(), 40);
        assert!(findings.len() >= 150, "{} findings", findings.len());
        let greek = findings.iter().find(|f| f.language == "el").map(|f| {
            f.quote
                .chars()
                .any(|c| ('\u{0370}'..='\u{03FF}').contains(&c))
        });
        assert_eq!(greek, Some(true));
        assert!(findings.iter().all(|f| f.translation.is_some()));
    }
}

//! Respondents with their answers, generated a batch at a time from a seed, with the
//! differences between countries and roles and the change between the waves built in.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

pub use super::waves::{WAVES, Wave, respondents_per_wave};
use super::{
    content::{CHANGE_ANSWERS, CHANNELS, ITEMS, THEMES},
    generate::{normal, stream, weighted},
    profile::{PROFILES, ROLE_EFFECTS, WAVE_CHANGE},
};
use crate::{
    domain::{OrganisationStatus, Role},
    entity::{answer, organisation, respondent},
};

/// How many respondents each region gets out of `total` (largest remainder).
pub fn respondents_per_region(total: usize) -> Vec<usize> {
    let weights: Vec<f64> = PROFILES.iter().map(|p| p.respondent_weight).collect();
    let sum: f64 = weights.iter().sum();
    let exact: Vec<f64> = weights.iter().map(|w| w / sum * total as f64).collect();
    let mut counts: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|a, b| {
        (exact[*b] - exact[*b].floor()).total_cmp(&(exact[*a] - exact[*a].floor()))
    });
    let missing = total - counts.iter().sum::<usize>();
    for i in order.into_iter().take(missing) {
        counts[i] += 1;
    }
    counts
}

/// Generates respondents and their answers a batch at a time, so that a large survey
/// never sits in memory whole.
pub struct RespondentStream {
    rng: ChaCha8Rng,
    wave: Wave,
    plan: Vec<(usize, usize)>,
    organisations_by_region: Vec<Vec<i32>>,
    /// The municipalities of each region, by region id.
    municipalities: std::collections::HashMap<i32, Vec<i32>>,
    /// Each organisation's municipality.
    municipality_of: std::collections::HashMap<i32, i32>,
    next_id: i32,
    next_answer_id: i32,
    region_cursor: usize,
    done_in_region: usize,
}

impl RespondentStream {
    /// A stream of `total` respondents to `wave` whose organisations come from
    /// `organisations`; ids start at 1 (see [`Self::after`]).
    pub fn new(
        seed: u64,
        wave: Wave,
        total: usize,
        organisations: &[organisation::Model],
        municipalities: std::collections::HashMap<i32, Vec<i32>>,
    ) -> Self {
        let municipality_of = organisations
            .iter()
            .filter_map(|o| o.municipality_id.map(|m| (o.id, m)))
            .collect();
        let organisations_by_region = (1..=PROFILES.len() as i32)
            .map(|region| {
                organisations
                    .iter()
                    .filter(|o| o.region_id == region && o.status != OrganisationStatus::Closed)
                    .map(|o| o.id)
                    .collect()
            })
            .collect();
        Self {
            // The follow-up keeps the stream it had when it was the only wave.
            rng: stream(seed, if wave.baseline { 5 } else { 2 }),
            wave,
            plan: respondents_per_region(total)
                .into_iter()
                .enumerate()
                .collect(),
            organisations_by_region,
            municipalities,
            municipality_of,
            next_id: 1,
            next_answer_id: 1,
            region_cursor: 0,
            done_in_region: 0,
        }
    }

    /// The same stream with ids continuing after those `previous` gave out.
    pub fn after(self, previous: &Self) -> Self {
        Self {
            next_id: previous.next_id,
            next_answer_id: previous.next_answer_id,
            ..self
        }
    }

    /// Up to `n` more respondents with their answers; empty when all are out.
    pub fn next_batch(&mut self, n: usize) -> (Vec<respondent::Model>, Vec<answer::Model>) {
        let mut people = Vec::with_capacity(n);
        let mut answers = Vec::with_capacity(n * 22);
        while people.len() < n && self.region_cursor < self.plan.len() {
            let (region_index, count) = self.plan[self.region_cursor];
            if self.done_in_region >= count {
                self.region_cursor += 1;
                self.done_in_region = 0;
                continue;
            }
            self.done_in_region += 1;
            let (person, mut given) = self.person(region_index, self.done_in_region);
            people.push(person);
            answers.append(&mut given);
        }
        (people, answers)
    }

    fn person(
        &mut self,
        region_index: usize,
        number: usize,
    ) -> (respondent::Model, Vec<answer::Model>) {
        let profile = &PROFILES[region_index];
        let rng = &mut self.rng;
        let role_index = weighted(rng, &[0.30, 0.48, 0.17, 0.05]);
        let role = [
            Role::MunicipalOfficial,
            Role::OrganisationRepresentative,
            Role::YoungPerson,
            Role::Other,
        ][role_index];
        let orgs = &self.organisations_by_region[region_index];
        let organisation_id = (role == Role::OrganisationRepresentative && !orgs.is_empty())
            .then(|| orgs[rng.random_range(0..orgs.len())]);
        let id = self.next_id;
        self.next_id += 1;
        let person = respondent::Model {
            id,
            survey_id: self.wave.survey_id,
            external_id: format!(
                "YC{:02}-{}-{number:06}",
                self.wave.year % 100,
                profile.country_code
            ),
            region_id: region_index as i32 + 1,
            role,
            organisation_id,
            // A representative answers where their organisation works; anyone else is
            // spread over the region's municipalities.
            municipality_id: organisation_id
                .and_then(|o| self.municipality_of.get(&o).copied())
                .or_else(|| {
                    super::generate::spread(&self.municipalities, region_index as i32 + 1, id)
                }),
        };
        let before = if self.wave.baseline { 1.0 } else { 0.0 };
        let latent: Vec<f64> = (0..THEMES.len())
            .map(|t| {
                let mean = profile.theme_means[t] + ROLE_EFFECTS[role_index][t]
                    - before * WAVE_CHANGE[region_index][t];
                normal(rng, mean, 0.55)
            })
            .collect();
        let first = self.wave.first_question_id();
        let mut answers = Vec::with_capacity(22);
        let mut push =
            |question_id: i32, value: Option<i16>, choices: Option<Value>, text: Option<String>| {
                answers.push(answer::Model {
                    id: self.next_answer_id,
                    respondent_id: id,
                    question_id,
                    value,
                    choices,
                    text,
                });
                self.next_answer_id += 1;
            };
        for (q, item) in ITEMS.iter().enumerate() {
            if rng.random_bool(0.04) {
                continue;
            }
            let theme = THEMES
                .iter()
                .position(|t| *t == item.theme)
                .unwrap_or_default();
            let adjust: f64 = profile
                .item_adjust
                .iter()
                .filter(|(code, _)| *code == item.code)
                .map(|(_, a)| a)
                .sum();
            let value = normal(rng, latent[theme] + item.offset + adjust, 0.65)
                .round()
                .clamp(1.0, 5.0);
            push(first + q as i32, Some(value as i16), None, None);
        }
        if !rng.random_bool(0.03) {
            let choices = if rng.random_bool(profile.channels[5]) {
                vec!["NONE"]
            } else {
                let official = role == Role::MunicipalOfficial;
                let chosen: Vec<&str> = CHANNELS[..5]
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| {
                        let boost = if official && *k < 2 { 0.1 } else { 0.0 };
                        rng.random_bool((profile.channels[*k] + boost).min(1.0))
                    })
                    .map(|(_, (code, _))| *code)
                    .collect();
                if chosen.is_empty() {
                    vec!["NONE"]
                } else {
                    chosen
                }
            };
            push(first + 20, None, Some(json!(choices)), None);
        }
        if rng.random_bool(0.3) {
            let pool = &CHANGE_ANSWERS[profile.lang - 1];
            push(
                first + 21,
                None,
                None,
                Some(pool[rng.random_range(0..pool.len())].to_owned()),
            );
        }
        (person, answers)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::demo::{content::ITEMS, generate::organisations};

    /// Mean answer of `people` on the items of `theme`, by the items' position.
    fn theme_mean(
        people: &[respondent::Model],
        answers: &[answer::Model],
        wave: &Wave,
        region: i32,
        theme: &str,
    ) -> f64 {
        let ids: HashSet<i32> = (people.iter())
            .filter(|p| p.region_id == region)
            .map(|p| p.id)
            .collect();
        let items: HashSet<i32> = (ITEMS.iter().enumerate())
            .filter(|(_, item)| item.theme == theme)
            .map(|(i, _)| wave.first_question_id() + i as i32)
            .collect();
        let values: Vec<f64> = (answers.iter())
            .filter(|a| ids.contains(&a.respondent_id) && items.contains(&a.question_id))
            .filter_map(|a| a.value.map(f64::from))
            .collect();
        values.iter().sum::<f64>() / values.len() as f64
    }

    #[test]
    fn every_answer_fits_its_question() {
        let orgs = organisations(1);
        let mut first = RespondentStream::new(1, WAVES[0], 10, &orgs, Default::default());
        assert_eq!(first.next_batch(100).0.len(), 10);
        let mut stream =
            RespondentStream::new(1, WAVES[1], 700, &orgs, Default::default()).after(&first);
        let (people, answers) = stream.next_batch(1000);
        assert_eq!((people.len(), people[0].id), (700, 11));
        assert!(
            people
                .iter()
                .all(|p| p.survey_id == 2 && p.external_id.starts_with("YC25-"))
        );
        for a in &answers {
            match a.question_id {
                23..=42 => assert!(a.value.is_some_and(|v| (1..=5).contains(&v))),
                43 => assert!(
                    a.choices
                        .as_ref()
                        .is_some_and(|c| c.as_array().is_some_and(|c| !c.is_empty()))
                ),
                44 => assert!(a.text.is_some()),
                other => panic!("question {other} is not in the baseline"),
            }
        }
        assert!(stream.next_batch(10).0.is_empty());
    }

    #[test]
    fn officials_see_processes_more_favourably_than_organisations() {
        let orgs = organisations(3);
        let (people, answers) =
            RespondentStream::new(3, WAVES[0], 3000, &orgs, Default::default()).next_batch(3000);
        let mean_for = |role: Role| {
            let ids: HashSet<i32> = people
                .iter()
                .filter(|p| p.role == role)
                .map(|p| p.id)
                .collect();
            let values: Vec<f64> = answers
                .iter()
                .filter(|a| ids.contains(&a.respondent_id) && (11..=15).contains(&a.question_id))
                .filter_map(|a| a.value.map(f64::from))
                .collect();
            values.iter().sum::<f64>() / values.len() as f64
        };
        let gap = mean_for(Role::MunicipalOfficial) - mean_for(Role::OrganisationRepresentative);
        assert!(gap > 0.4, "gap {gap}");
    }

    #[test]
    fn the_follow_up_differs_from_the_baseline_by_the_built_in_change() {
        let orgs = organisations(4);
        let mut follow_up = RespondentStream::new(4, WAVES[0], 8_000, &orgs, Default::default());
        let (later, later_answers) = follow_up.next_batch(8_000);
        let (earlier, earlier_answers) =
            RespondentStream::new(4, WAVES[1], 8_000, &orgs, Default::default())
                .after(&follow_up)
                .next_batch(8_000);
        // Answers are rounded and clamped to 1..5, so the change shows a little smaller
        // than the latent one; the sign and rough size must survive.
        for (region, theme, change) in [
            (2, "SHARED_UNDERSTANDING", 0.35),
            (1, "RELATIONSHIPS_TRUST", 0.30),
            (5, "PROCESSES_BUREAUCRACY", -0.25),
            (3, "SHARED_UNDERSTANDING", 0.0),
        ] {
            let seen = theme_mean(&later, &later_answers, &WAVES[0], region, theme)
                - theme_mean(&earlier, &earlier_answers, &WAVES[1], region, theme);
            assert!(
                (seen - change).abs() < 0.1,
                "region {region} {theme}: {seen} for {change}"
            );
        }
    }
}

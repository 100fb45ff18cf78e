//! The synthetic survey: its questions, and respondents with their answers generated a
//! batch at a time from a seed, with the differences between countries and roles built in.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

use super::{
    content::{
        CHANGE_ANSWERS, CHANGE_QUESTION, CHANNELS, CHANNELS_HINT, CHANNELS_QUESTION, GROUP_ABOUT,
        GROUP_EXPERIENCE, GROUP_STATEMENTS, ITEMS, LANGS, SCALE, THEMES,
    },
    generate::{normal, stream, texts, weighted},
    profile::{PROFILES, ROLE_EFFECTS},
};
use crate::{
    domain::{OrganisationStatus, QuestionKind, Role},
    entity::{answer, organisation, question, respondent, survey},
};

/// The survey and its 22 questions (ids 1 to 22).
pub fn survey() -> (survey::Model, Vec<question::Model>) {
    let survey = survey::Model {
        id: 1,
        code: "YC-2026".into(),
        title: texts(&[
            "Youth collaboration survey 2026",
            "Enkät om samverkan med unga 2026",
            "Aptauja par sadarbību ar jauniešiem 2026",
            "Jaunimo bendradarbiavimo apklausa 2026",
            "Inquérito sobre cooperação com jovens 2026",
            "Έρευνα για τη συνεργασία με τους νέους 2026",
        ]),
        year: 2026,
        languages: json!(LANGS),
        version: Some("1".into()),
        groups: Some(json!([
            { "path": "about", "label": texts(&GROUP_ABOUT) },
            { "path": "statements", "label": texts(&GROUP_STATEMENTS) },
            { "path": "experience", "label": texts(&GROUP_EXPERIENCE) },
        ])),
    };
    let scale = Value::Object(
        LANGS
            .iter()
            .zip(SCALE.iter())
            .map(|(lang, labels)| ((*lang).to_owned(), json!(labels)))
            .collect(),
    );
    let mut questions: Vec<question::Model> = ITEMS
        .iter()
        .enumerate()
        .map(|(i, item)| question::Model {
            id: i as i32 + 1,
            survey_id: 1,
            code: item.code.into(),
            position: i as i32 + 1,
            theme_code: Some(item.theme.into()),
            kind: QuestionKind::Likert,
            text: texts(&item.text),
            scale_labels: Some(scale.clone()),
            options: None,
            hint: None,
            required: true,
            group_path: Some("statements".into()),
            sub_code: None,
        })
        .collect();
    let options: Vec<Value> = CHANNELS
        .iter()
        .map(|(code, labels)| json!({ "code": code, "labels": texts(labels) }))
        .collect();
    questions.push(question::Model {
        id: 21,
        survey_id: 1,
        code: "CH1".into(),
        position: 21,
        theme_code: Some("PROCESSES_BUREAUCRACY".into()),
        kind: QuestionKind::MultipleChoice,
        text: texts(&CHANNELS_QUESTION),
        scale_labels: None,
        options: Some(Value::Array(options)),
        hint: Some(texts(&CHANNELS_HINT)),
        required: false,
        group_path: Some("experience".into()),
        sub_code: None,
    });
    questions.push(question::Model {
        id: 22,
        survey_id: 1,
        code: "FT1".into(),
        position: 22,
        theme_code: None,
        kind: QuestionKind::FreeText,
        text: texts(&CHANGE_QUESTION),
        scale_labels: None,
        options: None,
        hint: None,
        required: false,
        group_path: Some("experience".into()),
        sub_code: None,
    });
    (survey, questions)
}

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
    /// A stream of `total` respondents whose organisations come from `organisations`.
    pub fn new(
        seed: u64,
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
            rng: stream(seed, 2),
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
            survey_id: 1,
            external_id: format!("YC26-{}-{number:06}", profile.country_code),
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
        let latent: Vec<f64> = (0..THEMES.len())
            .map(|t| {
                normal(
                    rng,
                    profile.theme_means[t] + ROLE_EFFECTS[role_index][t],
                    0.55,
                )
            })
            .collect();
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
            push(q as i32 + 1, Some(value as i16), None, None);
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
            push(21, None, Some(json!(choices)), None);
        }
        if rng.random_bool(0.3) {
            let pool = &CHANGE_ANSWERS[profile.lang - 1];
            push(
                22,
                None,
                None,
                Some(pool[rng.random_range(0..pool.len())].to_owned()),
            );
        }
        (person, answers)
    }
}

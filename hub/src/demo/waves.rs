//! The demo survey's two waves, a baseline and a follow-up a year later, and their
//! questions.

use serde_json::{Value, json};

use super::{
    content::{
        CHANGE_QUESTION, CHANNELS, CHANNELS_HINT, CHANNELS_QUESTION, GROUP_ABOUT, GROUP_EXPERIENCE,
        GROUP_STATEMENTS, ITEMS, LANGS, SCALE,
    },
    generate::texts,
};
use crate::{
    domain::QuestionKind,
    entity::{question, survey},
};

/// One wave of the demo survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wave {
    /// Survey id; its questions have ids `22 × (id − 1) + 1` to `22 × id`.
    pub survey_id: i32,
    /// The year it was fielded.
    pub year: i32,
    /// True for the baseline, whose theme means lie [`super::profile::WAVE_CHANGE`] below the follow-up's.
    pub baseline: bool,
}

impl Wave {
    /// Survey code, e.g. `YC-2026`.
    pub fn code(&self) -> String {
        format!("YC-{}", self.year)
    }

    pub(super) fn first_question_id(&self) -> i32 {
        (self.survey_id - 1) * QUESTIONS + 1
    }
}

/// Questions per wave.
const QUESTIONS: i32 = 22;

/// The follow-up (2026, survey 1, the one the project's report describes) and the
/// baseline a year earlier (survey 2).
pub const WAVES: [Wave; 2] = [
    Wave {
        survey_id: 1,
        year: 2026,
        baseline: false,
    },
    Wave {
        survey_id: 2,
        year: 2025,
        baseline: true,
    },
];

/// How many of `total` respondents each wave of [`WAVES`] gets: the baseline 45 %.
pub fn respondents_per_wave(total: usize) -> [usize; 2] {
    let baseline = total * 45 / 100;
    [total - baseline, baseline]
}

/// A wave's survey and its 22 questions.
pub fn survey(wave: &Wave) -> (survey::Model, Vec<question::Model>) {
    let year = wave.year.to_string();
    let titles = [
        "Youth collaboration survey YEAR",
        "Enkät om samverkan med unga YEAR",
        "Aptauja par sadarbību ar jauniešiem YEAR",
        "Jaunimo bendradarbiavimo apklausa YEAR",
        "Inquérito sobre cooperação com jovens YEAR",
        "Έρευνα για τη συνεργασία με τους νέους YEAR",
    ]
    .map(|t| t.replace("YEAR", &year));
    let first = wave.first_question_id();
    let survey = survey::Model {
        id: wave.survey_id,
        code: wave.code(),
        title: texts(&titles.each_ref().map(String::as_str)),
        year: wave.year,
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
            id: first + i as i32,
            survey_id: wave.survey_id,
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
        id: first + 20,
        survey_id: wave.survey_id,
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
        id: first + 21,
        survey_id: wave.survey_id,
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

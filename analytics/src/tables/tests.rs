//! Test helpers: answers and frames built from a few typed rows.

use super::*;

/// One answer row for tests: theme `T` for questions starting with `Q`.
pub struct TestAnswer {
    pub respondent: i32,
    pub country: &'static str,
    pub role: Role,
    pub question: &'static str,
    pub theme: &'static str,
    pub value: Option<i32>,
    pub survey: &'static str,
}

impl TestAnswer {
    /// The same answer in survey `survey` (rather than `S`).
    pub fn in_survey(self, survey: &'static str) -> Self {
        Self { survey, ..self }
    }
}

pub fn answer(
    respondent: i32,
    country: &'static str,
    role: Role,
    question: &'static str,
    value: Option<i32>,
) -> TestAnswer {
    TestAnswer {
        respondent,
        country,
        role,
        question,
        theme: "T",
        value,
        survey: "S",
    }
}

pub fn themed(
    respondent: i32,
    country: &'static str,
    role: Role,
    question: &'static str,
    theme: &'static str,
    value: i32,
) -> TestAnswer {
    TestAnswer {
        respondent,
        country,
        role,
        question,
        theme,
        value: Some(value),
        survey: "S",
    }
}

pub fn inputs(rows: Vec<TestAnswer>) -> Inputs {
    let mut table = AnswerTable::default();
    let mut questions: Vec<QuestionInfo> = Vec::new();
    for row in rows {
        table.respondent.push(row.respondent);
        table.survey.push(row.survey.into());
        table.country.push(row.country.into());
        table.region.push(format!("{}-R", row.country));
        table.role.push(row.role);
        table.organisation_kind.push(None);
        table.question.push(row.question.into());
        table.theme.push(Some(row.theme.into()));
        table.kind.push(QuestionKind::Likert);
        table.value.push(row.value);
        if !(questions.iter()).any(|q| q.code == row.question && q.survey == row.survey) {
            questions.push(QuestionInfo {
                survey: row.survey.into(),
                code: row.question.into(),
                theme: Some(row.theme.into()),
                kind: QuestionKind::Likert,
                options: Vec::new(),
            });
        }
    }
    Inputs::new(
        table,
        ChoiceTable::default(),
        FindingTable::default(),
        OrganisationTable::default(),
        RegionTable::default(),
        questions,
    )
    .expect("frames")
}

//! The typed input tables, and the polars frames built from them once per data version.

use polars::prelude::*;

use crate::{
    columns::{
        ANSWER_COLUMNS, CHOICE_COLUMNS, code_column, coded, counts, filled, optional_strings,
        strings, strs,
    },
    error::Result,
    filter::KnownValues,
    vocab::{OrganisationKind, QuestionKind, Role},
};

/// Answers, one row per answer, with what the comparisons group and filter by.
#[derive(Debug, Clone, Default)]
pub struct AnswerTable {
    /// Respondent id.
    pub respondent: Vec<i32>,
    /// Survey code.
    pub survey: Vec<String>,
    /// Country code of the respondent's region.
    pub country: Vec<String>,
    /// Region code.
    pub region: Vec<String>,
    /// Role.
    pub role: Vec<Role>,
    /// Kind of the organisation represented, if any.
    pub organisation_kind: Vec<Option<OrganisationKind>>,
    /// Municipality code of the respondent, if known.
    pub municipality: Vec<Option<String>>,
    /// Question code.
    pub question: Vec<String>,
    /// Theme of the question, if any.
    pub theme: Vec<Option<String>>,
    /// Kind of the question.
    pub kind: Vec<QuestionKind>,
    /// Likert level or number.
    pub value: Vec<Option<i32>>,
}

/// Chosen options of choice questions, one row per chosen option.
#[derive(Debug, Clone, Default)]
pub struct ChoiceTable {
    /// Respondent id.
    pub respondent: Vec<i32>,
    /// Survey code.
    pub survey: Vec<String>,
    /// Country code.
    pub country: Vec<String>,
    /// Region code.
    pub region: Vec<String>,
    /// Role.
    pub role: Vec<Role>,
    /// Organisation kind.
    pub organisation_kind: Vec<Option<OrganisationKind>>,
    /// Municipality code, if known.
    pub municipality: Vec<Option<String>>,
    /// Question code.
    pub question: Vec<String>,
    /// Option code.
    pub option: Vec<String>,
}

/// Coded findings, one row per finding.
#[derive(Debug, Clone, Default)]
pub struct FindingTable {
    /// Interview id.
    pub interview: Vec<i32>,
    /// Country code.
    pub country: Vec<String>,
    /// Region code.
    pub region: Vec<String>,
    /// Role of the person interviewed.
    pub role: Vec<Role>,
    /// Theme code.
    pub theme: Vec<String>,
    /// Sub-code.
    pub sub_code: Vec<Option<String>>,
}

/// The registry, one row per organisation.
#[derive(Debug, Clone, Default)]
pub struct OrganisationTable {
    /// Country code.
    pub country: Vec<String>,
    /// Region code.
    pub region: Vec<String>,
    /// Kind.
    pub kind: Vec<OrganisationKind>,
    /// Status: `ACTIVE`, `DORMANT` or `CLOSED`.
    pub status: Vec<String>,
    /// Year closed.
    pub closed_year: Vec<Option<i32>>,
    /// Year founded, where known. Empty means unknown for every row.
    pub founded_year: Vec<Option<i32>>,
    /// Day last verified, as days since 1 January of year 1 (chrono's `num_days_from_ce`).
    pub verified_day: Vec<Option<i32>>,
    /// Municipality code, if known.
    pub municipality: Vec<Option<String>>,
    /// How far its private links got: 0 none made, 1 made, 2 opened, 3 answered (the
    /// furthest of its links). Empty means none for every row.
    pub link_stage: Vec<u8>,
}

/// The municipalities (or districts) of the regions.
#[derive(Debug, Clone, Default)]
pub struct MunicipalityTable {
    /// Municipality code.
    pub code: Vec<String>,
    /// Region code.
    pub region: Vec<String>,
    /// Country code.
    pub country: Vec<String>,
    /// Inhabitants, where a source gives them.
    pub population: Vec<Option<i64>>,
}

/// The regions.
#[derive(Debug, Clone, Default)]
pub struct RegionTable {
    /// Region code.
    pub code: Vec<String>,
    /// Country code.
    pub country: Vec<String>,
    /// Inhabitants.
    pub population: Vec<i64>,
}

/// What the comparisons need to know of a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionInfo {
    /// Survey code.
    pub survey: String,
    /// Question code.
    pub code: String,
    /// Theme, if any.
    pub theme: Option<String>,
    /// Kind.
    pub kind: QuestionKind,
    /// Option codes of a choice question, in order.
    pub options: Vec<String>,
}

/// The frames every comparison reads, built once per data version.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// Answers sorted by question, so that one question is a slice.
    pub(crate) answers: DataFrame,
    /// Where each question's answers lie in `answers`: offset and length.
    pub(crate) question_rows: QuestionRows,
    /// Each respondent's mean per theme, with the respondent's keys (survey, country,
    /// region, role, organisation kind): every theme comparison starts from it.
    pub(crate) scores: DataFrame,
    /// One row per respondent who answered, with the keys filters and groups use: the
    /// set-size checks count people here instead of across every answer.
    pub(crate) people: DataFrame,
    /// The values of the answers' filtered columns (those of `people`).
    pub(crate) answer_values: KnownValues,
    pub(crate) choices: DataFrame,
    /// The values of the chosen options' filtered columns.
    pub(crate) choice_values: KnownValues,
    pub(crate) findings: DataFrame,
    /// The values of the findings' filtered columns.
    pub(crate) finding_values: KnownValues,
    pub(crate) organisations: DataFrame,
    pub(crate) regions: DataFrame,
    /// Municipalities with their region, country and population (empty unless
    /// [`Inputs::with_municipalities`] gave them).
    pub(crate) municipalities: DataFrame,
    pub(crate) questions: Vec<QuestionInfo>,
}

/// The answers sorted by question (by the category's code: only that each question's
/// answers lie together matters, and codes sort without comparing texts), and where
/// each question's answers lie: offset and length.
fn by_question(answers: DataFrame) -> Result<(DataFrame, QuestionRows)> {
    let sorted = answers
        .lazy()
        .sort_by_exprs(
            [col("question").to_physical()],
            SortMultipleOptions::default().with_maintain_order(true),
        )
        .collect()?;
    let bounds = sorted
        .clone()
        .lazy()
        .select([col("question")])
        .with_row_index("row", None)
        .group_by([col("question")])
        .agg([col("row").min().alias("offset"), len().alias("rows")])
        .collect()?;
    let mut rows = QuestionRows::new();
    for ((code, offset), len) in strs(&bounds, "question")?
        .into_iter()
        .zip(counts(&bounds, "offset")?)
        .zip(counts(&bounds, "rows")?)
    {
        if let Some(code) = code {
            rows.insert(code, (offset as usize, len as usize));
        }
    }
    Ok((sorted, rows))
}

/// Where each question's answers lie in the sorted answers: offset and length.
type QuestionRows = std::collections::HashMap<String, (usize, usize)>;

fn municipality_frame(table: MunicipalityTable) -> Result<DataFrame> {
    Ok(DataFrame::new_infer_height(vec![
        strings("municipality", table.code),
        strings("region", table.region),
        strings("country", table.country),
        Column::new("population".into(), table.population),
    ])?)
}

impl Inputs {
    /// Turns the typed tables into frames.
    pub fn new(
        answers: AnswerTable,
        choices: ChoiceTable,
        findings: FindingTable,
        organisations: OrganisationTable,
        regions: RegionTable,
        questions: Vec<QuestionInfo>,
    ) -> Result<Self> {
        Self::from_frames(
            answers.into_frame()?,
            choices.into_frame()?,
            findings,
            organisations,
            regions,
            questions,
        )
    }

    /// The frames from the answers and chosen options already as frames (with the
    /// columns of [`ANSWER_COLUMNS`] and [`CHOICE_COLUMNS`], codes as text, `respondent`
    /// and `value` as 32-bit integers), for readers that build them column by column.
    pub fn from_frames(
        answers: DataFrame,
        choices: DataFrame,
        findings: FindingTable,
        organisations: OrganisationTable,
        regions: RegionTable,
        questions: Vec<QuestionInfo>,
    ) -> Result<Self> {
        let answers = coded(answers.select(ANSWER_COLUMNS)?)?;
        let choices = coded(choices.select(CHOICE_COLUMNS)?)?;
        let (answers, question_rows) = by_question(answers)?;
        let scores = answers
            .clone()
            .lazy()
            .filter(
                col("kind")
                    .eq(lit(QuestionKind::Likert.code()))
                    .and(col("theme").is_not_null())
                    .and(col("value").is_not_null()),
            )
            .group_by([
                col("respondent"),
                col("theme"),
                col("survey"),
                col("country"),
                col("region"),
                col("role"),
                col("organisation_kind"),
                col("municipality"),
            ])
            .agg([col("value").cast(DataType::Float64).mean().alias("score")])
            .collect()?;
        let findings = DataFrame::new_infer_height(vec![
            Column::new("interview".into(), findings.interview),
            strings("country", findings.country),
            strings("region", findings.region),
            code_column("role", &findings.role, Role::code),
            strings("theme", findings.theme),
            optional_strings("sub_code", findings.sub_code),
        ])?;
        let height = organisations.country.len();
        let organisations = DataFrame::new_infer_height(vec![
            strings("country", organisations.country),
            strings("region", organisations.region),
            code_column("kind", &organisations.kind, OrganisationKind::code),
            strings("status", organisations.status),
            Column::new("closed_year".into(), organisations.closed_year),
            Column::new(
                "founded_year".into(),
                if organisations.founded_year.is_empty() {
                    vec![None; height]
                } else {
                    organisations.founded_year
                },
            ),
            Column::new("verified_day".into(), organisations.verified_day),
            optional_strings("municipality", filled(organisations.municipality, height)),
            Column::new(
                "link_stage".into(),
                if organisations.link_stage.is_empty() {
                    vec![0i32; height]
                } else {
                    organisations
                        .link_stage
                        .into_iter()
                        .map(i32::from)
                        .collect()
                },
            ),
        ])?;
        let regions = DataFrame::new_infer_height(vec![
            strings("region", regions.code),
            strings("country", regions.country),
            Column::new("population".into(), regions.population),
        ])?;
        let people = answers
            .clone()
            .lazy()
            .group_by([col("respondent")])
            .agg([
                col("survey").first(),
                col("country").first(),
                col("region").first(),
                col("role").first(),
                col("organisation_kind").first(),
                col("municipality").first(),
            ])
            .collect()?;
        Ok(Self {
            answers,
            question_rows,
            scores,
            answer_values: KnownValues::of(&people)?,
            people,
            choice_values: KnownValues::of(&choices)?,
            choices,
            finding_values: KnownValues::of(&findings)?,
            findings,
            organisations,
            regions,
            municipalities: municipality_frame(MunicipalityTable::default())?,
            questions,
        })
    }

    /// The same frames, with the municipalities whose populations the registry
    /// statistics per municipality divide by.
    pub fn with_municipalities(mut self, municipalities: MunicipalityTable) -> Result<Self> {
        self.municipalities = municipality_frame(municipalities)?;
        Ok(self)
    }

    /// The frames' size in memory, estimated by polars (shared buffers counted once
    /// per frame that holds them), in bytes: each frame by name.
    pub fn estimated_sizes(&self) -> Vec<(&'static str, usize)> {
        [
            ("answers", &self.answers),
            ("scores", &self.scores),
            ("people", &self.people),
            ("choices", &self.choices),
            ("findings", &self.findings),
            ("organisations", &self.organisations),
            ("regions", &self.regions),
            ("municipalities", &self.municipalities),
        ]
        .into_iter()
        .map(|(name, frame)| (name, frame.estimated_size()))
        .collect()
    }

    /// Number of answers held.
    pub fn answer_count(&self) -> usize {
        self.answers.height()
    }

    /// The answers to one question: a slice of the sorted frame, not a scan.
    pub(crate) fn answers_to(&self, question: &str) -> DataFrame {
        match self.question_rows.get(question) {
            Some((offset, len)) => self.answers.slice(*offset as i64, *len),
            None => self.answers.clear(),
        }
    }

    /// The question with `code` (in `survey`, if given), or an error naming the valid codes.
    /// The questions of every survey, in survey and position order.
    pub fn questions(&self) -> &[QuestionInfo] {
        &self.questions
    }

    pub(crate) fn question(&self, code: &str, kinds: &[QuestionKind]) -> Result<&QuestionInfo> {
        self.questions
            .iter()
            .find(|q| q.code == code && kinds.contains(&q.kind))
            .ok_or_else(|| {
                // Waves of a survey share their codes: each code once.
                let mut valid: Vec<String> = Vec::new();
                for q in self.questions.iter().filter(|q| kinds.contains(&q.kind)) {
                    if !valid.contains(&q.code) {
                        valid.push(q.code.clone());
                    }
                }
                crate::Error::UnknownValue {
                    field: "question".into(),
                    value: code.to_owned(),
                    valid,
                }
            })
    }
}

#[cfg(test)]
pub(crate) mod tests {
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
}

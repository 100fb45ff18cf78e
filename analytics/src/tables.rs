//! The typed input tables, and the polars frames built from them once per data version.

use polars::prelude::*;

use crate::{
    columns::{answer_frames, code_column, filled, optional_strings, strings},
    cubes::Cubes,
    error::Result,
    filter::KnownValues,
    vocab::{OrganisationKind, QuestionKind, Role},
};

/// What [`Inputs`] hold of the answers and chosen options: their counts.
struct Counted {
    cubes: Cubes,
    answer_count: usize,
    answer_values: KnownValues,
    choice_values: KnownValues,
}

impl Counted {
    fn of(cubes: Cubes, answer_count: usize) -> Result<Self> {
        Ok(Self {
            answer_values: KnownValues::of(&cubes.cells)?,
            choice_values: KnownValues::of(&cubes.choices)?,
            answer_count,
            cubes,
        })
    }
}

/// Some people's answers and chosen options as frames of ids, and who the people are
/// and what was asked (as [`Inputs::from_frames`] takes them): read so, the answers are
/// joined to the rest only once counted.
#[derive(Debug, Clone)]
pub struct AnswerFrames {
    /// One row per answer, the columns of [`crate::ANSWER_ID_COLUMNS`].
    pub answers: DataFrame,
    /// One row per chosen option, the columns of [`crate::CHOICE_ID_COLUMNS`].
    pub choices: DataFrame,
    /// One row per respondent, the columns of [`crate::PERSON_COLUMNS`] (codes as text
    /// or categories).
    pub respondents: DataFrame,
    /// One row per question, the columns of [`crate::QUESTION_COLUMNS`].
    pub questions: DataFrame,
}

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
    /// The answers, chosen options and theme scores counted per group of people.
    pub(crate) cubes: Cubes,
    /// The number of answers counted.
    pub(crate) answer_count: usize,
    /// The values of the answers' filtered columns.
    pub(crate) answer_values: KnownValues,
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
            answer_frames(answers, choices)?,
            findings,
            organisations,
            regions,
            questions,
        )
    }

    /// The frames from the answers and chosen options already as frames of ids, for
    /// readers that build them column by column.
    pub fn from_frames(
        answers: AnswerFrames,
        findings: FindingTable,
        organisations: OrganisationTable,
        regions: RegionTable,
        questions: Vec<QuestionInfo>,
    ) -> Result<Self> {
        let (cubes, answer_count) = Cubes::of(&answers)?;
        let counted = Counted::of(cubes, answer_count)?;
        Self::assemble(counted, findings, organisations, regions, questions)
    }

    /// These answer counts with `added`'s added and `removed`'s taken away, and the
    /// other tables replaced: for a change that only added people, or changed what
    /// some are counted by (their organisation's kind), leaving their answers. `added`
    /// holds the new and changed people's answers as they are now, `removed` the
    /// changed people's as they were counted; counting them costs their answers, not a
    /// pass over all.
    pub fn with_changed(
        &self,
        added: AnswerFrames,
        removed: AnswerFrames,
        findings: FindingTable,
        organisations: OrganisationTable,
        regions: RegionTable,
        questions: Vec<QuestionInfo>,
    ) -> Result<Self> {
        let (added, added_count) = Cubes::of(&added)?;
        let (removed, removed_count) = Cubes::of(&removed)?;
        let answer_count = (self.answer_count + added_count)
            .checked_sub(removed_count)
            .ok_or_else(|| crate::Error::Inconsistent("fewer answers than removed".into()))?;
        let counted = Counted::of(self.cubes.changed(&added, &removed)?, answer_count)?;
        Self::assemble(counted, findings, organisations, regions, questions)
    }

    /// The same answer counts with the other tables replaced: for a change that left
    /// the answers, and everything they are counted by, as they were. Costs the small
    /// tables only, not a pass over the answers.
    pub fn with_tables(
        &self,
        findings: FindingTable,
        organisations: OrganisationTable,
        regions: RegionTable,
        questions: Vec<QuestionInfo>,
    ) -> Result<Self> {
        let counted = Counted {
            cubes: self.cubes.clone(),
            answer_count: self.answer_count,
            answer_values: self.answer_values.clone(),
            choice_values: self.choice_values.clone(),
        };
        Self::assemble(counted, findings, organisations, regions, questions)
    }

    fn assemble(
        counted: Counted,
        findings: FindingTable,
        organisations: OrganisationTable,
        regions: RegionTable,
        questions: Vec<QuestionInfo>,
    ) -> Result<Self> {
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
        Ok(Self {
            answer_values: counted.answer_values,
            choice_values: counted.choice_values,
            answer_count: counted.answer_count,
            cubes: counted.cubes,
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
        let frames = [
            ("findings", &self.findings),
            ("organisations", &self.organisations),
            ("regions", &self.regions),
            ("municipalities", &self.municipalities),
        ];
        (self.cubes.estimated_sizes().into_iter())
            .chain(frames.map(|(name, frame)| (name, frame.estimated_size())))
            .collect()
    }

    /// What differs between these answer counts and `other`'s (the number of answers,
    /// the values filters know, or the first count that differs), or `None` when they
    /// are the same: to check counts that were changed against counts made afresh.
    pub fn counts_differ(&self, other: &Inputs) -> Result<Option<String>> {
        if self.answer_count != other.answer_count {
            return Ok(Some(format!(
                "{} answers, not {}",
                self.answer_count, other.answer_count
            )));
        }
        if self.answer_values != other.answer_values || self.choice_values != other.choice_values {
            return Ok(Some("the values of the filtered columns".into()));
        }
        Ok((self.cubes.first_difference(&other.cubes)?).map(|name| format!("the {name}")))
    }

    /// Number of answers held.
    pub fn answer_count(&self) -> usize {
        self.answer_count
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
pub(crate) mod tests;

//! Cross-country comparisons of the survey, interview and registry data: typed tables
//! in, comparison tables out, with small groups of people suppressed. Knows no database
//! and no HTTP; `hub` builds the [`Inputs`] and serves the results.

mod choices;
mod columns;
mod cubes;
mod error;
mod filter;
mod freshness;
mod interviews;
mod likert;
mod registry;
pub mod stats;
pub mod suppress;
mod tables;
mod themes;
pub mod vocab;
mod waves;

pub use choices::ChoiceShareRow;
pub use columns::{ANSWER_ID_COLUMNS, CHOICE_ID_COLUMNS, PERSON_COLUMNS, QUESTION_COLUMNS, coded};
pub use error::{Error, Result};
pub use filter::{Filter, GroupKeys, Grouping};
pub use freshness::{FreshnessRow, YearFlowRow};
pub use interviews::{CooccurrenceRow, ThemeFrequencyRow};
pub use likert::LikertRow;
pub use registry::{KindCount, RegistryRow, YearCount};
pub use tables::{
    AnswerFrames, AnswerTable, ChoiceTable, FindingTable, Inputs, MunicipalityTable,
    OrganisationTable, QuestionInfo, RegionTable,
};
pub use themes::{CountryDifferenceRow, RoleGapRow, ThemeScoreRow};
pub use vocab::{Lang, OrganisationKind, QuestionKind, Role};
pub use waves::WaveChangeRow;

/// The smallest group of people whose figures are shown, unless set otherwise.
pub const DEFAULT_MIN_GROUP_SIZE: usize = 5;

//! The tables behind one set of frames, as read, and how they become the frames: every
//! answer counted, or the counts held changed by the respondents added or changed since.

use std::sync::Arc;

use analytics::{
    FindingTable, Inputs, MunicipalityTable, OrganisationTable, QuestionInfo, RegionTable,
};
use polars::prelude::*;
use sea_orm::FromQueryResult;

use super::{Frames, answers};
use crate::{
    domain::{OrganisationKind, QuestionKind, Role},
    error::Result,
};

#[derive(FromQueryResult)]
pub(super) struct RespondentRow {
    respondent: i32,
    country: String,
    region: String,
    role: Role,
    organisation_kind: Option<OrganisationKind>,
    municipality: Option<String>,
}

#[derive(FromQueryResult)]
pub(super) struct QuestionDim {
    question_id: i32,
    survey: String,
    question: String,
    theme: Option<String>,
    kind: QuestionKind,
}

/// How a build came by its answer counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Every answer counted.
    All,
    /// The counts held, changed by the respondents added or changed since (their
    /// number).
    Changed(usize),
    /// The counts held, as they were.
    Kept,
}

/// The answers: as read, or counted already.
#[derive(Debug, Clone)]
pub(super) enum Answers {
    /// All answers, or (`onto`) only those of the respondents added or changed since
    /// the answers version of the frames whose counts they change; `respondents` are
    /// the respondents read, as they are now.
    Read {
        columns: Box<answers::AnswerColumns>,
        respondents: DataFrame,
        questions_by_id: DataFrame,
        onto: Option<Frames>,
    },
    /// The frames whose answer counts are kept.
    Held(Frames),
}

/// The typed tables as read from the database, before polars.
#[derive(Debug, Clone)]
pub struct Tables {
    pub(super) answers: Answers,
    pub(super) answers_version: i64,
    pub(super) findings: FindingTable,
    pub(super) organisations: OrganisationTable,
    pub(super) regions: RegionTable,
    pub(super) municipalities: MunicipalityTable,
    pub(super) questions: Vec<QuestionInfo>,
}

/// The frames made from [`Tables`].
#[derive(Debug)]
pub struct Made {
    /// The frames.
    pub inputs: Inputs,
    /// Who the answer counts count, as categories: to change the counts by later.
    pub respondents: Arc<DataFrame>,
    /// The answers they count, as read: to take away those of respondents updated later.
    pub answers: Arc<answers::Kept>,
    /// How long each step of making them took.
    pub phases: Phases,
}

/// How long each step of a build took, in order, as the build's log line shows them:
/// `read 210 ms, split 12 ms, ...`.
#[derive(Debug, Default, Clone)]
pub struct Phases(Vec<(&'static str, std::time::Duration)>);

impl Phases {
    /// Records that `step` took the time since `since`, and restarts `since`.
    pub fn lap(&mut self, step: &'static str, since: &mut std::time::Instant) {
        let now = std::time::Instant::now();
        self.0.push((step, now - *since));
        *since = now;
    }

    /// Records that `step`, before all the others, took `took`.
    pub fn first(&mut self, step: &'static str, took: std::time::Duration) {
        self.0.insert(0, (step, took));
    }
}

impl std::fmt::Display for Phases {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (step, took)) in self.0.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{step} {} ms", took.as_millis())?;
        }
        Ok(())
    }
}

impl Tables {
    /// How the frames will come by their answer counts.
    pub fn counting(&self) -> Counting {
        match &self.answers {
            Answers::Read { onto: None, .. } => Counting::All,
            Answers::Read {
                respondents,
                onto: Some(_),
                ..
            } => Counting::Changed(respondents.height()),
            Answers::Held(_) => Counting::Kept,
        }
    }

    /// The frames, with the derived ones (the answer counts).
    pub fn into_inputs(self) -> Result<Inputs> {
        Ok(self.into_frames()?.inputs)
    }

    /// The frames, with the derived ones (the answer counts), and who and what they count.
    pub fn into_frames(self) -> Result<Made> {
        let mut phases = Phases::default();
        let mut since = std::time::Instant::now();
        let (inputs, respondents, counted) = match self.answers {
            Answers::Held(held) => (
                held.inputs.with_tables(
                    self.findings,
                    self.organisations,
                    self.regions,
                    self.questions,
                ),
                held.respondents,
                held.answers,
            ),
            Answers::Read {
                columns,
                respondents,
                questions_by_id,
                onto: None,
            } => {
                let answers = answers::frames(&columns, respondents.clone(), questions_by_id)?;
                phases.lap("framed", &mut since);
                let inputs = Inputs::from_frames(
                    answers,
                    self.findings,
                    self.organisations,
                    self.regions,
                    self.questions,
                );
                (
                    inputs,
                    Arc::new(respondents),
                    Arc::new(answers::Kept::of(&columns)),
                )
            }
            Answers::Read {
                columns,
                respondents: changed,
                questions_by_id,
                onto: Some(held),
            } => {
                // The changed respondents' answers and keys as they were counted are
                // taken away; as they are now, added.
                let who = answers::IdSet::of(changed.column("respondent")?.i32()?.iter().flatten());
                let (before, everyone) = split(&held.respondents, &who, &changed)?;
                phases.lap("respondents split", &mut since);
                let (theirs, counted) = held.answers.replaced(&who, &columns);
                phases.lap("answers split", &mut since);
                let gone = answers::frames(&theirs, before, questions_by_id.clone())?;
                let added = answers::frames(&columns, changed, questions_by_id)?;
                phases.lap("framed", &mut since);
                let inputs = held.inputs.with_changed(
                    added,
                    gone,
                    self.findings,
                    self.organisations,
                    self.regions,
                    self.questions,
                );
                (inputs, Arc::new(everyone), Arc::new(counted))
            }
        };
        let inputs = inputs?;
        phases.lap("made", &mut since);
        Ok(Made {
            inputs: inputs.with_municipalities(self.municipalities)?,
            respondents,
            answers: counted,
            phases,
        })
    }
}

/// Of the respondents `held`, those in `who` (the ids of `changed`) as they were, and
/// everyone: `held` with `changed` as they are now. A mask by [`answers::IdSet`], not
/// a join: two hash joins of the 50,000 held took 27-37 ms of each build under load.
fn split(
    held: &DataFrame,
    who: &answers::IdSet,
    changed: &DataFrame,
) -> Result<(DataFrame, DataFrame)> {
    let theirs: Vec<bool> = (held.column("respondent")?.i32()?.iter())
        .map(|id| id.is_some_and(|id| who.contains(id)))
        .collect();
    let theirs = BooleanChunked::from_slice("theirs".into(), &theirs);
    let before = held.filter(&theirs)?;
    let others = held.filter(&!&theirs)?.lazy();
    // In one chunk, so that the chunks do not grow by one with each change.
    let once = UnionArgs {
        rechunk: true,
        ..UnionArgs::default()
    };
    let everyone = concat([others, changed.clone().lazy()], once)?.collect()?;
    Ok((before, everyone))
}

/// The respondents as a frame: the columns the comparisons group by, as categories.
pub(super) fn respondent_frame(rows: Vec<RespondentRow>) -> Result<DataFrame> {
    let role: Vec<&str> = rows
        .iter()
        .map(|r| analytics::Role::from(r.role).code())
        .collect();
    let kind: Vec<Option<&str>> = (rows.iter())
        .map(|r| {
            r.organisation_kind
                .map(|k| analytics::OrganisationKind::from(k).code())
        })
        .collect();
    let (mut id, mut country, mut region, mut municipality) = (vec![], vec![], vec![], vec![]);
    for r in rows {
        id.push(r.respondent);
        country.push(r.country);
        region.push(r.region);
        municipality.push(r.municipality);
    }
    Ok(analytics::coded(DataFrame::new_infer_height(vec![
        Column::new("respondent".into(), id),
        Column::new("country".into(), country),
        Column::new("region".into(), region),
        Column::new("role".into(), role),
        Column::new("organisation_kind".into(), kind),
        Column::new("municipality".into(), municipality),
    ])?)?)
}

/// The questions as a frame, by the database's question id.
pub(super) fn question_frame(rows: Vec<QuestionDim>) -> Result<DataFrame> {
    let kind: Vec<&str> = rows
        .iter()
        .map(|q| analytics::QuestionKind::from(q.kind).code())
        .collect();
    let (mut id, mut survey, mut question, mut theme) = (vec![], vec![], vec![], vec![]);
    for q in rows {
        id.push(q.question_id);
        survey.push(q.survey);
        question.push(q.question);
        theme.push(q.theme);
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new("question_id".into(), id),
        Column::new("survey".into(), survey),
        Column::new("question".into(), question),
        Column::new("theme".into(), theme),
        Column::new("kind".into(), kind),
    ])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(ids: &[i32], regions: &[&str]) -> DataFrame {
        DataFrame::new_infer_height(vec![
            Column::new("respondent".into(), ids),
            Column::new("region".into(), regions),
        ])
        .unwrap()
    }

    /// Changes in turn: each takes its respondents as they were and puts them as they
    /// are after the others, in one chunk however many changes came before.
    #[test]
    fn a_split_takes_the_changed_as_they_were_and_keeps_one_chunk() {
        let mut held = people(&[1, 2, 3, 4], &["a", "b", "c", "d"]);
        for round in 0..5 {
            let changed = people(&[2, 9], &["x", "y"]);
            let who = answers::IdSet::of([2, 9]);
            let (before, everyone) = split(&held, &who, &changed).unwrap();
            let ids = |f: &DataFrame| -> Vec<i32> {
                f.column("respondent")
                    .unwrap()
                    .i32()
                    .unwrap()
                    .iter()
                    .flatten()
                    .collect()
            };
            let regions = |f: &DataFrame| -> Vec<String> {
                let c = f.column("region").unwrap().str().unwrap();
                c.iter().flatten().map(str::to_owned).collect()
            };
            if round == 0 {
                assert_eq!(
                    (ids(&before), regions(&before)),
                    (vec![2], vec!["b".into()])
                );
            } else {
                assert_eq!(ids(&before), [2, 9], "round {round}");
                assert_eq!(regions(&before), ["x", "y"], "round {round}");
            }
            assert_eq!(ids(&everyone), [1, 3, 4, 2, 9], "round {round}");
            assert_eq!(regions(&everyone), ["a", "c", "d", "x", "y"]);
            assert_eq!(everyone.max_n_chunks(), 1, "round {round}");
            held = everyone;
        }
    }
}

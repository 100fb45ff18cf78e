//! The counts by groups and ids against the counts by every key, and counts changed
//! against counts made afresh.

use super::*;
use crate::{
    AnswerFrames, AnswerTable, ChoiceTable, FindingTable, Inputs, OrganisationTable, RegionTable,
    vocab::{OrganisationKind, QuestionKind, Role},
};

/// Answers and chosen options of respondents `ids`, varied by a linear congruential
/// generator seeded by the id: countries, roles, kinds, municipalities, two themes,
/// a number question, missing values, and a choice question with 0-2 options. The
/// people `moved` picks represent an organisation of another kind (or none).
fn people(
    ids: impl IntoIterator<Item = i32>,
    moved: impl Fn(i32) -> bool,
) -> (AnswerTable, ChoiceTable) {
    let (mut answers, mut choices) = (AnswerTable::default(), ChoiceTable::default());
    for id in ids {
        let mut seed = id as u64 * 2_654_435_761 + 1;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((seed >> 33) % n) as usize
        };
        let country = ["SE", "LV", "LT"][next(3)];
        let role = [Role::MunicipalOfficial, Role::OrganisationRepresentative][next(2)];
        let kind = (role == Role::OrganisationRepresentative)
            .then(|| [OrganisationKind::Ngo, OrganisationKind::YouthAssociation][next(2)]);
        let kind = match (moved(id), kind) {
            (false, kind) => kind,
            (true, Some(OrganisationKind::Ngo)) => Some(OrganisationKind::MunicipalUnit),
            (true, Some(_)) => None,
            (true, None) => Some(OrganisationKind::Ngo),
        };
        let municipality = [None, Some(format!("{country}-M1"))][next(2)].clone();
        let survey = ["S1", "S2"][next(2)];
        let person = |answers: &mut AnswerTable| {
            answers.respondent.push(id);
            answers.survey.push(survey.into());
            answers.country.push(country.into());
            answers.region.push(format!("{country}-R"));
            answers.role.push(role);
            answers.organisation_kind.push(kind);
            answers.municipality.push(municipality.clone());
        };
        for (question, theme) in [("Q1", "A"), ("Q2", "A"), ("Q3", "B")] {
            person(&mut answers);
            answers.question.push(question.into());
            answers.theme.push(Some(theme.into()));
            answers.kind.push(QuestionKind::Likert);
            let value = next(6) as i32;
            answers.value.push((value > 0).then_some(value));
        }
        person(&mut answers);
        answers.question.push("N1".into());
        answers.theme.push(None);
        answers.kind.push(QuestionKind::Number);
        answers.value.push(Some(next(40) as i32));
        person(&mut answers);
        answers.question.push("C1".into());
        answers.theme.push(None);
        answers.kind.push(QuestionKind::MultipleChoice);
        answers.value.push(None);
        for option in ["X", "Y", "Z"].into_iter().take(next(3)) {
            choices.respondent.push(id);
            choices.survey.push(survey.into());
            choices.country.push(country.into());
            choices.region.push(format!("{country}-R"));
            choices.role.push(role);
            choices.organisation_kind.push(kind);
            choices.municipality.push(municipality.clone());
            choices.question.push("C1".into());
            choices.option.push(option.into());
        }
    }
    (answers, choices)
}

fn inputs_of((answers, choices): (AnswerTable, ChoiceTable)) -> Inputs {
    inputs(answers, choices)
}

fn inputs(answers: AnswerTable, choices: ChoiceTable) -> Inputs {
    Inputs::new(
        answers,
        choices,
        FindingTable::default(),
        OrganisationTable::default(),
        RegionTable::default(),
        Vec::new(),
    )
    .expect("frames")
}

/// `frame` with its categories as text, in one order of its rows.
fn sorted(frame: &DataFrame) -> DataFrame {
    let columns: Vec<String> = (frame.get_column_names().iter())
        .map(|c| c.to_string())
        .collect();
    (frame.clone().lazy())
        .with_columns([all().as_expr().cast(DataType::String)])
        .sort(
            columns,
            SortMultipleOptions::default().with_nulls_last(true),
        )
        .collect()
        .expect("sorted")
}

fn same(left: &Cubes, right: &Cubes) {
    let pairs = [
        ("cells", &left.cells, &right.cells),
        ("answers", &left.answers, &right.answers),
        ("scores", &left.scores, &right.scores),
        ("choices", &left.choices, &right.choices),
    ];
    for (name, left, right) in pairs {
        assert_eq!(
            left.schema(),
            right.schema(),
            "{name}: the same columns and types"
        );
        assert!(
            sorted(left).equals_missing(&sorted(right)),
            "{name}:\n{left}\n{right}"
        );
    }
}

fn frames((answers, choices): (AnswerTable, ChoiceTable)) -> AnswerFrames {
    crate::columns::answer_frames(answers, choices).expect("frames")
}

/// The counts as first written, by every key of every answer: each answer joined
/// to who gave it and what was asked, then grouped by all of it.
fn counted_by_every_key((answers, choices): (AnswerTable, ChoiceTable)) -> Cubes {
    let person = |respondent: Vec<i32>,
                  survey: Vec<String>,
                  country: Vec<String>,
                  region: Vec<String>,
                  role: &[Role],
                  kind: &[Option<OrganisationKind>],
                  municipality: Vec<Option<String>>| {
        let role: Vec<&str> = role.iter().map(|r| r.code()).collect();
        let kind: Vec<Option<&str>> = kind.iter().map(|k| k.map(|k| k.code())).collect();
        vec![
            Column::new("respondent".into(), respondent),
            Column::new("survey".into(), survey),
            Column::new("country".into(), country),
            Column::new("region".into(), region),
            Column::new("role".into(), role),
            Column::new("organisation_kind".into(), kind),
            Column::new("municipality".into(), municipality),
        ]
    };
    let mut columns = person(
        answers.respondent,
        answers.survey,
        answers.country,
        answers.region,
        &answers.role,
        &answers.organisation_kind,
        answers.municipality,
    );
    let kinds: Vec<&str> = answers.kind.iter().map(|k| k.code()).collect();
    columns.extend([
        Column::new("question".into(), answers.question),
        Column::new("theme".into(), answers.theme),
        Column::new("kind".into(), kinds),
        Column::new("value".into(), answers.value),
    ]);
    let answers = coded(DataFrame::new_infer_height(columns).expect("answers"))
        .expect("coded")
        .lazy();
    let mut columns = person(
        choices.respondent,
        choices.survey,
        choices.country,
        choices.region,
        &choices.role,
        &choices.organisation_kind,
        choices.municipality,
    );
    columns.extend([
        Column::new("question".into(), choices.question),
        Column::new("option".into(), choices.option),
    ]);
    let choices = coded(DataFrame::new_infer_height(columns).expect("choices"))
        .expect("coded")
        .lazy();
    let cells = (answers.clone())
        .group_by(keys_and(&["respondent"]))
        .agg([])
        .group_by(keys_and(&[]))
        .agg([len().alias("people")]);
    let scores = (answers.clone())
        .filter(
            col("kind")
                .eq(lit(QuestionKind::Likert.code()))
                .and(col("theme").is_not_null())
                .and(col("value").is_not_null()),
        )
        .group_by(keys_and(&["respondent", "theme"]))
        .agg([col("value").cast(DataType::Float64).mean().alias("score")])
        .group_by(keys_and(&["theme", "score"]))
        .agg([len().alias("count")]);
    let counted = answers
        .group_by(keys_and(&["question", "kind", "value"]))
        .agg([len().alias("count")]);
    let chosen = choices
        .group_by(keys_and(&["question", "option"]))
        .agg([len().alias("count")]);
    Cubes {
        cells: cells.collect().expect("cells"),
        answers: counted.collect().expect("answers"),
        scores: scores.collect().expect("scores"),
        choices: chosen.collect().expect("choices"),
    }
}

#[test]
fn counted_by_groups_and_ids_as_by_every_key() {
    let moved = |id: i32| id % 7 == 0;
    let (cubes, answer_count) = Cubes::of(&frames(people(1..301, moved))).expect("counted");
    same(&cubes, &counted_by_every_key(people(1..301, moved)));
    assert_eq!(answer_count, people(1..301, moved).0.respondent.len());
    // A respondent given two sets of keys is counted with each, as every key was.
    let (mut answers, mut choices) = people(1..41, nobody);
    let (more, more_chosen) = people(1..41, |_| true);
    answers.respondent.extend(more.respondent);
    answers.survey.extend(more.survey);
    answers.country.extend(more.country);
    answers.region.extend(more.region);
    answers.role.extend(more.role);
    answers.organisation_kind.extend(more.organisation_kind);
    answers.municipality.extend(more.municipality);
    answers.question.extend(more.question);
    answers.theme.extend(more.theme);
    answers.kind.extend(more.kind);
    answers.value.extend(more.value);
    choices.respondent.extend(more_chosen.respondent);
    choices.survey.extend(more_chosen.survey);
    choices.country.extend(more_chosen.country);
    choices.region.extend(more_chosen.region);
    choices.role.extend(more_chosen.role);
    choices
        .organisation_kind
        .extend(more_chosen.organisation_kind);
    choices.municipality.extend(more_chosen.municipality);
    choices.question.extend(more_chosen.question);
    choices.option.extend(more_chosen.option);
    let (cubes, _) = Cubes::of(&frames((answers.clone(), choices.clone()))).expect("counted");
    same(&cubes, &counted_by_every_key((answers, choices)));
}

fn changed(held: &Inputs, added: AnswerFrames, removed: AnswerFrames) -> Result<Inputs> {
    held.with_changed(
        added,
        removed,
        FindingTable::default(),
        OrganisationTable::default(),
        RegionTable::default(),
        Vec::new(),
    )
}

fn nobody(_: i32) -> bool {
    false
}

#[test]
fn counts_added_to_are_the_counts_of_all() {
    let (answers, choices) = people(1..401, nobody);
    let all = inputs(answers, choices);
    for split in [1, 150, 400] {
        let (answers, choices) = people(1..split, nobody);
        let held = inputs(answers, choices);
        let none = frames(people([], nobody));
        let grown = changed(&held, frames(people(split..401, nobody)), none).expect("added");
        same(&grown.cubes, &all.cubes);
        assert_eq!(grown.answer_count, all.answer_count);
        assert_eq!(grown.answer_count, 400 * 5, "five answers per respondent");
        assert_eq!(
            format!("{:?}", grown.answer_values),
            format!("{:?}", all.answer_values)
        );
    }
}

#[test]
fn people_moved_to_another_kind_are_counted_there_only() {
    let held = inputs_of(people(1..301, nobody));
    // Every seventh person moves, some of them with people added beside them; a
    // group that only they made up (municipal units) appears, and one may empty.
    let moved = |id: i32| id % 7 == 0;
    let all = inputs_of(people(1..341, moved));
    let who = (1..301).filter(|&id| moved(id));
    let added = frames(people(who.clone().chain(301..341), moved));
    let removed = frames(people(who, nobody));
    let now = changed(&held, added, removed).expect("changed");
    same(&now.cubes, &all.cubes);
    assert_eq!(now.answer_count, all.answer_count);
    assert_eq!(
        format!("{:?}", now.answer_values),
        format!("{:?}", all.answer_values)
    );
    let units = |c: &Cubes| {
        let kinds = crate::columns::text(&c.cells, "organisation_kind").expect("kinds");
        kinds
            .str()
            .expect("text")
            .iter()
            .filter(|k| *k == Some("MUNICIPAL_UNIT"))
            .count()
    };
    assert_eq!(units(&held.cubes), 0);
    assert!(units(&now.cubes) > 0, "the new kind's groups are there");
}

#[test]
fn counts_differ_by_what_they_count_not_by_the_order_of_rows() {
    let all = inputs_of(people(1..301, nobody));
    let reversed = inputs_of(people((1..301).rev(), nobody));
    assert_eq!(all.counts_differ(&reversed).expect("compared"), None);
    let fewer = inputs_of(people(1..300, nobody));
    assert_eq!(
        all.counts_differ(&fewer).expect("compared"),
        Some(format!("{} answers, not {}", 300 * 5, 299 * 5))
    );
    let moved = inputs_of(people(1..301, |id| id == 7));
    assert_eq!(
        all.counts_differ(&moved).expect("compared"),
        Some("the cells".into()),
        "one person counted by another kind"
    );
    // As many people and answers, but others.
    let others = inputs_of(people(2..302, nobody));
    assert!(all.counts_differ(&others).expect("compared").is_some());
}

#[test]
fn people_taken_away_who_were_not_counted_are_an_error() {
    let held = inputs_of(people(1..11, nobody));
    let error = changed(
        &held,
        frames(people([], nobody)),
        frames(people(11..12, nobody)),
    );
    assert!(
        matches!(error, Err(crate::Error::Inconsistent(_))),
        "{error:?}"
    );
}

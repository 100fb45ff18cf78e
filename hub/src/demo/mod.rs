//! The synthetic demo dataset: the five real regions with invented organisations,
//! respondents, answers, quotes and collaborations, deterministic from a seed and
//! labelled synthetic. `hub serve` fills an empty database with it; `hub demo` writes
//! it at any scale.

mod content;
mod generate;
mod guidance;
mod profile;
mod quotes;
mod respondents;
mod waves;

use indicatif::ProgressBar;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, TransactionTrait,
};

use crate::{
    db::insert_chunked as insert,
    entity::{dataset_meta, organisation, region},
    error::Result,
    service::version,
};

/// How to generate the demo dataset.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    /// Seed of every random choice.
    pub seed: u64,
    /// Number of survey respondents, over both waves (45 % in the baseline).
    pub respondents: usize,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            seed: 2026,
            respondents: 630,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Regions.
    pub regions: usize,
    /// Organisations.
    pub organisations: usize,
    /// Questions.
    pub questions: usize,
    /// Respondents.
    pub respondents: usize,
    /// Answers.
    pub answers: usize,
    /// Interviews.
    pub interviews: usize,
    /// Findings.
    pub findings: usize,
    /// Collaborations.
    pub collaborations: usize,
    /// Conclusions, recommendations, toolkit items and roadmap steps.
    pub guidance: usize,
}

/// True when the database holds no regions (and so no data at all).
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool> {
    Ok(region::Entity::find().count(db).await? == 0)
}

/// Writes the demo dataset into an empty database in one transaction, so that a failure
/// leaves nothing behind. `progress` counts respondents.
pub async fn fill(
    db: &DatabaseConnection,
    options: &DemoOptions,
    progress: Option<&ProgressBar>,
) -> Result<Summary> {
    let txn = db.begin().await?;
    let summary = write(&txn, options, progress).await?;
    version::bump(&txn).await?;
    txn.commit().await?;
    crate::db::reset_sequences(db).await?;
    Ok(summary)
}

/// Deletes every row of research data (not the schema), in one transaction.
pub async fn clear(db: &DatabaseConnection) -> Result<()> {
    let txn = db.begin().await?;
    for table in [
        "guidance_attachment",
        "guidance_link",
        "guidance",
        "collaboration_theme",
        "collaboration_organisation",
        "collaboration",
        "registry_proposal",
        "registry_link",
        "finding",
        "interview",
        "answer",
        "respondent",
        "question",
        "survey",
        "sub_code",
        "theme",
        "organisation",
        "municipality",
        "region",
        "dataset_meta",
    ] {
        txn.execute_unprepared(&format!("DELETE FROM {table}"))
            .await?;
    }
    version::bump(&txn).await?;
    txn.commit().await?;
    Ok(())
}

async fn write(
    txn: &DatabaseTransaction,
    options: &DemoOptions,
    progress: Option<&ProgressBar>,
) -> Result<Summary> {
    let seed = options.seed;
    let mut summary = Summary::default();

    let regions = generate::regions();
    summary.regions = regions.len();
    let municipalities = generate::municipalities(&regions)?;
    let by_region = generate::municipalities_by_region(&municipalities);
    insert(txn, regions).await?;
    insert(txn, municipalities).await?;
    let (themes, sub_codes) = generate::codebook();
    insert(txn, themes).await?;
    insert(txn, sub_codes).await?;

    let mut organisations = generate::organisations(seed);
    for o in &mut organisations {
        o.municipality_id = generate::spread(&by_region, o.region_id, o.id);
    }
    summary.organisations = organisations.len();
    // Successors point forward and backward, so link them after every row exists.
    let successors: Vec<(i32, i32)> = organisations
        .iter()
        .filter_map(|o| o.successor_id.map(|s| (o.id, s)))
        .collect();
    insert(
        txn,
        organisations
            .iter()
            .cloned()
            .map(|o| organisation::Model {
                successor_id: None,
                ..o
            })
            .collect(),
    )
    .await?;
    for (id, successor) in successors {
        organisation::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(id),
            successor_id: sea_orm::ActiveValue::Set(Some(successor)),
            ..Default::default()
        }
        .update(txn)
        .await?;
    }

    let mut previous: Option<respondents::RespondentStream> = None;
    let per_wave = respondents::respondents_per_wave(options.respondents);
    for (wave, count) in respondents::WAVES.into_iter().zip(per_wave) {
        let (survey, questions) = waves::survey(&wave);
        summary.questions += questions.len();
        insert(txn, vec![survey]).await?;
        insert(txn, questions).await?;
        let mut people = respondents::RespondentStream::new(
            seed,
            wave,
            count,
            &organisations,
            by_region.clone(),
        );
        if let Some(previous) = &previous {
            people = people.after(previous);
        }
        loop {
            let (batch, answers) = people.next_batch(2_000);
            if batch.is_empty() {
                break;
            }
            summary.respondents += batch.len();
            summary.answers += answers.len();
            let n = batch.len() as u64;
            insert(txn, batch).await?;
            insert(txn, answers).await?;
            if let Some(bar) = progress {
                bar.inc(n);
            }
        }
        previous = Some(people);
    }

    let (interviews, findings) = generate::interviews(seed);
    summary.interviews = interviews.len();
    summary.findings = findings.len();
    insert(txn, interviews).await?;
    let finding_rows = findings.clone();
    insert(txn, findings).await?;

    let (collaborations, links, themes) = generate::collaborations(seed, &organisations);
    summary.collaborations = collaborations.len();
    insert(txn, collaborations).await?;
    insert(txn, links).await?;
    let theme_links = themes.clone();
    insert(txn, themes).await?;
    summary.guidance = guidance::write(txn, &finding_rows, &theme_links).await?;

    let description = format!(
        "Synthetic demo dataset (seed {seed}): the five real partner areas with invented organisations, \
         {} respondents in two survey waves (2025 and 2026), answers, interview quotes and \
         collaboration examples. Not research data.",
        options.respondents
    );
    let meta = [
        ("synthetic", "true".to_owned()),
        ("seed", seed.to_string()),
        ("description", description),
    ];
    insert(
        txn,
        meta.into_iter()
            .map(|(key, value)| dataset_meta::Model {
                key: key.into(),
                value,
            })
            .collect(),
    )
    .await?;
    Ok(summary)
}

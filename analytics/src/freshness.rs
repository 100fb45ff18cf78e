//! How fresh the registry is, per area: of the organisations not closed, how many had
//! their entry checked in the last 12 months, and how far the private links the
//! editors sent them got (made, opened, answered). Counts of organisations, not people:
//! nothing to suppress.

use polars::prelude::*;

use crate::{
    GroupKeys, Grouping, Inputs, Result,
    columns::counts,
    filter::{check_grouping, keys_of, only},
};

/// Organisations founded and closed in one year, in one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFlowRow {
    /// The group (e.g. the country).
    pub keys: GroupKeys,
    /// Year.
    pub year: i32,
    /// Organisations founded that year (their founding year known).
    pub founded: u64,
    /// Organisations closed that year (status closed, closing year known).
    pub closed: u64,
}

/// The registry's freshness in one area.
#[derive(Debug, Clone, PartialEq)]
pub struct FreshnessRow {
    /// The area.
    pub keys: GroupKeys,
    /// Organisations not closed.
    pub organisations: u64,
    /// Of them, checked in the 365 days up to `today`.
    pub verified: u64,
    /// Of them, sent a private link.
    pub linked: u64,
    /// Of them, with a link opened.
    pub opened: u64,
    /// Of them, with a link answered (confirmed, or corrections proposed).
    pub answered: u64,
}

impl FreshnessRow {
    /// `part` as a share of the organisations not closed (`None` when there are none).
    pub fn share(&self, part: u64) -> Option<f64> {
        (self.organisations > 0).then(|| part as f64 / self.organisations as f64)
    }
}

impl Inputs {
    /// The registry's freshness per group of `by` (country, region and/or
    /// municipality), in key order; `today` ends "the last 12 months", in days since 1
    /// January of year 1.
    pub fn freshness(&self, by: &[Grouping], today: i32) -> Result<Vec<FreshnessRow>> {
        only(
            by,
            &[Grouping::Country, Grouping::Region, Grouping::Municipality],
            "freshness",
        )?;
        let keys = check_grouping(by, &self.organisations, "the registry")?;
        let recently = col("verified_day")
            .is_not_null()
            .and(col("verified_day").gt_eq(lit(today - 365)))
            .and(col("verified_day").lt_eq(lit(today)));
        let at_least = |stage: u8| {
            col("link_stage")
                .gt_eq(lit(stage))
                .cast(DataType::UInt32)
                .sum()
        };
        let mut frame = self
            .organisations
            .clone()
            .lazy()
            .filter(col("status").neq(lit("CLOSED")))
            .group_by(keys)
            .agg([
                len().alias("organisations"),
                recently.cast(DataType::UInt32).sum().alias("verified"),
                at_least(1).alias("linked"),
                at_least(2).alias("opened"),
                at_least(3).alias("answered"),
            ])
            .collect()?;
        let order: Vec<PlSmallStr> = by.iter().map(|g| g.column().into()).collect();
        if !order.is_empty() {
            frame = frame.sort(order, SortMultipleOptions::default())?;
        }
        let mut rows = Vec::with_capacity(frame.height());
        for (((((keys, organisations), verified), linked), opened), answered) in
            keys_of(&frame, by)?
                .into_iter()
                .zip(counts(&frame, "organisations")?)
                .zip(counts(&frame, "verified")?)
                .zip(counts(&frame, "linked")?)
                .zip(counts(&frame, "opened")?)
                .zip(counts(&frame, "answered")?)
        {
            rows.push(FreshnessRow {
                keys,
                organisations,
                verified,
                linked,
                opened,
                answered,
            });
        }
        Ok(rows)
    }
}

impl Inputs {
    /// Organisations founded and closed per year in each group of `by` (country and/or
    /// region), in key and year order; a year with neither is left out.
    pub fn registry_years(&self, by: &[Grouping]) -> Result<Vec<YearFlowRow>> {
        only(
            by,
            &[Grouping::Country, Grouping::Region],
            "the registry years",
        )?;
        let keys = check_grouping(by, &self.organisations, "the registry")?;
        let count_by = |year: &str, only_closed: bool| -> Result<Vec<(GroupKeys, i32, u64)>> {
            let mut group = keys.clone();
            group.push(col(year).alias("year"));
            let mut frame = self
                .organisations
                .clone()
                .lazy()
                .filter(col(year).is_not_null());
            if only_closed {
                frame = frame.filter(col("status").eq(lit("CLOSED")));
            }
            let frame = frame.group_by(group).agg([len().alias("n")]).collect()?;
            Ok(keys_of(&frame, by)?
                .into_iter()
                .zip(crate::columns::ints(&frame, "year")?)
                .zip(counts(&frame, "n")?)
                .filter_map(|((k, y), n)| Some((k, i32::try_from(y?).ok()?, n)))
                .collect())
        };
        let mut rows: std::collections::BTreeMap<(GroupKeys, i32), (u64, u64)> =
            std::collections::BTreeMap::new();
        for (k, year, n) in count_by("founded_year", false)? {
            rows.entry((k, year)).or_default().0 += n;
        }
        for (k, year, n) in count_by("closed_year", true)? {
            rows.entry((k, year)).or_default().1 += n;
        }
        Ok(rows
            .into_iter()
            .map(|((keys, year), (founded, closed))| YearFlowRow {
                keys,
                year,
                founded,
                closed,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        OrganisationKind,
        tables::{OrganisationTable, RegionTable},
    };

    /// Six organisations of two regions, counted by hand.
    #[test]
    fn counts_the_organisations_not_closed_by_how_far_they_got() {
        let today = 739_000;
        let mut o = OrganisationTable::default();
        // region, status, verified (days ago), link stage
        let rows = [
            ("LV-TALSI", "ACTIVE", Some(10), 3),
            ("LV-TALSI", "ACTIVE", Some(400), 2),
            ("LV-TALSI", "DORMANT", None, 1),
            ("LV-TALSI", "CLOSED", Some(5), 3),
            ("PT-BRAGA", "ACTIVE", Some(365), 0),
            ("PT-BRAGA", "ACTIVE", Some(-1), 0),
        ];
        for (region, status, ago, stage) in rows {
            o.country.push(region[..2].to_owned());
            o.region.push(region.to_owned());
            o.kind.push(OrganisationKind::Ngo);
            o.status.push(status.to_owned());
            o.closed_year.push(None);
            o.verified_day.push(ago.map(|a: i32| today - a));
            o.municipality.push(None);
            o.link_stage.push(stage);
        }
        let mut regions = RegionTable::default();
        for (code, country) in [("LV-TALSI", "LV"), ("PT-BRAGA", "PT")] {
            regions.code.push(code.to_owned());
            regions.country.push(country.to_owned());
            regions.population.push(1000);
        }
        let inputs = Inputs::new(
            Default::default(),
            Default::default(),
            Default::default(),
            o,
            regions,
            Vec::new(),
        )
        .expect("inputs");
        let rows = inputs
            .freshness(&[Grouping::Region], today)
            .expect("freshness");
        let got: Vec<(Option<&str>, [u64; 5])> = rows
            .iter()
            .map(|r| {
                (
                    r.keys.region.as_deref(),
                    [r.organisations, r.verified, r.linked, r.opened, r.answered],
                )
            })
            .collect();
        // Talsi: 3 not closed; checked 10 days ago (not 400); links 3, 2, 1.
        // Braga: 2; checked 365 days ago counts, a day in the future does not.
        assert_eq!(
            got,
            [
                (Some("LV-TALSI"), [3, 1, 3, 2, 1]),
                (Some("PT-BRAGA"), [2, 1, 0, 0, 0]),
            ]
        );
        assert_eq!(rows[0].share(rows[0].opened), Some(2.0 / 3.0));
        assert!(inputs.freshness(&[Grouping::Role], today).is_err());
    }
}

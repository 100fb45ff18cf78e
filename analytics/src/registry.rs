//! The registry per region or country: active organisations per 10,000 inhabitants,
//! the mix of kinds, closures, and how much of it was checked in the last year.
//! Organisations are not people, so nothing here is suppressed.

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::{
    Result,
    columns::{counts, ints, strs},
    filter::{GroupKeys, Grouping, check_grouping, keys_of, only},
    tables::Inputs,
};

/// Organisations of one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct KindCount {
    /// Kind code.
    pub kind: String,
    /// Active organisations of this kind.
    pub count: u64,
    /// Share of the active organisations.
    pub share: f64,
}

/// Closures in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearCount {
    /// Year.
    pub year: i32,
    /// Organisations closed that year.
    pub count: u64,
}

/// The registry of one region or country.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistryRow {
    /// Grouping keys (country and/or region).
    pub keys: GroupKeys,
    /// Inhabitants.
    pub population: i64,
    /// Organisations in the registry.
    pub organisations: u64,
    /// Active ones.
    pub active: u64,
    /// Dormant ones.
    pub dormant: u64,
    /// Closed ones.
    pub closed: u64,
    /// Active organisations per 10,000 inhabitants.
    pub active_per_10k: Option<f64>,
    /// Closed as a share of all.
    pub closure_rate: f64,
    /// Closures per year, oldest first.
    pub closures_per_year: Vec<YearCount>,
    /// Kinds of the active organisations.
    pub kinds: Vec<KindCount>,
    /// Share of the organisations not closed whose entry was checked in the 365 days up to `today`.
    pub verified_share: Option<f64>,
}

impl Inputs {
    /// Registry statistics per group of `by` (country and/or region); `today` is the day
    /// "the last 12 months" end, in days since 1 January of year 1.
    pub fn registry_stats(&self, by: &[Grouping], today: i32) -> Result<Vec<RegistryRow>> {
        only(
            by,
            &[Grouping::Country, Grouping::Region, Grouping::Municipality],
            "the registry",
        )?;
        let keys = check_grouping(by, &self.organisations, "the registry")?;
        let cutoff = today - 365;
        let recently = col("verified_day")
            .is_not_null()
            .and(col("verified_day").gt_eq(lit(cutoff)))
            .and(col("verified_day").lt_eq(lit(today)));
        let mut group = keys.clone();
        group.extend([col("status"), col("kind")]);
        let by_status = self
            .organisations
            .clone()
            .lazy()
            .group_by(group)
            .agg([
                len().alias("count"),
                recently
                    .clone()
                    .cast(DataType::UInt32)
                    .sum()
                    .alias("verified"),
            ])
            .collect()?;
        let mut rows: BTreeMap<GroupKeys, RegistryRow> = BTreeMap::new();
        let mut verified: BTreeMap<GroupKeys, (u64, u64)> = BTreeMap::new();
        let mut kinds: BTreeMap<GroupKeys, BTreeMap<String, u64>> = BTreeMap::new();
        for ((((keys, status), kind), count), checked) in keys_of(&by_status, by)?
            .into_iter()
            .zip(strs(&by_status, "status")?)
            .zip(strs(&by_status, "kind")?)
            .zip(counts(&by_status, "count")?)
            .zip(counts(&by_status, "verified")?)
        {
            let row = rows
                .entry(keys.clone())
                .or_insert_with(|| empty_row(keys.clone()));
            row.organisations += count;
            match status.as_deref() {
                Some("ACTIVE") => {
                    row.active += count;
                    *kinds
                        .entry(keys.clone())
                        .or_default()
                        .entry(kind.unwrap_or_default())
                        .or_default() += count;
                }
                Some("DORMANT") => row.dormant += count,
                Some("CLOSED") => row.closed += count,
                _ => {}
            }
            if status.as_deref() != Some("CLOSED") {
                let entry = verified.entry(keys).or_default();
                entry.0 += checked;
                entry.1 += count;
            }
        }
        let mut year_group = keys.clone();
        year_group.push(col("closed_year"));
        let closures = self
            .organisations
            .clone()
            .lazy()
            .filter(
                col("status")
                    .eq(lit("CLOSED"))
                    .and(col("closed_year").is_not_null()),
            )
            .group_by(year_group)
            .agg([len().alias("count")])
            .collect()?;
        for ((keys, year), count) in keys_of(&closures, by)?
            .into_iter()
            .zip(ints(&closures, "closed_year")?)
            .zip(counts(&closures, "count")?)
        {
            if let (Some(row), Some(year)) = (rows.get_mut(&keys), year) {
                row.closures_per_year.push(YearCount {
                    year: year as i32,
                    count,
                });
            }
        }
        // Per municipality, its own population (unknown where no source gives one).
        let areas = if by.contains(&Grouping::Municipality) {
            &self.municipalities
        } else {
            &self.regions
        };
        let population = areas
            .clone()
            .lazy()
            .group_by(keys)
            .agg([col("population").sum().alias("population")])
            .collect()?;
        let people: BTreeMap<GroupKeys, i64> = keys_of(&population, by)?
            .into_iter()
            .zip(ints(&population, "population")?)
            .map(|(k, p)| (k, p.unwrap_or_default()))
            .collect();
        Ok(rows
            .into_iter()
            .map(|(keys, mut row)| {
                row.population = people.get(&keys).copied().unwrap_or_default();
                row.active_per_10k = (row.population > 0)
                    .then(|| row.active as f64 * 10_000.0 / row.population as f64);
                row.closure_rate = if row.organisations > 0 {
                    row.closed as f64 / row.organisations as f64
                } else {
                    0.0
                };
                row.closures_per_year.sort_by_key(|y| y.year);
                row.kinds = kinds
                    .remove(&keys)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(kind, count)| KindCount {
                        kind,
                        count,
                        share: count as f64 / row.active.max(1) as f64,
                    })
                    .collect();
                row.verified_share = verified
                    .get(&keys)
                    .filter(|(_, all)| *all > 0)
                    .map(|(yes, all)| *yes as f64 / *all as f64);
                row
            })
            .collect())
    }
}

fn empty_row(keys: GroupKeys) -> RegistryRow {
    RegistryRow {
        keys,
        population: 0,
        organisations: 0,
        active: 0,
        dormant: 0,
        closed: 0,
        active_per_10k: None,
        closure_rate: 0.0,
        closures_per_year: Vec::new(),
        kinds: Vec::new(),
        verified_share: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OrganisationKind;
    use crate::tables::{OrganisationTable, RegionTable};

    #[test]
    fn registry_figures_match_the_hand_computation() {
        // Region X (LT, 20,000 inhabitants): 2 active NGOs (one checked 10 days ago, one
        // 400 days ago), 1 dormant club (never checked), 3 closed (2020, 2020, 2021).
        // active per 10k = 2 * 10000 / 20000 = 1; closure rate 3/6; verified 1 of 3.
        let today = 739_000;
        let mut o = OrganisationTable::default();
        let mut add =
            |kind: OrganisationKind, status: &str, closed: Option<i32>, verified: Option<i32>| {
                o.country.push("LT".into());
                o.region.push("LT-X".into());
                o.kind.push(kind);
                o.status.push(status.into());
                o.closed_year.push(closed);
                o.verified_day.push(verified);
            };
        add(OrganisationKind::Ngo, "ACTIVE", None, Some(today - 10));
        add(OrganisationKind::Ngo, "ACTIVE", None, Some(today - 400));
        add(OrganisationKind::YouthAssociation, "DORMANT", None, None);
        add(OrganisationKind::Ngo, "CLOSED", Some(2020), Some(today - 5));
        add(OrganisationKind::Ngo, "CLOSED", Some(2020), None);
        add(
            OrganisationKind::YouthAssociation,
            "CLOSED",
            Some(2021),
            None,
        );
        let regions = RegionTable {
            code: vec!["LT-X".into()],
            country: vec!["LT".into()],
            population: vec![20_000],
        };
        let inputs = Inputs::new(
            Default::default(),
            Default::default(),
            Default::default(),
            o,
            regions,
            Vec::new(),
        )
        .expect("frames");
        let rows = inputs
            .registry_stats(&[Grouping::Country], today)
            .expect("rows");
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(
            (row.organisations, row.active, row.dormant, row.closed),
            (6, 2, 1, 3)
        );
        assert_eq!(row.active_per_10k, Some(1.0));
        assert_eq!(row.closure_rate, 0.5);
        assert_eq!(
            row.closures_per_year,
            vec![
                YearCount {
                    year: 2020,
                    count: 2
                },
                YearCount {
                    year: 2021,
                    count: 1
                }
            ]
        );
        assert_eq!(
            row.kinds,
            vec![KindCount {
                kind: "NGO".into(),
                count: 2,
                share: 1.0
            }]
        );
        assert_eq!(row.verified_share, Some(1.0 / 3.0));
        assert!(inputs.registry_stats(&[Grouping::Role], today).is_err());
    }

    #[test]
    fn per_municipality_divides_by_its_own_population() {
        // Municipality A (5,000 inhabitants): 3 active, 1 closed; B (population unknown):
        // 1 active; one organisation without a municipality, active.
        // A: active per 10k = 3 * 10000 / 5000 = 6, closure rate 1/4; B: rate unknown.
        let mut o = OrganisationTable::default();
        for (municipality, status) in [
            (Some("A"), "ACTIVE"),
            (Some("A"), "ACTIVE"),
            (Some("A"), "ACTIVE"),
            (Some("A"), "CLOSED"),
            (Some("B"), "ACTIVE"),
            (None, "ACTIVE"),
        ] {
            o.country.push("SE".into());
            o.region.push("SE-R".into());
            o.kind.push(OrganisationKind::Ngo);
            o.status.push(status.into());
            o.closed_year.push((status == "CLOSED").then_some(2022));
            o.verified_day.push(None);
            o.municipality.push(municipality.map(str::to_owned));
        }
        let regions = RegionTable {
            code: vec!["SE-R".into()],
            country: vec!["SE".into()],
            population: vec![100_000],
        };
        let inputs = Inputs::new(
            Default::default(),
            Default::default(),
            Default::default(),
            o,
            regions,
            Vec::new(),
        )
        .and_then(|i| {
            i.with_municipalities(crate::MunicipalityTable {
                code: vec!["A".into(), "B".into()],
                region: vec!["SE-R".into(), "SE-R".into()],
                country: vec!["SE".into(), "SE".into()],
                population: vec![Some(5_000), None],
            })
        })
        .expect("frames");
        let rows = inputs
            .registry_stats(&[Grouping::Municipality], 739_000)
            .expect("rows");
        let by_code = |code: Option<&str>| {
            rows.iter()
                .find(|r| r.keys.municipality.as_deref() == code)
                .unwrap_or_else(|| panic!("a row for {code:?}"))
        };
        let a = by_code(Some("A"));
        assert_eq!((a.organisations, a.active, a.closed), (4, 3, 1));
        assert_eq!(a.population, 5_000);
        assert_eq!(a.active_per_10k, Some(6.0));
        assert_eq!(a.closure_rate, 0.25);
        let b = by_code(Some("B"));
        assert_eq!((b.active, b.active_per_10k), (1, None));
        assert_eq!(by_code(None).active, 1, "the unplaced organisations");
        assert_eq!(rows.len(), 3);
    }
}

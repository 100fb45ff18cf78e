//! Filters and groupings shared by the comparisons.

use polars::prelude::*;

use std::collections::{BTreeMap, BTreeSet};

use crate::{
    columns::{counts, distinct},
    error::{Error, Result},
    vocab::{OrganisationKind, Role},
};

/// The columns filters restrict, in the order their lists are checked.
pub(crate) const FILTERED: [&str; 6] = [
    "country",
    "region",
    "role",
    "organisation_kind",
    "survey",
    "municipality",
];

/// The distinct values of a frame's filtered columns, found once per data version, so
/// that checking a filter's values costs a lookup, not a scan of every row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct KnownValues(BTreeMap<&'static str, BTreeSet<String>>);

impl KnownValues {
    /// The values of each filtered column `frame` has.
    pub(crate) fn of(frame: &DataFrame) -> Result<Self> {
        let mut known = BTreeMap::new();
        for column in FILTERED {
            if frame.column(column).is_ok() {
                known.insert(column, distinct(frame, column)?);
            }
        }
        Ok(Self(known))
    }

    /// The values of `column`, if the frame has it.
    pub(crate) fn get(&self, column: &str) -> Option<&BTreeSet<String>> {
        self.0.get(column)
    }
}

/// A key to group people (or findings, or organisations) by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grouping {
    /// ISO country code.
    Country,
    /// Region code.
    Region,
    /// Role in which a person answered (or was interviewed).
    Role,
    /// Kind of the organisation a person represents.
    OrganisationKind,
    /// Municipality (or district) code; people and organisations without one form a
    /// group of their own.
    Municipality,
    /// Survey code: one wave of the survey against another.
    Survey,
}

impl Grouping {
    /// The column that holds this key.
    pub fn column(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Region => "region",
            Self::Role => "role",
            Self::OrganisationKind => "organisation_kind",
            Self::Municipality => "municipality",
            Self::Survey => "survey",
        }
    }
}

/// The values of the grouping keys of one row; `None` where not grouped by that key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupKeys {
    /// Country code.
    pub country: Option<String>,
    /// Region code.
    pub region: Option<String>,
    /// Role.
    pub role: Option<Role>,
    /// Organisation kind.
    pub organisation_kind: Option<OrganisationKind>,
    /// Municipality code.
    pub municipality: Option<String>,
    /// Survey code.
    pub survey: Option<String>,
}

impl GroupKeys {
    pub(crate) fn set(&mut self, grouping: Grouping, value: Option<String>) {
        match grouping {
            Grouping::Country => self.country = value,
            Grouping::Region => self.region = value,
            Grouping::Role => self.role = value.as_deref().and_then(Role::parse),
            Grouping::OrganisationKind => {
                self.organisation_kind = value.as_deref().and_then(OrganisationKind::parse);
            }
            Grouping::Municipality => self.municipality = value,
            Grouping::Survey => self.survey = value,
        }
    }

    pub(crate) fn get(&self, grouping: Grouping) -> Option<&str> {
        match grouping {
            Grouping::Country => self.country.as_deref(),
            Grouping::Region => self.region.as_deref(),
            Grouping::Role => self.role.map(Role::code),
            Grouping::OrganisationKind => self.organisation_kind.map(OrganisationKind::code),
            Grouping::Municipality => self.municipality.as_deref(),
            Grouping::Survey => self.survey.as_deref(),
        }
    }

    /// The keys along `by`, in that order, for suppression.
    pub(crate) fn along(&self, by: &[Grouping]) -> Vec<Option<String>> {
        by.iter().map(|g| self.get(*g).map(str::to_owned)).collect()
    }
}

/// Which rows a comparison uses; empty lists mean no restriction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Country codes.
    pub countries: Vec<String>,
    /// Region codes.
    pub regions: Vec<String>,
    /// Roles.
    pub roles: Vec<Role>,
    /// Organisation kinds.
    pub organisation_kinds: Vec<OrganisationKind>,
    /// Survey codes.
    pub surveys: Vec<String>,
    /// Municipality codes.
    pub municipalities: Vec<String>,
}

impl Filter {
    /// Checks every value against the values a frame holds (`known`) and returns the
    /// polars predicate. Columns the frame does not have (e.g. `survey` on findings) are
    /// rejected when filtered on.
    pub(crate) fn predicate(&self, known: &KnownValues, what: &str) -> Result<Expr> {
        Ok(self
            .parts(known, what)?
            .into_iter()
            .fold(lit(true), |predicate, (_, part)| predicate.and(part)))
    }

    /// The predicate of each list that restricts something, with its column.
    fn parts(&self, known: &KnownValues, what: &str) -> Result<Vec<(&'static str, Expr)>> {
        let mut parts = Vec::new();
        // Errors name the column, which is the domain's name of the field.
        let roles: Vec<String> = self.roles.iter().map(|r| r.code().to_owned()).collect();
        let kinds: Vec<String> = (self.organisation_kinds.iter())
            .map(|k| k.code().to_owned())
            .collect();
        let lists: [&[String]; 6] = [
            &self.countries,
            &self.regions,
            &roles,
            &kinds,
            &self.surveys,
            &self.municipalities,
        ];
        for (values, column) in lists.into_iter().zip(FILTERED) {
            let field = column;
            if values.is_empty() {
                continue;
            }
            let Some(known) = known.get(column) else {
                return Err(Error::Unsupported {
                    field: field.to_owned(),
                    message: format!("{what} cannot be filtered by this"),
                });
            };
            // Each value once: a list that repeats one value does no more work, and one
            // longer than what the data holds has an unknown value and is refused.
            let values: BTreeSet<&String> = values.iter().collect();
            let mut any = lit(false);
            for value in values {
                if !known.contains(value) {
                    return Err(Error::UnknownValue {
                        field: field.to_owned(),
                        value: value.clone(),
                        valid: known.iter().cloned().collect(),
                    });
                }
                any = any.or(col(column).eq(lit(value.clone())));
            }
            parts.push((column, any));
        }
        Ok(parts)
    }

    /// Query-set-size control against differencing. k-suppression hides a small group
    /// in one answer, but two answers can reveal it by subtraction: the same comparison
    /// with a filter and without it (all organisation kinds minus all but one kind). So,
    /// for every group of `by` and every list of the filter, the people the list leaves
    /// out (those the comparison would count without that list, less those it counts
    /// with it) must be none or at least `k`, unless the list leaves the group empty
    /// (nothing to subtract from); otherwise the request is refused, naming the list.
    /// `cells` holds groups of people with their number in `people` (each person in
    /// one group), `known` the values of its filtered columns.
    pub(crate) fn check_set_size(
        &self,
        cells: &DataFrame,
        known: &KnownValues,
        what: &str,
        by: &[Grouping],
        k: u64,
    ) -> Result<()> {
        let parts = self.parts(known, what)?;
        if parts.is_empty() || k <= 1 {
            return Ok(());
        }
        let people = |skip: Option<usize>| -> Result<BTreeMap<GroupKeys, u64>> {
            let predicate = (parts.iter().enumerate())
                .filter(|(i, _)| Some(*i) != skip)
                .fold(lit(true), |p, (_, (_, part))| p.and(part.clone()));
            let selected = cells.clone().lazy().filter(predicate);
            let n = col("people").sum().alias("n");
            let counted = if by.is_empty() {
                selected.select([n])
            } else {
                selected
                    .group_by(by.iter().map(|g| col(g.column())).collect::<Vec<_>>())
                    .agg([n])
            }
            .collect()?;
            Ok(keys_of(&counted, by)?
                .into_iter()
                .zip(counts(&counted, "n")?)
                .collect())
        };
        let counted = people(None)?;
        for (d, (column, _)) in parts.iter().enumerate() {
            for (group, without) in people(Some(d))? {
                // A group the filter empties shows nothing to subtract from.
                let with = counted.get(&group).copied().unwrap_or(0);
                let left_out = without.saturating_sub(with);
                if with > 0 && (1..k).contains(&left_out) {
                    let named: Vec<&str> = by.iter().filter_map(|g| group.get(*g)).collect();
                    let within = if named.is_empty() {
                        String::new()
                    } else {
                        format!(" in the group {}", named.join(" / "))
                    };
                    return Err(Error::Unsupported {
                        field: (*column).to_owned(),
                        message: format!(
                            "this list leaves out fewer than k = {k} people{within}, whose figures \
                             could be found by difference with the same comparison without it; \
                             widen the list or drop it"
                        ),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Checks that `by` lists each key once and that `frame` has the keys.
/// Refuses a grouping of `by` outside `allowed`, saying what `what` may be grouped by.
pub(crate) fn only(by: &[Grouping], allowed: &[Grouping], what: &str) -> Result<()> {
    let Some(bad) = by.iter().find(|g| !allowed.contains(g)) else {
        return Ok(());
    };
    let names: Vec<String> = allowed
        .iter()
        .map(|g| format!("{g:?}").to_uppercase())
        .collect();
    let listed = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    Err(Error::Unsupported {
        field: "by".into(),
        message: format!("{what} can be grouped by {listed}, not {bad:?}"),
    })
}

pub(crate) fn check_grouping(by: &[Grouping], frame: &DataFrame, what: &str) -> Result<Vec<Expr>> {
    let mut seen = Vec::new();
    for g in by {
        if seen.contains(g) {
            return Err(Error::Unsupported {
                field: "by".into(),
                message: format!("{g:?} is listed twice"),
            });
        }
        if frame.column(g.column()).is_err() {
            return Err(Error::Unsupported {
                field: "by".into(),
                message: format!("{what} cannot be grouped by {g:?}"),
            });
        }
        seen.push(*g);
    }
    Ok(by.iter().map(|g| col(g.column())).collect())
}

/// The grouping keys of every row of `frame`.
pub(crate) fn keys_of(frame: &DataFrame, by: &[Grouping]) -> Result<Vec<GroupKeys>> {
    let mut keys = vec![GroupKeys::default(); frame.height()];
    for g in by {
        for (row, value) in keys
            .iter_mut()
            .zip(crate::columns::strs(frame, g.column())?)
        {
            row.set(*g, value);
        }
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grouping_outside_the_allowed_ones_is_named_with_them() {
        let allowed = [Grouping::Country, Grouping::Region, Grouping::Municipality];
        assert!(only(&[Grouping::Region], &allowed, "the registry").is_ok());
        let error = only(&[Grouping::Role], &allowed, "the registry").unwrap_err();
        assert_eq!(
            error.to_string(),
            Error::Unsupported {
                field: "by".into(),
                message:
                    "the registry can be grouped by COUNTRY, REGION and MUNICIPALITY, not Role"
                        .into(),
            }
            .to_string()
        );
        let two = only(
            &[Grouping::Municipality],
            &allowed[..2],
            "the registry years",
        )
        .unwrap_err();
        assert!(
            two.to_string()
                .contains("by COUNTRY and REGION, not Municipality"),
            "{two}"
        );
    }
}

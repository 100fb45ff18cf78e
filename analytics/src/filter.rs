//! Filters and groupings shared by the comparisons.

use polars::prelude::*;

use crate::{
    error::{Error, Result},
    tables::distinct,
    vocab::{OrganisationKind, Role},
};

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
}

impl Grouping {
    /// The column that holds this key.
    pub fn column(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Region => "region",
            Self::Role => "role",
            Self::OrganisationKind => "organisation_kind",
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
        }
    }

    pub(crate) fn get(&self, grouping: Grouping) -> Option<&str> {
        match grouping {
            Grouping::Country => self.country.as_deref(),
            Grouping::Region => self.region.as_deref(),
            Grouping::Role => self.role.map(Role::code),
            Grouping::OrganisationKind => self.organisation_kind.map(OrganisationKind::code),
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
}

impl Filter {
    /// Checks every value against `frame` and returns the polars predicate. Columns the
    /// frame does not have (e.g. `survey` on findings) are rejected when filtered on.
    pub(crate) fn predicate(&self, frame: &DataFrame, what: &str) -> Result<Expr> {
        let mut predicate = lit(true);
        // Errors name the column, which is the domain's name of the field.
        let roles: Vec<String> = self.roles.iter().map(|r| r.code().to_owned()).collect();
        let kinds: Vec<String> = (self.organisation_kinds.iter())
            .map(|k| k.code().to_owned())
            .collect();
        let lists: [(&[String], &str); 5] = [
            (&self.countries, "country"),
            (&self.regions, "region"),
            (&roles, "role"),
            (&kinds, "organisation_kind"),
            (&self.surveys, "survey"),
        ];
        for (values, column) in lists {
            let field = column;
            if values.is_empty() {
                continue;
            }
            if frame.column(column).is_err() {
                return Err(Error::Unsupported {
                    field: field.to_owned(),
                    message: format!("{what} cannot be filtered by this"),
                });
            }
            let known = distinct(frame, column)?;
            // Each value once: a list that repeats one value does no more work, and one
            // longer than what the data holds has an unknown value and is refused.
            let values: std::collections::BTreeSet<&String> = values.iter().collect();
            let mut any = lit(false);
            for value in values {
                if !known.contains(value) {
                    return Err(Error::UnknownValue {
                        field: field.to_owned(),
                        value: value.clone(),
                        valid: known.into_iter().collect(),
                    });
                }
                any = any.or(col(column).eq(lit(value.clone())));
            }
            predicate = predicate.and(any);
        }
        Ok(predicate)
    }
}

/// Checks that `by` lists each key once and that `frame` has the keys.
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
        for (row, value) in keys.iter_mut().zip(crate::tables::strs(frame, g.column())?) {
            row.set(*g, value);
        }
    }
    Ok(keys)
}

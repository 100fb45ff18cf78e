//! Charts and pages of the cross-country comparisons.

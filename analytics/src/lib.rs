//! Cross-country comparisons of the survey, interview and registry data.

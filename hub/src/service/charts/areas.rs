//! The registry's charts by area: how fresh the registry is, per region or per
//! municipality of the countries chosen.

use analytics::Grouping;
use dashboard::{Chart, Texts, chart};

use super::View;
use crate::{
    error::{Error, Result},
    service::frames::{Frames, today},
};

/// The freshness chart: per region, or with countries chosen per municipality of them
/// (named as the areas file names them; organisations without one last).
pub(super) fn freshness(frames: &Frames, view: &View) -> Result<Chart> {
    let inputs = &frames.inputs;
    if view.countries.is_empty() {
        let rows = inputs.freshness(&[Grouping::Country, Grouping::Region], today())?;
        let mut named: Vec<(String, String, analytics::FreshnessRow)> = rows
            .into_iter()
            .map(|r| {
                let code = r.keys.region.clone().unwrap_or_default();
                (code.clone(), code, r)
            })
            .collect();
        named.sort_by_key(|(_, _, r)| {
            (
                chart::country_rank(r.keys.country.as_deref().unwrap_or("")),
                r.keys.region.clone(),
            )
        });
        return Ok(Chart::Freshness(chart::Freshness::new(named, "region")));
    }
    let rows = inputs.freshness(&[Grouping::Country, Grouping::Municipality], today())?;
    let known: Vec<String> = rows.iter().filter_map(|r| r.keys.country.clone()).collect();
    if let Some(bad) = view.countries.iter().find(|c| !known.contains(c)) {
        return Err(Error::bad_input(
            "country",
            format!("unknown value {bad:?}; valid: {}", known.join(", ")),
        ));
    }
    let names = &frames.labels.municipalities;
    let none = view.lang.t("no_municipality");
    let mut named: Vec<(String, String, analytics::FreshnessRow)> = (rows.into_iter())
        .filter(|r| (r.keys.country.as_ref()).is_some_and(|c| view.countries.contains(c)))
        .map(|r| {
            let code = r.keys.municipality.clone().unwrap_or_default();
            let name = match &r.keys.municipality {
                Some(m) => names.get(m).cloned().unwrap_or_else(|| m.clone()),
                None => none.to_owned(),
            };
            (code, name, r)
        })
        .collect();
    named.sort_by(|a, b| (a.0.is_empty(), &a.1).cmp(&(b.0.is_empty(), &b.1)));
    Ok(Chart::Freshness(chart::Freshness::new(
        named,
        "municipality",
    )))
}

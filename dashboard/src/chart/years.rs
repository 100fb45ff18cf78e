//! Organisations founded and closed per year, by country: one line per country in two
//! panels (foundings, closures) over the same years.

use crate::i18n::Texts;
use std::collections::BTreeMap;

use analytics::YearFlowRow;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    AXIS, ChartName, Context, Figure, Table, country_rank,
    paint::{Anchor, Painter, WIDTH},
    palette::{self, GRID, INK, MUTED},
    registry::nice_step,
};
use crate::error::Result;

const PLOT: f64 = 220.0;

/// Foundings and closures per year and country.
#[derive(Debug, Clone)]
pub struct RegistryYears {
    countries: Vec<String>,
    years: (i32, i32),
    /// (country, year) → (founded, closed).
    counts: BTreeMap<(String, i32), (u64, u64)>,
}

impl RegistryYears {
    /// Rows grouped by country.
    pub fn new(rows: &[YearFlowRow]) -> Self {
        let mut countries: Vec<String> =
            rows.iter().filter_map(|r| r.keys.country.clone()).collect();
        countries.sort_by_key(|c| country_rank(c));
        countries.dedup();
        let first = rows.iter().map(|r| r.year).min().unwrap_or(2000);
        let last = rows.iter().map(|r| r.year).max().unwrap_or(first);
        let counts = rows
            .iter()
            .map(|r| {
                (
                    (r.keys.country.clone().unwrap_or_default(), r.year),
                    (r.founded, r.closed),
                )
            })
            .collect();
        Self {
            countries,
            years: (first, last.max(first + 1)),
            counts,
        }
    }

    fn count(&self, country: &str, year: i32, closed: bool) -> u64 {
        (self.counts.get(&(country.to_owned(), year)))
            .map_or(0, |(f, c)| if closed { *c } else { *f })
    }

    fn total(&self, closed: bool) -> u64 {
        self.counts
            .values()
            .map(|(f, c)| if closed { c } else { f })
            .sum()
    }

    fn panel<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        (x0, x1): (f64, f64),
        (top, bottom): (f64, f64),
        closed: bool,
        caption: &str,
        max: u64,
    ) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let (first, last) = self.years;
        let step = nice_step(max.max(1) as f64 * 1.1);
        let end = ((max.max(1) as f64 * 1.1) / step).ceil() * step;
        let x = |year: i32| x0 + f64::from(year - first) / f64::from(last - first) * (x1 - x0);
        let y = |v: f64| bottom - v / end * (bottom - top);
        let mut tick = 0.0;
        while tick <= end + step / 2.0 {
            p.line(&[(x0, y(tick)), (x1, y(tick))], GRID, 1.0)?;
            p.text(
                &format!("{tick:.0}"),
                (x0 - 4.0, y(tick)),
                10.0,
                MUTED,
                Anchor::Right,
            )?;
            tick += step;
        }
        let years_step = ((last - first) / 5).max(1);
        let mut year = first;
        while year <= last {
            p.text(
                &year.to_string(),
                (x(year), bottom + 10.0),
                10.0,
                MUTED,
                Anchor::Centre,
            )?;
            year += years_step;
        }
        p.text(
            caption,
            ((x0 + x1) / 2.0, bottom + 28.0),
            12.0,
            INK,
            Anchor::Centre,
        )?;
        for (i, country) in self.countries.iter().enumerate() {
            let points: Vec<(f64, f64)> = (first..=last)
                .map(|year| (x(year), y(self.count(country, year, closed) as f64)))
                .collect();
            p.line(&points, palette::category(i), 2.0)?;
        }
        Ok(())
    }
}

impl Figure for RegistryYears {
    fn name(&self) -> ChartName {
        ChartName::RegistryYears
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("registry_years_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        Some(format!(
            "{} · {}",
            cx.lang.t("founded_per_year"),
            cx.lang.t("closed_per_year")
        ))
    }

    fn describe(&self, cx: &Context) -> String {
        let parts: Vec<String> = self
            .countries
            .iter()
            .map(|c| {
                let (mut founded, mut closed) = (0, 0);
                for year in self.years.0..=self.years.1 {
                    founded += self.count(c, year, false);
                    closed += self.count(c, year, true);
                }
                cx.lang.fill(
                    "desc.registry-years.part",
                    &[
                        ("country", &cx.lang.term_or_code(c)),
                        ("founded", &founded),
                        ("closed", &closed),
                    ],
                )
            })
            .collect();
        cx.lang.fill(
            "desc.registry-years",
            &[
                ("from", &self.years.0),
                ("to", &self.years.1),
                ("parts", &parts.join("; ")),
            ],
        )
    }

    fn n(&self) -> u64 {
        self.total(false)
    }

    fn legend(&self, cx: &Context) -> Vec<(String, RGBColor)> {
        (self.countries.iter().enumerate())
            .map(|(i, c)| (cx.lang.term_or_code(c).to_owned(), palette::category(i)))
            .collect()
    }

    fn body_height(&self) -> f64 {
        PLOT + AXIS + 16.0
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let (top, bottom) = (top + 8.0, top + 8.0 + PLOT);
        let max = (self.counts.values())
            .map(|(f, c)| (*f).max(*c))
            .max()
            .unwrap_or(1);
        let mid = WIDTH / 2.0;
        self.panel(
            p,
            (56.0, mid - 24.0),
            (top, bottom),
            false,
            cx.lang.t("founded_per_year"),
            max,
        )?;
        self.panel(
            p,
            (mid + 40.0, WIDTH - 24.0),
            (top, bottom),
            true,
            cx.lang.t("closed_per_year"),
            max,
        )
    }

    fn table(&self, _cx: &Context) -> Table {
        Table {
            columns: vec!["country", "year", "founded", "closed"],
            rows: self
                .counts
                .iter()
                .map(|((country, year), (founded, closed))| {
                    vec![
                        country.as_str().into(),
                        u64::try_from(*year).unwrap_or_default().into(),
                        (*founded).into(),
                        (*closed).into(),
                    ]
                })
                .collect(),
        }
    }
}

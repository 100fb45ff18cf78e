//! How often each theme comes up in the interviews of each country, as a heatmap.

use crate::i18n::Texts;
use std::collections::BTreeMap;

use analytics::ThemeFrequencyRow;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    ChartName, Columns, Context, Figure, Table, country_rank,
    paint::{Anchor, Painter},
    palette::{self, INK, MUTED},
    percent,
};
use crate::error::Result;

const CELL: f64 = 34.0;
const HEAD: f64 = 40.0;

/// Findings per theme and country: counts, and shares of the country's findings.
#[derive(Debug, Clone)]
pub struct ThemeFrequency {
    themes: Vec<String>,
    countries: Vec<(String, u64)>,
    cells: BTreeMap<(String, String), (u64, f64)>,
}

impl ThemeFrequency {
    /// Rows grouped by country (theme frequency by `[COUNTRY]`).
    pub fn new(rows: &[ThemeFrequencyRow], cx: &Context) -> Self {
        let mut themes: Vec<String> = rows.iter().map(|r| r.theme.clone()).collect();
        themes.sort_by_key(|t| (cx.vocabulary.theme_rank(t), t.clone()));
        themes.dedup();
        let mut countries: Vec<(String, u64)> = rows
            .iter()
            .map(|r| (r.keys.country.clone().unwrap_or_default(), r.group_total))
            .collect();
        countries.sort_by_key(|(c, _)| country_rank(c));
        countries.dedup();
        // The rows hold each theme's total and then its sub-codes; a cell is the total.
        let cells = rows
            .iter()
            .filter(|r| r.sub_code.is_none())
            .map(|r| {
                (
                    (r.theme.clone(), r.keys.country.clone().unwrap_or_default()),
                    (r.count, r.share),
                )
            })
            .collect();
        Self {
            themes,
            countries,
            cells,
        }
    }

    /// Theme codes, in the order drawn.
    pub fn themes(&self) -> &[String] {
        &self.themes
    }

    /// Country codes with their number of findings, in the order drawn.
    pub fn countries(&self) -> &[(String, u64)] {
        &self.countries
    }

    /// The count and share of one cell (zero where the theme never came up).
    pub fn cell(&self, theme: &str, country: &str) -> (u64, f64) {
        self.cells
            .get(&(theme.to_owned(), country.to_owned()))
            .copied()
            .unwrap_or((0, 0.0))
    }

    fn max_share(&self) -> f64 {
        self.cells.values().map(|c| c.1).fold(0.0, f64::max)
    }
}

impl Figure for ThemeFrequency {
    fn name(&self) -> ChartName {
        ChartName::ThemeFrequency
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("theme_frequency_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        Some(format!("{} · {}", cx.lang.t("count"), cx.lang.t("share")))
    }

    fn describe(&self, cx: &Context) -> String {
        let parts: Vec<String> = self
            .countries
            .iter()
            .map(|(country, total)| {
                let top = self
                    .themes
                    .iter()
                    .max_by(|a, b| self.cell(a, country).0.cmp(&self.cell(b, country).0))
                    .map_or("", |t| cx.vocabulary.theme(t));
                cx.lang.fill(
                    "desc.theme-frequency.part",
                    &[
                        ("country", &cx.lang.term_or_code(country)),
                        ("n", total),
                        ("theme", &top),
                    ],
                )
            })
            .collect();
        cx.lang
            .fill("desc.theme-frequency", &[("parts", &parts.join("; "))])
    }

    fn n(&self) -> u64 {
        self.countries.iter().map(|(_, total)| total).sum()
    }

    fn legend(&self, _cx: &Context) -> Vec<(String, RGBColor)> {
        Vec::new()
    }

    fn body_height(&self) -> f64 {
        HEAD + self.themes.len().max(1) as f64 * CELL + 16.0
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let cols =
            Columns::new(p.widest(self.themes.iter().map(|t| cx.vocabulary.theme(t)), 12.0)?);
        let label_width = cols.plot_x0 - cols.label_x - 12.0;
        let width = (cols.n_x - cols.plot_x0) / self.countries.len().max(1) as f64;
        for (i, (country, total)) in self.countries.iter().enumerate() {
            let x = cols.plot_x0 + (i as f64 + 0.5) * width;
            let name = p.fit(cx.lang.term_or_code(country), 12.0, width - 4.0)?;
            p.bold(&name, (x, top + 12.0), 12.0, INK, Anchor::Centre)?;
            p.text(
                &format!("n = {total}"),
                (x, top + 28.0),
                11.0,
                MUTED,
                Anchor::Centre,
            )?;
        }
        if self.themes.is_empty() {
            p.text(
                cx.lang.t("no_results"),
                (cols.plot_x0, top + HEAD + CELL / 2.0),
                12.0,
                MUTED,
                Anchor::Left,
            )?;
        }
        let max = self.max_share().max(f64::EPSILON);
        for (j, theme) in self.themes.iter().enumerate() {
            let y = top + HEAD + j as f64 * CELL;
            let name = p.fit(cx.vocabulary.theme(theme), 12.0, label_width)?;
            p.text(
                &name,
                (cols.label_x, y + CELL / 2.0),
                12.0,
                INK,
                Anchor::Left,
            )?;
            for (i, (country, _)) in self.countries.iter().enumerate() {
                let (count, share) = self.cell(theme, country);
                let t = share / max;
                let x0 = cols.plot_x0 + i as f64 * width;
                p.rect(
                    (x0 + 1.0, y + 1.0),
                    (x0 + width - 1.0, y + CELL - 1.0),
                    palette::ramp(t),
                )?;
                p.text(
                    &format!("{count} · {}", percent(share)),
                    (x0 + width / 2.0, y + CELL / 2.0),
                    12.0,
                    palette::ink_on_ramp(t),
                    Anchor::Centre,
                )?;
            }
        }
        Ok(())
    }

    fn table(&self, cx: &Context) -> Table {
        let mut rows = Vec::new();
        for theme in &self.themes {
            for (country, total) in &self.countries {
                let (count, share) = self.cell(theme, country);
                rows.push(vec![
                    theme.as_str().into(),
                    cx.vocabulary.theme(theme).into(),
                    country.as_str().into(),
                    count.into(),
                    share.into(),
                    (*total).into(),
                ]);
            }
        }
        Table {
            columns: vec![
                "theme",
                "theme_name",
                "country",
                "findings",
                "share",
                "country_findings",
            ],
            rows,
        }
    }
}

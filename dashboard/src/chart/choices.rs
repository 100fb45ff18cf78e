//! A multiple-choice question by country: for each option, the share of each country's
//! respondents who chose it.

use crate::i18n::Texts;
use analytics::ChoiceShareRow;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    AXIS, ChartName, Columns, Context, Figure, Table, country_rank,
    paint::{Anchor, Painter},
    palette::{self, INK, MUTED},
    percent,
};
use crate::error::Result;

/// Option shares of one multiple-choice question, by country.
#[derive(Debug, Clone)]
pub struct Choices {
    rows: Vec<ChoiceShareRow>,
}

fn option_rank(cx: &Context, option: &str) -> usize {
    cx.vocabulary
        .option_order
        .iter()
        .position(|o| o == option)
        .unwrap_or(usize::MAX)
}

impl Choices {
    /// Rows of one question grouped by country.
    pub fn new(mut rows: Vec<ChoiceShareRow>, cx: &Context) -> Self {
        rows.sort_by_key(|r| {
            (
                option_rank(cx, &r.option),
                r.option.clone(),
                country_rank(r.keys.country.as_deref().unwrap_or("")),
            )
        });
        Self { rows }
    }

    fn options(&self) -> usize {
        let mut options: Vec<&str> = self.rows.iter().map(|r| r.option.as_str()).collect();
        options.dedup();
        options.len()
    }

    fn countries(&self) -> Vec<String> {
        let mut countries: Vec<String> = self
            .rows
            .iter()
            .filter_map(|r| r.keys.country.clone())
            .collect();
        countries.sort_by_key(|c| country_rank(c));
        countries.dedup();
        countries
    }

    fn option_label<'a>(cx: &'a Context, option: &'a str) -> &'a str {
        cx.vocabulary
            .options
            .get(option)
            .map_or(option, String::as_str)
    }
}

impl Figure for Choices {
    fn name(&self) -> ChartName {
        ChartName::Choices
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("choices_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        cx.vocabulary
            .question
            .as_ref()
            .map(|(code, text)| format!("{code}: {text}"))
    }

    fn describe(&self, cx: &Context) -> String {
        let hidden = self.rows.iter().filter(|r| r.suppressed).count();
        let parts: Vec<String> = self
            .rows
            .iter()
            .filter(|r| !r.suppressed)
            .map(|r| {
                let country = r
                    .keys
                    .country
                    .as_deref()
                    .map_or_else(|| cx.lang.t("all"), |c| cx.lang.term_or_code(c));
                format!(
                    "{country} {}: {}",
                    Self::option_label(cx, &r.option),
                    percent(r.share.unwrap_or(0.0))
                )
            })
            .collect();
        cx.lang.fill(
            "desc.choices",
            &[
                ("parts", &parts.join(", ")),
                ("hidden", &hidden),
                ("k", &cx.k),
            ],
        )
    }

    fn n(&self) -> u64 {
        let mut seen: Vec<(&str, u64)> = Vec::new();
        for row in self.rows.iter().filter(|r| !r.suppressed) {
            let country = row.keys.country.as_deref().unwrap_or("");
            if !seen.iter().any(|(c, _)| *c == country) {
                seen.push((country, row.n.unwrap_or(0)));
            }
        }
        seen.iter().map(|(_, n)| n).sum()
    }

    fn legend(&self, cx: &Context) -> Vec<(String, RGBColor)> {
        self.countries()
            .iter()
            .map(|c| {
                (
                    cx.lang.term_or_code(c).to_owned(),
                    palette::category(country_rank(c).0),
                )
            })
            .collect()
    }

    fn body_height(&self) -> f64 {
        self.options() as f64 * Columns::GROUP
            + self.rows.len().max(1) as f64 * Columns::ROW
            + AXIS
            + 8.0
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let countries = self.countries();
        let cols = Columns::new(p.widest(countries.iter().map(|c| cx.lang.term_or_code(c)), 12.0)?);
        let range = (0.0, 1.0);
        let bottom = top + self.body_height() - AXIS;
        let ticks: Vec<(f64, String)> = [0.0, 0.25, 0.5, 0.75, 1.0]
            .iter()
            .map(|v: &f64| (*v, percent(*v)))
            .collect();
        cols.axis(p, &ticks, range, (top, bottom), cx.lang.t("share"))?;
        if self.rows.is_empty() {
            p.text(
                cx.lang.t("no_results"),
                (cols.plot_x0, top + 10.0),
                12.0,
                MUTED,
                Anchor::Left,
            )?;
        }
        let mut y = top;
        let mut previous: Option<&str> = None;
        for row in &self.rows {
            if previous != Some(row.option.as_str()) {
                let name = p.fit(Self::option_label(cx, &row.option), 13.0, cols.n_x - 16.0)?;
                p.bold(&name, (cols.label_x, y + 15.0), 13.0, INK, Anchor::Left)?;
                y += Columns::GROUP;
            }
            let mid = y + Columns::ROW / 2.0;
            let country = row.keys.country.as_deref().unwrap_or("");
            p.text(
                cx.lang.term_or_code(country),
                (cols.label_x, mid),
                12.0,
                INK,
                Anchor::Left,
            )?;
            match (row.suppressed, row.share) {
                (false, Some(share)) => {
                    let color = palette::category(country_rank(country).0);
                    let x1 = cols.x(share, range);
                    p.rect((cols.plot_x0, y + 3.0), (x1, y + Columns::ROW - 3.0), color)?;
                    p.text(&percent(share), (x1 + 4.0, mid), 11.0, INK, Anchor::Left)?;
                    let n = format!("n = {}", row.n.unwrap_or(0));
                    p.text(&n, (cols.n_x, mid), 11.0, MUTED, Anchor::Right)?;
                }
                _ => {
                    cols.suppressed(p, cx, mid)?;
                }
            }
            previous = Some(row.option.as_str());
            y += Columns::ROW;
        }
        Ok(())
    }

    fn table(&self, cx: &Context) -> Table {
        Table {
            columns: vec![
                "option",
                "option_label",
                "country",
                "n",
                "chose",
                "share",
                "suppressed",
            ],
            rows: self
                .rows
                .iter()
                .map(|r| {
                    let shown = !r.suppressed;
                    vec![
                        r.option.as_str().into(),
                        Self::option_label(cx, &r.option).into(),
                        r.keys.country.clone().into(),
                        r.n.filter(|_| shown).into(),
                        r.count.filter(|_| shown).into(),
                        r.share.filter(|_| shown).into(),
                        r.suppressed.into(),
                    ]
                })
                .collect(),
        }
    }
}

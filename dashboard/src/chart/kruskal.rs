//! Which questions and themes differ between countries: each one's Kruskal–Wallis test
//! as a bar of its effect size ε² (0 for no difference, 1 for complete separation),
//! solid where p < 0.05, each theme first and its questions under it.

use std::collections::BTreeMap;

use analytics::CountryDifferenceRow;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    AXIS, ChartName, Columns, Context, Figure, Table,
    paint::{Anchor, Painter},
    palette::{self, BAND, INK, MUTED},
};
use crate::{error::Result, i18n::Texts};

/// The level below which a p-value counts as a difference.
const ALPHA: f64 = 0.05;

/// Kruskal–Wallis tests across countries, one row per question or theme.
#[derive(Debug, Clone)]
pub struct CountryDifferences {
    rows: Vec<CountryDifferenceRow>,
    /// Question code → its text in the chart's language.
    questions: BTreeMap<String, String>,
}

impl CountryDifferences {
    /// The rows of [`analytics::Inputs::country_differences`], with the questions'
    /// texts for their labels.
    pub fn new(
        mut rows: Vec<CountryDifferenceRow>,
        questions: BTreeMap<String, String>,
        cx: &Context,
    ) -> Self {
        rows.sort_by_key(|r| {
            let theme = r.theme.clone().unwrap_or_default();
            let question = r.item_kind != "THEME";
            (
                cx.vocabulary.theme_rank(&theme),
                theme,
                question,
                r.item.clone(),
            )
        });
        Self { rows, questions }
    }

    fn label(&self, row: &CountryDifferenceRow, cx: &Context) -> String {
        if row.item_kind == "THEME" {
            cx.vocabulary.theme(&row.item).to_owned()
        } else {
            match self.questions.get(&row.item) {
                Some(text) => format!("{} · {text}", row.item),
                None => row.item.clone(),
            }
        }
    }

    fn end(&self) -> f64 {
        let max = self
            .rows
            .iter()
            .map(|r| r.epsilon_squared)
            .fold(0.0, f64::max);
        // A scale of 0.05, 0.1, 0.2, 0.5 or 1: small effects stay readable.
        [0.05, 0.1, 0.2, 0.5, 1.0]
            .into_iter()
            .find(|end| max <= *end)
            .unwrap_or(1.0)
    }
}

const ROW: f64 = Columns::ROW;

fn color(row: &CountryDifferenceRow) -> RGBColor {
    if row.p < ALPHA {
        palette::category(0)
    } else {
        MUTED
    }
}

impl Figure for CountryDifferences {
    fn name(&self) -> ChartName {
        ChartName::CountryDifferences
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("country_differences_title").to_owned()
    }

    fn subtitle(&self, _cx: &Context) -> Option<String> {
        Some("Kruskal–Wallis · ε²".to_owned())
    }

    fn describe(&self, cx: &Context) -> String {
        let significant = self.rows.iter().filter(|r| r.p < ALPHA).count();
        let top = self
            .rows
            .iter()
            .max_by(|a, b| a.epsilon_squared.total_cmp(&b.epsilon_squared))
            .map_or_else(
                || "–".to_owned(),
                |r| {
                    format!(
                        "{} (ε² = {:.3}, p = {:.3})",
                        self.label(r, cx),
                        r.epsilon_squared,
                        r.p
                    )
                },
            );
        cx.lang.fill(
            "desc.country-differences",
            &[
                ("items", &self.rows.len()),
                ("significant", &significant),
                ("top", &top),
            ],
        )
    }

    fn n(&self) -> u64 {
        self.rows.iter().map(|r| r.n).max().unwrap_or(0)
    }

    fn legend(&self, _cx: &Context) -> Vec<(String, RGBColor)> {
        vec![
            ("p < 0.05".to_owned(), palette::category(0)),
            ("p ≥ 0.05".to_owned(), MUTED),
        ]
    }

    fn body_height(&self) -> f64 {
        self.rows.len().max(1) as f64 * ROW + AXIS + 8.0
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let labels: Vec<String> = self.rows.iter().map(|r| self.label(r, cx)).collect();
        let cols = Columns::new(p.widest(labels.iter(), 12.0)?);
        let label_width = cols.plot_x0 - cols.label_x - 12.0;
        let range = (0.0, self.end());
        let bottom = top + self.rows.len().max(1) as f64 * ROW;
        let ticks: Vec<(f64, String)> = (0..=5)
            .map(|i| {
                let v = range.1 * f64::from(i) / 5.0;
                (v, format!("{v:.2}"))
            })
            .collect();
        cols.axis(p, &ticks, range, (top, bottom), cx.lang.t("effect_size"))?;
        if self.rows.is_empty() {
            p.text(
                cx.lang.t("no_results"),
                (cols.plot_x0, top + ROW / 2.0),
                12.0,
                MUTED,
                Anchor::Left,
            )?;
        }
        for (i, (row, label)) in self.rows.iter().zip(&labels).enumerate() {
            let y = top + i as f64 * ROW;
            if i % 2 == 1 {
                p.rect((cols.label_x, y), (cols.n_x, y + ROW), BAND)?;
            }
            let label = p.fit(label, 12.0, label_width)?;
            let mid = y + ROW / 2.0;
            if row.item_kind == "THEME" {
                p.bold(&label, (cols.label_x, mid), 12.0, INK, Anchor::Left)?;
            } else {
                p.text(&label, (cols.label_x + 8.0, mid), 12.0, INK, Anchor::Left)?;
            }
            let x = cols.x(row.epsilon_squared.min(range.1), range);
            p.rect(
                (cols.plot_x0, y + 4.0),
                (x.max(cols.plot_x0 + 1.0), y + ROW - 4.0),
                color(row),
            )?;
            let value = format!("{:.3}", row.epsilon_squared);
            p.text(&value, (x + 4.0, mid), 11.0, INK, Anchor::Left)?;
            let n = format!("n = {}", row.n);
            p.text(&n, (cols.n_x, mid), 11.0, MUTED, Anchor::Right)?;
        }
        Ok(())
    }

    fn table(&self, cx: &Context) -> Table {
        Table {
            columns: vec![
                "item",
                "item_kind",
                "label",
                "theme",
                "h",
                "df",
                "p",
                "epsilon_squared",
                "n",
                "countries",
            ],
            rows: self
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.item.as_str().into(),
                        r.item_kind.into(),
                        self.label(r, cx).into(),
                        r.theme.clone().into(),
                        r.h.into(),
                        (r.df as u64).into(),
                        r.p.into(),
                        r.epsilon_squared.into(),
                        r.n.into(),
                        r.countries.join(" ").into(),
                    ]
                })
                .collect(),
        }
    }
}

//! Which themes come up in the same interview: for each pair of themes, the interviews
//! coded with both, as a heatmap shaded by their share of all interviews.

use crate::i18n::Texts;
use std::collections::BTreeMap;

use analytics::CooccurrenceRow;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    ChartName, Columns, Context, Figure, Table,
    paint::{Anchor, Painter},
    palette::{self, INK, MUTED},
    percent,
};
use crate::error::Result;

const CELL: f64 = 34.0;
const HEAD: f64 = 40.0;

/// Interviews coded with both themes of each pair.
#[derive(Debug, Clone)]
pub struct Cooccurrence {
    themes: Vec<String>,
    pairs: BTreeMap<(String, String), (u64, f64)>,
    interviews: u64,
}

impl Cooccurrence {
    /// The pairs of [`analytics::Inputs::theme_cooccurrence`], out of `interviews`
    /// interviews with coded findings.
    pub fn new(rows: &[CooccurrenceRow], interviews: u64, cx: &Context) -> Self {
        let mut themes: Vec<String> = rows
            .iter()
            .flat_map(|r| [r.theme_a.clone(), r.theme_b.clone()])
            .collect();
        themes.sort_by_key(|t| (cx.vocabulary.theme_rank(t), t.clone()));
        themes.dedup();
        let pairs = rows
            .iter()
            .map(|r| {
                (
                    (r.theme_a.clone(), r.theme_b.clone()),
                    (r.interviews, r.share),
                )
            })
            .collect();
        Self {
            themes,
            pairs,
            interviews,
        }
    }

    /// One pair, in either order; `None` on the diagonal.
    fn pair(&self, a: &str, b: &str) -> Option<(u64, f64)> {
        (self.pairs.get(&(a.to_owned(), b.to_owned())))
            .or_else(|| self.pairs.get(&(b.to_owned(), a.to_owned())))
            .copied()
    }
}

impl Figure for Cooccurrence {
    fn name(&self) -> ChartName {
        ChartName::ThemeCooccurrence
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("cooccurrence_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        Some(format!("{} · {}", cx.lang.t("count"), cx.lang.t("share")))
    }

    fn describe(&self, cx: &Context) -> String {
        let all = cx
            .lang
            .fill("desc.cooccurrence", &[("n", &self.interviews)]);
        match self.pairs.iter().max_by_key(|(_, (n, _))| *n) {
            Some(((a, b), (n, share))) => {
                let top = cx.lang.fill(
                    "desc.cooccurrence.top",
                    &[
                        ("a", &cx.vocabulary.theme(a)),
                        ("b", &cx.vocabulary.theme(b)),
                        ("n", n),
                        ("share", &percent(*share)),
                    ],
                );
                format!("{all} {top}")
            }
            None => all,
        }
    }

    fn n(&self) -> u64 {
        self.interviews
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
        let width = (cols.n_x - cols.plot_x0) / self.themes.len().max(1) as f64;
        for (i, theme) in self.themes.iter().enumerate() {
            let x = cols.plot_x0 + (i as f64 + 0.5) * width;
            let name = p.fit(cx.vocabulary.theme(theme), 11.0, width - 4.0)?;
            p.bold(&name, (x, top + 20.0), 11.0, INK, Anchor::Centre)?;
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
        let max = (self.pairs.values())
            .map(|(_, share)| *share)
            .fold(0.0, f64::max)
            .max(f64::EPSILON);
        for (j, row) in self.themes.iter().enumerate() {
            let y = top + HEAD + j as f64 * CELL;
            let name = p.fit(cx.vocabulary.theme(row), 12.0, label_width)?;
            p.text(
                &name,
                (cols.label_x, y + CELL / 2.0),
                12.0,
                INK,
                Anchor::Left,
            )?;
            for (i, column) in self.themes.iter().enumerate() {
                let x0 = cols.plot_x0 + i as f64 * width;
                let centre = (x0 + width / 2.0, y + CELL / 2.0);
                match self.pair(row, column) {
                    Some((count, share)) => {
                        let t = share / max;
                        p.rect(
                            (x0 + 1.0, y + 1.0),
                            (x0 + width - 1.0, y + CELL - 1.0),
                            palette::ramp(t),
                        )?;
                        let label = format!("{count} · {}", percent(share));
                        p.text(
                            &label,
                            centre,
                            12.0,
                            palette::ink_on_ramp(t),
                            Anchor::Centre,
                        )?;
                    }
                    None => p.text("–", centre, 12.0, MUTED, Anchor::Centre)?,
                }
            }
        }
        Ok(())
    }

    fn table(&self, cx: &Context) -> Table {
        Table {
            columns: vec![
                "theme_a",
                "theme_a_name",
                "theme_b",
                "theme_b_name",
                "interviews",
                "share",
                "all_interviews",
            ],
            rows: self
                .pairs
                .iter()
                .map(|((a, b), (n, share))| {
                    vec![
                        a.as_str().into(),
                        cx.vocabulary.theme(a).into(),
                        b.as_str().into(),
                        cx.vocabulary.theme(b).into(),
                        (*n).into(),
                        (*share).into(),
                        self.interviews.into(),
                    ]
                })
                .collect(),
        }
    }
}

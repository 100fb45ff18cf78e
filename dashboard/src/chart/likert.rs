//! One Likert question by country as diverging stacked bars: disagreement to the left
//! of the centre line, agreement to the right, the neutral share split across it.

use crate::i18n::Texts;
use analytics::{LikertRow, Role};
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    AXIS, ChartName, Columns, Context, Figure, Table, country_rank,
    paint::{Anchor, Painter},
    palette::{BAND, INK, LIKERT, MUTED, PAPER},
    percent, role_rank,
};
use crate::error::Result;

const ROW: f64 = 26.0;

/// A Likert question's answer shares by country (and role, if grouped so).
#[derive(Debug, Clone)]
pub struct Likert {
    rows: Vec<LikertRow>,
}

impl Likert {
    /// Rows of one question grouped by country and optionally role.
    pub fn new(mut rows: Vec<LikertRow>) -> Self {
        rows.sort_by_key(|r| {
            (
                country_rank(r.keys.country.as_deref().unwrap_or("")),
                role_rank(r.keys.role),
            )
        });
        Self { rows }
    }

    fn label(&self, row: &LikertRow, cx: &Context) -> String {
        let country = row
            .keys
            .country
            .as_deref()
            .map_or_else(|| cx.lang.t("all"), |c| cx.lang.term_or_code(c));
        match row.keys.role {
            Some(role) => format!("{country} · {}", cx.lang.term_or_code(role.code())),
            None => country.to_owned(),
        }
    }

    fn scale(cx: &Context) -> Vec<String> {
        if cx.vocabulary.scale.len() == 5 {
            cx.vocabulary.scale.clone()
        } else {
            (1..=5).map(|v| v.to_string()).collect()
        }
    }
}

impl Figure for Likert {
    fn name(&self) -> ChartName {
        ChartName::Likert
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("likert_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        cx.vocabulary
            .question
            .as_ref()
            .map(|(code, text)| format!("{code}: {text}"))
    }

    fn describe(&self, cx: &Context) -> String {
        let shown: Vec<String> = self
            .rows
            .iter()
            .filter(|r| !r.suppressed)
            .map(|r| {
                let agree = r.shares.map_or(0.0, |s| s[3] + s[4]);
                cx.lang.fill(
                    "desc.likert.part",
                    &[("group", &self.label(r, cx)), ("share", &percent(agree))],
                )
            })
            .collect();
        let hidden = self.rows.iter().filter(|r| r.suppressed).count();
        let parts = shown.join(", ");
        let mut values: Vec<(&str, &dyn std::fmt::Display)> =
            vec![("parts", &parts), ("hidden", &hidden), ("k", &cx.k)];
        match &cx.vocabulary.question {
            Some((code, text)) => {
                values.extend([("code", code as &dyn std::fmt::Display), ("text", text)]);
                cx.lang.fill("desc.likert.question", &values)
            }
            None => cx.lang.fill("desc.likert", &values),
        }
    }

    fn n(&self) -> u64 {
        self.rows
            .iter()
            .filter(|r| !r.suppressed)
            .filter_map(|r| r.n)
            .sum()
    }

    fn legend(&self, cx: &Context) -> Vec<(String, RGBColor)> {
        Self::scale(cx).into_iter().zip(LIKERT).collect()
    }

    fn body_height(&self) -> f64 {
        self.rows.len().max(1) as f64 * ROW + AXIS + 8.0
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let cols = Columns::new(p.widest(self.rows.iter().map(|r| self.label(r, cx)), 12.0)?);
        let range = (-1.0, 1.0);
        let bottom = top + self.body_height() - AXIS;
        let ticks: Vec<(f64, String)> = [-1.0, -0.5, 0.0, 0.5, 1.0]
            .iter()
            .map(|v: &f64| (*v, percent(v.abs())))
            .collect();
        cols.axis(p, &ticks, range, (top, bottom), cx.lang.t("share"))?;
        if self.rows.is_empty() {
            p.text(
                cx.lang.t("no_results"),
                (cols.plot_x0, top + ROW / 2.0),
                12.0,
                MUTED,
                Anchor::Left,
            )?;
        }
        let mut y = top;
        for (i, row) in self.rows.iter().enumerate() {
            if i % 2 == 1 {
                p.rect((cols.label_x, y), (cols.n_x, y + ROW), BAND)?;
            }
            let mid = y + ROW / 2.0;
            p.text(
                &self.label(row, cx),
                (cols.label_x, mid),
                12.0,
                INK,
                Anchor::Left,
            )?;
            match (row.suppressed, row.shares) {
                (false, Some(shares)) => {
                    let mut at = -(shares[0] + shares[1] + shares[2] / 2.0);
                    for (value, (share, color)) in shares.iter().zip(LIKERT).enumerate() {
                        let (x0, x1) = (cols.x(at, range), cols.x(at + share, range));
                        p.rect((x0, y + 4.0), (x1, y + ROW - 4.0), color)?;
                        if *share >= 0.07 {
                            let ink = if value == 0 || value == 4 { PAPER } else { INK };
                            p.text(
                                &percent(*share),
                                ((x0 + x1) / 2.0, mid),
                                10.0,
                                ink,
                                Anchor::Centre,
                            )?;
                        }
                        at += share;
                    }
                    let n = format!("n = {}", row.n.unwrap_or(0));
                    p.text(&n, (cols.n_x, mid), 11.0, MUTED, Anchor::Right)?;
                }
                _ => {
                    cols.suppressed(p, cx, mid)?;
                }
            }
            y += ROW;
        }
        let centre = cols.x(0.0, range);
        p.line(&[(centre, top), (centre, bottom)], INK, 1.0)
    }

    fn table(&self, _cx: &Context) -> Table {
        Table {
            columns: vec![
                "country",
                "role",
                "n",
                "share_1",
                "share_2",
                "share_3",
                "share_4",
                "share_5",
                "suppressed",
            ],
            rows: self
                .rows
                .iter()
                .map(|r| {
                    let shares = r.shares.filter(|_| !r.suppressed);
                    let mut cells = vec![
                        r.keys.country.clone().into(),
                        r.keys.role.map(Role::code).into(),
                        r.n.filter(|_| !r.suppressed).into(),
                    ];
                    cells.extend((0..5).map(|i| shares.map(|s| s[i]).into()));
                    cells.push(r.suppressed.into());
                    cells
                })
                .collect(),
        }
    }
}

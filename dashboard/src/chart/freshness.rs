//! How fresh the registry is, per area: of the organisations not closed, the share
//! checked in the last 12 months, and the shares sent a private link, that opened it
//! and that answered, as four bars per area on one 0–100 % scale.

use crate::i18n::Texts;
use analytics::FreshnessRow;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    AXIS, ChartName, Columns, Context, Figure, Table,
    paint::{Anchor, Painter},
    palette::{self, BAND, GRID, INK, MUTED},
    percent,
};
use crate::error::Result;

const BAR: f64 = 9.0;
const ROW: f64 = 4.0 * BAR + 12.0;

/// One measure: its text key, its colour, and its count in a row.
type Measure = (&'static str, usize, fn(&FreshnessRow) -> u64);

/// The four measures.
const MEASURES: [Measure; 4] = [
    ("verified_share", 0, |r| r.verified),
    ("fresh_linked", 4, |r| r.linked),
    ("fresh_opened", 2, |r| r.opened),
    ("fresh_answered", 3, |r| r.answered),
];

/// The registry's freshness per area (region, or municipality).
#[derive(Debug, Clone)]
pub struct Freshness {
    /// Each area's code, its name as drawn, and its counts.
    rows: Vec<(String, String, FreshnessRow)>,
    /// The area's kind, as a column name: `region` or `municipality`.
    area: &'static str,
}

impl Freshness {
    /// Rows (code, name, counts) in the order to draw; `area` names their kind.
    pub fn new(rows: Vec<(String, String, FreshnessRow)>, area: &'static str) -> Self {
        Self { rows, area }
    }
}

fn share(row: &FreshnessRow, count: u64) -> f64 {
    row.share(count).unwrap_or(0.0)
}

impl Figure for Freshness {
    fn name(&self) -> ChartName {
        ChartName::Freshness
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("freshness_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        Some(cx.lang.t("freshness_unit").to_owned())
    }

    fn describe(&self, cx: &Context) -> String {
        let parts: Vec<String> = self
            .rows
            .iter()
            .map(|(_, name, r)| {
                cx.lang.fill(
                    "desc.freshness.part",
                    &[
                        ("name", name),
                        ("n", &r.organisations),
                        ("verified", &percent(share(r, r.verified))),
                        ("linked", &percent(share(r, r.linked))),
                        ("opened", &percent(share(r, r.opened))),
                        ("answered", &percent(share(r, r.answered))),
                    ],
                )
            })
            .collect();
        cx.lang
            .fill("desc.freshness", &[("parts", &parts.join("; "))])
    }

    fn n(&self) -> u64 {
        self.rows.iter().map(|(_, _, r)| r.organisations).sum()
    }

    fn legend(&self, cx: &Context) -> Vec<(String, RGBColor)> {
        MEASURES
            .iter()
            .map(|(key, colour, _)| (cx.lang.t(key).to_owned(), palette::category(*colour)))
            .collect()
    }

    fn body_height(&self) -> f64 {
        self.rows.len().max(1) as f64 * ROW + AXIS + 8.0
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, _cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let cols =
            Columns::new(p.widest(self.rows.iter().map(|(_, name, _)| name.as_str()), 12.0)?);
        let bottom = top + self.body_height() - AXIS;
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let x = cols.x(tick, (0.0, 1.0));
            p.line(&[(x, top), (x, bottom)], GRID, 1.0)?;
            p.text(
                &percent(tick),
                (x, bottom + 10.0),
                11.0,
                MUTED,
                Anchor::Centre,
            )?;
        }
        for (i, (_, name, row)) in self.rows.iter().enumerate() {
            let y = top + i as f64 * ROW;
            if i % 2 == 1 {
                p.rect((cols.label_x, y), (cols.n_x, y + ROW), BAND)?;
            }
            p.text(name, (cols.label_x, y + ROW / 2.0), 12.0, INK, Anchor::Left)?;
            let n = format!("n = {}", row.organisations);
            p.text(&n, (cols.n_x, y + ROW / 2.0), 11.0, MUTED, Anchor::Right)?;
            for (j, (_, colour, count)) in MEASURES.iter().enumerate() {
                let value = share(row, count(row));
                let bar = y + 6.0 + j as f64 * BAR;
                let (x0, x1) = (cols.x(0.0, (0.0, 1.0)), cols.x(value, (0.0, 1.0)));
                p.rect(
                    (x0, bar + 1.0),
                    (x1.max(x0 + 1.0), bar + BAR - 1.0),
                    palette::category(*colour),
                )?;
                p.text(
                    &percent(value),
                    (x1 + 4.0, bar + BAR / 2.0),
                    9.0,
                    INK,
                    Anchor::Left,
                )?;
            }
        }
        Ok(())
    }

    fn table(&self, _cx: &Context) -> Table {
        Table {
            columns: vec![
                self.area,
                "organisations",
                "verified",
                "verified_share",
                "linked",
                "linked_share",
                "opened",
                "opened_share",
                "answered",
                "answered_share",
            ],
            rows: self
                .rows
                .iter()
                .map(|(code, _, r)| {
                    vec![
                        code.clone().into(),
                        r.organisations.into(),
                        r.verified.into(),
                        r.share(r.verified).into(),
                        r.linked.into(),
                        r.share(r.linked).into(),
                        r.opened.into(),
                        r.share(r.opened).into(),
                        r.answered.into(),
                        r.share(r.answered).into(),
                    ]
                })
                .collect(),
        }
    }
}

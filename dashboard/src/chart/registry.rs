//! The registry by country: active organisations per 10,000 inhabitants next to the
//! share of registered organisations that have closed.

use crate::i18n::Texts;
use analytics::RegistryRow;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    AXIS, ChartName, Columns, Context, Figure, Table, country_rank,
    paint::{Anchor, Painter},
    palette::{self, BAND, GRID, INK, MUTED},
    percent,
};
use crate::error::Result;

const ROW: f64 = 28.0;

/// Registry figures per country.
#[derive(Debug, Clone)]
pub struct Registry {
    rows: Vec<RegistryRow>,
}

/// A step of 1, 2 or 5 times a power of ten that splits `max` into about four.
pub(crate) fn nice_step(max: f64) -> f64 {
    let raw = (max / 4.0).max(f64::MIN_POSITIVE);
    let magnitude = 10_f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

fn per_10k(row: &RegistryRow) -> f64 {
    row.active_per_10k.unwrap_or(0.0)
}

impl Registry {
    /// Registry rows grouped by country.
    pub fn new(mut rows: Vec<RegistryRow>) -> Self {
        rows.sort_by_key(|r| country_rank(r.keys.country.as_deref().unwrap_or("")));
        Self { rows }
    }

    #[expect(clippy::too_many_arguments, reason = "one panel's geometry and data")]
    fn panel<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        (x0, x1): (f64, f64),
        (top, bottom): (f64, f64),
        value: impl Fn(&RegistryRow) -> f64,
        label: impl Fn(f64) -> String,
        caption: &str,
        color: RGBColor,
    ) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let max = self.rows.iter().map(&value).fold(0.0, f64::max);
        let step = nice_step(max * 1.1);
        let end = ((max * 1.1) / step).ceil().max(1.0) * step;
        let x = |v: f64| x0 + v / end * (x1 - x0);
        let mut tick = 0.0;
        while tick <= end + step / 2.0 {
            p.line(&[(x(tick), top), (x(tick), bottom)], GRID, 1.0)?;
            p.text(
                &label(tick),
                (x(tick), bottom + 10.0),
                11.0,
                MUTED,
                Anchor::Centre,
            )?;
            tick += step;
        }
        p.text(
            caption,
            ((x0 + x1) / 2.0, bottom + 28.0),
            12.0,
            INK,
            Anchor::Centre,
        )?;
        for (i, row) in self.rows.iter().enumerate() {
            let y = top + i as f64 * ROW;
            let v = value(row);
            p.rect((x(0.0), y + 5.0), (x(v), y + ROW - 5.0), color)?;
            p.text(
                &label(v),
                (x(v) + 4.0, y + ROW / 2.0),
                11.0,
                INK,
                Anchor::Left,
            )?;
        }
        Ok(())
    }
}

impl Figure for Registry {
    fn name(&self) -> ChartName {
        ChartName::Registry
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("registry_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        Some(format!(
            "{} · {}",
            cx.lang.t("active_per_10k"),
            cx.lang.t("closure_rate")
        ))
    }

    fn describe(&self, cx: &Context) -> String {
        let parts: Vec<String> = self
            .rows
            .iter()
            .map(|r| {
                let country = r
                    .keys
                    .country
                    .as_deref()
                    .map_or_else(|| cx.lang.t("all"), |c| cx.lang.term_or_code(c));
                cx.lang.fill(
                    "desc.registry.part",
                    &[
                        ("country", &country),
                        ("per10k", &format!("{:.1}", per_10k(r))),
                        ("closed", &percent(r.closure_rate)),
                    ],
                )
            })
            .collect();
        cx.lang
            .fill("desc.registry", &[("parts", &parts.join("; "))])
    }

    fn n(&self) -> u64 {
        self.rows.iter().map(|r| r.organisations).sum()
    }

    fn legend(&self, _cx: &Context) -> Vec<(String, RGBColor)> {
        Vec::new()
    }

    fn body_height(&self) -> f64 {
        self.rows.len().max(1) as f64 * ROW + AXIS + 8.0
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let labels = self.rows.iter().map(|r| {
            cx.lang
                .term_or_code(r.keys.country.as_deref().unwrap_or(""))
        });
        let cols = Columns::new(p.widest(labels, 12.0)?);
        let bottom = top + self.body_height() - AXIS;
        for (i, row) in self.rows.iter().enumerate() {
            let y = top + i as f64 * ROW;
            if i % 2 == 1 {
                p.rect((cols.label_x, y), (cols.n_x, y + ROW), BAND)?;
            }
            let code = row.keys.country.as_deref().unwrap_or("");
            p.text(
                cx.lang.term_or_code(code),
                (cols.label_x, y + ROW / 2.0),
                12.0,
                INK,
                Anchor::Left,
            )?;
            let n = format!("n = {}", row.organisations);
            p.text(&n, (cols.n_x, y + ROW / 2.0), 11.0, MUTED, Anchor::Right)?;
        }
        let mid = (cols.plot_x0 + cols.plot_x1) / 2.0;
        self.panel(
            p,
            (cols.plot_x0, mid - 30.0),
            (top, bottom),
            per_10k,
            |v| format!("{v:.1}"),
            cx.lang.t("active_per_10k"),
            palette::category(0),
        )?;
        self.panel(
            p,
            (mid + 10.0, cols.plot_x1 - 20.0),
            (top, bottom),
            |r| r.closure_rate,
            percent,
            cx.lang.t("closure_rate"),
            palette::category(4),
        )
    }

    fn table(&self, _cx: &Context) -> Table {
        Table {
            columns: vec![
                "country",
                "population",
                "organisations",
                "active",
                "closed",
                "active_per_10000",
                "closure_rate",
            ],
            rows: self
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.keys.country.clone().into(),
                        u64::try_from(r.population).unwrap_or(0).into(),
                        r.organisations.into(),
                        r.active.into(),
                        r.closed.into(),
                        r.active_per_10k.into(),
                        r.closure_rate.into(),
                    ]
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(40.0), 10.0);
        assert_eq!(nice_step(7.0), 2.0);
        assert_eq!(nice_step(0.5), 0.2);
        assert_eq!(nice_step(19.0), 5.0);
    }
}

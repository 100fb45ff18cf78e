//! Differences of means with their intervals, per theme and country: the gap between
//! officials and organisations, and the change from one survey wave to another. Both
//! draw a dot and its interval around a zero line.

use crate::i18n::Texts;
use std::collections::BTreeMap;

use analytics::{RoleGapRow, WaveChangeRow};
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    AXIS, ChartName, Columns, Context, Figure, Table, country_rank,
    paint::{Anchor, Painter},
    palette::{self, BAND, INK, MUTED},
    themes::label_width,
};
use crate::error::Result;

/// One row of a differences chart: `None` value when suppressed.
struct Dot<'a> {
    theme: &'a str,
    country: &'a str,
    value: Option<f64>,
    interval: Option<(f64, f64)>,
    n: String,
}

/// Rows in theme and country order.
fn sort_rows<R>(rows: &mut [R], cx: &Context, key: impl Fn(&R) -> (&str, &str)) {
    rows.sort_by_key(|r| {
        let (theme, country) = key(r);
        (
            cx.vocabulary.theme_rank(theme),
            theme.to_owned(),
            country_rank(country),
        )
    });
}

fn themes(dots: &[Dot]) -> usize {
    let mut themes: Vec<&str> = dots.iter().map(|d| d.theme).collect();
    themes.dedup();
    themes.len()
}

fn body_height(dots: &[Dot]) -> f64 {
    themes(dots) as f64 * Columns::GROUP + dots.len() as f64 * Columns::ROW + AXIS + 8.0
}

/// Shown differences whose interval lies above zero, and those below.
fn above_and_below(dots: &[Dot]) -> (usize, usize) {
    let shown = dots.iter().filter(|d| d.value.is_some());
    let above = shown
        .clone()
        .filter(|d| d.interval.is_some_and(|(l, _)| l > 0.0));
    let below = shown.filter(|d| d.interval.is_some_and(|(_, h)| h < 0.0));
    (above.count(), below.count())
}

fn draw<DB: DrawingBackend>(
    dots: &[Dot],
    axis: &str,
    p: &Painter<DB>,
    cx: &Context,
    top: f64,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let codes: Vec<&str> = dots.iter().map(|d| d.country).collect();
    let cols = Columns::new(label_width(p, cx, &codes)?);
    // Half the width of the x scale: the widest interval, in steps of 0.5.
    let widest = (dots.iter())
        .filter(|d| d.value.is_some())
        .flat_map(|d| [d.value, d.interval.map(|i| i.0), d.interval.map(|i| i.1)])
        .flatten()
        .fold(0.5_f64, |m, v| m.max(v.abs()));
    let reach = (widest * 2.0).ceil() / 2.0;
    let range = (-reach, reach);
    let bottom = top + body_height(dots) - AXIS;
    let step = if reach > 2.0 { 1.0 } else { 0.5 };
    let steps = (reach / step).round() as i32;
    let ticks: Vec<(f64, String)> = (-steps..=steps)
        .map(|i| {
            let v = f64::from(i) * step;
            let label = if v > 0.0 {
                format!("+{v}")
            } else {
                format!("{v}")
            };
            (v, label)
        })
        .collect();
    cols.axis(p, &ticks, range, (top, bottom), axis)?;
    let zero = cols.x(0.0, range);
    p.line(&[(zero, top), (zero, bottom)], MUTED, 1.0)?;

    let mut y = top;
    let mut previous: Option<&str> = None;
    for (i, dot) in dots.iter().enumerate() {
        if previous != Some(dot.theme) {
            let name = p.fit(cx.vocabulary.theme(dot.theme), 13.0, cols.n_x - 16.0)?;
            p.bold(&name, (cols.label_x, y + 15.0), 13.0, INK, Anchor::Left)?;
            y += Columns::GROUP;
        }
        if i % 2 == 0 {
            p.rect((cols.label_x, y), (cols.n_x, y + Columns::ROW), BAND)?;
        }
        let mid = y + Columns::ROW / 2.0;
        let country = cx.lang.term_or_code(dot.country);
        p.text(country, (cols.label_x, mid), 12.0, INK, Anchor::Left)?;
        match dot.value {
            Some(value) => {
                let color = palette::category(0);
                if let Some((low, high)) = dot.interval {
                    let ends = [(cols.x(low, range), mid), (cols.x(high, range), mid)];
                    p.line(&ends, color, 2.0)?;
                }
                p.dot((cols.x(value, range), mid), 4.5, color)?;
                p.text(&dot.n, (cols.n_x, mid), 11.0, MUTED, Anchor::Right)?;
            }
            None => cols.suppressed(p, cx, mid)?,
        }
        previous = Some(dot.theme);
        y += Columns::ROW;
    }
    Ok(())
}

/// The people of each country, the largest count over its themes, summed.
fn people<'a>(rows: impl Iterator<Item = (&'a str, u64)>) -> u64 {
    let mut countries: BTreeMap<&str, u64> = BTreeMap::new();
    for (country, n) in rows {
        let most = countries.entry(country).or_default();
        *most = (*most).max(n);
    }
    countries.values().sum()
}

/// Officials' mean minus organisations' mean per theme and country, with intervals.
#[derive(Debug, Clone)]
pub struct RoleGap {
    rows: Vec<RoleGapRow>,
}

impl RoleGap {
    /// The gap rows, in theme and country order.
    pub fn new(mut rows: Vec<RoleGapRow>, cx: &Context) -> Self {
        sort_rows(&mut rows, cx, |r| (&r.theme, &r.country));
        Self { rows }
    }

    fn dots(&self) -> Vec<Dot<'_>> {
        (self.rows.iter())
            .map(|r| Dot {
                theme: &r.theme,
                country: &r.country,
                value: r.gap.filter(|_| !r.suppressed),
                interval: r.ci_low.zip(r.ci_high),
                n: format!(
                    "n = {} / {}",
                    r.officials_n.unwrap_or(0),
                    r.organisations_n.unwrap_or(0)
                ),
            })
            .collect()
    }
}

impl Figure for RoleGap {
    fn name(&self) -> ChartName {
        ChartName::RoleGap
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("role_gap_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        Some(cx.lang.t("gap_axis").to_owned())
    }

    fn describe(&self, cx: &Context) -> String {
        let hidden = self.rows.iter().filter(|r| r.suppressed).count();
        let (higher, lower) = above_and_below(&self.dots());
        cx.lang.fill(
            "desc.role-gap",
            &[
                ("pairs", &self.rows.len()),
                ("higher", &higher),
                ("lower", &lower),
                ("hidden", &hidden),
                ("k", &cx.k),
            ],
        )
    }

    fn n(&self) -> u64 {
        people((self.rows.iter().filter(|r| !r.suppressed)).map(|r| {
            let n = r.officials_n.unwrap_or(0) + r.organisations_n.unwrap_or(0);
            (r.country.as_str(), n)
        }))
    }

    fn legend(&self, _cx: &Context) -> Vec<(String, RGBColor)> {
        Vec::new()
    }

    fn body_height(&self) -> f64 {
        body_height(&self.dots())
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        draw(&self.dots(), cx.lang.t("gap_axis"), p, cx, top)
    }

    fn table(&self, cx: &Context) -> Table {
        Table {
            columns: vec![
                "theme",
                "theme_name",
                "country",
                "officials_n",
                "organisations_n",
                "officials_mean",
                "organisations_mean",
                "gap",
                "ci_low",
                "ci_high",
                "suppressed",
            ],
            rows: self
                .rows
                .iter()
                .map(|r| {
                    let shown = !r.suppressed;
                    vec![
                        r.theme.as_str().into(),
                        cx.vocabulary.theme(&r.theme).into(),
                        r.country.as_str().into(),
                        r.officials_n.filter(|_| shown).into(),
                        r.organisations_n.filter(|_| shown).into(),
                        r.officials_mean.filter(|_| shown).into(),
                        r.organisations_mean.filter(|_| shown).into(),
                        r.gap.filter(|_| shown).into(),
                        r.ci_low.filter(|_| shown).into(),
                        r.ci_high.filter(|_| shown).into(),
                        r.suppressed.into(),
                    ]
                })
                .collect(),
        }
    }
}

/// Each theme's change per country from one survey wave to a later one, with intervals.
#[derive(Debug, Clone)]
pub struct WaveChange {
    rows: Vec<WaveChangeRow>,
    from: String,
    to: String,
}

impl WaveChange {
    /// The change rows from survey `from` to survey `to`, in theme and country order.
    pub fn new(mut rows: Vec<WaveChangeRow>, from: &str, to: &str, cx: &Context) -> Self {
        sort_rows(&mut rows, cx, |r| (&r.theme, &r.country));
        Self {
            rows,
            from: from.to_owned(),
            to: to.to_owned(),
        }
    }

    fn dots(&self) -> Vec<Dot<'_>> {
        (self.rows.iter())
            .map(|r| Dot {
                theme: &r.theme,
                country: &r.country,
                value: r.change.filter(|_| !r.suppressed),
                interval: r.ci_low.zip(r.ci_high),
                n: format!("n = {} / {}", r.from_n.unwrap_or(0), r.to_n.unwrap_or(0)),
            })
            .collect()
    }

    fn axis(&self, cx: &Context) -> String {
        cx.lang
            .t("change_axis")
            .replace("{from}", &self.from)
            .replace("{to}", &self.to)
    }
}

impl Figure for WaveChange {
    fn name(&self) -> ChartName {
        ChartName::WaveChange
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("wave_change_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        Some(self.axis(cx))
    }

    fn describe(&self, cx: &Context) -> String {
        let hidden = self.rows.iter().filter(|r| r.suppressed).count();
        let (higher, lower) = above_and_below(&self.dots());
        cx.lang.fill(
            "desc.wave-change",
            &[
                ("from", &self.from),
                ("to", &self.to),
                ("pairs", &self.rows.len()),
                ("higher", &higher),
                ("lower", &lower),
                ("hidden", &hidden),
                ("k", &cx.k),
            ],
        )
    }

    fn n(&self) -> u64 {
        people((self.rows.iter().filter(|r| !r.suppressed)).map(|r| {
            let n = r.from_n.unwrap_or(0) + r.to_n.unwrap_or(0);
            (r.country.as_str(), n)
        }))
    }

    fn legend(&self, _cx: &Context) -> Vec<(String, RGBColor)> {
        Vec::new()
    }

    fn body_height(&self) -> f64 {
        body_height(&self.dots())
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        draw(&self.dots(), &self.axis(cx), p, cx, top)
    }

    fn table(&self, cx: &Context) -> Table {
        Table {
            columns: vec![
                "theme",
                "theme_name",
                "country",
                "from_survey",
                "to_survey",
                "from_n",
                "to_n",
                "from_mean",
                "to_mean",
                "change",
                "ci_low",
                "ci_high",
                "suppressed",
            ],
            rows: self
                .rows
                .iter()
                .map(|r| {
                    let shown = !r.suppressed;
                    vec![
                        r.theme.as_str().into(),
                        cx.vocabulary.theme(&r.theme).into(),
                        r.country.as_str().into(),
                        self.from.as_str().into(),
                        self.to.as_str().into(),
                        r.from_n.filter(|_| shown).into(),
                        r.to_n.filter(|_| shown).into(),
                        r.from_mean.filter(|_| shown).into(),
                        r.to_mean.filter(|_| shown).into(),
                        r.change.filter(|_| shown).into(),
                        r.ci_low.filter(|_| shown).into(),
                        r.ci_high.filter(|_| shown).into(),
                        r.suppressed.into(),
                    ]
                })
                .collect(),
        }
    }
}

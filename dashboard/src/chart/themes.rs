//! Theme scores: means with intervals, by country and role.

use crate::i18n::Texts;
use std::collections::BTreeMap;

use analytics::{Role, ThemeScoreRow};
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::{
    AXIS, ChartName, Columns, Context, Figure, Table, country_rank,
    paint::{Anchor, Painter},
    palette::{self, BAND, INK, MUTED},
    role_rank,
};
use crate::error::Result;

/// Theme means with 95 % intervals; rows are theme × country × role.
#[derive(Debug, Clone)]
pub struct ThemeScores {
    rows: Vec<ThemeScoreRow>,
}

impl ThemeScores {
    /// Theme score rows grouped by country and role (either may be absent).
    pub fn new(mut rows: Vec<ThemeScoreRow>, cx: &Context) -> Self {
        rows.sort_by_key(|r| {
            (
                cx.vocabulary.theme_rank(&r.theme),
                r.theme.clone(),
                country_rank(r.keys.country.as_deref().unwrap_or("")),
                role_rank(r.keys.role),
            )
        });
        Self { rows }
    }

    fn themes(&self) -> usize {
        let mut themes: Vec<&str> = self.rows.iter().map(|r| r.theme.as_str()).collect();
        themes.dedup();
        themes.len()
    }

    fn roles(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = self.rows.iter().filter_map(|r| r.keys.role).collect();
        roles.sort_by_key(|r| role_rank(Some(*r)));
        roles.dedup();
        roles
    }
}

pub(super) fn label_width<DB: DrawingBackend>(
    p: &Painter<DB>,
    cx: &Context,
    codes: &[&str],
) -> Result<f64>
where
    DB::ErrorType: 'static,
{
    p.widest(codes.iter().map(|c| cx.lang.term_or_code(c)), 12.0)
}

impl Figure for ThemeScores {
    fn name(&self) -> ChartName {
        ChartName::ThemeScores
    }

    fn title(&self, cx: &Context) -> String {
        cx.lang.t("theme_scores_title").to_owned()
    }

    fn subtitle(&self, cx: &Context) -> Option<String> {
        Some(cx.lang.t("mean_axis").to_owned())
    }

    fn describe(&self, cx: &Context) -> String {
        let hidden = self.rows.iter().filter(|r| r.suppressed).count();
        cx.lang.fill(
            "desc.theme-scores",
            &[
                ("groups", &self.rows.len()),
                ("themes", &self.themes()),
                ("hidden", &hidden),
                ("k", &cx.k),
            ],
        )
    }

    fn n(&self) -> u64 {
        // Everyone answers every theme, so a group's size is its largest theme n.
        let mut groups: BTreeMap<(Option<&str>, Option<Role>), u64> = BTreeMap::new();
        for row in self.rows.iter().filter(|r| !r.suppressed) {
            let n = groups
                .entry((row.keys.country.as_deref(), row.keys.role))
                .or_default();
            *n = (*n).max(row.n.unwrap_or(0));
        }
        groups.values().sum()
    }

    fn legend(&self, cx: &Context) -> Vec<(String, RGBColor)> {
        self.roles()
            .iter()
            .map(|r| {
                (
                    cx.lang.term_or_code(r.code()).to_owned(),
                    palette::category(role_rank(Some(*r))),
                )
            })
            .collect()
    }

    fn body_height(&self) -> f64 {
        self.themes() as f64 * Columns::GROUP + self.rows.len() as f64 * Columns::ROW + AXIS + 8.0
    }

    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let codes: Vec<&str> = self
            .rows
            .iter()
            .filter_map(|r| r.keys.country.as_deref())
            .collect();
        let cols = Columns::new(label_width(p, cx, &codes)?);
        let range = (1.0, 5.0);
        let bottom = top + self.body_height() - AXIS;
        let ticks: Vec<(f64, String)> = (1..=5).map(|v| (f64::from(v), v.to_string())).collect();
        cols.axis(p, &ticks, range, (top, bottom), cx.lang.t("mean_axis"))?;

        let mut y = top;
        let mut previous: Option<(&str, Option<&str>)> = None;
        let mut band = false;
        for row in &self.rows {
            let country = row.keys.country.as_deref();
            if previous.is_none_or(|(theme, _)| theme != row.theme) {
                let name = p.fit(cx.vocabulary.theme(&row.theme), 13.0, cols.n_x - 16.0)?;
                p.bold(&name, (cols.label_x, y + 15.0), 13.0, INK, Anchor::Left)?;
                y += Columns::GROUP;
                previous = None;
            }
            let first_of_country = previous.is_none_or(|(_, c)| c != country);
            if first_of_country {
                band = !band;
            }
            if band {
                p.rect((cols.label_x, y), (cols.n_x, y + Columns::ROW), BAND)?;
            }
            let mid = y + Columns::ROW / 2.0;
            if first_of_country {
                let label = country.map_or_else(|| cx.lang.t("all"), |c| cx.lang.term_or_code(c));
                p.text(label, (cols.label_x, mid), 12.0, INK, Anchor::Left)?;
            }
            let color = palette::category(role_rank(row.keys.role));
            match (row.suppressed, row.mean, row.ci_low, row.ci_high) {
                (false, Some(mean), low, high) => {
                    if let (Some(low), Some(high)) = (low, high) {
                        let (x0, x1) = (cols.x(low.max(1.0), range), cols.x(high.min(5.0), range));
                        p.line(&[(x0, mid), (x1, mid)], color, 2.0)?;
                    }
                    // Shape as well as colour tells the roles apart.
                    let at = (cols.x(mean, range), mid);
                    if role_rank(row.keys.role) == 0 {
                        p.dot(at, 4.5, color)?;
                    } else {
                        p.square(at, 4.0, color)?;
                    }
                    let n = row.n.unwrap_or(0);
                    p.text(
                        &format!("n = {n}"),
                        (cols.n_x, mid),
                        11.0,
                        MUTED,
                        Anchor::Right,
                    )?;
                }
                _ => {
                    cols.suppressed(p, cx, mid)?;
                }
            }
            previous = Some((row.theme.as_str(), country));
            y += Columns::ROW;
        }
        Ok(())
    }

    fn table(&self, cx: &Context) -> Table {
        Table {
            columns: vec![
                "theme",
                "theme_name",
                "country",
                "role",
                "n",
                "mean",
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
                        r.keys.country.clone().into(),
                        r.keys.role.map(Role::code).into(),
                        r.n.filter(|_| shown).into(),
                        r.mean.filter(|_| shown).into(),
                        r.ci_low.filter(|_| shown).into(),
                        r.ci_high.filter(|_| shown).into(),
                        r.suppressed.into(),
                    ]
                })
                .collect(),
        }
    }
}

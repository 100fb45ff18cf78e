//! The charts: each turns comparison rows into a drawing (SVG or PNG) and into the table
//! of exactly the numbers it draws (CSV), all three carrying where they came from.

mod choices;
mod context;
mod cooccurrence;
mod differences;
mod freshness;
mod interviews;
mod kruskal;
mod likert;
mod names;
mod outline;
mod paint;
mod palette;
mod raster;
mod registry;
mod themes;
mod years;

use crate::i18n::Texts;
use std::fmt::Write as _;

use analytics::Role;
use plotters::prelude::*;
use plotters::style::RGBColor;

pub use choices::Choices;
pub use context::{Cell, Context, Provenance, Table, Vocabulary};
pub use cooccurrence::Cooccurrence;
pub use differences::{RoleGap, WaveChange};
pub use freshness::Freshness;
pub use interviews::ThemeFrequency;
pub use kruskal::CountryDifferences;
pub use likert::Likert;
pub use names::{ChartName, DEFAULT_PNG_SIZE, Format, MAX_PNG_SIDE, MIN_PNG_SIDE};
pub use registry::Registry;
pub use themes::ThemeScores;
pub use years::RegistryYears;

use crate::{
    csv,
    error::{Error, Result},
    font,
};
use paint::{Anchor, Painter, WIDTH};
use palette::{INK, MUTED, PAPER};

/// What every chart knows how to do; the frame (title, legend, notes) is shared.
pub(crate) trait Figure {
    fn name(&self) -> ChartName;
    fn title(&self, cx: &Context) -> String;
    /// A line under the title (the question, the unit).
    fn subtitle(&self, cx: &Context) -> Option<String>;
    /// A sentence or two for screen readers and the SVG `<desc>`.
    fn describe(&self, cx: &Context) -> String;
    fn n(&self) -> u64;
    fn legend(&self, cx: &Context) -> Vec<(String, RGBColor)>;
    fn body_height(&self) -> f64;
    fn draw_body<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context, top: f64) -> Result<()>
    where
        DB::ErrorType: 'static;
    fn table(&self, cx: &Context) -> Table;
}

/// A chart with its data, ready to be written in any [`Format`].
#[derive(Debug, Clone)]
pub enum Chart {
    /// See [`ChartName::Likert`].
    Likert(Likert),
    /// See [`ChartName::ThemeScores`].
    ThemeScores(ThemeScores),
    /// See [`ChartName::RoleGap`].
    RoleGap(RoleGap),
    /// See [`ChartName::CountryDifferences`].
    CountryDifferences(CountryDifferences),
    /// See [`ChartName::ThemeFrequency`].
    ThemeFrequency(ThemeFrequency),
    /// See [`ChartName::Registry`].
    Registry(Registry),
    /// See [`ChartName::Choices`].
    Choices(Choices),
    /// See [`ChartName::WaveChange`].
    WaveChange(WaveChange),
    /// See [`ChartName::Freshness`].
    Freshness(Freshness),
    /// See [`ChartName::ThemeCooccurrence`].
    ThemeCooccurrence(Cooccurrence),
    /// See [`ChartName::RegistryYears`].
    RegistryYears(RegistryYears),
}

macro_rules! dispatch {
    ($self:expr, $chart:ident => $body:expr) => {
        match $self {
            Chart::Likert($chart) => $body,
            Chart::ThemeScores($chart) => $body,
            Chart::RoleGap($chart) => $body,
            Chart::CountryDifferences($chart) => $body,
            Chart::ThemeFrequency($chart) => $body,
            Chart::Registry($chart) => $body,
            Chart::Choices($chart) => $body,
            Chart::WaveChange($chart) => $body,
            Chart::Freshness($chart) => $body,
            Chart::ThemeCooccurrence($chart) => $body,
            Chart::RegistryYears($chart) => $body,
        }
    };
}

const HEADER: f64 = 64.0;
const LEGEND: f64 = 28.0;
const FOOTER: f64 = 58.0;

impl Chart {
    /// The chart's name.
    pub fn name(&self) -> ChartName {
        dispatch!(self, c => c.name())
    }

    /// The chart's title in the context's language.
    pub fn title(&self, cx: &Context) -> String {
        dispatch!(self, c => c.title(cx))
    }

    /// A short text description, as in the SVG's `<desc>`.
    pub fn describe(&self, cx: &Context) -> String {
        dispatch!(self, c => c.describe(cx))
    }

    /// Where the chart came from.
    pub fn provenance(&self, cx: &Context) -> Provenance {
        Provenance {
            chart: self.name().slug(),
            title: self.title(cx),
            filters: cx.filters.iter().cloned().collect(),
            n: dispatch!(self, c => c.n()),
            k: cx.k,
            data_version: cx.data_version,
            made: cx.made.clone(),
            synthetic: cx.synthetic,
            lang: cx.lang.code(),
        }
    }

    /// The numbers the chart draws.
    pub fn table(&self, cx: &Context) -> Table {
        dispatch!(self, c => c.table(cx))
    }

    fn legend_height(&self, cx: &Context) -> f64 {
        if dispatch!(self, c => c.legend(cx)).is_empty() {
            0.0
        } else {
            LEGEND
        }
    }

    /// The natural height of the SVG, in pixels at a width of 960.
    pub fn height(&self, cx: &Context) -> f64 {
        HEADER + self.legend_height(cx) + dispatch!(self, c => c.body_height()) + FOOTER
    }

    fn paint<DB: DrawingBackend>(&self, p: &Painter<DB>, cx: &Context) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        p.fill(PAPER)?;
        p.bold(&self.title(cx), (16.0, 22.0), 19.0, INK, Anchor::Left)?;
        if let Some(subtitle) = dispatch!(self, c => c.subtitle(cx)) {
            let subtitle = p.fit(&subtitle, 13.0, WIDTH - 32.0)?;
            p.text(&subtitle, (16.0, 46.0), 13.0, MUTED, Anchor::Left)?;
        }
        let mut top = HEADER;
        let legend = dispatch!(self, c => c.legend(cx));
        if !legend.is_empty() {
            let mut x = 16.0;
            for (label, color) in &legend {
                p.rect((x, top + 5.0), (x + 14.0, top + 19.0), *color)?;
                p.text(label, (x + 20.0, top + 12.0), 12.0, INK, Anchor::Left)?;
                x += 20.0 + p.text_width(label, 12.0)? + 18.0;
            }
            top += LEGEND;
        }
        dispatch!(self, c => c.draw_body(p, cx, top))?;
        let bottom = top + dispatch!(self, c => c.body_height());
        let n = dispatch!(self, c => c.n());
        let mut note = format!(
            "n = {n} · {} · {} {}",
            cx.lang.t_k("hidden_note", cx.k),
            cx.lang.t("data_version"),
            cx.data_version
        );
        if !cx.filters.is_empty() {
            let filters: Vec<String> = cx.filters.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let _ = write!(note, " · {}", filters.join(", "));
        }
        let note = p.fit(&note, 11.0, WIDTH - 32.0)?;
        p.text(&note, (16.0, bottom + 18.0), 11.0, MUTED, Anchor::Left)?;
        if cx.synthetic {
            p.bold(
                cx.lang.t("synthetic"),
                (16.0, bottom + 38.0),
                12.0,
                palette::category(4),
                Anchor::Left,
            )?;
        }
        p.present()
    }

    /// The chart as an SVG file with `<title>`, `<desc>` and the provenance in
    /// `<metadata>`, its text as the outlines of its glyphs, so that it looks the same
    /// without the font installed. The same data and context give the same bytes.
    pub fn svg(&self, cx: &Context) -> Result<String> {
        let height = self.height(cx);
        let drawn = self.plotted(cx, (WIDTH as u32, height.ceil() as u32))?;
        self.with_head(cx, "chart", &outline::outlined(&drawn)?)
    }

    /// The chart as SVG with `<text>` (for a page, whose styles name the font), its
    /// element ids starting with `id`, so that several charts can be drawn into one page.
    pub fn svg_with_id(&self, cx: &Context, id: &str) -> Result<String> {
        let height = self.height(cx);
        let drawn = self.plotted(cx, (WIDTH as u32, height.ceil() as u32))?;
        self.with_head(cx, id, &drawn)
    }

    /// The chart as plotters writes it, laid out on `size` pixels.
    fn plotted(&self, cx: &Context, size: (u32, u32)) -> Result<String> {
        font::ensure()?;
        let mut body = String::new();
        {
            let backend = SVGBackend::with_string(&mut body, size);
            let painter = Painter::new(backend.into_drawing_area(), size, self.height(cx));
            self.paint(&painter, cx)?;
        }
        Ok(body)
    }

    /// `body` with the accessible name, description and provenance right after its
    /// opening `<svg ...>`.
    fn with_head(&self, cx: &Context, id: &str, body: &str) -> Result<String> {
        let provenance =
            serde_json::to_string(&self.provenance(cx)).map_err(|e| Error::Draw(Box::new(e)))?;
        let head = format!(
            "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n\
             <metadata id=\"{id}-provenance\">{}</metadata>\n",
            xml_escape(&self.title(cx)),
            xml_escape(&self.describe(cx)),
            xml_escape(&provenance)
        );
        let Some(open_end) = body
            .find("<svg")
            .and_then(|at| body[at..].find('>').map(|end| at + end))
        else {
            return Err(Error::Draw("no <svg> element was written".into()));
        };
        let (open, rest) = body.split_at(open_end);
        let open = open.replacen(
            "<svg ",
            &format!("<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" "),
            1,
        );
        Ok(format!("{open}>\n{head}{}", &rest[1..]))
    }

    /// The chart as a PNG of `width` × `height` pixels, with the title, description
    /// and provenance in text chunks.
    pub fn png(&self, cx: &Context, (width, height): (u32, u32)) -> Result<Vec<u8>> {
        for (field, value) in [("width", width), ("height", height)] {
            if !(MIN_PNG_SIDE..=MAX_PNG_SIDE).contains(&value) {
                return Err(Error::Invalid {
                    field: field.into(),
                    message: format!(
                        "{value} is out of range; a PNG side is {MIN_PNG_SIDE} to {MAX_PNG_SIDE} pixels"
                    ),
                });
            }
        }
        // Laid out on the PNG's pixels, then drawn by the same text path as the SVG file.
        let pixels = raster::rgb(&self.plotted(cx, (width, height))?, (width, height))?;
        let provenance =
            serde_json::to_string(&self.provenance(cx)).map_err(|e| Error::Draw(Box::new(e)))?;
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.add_itxt_chunk("Title".into(), self.title(cx))?;
        encoder.add_itxt_chunk("Description".into(), self.describe(cx))?;
        encoder.add_itxt_chunk("Provenance".into(), provenance)?;
        encoder.add_text_chunk("Software".into(), "youth collaboration hub".into())?;
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&pixels)?;
        writer.finish()?;
        Ok(out)
    }

    /// The numbers drawn, as CSV, after comment lines with the provenance.
    pub fn csv(&self, cx: &Context) -> String {
        let provenance = self.provenance(cx);
        let mut out = String::new();
        let _ = writeln!(out, "# chart: {}", provenance.chart);
        let _ = writeln!(out, "# title: {}", one_line(&provenance.title));
        for (name, value) in &provenance.filters {
            let _ = writeln!(out, "# filter: {name}={}", one_line(value));
        }
        let _ = writeln!(out, "# n: {}", provenance.n);
        let _ = writeln!(
            out,
            "# k: {} (groups with fewer people are suppressed)",
            provenance.k
        );
        let _ = writeln!(out, "# data version: {}", provenance.data_version);
        let _ = writeln!(out, "# made: {}", provenance.made);
        let _ = writeln!(out, "# language: {}", provenance.lang);
        if provenance.synthetic {
            let _ = writeln!(out, "# synthetic demo data, not real responses");
        }
        out.push_str(&csv::write_table(&self.table(cx)));
        out
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Formats a share as a whole percentage.
pub(crate) fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// The project's order of countries (as in the report), then any others by code.
pub fn country_rank(code: &str) -> (usize, String) {
    const ORDER: [&str; 5] = ["SE", "LV", "LT", "PT", "CY"];
    (
        ORDER.iter().position(|c| *c == code).unwrap_or(ORDER.len()),
        code.to_owned(),
    )
}

/// The order of roles in legends and rows: the project's order, no role last.
pub(crate) fn role_rank(role: Option<Role>) -> usize {
    role.and_then(|role| Role::ALL.iter().position(|r| *r == role))
        .unwrap_or(Role::ALL.len())
}

/// A row chart's columns: labels left, the plot in the middle, n at the right.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    pub label_x: f64,
    pub plot_x0: f64,
    pub plot_x1: f64,
    pub n_x: f64,
}

impl Columns {
    pub const ROW: f64 = 20.0;
    pub const GROUP: f64 = 26.0;

    pub fn new(label_width: f64) -> Self {
        let label_width = label_width.clamp(80.0, 300.0);
        Self {
            label_x: 16.0,
            plot_x0: 16.0 + label_width + 12.0,
            plot_x1: WIDTH - 120.0,
            n_x: WIDTH - 16.0,
        }
    }

    /// The x of `value` on a scale from `min` to `max`.
    pub fn x(&self, value: f64, (min, max): (f64, f64)) -> f64 {
        self.plot_x0 + (value - min) / (max - min) * (self.plot_x1 - self.plot_x0)
    }

    /// The note drawn in place of a suppressed group's marks: never a zero.
    pub fn suppressed<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        cx: &Context,
        mid: f64,
    ) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        p.text(
            &cx.lang.t_k("fewer_than_k", cx.k),
            (self.plot_x0 + 6.0, mid),
            11.0,
            MUTED,
            Anchor::Left,
        )
    }

    /// Vertical grid lines with labels under the plot.
    pub fn axis<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        ticks: &[(f64, String)],
        range: (f64, f64),
        (top, bottom): (f64, f64),
        caption: &str,
    ) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        for (value, label) in ticks {
            let x = self.x(*value, range);
            p.line(&[(x, top), (x, bottom)], palette::GRID, 1.0)?;
            p.text(label, (x, bottom + 10.0), 11.0, MUTED, Anchor::Centre)?;
        }
        p.text(
            caption,
            ((self.plot_x0 + self.plot_x1) / 2.0, bottom + 28.0),
            12.0,
            INK,
            Anchor::Centre,
        )
    }
}

/// Room under a row chart's plot for the tick labels and the axis caption.
pub(crate) const AXIS: f64 = 40.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_names_and_formats_parse_and_say_what_is_valid() {
        assert_eq!(ChartName::parse("role-gap").unwrap(), ChartName::RoleGap);
        let error = ChartName::parse("pie").unwrap_err().to_string();
        assert!(error.contains("likert, theme-scores, role-gap"), "{error}");
        assert_eq!(Format::parse("PNG").unwrap(), Format::Png);
        assert!(Format::parse("gif").unwrap_err().is_bad_input());
    }
}

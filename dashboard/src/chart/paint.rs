//! A thin layer over a plotters drawing area: charts lay out in logical units at a
//! natural width of 960, and the painter scales them to whatever size is drawn (the
//! SVG's natural size, or the PNG size asked for).

use plotters::{
    coord::Shift,
    element::{Drawable, PointCollection},
    prelude::*,
    style::text_anchor::{HPos, Pos, VPos},
};

use crate::{
    error::{Error, Result},
    font::FAMILY,
};

/// The width every chart is laid out for.
pub(crate) const WIDTH: f64 = 960.0;

/// Where a text sits relative to its point.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Anchor {
    /// Left edge, vertically centred.
    Left,
    /// Right edge, vertically centred.
    Right,
    /// Centred both ways.
    Centre,
}

/// Draws in logical units onto a plotters area.
pub(crate) struct Painter<DB: DrawingBackend> {
    area: DrawingArea<DB, Shift>,
    sx: f64,
    sy: f64,
    font_scale: f64,
}

impl<DB: DrawingBackend> Painter<DB>
where
    DB::ErrorType: 'static,
{
    /// A painter for an area of `pixels`, showing a layout of `WIDTH` × `height`.
    pub fn new(area: DrawingArea<DB, Shift>, pixels: (u32, u32), height: f64) -> Self {
        let sx = f64::from(pixels.0) / WIDTH;
        let sy = f64::from(pixels.1) / height;
        Self {
            area,
            sx,
            sy,
            font_scale: sx.min(sy),
        }
    }

    fn px(&self, (x, y): (f64, f64)) -> (i32, i32) {
        ((x * self.sx).round() as i32, (y * self.sy).round() as i32)
    }

    fn draw<E>(&self, element: &E) -> Result<()>
    where
        for<'b> &'b E: PointCollection<'b, (i32, i32)>,
        E: Drawable<DB>,
    {
        self.area.draw(element).map_err(Error::draw)
    }

    /// Fills the whole area.
    pub fn fill(&self, color: RGBColor) -> Result<()> {
        self.area.fill(&color).map_err(Error::draw)
    }

    /// A filled rectangle between two corners.
    pub fn rect(&self, from: (f64, f64), to: (f64, f64), color: RGBColor) -> Result<()> {
        self.draw(&Rectangle::new(
            [self.px(from), self.px(to)],
            color.filled(),
        ))
    }

    /// A line through `points`.
    pub fn line(&self, points: &[(f64, f64)], color: RGBColor, width: f64) -> Result<()> {
        let width = (width * self.font_scale).round().max(1.0) as u32;
        let points: Vec<_> = points.iter().map(|p| self.px(*p)).collect();
        self.draw(&PathElement::new(points, color.stroke_width(width)))
    }

    /// A filled circle of radius `r`.
    pub fn dot(&self, centre: (f64, f64), r: f64, color: RGBColor) -> Result<()> {
        let r = (r * self.font_scale).round().max(1.0) as i32;
        self.draw(&Circle::new(self.px(centre), r, color.filled()))
    }

    /// A filled square of half-side `r`, for a second series next to dots.
    pub fn square(&self, centre: (f64, f64), r: f64, color: RGBColor) -> Result<()> {
        let (x, y) = self.px(centre);
        let r = (r * self.font_scale).round().max(1.0) as i32;
        self.draw(&Rectangle::new(
            [(x - r, y - r), (x + r, y + r)],
            color.filled(),
        ))
    }

    fn style<'c>(
        &self,
        size: f64,
        color: &'c RGBColor,
        bold: bool,
        anchor: Anchor,
    ) -> TextStyle<'c> {
        let font_style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let pos = match anchor {
            Anchor::Left => Pos::new(HPos::Left, VPos::Center),
            Anchor::Right => Pos::new(HPos::Right, VPos::Center),
            Anchor::Centre => Pos::new(HPos::Center, VPos::Center),
        };
        TextStyle::from((FAMILY, size * self.font_scale, font_style).into_font())
            .color(color)
            .pos(pos)
    }

    /// A line of text at `at`.
    pub fn text(
        &self,
        text: &str,
        at: (f64, f64),
        size: f64,
        color: RGBColor,
        anchor: Anchor,
    ) -> Result<()> {
        let style = self.style(size, &color, false, anchor);
        self.area
            .draw_text(text, &style, self.px(at))
            .map_err(Error::draw)
    }

    /// A line of bold text at `at`.
    pub fn bold(
        &self,
        text: &str,
        at: (f64, f64),
        size: f64,
        color: RGBColor,
        anchor: Anchor,
    ) -> Result<()> {
        let style = self.style(size, &color, true, anchor);
        self.area
            .draw_text(text, &style, self.px(at))
            .map_err(Error::draw)
    }

    /// The width of `text` in logical units.
    pub fn text_width(&self, text: &str, size: f64) -> Result<f64> {
        let style = TextStyle::from((FAMILY, size).into_font());
        let (w, _) = self
            .area
            .estimate_text_size(text, &style)
            .map_err(Error::draw)?;
        Ok(f64::from(w))
    }

    /// The width of the widest of `texts`, for a label column.
    pub fn widest<S: AsRef<str>>(
        &self,
        texts: impl IntoIterator<Item = S>,
        size: f64,
    ) -> Result<f64> {
        let mut widest: f64 = 0.0;
        for text in texts {
            widest = widest.max(self.text_width(text.as_ref(), size)?);
        }
        Ok(widest)
    }

    /// `text`, cut with an ellipsis so that it fits `width`.
    pub fn fit(&self, text: &str, size: f64, width: f64) -> Result<String> {
        if self.text_width(text, size)? <= width {
            return Ok(text.to_owned());
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let cut: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
            if self.text_width(&cut, size)? <= width {
                return Ok(cut);
            }
        }
        Ok("…".into())
    }

    /// Finishes drawing.
    pub fn present(&self) -> Result<()> {
        self.area.present().map_err(Error::draw)
    }
}

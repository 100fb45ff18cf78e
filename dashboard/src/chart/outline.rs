//! An SVG file's text as glyph outlines, each glyph defined once and placed with
//! `<use>`: the file looks the same without the font installed (Word, PowerPoint,
//! Illustrator) and stays small. The text is shaped as the PNG's is (rustybuzz, the
//! shaper `usvg` uses, with the embedded DejaVu Sans), and placed as `usvg` places
//! plotters' `<text>`: `dy="0.5ex"` is a quarter of the font size, and `text-anchor`
//! moves it by its advance width.

use std::{collections::BTreeMap, fmt::Write as _};

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};

use crate::{
    error::{Error, Result},
    font,
};

/// A glyph's outline as path data, in font units with y up.
struct PathData(String);

impl OutlineBuilder for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

/// The value of attribute `name` in an element's attribute text.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let start = attributes.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = attributes[start..].find('"')?;
    Some(&attributes[start..start + len])
}

fn number(attributes: &str, name: &str) -> Result<f64> {
    (attribute(attributes, name))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| Error::Draw(format!("a <text> without a number {name}").into()))
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `svg` (as plotters writes it) with its `<text>` elements drawn as glyph outlines.
pub(crate) fn outlined(svg: &str) -> Result<String> {
    let face = rustybuzz::Face::from_slice(font::DEJAVU_SANS, 0)
        .ok_or_else(|| Error::Draw("the embedded DejaVu Sans font cannot be read".into()))?;
    let units = f64::from(face.units_per_em());
    let mut glyphs: BTreeMap<u16, String> = BTreeMap::new();
    let mut body = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        body.push_str(&rest[..start]);
        let element = &rest[start..];
        let (Some(open_end), Some(close)) = (element.find('>'), element.find("</text>")) else {
            return Err(Error::Draw("an unclosed <text>".into()));
        };
        let attributes = &element[5..open_end];
        // As SVG reads text without `xml:space`: runs of white space are one space, and
        // none leads or trails (plotters writes the text on a line of its own).
        let raw = unescape(&element[open_end + 1..close]);
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        rest = &element[close + "</text>".len()..];
        let size = number(attributes, "font-size")?;
        let scale = size / units;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&text);
        let shaped = rustybuzz::shape(&face, &[], buffer);
        let advance: i64 = shaped
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        let width = advance as f64 * scale;
        let x = number(attributes, "x")?
            - match attribute(attributes, "text-anchor") {
                Some("middle") => width / 2.0,
                Some("end") => width,
                _ => 0.0,
            };
        // `dy="0.5ex"`: an ex is half the font size in usvg, as in CSS without metrics.
        let y = number(attributes, "y")?
            + if attribute(attributes, "dy") == Some("0.5ex") {
                size / 4.0
            } else {
                0.0
            };
        let fill = attribute(attributes, "fill").unwrap_or("#000000");
        let opacity = attribute(attributes, "opacity").unwrap_or("1");
        let _ = write!(
            body,
            "<g fill=\"{fill}\" opacity=\"{opacity}\" transform=\"translate({x:.2} {y:.2}) scale({scale:.6} {:.6})\">",
            -scale
        );
        let mut pen: i64 = 0;
        for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let id = info.glyph_id as u16;
            let drawn = glyphs.entry(id).or_insert_with(|| {
                let mut path = PathData(String::new());
                face.outline_glyph(GlyphId(id), &mut path);
                path.0
            });
            if !drawn.is_empty() {
                let _ = write!(
                    body,
                    "<use xlink:href=\"#glyph-{id}\" x=\"{}\" y=\"{}\"/>",
                    pen + i64::from(position.x_offset),
                    position.y_offset
                );
            }
            pen += i64::from(position.x_advance);
        }
        body.push_str("</g>");
    }
    body.push_str(rest);
    let mut defs = String::from("<defs>");
    for (id, path) in glyphs.iter().filter(|(_, p)| !p.is_empty()) {
        let _ = write!(defs, "<path id=\"glyph-{id}\" d=\"{path}\"/>");
    }
    defs.push_str("</defs>\n");
    let Some(open_end) = body
        .find("<svg")
        .and_then(|at| body[at..].find('>').map(|end| at + end))
    else {
        return Err(Error::Draw("no <svg> element was written".into()));
    };
    let open = &body[..open_end];
    let xlink = if open.contains("xmlns:xlink") {
        ""
    } else {
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
    };
    Ok(format!("{open}{xlink}>\n{defs}{}", &body[open_end + 1..]))
}

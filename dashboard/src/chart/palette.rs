//! Colours that people with the common forms of colour blindness can tell apart: the
//! Okabe–Ito palette for categories, ColorBrewer's PuOr for the agree–disagree scale and
//! a single-hue blue ramp for counts.

use plotters::style::RGBColor;

/// Text and axes.
pub(crate) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text: notes, n, suppressed groups.
pub(crate) const MUTED: RGBColor = RGBColor(0x5f, 0x5f, 0x5f);
/// Grid lines.
pub(crate) const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
/// Alternate row bands.
pub(crate) const BAND: RGBColor = RGBColor(0xf4, 0xf4, 0xf4);
/// Background.
pub(crate) const PAPER: RGBColor = RGBColor(0xff, 0xff, 0xff);

const OKABE_ITO: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xb2), // blue
    RGBColor(0xe6, 0x9f, 0x00), // orange
    RGBColor(0x00, 0x9e, 0x73), // bluish green
    RGBColor(0xcc, 0x79, 0xa7), // reddish purple
    RGBColor(0xd5, 0x5e, 0x00), // vermillion
    RGBColor(0x56, 0xb4, 0xe9), // sky blue
    RGBColor(0x00, 0x00, 0x00), // black
];

/// The colour of the `i`th category (roles, countries, options).
pub(crate) fn category(i: usize) -> RGBColor {
    OKABE_ITO[i % OKABE_ITO.len()]
}

/// The colours of a five-point agree–disagree scale, disagree first.
pub(crate) const LIKERT: [RGBColor; 5] = [
    RGBColor(0xe6, 0x61, 0x01),
    RGBColor(0xfd, 0xb8, 0x63),
    RGBColor(0xd9, 0xd9, 0xd9),
    RGBColor(0xb2, 0xab, 0xd2),
    RGBColor(0x5e, 0x3c, 0x99),
];

/// A blue from light (0) to dark (1), for heatmap cells.
pub(crate) fn ramp(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let (light, dark) = ((0xf7, 0xfb, 0xff), (0x08, 0x30, 0x6b));
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(
        mix(light.0, dark.0),
        mix(light.1, dark.1),
        mix(light.2, dark.2),
    )
}

/// Text that reads on a cell of `ramp(t)`.
pub(crate) fn ink_on_ramp(t: f64) -> RGBColor {
    if t > 0.55 { PAPER } else { INK }
}

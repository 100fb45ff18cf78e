//! One text path for every format. Plotters lays a chart out and writes it as SVG with
//! `<text>` elements; `usvg` shapes that text with the embedded DejaVu Sans (advance
//! widths, kerning, combining marks) and `resvg` rasterises the PNG from it, as the SVG
//! file's outlines are shaped (see `outline`). Plotters' own bitmap text placed letters
//! by their boxes, so "Latvija" came out as "Latvi ja".

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::{
    error::{Error, Result},
    font,
};

/// The parser's options: the embedded font and nothing from the system, so that every
/// machine draws the same.
fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut fonts = usvg::fontdb::Database::new();
        fonts.load_font_data(font::DEJAVU_SANS.to_vec());
        usvg::Options {
            font_family: font::FAMILY.to_owned(),
            fontdb: Arc::new(fonts),
            ..usvg::Options::default()
        }
    })
}

fn parse(svg: &str) -> Result<usvg::Tree> {
    usvg::Tree::from_str(svg, options()).map_err(|e| Error::Draw(Box::new(e)))
}

/// `svg` rasterised at `width` × `height` pixels, as RGB bytes (the charts paint an
/// opaque background).
pub(crate) fn rgb(svg: &str, (width, height): (u32, u32)) -> Result<Vec<u8>> {
    let tree = parse(svg)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Error::Draw(format!("no {width} × {height} image").into()))?;
    let size = tree.size();
    let scale = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    Ok(pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|px| [px[0], px[1], px[2]])
        .collect())
}

//! The one font every chart uses, embedded so that PNGs render the same everywhere.
//!
//! DejaVu Sans has the Latvian (ā, ņ, ļ), Lithuanian (ą, ė, ų), Portuguese (ã, ç) and
//! Greek letters the partners write; its licence is in `fonts/DejaVuSans-LICENSE.txt`.
//! SVGs name the same family, with the viewer's sans-serif as the fallback.

use std::sync::OnceLock;

use plotters::style::{FontStyle, register_font};

use crate::error::{Error, Result};

/// The family name charts use.
pub const FAMILY: &str = "DejaVu Sans";

pub(crate) static DEJAVU_SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// Registers the font with plotters once per process; plotters measures and rasterises
/// text with it.
pub(crate) fn ensure() -> Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, DEJAVU_SANS).is_ok()
            && register_font(FAMILY, FontStyle::Bold, DEJAVU_SANS).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(Error::Draw(
            "the embedded DejaVu Sans font cannot be read".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use ab_glyph::{Font, FontRef};

    use super::DEJAVU_SANS;

    #[test]
    fn every_letter_of_the_interface_and_the_partners_languages_has_a_glyph() {
        let font = FontRef::try_from_slice(DEJAVU_SANS).unwrap();
        let sample =
            "āčēģīķļņšūž ąčęėįšųūž ãâáàçéêíóôõú αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΚΥΠΡΟΣ åäö –·…“”";
        let mut missing: Vec<char> = crate::i18n::all_texts()
            .chain([sample])
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace() && font.glyph_id(*c).0 == 0)
            .collect();
        missing.sort_unstable();
        missing.dedup();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
    }

    #[test]
    fn a_letter_outside_the_font_is_detected() {
        let font = FontRef::try_from_slice(DEJAVU_SANS).unwrap();
        // Han characters are not in DejaVu Sans: the check above can fail.
        assert_eq!(font.glyph_id('漢').0, 0);
    }
}

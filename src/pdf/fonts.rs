//! The one typeface every printout uses: DejaVu Sans, regular and bold, shipped in
//! `assets/fonts/` with its licence and compiled into the binary. The PDF's 14
//! built-in fonts know only Windows-1252, so "Нина Петрова" or "Nguyễn Thị Hồng" would
//! print as question marks; DejaVu covers Latin (with Vietnamese), Greek and Cyrillic.
//! printpdf embeds only the glyphs a document uses (subsetting), so a sheet carries
//! a few kilobytes of font, not the 1.4 MB of both files.
//!
//! Widths come from the font's own `hmtx` table, so wrapping matches what is drawn.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::{Error, Result};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// One face, parsed once, with the advance of the printable ASCII characters kept at
/// hand (most of what is measured) in thousandths of an em.
pub struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
    ascii: [f32; 128],
    missing: f32,
}

impl Face {
    fn load(bytes: &[u8]) -> Option<Face> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut face = Face {
            parsed,
            units_per_em,
            ascii: [0.0; 128],
            missing: 0.0,
        };
        face.missing = face.lookup('?').unwrap_or(600.0);
        for c in 0u8..128 {
            face.ascii[usize::from(c)] = face.lookup(char::from(c)).unwrap_or(face.missing);
        }
        Some(face)
    }

    fn lookup(&self, c: char) -> Option<f32> {
        let glyph = self.parsed.lookup_glyph_index(u32::from(c))?;
        let advance = f32::from(self.parsed.get_horizontal_advance(glyph));
        Some(advance * 1000.0 / self.units_per_em)
    }

    /// Whether the face has a glyph for `c` (tests check every script we promise).
    pub fn covers(&self, c: char) -> bool {
        self.parsed.lookup_glyph_index(u32::from(c)).is_some()
    }

    /// The width of `text` set at `size` points, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let thousandths: f32 = text
            .chars()
            .map(|c| match usize::try_from(u32::from(c)) {
                Ok(i) if i < 128 => self.ascii[i],
                _ => self.lookup(c).unwrap_or(self.missing),
            })
            .sum();
        thousandths * size / 1000.0
    }
}

/// Regular and bold.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();

/// The fonts, parsed on first use and kept for the life of the process (parsing both
/// files takes longer than laying out a huddle sheet).
pub fn fonts() -> Result<&'static Fonts> {
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: Face::load(REGULAR)?,
                bold: Face::load(BOLD)?,
            })
        })
        .as_ref()
        .ok_or_else(|| Error::Internal("the printout font could not be read".into()))
}

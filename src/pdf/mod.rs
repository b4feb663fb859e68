//! The layout every printout shares, built once on printpdf: a page frame (clinic,
//! title, date printed, "Page N of M", the confidentiality line), text measured and
//! wrapped with the embedded font, tables whose header repeats on every page and whose
//! rows never split, page breaks at the bottom margin, ruled lines to write on, and
//! small vector charts. Each printout (`src/printouts/`) is a function from plain data
//! to a [`Document`]; none of them touches printpdf.

mod chart;
mod document;
pub mod fonts;
mod page;
mod table;
mod wrap;

use serde::{Deserialize, Serialize};

pub use chart::Chart;
pub use document::{CONFIDENTIAL, Document, FrameWords, Pdf, Style};
pub use page::Ink;
pub use table::{Cell, Column, Table};

/// Paper size, a clinic setting: US Letter or ISO A4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    Letter,
    A4,
}

impl Paper {
    pub fn parse(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "letter" | "us-letter" => Some(Paper::Letter),
            "a4" => Some(Paper::A4),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
        }
    }
}

/// What frames every page of one document.
#[derive(Debug, Clone)]
pub struct Setup {
    pub clinic: String,
    pub title: String,
    /// When it was printed, as the footer and header show it ("2026-12-03 08:14").
    pub printed: String,
    pub paper: Paper,
    pub landscape: bool,
    /// The frame's own words, in the document's language.
    pub words: FrameWords,
}

//! A document laid out top to bottom: a cursor moves down the current page, and a
//! block that does not fit on what is left of it starts a new page. The page frame
//! (clinic, title, date printed, "Page N of M", the confidentiality line) is drawn
//! when the document is finished, once the number of pages is known: the two passes
//! "N of M" needs.

use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};
use unicode_normalization::UnicodeNormalization;

use super::fonts::{Fonts, fonts};
use super::page::{Ink, Page};
use super::wrap::{truncate, wrap};
use super::{Paper, Setup};
use crate::error::{Error, Result};

pub const CONFIDENTIAL: &str = "Confidential — contains protected health information";

/// The words the page frame prints around a document's own: templates with `{when}`
/// (the date printed), `{n}` and `{total}` (the page number and count). A document in
/// the patient's language passes its own; every other document prints English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameWords {
    /// "Printed {when}".
    pub printed: &'static str,
    /// "Page {n} of {total}".
    pub page: &'static str,
    pub confidential: &'static str,
}

impl FrameWords {
    pub const ENGLISH: FrameWords = FrameWords {
        printed: "Printed {when}",
        page: "Page {n} of {total}",
        confidential: CONFIDENTIAL,
    };
}

impl Default for FrameWords {
    fn default() -> Self {
        FrameWords::ENGLISH
    }
}

/// Text style: size in points and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub ink: Ink,
}

impl Style {
    pub const fn body(size: f32) -> Style {
        Style {
            size,
            bold: false,
            ink: Ink::Black,
        }
    }
    pub const fn bold(size: f32) -> Style {
        Style {
            size,
            bold: true,
            ink: Ink::Black,
        }
    }
    pub const fn ink(self, ink: Ink) -> Style {
        Style { ink, ..self }
    }
    /// The distance between baselines.
    pub fn leading(self) -> f32 {
        self.size * 1.25
    }
}

const MARGIN: f32 = 36.0; // half an inch
const HEADER: f32 = 44.0;
const FOOTER: f32 = 24.0;

pub struct Document {
    setup: Setup,
    pub(crate) fonts: &'static Fonts,
    width: f32,
    height: f32,
    pages: Vec<Page>,
    /// Where the next block starts on the last page, from the top.
    y: f32,
}

impl Document {
    pub fn new(setup: Setup) -> Result<Document> {
        let (w, h) = setup.paper.points();
        let (width, height) = if setup.landscape { (h, w) } else { (w, h) };
        let mut doc = Document {
            setup,
            fonts: fonts()?,
            width,
            height,
            pages: Vec::new(),
            y: 0.0,
        };
        doc.new_page();
        Ok(doc)
    }

    /// The left edge of the content.
    pub fn left(&self) -> f32 {
        MARGIN
    }
    /// The width content may use.
    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }
    fn top(&self) -> f32 {
        MARGIN + HEADER
    }
    fn bottom(&self) -> f32 {
        self.height - MARGIN - FOOTER
    }
    /// The height of a whole page's content area.
    pub fn page_room(&self) -> f32 {
        self.bottom() - self.top()
    }
    /// What is left on the current page.
    pub fn room(&self) -> f32 {
        self.bottom() - self.y
    }
    pub fn at_top(&self) -> bool {
        self.y <= self.top() + 0.01
    }
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.top();
    }

    /// Starts a new page unless `height` fits on this one (or this one is still empty:
    /// a block taller than a page goes on a page of its own).
    pub fn ensure(&mut self, height: f32) {
        if height > self.room() && !self.at_top() {
            self.new_page();
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.y = (self.y + height).min(self.bottom());
    }

    /// The current page and where the cursor is on it, for a block that draws itself
    /// (tables, charts); it must call [`Document::advance`] with the height it used.
    pub fn canvas(&mut self) -> (&mut Page, f32) {
        if self.pages.is_empty() {
            self.new_page();
        }
        let (y, last) = (self.y, self.pages.len() - 1);
        (&mut self.pages[last], y)
    }

    pub fn advance(&mut self, height: f32) {
        self.y += height;
    }

    /// Text wrapped to `width`, in composed Unicode (NFC).
    pub fn lines(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let text: String = text.nfc().collect();
        wrap(self.fonts.face(style.bold), &text, style.size, width)
    }

    pub fn text_width(&self, text: &str, style: Style) -> f32 {
        self.fonts.face(style.bold).width(text, style.size)
    }

    pub fn fit(&self, text: &str, style: Style, width: f32) -> String {
        let text: String = text.nfc().collect();
        truncate(self.fonts.face(style.bold), &text, style.size, width)
    }

    /// A paragraph across the content width, indented by `indent`; it may continue on
    /// the next page between lines.
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let width = self.content_width() - indent;
        for line in self.lines(text, style, width) {
            self.ensure(style.leading());
            let (x, y) = (self.left() + indent, self.y + style.size);
            let (page, _) = self.canvas();
            page.text_in(x, y, style.size, style.bold, style.ink, line);
            self.advance(style.leading());
        }
    }

    /// A section heading with a rule under it, kept with at least `keep` points of
    /// what follows.
    pub fn heading(&mut self, text: &str, size: f32, keep: f32) {
        self.ensure(size * 1.6 + keep + 4.0);
        if !self.at_top() {
            self.gap(4.0);
        }
        let (x, w) = (self.left(), self.content_width());
        let text = self.fit(text, Style::bold(size), w);
        let (page, y) = self.canvas();
        page.text(x, y + size, size, true, text);
        page.rule(
            x,
            y + size * 1.35,
            x + w,
            y + size * 1.35,
            0.6,
            Ink::Grey(0.55),
        );
        self.advance(size * 1.6);
    }

    /// Label: value pairs in two columns of a fixed label width, each kept whole.
    pub fn fields(&mut self, pairs: &[(&str, String)], size: f32, label_width: f32) {
        let (label, value) = (Style::bold(size), Style::body(size));
        let value_width = self.content_width() - label_width;
        for (name, text) in pairs {
            let lines = self.lines(text, value, value_width);
            self.ensure(lines.len() as f32 * value.leading());
            let x = self.left();
            let name = self.fit(name, label, label_width - 6.0);
            let (page, y) = self.canvas();
            page.text(x, y + size, size, true, name);
            for (i, line) in lines.iter().enumerate() {
                let baseline = y + size + i as f32 * value.leading();
                page.text(x + label_width, baseline, size, false, line.clone());
            }
            self.advance(lines.len() as f32 * value.leading());
        }
    }

    /// Ruled lines to write on by hand, under a label: `count` of them, or as many as
    /// are left on the page if that is at least two (a page of its own for two lines of
    /// notes wastes paper).
    pub fn writing_lines(&mut self, label: &str, count: usize, spacing: f32) {
        let style = Style::bold(9.0);
        let fits = ((self.room() - style.leading() - 4.0) / spacing)
            .floor()
            .max(0.0) as usize;
        let count = if fits >= count.min(2) {
            count.min(fits)
        } else {
            self.new_page();
            count
        };
        let (x, w) = (self.left(), self.content_width());
        let (page, y) = self.canvas();
        page.text(x, y + style.size, style.size, true, label);
        for i in 1..=count {
            let ly = y + style.leading() + i as f32 * spacing;
            page.rule(x, ly, x + w, ly, 0.4, Ink::Grey(0.6));
        }
        self.advance(style.leading() + count as f32 * spacing + 4.0);
    }

    /// The finished PDF: every page framed, fonts embedded (subset), streams compressed.
    pub fn finish(self) -> Result<Pdf> {
        let total = self.pages.len();
        let mut pdf = PdfDocument::new(&self.setup.title);
        let regular = pdf.add_font(&self.fonts.regular.parsed);
        let bold = pdf.add_font(&self.fonts.bold.parsed);
        let (w_mm, h_mm) = (self.width / 72.0 * 25.4, self.height / 72.0 * 25.4);
        let mut out = Vec::with_capacity(total);
        for (i, mut page) in self.pages.into_iter().enumerate() {
            frame(
                &mut page,
                &self.setup,
                self.fonts,
                self.width,
                self.height,
                i + 1,
                total,
            );
            let ops = page.ops(self.height, &regular, &bold);
            out.push(PdfPage::new(Mm(w_mm), Mm(h_mm), ops));
        }
        let mut warnings = Vec::new();
        let bytes = pdf
            .with_pages(out)
            .save(&PdfSaveOptions::default(), &mut warnings);
        if bytes.is_empty() {
            return Err(Error::Internal("the PDF could not be written".into()));
        }
        Ok(Pdf {
            bytes,
            pages: total,
        })
    }
}

/// A finished PDF and how many pages it has.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// The header and footer of page `n` of `total`.
fn frame(
    page: &mut Page,
    setup: &Setup,
    fonts: &Fonts,
    width: f32,
    height: f32,
    n: usize,
    total: usize,
) {
    let (left, right) = (MARGIN, width - MARGIN);
    let nfc = |s: &str| -> String { s.nfc().collect() };
    let words = &setup.words;
    let printed = nfc(&words.printed.replace("{when}", &setup.printed));
    let printed_w = fonts.regular.width(&printed, 8.0);
    let clinic = truncate(
        &fonts.bold,
        &nfc(&setup.clinic),
        9.0,
        right - left - printed_w - 12.0,
    );
    page.text(left, MARGIN + 9.0, 9.0, true, clinic);
    page.text_in(
        right - printed_w,
        MARGIN + 9.0,
        8.0,
        false,
        Ink::Grey(0.3),
        printed,
    );
    let title = truncate(&fonts.bold, &nfc(&setup.title), 15.0, right - left);
    page.text(left, MARGIN + 28.0, 15.0, true, title);
    page.rule(left, MARGIN + 35.0, right, MARGIN + 35.0, 1.0, Ink::Black);

    let base = height - MARGIN - 4.0;
    page.rule(left, base - 12.0, right, base - 12.0, 0.5, Ink::Grey(0.5));
    page.text_in(
        left,
        base,
        8.0,
        false,
        Ink::Grey(0.2),
        nfc(words.confidential),
    );
    let number = nfc(&words
        .page
        .replace("{n}", &n.to_string())
        .replace("{total}", &total.to_string()));
    let number_w = fonts.bold.width(&number, 8.0);
    page.text_in(right - number_w, base, 8.0, true, Ink::Black, number);
}

impl Paper {
    /// Width and height in points, portrait.
    pub fn points(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.276, 841.89),
        }
    }
}

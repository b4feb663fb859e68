//! What is drawn on a page, in the layout's own terms (points, measured from the top
//! left like a reader reads), and its translation into printpdf's operations (measured
//! from the bottom left). Documents never build printpdf operations themselves.

use printpdf::{
    Color, FontId, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfFontHandle,
    Point, Pt, Rect, Rgb, TextItem,
};

/// Ink: black for text, greys for rules and fills, one accent for charts and flags.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ink {
    Black,
    Grey(f32),
    Accent,
    Alert,
}

impl Ink {
    fn color(self) -> Color {
        match self {
            Ink::Black => Color::Greyscale(Greyscale::new(0.0, None)),
            Ink::Grey(g) => Color::Greyscale(Greyscale::new(g, None)),
            Ink::Accent => Color::Rgb(Rgb::new(0.11, 0.36, 0.62, None)),
            Ink::Alert => Color::Rgb(Rgb::new(0.70, 0.10, 0.10, None)),
        }
    }
}

/// One thing drawn. `y` of text is its baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        ink: Ink,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        ink: Ink,
        dashed: bool,
    },
    /// A polyline through `points` (a chart's series).
    Path {
        points: Vec<(f32, f32)>,
        width: f32,
        ink: Ink,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        ink: Ink,
    },
}

/// One page's marks.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub marks: Vec<Mark>,
}

impl Page {
    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: impl Into<String>) {
        self.text_in(x, y, size, bold, Ink::Black, text);
    }

    pub fn text_in(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        ink: Ink,
        text: impl Into<String>,
    ) {
        let text = text.into();
        if text.is_empty() {
            return;
        }
        self.marks.push(Mark::Text {
            x,
            y,
            size,
            bold,
            ink,
            text,
        });
    }

    pub fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, ink: Ink) {
        self.marks.push(Mark::Line {
            from: (x1, y1),
            to: (x2, y2),
            width,
            ink,
            dashed: false,
        });
    }

    pub fn dashed(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, ink: Ink) {
        self.marks.push(Mark::Line {
            from: (x1, y1),
            to: (x2, y2),
            width,
            ink,
            dashed: true,
        });
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, ink: Ink) {
        self.marks.push(Mark::Fill { x, y, w, h, ink });
    }

    /// The outline of a box.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32, ink: Ink) {
        self.rule(x, y, x + w, y, width, ink);
        self.rule(x + w, y, x + w, y + h, width, ink);
        self.rule(x + w, y + h, x, y + h, width, ink);
        self.rule(x, y + h, x, y, width, ink);
    }

    /// printpdf operations for a page `height` points tall.
    pub fn ops(&self, height: f32, regular: &FontId, bold: &FontId) -> Vec<Op> {
        let at = |x: f32, y: f32| Point {
            x: Pt(x),
            y: Pt(height - y),
        };
        let mut ops = Vec::with_capacity(self.marks.len() * 6);
        for mark in &self.marks {
            match mark {
                Mark::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    ink,
                    text,
                } => {
                    let font = if *b { bold } else { regular };
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFillColor { col: ink.color() });
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font.clone()),
                        size: Pt(*size),
                    });
                    ops.push(Op::SetTextCursor { pos: at(*x, *y) });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(text.clone())],
                    });
                    ops.push(Op::EndTextSection);
                }
                Mark::Line {
                    from,
                    to,
                    width,
                    ink,
                    dashed,
                } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetOutlineColor { col: ink.color() });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    if *dashed {
                        ops.push(Op::SetLineDashPattern {
                            dash: LineDashPattern::new(0.0, &[3.0, 2.0]),
                        });
                    }
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![point(at(from.0, from.1)), point(at(to.0, to.1))],
                            is_closed: false,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Mark::Path { points, width, ink } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetOutlineColor { col: ink.color() });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: points.iter().map(|&(x, y)| point(at(x, y))).collect(),
                            is_closed: false,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Mark::Fill { x, y, w, h, ink } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetFillColor { col: ink.color() });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(height - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
            }
        }
        ops
    }
}

fn point(p: Point) -> LinePoint {
    LinePoint { p, bezier: false }
}

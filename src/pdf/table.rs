//! Tables: columns with relative widths, rows as tall as their tallest cell, the header
//! row repeated at the top of every page the table reaches, and a row never split
//! across two pages (a row that would not fit starts the next page).

use super::document::{Document, Style};
use super::page::Ink;

/// A column: its heading and its share of the table's width.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub weight: f32,
}

impl Column {
    pub fn new(title: &str, weight: f32) -> Column {
        Column {
            title: title.to_owned(),
            weight,
        }
    }
}

/// A cell: pieces of text one under the other, each in its own style (a name in bold
/// with the MRN under it, a value with its date in small type).
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub parts: Vec<(String, Style)>,
}

impl Cell {
    pub fn new() -> Cell {
        Cell::default()
    }
    pub fn text(text: impl Into<String>, size: f32) -> Cell {
        Cell::new().then(text, Style::body(size))
    }
    /// Adds a piece under the others; empty text adds nothing.
    pub fn then(mut self, text: impl Into<String>, style: Style) -> Cell {
        let text = text.into();
        if !text.trim().is_empty() {
            self.parts.push((text, style));
        }
        self
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub header_size: f32,
    /// The least height of a row: room to write by hand on a huddle sheet.
    pub min_row_height: f32,
    /// Shade every other row.
    pub zebra: bool,
}

const PAD: f32 = 3.5;

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            header_size: 8.0,
            min_row_height: 0.0,
            zebra: true,
        }
    }
}

/// One cell's wrapped lines with their styles.
type Laid = Vec<(String, Style)>;

impl Document {
    /// Lays a table out from the cursor down, over as many pages as it needs.
    pub fn table(&mut self, table: &Table) {
        let total: f32 = table
            .columns
            .iter()
            .map(|c| c.weight)
            .sum::<f32>()
            .max(0.001);
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| c.weight / total * self.content_width())
            .collect();
        let header_style = Style::bold(table.header_size);
        let headers: Vec<Laid> = table
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| self.lay(&[(c.title.clone(), header_style)], *w))
            .collect();
        let header_height = height_of(&headers);
        let mut header_drawn = false;
        for (index, row) in table.rows.iter().enumerate() {
            let cells: Vec<Laid> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| self.lay(&cell.parts, *w))
                .collect();
            let mut height = height_of(&cells).max(table.min_row_height);
            // A row taller than a whole page keeps what fits and says it was cut.
            let most = self.page_room() - header_height;
            let cells = if height > most {
                height = most;
                cells.into_iter().map(|c| clip(c, most)).collect()
            } else {
                cells
            };
            if !header_drawn || height > self.room() {
                if height + header_height > self.room() && !self.at_top() {
                    self.new_page();
                }
                self.row(&headers, &widths, header_height, Some(Ink::Grey(0.85)));
                header_drawn = true;
            }
            let shade = (table.zebra && index % 2 == 1).then_some(Ink::Grey(0.95));
            self.row(&cells, &widths, height, shade);
        }
    }

    fn lay(&self, parts: &[(String, Style)], width: f32) -> Laid {
        let mut out = Vec::new();
        for (text, style) in parts {
            for line in self.lines(text, *style, width - 2.0 * PAD) {
                out.push((line, *style));
            }
        }
        out
    }

    fn row(&mut self, cells: &[Laid], widths: &[f32], height: f32, shade: Option<Ink>) {
        let left = self.left();
        let total: f32 = widths.iter().sum();
        let (page, y) = self.canvas();
        if let Some(ink) = shade {
            page.fill(left, y, total, height, ink);
        }
        let mut x = left;
        for (cell, w) in cells.iter().zip(widths) {
            let mut baseline = y + PAD;
            for (line, style) in cell {
                baseline += style.size;
                page.text_in(
                    x + PAD,
                    baseline,
                    style.size,
                    style.bold,
                    style.ink,
                    line.clone(),
                );
                baseline += style.leading() - style.size;
            }
            x += w;
        }
        page.rule(
            left,
            y + height,
            left + total,
            y + height,
            0.4,
            Ink::Grey(0.6),
        );
        let mut x = left;
        for w in widths.iter().take(widths.len().saturating_sub(1)) {
            x += w;
            page.rule(x, y, x, y + height, 0.3, Ink::Grey(0.75));
        }
        self.advance(height);
    }
}

fn cell_height(cell: &Laid) -> f32 {
    cell.iter().map(|(_, s)| s.leading()).sum::<f32>() + 2.0 * PAD
}

fn height_of(cells: &[Laid]) -> f32 {
    cells.iter().map(cell_height).fold(0.0, f32::max)
}

/// The lines of a cell that fit `height`, the last replaced by "… (continues)".
fn clip(cell: Laid, height: f32) -> Laid {
    if cell_height(&cell) <= height {
        return cell;
    }
    let mut out: Laid = Vec::new();
    let mut used = 2.0 * PAD;
    for (line, style) in cell {
        if used + 2.0 * style.leading() > height {
            out.push((
                "… (cut: too long for one page)".into(),
                Style::bold(style.size),
            ));
            break;
        }
        used += style.leading();
        out.push((line, style));
    }
    out
}

//! Small trend charts drawn as vector lines (they stay sharp on any printer and add
//! no image to the file): one measure's values over time, with its target as a
//! dashed line.

use jiff::civil::Date;

use super::document::{Document, Style};
use super::page::{Ink, Page};

#[derive(Debug, Clone)]
pub struct Chart {
    pub title: String,
    /// (date, value), oldest first.
    pub points: Vec<(Date, f64)>,
    /// The target line and its label ("target < 5").
    pub target: Option<(f64, String)>,
    /// The least range the value axis shows (PHQ-9: 0–27), widened to fit the data.
    pub floor: (f64, f64),
    pub unit: String,
}

const HEIGHT: f32 = 92.0;

impl Document {
    /// Charts side by side, as many as are given, across the content width.
    pub fn charts(&mut self, charts: &[Chart]) {
        if charts.is_empty() {
            return;
        }
        self.ensure(HEIGHT + 4.0);
        let gap = 12.0;
        let width =
            (self.content_width() - gap * (charts.len() as f32 - 1.0)) / charts.len() as f32;
        let left = self.left();
        let titles: Vec<String> = charts
            .iter()
            .map(|c| self.fit(&c.title, Style::bold(8.0), width))
            .collect();
        let (page, y) = self.canvas();
        for (i, (chart, title)) in charts.iter().zip(titles).enumerate() {
            let x = left + i as f32 * (width + gap);
            draw(page, chart, title, x, y, width);
        }
        self.advance(HEIGHT + 4.0);
    }
}

fn draw(page: &mut Page, chart: &Chart, title: String, x: f32, y: f32, width: f32) {
    page.text(x, y + 8.0, 8.0, true, title);
    // The plot area, leaving room for the value labels on the left and dates below.
    let (px, py, pw, ph) = (x + 22.0, y + 14.0, width - 26.0, HEIGHT - 30.0);
    page.frame(px, py, pw, ph, 0.4, Ink::Grey(0.6));
    if chart.points.is_empty() {
        page.text_in(
            px + 6.0,
            py + ph / 2.0 + 3.0,
            8.0,
            false,
            Ink::Grey(0.35),
            "No values on record",
        );
        return;
    }
    let mut lo = chart.floor.0;
    let mut hi = chart.floor.1;
    for &(_, v) in &chart.points {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if let Some((t, _)) = chart.target {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    if (hi - lo).abs() < f64::EPSILON {
        hi = lo + 1.0;
    }
    let first = chart.points[0].0;
    let last = chart.points[chart.points.len() - 1].0;
    let span = (last - first).get_days().max(1) as f32;
    let vx = |d: Date| px + ((d - first).get_days() as f32 / span) * pw;
    let vy = |v: f64| py + ph - ((v - lo) / (hi - lo)) as f32 * ph;

    page.text_in(x, py + 6.0, 7.0, false, Ink::Grey(0.3), number(hi));
    page.text_in(x, py + ph, 7.0, false, Ink::Grey(0.3), number(lo));
    if let Some((t, label)) = &chart.target {
        let ty = vy(*t);
        page.dashed(px, ty, px + pw, ty, 0.6, Ink::Accent);
        page.text_in(
            px + pw - 60.0,
            ty - 2.0,
            6.5,
            false,
            Ink::Accent,
            label.clone(),
        );
    }
    let points: Vec<(f32, f32)> = chart.points.iter().map(|&(d, v)| (vx(d), vy(v))).collect();
    if points.len() > 1 {
        page.marks.push(super::page::Mark::Path {
            points: points.clone(),
            width: 1.2,
            ink: Ink::Black,
        });
    }
    for &(cx, cy) in &points {
        page.fill(cx - 1.6, cy - 1.6, 3.2, 3.2, Ink::Black);
    }
    if let Some(&(_, v)) = chart.points.last() {
        let (lx, ly) = points[points.len() - 1];
        let label = format!("{}{}", number(v), chart.unit);
        page.text(
            lx.min(px + pw - 24.0),
            (ly - 4.0).max(py + 7.0),
            7.0,
            true,
            label,
        );
    }
    page.text_in(
        px,
        py + ph + 9.0,
        6.5,
        false,
        Ink::Grey(0.3),
        first.to_string(),
    );
    if last != first {
        page.text_in(
            px + pw - 38.0,
            py + ph + 9.0,
            6.5,
            false,
            Ink::Grey(0.3),
            last.to_string(),
        );
    }
}

/// 7, 7.5, 140: no trailing zeros.
fn number(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

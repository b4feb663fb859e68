//! The layout module's promises, checked on documents built directly.

use caseload::pdf::{Cell, Column, Document, Paper, Setup, Style, Table};

use super::{NAMES, pdftotext, qpdf_ok};

fn setup() -> Setup {
    Setup {
        clinic: "Test clinic".into(),
        title: "Layout".into(),
        printed: "2026-12-03 08:00".into(),
        paper: Paper::Letter,
        landscape: false,
        words: Default::default(),
    }
}

#[test]
fn the_font_covers_every_script_we_promise() {
    let fonts = caseload::pdf::fonts::fonts().unwrap();
    for (first, last) in NAMES {
        for c in first
            .chars()
            .chain(last.chars())
            .filter(|c| !c.is_whitespace())
        {
            assert!(fonts.regular.covers(c), "regular lacks {c:?}");
            assert!(fonts.bold.covers(c), "bold lacks {c:?}");
        }
    }
    assert!(fonts.regular.covers('☐') && fonts.regular.covers('—'));
}

#[test]
fn decomposed_accents_print_as_the_composed_letters() {
    let mut doc = Document::new(setup()).unwrap();
    // "Nguyễn" typed with combining marks (NFD).
    doc.paragraph(
        "Nguye\u{302}\u{303}n Thi\u{323} Ho\u{302}\u{300}ng",
        Style::body(12.0),
        0.0,
    );
    let pdf = doc.finish().unwrap();
    let text = pdftotext(&pdf.bytes, None);
    assert!(text.contains("Nguyễn Thị Hồng"), "{text}");
}

#[test]
fn long_text_wraps_without_losing_a_word() {
    let mut doc = Document::new(setup()).unwrap();
    let words: Vec<String> = (0..400).map(|i| format!("word{i}")).collect();
    doc.paragraph(&words.join(" "), Style::body(10.0), 0.0);
    let pdf = doc.finish().unwrap();
    qpdf_ok(&pdf.bytes);
    let text = super::flat(&pdftotext(&pdf.bytes, None));
    let mut at = 0;
    for w in &words {
        let found = text[at..]
            .find(&format!("{w} "))
            .or_else(|| text[at..].find(w.as_str()));
        let found = found.unwrap_or_else(|| panic!("{w} lost"));
        at += found + w.len();
    }
}

#[test]
fn table_rows_stay_whole_and_headers_repeat() {
    let mut doc = Document::new(setup()).unwrap();
    let mut table = Table::new(vec![Column::new("Alpha", 1.0), Column::new("Beta", 3.0)]);
    table.min_row_height = 70.0;
    for i in 0..30 {
        // Each row's cell says its number at its top and its bottom.
        table.rows.push(vec![
            Cell::text(format!("ROW{i:02}TOP"), 9.0),
            Cell::text(format!("line one\nline two\nline three\nROW{i:02}END"), 9.0),
        ]);
    }
    doc.table(&table);
    let pages = doc.pages();
    assert!(pages >= 3, "{pages}");
    let pdf = doc.finish().unwrap();
    for n in 1..=pages {
        let text = pdftotext(&pdf.bytes, Some((n, n)));
        assert!(
            text.contains("Alpha") && text.contains("Beta"),
            "header on page {n}"
        );
        for i in 0..30 {
            let (top, end) = (format!("ROW{i:02}TOP"), format!("ROW{i:02}END"));
            assert_eq!(
                text.contains(&top),
                text.contains(&end),
                "row {i} split on page {n}"
            );
        }
    }
}

#[test]
fn a_chart_is_vector_lines_not_a_picture() {
    let mut doc = Document::new(setup()).unwrap();
    let day = |d: &str| d.parse::<jiff::civil::Date>().unwrap();
    doc.charts(&[caseload::pdf::Chart {
        title: "PHQ-9".into(),
        points: vec![
            (day("2026-06-01"), 18.0),
            (day("2026-08-01"), 12.0),
            (day("2026-10-01"), 6.0),
        ],
        target: Some((5.0, "target < 5".into())),
        floor: (0.0, 27.0),
        unit: String::new(),
    }]);
    let pdf = doc.finish().unwrap();
    qpdf_ok(&pdf.bytes);
    let text = pdftotext(&pdf.bytes, None);
    assert!(
        text.contains("PHQ-9") && text.contains("target < 5"),
        "{text}"
    );
    assert!(
        !crate::harness::contains(&pdf.bytes, b"/Image"),
        "no raster image in the file"
    );
}

//! A schedule file's bytes → its header and its records, each with the line it starts
//! on. UTF-8 with or without a BOM, comma or semicolon, CRLF or LF. A line that cannot
//! be a record (mis-quoted, too few or too many values) comes back as a bad row with
//! the reason; what the values mean is `parse`'s and `import`'s job. `peek` shows
//! the first rows for the mapping step.

use std::path::Path;

use serde::Serialize;

use super::BadRow;
use crate::error::{Error, Result};
use crate::tabular::{line_of, sniff_delimiter, strip_bom};

/// A file's name (for reports) and its bytes; a file that cannot be read is a
/// problem with the file.
pub(super) fn file(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = std::fs::read(path).map_err(|e| {
        Error::invalid(
            "file",
            match e.kind() {
                std::io::ErrorKind::NotFound => format!("There is no file at {}.", path.display()),
                _ => format!("The file {} could not be read ({e}).", path.display()),
            },
        )
    })?;
    Ok((name, bytes))
}

/// The first rows of a file and its header, for the mapping step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Peek {
    pub file_name: String,
    pub delimiter: char,
    pub headers: Vec<String>,
    /// The first rows' values as written (a line that is not a record is left out).
    pub rows: Vec<Vec<String>>,
    /// The built-in preset whose columns all appear in the header, if any.
    pub suggested: Option<String>,
}

/// Reads the header and the first `rows` rows of a file on disk.
pub fn peek(path: &Path, rows: usize) -> Result<Peek> {
    let (name, bytes) = file(path)?;
    peek_bytes(&name, &bytes, rows)
}

/// Like [`peek`], from a file's contents.
pub fn peek_bytes(file_name: &str, bytes: &[u8], rows: usize) -> Result<Peek> {
    let sheet = read(file_name, bytes, Some(rows))?;
    Ok(Peek {
        file_name: file_name.to_owned(),
        delimiter: char::from(sheet.delimiter),
        suggested: super::mapping::suggest(&super::mapping::builtins(), &sheet.headers),
        rows: sheet
            .records
            .into_iter()
            .filter_map(|r| r.values.ok())
            .collect(),
        headers: sheet.headers,
    })
}

/// A file as read.
#[derive(Debug)]
pub(super) struct Sheet {
    pub delimiter: u8,
    /// The header's column names, trimmed.
    pub headers: Vec<String>,
    pub records: Vec<Record>,
}

/// One data record: the line it starts on (the header is line 1), and its values or
/// why it is not a record.
#[derive(Debug)]
pub(super) struct Record {
    pub line: u64,
    pub values: std::result::Result<Vec<String>, BadRow>,
}

/// Reads the header and at most `limit` records (all when `None`). Only problems with
/// the whole file are errors; problems with a line are that record's.
pub(super) fn read(file_name: &str, bytes: &[u8], limit: Option<usize>) -> Result<Sheet> {
    let bytes = strip_bom(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = line_at(bytes, e.valid_up_to());
        return Err(Error::invalid(
            "file",
            format!(
                "{file_name} is not UTF-8 text (the first character that is not is on line \
                 {line}). Save it from the spreadsheet or the EHR as \"CSV UTF-8\" and try again."
            ),
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::invalid(
            "file",
            format!("{file_name} is empty: there is not even a header line."),
        ));
    }
    let delimiter = sniff_delimiter(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        // Lines with the wrong number of values are reported here, one by one, rather
        // than stopping the whole file at the first.
        .flexible(true)
        .from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            Error::invalid(
                "file",
                format!("The header line of {file_name} could not be read ({e})."),
            )
        })?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    while limit.is_none_or(|n| records.len() < n) {
        let start = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // Not reached for quoting (the reader accepts any quotes; `misquoted`
                // judges them), but an I/O or encoding failure ends the file here.
                let line = e.position().map_or(line_of(bytes, &start), |p| p.line());
                records.push(Record {
                    line,
                    values: Err(BadRow {
                        line,
                        column: None,
                        why: format!(
                            "this line could not be read ({e}); the rest of the file was not read"
                        ),
                    }),
                });
                break;
            }
        }
        let position = record.position().unwrap_or(&start);
        let line = line_of(bytes, position);
        if record.iter().all(|v| v.trim().is_empty()) {
            // A blank line, or a spreadsheet's empty row of delimiters (`,,,,`).
            continue;
        }
        let from = usize::try_from(position.byte()).unwrap_or(usize::MAX);
        let to = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        let raw = bytes.get(from..to.min(bytes.len())).unwrap_or_default();
        let values = match misquoted(raw, delimiter) {
            Some((field, why)) => Err(BadRow {
                line,
                column: headers.get(field).cloned(),
                why: match why {
                    Quote::NeverClosed => format!(
                        "a value opens with a quote (\") that is never closed, so the lines \
                         {line}–{} were read as one value; close the quote or remove it",
                        line + newlines(raw)
                    ),
                    Quote::TextAfter => "text follows the closing quote of a quoted value; put \
                                         the whole value in quotes and double any quote inside \
                                         it (\"\")"
                        .to_owned(),
                },
            }),
            None if record.len() != headers.len() => Err(BadRow {
                line,
                column: None,
                why: field_count(record.len(), headers.len(), delimiter),
            }),
            None => Ok(record.iter().map(str::to_owned).collect()),
        };
        records.push(Record { line, values });
    }
    Ok(Sheet {
        delimiter,
        headers,
        records,
    })
}

fn field_count(found: usize, wanted: usize, delimiter: u8) -> String {
    let sep = if delimiter == b';' {
        "semicolon"
    } else {
        "comma"
    };
    if found < wanted {
        format!(
            "this line has {found} values but the header has {wanted} (too few: a value or a \
             {sep} is missing)"
        )
    } else {
        format!(
            "this line has {found} values but the header has {wanted} (too many: a {sep} \
             inside a value that is not in quotes?)"
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    NeverClosed,
    TextAfter,
}

/// Whether a record's raw text breaks the quoting rules (RFC 4180), and in which field.
/// The csv reader itself accepts anything: an unclosed quote silently swallows the rest
/// of the file into one value, and `"a"b` is read as `ab`. Both hide a broken line, so
/// they are bad rows. A quote inside an unquoted value (`5" tall`) is kept as text, as
/// spreadsheets do.
fn misquoted(raw: &[u8], delimiter: u8) -> Option<(usize, Quote)> {
    // The reader places a CRLF file's record at the line ending before it.
    let start = raw
        .iter()
        .position(|b| *b != b'\r' && *b != b'\n')
        .unwrap_or(raw.len());
    let raw = &raw[start..];
    let mut field = 0;
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'"' {
            // A quoted value: runs to a quote not doubled.
            i += 1;
            loop {
                match raw.get(i) {
                    None => return Some((field, Quote::NeverClosed)),
                    Some(b'"') if raw.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            match raw.get(i) {
                None | Some(b'\r' | b'\n') => return None,
                Some(b) if *b == delimiter => {}
                Some(_) => return Some((field, Quote::TextAfter)),
            }
        } else {
            while i < raw.len() && raw[i] != delimiter {
                if raw[i] == b'\r' || raw[i] == b'\n' {
                    return None;
                }
                i += 1;
            }
            if i >= raw.len() {
                return None;
            }
        }
        // At a delimiter: the next field starts after it.
        i += 1;
        field += 1;
    }
    None
}

fn newlines(raw: &[u8]) -> u64 {
    let trimmed = raw
        .iter()
        .rposition(|b| *b != b'\r' && *b != b'\n')
        .map_or(&raw[..0], |end| &raw[..=end]);
    let leading = trimmed.iter().take_while(|b| **b == b'\n' || **b == b'\r');
    let skip = leading.count();
    trimmed[skip..].iter().filter(|b| **b == b'\n').count() as u64
}

/// The line a byte offset is on (1-based).
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    let upto = bytes.get(..offset).unwrap_or(bytes);
    upto.iter().filter(|b| **b == b'\n').count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_and_values(sheet: &Sheet) -> Vec<(u64, std::result::Result<Vec<String>, String>)> {
        sheet
            .records
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.values
                        .clone()
                        .map_err(|b| format!("{}|{}", b.column.clone().unwrap_or_default(), b.why)),
                )
            })
            .collect()
    }

    #[test]
    fn bom_crlf_and_semicolons_are_read() {
        let sheet = read(
            "f.csv",
            b"\xEF\xBB\xBFDate;MRN\r\n2026-03-02;A1\r\n\r\n2026-03-03;A2\r\n",
            None,
        );
        let sheet = sheet.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sheet.delimiter, b';');
        assert_eq!(sheet.headers, ["Date", "MRN"]);
        let got = lines_and_values(&sheet);
        assert_eq!(got[0], (2, Ok(vec!["2026-03-02".into(), "A1".into()])));
        assert_eq!(got[1], (4, Ok(vec!["2026-03-03".into(), "A2".into()])));
    }

    #[test]
    fn a_quoted_newline_keeps_later_line_numbers_right() {
        let text = b"Date,MRN,Note\n2026-03-02,A1,\"two\nlines\"\n2026-03-02,A2,x\n";
        let sheet = read("f.csv", text, None).unwrap_or_else(|e| panic!("{e}"));
        let lines: Vec<u64> = sheet.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn wrong_counts_and_bad_quotes_are_bad_rows_with_their_column() {
        let text = b"Date,MRN,Note\n2026-03-02,A1\n2026-03-02,A2,x,y\n2026-03-02,\"A3\"x,z\n2026-03-02,A4,ok\n2026-03-02,A5,\"open\n2026-03-02,A6,z\n";
        let sheet = read("f.csv", text, None).unwrap_or_else(|e| panic!("{e}"));
        let got = lines_and_values(&sheet);
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(
            matches!(&got[0], (2, Err(w)) if w.starts_with("|this line has 2 values") && w.contains("too few"))
        );
        assert!(matches!(&got[1], (3, Err(w)) if w.contains("too many")));
        assert!(
            matches!(&got[2], (4, Err(w)) if w.starts_with("MRN|text follows the closing quote"))
        );
        assert!(matches!(&got[3], (5, Ok(_))));
        assert!(
            matches!(&got[4], (6, Err(w)) if w.starts_with("Note|a value opens with a quote") && w.contains("lines 6–7")),
            "{got:?}"
        );
    }

    #[test]
    fn blank_rows_of_delimiters_are_skipped_and_limit_stops_early() {
        let text = b"Date,MRN\n,\n2026-03-02,A1\n2026-03-03,A2\n";
        let sheet = read("f.csv", text, Some(1)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            lines_and_values(&sheet),
            [(3, Ok(vec!["2026-03-02".into(), "A1".into()]))]
        );
    }

    #[test]
    fn an_empty_or_non_utf8_file_is_refused() {
        assert!(read("f.csv", b" \r\n", None).is_err());
        let e = read("f.csv", b"Date,MRN\n2026-03-02,Jos\xe9\n", None);
        assert!(matches!(e, Err(Error::Invalid(f)) if f[0].message.contains("line 2")));
    }
}

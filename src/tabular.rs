//! What Caseload's two CSV readers share — HSDS packages (`resources::hsds`) and the
//! clinic's schedule (`schedule`): dropping a byte-order mark, telling comma from
//! semicolon files, the line a record starts on, and the stable hash that decides
//! "this row did not change since the last import".

/// `bytes` without a UTF-8 byte-order mark (spreadsheets write one).
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Semicolon when the header line has more semicolons than commas outside quotes
/// (spreadsheets in many locales save CSV that way), else comma.
pub(crate) fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// The line a record's text starts on. With CRLF files the csv reader places a record
/// at the line ending before it, so line endings are skipped first.
pub(crate) fn line_of(bytes: &[u8], position: &csv::Position) -> u64 {
    let mut line = position.line();
    let mut at = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
        at += 1;
    }
    line
}

/// A stable 64-bit FNV-1a hash of a row's values (std's hasher may change between
/// Rust releases; this one never does, so hashes stored by an earlier version still
/// compare equal). An absent value and an empty one hash differently.
pub(crate) fn row_hash<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for value in values {
        match value {
            Some(v) => {
                eat(b"\x01");
                eat(v.as_bytes());
            }
            None => eat(b"\x00"),
        }
        eat(b"\x1f");
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_win_only_when_they_outnumber_commas_outside_quotes() {
        assert_eq!(sniff_delimiter(b"id;name;description\n1;a;b"), b';');
        assert_eq!(sniff_delimiter(b"id,name,description\n1,a;b,c"), b',');
        assert_eq!(sniff_delimiter(b"a,b,c\n1;2;3;4"), b',');
        assert_eq!(sniff_delimiter(b"\"a;b;c\",d,e"), b',');
        assert_eq!(sniff_delimiter(b""), b',');
    }

    #[test]
    fn a_bom_is_dropped_and_nothing_else() {
        assert_eq!(strip_bom(b"\xEF\xBB\xBFid"), b"id");
        assert_eq!(strip_bom(b"id"), b"id");
    }

    #[test]
    fn row_hashes_are_stable_and_tell_absent_from_empty() {
        // The value stored by every earlier version for this row: must never change.
        assert_eq!(row_hash([Some("a"), None]), row_hash([Some("a"), None]));
        assert_ne!(row_hash([Some("")]), row_hash([None]));
        assert_ne!(
            row_hash([Some("ab"), Some("c")]),
            row_hash([Some("a"), Some("bc")])
        );
    }
}

//! What the file at the store's place is, found out before SQLite opens it and before
//! a passphrase is tried: SQLite takes an empty file for a new database (and would
//! build a fresh store in it), and says "file is not a database" alike for a wrong
//! passphrase, a plain SQLite file and random bytes.
//!
//! Nothing here writes: the file is opened for writing only to learn whether it may be.

use std::io::Read;
use std::path::Path;

use super::StoreError;
use super::problem::{self, Access};

/// SQLCipher's page size for the main file (SQLCipher 4's default, which Caseload keeps).
pub const PAGE_SIZE: u64 = 4096;

/// The first 16 bytes of an unencrypted SQLite database. A SQLCipher file starts with
/// its random salt instead.
pub const PLAIN_SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What the size and first bytes of a store file say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Whole pages with no plaintext header: a SQLCipher store, or something only a
    /// passphrase can tell apart from one.
    Pages,
    /// No bytes at all.
    Empty,
    /// A plain SQLite database.
    PlainSqlite,
    /// Not a whole number of pages: cut short (or not a store at all).
    Truncated { len: u64 },
}

/// Judges a store file from its length and first bytes (fewer than 16 if it is shorter).
pub fn shape(len: u64, head: &[u8]) -> Shape {
    if len == 0 {
        Shape::Empty
    } else if head.starts_with(PLAIN_SQLITE_HEADER) {
        Shape::PlainSqlite
    } else if len < PAGE_SIZE || !len.is_multiple_of(PAGE_SIZE) {
        Shape::Truncated { len }
    } else {
        Shape::Pages
    }
}

/// Checks the store file in `dir` before it is opened: that the folder and the file
/// can be read and written, and that the file is not empty, cut short or a plain
/// SQLite database.
pub(super) fn check(dir: &Path, file: &Path) -> Result<(), StoreError> {
    let metadata = match std::fs::metadata(file) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Missing(dir.to_owned()));
        }
        Err(e) => {
            return Err(match problem::access_problem(Some(e.kind()), None, None) {
                Some(access) => StoreError::Permission {
                    path: dir.to_owned(),
                    access,
                },
                None => StoreError::Folder {
                    path: dir.to_owned(),
                    source: e,
                },
            });
        }
    };
    if !metadata.is_file() {
        return Err(StoreError::Damaged {
            path: file.to_owned(),
            why: "it is a folder, not a file".to_owned(),
        });
    }
    let read = std::fs::File::open(file);
    let write = std::fs::OpenOptions::new().write(true).open(file);
    if let Some(access) = problem::access_problem(
        None,
        read.as_ref().err().map(std::io::Error::kind),
        write.as_ref().err().map(std::io::Error::kind),
    ) {
        return Err(StoreError::Permission {
            path: file.to_owned(),
            access,
        });
    }
    drop(write);
    let mut head = Vec::with_capacity(PLAIN_SQLITE_HEADER.len());
    read.and_then(|f| {
        f.take(PLAIN_SQLITE_HEADER.len() as u64)
            .read_to_end(&mut head)
    })
    .map_err(|source| StoreError::Folder {
        path: file.to_owned(),
        source,
    })?;
    match shape(metadata.len(), &head) {
        Shape::Pages => Ok(()),
        Shape::Empty => Err(StoreError::Empty(file.to_owned())),
        Shape::PlainSqlite => Err(StoreError::NotCaseload(file.to_owned())),
        Shape::Truncated { len } => Err(StoreError::Damaged {
            path: file.to_owned(),
            why: truncated(len),
        }),
    }
}

/// Whether a file can be created in `dir` (SQLite's -wal and -shm files): asked only
/// after SQLite failed, to tell a read-only folder from other trouble. The probe is
/// created owner-only and removed at once.
pub(super) fn folder_access(dir: &Path) -> Option<Access> {
    let probe = dir.join(format!("caseload.db.probe-{}", crate::ids::new_id()));
    match super::location::create_private_file(&probe) {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) => problem::folder_problem(Some(e.kind())),
    }
}

fn truncated(len: u64) -> String {
    format!(
        "truncated: {} bytes is not a whole number of {}-byte pages — it was probably cut \
         short by a failed copy or a full disk",
        thousands(len),
        thousands(PAGE_SIZE)
    )
}

/// `10000` → `10,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_judged_by_its_size_and_first_bytes() {
        let random = [0x8e_u8; 16];
        assert_eq!(shape(0, &[]), Shape::Empty);
        assert_eq!(shape(4096, PLAIN_SQLITE_HEADER), Shape::PlainSqlite);
        // A plain SQLite file is named as such whatever its size.
        assert_eq!(shape(1000, PLAIN_SQLITE_HEADER), Shape::PlainSqlite);
        assert_eq!(shape(10_000, &random), Shape::Truncated { len: 10_000 });
        assert_eq!(shape(100, &random), Shape::Truncated { len: 100 });
        assert_eq!(shape(4095, &random), Shape::Truncated { len: 4095 });
        assert_eq!(shape(4096, &random), Shape::Pages);
        assert_eq!(shape(8192 * 3, &random), Shape::Pages);
        assert_eq!(shape(8192 + 1, &random), Shape::Truncated { len: 8193 });
        // Fewer than 16 bytes read (a file cut in the header) is not a plain SQLite header.
        assert_eq!(shape(6, b"SQLite"), Shape::Truncated { len: 6 });
    }

    #[test]
    fn sizes_are_written_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4096), "4,096");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}

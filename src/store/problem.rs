//! What a failure of SQLite (or of the file system under it) means for the coordinator.
//!
//! SQLite's own words ("database disk image is malformed", "attempt to write a readonly
//! database") say nothing a coordinator can act on, so they never reach a message:
//! [`Problem::of`] sorts a SQLite error into what went wrong, [`Problem::message`] says
//! it and what to do, and the SQLite text stays on the error as its `detail()` (for the
//! audit trail and for whoever debugs it).

use crate::error::ErrorCode;

/// Where the coordinator finds a backup to restore, said once for every message.
pub const RESTORE_HINT: &str =
    "Settings → Backups, or `caseload backups list` and `caseload restore FILE`";

/// What went wrong, in the coordinator's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// CORRUPT, NOTADB (once the passphrase was accepted): pages do not read back as written.
    Damaged,
    /// READONLY, PERM: the file or its folder cannot be written.
    ReadOnly,
    /// FULL: the disk is full.
    DiskFull,
    /// IOERR: the disk could not be read or written.
    Disk,
    /// BUSY, LOCKED: another window or command holds the store.
    Busy,
    /// CANTOPEN: the file could not be opened at all.
    CannotOpen,
    /// Anything else: a problem in Caseload itself (a constraint it should have checked,
    /// a query that does not fit the schema); never the coordinator's doing.
    Internal,
}

impl Problem {
    /// Sorts a SQLite error. Errors raised by rusqlite itself (a column of an
    /// unexpected type, no row where one was expected) are Caseload's own bugs.
    pub fn of(error: &rusqlite::Error) -> Problem {
        match error.sqlite_error_code() {
            Some(code) => Problem::of_code(code),
            None => Problem::Internal,
        }
    }

    /// Sorts one SQLite primary result code.
    pub fn of_code(code: rusqlite::ErrorCode) -> Problem {
        use rusqlite::ErrorCode as C;
        match code {
            C::DatabaseCorrupt | C::NotADatabase => Problem::Damaged,
            C::ReadOnly | C::PermissionDenied => Problem::ReadOnly,
            C::DiskFull => Problem::DiskFull,
            C::SystemIoFailure => Problem::Disk,
            C::DatabaseBusy | C::DatabaseLocked => Problem::Busy,
            C::CannotOpen => Problem::CannotOpen,
            _ => Problem::Internal,
        }
    }

    /// The coordinator's message: what is wrong and what to do about it.
    pub fn message(self) -> String {
        match self {
            Problem::Damaged => format!(
                "The caseload store is damaged: part of it does not read back as it was \
                 written. Nothing was changed. Restore the latest backup: {RESTORE_HINT}."
            ),
            Problem::ReadOnly => "Caseload cannot write to the caseload store: the file or \
                 its folder is read-only for you, and Caseload needs to write there (the \
                 store keeps its -wal and -shm files beside it). Nothing was saved. Ask for \
                 write permission on the folder, or move the store back to a folder of yours."
                .to_owned(),
            Problem::DiskFull => "The disk is full, so Caseload could not save. Nothing was \
                 saved. Free some space on the disk and try again."
                .to_owned(),
            Problem::Disk => "The disk could not be read or written (an input/output error). \
                 Nothing was saved. Try again; if it happens again, check the disk or drive \
                 the store is on and keep your latest backup at hand."
                .to_owned(),
            Problem::Busy => "Another Caseload window or command is using the caseload store \
                 right now. Nothing was saved. Try again in a moment."
                .to_owned(),
            Problem::CannotOpen => "Caseload cannot open the caseload store file: it may \
                 have been moved, or its folder or drive is not reachable. Nothing was changed."
                .to_owned(),
            Problem::Internal => "Caseload hit an internal problem with its store. Nothing \
                 was saved."
                .to_owned(),
        }
    }

    /// The stable code the UI and the CLI's exit code branch on.
    pub fn code(self) -> ErrorCode {
        match self {
            Problem::Damaged => ErrorCode::StoreDamaged,
            Problem::ReadOnly => ErrorCode::PermissionDenied,
            Problem::DiskFull
            | Problem::Disk
            | Problem::Busy
            | Problem::CannotOpen
            | Problem::Internal => ErrorCode::Storage,
        }
    }
}

/// What stands between Caseload and the store's folder or file, from the file system's
/// own answers: reading the file's metadata (which needs the folder to be searchable),
/// opening it for reading, and opening it for writing. `None` in a step means it was not
/// tried or succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The folder cannot be read or entered.
    FolderUnreadable,
    /// Nothing new can be created in the folder (SQLite's -wal and -shm files).
    FolderReadOnly,
    /// The file cannot be read.
    FileUnreadable,
    /// The file cannot be written.
    FileReadOnly,
}

/// Whether an I/O error means "you may not" (a permission or a read-only disk) rather
/// than "it is not there" or "the disk failed".
pub fn is_denied(kind: std::io::ErrorKind) -> bool {
    matches!(
        kind,
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

/// The access problem the file system's answers add up to, checked in the order
/// SQLite needs them: the folder entered, the file read, the file written.
pub fn access_problem(
    metadata: Option<std::io::ErrorKind>,
    read: Option<std::io::ErrorKind>,
    write: Option<std::io::ErrorKind>,
) -> Option<Access> {
    if metadata.is_some_and(is_denied) {
        Some(Access::FolderUnreadable)
    } else if read.is_some_and(is_denied) {
        Some(Access::FileUnreadable)
    } else if write.is_some_and(is_denied) {
        Some(Access::FileReadOnly)
    } else {
        None
    }
}

/// Whether creating a file in the folder failed because the folder may not be written.
pub fn folder_problem(create: Option<std::io::ErrorKind>) -> Option<Access> {
    create
        .filter(|k| is_denied(*k))
        .map(|_| Access::FolderReadOnly)
}

#[cfg(test)]
mod tests {
    use std::io::ErrorKind as K;

    use rusqlite::ErrorCode as C;

    use super::*;

    fn sqlite_error(code: i32, text: &str) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), Some(text.to_owned()))
    }

    #[test]
    fn every_primary_code_a_store_can_meet_has_its_own_meaning() {
        for (code, problem) in [
            (C::DatabaseCorrupt, Problem::Damaged),
            (C::NotADatabase, Problem::Damaged),
            (C::ReadOnly, Problem::ReadOnly),
            (C::PermissionDenied, Problem::ReadOnly),
            (C::DiskFull, Problem::DiskFull),
            (C::SystemIoFailure, Problem::Disk),
            (C::DatabaseBusy, Problem::Busy),
            (C::DatabaseLocked, Problem::Busy),
            (C::CannotOpen, Problem::CannotOpen),
            (C::ConstraintViolation, Problem::Internal),
            (C::ApiMisuse, Problem::Internal),
        ] {
            assert_eq!(Problem::of_code(code), problem, "{code:?}");
        }
    }

    #[test]
    fn extended_codes_are_sorted_by_their_primary_code() {
        // SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, SQLITE_CORRUPT_INDEX, SQLITE_BUSY_SNAPSHOT
        for (extended, problem) in [
            (778, Problem::Disk),
            (1032, Problem::ReadOnly),
            (779, Problem::Damaged),
            (517, Problem::Busy),
            (13, Problem::DiskFull),
            (14, Problem::CannotOpen),
        ] {
            let e = sqlite_error(extended, "whatever SQLite said");
            assert_eq!(Problem::of(&e), problem, "{extended}");
        }
        assert_eq!(
            Problem::of(&rusqlite::Error::QueryReturnedNoRows),
            Problem::Internal
        );
    }

    #[test]
    fn messages_say_what_to_do_and_never_sqlites_words() {
        let sqlite_words = [
            "malformed",
            "readonly database",
            "disk I/O error",
            "database or disk is full",
            "unable to open database file",
            "database is locked",
            "SQLITE",
            "sqlite",
        ];
        let all = [
            Problem::Damaged,
            Problem::ReadOnly,
            Problem::DiskFull,
            Problem::Disk,
            Problem::Busy,
            Problem::CannotOpen,
            Problem::Internal,
        ];
        for problem in all {
            let message = problem.message();
            for words in sqlite_words {
                assert!(!message.contains(words), "{problem:?}: {message}");
            }
        }
        assert!(
            Problem::Damaged
                .message()
                .contains("Restore the latest backup")
        );
        assert!(Problem::ReadOnly.message().contains("read-only"));
        assert!(Problem::DiskFull.message().contains("Free some space"));
        assert!(Problem::DiskFull.message().contains("Nothing was saved"));
        assert!(
            Problem::Busy
                .message()
                .contains("Another Caseload window or command")
        );
        assert_eq!(Problem::Damaged.code(), ErrorCode::StoreDamaged);
        assert_eq!(Problem::ReadOnly.code(), ErrorCode::PermissionDenied);
        assert_eq!(Problem::Busy.code(), ErrorCode::Storage);
    }

    #[test]
    fn access_problems_follow_what_sqlite_needs_first() {
        // The folder cannot be entered: nothing else could even be tried.
        assert_eq!(
            access_problem(Some(K::PermissionDenied), None, None),
            Some(Access::FolderUnreadable)
        );
        assert_eq!(
            access_problem(None, Some(K::PermissionDenied), Some(K::PermissionDenied)),
            Some(Access::FileUnreadable)
        );
        assert_eq!(
            access_problem(None, None, Some(K::PermissionDenied)),
            Some(Access::FileReadOnly)
        );
        // A read-only disk (a mounted backup drive) is read-only too.
        assert_eq!(
            access_problem(None, None, Some(K::ReadOnlyFilesystem)),
            Some(Access::FileReadOnly)
        );
        // A missing file or a failing disk is not a permission.
        assert_eq!(access_problem(Some(K::NotFound), None, None), None);
        assert_eq!(access_problem(None, Some(K::Other), None), None);
        assert_eq!(access_problem(None, None, None), None);

        assert_eq!(
            folder_problem(Some(K::PermissionDenied)),
            Some(Access::FolderReadOnly)
        );
        assert_eq!(
            folder_problem(Some(K::ReadOnlyFilesystem)),
            Some(Access::FolderReadOnly)
        );
        assert_eq!(folder_problem(Some(K::StorageFull)), None);
        assert_eq!(folder_problem(None), None);
    }
}

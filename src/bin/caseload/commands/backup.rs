//! `caseload backup`, `caseload backups list` and `caseload restore FILE`.
//!
//! The CLI never backs up on its own: a script does exactly what it says, so a backup
//! is made only by `caseload backup` (the desktop app backs up when one is due).
//! `backups list` and `restore` work without opening the store when they must — the
//! store may be the damaged thing being replaced.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use caseload::backup::{self, BackupFile, BackupSummary, LastGoodBackup};
use caseload::{ErrorCode, Store};
use clap::{Args, Subcommand};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::error::{CliError, CliResult};
use crate::output::{Format, Table};

#[derive(Args)]
pub struct BackupArgs {
    /// The folder to back up into (it must exist) [default: the folder chosen in
    /// Settings, else `backups` beside the store]
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum BackupsCommand {
    /// The backups in the backup folder, newest first, and the last good backup
    List(ListArgs),
}

#[derive(Args)]
pub struct ListArgs {
    /// The folder to list [default: the backup folder]
    #[arg(long, visible_alias = "folder", value_name = "DIR")]
    to: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file to put in the store's place
    file: PathBuf,
    /// Restore without asking (required when there is no terminal to ask on)
    #[arg(long)]
    yes: bool,
}

/// `caseload backup`: one backup, verified, then rotation.
pub fn run_backup(store: &mut Store, args: BackupArgs) -> CliResult {
    let made = backup::make(store, args.to.as_deref())?;
    say!("Backed up to {}", made.path);
    say!("size       {}", size_text(made.size));
    say!("verified   yes: integrity ok; {}", made.counts.summary());
    say!(
        "rotation   removed {} older backup{}",
        made.removed.len(),
        if made.removed.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

#[derive(Serialize)]
struct Listing<'a> {
    folder: String,
    backups: &'a [BackupFile],
    /// `None` when none was ever recorded, or the store could not be opened.
    last_good: Option<&'a LastGoodBackup>,
}

/// `caseload backups list`. The store is opened for the chosen folder and the last good
/// backup; one that cannot be opened (damaged, no passphrase at hand) does not stop the
/// list of a folder: it is said on stderr and the folder is listed anyway.
pub fn run(dir: &Path, command: BackupsCommand) -> CliResult {
    let BackupsCommand::List(args) = command;
    let store = if Store::exists(dir) {
        match crate::store::open(dir) {
            Ok(store) => Some(store),
            Err(e) => {
                if let Some(message) = e.message() {
                    eprintln!("caseload: {message}");
                }
                eprintln!("caseload: listing the backup folder without the last good backup.");
                None
            }
        }
    } else {
        None
    };
    let folder = match (&args.to, &store) {
        (Some(folder), _) => folder.clone(),
        (None, Some(store)) => backup::folder(store)?.0,
        (None, None) => dir.join("backups"),
    };
    let status = match &store {
        Some(store) => Some(store.read(|r| backup::status(r, Timestamp::now()))?),
        None => None,
    };
    let backups = backup::list(&folder)?;
    let last_good = status.as_ref().and_then(|s| s.last.as_ref());
    let last_line = match (&status, last_good) {
        (None, _) => "Last good backup: unknown (the caseload store was not opened)".to_owned(),
        (Some(_), None) => "Last good backup: none recorded".to_owned(),
        (Some(status), Some(last)) => format!(
            "Last good backup: {} in {}, {} ({}{})",
            last.file,
            last.folder,
            status.age_words,
            size_text(last.size),
            if status.overdue {
                "; overdue: back up now"
            } else {
                ""
            }
        ),
    };
    match args.format {
        Format::Json => {
            let listing = Listing {
                folder: folder.display().to_string(),
                backups: &backups,
                last_good,
            };
            Table {
                header: Vec::new(),
                rows: Vec::new(),
            }
            .print(Format::Json, &listing)
        }
        Format::Csv => {
            let table = Table {
                header: vec!["name", "taken_at", "size_bytes", "path"],
                rows: backups
                    .iter()
                    .map(|b| {
                        vec![
                            b.name.clone(),
                            b.taken_at.to_string(),
                            b.size.to_string(),
                            b.path.clone(),
                        ]
                    })
                    .collect(),
            };
            table.print(Format::Csv, &backups)?;
            // Beside the data, not in it: a CSV reader sees the rows alone.
            eprintln!("{last_line}");
            Ok(())
        }
        Format::Table => {
            if backups.is_empty() {
                say!("No backups in {} yet.", folder.display());
            } else {
                say!("Backups in {}:", folder.display());
                Table {
                    header: vec!["name", "taken", "size"],
                    rows: backups
                        .iter()
                        .map(|b| vec![b.name.clone(), local(b.taken_at), size_text(b.size)])
                        .collect(),
                }
                .print(Format::Table, &backups)?;
            }
            say!("{last_line}");
            Ok(())
        }
    }
}

/// `caseload restore FILE`: shows the backup's date and counts, asks (unless `--yes`),
/// restores, and says where the store that was there is kept.
pub fn restore(dir: &Path, args: RestoreArgs) -> CliResult {
    let passphrase = crate::passphrase::existing()?;
    let summary =
        backup::inspect_with_passphrase(&passphrase, &args.file).map_err(passphrase_code)?;
    describe(&summary)?;
    if !args.yes {
        confirm(dir)?;
    }
    let restored = backup::restore(dir, &passphrase, &args.file).map_err(passphrase_code)?;
    say!(
        "Restored the backup {} into {}.",
        restored.from,
        dir.display()
    );
    match &restored.kept_aside {
        Some(kept) => say!("The store that was there is kept as {kept}"),
        None => say!("There was no store there before."),
    }
    Ok(())
}

fn describe(summary: &BackupSummary) -> CliResult {
    say!("Backup     {}", summary.path);
    say!(
        "taken      {}",
        summary
            .taken_at
            .map_or_else(|| "unknown (not a backup's own name)".to_owned(), local)
    );
    say!("size       {}", size_text(summary.size));
    say!("holds      {}", summary.counts.summary());
    say!(
        "integrity  {}",
        if summary.integrity_ok { "ok" } else { "FAILED" }
    );
    Ok(())
}

/// Asks on the terminal; with no terminal to ask on, refuses (`--yes` says it instead).
fn confirm(dir: &Path) -> CliResult {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::Usage(
            "Not restored: there is no terminal to confirm on. Run it again with --yes to \
             restore without asking. Nothing was changed."
                .into(),
        ));
    }
    eprint!(
        "Put this backup in place of the caseload store in {}? The store there now is kept \
         aside, not deleted. [y/N] ",
        dir.display()
    );
    std::io::stderr().flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    if matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(CliError::Coded(
            ErrorCode::Cancelled,
            "Not restored; nothing was changed.".into(),
        ))
    }
}

/// A passphrase that does not open the backup exits as a wrong passphrase (7).
fn passphrase_code(e: caseload::Error) -> CliError {
    if e.fields().iter().any(|f| f.field == "passphrase") {
        CliError::Coded(ErrorCode::WrongPassphrase, e.to_string())
    } else {
        CliError::Core(e)
    }
}

/// A moment on this laptop's clock, to the minute.
fn local(at: Timestamp) -> String {
    at.to_zoned(TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// Bytes for people: "812 KB", "14.2 MB".
fn size_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB * KB {
        format!("{:.0} KB", (b / KB).max(1.0))
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / KB / KB)
    } else {
        format!("{:.2} GB", b / KB / KB / KB)
    }
}

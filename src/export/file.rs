//! Writing an export to a file the coordinator chose. What leaves the encrypted store
//! holds protected health information, so the file is readable by its owner only from
//! its first byte (never created with the umask's 0644 and tightened afterwards), and
//! it appears whole or not at all: the bytes go to a temporary name beside it, are
//! flushed to disk, and are renamed into place. Printouts (PDF) and the FHIR export
//! share this one writer.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path`, owner-only and atomically, replacing a file of that name.
/// `what` names the document in messages ("the PDF"), `example` is a file name to
/// suggest when `path` has none ("huddle.pdf"). A failure leaves no temporary file.
pub fn save_private(path: &Path, bytes: &[u8], what: &str, example: &str) -> Result<()> {
    let file_name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        Error::invalid("out", format!("Give {what} a file name, e.g. {example}."))
    })?;
    let dir = folder_of(path);
    if !dir.is_dir() {
        return Err(Error::invalid(
            "out",
            format!("The folder {} does not exist.", dir.display()),
        ));
    }
    let temp = dir.join(format!(".{file_name}.{}.partial", uuid::Uuid::now_v7()));
    let written = write_private(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::invalid(
            "out",
            format!(
                "{} could not be saved to {}: {e}",
                capitalised(what),
                path.display()
            ),
        ));
    }
    Ok(())
}

/// The folder a file goes into ("." for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file: File = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_file_is_private_whole_and_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, b"old").unwrap();
        save_private(&path, b"new", "the export", "out.json").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_or_name_is_said_in_the_documents_words() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope").join("a.pdf");
        let e = save_private(&missing, b"x", "the PDF", "huddle.pdf").unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        let e = save_private(Path::new("/"), b"x", "the PDF", "huddle.pdf").unwrap_err();
        assert_eq!(e.to_string(), "Give the PDF a file name, e.g. huddle.pdf.");
    }
}

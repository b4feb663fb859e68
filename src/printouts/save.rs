//! Writing a printout to a file the coordinator chose. The PDF holds protected health
//! information, so the file is readable by its owner only from its first byte (never
//! created with the umask's 0644 and tightened afterwards), and it appears whole or
//! not at all: the bytes go to a temporary name beside it, are flushed to disk, and
//! are renamed into place.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

pub fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::invalid("out", "Give the PDF a file name, e.g. huddle.pdf."))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
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
            format!("The PDF could not be saved to {}: {e}", path.display()),
        ));
    }
    Ok(())
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

//! Writing a printout to a file the coordinator chose. The PDF holds protected health
//! information, so it goes through the one writer every export shares
//! ([`crate::export::file::save_private`]): readable by its owner only from its first
//! byte, and whole or not at all (a temporary name beside it, flushed, renamed).

use std::path::Path;

use crate::error::Result;

pub fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::export::file::save_private(path, bytes, "the PDF", "huddle.pdf")
}

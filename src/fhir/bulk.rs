//! The whole caseload as FHIR Bulk Data NDJSON: one file per resource type
//! (`Patient.ndjson`, `CarePlan.ndjson`, ...), one resource per line, references
//! relative (`Patient/<id>`) as a server that loads the files resolves them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::datatypes::Links;
use super::record::Record;
use super::resource::Resource;
use crate::error::{Error, Result};
use crate::store::Reader;

/// The live patients' ids. Read here rather than through a page: the export sits
/// beside the capabilities and names no page.
fn live_patients(r: &Reader<'_>) -> Result<Vec<String>> {
    let mut stmt = r
        .conn()
        .prepare("SELECT id FROM patients WHERE deleted_at IS NULL ORDER BY id")?;
    let rows = stmt.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every live patient's resources, in one read: each patient and their latest
/// observations, and for those with a care plan the plan and all it points at.
pub struct Gathered {
    pub resources: Vec<Resource>,
    pub patients: usize,
    /// How many of them have a care plan.
    pub plans: usize,
}

pub fn gather(r: &Reader<'_>) -> Result<Gathered> {
    let with_plans: HashSet<String> = crate::care_plans::patients_with_plans(r)?
        .into_iter()
        .collect();
    let patients = live_patients(r)?;
    let mut out = Vec::new();
    let mut plans = 0;
    for id in &patients {
        let record = Record::read(r, id, with_plans.contains(id))?;
        plans += usize::from(record.plan.is_some());
        out.extend(record.resources(Links::Relative)?);
    }
    Ok(Gathered {
        resources: out,
        patients: patients.len(),
        plans,
    })
}

/// One NDJSON file: its name, how many resources it holds, its bytes.
pub struct NdjsonFile {
    pub name: String,
    pub count: usize,
    pub bytes: Vec<u8>,
}

/// The files' contents, one per resource type in [`Resource::TYPES`] order (empty
/// ones too, so a second export into the same folder leaves nothing of the first).
pub fn files(resources: &[Resource]) -> Result<Vec<NdjsonFile>> {
    let mut out = Vec::new();
    for kind in Resource::TYPES {
        let mut bytes = Vec::new();
        let mut count = 0;
        for resource in resources.iter().filter(|r| r.resource_type() == kind) {
            serde_json::to_writer(&mut bytes, resource).map_err(|e| {
                Error::Internal(format!("a {kind} resource could not be written: {e}"))
            })?;
            bytes.push(b'\n');
            count += 1;
        }
        out.push(NdjsonFile {
            name: format!("{kind}.ndjson"),
            count,
            bytes,
        });
    }
    Ok(out)
}

/// The folder the files go into: it must exist (the export never creates folders,
/// so a mistyped path is caught rather than filled).
pub fn check_folder(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let message = if dir.exists() {
        format!(
            "{} is a file, not a folder; give the folder the NDJSON files go into.",
            dir.display()
        )
    } else {
        format!(
            "The folder {} does not exist; create it first, or choose another.",
            dir.display()
        )
    };
    Err(Error::invalid("out", message))
}

/// Writes the files, each owner-only and atomically. If one cannot be written, those
/// already written by this export are removed: a folder never holds half a caseload.
pub fn write(dir: &Path, files: &[NdjsonFile]) -> Result<()> {
    let mut written: Vec<PathBuf> = Vec::new();
    for file in files {
        let path = dir.join(&file.name);
        let saved =
            crate::export::file::save_private(&path, &file.bytes, "the FHIR export", &file.name);
        if let Err(e) = saved {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
            return Err(e);
        }
        written.push(path);
    }
    Ok(())
}

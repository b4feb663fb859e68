//! Which CSV column holds which field of an appointment. EHRs name their columns
//! differently, so a mapping names them; the two built-in presets live here in code
//! (they cannot be overwritten or removed), and coordinators save their own in
//! `schedule_presets`, audited like every change.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store};

/// The column headers that hold each field, as written in the file's header (matched
/// case-insensitively and trimmed). Date and MRN are required; the rest may be absent.
/// The time may name the date's own column, for a datetime (`2021-08-23T03:26:50Z`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub date: String,
    #[serde(default)]
    pub time: Option<String>,
    pub mrn: String,
    #[serde(default)]
    pub patient_name: Option<String>,
    #[serde(default)]
    pub provider: Option<String>,
    #[serde(default)]
    pub visit_type: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// A named mapping: built in, or saved by a coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preset {
    pub name: String,
    pub builtin: bool,
    pub description: String,
    pub mapping: Mapping,
}

/// A field of an appointment a mapping can name a column for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Date,
    Time,
    Mrn,
    PatientName,
    Provider,
    VisitType,
    Department,
    Status,
}

impl Field {
    pub(super) const ALL: [Field; 8] = [
        Field::Date,
        Field::Time,
        Field::Mrn,
        Field::PatientName,
        Field::Provider,
        Field::VisitType,
        Field::Department,
        Field::Status,
    ];

    /// The field's name in `Mapping` and in error fields (`mapping.<key>`).
    pub(super) fn key(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Time => "time",
            Field::Mrn => "mrn",
            Field::PatientName => "patient_name",
            Field::Provider => "provider",
            Field::VisitType => "visit_type",
            Field::Department => "department",
            Field::Status => "status",
        }
    }

    /// The field as a coordinator reads it in a message.
    pub(super) fn label(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Time => "time",
            Field::Mrn => "MRN",
            Field::PatientName => "patient name",
            Field::Provider => "provider",
            Field::VisitType => "visit type",
            Field::Department => "department",
            Field::Status => "status",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl Mapping {
    /// The column mapped to `field`, if any.
    pub(super) fn column(&self, field: Field) -> Option<&str> {
        match field {
            Field::Date => Some(self.date.as_str()),
            Field::Time => self.time.as_deref(),
            Field::Mrn => Some(self.mrn.as_str()),
            Field::PatientName => self.patient_name.as_deref(),
            Field::Provider => self.provider.as_deref(),
            Field::VisitType => self.visit_type.as_deref(),
            Field::Department => self.department.as_deref(),
            Field::Status => self.status.as_deref(),
        }
        .filter(|c| !c.trim().is_empty())
    }

    /// `(field, column)` for every mapped field, in the order of the struct: what the
    /// CLI prints as `field=Column` and what a preset's audit entry lists.
    pub fn columns(&self) -> Vec<(&'static str, &str)> {
        Field::ALL
            .iter()
            .filter_map(|&f| self.column(f).map(|c| (f.key(), c)))
            .collect()
    }

    /// Column names trimmed, empty optional ones absent.
    pub(super) fn normalised(&self) -> Mapping {
        let opt = |c: &Option<String>| {
            c.as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
        };
        Mapping {
            date: self.date.trim().to_owned(),
            time: opt(&self.time),
            mrn: self.mrn.trim().to_owned(),
            patient_name: opt(&self.patient_name),
            provider: opt(&self.provider),
            visit_type: opt(&self.visit_type),
            department: opt(&self.department),
            status: opt(&self.status),
        }
    }

    /// Date and MRN are what make a row an appointment of someone: both must be named.
    pub(super) fn check(&self) -> Result<()> {
        let mut problems = Vec::new();
        if self.date.trim().is_empty() {
            problems.push(FieldError::new(
                "mapping.date",
                "Name the column that holds the appointment's date.",
            ));
        }
        if self.mrn.trim().is_empty() {
            problems.push(FieldError::new(
                "mapping.mrn",
                "Name the column that holds the patient's MRN.",
            ));
        }
        match problems.is_empty() {
            true => Ok(()),
            false => Err(Error::Invalid(problems)),
        }
    }
}

/// For each field (in `Field::ALL` order), the index of its column in the header.
pub(super) type Columns = [Option<usize>; 8];

pub(super) fn get(columns: &Columns, field: Field) -> Option<usize> {
    columns[field.index()]
}

/// How headers are compared: "Visit Type " and "visit type" are the same column.
fn fold(header: &str) -> String {
    header.trim().to_lowercase()
}

/// Finds each mapped column in `headers`. A mapped column that is missing, or that
/// the header holds twice, is a problem with the whole file (every row would be read
/// wrong), reported for every field at once. Fields in `optional` may be missing.
pub(super) fn resolve(
    mapping: &Mapping,
    headers: &[String],
    optional: &[Field],
) -> Result<Columns> {
    let mut columns: Columns = [None; 8];
    let mut problems = Vec::new();
    let listed = headers.join(", ");
    for field in Field::ALL {
        let Some(wanted) = mapping.column(field) else {
            continue;
        };
        let found: Vec<usize> = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| fold(h) == fold(wanted))
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [] if optional.contains(&field) => {}
            [] => problems.push(FieldError::new(
                &format!("mapping.{}", field.key()),
                format!(
                    "The column \"{}\" ({}) is not in this file's header: {listed}.",
                    wanted.trim(),
                    field.label()
                ),
            )),
            [one] => columns[field.index()] = Some(*one),
            several => problems.push(FieldError::new(
                &format!("mapping.{}", field.key()),
                format!(
                    "The column \"{}\" ({}) appears {} times in this file's header, so Caseload \
                     cannot tell which one to read; rename the others in the file.",
                    wanted.trim(),
                    field.label(),
                    several.len()
                ),
            )),
        }
    }
    match problems.is_empty() {
        true => Ok(columns),
        false => Err(Error::Invalid(problems)),
    }
}

const SYNTHEA: &str = "synthea";
const APPOINTMENTS: &str = "appointments";

/// The built-in presets, in the order they are listed.
pub(super) fn builtins() -> Vec<Preset> {
    vec![
        Preset {
            name: SYNTHEA.into(),
            builtin: true,
            description: "Synthea's encounters.csv: date and time from START, the patient's \
                          Synthea Id as the MRN, the encounter's DESCRIPTION as the visit type."
                .into(),
            mapping: Mapping {
                date: "START".into(),
                time: Some("START".into()),
                mrn: "PATIENT".into(),
                patient_name: None,
                provider: Some("PROVIDER".into()),
                visit_type: Some("DESCRIPTION".into()),
                department: Some("ORGANIZATION".into()),
                status: None,
            },
        },
        Preset {
            name: APPOINTMENTS.into(),
            builtin: true,
            description: "An appointment report with the columns Date, Time, MRN, Patient, \
                          Provider, Visit Type, Dept, and optionally Status."
                .into(),
            mapping: Mapping {
                date: "Date".into(),
                time: Some("Time".into()),
                mrn: "MRN".into(),
                patient_name: Some("Patient".into()),
                provider: Some("Provider".into()),
                visit_type: Some("Visit Type".into()),
                department: Some("Dept".into()),
                status: Some("Status".into()),
            },
        },
    ]
}

/// The fields a built-in preset maps that a file may lack. Many appointment reports
/// carry no status column (they list only what is booked), so the `appointments`
/// preset reads Status when it is there. This holds only while the mapping is the
/// built-in one: a coordinator's own mapping means every column it names.
pub(super) fn optional_fields(preset: Option<&str>, mapping: &Mapping) -> Vec<Field> {
    let builtin = builtins()
        .into_iter()
        .find(|p| Some(p.name.as_str()) == preset && p.mapping == *mapping);
    match builtin {
        Some(p) if p.name == APPOINTMENTS => vec![Field::Status],
        _ => Vec::new(),
    }
}

fn is_builtin_name(name: &str) -> bool {
    builtins()
        .iter()
        .any(|p| p.name.eq_ignore_ascii_case(name.trim()))
}

/// The preset whose columns all appear in `headers` (a built-in's optional ones aside),
/// the one naming the most columns if several do: what the mapping step suggests.
pub fn suggest(presets: &[Preset], headers: &[String]) -> Option<String> {
    let have: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut best: Option<(&Preset, usize)> = None;
    for preset in presets {
        let optional = match preset.builtin {
            true => optional_fields(Some(&preset.name), &preset.mapping),
            false => Vec::new(),
        };
        let mut named = 0;
        let fits = Field::ALL.iter().all(|&f| match preset.mapping.column(f) {
            None => true,
            Some(c) if have.contains(&fold(c)) => {
                named += 1;
                true
            }
            Some(_) => optional.contains(&f),
        });
        if fits && best.is_none_or(|(_, n)| named > n) {
            best = Some((preset, named));
        }
    }
    best.map(|(p, _)| p.name.clone())
}

/// Every preset: the built-in ones first, then the saved ones by name.
pub fn presets(r: &Reader<'_>) -> Result<Vec<Preset>> {
    let mut out = builtins();
    let mut stmt = r
        .conn()
        .prepare_cached("SELECT name, mapping, updated_at FROM schedule_presets ORDER BY name")?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (name, mapping, updated_at) = row?;
        out.push(saved(name, &mapping, &updated_at)?);
    }
    Ok(out)
}

/// One preset by name; `NotFound` lists the names there are.
pub fn preset(r: &Reader<'_>, name: &str) -> Result<Preset> {
    let name = name.trim();
    if let Some(p) = builtins().into_iter().find(|p| p.name == name) {
        return Ok(p);
    }
    let found: Option<(String, String)> = r
        .conn()
        .query_row(
            "SELECT mapping, updated_at FROM schedule_presets WHERE name = ?1",
            [name],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match found {
        Some((mapping, updated_at)) => saved(name.to_owned(), &mapping, &updated_at),
        None => {
            let names: Vec<String> = presets(r)?.into_iter().map(|p| p.name).collect();
            Err(Error::NotFound(format!(
                "There is no schedule preset \"{name}\". The presets are: {}.",
                names.join(", ")
            )))
        }
    }
}

fn saved(name: String, mapping: &str, updated_at: &str) -> Result<Preset> {
    let mapping: Mapping = serde_json::from_str(mapping).map_err(|e| {
        Error::Internal(format!(
            "the saved schedule preset {name} is unreadable: {e}"
        ))
    })?;
    Ok(Preset {
        description: format!(
            "Saved mapping, last changed {}.",
            updated_at.get(..10).unwrap_or(updated_at)
        ),
        name,
        builtin: false,
        mapping,
    })
}

/// Longest preset name; it is shown in lists and typed on the command line.
const NAME_MAX_CHARS: usize = 60;

/// Saves `mapping` under `name`, or updates the preset of that name. A built-in
/// preset's name is refused: those are in code, and a file read with "synthea" must
/// always mean the same columns.
pub fn save_preset(store: &mut Store, name: &str, mapping: &Mapping) -> Result<Preset> {
    let name = name.trim().to_owned();
    let mapping = mapping.normalised();
    let mut problems = Vec::new();
    if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
        problems.push(FieldError::new(
            "name",
            format!("Give the preset a name of 1 to {NAME_MAX_CHARS} characters."),
        ));
    } else if is_builtin_name(&name) {
        problems.push(FieldError::new(
            "name",
            format!("\"{name}\" is a built-in preset and cannot be replaced; choose another name."),
        ));
    }
    if let Err(Error::Invalid(mut more)) = mapping.check() {
        problems.append(&mut more);
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let before: Option<Preset> = store.read(|r| match preset(r, &name) {
        Ok(p) => Ok(Some(p)),
        Err(Error::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    })?;
    if before.as_ref().is_some_and(|p| p.mapping == mapping) {
        return store.read(|r| preset(r, &name));
    }
    let text = serde_json::to_string(&mapping).map_err(|e| Error::Internal(e.to_string()))?;
    let changes: Vec<FieldChange> = Field::ALL
        .iter()
        .map(|&f| FieldChange {
            field: f.key().to_owned(),
            from: before
                .as_ref()
                .and_then(|p| p.mapping.column(f))
                .map(str::to_owned),
            to: mapping.column(f).map(str::to_owned),
        })
        .filter(|c| c.from != c.to)
        .collect();
    store.write(|w| {
        w.tx().execute(
            "INSERT INTO schedule_presets (name, mapping, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT (name) DO UPDATE SET mapping = ?2, updated_at = ?3",
            params![name, text, w.now_text()],
        )?;
        w.audit(AuditEntry {
            entity: "schedule_preset",
            entity_id: name.clone(),
            patient_id: None,
            action: if before.is_some() { "update" } else { "create" }.into(),
            changes,
        })
    })?;
    store.read(|r| preset(r, &name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    fn appointments() -> Mapping {
        builtins()
            .into_iter()
            .find(|p| p.name == APPOINTMENTS)
            .map(|p| p.mapping)
            .unwrap_or_default()
    }

    #[test]
    fn headers_match_case_insensitively_and_trimmed() {
        let cols = resolve(
            &appointments(),
            &headers(&[
                " date",
                "TIME",
                "Mrn",
                "patient",
                "Provider ",
                "visit type",
                "DEPT",
            ]),
            &[Field::Status],
        );
        let cols = cols.unwrap_or([None; 8]);
        assert_eq!(get(&cols, Field::Date), Some(0));
        assert_eq!(get(&cols, Field::VisitType), Some(5));
        assert_eq!(get(&cols, Field::Status), None);
    }

    #[test]
    fn a_missing_or_doubled_column_names_the_field() {
        let e = resolve(
            &appointments(),
            &headers(&["Date", "Date", "MRN"]),
            &[Field::Status],
        );
        let Err(Error::Invalid(fields)) = e else {
            panic!("expected a mapping error")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            names,
            [
                "mapping.date",
                "mapping.time",
                "mapping.patient_name",
                "mapping.provider",
                "mapping.visit_type",
                "mapping.department"
            ]
        );
        assert!(fields[0].message.contains("appears 2 times"));
        assert!(
            fields[1].message.contains(
                "The column \"Time\" (time) is not in this file's header: Date, Date, MRN."
            )
        );
    }

    #[test]
    fn status_is_optional_only_for_the_builtin_mapping() {
        assert_eq!(
            optional_fields(Some(APPOINTMENTS), &appointments()),
            [Field::Status]
        );
        let mut mine = appointments();
        mine.provider = None;
        assert!(optional_fields(Some(APPOINTMENTS), &mine).is_empty());
        assert!(optional_fields(Some("clinic"), &appointments()).is_empty());
    }

    #[test]
    fn the_suggestion_is_the_preset_whose_columns_are_all_there() {
        let all = builtins();
        let synthea = headers(&[
            "Id",
            "START",
            "STOP",
            "PATIENT",
            "ORGANIZATION",
            "PROVIDER",
            "PAYER",
            "ENCOUNTERCLASS",
            "CODE",
            "DESCRIPTION",
        ]);
        assert_eq!(suggest(&all, &synthea).as_deref(), Some(SYNTHEA));
        let report = headers(&[
            "Date",
            "Time",
            "MRN",
            "Patient",
            "Provider",
            "Visit Type",
            "Dept",
        ]);
        assert_eq!(suggest(&all, &report).as_deref(), Some(APPOINTMENTS));
        assert_eq!(suggest(&all, &headers(&["When", "Who"])), None);
    }
}

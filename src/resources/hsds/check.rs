//! Judging every row of a package: required fields, the formats the descriptor names
//! (UUID, e-mail, web address, date, date-time, time, number), phone numbers, service
//! status, duplicated ids, and foreign keys (to a row of the package or a record already
//! in the directory). A row that points at a bad row is bad too, so skipping the bad
//! rows never leaves a dangling reference.

use std::collections::{HashMap, HashSet};

use super::Problem;
use super::read::{Package, Row};
use super::schema::{FieldKind, Table};

/// HSDS's service statuses.
pub const SERVICE_STATUSES: &[&str] = &["active", "inactive", "defunct", "temporarily closed"];

/// The rows of each table that passed, by table name; the problems of the rest.
pub struct Checked {
    /// For each file of the package (same order), whether each row is good.
    pub good: Vec<Vec<bool>>,
    pub problems: Vec<Problem>,
}

/// `existing` holds, per table, the ids already in the directory (not removed).
pub fn check(package: &Package, existing: &HashMap<String, HashSet<String>>) -> Checked {
    let mut problems = Vec::new();
    let mut good: Vec<Vec<bool>> = Vec::new();
    for file in &package.files {
        let mut seen: HashMap<&str, u64> = HashMap::new();
        let mut flags = Vec::with_capacity(file.rows.len());
        for row in &file.rows {
            let before = problems.len();
            check_values(&file.file, file.table, row, &mut problems);
            let id = row.id();
            if !id.is_empty() {
                if let Some(first) = seen.get(id) {
                    problems.push(Problem {
                        file: file.file.clone(),
                        line: Some(row.line),
                        column: Some("id".into()),
                        message: format!("the id {id} is used again (first on line {first})"),
                    });
                } else {
                    seen.insert(id, row.line);
                }
            }
            flags.push(problems.len() == before);
        }
        good.push(flags);
    }
    // Foreign keys, until no more rows fall: a row pointing at a bad row falls too.
    loop {
        let mut known: HashMap<&str, HashSet<&str>> = HashMap::new();
        for (file, flags) in package.files.iter().zip(&good) {
            let ids = known.entry(file.table.name.as_str()).or_default();
            for (row, ok) in file.rows.iter().zip(flags) {
                if *ok {
                    ids.insert(row.id());
                }
            }
        }
        let bad_lines: HashMap<(&str, &str), (String, u64)> = package
            .files
            .iter()
            .zip(&good)
            .flat_map(|(file, flags)| {
                file.rows
                    .iter()
                    .zip(flags)
                    .filter(|(_, ok)| !**ok)
                    .map(move |(row, _)| {
                        (
                            (file.table.name.as_str(), row.id()),
                            (file.file.clone(), row.line),
                        )
                    })
            })
            .collect();
        let mut fell = false;
        for (file, flags) in package.files.iter().zip(good.iter_mut()) {
            for (row, ok) in file.rows.iter().zip(flags.iter_mut()) {
                if !*ok {
                    continue;
                }
                for (field, target) in &file.table.foreign_keys {
                    let Some(value) = row.get(file.table, field) else {
                        continue;
                    };
                    let in_package = known
                        .get(target.as_str())
                        .is_some_and(|ids| ids.contains(value));
                    let in_directory = existing.get(target).is_some_and(|ids| ids.contains(value));
                    if in_package || in_directory {
                        continue;
                    }
                    let message = match bad_lines.get(&(target.as_str(), value)) {
                        Some((f, line)) => format!(
                            "{field} points at the {target} {value}, which is a bad row ({f}, line {line})"
                        ),
                        None => format!(
                            "{field} points at the {target} {value}, which is neither in the package nor in the directory"
                        ),
                    };
                    problems.push(Problem {
                        file: file.file.clone(),
                        line: Some(row.line),
                        column: Some(field.clone()),
                        message,
                    });
                    // Every broken key of the row is reported, not only the first.
                    *ok = false;
                    fell = true;
                }
            }
        }
        if !fell {
            break;
        }
    }
    Checked { good, problems }
}

fn check_values(file: &str, table: &Table, row: &Row, problems: &mut Vec<Problem>) {
    for (field, value) in table.fields.iter().zip(&row.values) {
        let problem = match value {
            None if field.required => Some(format!("{} is required but empty", field.name)),
            None => None,
            Some(v) => value_problem(table, &field.name, field.kind, v),
        };
        if let Some(message) = problem {
            problems.push(Problem {
                file: file.to_owned(),
                line: Some(row.line),
                column: Some(field.name.clone()),
                message,
            });
        }
    }
}

fn value_problem(table: &Table, field: &str, kind: FieldKind, value: &str) -> Option<String> {
    let bad = |what: &str| Some(format!("{field} \"{}\" is not {what}", shorten(value)));
    match kind {
        FieldKind::Uuid if uuid::Uuid::try_parse(value).is_err() => bad("a UUID"),
        FieldKind::Email if !is_email(value) => bad("an e-mail address"),
        FieldKind::Uri if !is_uri(value) => {
            bad("a full web address (it needs http:// or https://)")
        }
        FieldKind::Date if value.parse::<jiff::civil::Date>().is_err() => {
            bad("a date (YYYY-MM-DD)")
        }
        FieldKind::DateTime if parse_datetime(value).is_none() => {
            bad("a date and time (YYYY-MM-DDTHH:MM:SSZ)")
        }
        // The Table Schema's default time format is HH:MM:SS; what the standard's own
        // validator rejects, the importer rejects too, so exports stay valid.
        FieldKind::Time if value.len() != 8 || parse_time(value).is_none() => {
            bad("a time (HH:MM:SS)")
        }
        FieldKind::Number if value.parse::<f64>().map_or(true, |n| !n.is_finite()) => {
            bad("a number")
        }
        _ if table.name == "phone" && field == "number" && !is_phone(value) => {
            bad("a phone number (digits, spaces, + - ( ) . and an extension)")
        }
        _ if table.name == "service"
            && field == "status"
            && !SERVICE_STATUSES.contains(&value.to_lowercase().as_str()) =>
        {
            Some(format!(
                "status \"{}\" is not an HSDS service status (active, inactive, defunct, temporarily closed)",
                shorten(value)
            ))
        }
        _ => None,
    }
}

fn shorten(value: &str) -> String {
    let mut out: String = value.chars().take(60).collect();
    if value.chars().count() > 60 {
        out.push('…');
    }
    out
}

pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c == ',' || c == ';')
}

pub fn is_uri(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        && !rest.is_empty()
        && !value.chars().any(char::is_whitespace)
}

/// Digits with the punctuation people write numbers with, 3 to 20 digits, optionally
/// an extension ("x 12", "ext. 12"); quotes around the whole number are tolerated (the
/// official 3.0 example has them).
pub fn is_phone(value: &str) -> bool {
    let value = value.trim_matches(|c| c == '"' || c == '\'').to_lowercase();
    let main = value
        .split_once("ext")
        .or_else(|| value.split_once('x'))
        .map_or(value.as_str(), |(m, _)| m);
    let digits = main.chars().filter(char::is_ascii_digit).count();
    (3..=20).contains(&digits)
        && main
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().,/".contains(c))
}

pub fn parse_datetime(value: &str) -> Option<jiff::civil::DateTime> {
    if let Ok(ts) = value.parse::<jiff::Timestamp>() {
        return Some(ts.to_zoned(jiff::tz::TimeZone::UTC).datetime());
    }
    value
        .replace(' ', "T")
        .parse::<jiff::civil::DateTime>()
        .ok()
}

pub fn parse_time(value: &str) -> Option<jiff::civil::Time> {
    let value = value.trim();
    let padded = if value.len() == 5 {
        format!("{value}:00")
    } else {
        value.to_owned()
    };
    padded.parse::<jiff::civil::Time>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_as_people_write_them() {
        for good in [
            "(555) 123-4567",
            "+44 1234 234567",
            "\"+44 1234 234567\"",
            "555.123.4567 x12",
            "911",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in [
            "call us",
            "12",
            "(555) CALL-NOW",
            "555-1234-5678-9012-3456-7890",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn emails_and_web_addresses() {
        assert!(is_email("a@b.org"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@c.org"));
        assert!(is_uri("http://example.com"));
        assert!(!is_uri("www.example.com"));
    }

    #[test]
    fn datetimes_with_or_without_a_zone() {
        assert!(parse_datetime("2016-08-25T08:31:03.916082+00:00").is_some());
        assert!(parse_datetime("2024-01-02T03:04:05Z").is_some());
        assert!(parse_datetime("2024-01-02 03:04:05").is_some());
        assert!(parse_datetime("yesterday").is_none());
        assert!(parse_time("09:00").is_some());
        assert!(parse_time("9am").is_none());
    }
}

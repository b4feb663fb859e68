//! The HSDS tables Caseload keeps, read from the official descriptor (HSDS 3.0's
//! `datapackage.json`, embedded unchanged) plus the three tables HSDS 3.1 adds. The
//! descriptor is the one place the field names, types, required flags and foreign keys
//! are written: the importer checks rows against it, the exporter writes it back
//! trimmed to the tables written, and the store's columns were generated from it.

use std::sync::OnceLock;

use serde_json::Value;

/// The official HSDS 3.0 tabular descriptor (CC BY-SA 4.0, Open Referral).
pub const DESCRIPTOR_3_0: &str = include_str!("hsds-3.0-datapackage.json");
/// url, unit and service_capacity, from the HSDS 3.1 schema, in the descriptor's style.
pub const ADDITIONS_3_1: &str = include_str!("hsds-3.1-additions.json");

/// Tables in the standard that Caseload reads but does not keep: the change log
/// (`metadata`; Caseload keeps its own audit trail) and table descriptions.
pub const NOT_KEPT: &[&str] = &["metadata", "meta_table_description"];

/// What a field holds, as far as checking goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Uuid,
    Email,
    Uri,
    Date,
    DateTime,
    Time,
    Number,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub kind: FieldKind,
    pub required: bool,
}

/// One HSDS table: its resource name (`service`), the file it is written to, its fields
/// in the descriptor's order, and which fields point at which table's `id`.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub file: String,
    pub fields: Vec<Field>,
    pub foreign_keys: Vec<(String, String)>,
    /// Added by HSDS 3.1 (written only when it has rows).
    pub from_3_1: bool,
    /// This table's entry in the descriptor, written back on export.
    pub descriptor: Value,
}

impl Table {
    /// The store's table for it.
    pub fn sql_table(&self) -> String {
        format!("hsds_{}", self.name)
    }

    pub fn field(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// The foreign key on `field`, if it is one: the table it points at.
    pub fn points_at(&self, field: &str) -> Option<&str> {
        self.foreign_keys
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, t)| t.as_str())
    }
}

/// Every kept table, in the order the descriptor lists them (3.1's after).
pub fn tables() -> &'static [Table] {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut out = Vec::new();
        for (text, from_3_1) in [(DESCRIPTOR_3_0, false), (ADDITIONS_3_1, true)] {
            // Both are compiled in and checked by a test; an unreadable one is a build defect.
            let Ok(value) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            for resource in value["resources"].as_array().into_iter().flatten() {
                if let Some(table) = parse_table(resource, from_3_1)
                    && !NOT_KEPT.contains(&table.name.as_str())
                {
                    out.push(table);
                }
            }
        }
        out
    })
}

pub fn table(name: &str) -> Option<&'static Table> {
    tables().iter().find(|t| t.name == name)
}

/// The descriptor's top level (name, title, version, licence, ...) without resources.
pub fn package_header() -> Value {
    let mut value: Value = serde_json::from_str(DESCRIPTOR_3_0).unwrap_or(Value::Null);
    if let Some(map) = value.as_object_mut() {
        map.remove("resources");
    }
    value
}

fn parse_table(resource: &Value, from_3_1: bool) -> Option<Table> {
    let name = resource["name"].as_str()?.to_owned();
    let file = resource["path"].as_str()?.to_owned();
    let schema = &resource["schema"];
    let fields = schema["fields"]
        .as_array()?
        .iter()
        .filter_map(|f| {
            let name = f["name"].as_str()?.to_owned();
            let kind = match (f["type"].as_str(), f["format"].as_str()) {
                (Some("string"), Some("uuid")) => FieldKind::Uuid,
                (Some("string"), Some("email")) => FieldKind::Email,
                (Some("string"), Some("uri")) => FieldKind::Uri,
                (Some("date"), _) => FieldKind::Date,
                (Some("datetime"), _) => FieldKind::DateTime,
                (Some("time"), _) => FieldKind::Time,
                (Some("number" | "integer"), _) => FieldKind::Number,
                _ => FieldKind::Text,
            };
            let required = f["constraints"]["required"].as_bool().unwrap_or(false);
            Some(Field {
                name,
                kind,
                required,
            })
        })
        .collect();
    let foreign_keys = schema["foreignKeys"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|fk| {
            Some((
                fk["fields"].as_str()?.to_owned(),
                fk["reference"]["resource"].as_str()?.to_owned(),
            ))
        })
        .collect();
    Some(Table {
        name,
        file,
        fields,
        foreign_keys,
        from_3_1,
        descriptor: resource.clone(),
    })
}

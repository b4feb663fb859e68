//! One patient's record as a FHIR `Bundle` of type `collection`: every resource once,
//! under its `urn:uuid:` full URL, with references between them by those URLs so they
//! resolve inside the bundle.

use serde::Serialize;

use super::datatypes::full_url;
use super::resource::Resource;
use crate::error::{Error, Result};

#[derive(Serialize)]
struct Bundle<'a> {
    #[serde(rename = "resourceType")]
    resource_type: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    entry: Vec<Entry<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    full_url: String,
    resource: &'a Resource,
}

/// The bundle as pretty-printed JSON (UTF-8, accents as written), ending in a newline.
/// No timestamp and no bundle id: exporting an unchanged record gives the same bytes.
pub fn to_json(resources: &[Resource]) -> Result<Vec<u8>> {
    let bundle = Bundle {
        resource_type: "Bundle",
        kind: "collection",
        entry: resources
            .iter()
            .map(|resource| Entry {
                full_url: full_url(resource.id()),
                resource,
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&bundle)
        .map_err(|e| Error::Internal(format!("the FHIR bundle could not be written: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

//! FHIR export (tests being written).

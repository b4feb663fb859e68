//! HL7 FHIR R4 export of care plans (being written).

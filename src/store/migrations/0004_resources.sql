-- The resource directory: one table per Open Referral HSDS table, columns named as the
-- standard's fields (all TEXT: the package's own text is kept as written, checked on the
-- way in), plus Caseload's bookkeeping columns, which start with an underscore:
--   _import_hash  the incoming row's content when it was last imported (re-import = no-op),
--   _edited_at    set when the record was changed here (a re-import then asks first),
--   _deleted_at / _delete_reason  soft delete.
-- Generated once from the HSDS 3.0 descriptor (src/resources/hsds/hsds-3.0-datapackage.json)
-- and the 3.1 additions; tests/core/resources checks every field still has its column.

CREATE TABLE hsds_organization (
    id TEXT PRIMARY KEY NOT NULL,
    "name" TEXT,
    "alternate_name" TEXT,
    "description" TEXT,
    "email" TEXT,
    "website" TEXT,
    "tax_status" TEXT,
    "tax_id" TEXT,
    "year_incorporated" TEXT,
    "legal_status" TEXT,
    "logo" TEXT,
    "uri" TEXT,
    "parent_organization_id" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);

CREATE TABLE hsds_program (
    id TEXT PRIMARY KEY NOT NULL,
    "organization_id" TEXT,
    "name" TEXT,
    "alternate_name" TEXT,
    "description" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_program_organization_id ON hsds_program ("organization_id");

CREATE TABLE hsds_service (
    id TEXT PRIMARY KEY NOT NULL,
    "organization_id" TEXT,
    "program_id" TEXT,
    "name" TEXT,
    "alternate_name" TEXT,
    "description" TEXT,
    "url" TEXT,
    "email" TEXT,
    "status" TEXT,
    "interpretation_services" TEXT,
    "application_process" TEXT,
    "fees_description" TEXT,
    "wait_time" TEXT,
    "fees" TEXT,
    "accreditations" TEXT,
    "eligibility_description" TEXT,
    "minimum_age" TEXT,
    "maximum_age" TEXT,
    "assured_date" TEXT,
    "assurer_email" TEXT,
    "licenses" TEXT,
    "alert" TEXT,
    "last_modified" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT,
    -- who verified it last, how (phone, website, in-person, import); the date is assured_date,
    _verified_by TEXT,
    _verified_how TEXT,
    -- free, sliding, fee or unknown: derived from the fee text, or chosen on the form,
    _cost TEXT NOT NULL DEFAULT 'unknown' CHECK (_cost IN ('free', 'sliding', 'fee', 'unknown'))
);
CREATE INDEX hsds_service_organization_id ON hsds_service ("organization_id");
CREATE INDEX hsds_service_program_id ON hsds_service ("program_id");

CREATE TABLE hsds_attribute (
    id TEXT PRIMARY KEY NOT NULL,
    "link_id" TEXT,
    "taxonomy_term_id" TEXT,
    "link_type" TEXT,
    "link_entity" TEXT,
    "value" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_attribute_taxonomy_term_id ON hsds_attribute ("taxonomy_term_id");

CREATE TABLE hsds_service_at_location (
    id TEXT PRIMARY KEY NOT NULL,
    "service_id" TEXT,
    "location_id" TEXT,
    "description" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_service_at_location_service_id ON hsds_service_at_location ("service_id");
CREATE INDEX hsds_service_at_location_location_id ON hsds_service_at_location ("location_id");

CREATE TABLE hsds_location (
    id TEXT PRIMARY KEY NOT NULL,
    "location_type" TEXT,
    "url" TEXT,
    "organization_id" TEXT,
    "name" TEXT,
    "alternate_name" TEXT,
    "description" TEXT,
    "transportation" TEXT,
    "latitude" TEXT,
    "longitude" TEXT,
    "external_identifier" TEXT,
    "external_identifier_type" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_location_organization_id ON hsds_location ("organization_id");

CREATE TABLE hsds_phone (
    id TEXT PRIMARY KEY NOT NULL,
    "location_id" TEXT,
    "service_id" TEXT,
    "organization_id" TEXT,
    "contact_id" TEXT,
    "service_at_location_id" TEXT,
    "number" TEXT,
    "extension" TEXT,
    "type" TEXT,
    "description" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_phone_contact_id ON hsds_phone ("contact_id");
CREATE INDEX hsds_phone_location_id ON hsds_phone ("location_id");
CREATE INDEX hsds_phone_organization_id ON hsds_phone ("organization_id");
CREATE INDEX hsds_phone_service_id ON hsds_phone ("service_id");
CREATE INDEX hsds_phone_service_at_location_id ON hsds_phone ("service_at_location_id");

CREATE TABLE hsds_contact (
    id TEXT PRIMARY KEY NOT NULL,
    "organization_id" TEXT,
    "service_id" TEXT,
    "service_at_location_id" TEXT,
    "location_id" TEXT,
    "name" TEXT,
    "title" TEXT,
    "department" TEXT,
    "email" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_contact_location_id ON hsds_contact ("location_id");
CREATE INDEX hsds_contact_organization_id ON hsds_contact ("organization_id");
CREATE INDEX hsds_contact_service_id ON hsds_contact ("service_id");
CREATE INDEX hsds_contact_service_at_location_id ON hsds_contact ("service_at_location_id");

CREATE TABLE hsds_address (
    id TEXT PRIMARY KEY NOT NULL,
    "location_id" TEXT,
    "attention" TEXT,
    "address_1" TEXT,
    "address_2" TEXT,
    "city" TEXT,
    "region" TEXT,
    "state_province" TEXT,
    "postal_code" TEXT,
    "country" TEXT,
    "address_type" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_address_location_id ON hsds_address ("location_id");

CREATE TABLE hsds_schedule (
    id TEXT PRIMARY KEY NOT NULL,
    "service_id" TEXT,
    "location_id" TEXT,
    "service_at_location_id" TEXT,
    "valid_from" TEXT,
    "valid_to" TEXT,
    "dtstart" TEXT,
    "timezone" TEXT,
    "until" TEXT,
    "count" TEXT,
    "wkst" TEXT,
    "freq" TEXT,
    "interval" TEXT,
    "byday" TEXT,
    "byweekno" TEXT,
    "bymonthday" TEXT,
    "byyearday" TEXT,
    "description" TEXT,
    "opens_at" TEXT,
    "closes_at" TEXT,
    "schedule_link" TEXT,
    "attending_type" TEXT,
    "notes" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_schedule_location_id ON hsds_schedule ("location_id");
CREATE INDEX hsds_schedule_service_id ON hsds_schedule ("service_id");
CREATE INDEX hsds_schedule_service_at_location_id ON hsds_schedule ("service_at_location_id");

CREATE TABLE hsds_funding (
    id TEXT PRIMARY KEY NOT NULL,
    "organization_id" TEXT,
    "service_id" TEXT,
    "source" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_funding_organization_id ON hsds_funding ("organization_id");
CREATE INDEX hsds_funding_service_id ON hsds_funding ("service_id");

CREATE TABLE hsds_service_area (
    id TEXT PRIMARY KEY NOT NULL,
    "service_id" TEXT,
    "name" TEXT,
    "description" TEXT,
    "extent" TEXT,
    "extent_type" TEXT,
    "uri" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_service_area_service_id ON hsds_service_area ("service_id");

CREATE TABLE hsds_required_document (
    id TEXT PRIMARY KEY NOT NULL,
    "service_id" TEXT,
    "document" TEXT,
    "uri" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_required_document_service_id ON hsds_required_document ("service_id");

CREATE TABLE hsds_language (
    id TEXT PRIMARY KEY NOT NULL,
    "service_id" TEXT,
    "location_id" TEXT,
    "phone_id" TEXT,
    "name" TEXT,
    "code" TEXT,
    "note" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_language_location_id ON hsds_language ("location_id");
CREATE INDEX hsds_language_phone_id ON hsds_language ("phone_id");
CREATE INDEX hsds_language_service_id ON hsds_language ("service_id");

CREATE TABLE hsds_accessibility (
    id TEXT PRIMARY KEY NOT NULL,
    "location_id" TEXT,
    "description" TEXT,
    "details" TEXT,
    "url" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_accessibility_location_id ON hsds_accessibility ("location_id");

CREATE TABLE hsds_taxonomy_term (
    id TEXT PRIMARY KEY NOT NULL,
    "code" TEXT,
    "name" TEXT,
    "description" TEXT,
    "parent_id" TEXT,
    "taxonomy" TEXT,
    "language" TEXT,
    "taxonomy_id" TEXT,
    "term_uri" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_taxonomy_term_taxonomy_id ON hsds_taxonomy_term ("taxonomy_id");

CREATE TABLE hsds_cost_option (
    id TEXT PRIMARY KEY NOT NULL,
    "service_id" TEXT,
    "valid_from" TEXT,
    "valid_to" TEXT,
    "option" TEXT,
    "currency" TEXT,
    "amount" TEXT,
    "amount_description" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_cost_option_service_id ON hsds_cost_option ("service_id");

CREATE TABLE hsds_organization_identifier (
    id TEXT PRIMARY KEY NOT NULL,
    "organization_id" TEXT,
    "identifier_scheme" TEXT,
    "identifier_type" TEXT,
    "identifier" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_organization_identifier_organization_id ON hsds_organization_identifier ("organization_id");

CREATE TABLE hsds_taxonomy (
    id TEXT PRIMARY KEY NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "uri" TEXT,
    "version" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);

CREATE TABLE hsds_url (
    id TEXT PRIMARY KEY NOT NULL,
    "label" TEXT,
    "url" TEXT,
    "organization_id" TEXT,
    "service_id" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_url_organization_id ON hsds_url ("organization_id");
CREATE INDEX hsds_url_service_id ON hsds_url ("service_id");

CREATE TABLE hsds_unit (
    id TEXT PRIMARY KEY NOT NULL,
    "name" TEXT,
    "scheme" TEXT,
    "identifier" TEXT,
    "uri" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);

CREATE TABLE hsds_service_capacity (
    id TEXT PRIMARY KEY NOT NULL,
    "service_id" TEXT,
    "unit_id" TEXT,
    "available" TEXT,
    "maximum" TEXT,
    "description" TEXT,
    "updated" TEXT,
    _import_hash TEXT,
    _edited_at TEXT,
    _deleted_at TEXT,
    _delete_reason TEXT
);
CREATE INDEX hsds_service_capacity_service_id ON hsds_service_capacity ("service_id");
CREATE INDEX hsds_service_capacity_unit_id ON hsds_service_capacity ("unit_id");

-- The directory listed by name (an empty search) and the verify queue, oldest first.
CREATE INDEX hsds_service_name ON hsds_service (name COLLATE NOCASE, id, _deleted_at) WHERE _deleted_at IS NULL;
CREATE INDEX hsds_service_verified ON hsds_service (coalesce(assured_date, substr(last_modified, 1, 10)), id, _deleted_at) WHERE _deleted_at IS NULL;

-- Categories are attributes linking a record (link_id) to a taxonomy term.
CREATE INDEX hsds_attribute_link ON hsds_attribute (link_id);

-- The search filters (src/resources/search.rs). Each filter is a set of service ids
-- read from covering indexes (the services in a category, speaking a language, at a
-- city or ZIP, open on a day, with a cost, stale), intersected on the live services'
-- ids (hsds_service_live); a page is listed by walking the name index above.
-- `_deleted_at` ends each of these partial indexes although it is always NULL there:
-- without it SQLite reads the row to check it, and a search reads thousands of rows.
CREATE INDEX hsds_service_live ON hsds_service (id, _deleted_at) WHERE _deleted_at IS NULL;
CREATE INDEX hsds_service_cost ON hsds_service (_cost, id, _deleted_at) WHERE _deleted_at IS NULL;
CREATE INDEX hsds_attribute_term_link ON hsds_attribute (taxonomy_term_id, link_id, _deleted_at) WHERE _deleted_at IS NULL;
CREATE INDEX hsds_language_name ON hsds_language (lower(name), service_id, _deleted_at) WHERE _deleted_at IS NULL;
CREATE INDEX hsds_language_code ON hsds_language (lower(code), service_id, _deleted_at) WHERE _deleted_at IS NULL;
CREATE INDEX hsds_address_city ON hsds_address (lower(city), location_id, _deleted_at) WHERE _deleted_at IS NULL;
CREATE INDEX hsds_address_postal ON hsds_address (postal_code, location_id, _deleted_at) WHERE _deleted_at IS NULL;
CREATE INDEX hsds_service_at_location_live ON hsds_service_at_location (location_id, service_id, _deleted_at) WHERE _deleted_at IS NULL;
CREATE INDEX hsds_schedule_byday ON hsds_schedule (byday, service_id, service_at_location_id, _deleted_at) WHERE _deleted_at IS NULL;

-- A service's search text, kept by the code that writes services (src/resources/index.rs):
-- names, the organization, descriptions, categories, eligibility, and where it is.
-- unicode61 with remove_diacritics folds accents and case; the prefix indexes make
-- search-as-you-type prefixes of 1 to 3 letters cheap. rowid = hsds_service.rowid.
CREATE VIRTUAL TABLE service_search USING fts5 (
    name, organization, categories, description, eligibility, places,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

-- Every "verified today": when, who, how, and what changed. The service row carries the
-- latest (assured_date, _verified_by, _verified_how).
CREATE TABLE resource_verifications (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES hsds_service (id),
    on_date     TEXT NOT NULL,
    by_whom     TEXT,
    how         TEXT NOT NULL CHECK (how IN ('phone', 'website', 'in-person', 'import')),
    changes     TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX resource_verifications_service ON resource_verifications (service_id, on_date);

-- Each applied HSDS import: the package, its version and the counts.
CREATE TABLE hsds_imports (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    version     TEXT NOT NULL,
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);

-- A patient's social needs, each an HL7 Gravity SDOH category.
CREATE TABLE social_needs (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    category      TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('identified', 'being-addressed', 'resolved', 'declined')),
    note          TEXT,
    identified_on TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    delete_reason TEXT
);
CREATE INDEX social_needs_patient ON social_needs (patient_id) WHERE deleted_at IS NULL;

-- Closed-loop referrals. `status` is the latest move; every move is a referral_events row.
-- `follow_up_on` is set while the referral is open and puts it on Today from that day.
CREATE TABLE referrals (
    id               TEXT PRIMARY KEY,
    patient_id       TEXT NOT NULL REFERENCES patients (id),
    service_id       TEXT NOT NULL REFERENCES hsds_service (id),
    need_id          TEXT REFERENCES social_needs (id),
    need_category    TEXT,
    urgency          TEXT NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
    note             TEXT,
    consent_to_share INTEGER NOT NULL CHECK (consent_to_share IN (0, 1)),
    consent_on       TEXT,
    status           TEXT NOT NULL CHECK (status IN ('suggested', 'referred', 'contacted',
                     'connected', 'could-not-connect')),
    outcome          TEXT CHECK (outcome IN ('no-capacity', 'not-eligible', 'patient-declined',
                     'no-response', 'other')),
    referred_on      TEXT NOT NULL,
    follow_up_on     TEXT,
    stale_reason     TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    delete_reason    TEXT
);
CREATE INDEX referrals_patient ON referrals (patient_id) WHERE deleted_at IS NULL;
CREATE INDEX referrals_service ON referrals (service_id, status) WHERE deleted_at IS NULL;
CREATE INDEX referrals_follow_up ON referrals (follow_up_on) WHERE deleted_at IS NULL AND follow_up_on IS NOT NULL;

CREATE TABLE referral_events (
    id          TEXT PRIMARY KEY,
    referral_id TEXT NOT NULL REFERENCES referrals (id),
    status      TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    outcome     TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, on_date);

-- The starter taxonomy every directory begins with (coordinators add their own terms).
-- Fixed ids, so two coordinators' directories share the same categories.
INSERT INTO hsds_taxonomy (id, name, description, version)
    VALUES ('1338b6d6-5682-50ba-8a67-3611144c5100', 'Caseload starter', 'The categories a care coordinator refers to most', '1');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('20bdf109-3427-5a1b-833e-8dd85e499030', 'food', 'Food', 'Food', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('0ff9fa2b-f4c9-54eb-b4a4-50f9114eabb6', 'housing', 'Housing', 'Housing', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('e7bba553-a1f4-56da-a547-3472c8d3e36d', 'transportation', 'Transportation', 'Transportation', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('f49a4df3-8c86-5214-858d-7b93f388be03', 'utilities', 'Utilities', 'Utilities', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('a7af49e9-f415-596a-8ffb-5229c84feeae', 'medication-cost', 'Medication cost', 'Medication cost', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('9e26a154-f60a-592f-9401-7838b8c07007', 'dental', 'Dental', 'Dental', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('13c71661-576a-5314-b64b-1d0aea2aad35', 'behavioural-health', 'Behavioural health', 'Behavioural health', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('6e7706e3-10c7-5fbd-964d-98b465c9a5d8', 'crisis', 'Crisis', 'Crisis', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('dc8faefc-d36f-57f4-9162-378abbe49d3e', 'legal', 'Legal', 'Legal', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('4ec9c6e9-2138-558b-a764-737478a6d38f', 'employment', 'Employment', 'Employment', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');
INSERT INTO hsds_taxonomy_term (id, code, name, description, taxonomy, taxonomy_id, language)
    VALUES ('cb44e956-6506-53d9-bf3b-16644bed8e57', 'childcare', 'Childcare', 'Childcare', 'Caseload starter', '1338b6d6-5682-50ba-8a67-3611144c5100', 'en');

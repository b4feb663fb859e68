//! The care team: the people who help the patient, with their role, phone and
//! organisation. They are not users of the app; the patient's printout lists them
//! under "who helps me".

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::items::{self, Item};
use super::read::{self, TeamMember};
use super::vocabulary::Role;
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MemberDraft {
    pub patient_id: String,
    pub name: String,
    pub role: String,
    pub phone: String,
    pub organisation: String,
}

struct Valid {
    name: String,
    role: Role,
    phone: Option<String>,
    organisation: Option<String>,
}

fn validate(d: &MemberDraft) -> Result<Valid> {
    let mut errors = Vec::new();
    let name = items::required_text(&mut errors, "name", "Give the person's name.", &d.name, 120)
        .filter(|n| !crate::text::refuse_format_chars(&mut errors, "name", "The name", n));
    let role = items::term(
        &mut errors,
        "role",
        &d.role,
        None,
        Role::parse,
        Role::unknown,
        "Say what the person does for the patient (pcp, family, pharmacist, ...).",
    );
    let phone = crate::text::optional(&mut errors, "phone", "The phone number", &d.phone, 40);
    let organisation = crate::text::optional(
        &mut errors,
        "organisation",
        "The organisation",
        &d.organisation,
        160,
    );
    match (name, role) {
        (Some(name), Some(role)) if errors.is_empty() => Ok(Valid {
            name,
            role,
            phone,
            organisation,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

fn changes(before: Option<&TeamMember>, after: &Valid) -> Vec<crate::audit::FieldChange> {
    crate::audit::diff(&[
        (
            "name",
            before.map(|b| b.name.as_str()),
            Some(after.name.as_str()),
        ),
        (
            "role",
            before.map(|b| b.role.as_str()),
            Some(after.role.as_str()),
        ),
        (
            "phone",
            before.and_then(|b| b.phone.as_deref()),
            after.phone.as_deref(),
        ),
        (
            "organisation",
            before.and_then(|b| b.organisation.as_deref()),
            after.organisation.as_deref(),
        ),
    ])
}

pub fn add_member(store: &mut Store, draft: &MemberDraft) -> Result<TeamMember> {
    let valid = validate(draft)?;
    let id = store.write(|w| {
        crate::patients::get(&w.reader(), &draft.patient_id)?;
        let id = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO care_team_members (id, patient_id, name, role, phone, organisation, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![id, draft.patient_id, valid.name, valid.role.as_str(), valid.phone, valid.organisation, w.now_text()],
        )?;
        items::record(w, &draft.patient_id, Item::Member, &id, "create", changes(None, &valid), "Care team member added")?;
        Ok(id)
    })?;
    store.read(|r| read::member(r, &id))
}

pub fn update_member(store: &mut Store, id: &str, draft: &MemberDraft) -> Result<TeamMember> {
    let valid = validate(draft)?;
    store.write(|w| {
        let before = read::member(&w.reader(), id)?;
        let changes = changes(Some(&before), &valid);
        if changes.is_empty() {
            return Err(Error::invalid("name", "Nothing was changed."));
        }
        w.tx().execute(
            "UPDATE care_team_members SET name = ?2, role = ?3, phone = ?4, organisation = ?5, updated_at = ?6
             WHERE id = ?1",
            params![id, valid.name, valid.role.as_str(), valid.phone, valid.organisation, w.now_text()],
        )?;
        items::record(w, &before.patient_id, Item::Member, id, "update", changes, "Care team member changed")
    })?;
    store.read(|r| read::member(r, id))
}

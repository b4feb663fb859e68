//! The community-resource directory: organizations, their services and locations, kept
//! as Open Referral HSDS records (`hsds/` moves them in and out), searched as you type
//! (`search`, over the full-text index `index` keeps), each service with how long ago it
//! was last verified (`verification`) and its opening hours worked out for now (`hours`).
//! `edit` adds and changes records by hand; `detail` reads one service whole.

pub mod categories;
mod detail;
mod edit;
pub mod hours;
pub mod hsds;
pub(crate) mod index;
mod search;
mod verification;

pub use detail::CategoryRef;

use crate::terms::terms;

pub use categories::{Category, add_category, list as categories_list};
pub use detail::{
    CostOption, Location, OrganizationSummary, PhoneLine, ReferralCounts, ServiceDetail,
    VerificationLine, detail,
};
pub use edit::{
    HoursDraft, LocationDraft, Organization, OrganizationDraft, OrganizationListItem, ServiceDraft,
    organization, organizations, remove, save_location, save_organization, save_service,
};
pub use hours::Hours;
pub use search::{SearchPage, SearchQuery, ServiceHit, search, verify_queue};
pub use verification::{Verification, VerifyDraft, stale_after_days, verify};

terms!(
    /// How a service was last verified.
    VerifyHow, "way of verifying" {
        Phone = "phone", "Phone call";
        Website = "website", "Website";
        InPerson = "in-person", "In person";
        Import = "import", "From an import";
    }
);

terms!(
    /// What a service costs the patient, as far as the directory knows.
    Cost, "cost" {
        Free = "free", "Free";
        Sliding = "sliding", "Sliding scale";
        Fee = "fee", "Fee";
        Unknown = "unknown", "Cost not known";
    }
);

terms!(
    /// HSDS's service status.
    ServiceStatus, "service status" {
        Active = "active", "Active";
        Inactive = "inactive", "Inactive";
        Defunct = "defunct", "Defunct";
        TemporarilyClosed = "temporarily closed", "Temporarily closed";
    }
);

terms!(
    /// Days of the week as HSDS schedules write them (iCalendar BYDAY).
    Weekday, "day of the week" {
        Mo = "mo", "Monday";
        Tu = "tu", "Tuesday";
        We = "we", "Wednesday";
        Th = "th", "Thursday";
        Fr = "fr", "Friday";
        Sa = "sa", "Saturday";
        Su = "su", "Sunday";
    }
);

/// SQL for a service's cost worked out from its fee text and cost options (used when a
/// service is imported; the form sets it directly). "Sliding" wins over "free": a
/// sliding scale that starts at free is still a sliding scale.
pub(crate) const COST_FROM_TEXT: &str = "CASE
    WHEN lower(coalesce(fees_description, '') || ' ' || coalesce(fees, '')) LIKE '%sliding%' THEN 'sliding'
    WHEN lower(coalesce(fees_description, '') || ' ' || coalesce(fees, '')) LIKE '%free%'
      OR lower(coalesce(fees_description, '') || ' ' || coalesce(fees, '')) LIKE '%no cost%'
      OR lower(coalesce(fees_description, '') || ' ' || coalesce(fees, '')) LIKE '%no charge%'
      OR EXISTS (SELECT 1 FROM hsds_cost_option c WHERE c.service_id = hsds_service.id
                 AND c._deleted_at IS NULL AND CAST(c.amount AS REAL) = 0 AND c.amount IS NOT NULL)
      THEN 'free'
    WHEN trim(coalesce(fees_description, '') || coalesce(fees, '')) <> ''
      OR EXISTS (SELECT 1 FROM hsds_cost_option c WHERE c.service_id = hsds_service.id
                 AND c._deleted_at IS NULL AND CAST(c.amount AS REAL) > 0)
      THEN 'fee'
    ELSE 'unknown' END";

/// The weekday of a date as a schedule writes it.
pub fn weekday_of(day: jiff::civil::Date) -> Weekday {
    use jiff::civil::Weekday as W;
    match day.weekday() {
        W::Monday => Weekday::Mo,
        W::Tuesday => Weekday::Tu,
        W::Wednesday => Weekday::We,
        W::Thursday => Weekday::Th,
        W::Friday => Weekday::Fr,
        W::Saturday => Weekday::Sa,
        W::Sunday => Weekday::Su,
    }
}

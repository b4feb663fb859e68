//! A service's page: the directory's record of it, and what coordinators learned from
//! referring patients there (how many were referred, how many connected).

use serde::Serialize;

use crate::error::Result;
use crate::referrals::{CouldNotConnect, ReferralStatus, Urgency};
use crate::resources::{Cost, ReferralCounts, ServiceDetail, ServiceStatus, VerifyHow, Weekday};
use crate::social_needs::{NeedCategory, NeedStatus};
use crate::store::Reader;
use crate::terms::Term;

#[derive(Debug, Clone, Serialize)]
pub struct ServicePage {
    #[serde(flatten)]
    pub service: ServiceDetail,
    pub referrals: ReferralCounts,
}

pub fn service(r: &Reader<'_>, id: &str) -> Result<ServicePage> {
    Ok(ServicePage {
        service: crate::resources::detail(r, id)?,
        referrals: crate::referrals::counts_for_service(r, id)?,
    })
}

/// The closed lists the directory, needs and referral forms choose from.
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryVocabulary {
    pub needs: Vec<Term>,
    pub need_statuses: Vec<Term>,
    pub referral_statuses: Vec<Term>,
    pub could_not_connect: Vec<Term>,
    pub urgencies: Vec<Term>,
    pub verify_how: Vec<Term>,
    pub costs: Vec<Term>,
    pub service_statuses: Vec<Term>,
    pub weekdays: Vec<Term>,
}

pub fn vocabulary() -> DirectoryVocabulary {
    DirectoryVocabulary {
        needs: NeedCategory::described(),
        need_statuses: NeedStatus::described(),
        referral_statuses: ReferralStatus::described(),
        could_not_connect: CouldNotConnect::described(),
        urgencies: Urgency::described(),
        verify_how: VerifyHow::described(),
        costs: Cost::described(),
        service_statuses: ServiceStatus::described(),
        weekdays: Weekday::described(),
    }
}

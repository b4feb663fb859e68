//! The printouts: huddle sheet, previsit agendas, case-review agenda, patient summary,
//! referral slip and the patient's "My care plan". Each document is a function from plain data (a page from
//! `src/pages/`, or a capability's record) to a PDF laid out with `src/pdf/`; [`print`]
//! reads that data in one snapshot and is what both front ends call.

mod huddle_sheet;
pub mod language;
mod my_care_plan;
mod patient_summary;
mod previsit_agenda;
mod referral_slip;
mod review_agenda;
mod save;
mod sections;
mod shared;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use huddle_sheet::huddle_sheet;
pub use my_care_plan::{MyCarePlan, my_care_plan};
pub use patient_summary::patient_summary;
pub use previsit_agenda::previsit_agendas;
pub use referral_slip::referral_slip;
pub use review_agenda::review_agenda;
pub use save::save;

use crate::error::{Error, Result};
use crate::pdf::{FrameWords, Paper, Pdf, Setup};
use crate::settings::PrintSettings;
use crate::store::Store;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Printout {
    /// The day's huddle sheet (landscape, one row per patient coming in).
    Huddle,
    /// Previsit agendas: one or more pages per patient coming in, or for one patient.
    Agenda,
    /// The weekly case-review agenda for a review date.
    Review,
    /// One patient's summary for a PCP or a hospital.
    Summary,
    /// A referral slip for the patient, in large print.
    Referral,
    /// The patient's own copy of their care plan, in large print and their language.
    #[serde(rename = "careplan")]
    CarePlan,
}

impl Printout {
    pub fn parse(text: &str) -> Option<Printout> {
        match text.trim() {
            "huddle" => Some(Printout::Huddle),
            "agenda" => Some(Printout::Agenda),
            "review" => Some(Printout::Review),
            "summary" => Some(Printout::Summary),
            "referral" => Some(Printout::Referral),
            "careplan" => Some(Printout::CarePlan),
            _ => None,
        }
    }
    pub fn slug(self) -> &'static str {
        match self {
            Printout::Huddle => "huddle-sheet",
            Printout::Agenda => "previsit-agenda",
            Printout::Review => "case-review-agenda",
            Printout::Summary => "patient-summary",
            Printout::Referral => "referral-slip",
            Printout::CarePlan => "my-care-plan",
        }
    }
}

/// What to print. `date` is the day (huddle, agendas) or the review date, today when
/// absent; `patient_id` is needed by the summary and the care plan and accepted by the
/// agenda (one patient's agenda); a referral slip names its referral, or the patient's
/// latest open one.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PrintRequest {
    pub date: Option<Date>,
    pub patient_id: Option<String>,
    pub referral_id: Option<String>,
    /// Overrides the paper setting for this one print.
    pub paper: Option<Paper>,
    /// The care plan's language ("es", "Spanish"), instead of the patient's preferred
    /// language.
    #[serde(default)]
    pub language: Option<String>,
}

/// A finished document.
#[derive(Debug, Clone, Serialize)]
pub struct Printed {
    /// A file name to offer in the save dialog: no patient name in it, since file
    /// names end up in recent-file lists and sync logs.
    pub file_name: String,
    pub pages: usize,
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// What it is ("previsit-agenda"), for the audit trail.
    #[serde(skip)]
    pub kind: &'static str,
    /// The patients it names, for the audit trail: a printout is PHI leaving the store.
    #[serde(skip)]
    pub patient_ids: Vec<String>,
}

/// Records in the audit trail that `printed` left the store, and where to
/// ("/home/…/agenda.pdf", "printer", "PDF viewer"): one entry, naming the patient when
/// the document is about one, else how many it names.
pub fn record(store: &mut Store, printed: &Printed, destination: &str) -> Result<()> {
    crate::audit::record_export(
        store,
        "print",
        printed.kind,
        crate::audit::Whom::Patients(&printed.patient_ids),
        destination,
    )
}

/// Reads what `kind` needs in one snapshot and lays the document out.
pub fn print(store: &Store, kind: Printout, request: &PrintRequest) -> Result<Printed> {
    let day = request.date.unwrap_or_else(|| store.today());
    let settings = store.read(crate::settings::printing)?;
    let printed = store.read(|r| Ok(r.local_now()))?;
    let frame = Frame {
        settings,
        paper: request.paper,
        printed: printed.strftime("%Y-%m-%d %H:%M").to_string(),
    };
    let mut patient_ids = Vec::new();
    let (pdf, stem): (Pdf, String) = match kind {
        Printout::Huddle => {
            let page = store.read_on(day, crate::pages::coming_in::coming_in)?;
            patient_ids.extend(page.visits.iter().map(|v| v.patient.id.clone()));
            (huddle_sheet(&page, &frame)?, day.to_string())
        }
        Printout::Agenda => match &request.patient_id {
            Some(id) => {
                let brief = store.read_on(day, |r| crate::pages::brief::brief(r, id))?;
                let mrn = brief.patient.mrn.clone();
                patient_ids.push(brief.patient.id.clone());
                (
                    previsit_agendas(day, &[brief], &frame)?,
                    format!("{day}-{}", file_safe(&mrn)),
                )
            }
            None => {
                let briefs = store.read_on(day, crate::pages::brief::briefs_for_day)?;
                patient_ids.extend(briefs.iter().map(|b| b.patient.id.clone()));
                (previsit_agendas(day, &briefs, &frame)?, day.to_string())
            }
        },
        Printout::Review => {
            let agenda = store.read_on(day, review_agenda::gather)?;
            patient_ids.extend(agenda.visits.iter().map(|v| v.patient.id.clone()));
            (review_agenda(&agenda, &frame)?, day.to_string())
        }
        Printout::Summary => {
            let id = request.patient_id.as_deref().ok_or_else(|| {
                Error::invalid("patient", "Choose the patient whose summary to print.")
            })?;
            let brief = store.read_on(day, |r| crate::pages::brief::brief(r, id))?;
            let mrn = brief.patient.mrn.clone();
            patient_ids.push(brief.patient.id.clone());
            (patient_summary(&brief, &frame)?, file_safe(&mrn))
        }
        Printout::Referral => {
            let slip = store.read_on(day, |r| {
                referral_slip::gather(
                    r,
                    request.referral_id.as_deref(),
                    request.patient_id.as_deref(),
                )
            })?;
            let stem = slip.referral.referred_on.to_string();
            patient_ids.push(slip.referral.patient.id.clone());
            (referral_slip(&slip, &frame)?, stem)
        }
        Printout::CarePlan => {
            let id = request.patient_id.as_deref().ok_or_else(|| {
                Error::invalid("patient", "Choose the patient whose care plan to print.")
            })?;
            let plan = store.read_on(day, |r| {
                my_care_plan::gather(r, id, request.language.as_deref())
            })?;
            // The patient reads the date printed in their language, too.
            let frame = Frame {
                printed: plan.strings.date_and_time(printed),
                ..frame
            };
            patient_ids.push(plan.patient.id.clone());
            (my_care_plan(&plan, &frame)?, file_safe(&plan.patient.mrn))
        }
    };
    Ok(Printed {
        file_name: format!("{}-{stem}.pdf", kind.slug()),
        pages: pdf.pages,
        bytes: pdf.bytes,
        kind: kind.slug(),
        patient_ids,
    })
}

/// What every document's pages are framed with.
#[derive(Debug, Clone)]
pub struct Frame {
    pub settings: PrintSettings,
    /// This print's paper, when it differs from the setting.
    pub paper: Option<Paper>,
    /// When it was printed ("2026-12-03 08:14").
    pub printed: String,
}

impl Frame {
    /// A frame for tests and benchmarks: given settings, a fixed time.
    pub fn new(settings: PrintSettings, printed: &str) -> Frame {
        Frame {
            settings,
            paper: None,
            printed: printed.to_owned(),
        }
    }

    fn setup(&self, title: String, landscape: bool) -> Setup {
        self.setup_in(title, landscape, FrameWords::ENGLISH)
    }

    /// The setup of a document in another language than English: the frame's words
    /// in that language.
    fn setup_in(&self, title: String, landscape: bool, words: FrameWords) -> Setup {
        Setup {
            clinic: self.settings.clinic_name.clone(),
            title,
            printed: self.printed.clone(),
            paper: self.paper.unwrap_or(self.settings.paper),
            landscape,
            words,
        }
    }
}

fn file_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

//! `caseload print huddle|agenda|review|summary|referral|careplan`: a printout as a
//! PDF file.

use std::path::PathBuf;

use caseload::Store;
use caseload::pdf::Paper;
use caseload::printouts::{PrintRequest, Printout};
use clap::{Args, ValueEnum};

use crate::error::{CliError, CliResult};

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// The day's huddle sheet (landscape)
    Huddle,
    /// Previsit agendas for everyone coming in (or one patient with --mrn)
    Agenda,
    /// The case-review agenda for a review date
    Review,
    /// One patient's summary (--mrn)
    Summary,
    /// A referral slip for the patient (--mrn, or --referral)
    Referral,
    /// The patient's own "My care plan", large print, in their language (--mrn)
    Careplan,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PaperArg {
    Letter,
    A4,
}

#[derive(Args)]
pub struct PrintArgs {
    #[arg(value_enum)]
    kind: Kind,
    /// The day (huddle, agenda) or the review date, YYYY-MM-DD [default: today]
    #[arg(long, default_value = "")]
    date: String,
    /// The patient (summary, referral slip, care plan; one patient's agenda)
    #[arg(long)]
    mrn: Option<String>,
    /// The care plan's language, en or es [default: the patient's preferred language,
    /// English when it is not recorded or not one of these]
    #[arg(long)]
    language: Option<String>,
    /// The referral to print a slip for [default: the patient's latest open one]
    #[arg(long)]
    referral: Option<String>,
    /// Paper size [default: the clinic's setting]
    #[arg(long, value_enum)]
    paper: Option<PaperArg>,
    /// Where to write the PDF
    #[arg(long)]
    out: PathBuf,
}

pub fn run(store: &mut Store, args: PrintArgs) -> CliResult {
    let kind = match args.kind {
        Kind::Huddle => Printout::Huddle,
        Kind::Agenda => Printout::Agenda,
        Kind::Review => Printout::Review,
        Kind::Summary => Printout::Summary,
        Kind::Referral => Printout::Referral,
        Kind::Careplan => Printout::CarePlan,
    };
    if matches!(kind, Printout::Summary) && args.mrn.is_none() {
        return Err(CliError::Usage(
            "print summary needs --mrn: whose summary?".into(),
        ));
    }
    if matches!(kind, Printout::CarePlan) && args.mrn.is_none() {
        return Err(CliError::Usage(
            "print careplan needs --mrn: whose care plan?".into(),
        ));
    }
    if args.language.is_some() && !matches!(kind, Printout::CarePlan) {
        return Err(CliError::Usage(
            "--language is for print careplan; the other printouts are for the care team.".into(),
        ));
    }
    if matches!(kind, Printout::Referral) && args.mrn.is_none() && args.referral.is_none() {
        return Err(CliError::Usage(
            "print referral needs --mrn or --referral: which referral?".into(),
        ));
    }
    let patient_id = match &args.mrn {
        Some(mrn) => Some(
            store
                .read(|r| caseload::patients::require_by_mrn(r, mrn))?
                .id,
        ),
        None => None,
    };
    let request = PrintRequest {
        date: crate::args::day("date", &args.date)?,
        patient_id,
        referral_id: args.referral,
        paper: args.paper.map(|p| match p {
            PaperArg::Letter => Paper::Letter,
            PaperArg::A4 => Paper::A4,
        }),
        language: args.language,
    };
    let printed = caseload::printouts::print(store, kind, &request)?;
    caseload::printouts::save(&args.out, &printed.bytes)?;
    caseload::printouts::record(store, &printed, &crate::output::shown_path(&args.out))?;
    say!(
        "Wrote {} ({} page{}) to {}.",
        printed.file_name.trim_end_matches(".pdf"),
        printed.pages,
        if printed.pages == 1 { "" } else { "s" },
        args.out.display()
    );
    Ok(())
}

//! `caseload today`: who is coming in on a day, with what to prepare for each visit.

use caseload::Store;
use clap::Args;

use crate::error::CliResult;
use crate::output::{Format, Table, patient_cells, patient_header};

#[derive(Args)]
pub struct TodayArgs {
    /// The day, YYYY-MM-DD [default: today; tomorrow for previsit planning]
    #[arg(long, default_value = "")]
    date: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(store: &Store, args: TodayArgs) -> CliResult {
    let day = crate::args::day("date", &args.date)?.unwrap_or_else(|| store.today());
    let page = store.read_on(day, caseload::pages::coming_in::coming_in)?;
    let table = Table {
        header: patient_header(&[
            "time",
            "provider",
            "visit_type",
            "program",
            "prep",
            "talking_points",
        ]),
        rows: page
            .visits
            .iter()
            .map(|v| {
                let first = v.appointments.first();
                let field = |f: fn(&caseload::schedule::Appointment) -> &Option<String>| {
                    first.and_then(|a| f(a).clone()).unwrap_or_default()
                };
                patient_cells(
                    &v.patient,
                    [
                        field(|a| &a.time),
                        field(|a| &a.provider),
                        field(|a| &a.visit_type),
                        v.program.clone().unwrap_or_default(),
                        v.prep
                            .iter()
                            .map(|p| p.label.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                        v.talking_points.clone(),
                    ],
                )
            })
            .collect(),
    };
    table.print(args.format, &page)?;
    if matches!(args.format, Format::Table) {
        match page.visits.len() {
            0 => say!("(Nobody in this caseload has an appointment on {day}.)"),
            1 => say!("(1 patient coming in on {day}.)"),
            n => say!("({n} patients coming in on {day}.)"),
        }
    }
    Ok(())
}

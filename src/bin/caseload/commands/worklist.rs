//! `caseload worklist`: Today's worklist — everything due on a day, most urgent first.

use caseload::Store;
use clap::Args;

use crate::error::CliResult;
use crate::output::{Format, Table, patient_cells, patient_header};

#[derive(Args)]
pub struct WorklistArgs {
    /// The day, YYYY-MM-DD [default: today]
    #[arg(long, default_value = "")]
    date: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(store: &Store, args: WorklistArgs) -> CliResult {
    let day = crate::args::day("date", &args.date)?.unwrap_or_else(|| store.today());
    let list = store.read_on(day, caseload::pages::today::worklist)?;
    let table = Table {
        header: patient_header(&["kind", "due_on", "overdue_days", "action", "detail"]),
        rows: list
            .items
            .iter()
            .map(|i| {
                patient_cells(
                    &i.patient,
                    [
                        serde_json::to_value(i.kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                        i.due_on.to_string(),
                        i.overdue_days.to_string(),
                        i.action_label.to_owned(),
                        i.detail.clone(),
                    ],
                )
            })
            .collect(),
    };
    table.print(args.format, &list)?;
    if matches!(args.format, Format::Table) {
        let counts: Vec<String> = list
            .counts
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| format!("{} {}", c.count, in_sentence(c.label)))
            .collect();
        match counts.is_empty() {
            true => say!("(Nothing due on {day}.)"),
            false => say!("({} on {day}.)", counts.join(", ")),
        }
    }
    Ok(())
}

/// A label inside a sentence: "Contact due" → "contact due", but a label that starts
/// with an abbreviation keeps it ("PHQ-9 item 9 not answered", not "phq-9 …").
fn in_sentence(label: &str) -> String {
    let first_word = label.split(' ').next().unwrap_or_default();
    if first_word.chars().filter(|c| c.is_uppercase()).count() > 1 {
        label.to_owned()
    } else {
        label.to_lowercase()
    }
}

//! `caseload audit`: the trail of who changed, opened, printed or exported what —
//! listed with filters, exported as CSV, and verified link by link.

use std::path::PathBuf;

use caseload::Store;
use caseload::pages::audit::{self, AuditQuery};
use clap::{Args, Subcommand};

use crate::error::{CliError, CliResult};
use crate::output::{Format, Table};

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Recompute the trail's hash chain and report the first broken link, if any
    Verify,
    /// List entries, newest first
    List(ListArgs),
    /// Write the entries matching the filters to a CSV file (owner-only, spreadsheet-safe)
    Export(ExportArgs),
}

#[derive(Args)]
pub struct Filters {
    /// Only entries about this patient
    #[arg(long)]
    mrn: Option<String>,
    /// Only this action (unlock, unlock_failed, view, print, export, import, backup,
    /// restore, create, update, delete, status …)
    #[arg(long)]
    action: Option<String>,
    /// From this day, YYYY-MM-DD (included)
    #[arg(long, default_value = "")]
    from: String,
    /// To this day, YYYY-MM-DD (included)
    #[arg(long, default_value = "")]
    to: String,
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    filters: Filters,
    /// Entries to show (1–500)
    #[arg(long, default_value_t = 100)]
    limit: u32,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    filters: Filters,
    /// The CSV file to write
    #[arg(long)]
    out: PathBuf,
}

pub fn run(store: &mut Store, command: AuditCommand) -> CliResult {
    match command {
        AuditCommand::Verify => verify(store),
        AuditCommand::List(args) => list(store, args),
        AuditCommand::Export(args) => export(store, args),
    }
}

fn verify(store: &Store) -> CliResult {
    let found = store.read(caseload::audit::verify)?;
    match found.broken {
        None => {
            say!(
                "The audit trail is intact: {} entr{} checked, every link holds.",
                found.entries,
                if found.entries == 1 { "y" } else { "ies" }
            );
            Ok(())
        }
        Some(link) => Err(CliError::Coded(
            caseload::ErrorCode::AuditBroken,
            format!(
                "The audit trail is broken at entry {}{}: {}",
                link.seq,
                link.at.map(|at| format!(" ({at})")).unwrap_or_default(),
                link.why
            ),
        )),
    }
}

fn query(store: &Store, filters: Filters, limit: Option<u32>) -> CliResult<AuditQuery> {
    let patient_id = match filters.mrn.as_deref().map(str::trim) {
        Some(mrn) if !mrn.is_empty() => Some(
            store
                .read(|r| caseload::patients::require_by_mrn(r, mrn))?
                .id,
        ),
        _ => None,
    };
    Ok(AuditQuery {
        patient_id,
        action: filters.action,
        from: crate::args::day("from", &filters.from)?,
        to: crate::args::day("to", &filters.to)?,
        limit,
        offset: 0,
    })
}

fn list(store: &Store, args: ListArgs) -> CliResult {
    let query = query(store, args.filters, Some(args.limit))?;
    let page = store.read(|r| audit::list(r, &query))?;
    let table = Table {
        header: vec!["entry", "at", "who", "action", "record", "mrn", "details"],
        rows: page
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.seq.to_string(),
                    l.at.clone(),
                    l.actor.clone(),
                    l.action.clone(),
                    l.entity.clone(),
                    l.patient
                        .as_ref()
                        .map(|p| p.mrn.clone())
                        .unwrap_or_default(),
                    audit::details(&l.changes),
                ]
            })
            .collect(),
    };
    table.print(args.format, &page)?;
    if matches!(args.format, Format::Table) {
        say!("({} of {} matching entries.)", page.lines.len(), page.total);
    }
    Ok(())
}

/// The CSV is itself an export of the trail (it names patients), so it is recorded.
fn export(store: &mut Store, args: ExportArgs) -> CliResult {
    let query = query(store, args.filters, None)?;
    let lines = store.read(|r| audit::all(r, &query))?;
    let bytes = audit::csv(&lines)?;
    caseload::export::file::save_private(&args.out, &bytes, "the audit trail", "audit.csv")?;
    let mut whom: Vec<String> = lines
        .iter()
        .filter_map(|l| l.patient.as_ref().map(|p| p.id.clone()))
        .collect();
    whom.sort();
    whom.dedup();
    caseload::audit::record_export(
        store,
        "export",
        "audit-trail-csv",
        caseload::audit::Whom::Patients(&whom),
        &crate::output::shown_path(&args.out),
    )?;
    say!(
        "Wrote {} audit entr{} to {}.",
        lines.len(),
        if lines.len() == 1 { "y" } else { "ies" },
        args.out.display()
    );
    Ok(())
}

//! `caseload resources import|export|search|verify|show|queue|categories`: the
//! community-resource directory and its Open Referral HSDS packages.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use caseload::Store;
use caseload::resources::hsds::{self, ImportChoices, ImportReport, Phase, Watcher};
use caseload::resources::{self, SearchQuery, VerifyDraft};
use clap::{Args, Subcommand};

use crate::error::{CliError, CliResult};
use crate::output::{Format, Table};

#[derive(Subcommand)]
pub enum ResourcesCommand {
    /// Import an HSDS tabular package (3.x or 1.1): its folder or its datapackage.json
    Import(ImportArgs),
    /// Export the directory (or one category) as an HSDS 3.x tabular package
    Export(ExportArgs),
    /// Search services as the Resources screen does
    Search(SearchArgs),
    /// Mark a service verified today
    Verify(VerifyArgs),
    /// One service in full
    Show(ShowArgs),
    /// Stale services, the longest unverified first
    Queue(QueueArgs),
    /// The categories and how many services each has
    Categories(FormatArgs),
}

#[derive(Args)]
pub struct ImportArgs {
    /// The package's folder or its datapackage.json
    path: PathBuf,
    /// Report what would change and every bad row; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Import the good rows and leave the bad ones out (else bad rows stop the import)
    #[arg(long)]
    skip_bad_rows: bool,
    /// Records changed here whose incoming version should win (ids, comma-separated)
    #[arg(long, value_delimiter = ',')]
    take_incoming: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The folder to write datapackage.json and the CSV files into (created if missing)
    dir: PathBuf,
    /// Only this category's services (its code, name or id)
    #[arg(long)]
    category: Option<String>,
}

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (prefixes match: "foo pan" finds "Food pantry"); empty lists by name
    #[arg(default_value = "")]
    text: String,
    #[arg(long, default_value = "")]
    category: String,
    #[arg(long, default_value = "")]
    language: String,
    /// A city or the start of a ZIP code
    #[arg(long, default_value = "")]
    place: String,
    /// A weekday (mo, tu, ... or Monday, ...)
    #[arg(long, default_value = "")]
    open_on: String,
    /// free, sliding or free-or-sliding
    #[arg(long, default_value = "")]
    cost: String,
    /// Only stale services
    #[arg(long)]
    stale: bool,
    /// How many services to list, 1 to 500
    #[arg(long, default_value_t = 50, allow_negative_numbers = true)]
    limit: i64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct VerifyArgs {
    /// The service's id
    id: String,
    /// phone, website or in-person
    #[arg(long, default_value = "phone")]
    how: String,
    /// Who verified it
    #[arg(long, default_value = "")]
    by: String,
    /// What changed (phone number, hours, ...)
    #[arg(long, default_value = "")]
    changes: String,
}

#[derive(Args)]
pub struct ShowArgs {
    id: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct QueueArgs {
    /// How many services to list, 1 to 500
    #[arg(long, default_value_t = 50, allow_negative_numbers = true)]
    limit: i64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct FormatArgs {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(store: &mut Store, command: ResourcesCommand) -> CliResult {
    match command {
        ResourcesCommand::Import(args) => import(store, args),
        ResourcesCommand::Export(args) => export(store, args),
        ResourcesCommand::Search(args) => search(store, args),
        ResourcesCommand::Verify(args) => verify(store, args),
        ResourcesCommand::Show(args) => show(store, args),
        ResourcesCommand::Queue(args) => queue(store, args),
        ResourcesCommand::Categories(args) => categories(store, args),
    }
}

/// Progress on stderr once a job has run a second, when stderr is a terminal. Ctrl+C
/// cancels: the process ends inside the transaction, which SQLite rolls back.
struct TerminalProgress {
    started: Instant,
    show: bool,
}

impl Watcher for TerminalProgress {
    fn progress(&self, phase: Phase, done: usize, total: usize) {
        if self.show && self.started.elapsed().as_secs() >= 1 {
            eprint!("\r{phase:?}: {done} of {total}…          ");
        }
    }
    fn cancelled(&self) -> bool {
        false
    }
}

fn watcher() -> TerminalProgress {
    TerminalProgress {
        started: Instant::now(),
        show: std::io::stderr().is_terminal(),
    }
}

fn import(store: &mut Store, args: ImportArgs) -> CliResult {
    let w = watcher();
    let report = if args.dry_run {
        hsds::preview(store, &args.path, &w)?
    } else {
        let choices = ImportChoices {
            skip_bad_rows: args.skip_bad_rows,
            take_incoming: args.take_incoming.clone(),
        };
        match hsds::apply(store, &args.path, &choices, &w) {
            Ok(report) => report,
            Err(caseload::Error::Invalid(fields))
                if fields.iter().any(|f| f.field == "skip_bad_rows") =>
            {
                // Show the bad rows, then refuse.
                let report = hsds::preview(store, &args.path, &w)?;
                print_report(&report, args.format)?;
                return Err(CliError::Coded(
                    caseload::ErrorCode::InvalidInput,
                    format!(
                        "{} bad rows; nothing was imported. Fix them, or run again with --skip-bad-rows.",
                        report.bad_rows
                    ),
                ));
            }
            Err(e) => return Err(e.into()),
        }
    };
    if w.show && w.started.elapsed().as_secs() >= 1 {
        eprintln!();
    }
    print_report(&report, args.format)?;
    if args.dry_run && report.bad_rows > 0 {
        return Err(CliError::Coded(
            caseload::ErrorCode::InvalidInput,
            format!(
                "{} bad rows (listed above); nothing was written (dry run).",
                report.bad_rows
            ),
        ));
    }
    Ok(())
}

fn print_report(report: &ImportReport, format: Format) -> CliResult {
    if let Format::Json = format {
        return Table {
            header: vec![],
            rows: vec![],
        }
        .print(Format::Json, report);
    }
    let verb = if report.applied {
        "Imported"
    } else {
        "Dry run of"
    };
    say!(
        "{verb} HSDS {} package {}: {} added, {} updated, {} unchanged, {} bad rows, {} conflicts ({} ms).",
        serde_json::to_value(report.version)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        report.path,
        report.added,
        report.updated,
        report.unchanged,
        report.bad_rows,
        report.conflicts.len(),
        report.took_ms
    );
    let table = Table {
        header: vec![
            "table",
            "file",
            "rows",
            "added",
            "updated",
            "unchanged",
            "conflicts",
            "bad",
        ],
        rows: report
            .tables
            .iter()
            .map(|t| {
                vec![
                    t.table.clone(),
                    t.file.clone(),
                    t.rows.to_string(),
                    t.added.to_string(),
                    t.updated.to_string(),
                    t.unchanged.to_string(),
                    t.conflicts.to_string(),
                    t.bad.to_string(),
                ]
            })
            .collect(),
    };
    table.print(format, &report.tables)?;
    for p in &report.problems {
        say!("problem: {p}");
    }
    if report.problems_not_listed > 0 {
        say!(
            "… and {} more problems not listed.",
            report.problems_not_listed
        );
    }
    for c in &report.conflicts {
        let fields: Vec<&str> = c.fields.iter().map(|f| f.field.as_str()).collect();
        let kept = if report.applied {
            " (kept ours; --take-incoming ID to take theirs)"
        } else {
            ""
        };
        say!(
            "conflict: {} {} \"{}\" changed here and in the package: {}{kept}",
            c.table,
            c.id,
            c.name,
            fields.join(", ")
        );
    }
    for n in &report.notes {
        say!("note: {n}");
    }
    Ok(())
}

fn export(store: &mut Store, args: ExportArgs) -> CliResult {
    let w = watcher();
    let report = hsds::export(store, &args.dir, args.category.as_deref(), &w)?;
    // The directory names no patient; its export is recorded like every other.
    caseload::audit::record_export(
        store,
        "export",
        "hsds-directory",
        caseload::audit::Whom::Count(0),
        &crate::output::shown_path(&args.dir),
    )?;
    let rows: usize = report.tables.iter().map(|t| t.rows).sum();
    say!(
        "Exported {} services ({} rows in {} tables) to {} ({} ms).",
        report.services,
        rows,
        report.tables.len(),
        report.dir,
        report.took_ms
    );
    if report.left_out > 0 {
        say!(
            "{} rows were left out: what they point at was removed or is outside the category.",
            report.left_out
        );
    }
    Ok(())
}

fn hits_table(hits: &[resources::ServiceHit]) -> Table {
    Table {
        header: vec![
            "id",
            "name",
            "organization",
            "city",
            "phone",
            "categories",
            "cost",
            "last_verified",
            "stale",
        ],
        rows: hits
            .iter()
            .map(|h| {
                vec![
                    h.id.clone(),
                    h.name.clone(),
                    h.organization_name.clone(),
                    h.city.clone().unwrap_or_default(),
                    h.phone.clone().unwrap_or_default(),
                    h.categories.join("; "),
                    h.cost.as_str().to_owned(),
                    h.verification
                        .verified_on
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    if h.verification.stale { "stale" } else { "" }.to_owned(),
                ]
            })
            .collect(),
    }
}

fn search(store: &Store, args: SearchArgs) -> CliResult {
    let limit = list_limit(args.limit)?;
    let query = SearchQuery {
        text: args.text,
        category: args.category,
        language: args.language,
        place: args.place,
        open_on: args.open_on,
        cost: args.cost,
        stale_only: args.stale,
        limit: Some(limit),
    };
    let page = store.read(|r| resources::search(r, &query))?;
    hits_table(&page.services).print(args.format, &page)
}

fn verify(store: &mut Store, args: VerifyArgs) -> CliResult {
    let draft = VerifyDraft {
        how: args.how,
        by: args.by,
        note: String::new(),
        changes: args.changes,
    };
    resources::verify(store, &args.id, &draft).map_err(crate::args::nothing_saved)?;
    let detail = store.read(|r| resources::detail(r, &args.id))?;
    say!("{}: {}.", detail.name, detail.verification.text);
    Ok(())
}

fn show(store: &Store, args: ShowArgs) -> CliResult {
    let page = store.read(|r| caseload::pages::resource::service(r, &args.id))?;
    if let Format::Json = args.format {
        return Table {
            header: vec![],
            rows: vec![],
        }
        .print(Format::Json, &page);
    }
    let s = &page.service;
    say!("{} — {}", s.name, s.organization.name);
    say!("{}", s.verification.text);
    if let Some(h) = &s.hours {
        say!("Hours: {}", h.text);
    }
    for l in &s.locations {
        say!("At: {}", l.address_lines.join(", "));
    }
    for p in &s.phones {
        say!("Phone: {}", p.number);
    }
    if !s.categories.is_empty() {
        say!(
            "Categories: {}",
            s.categories
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    say!("Cost: {}", s.cost_label);
    say!(
        "Referred: {} ({} open, {} connected, {} could not connect)",
        page.referrals.total,
        page.referrals.open,
        page.referrals.connected,
        page.referrals.could_not_connect
    );
    Ok(())
}

/// A `--limit` of `resources search` and `queue`, checked against the core's most.
fn list_limit(asked: i64) -> CliResult<usize> {
    let most = u32::try_from(SearchQuery::MAX_LIMIT).unwrap_or(u32::MAX);
    crate::args::limit(asked, most).map(|n| n as usize)
}

fn queue(store: &Store, args: QueueArgs) -> CliResult {
    let limit = list_limit(args.limit)?;
    let hits = store.read(|r| resources::verify_queue(r, limit))?;
    hits_table(&hits).print(args.format, &hits)
}

fn categories(store: &Store, args: FormatArgs) -> CliResult {
    let list = store.read(resources::categories_list)?;
    let table = Table {
        header: vec!["id", "name", "taxonomy", "services"],
        rows: list
            .iter()
            .map(|c| {
                vec![
                    c.id.clone(),
                    c.name.clone(),
                    c.taxonomy.clone(),
                    c.services.to_string(),
                ]
            })
            .collect(),
    };
    table.print(args.format, &list)
}

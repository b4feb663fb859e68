//! The printouts from an unlocked 10,000-patient demo store: the huddle sheet for the
//! busiest day of the coming week (about 40 patients) and the previsit agendas of
//! everyone on it, median and 95th percentile, next to what a web-based tool does
//! for the same page: headless Chromium printing an equivalent HTML table to PDF
//! (`chromium --headless --print-to-pdf`, a fresh process per print, as a server-side
//! "HTML to PDF" call would start one).
//!
//! Run with `make bench-print` (or `cargo bench --bench printouts`); docs/benchmarks.md
//! reports the figures. `CASELOAD_BENCH_PATIENTS` changes the size; without Debian's
//! `chromium` on PATH the comparison is skipped and says so.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use support::{ms, timed};

use caseload::Store;
use caseload::pages::coming_in::ComingIn;
use caseload::printouts::{PrintRequest, Printout};

const PATIENTS: usize = 10_000;
const SEED: u64 = 42;
const PASSPHRASE: &str = "orchid tractor lantern 42";

fn main() {
    let patients = std::env::var("CASELOAD_BENCH_PATIENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(PATIENTS);
    let tmp = tempfile::TempDir::new().unwrap();
    let mut store = Store::create(
        &tmp.path().join("s"),
        PASSPHRASE,
        caseload::programs::seed_builtin,
    )
    .unwrap();
    let started = Instant::now();
    let summary = caseload::demo::fill(&mut store, patients, SEED).unwrap();
    println!(
        "filled {patients} patients ({} appointments this week) in {:.1} s",
        summary.appointments,
        started.elapsed().as_secs_f64()
    );
    let today = store.today();
    let week = today.checked_add(jiff::Span::new().days(6)).unwrap();
    let (day, booked) = store
        .read(|r| caseload::schedule::days_with_appointments(r, today, week))
        .unwrap()
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .expect("the demo books appointments this week");
    let coming: ComingIn = store
        .read_on(day, caseload::pages::coming_in::coming_in)
        .unwrap();
    println!(
        "busiest day {day}: {booked} appointments, {} patients coming in\n",
        coming.visits.len()
    );

    let request = PrintRequest {
        date: Some(day),
        ..PrintRequest::default()
    };
    println!(
        "{:<34} {:>6} {:>10} {:>10}",
        "printout", "pages", "median ms", "p95 ms"
    );
    let mut huddle_median = Duration::ZERO;
    for (name, kind, calls) in [
        ("coming_in (the data alone)", None, 50),
        ("huddle_sheet", Some(Printout::Huddle), 50),
        ("previsit_agendas (all)", Some(Printout::Agenda), 10),
    ] {
        let mut pages = 0;
        let (median, p95) = match kind {
            None => timed(calls, || {
                black_box(
                    store
                        .read_on(day, caseload::pages::coming_in::coming_in)
                        .unwrap(),
                );
            }),
            Some(kind) => timed(calls, || {
                let printed = caseload::printouts::print(&store, kind, &request).unwrap();
                pages = printed.pages;
                black_box(printed);
            }),
        };
        if kind == Some(Printout::Huddle) {
            huddle_median = median;
        }
        println!(
            "{name:<34} {pages:>6} {:>10.1} {:>10.1}",
            ms(median),
            ms(p95)
        );
    }
    let huddle = caseload::printouts::print(&store, Printout::Huddle, &request).unwrap();
    println!("huddle sheet size: {} KB", huddle.bytes.len() / 1024);

    match chromium() {
        None => println!("\nchromium not found: the HTML-to-PDF comparison was skipped"),
        Some(bin) => {
            let html = tmp.path().join("huddle.html");
            std::fs::write(&html, huddle_html(&coming)).unwrap();
            let out = tmp.path().join("huddle-chromium.pdf");
            let (median, p95) = timed(5, || {
                let status = Command::new(&bin)
                    .args([
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-pdf-header-footer",
                    ])
                    .arg(format!(
                        "--user-data-dir={}",
                        tmp.path().join("profile").display()
                    ))
                    .arg(format!("--print-to-pdf={}", out.display()))
                    .arg(format!("file://{}", html.display()))
                    .output()
                    .unwrap();
                assert!(
                    status.status.success(),
                    "{}",
                    String::from_utf8_lossy(&status.stderr)
                );
            });
            println!(
                "{:<34} {:>6} {:>10.1} {:>10.1}",
                "chromium --print-to-pdf (same table)",
                "",
                ms(median),
                ms(p95)
            );
            println!(
                "\nCaseload's huddle sheet is {:.0} times faster than headless Chromium (medians)",
                median.as_secs_f64() / huddle_median.as_secs_f64().max(1e-9)
            );
        }
    }
}

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(|name| {
            let ok = Command::new(name)
                .arg("--version")
                .output()
                .ok()?
                .status
                .success();
            ok.then(|| name.to_owned())
        })
}

/// The same rows as the huddle sheet, as a web page would print them (synthetic demo
/// data only; the product never writes HTML with patient data to disk).
fn huddle_html(day: &ComingIn) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut rows = String::new();
    for v in &day.visits {
        let a = v.appointments.first();
        let cell = |o: Option<&caseload::pages::coming_in::Value>| {
            o.map(|v| format!("{}<br><small>{}</small>", esc(&v.display), v.taken_on))
                .unwrap_or_default()
        };
        rows.push_str(&format!(
            "<tr><td>{}</td><td><b>{} {}</b><br><small>{} y · MRN {}</small></td><td>{}<br>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td></td></tr>\n",
            a.and_then(|a| a.time.clone()).unwrap_or_default(),
            esc(&v.patient.first_name),
            esc(&v.patient.last_name),
            v.patient.age,
            esc(&v.patient.mrn),
            esc(&a.and_then(|a| a.provider.clone()).unwrap_or_default()),
            esc(&a.and_then(|a| a.visit_type.clone()).unwrap_or_default()),
            esc(&v.program.clone().unwrap_or_default()),
            cell(v.phq9.as_ref()),
            cell(v.a1c.as_ref()),
            cell(v.bp.as_ref()),
            v.flags.iter().map(|f| f.label).collect::<Vec<_>>().join(", "),
            v.prep.iter().map(|p| format!("☐ {}", esc(&p.label))).collect::<Vec<_>>().join("<br>"),
        ));
    }
    format!(
        "<!doctype html><html><head><meta charset=utf-8><style>\
         @page {{ size: letter landscape; margin: 0.5in; }}\
         body {{ font: 8pt 'DejaVu Sans', sans-serif; }} table {{ border-collapse: collapse; width: 100%; }}\
         thead {{ display: table-header-group; }} tr {{ break-inside: avoid; height: 56pt; }}\
         th, td {{ border-bottom: 0.4pt solid #999; padding: 3pt; vertical-align: top; text-align: left; }}\
         th {{ background: #ddd; }}</style></head><body>\
         <h1>Huddle sheet — {}</h1><table><thead><tr><th>Time</th><th>Patient</th><th>Provider / visit</th>\
         <th>Program</th><th>PHQ-9</th><th>HbA1c</th><th>BP</th><th>Flags</th><th>Prep</th><th>Notes</th></tr></thead>\
         <tbody>{rows}</tbody></table></body></html>",
        day.date
    )
}

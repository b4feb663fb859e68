//! "My care plan", the patient's own copy of their plan: their goals in their own
//! words, what they will do, what the care team will do, who helps them and when they
//! are seen next, with lines for their questions. Large print and plain words in the
//! patient's language: every word comes from a table in `language.rs`, and nothing of
//! the record's bookkeeping is printed (no ids, codes, statuses, flags or scores).

use super::Frame;
use super::language::{self, Strings, capitalised, fill};
use super::shared::full_name;
use crate::care_plans::{CarePlan, Goal, PlanAction, Role, Target};
use crate::error::{Error, Result};
use crate::patients::Patient;
use crate::pdf::{Document, Ink, Pdf, Style};
use crate::schedule::Appointment;
use crate::store::Reader;

/// What the patient's copy of the plan prints.
#[derive(Debug, Clone)]
pub struct MyCarePlan {
    pub patient: Patient,
    pub plan: CarePlan,
    /// The first appointment after the day printed: the plan is handed over at a
    /// visit, so that visit is not the next one.
    pub next_appointment: Option<Appointment>,
    pub strings: &'static Strings,
}

/// The patient's plan on the reader's day, in `language` (a code or a name, see
/// [`language::find`]) or else in the patient's preferred language (English when it
/// is not recorded or there is no table for it).
pub fn gather(r: &Reader<'_>, patient_id: &str, language: Option<&str>) -> Result<MyCarePlan> {
    let patient = crate::patients::get(r, patient_id)?;
    let strings = match language.map(str::trim).filter(|l| !l.is_empty()) {
        Some(wanted) => language::find(wanted).ok_or_else(|| {
            Error::invalid(
                "language",
                format!(
                    "There is no care plan printout in \"{wanted}\"; choose one of {}.",
                    language::codes()
                ),
            )
        })?,
        None => language::for_language(patient.preferred_language.as_deref()),
    };
    let plan = crate::care_plans::plan(r, patient_id)?;
    let tomorrow = r
        .today()
        .tomorrow()
        .map_err(|e| Error::Internal(e.to_string()))?;
    let next_appointment = crate::schedule::next_for_patient(&r.on(tomorrow), patient_id)?;
    Ok(MyCarePlan {
        patient,
        plan,
        next_appointment,
        strings,
    })
}

/// Large print: nothing below the body size but the page frame.
const BODY: f32 = 14.0;
const GOAL: f32 = 16.0;
const HEADING: f32 = 18.0;
const NAME: f32 = 22.0;
const INDENT: f32 = 22.0;
/// Room between the ruled lines to write on, for handwriting of the same size.
const WRITING: f32 = 30.0;

pub fn my_care_plan(c: &MyCarePlan, frame: &Frame) -> Result<Pdf> {
    let s = c.strings;
    let mut doc =
        Document::new(frame.setup_in(s.care_plan_title.to_owned(), false, s.frame_words()))?;
    let p = &c.patient;
    doc.paragraph(
        &full_name(&p.first_name, &p.last_name),
        Style::bold(NAME),
        0.0,
    );
    doc.paragraph(
        s.care_plan_intro,
        Style::body(BODY).ink(Ink::Grey(0.3)),
        0.0,
    );
    doc.gap(8.0);

    let goals: Vec<&Goal> = c.plan.open_goals().collect();
    let numbered = goals.len() > 1;
    goals_section(&mut doc, s, &goals, numbered);

    // What is still to be done (an action on hold is not asked of anyone just now),
    // with the goal it serves.
    let pending = goals.iter().enumerate().flat_map(|(i, g)| {
        g.actions
            .iter()
            .filter(|a| a.status.is_pending())
            .map(move |a| (i + 1, a))
    });
    let (mine, theirs): (Vec<_>, Vec<_>) =
        pending.partition(|(_, a)| matches!(a.owner.value, Role::Patient | Role::Family));
    doc.heading(s.what_i_will_do, HEADING, 2.0 * BODY * 1.25);
    actions(&mut doc, s, &mine, numbered, s.nothing_for_me, "☐");
    doc.heading(s.what_my_team_will_do, HEADING, 2.0 * BODY * 1.25);
    actions(&mut doc, s, &theirs, numbered, s.nothing_for_team, "•");

    who_helps_me(&mut doc, s, c, &frame.settings.clinic_name);
    next_appointment(&mut doc, s, c.next_appointment.as_ref());

    doc.heading(s.my_questions, HEADING, BODY * 1.25 + 2.0 * WRITING);
    doc.paragraph(s.questions_hint, Style::body(BODY).ink(Ink::Grey(0.3)), 0.0);
    doc.writing_lines("", 6, WRITING);
    doc.finish()
}

fn goals_section(doc: &mut Document, s: &Strings, goals: &[&Goal], numbered: bool) {
    let body = Style::body(BODY);
    doc.heading(s.my_goals, HEADING, GOAL * 1.25 + BODY * 1.25);
    if goals.is_empty() {
        doc.paragraph(s.no_goals, body, 0.0);
    }
    for (i, g) in goals.iter().enumerate() {
        // The goal stays with its number and date.
        let lines = 1 + usize::from(g.target.is_some()) + usize::from(g.due_on.is_some());
        doc.ensure(GOAL * 1.25 + (lines - 1) as f32 * body.leading());
        let quoted = fill(s.quoted, &[("text", g.text.trim())]);
        let number = if numbered {
            format!("{}.", i + 1)
        } else {
            String::new()
        };
        hanging(doc, &number, &quoted, Style::bold(GOAL));
        if let Some(t) = &g.target {
            doc.paragraph(
                &fill(s.number_to_reach, &[("target", &target_words(s, t))]),
                body,
                INDENT,
            );
        }
        if let Some(due) = g.due_on {
            doc.paragraph(&capitalised(&s.by(due)), body, INDENT);
        }
        doc.gap(6.0);
    }
}

/// A target in plain words: "my A1c (blood sugar) below 7.5 %"; a number the patient
/// chose keeps the words it was given ("minutes walked a day: at least 30").
fn target_words(s: &Strings, t: &Target) -> String {
    let number = crate::measures::number(t.value);
    let comparator = s.comparator(t.comparator);
    match t.measure {
        Some(q) => {
            let m = s.measure(q);
            fill(
                s.measure_target,
                &[
                    ("measure", m.name),
                    ("comparator", comparator),
                    ("value", &format!("{number}{}", m.unit)),
                ],
            )
        }
        None => {
            let value = if t.unit.trim().is_empty() {
                number
            } else {
                format!("{number} {}", t.unit.trim())
            };
            fill(
                s.own_target,
                &[
                    ("label", t.label.trim()),
                    ("comparator", comparator),
                    ("value", &value),
                ],
            )
        }
    }
}

fn actions(
    doc: &mut Document,
    s: &Strings,
    list: &[(usize, &PlanAction)],
    numbered: bool,
    nothing: &str,
    mark: &str,
) {
    let body = Style::body(BODY);
    if list.is_empty() {
        doc.paragraph(nothing, body.ink(Ink::Grey(0.3)), 0.0);
    }
    for (goal, a) in list {
        let text = match a.owner.value {
            Role::Patient => a.text.trim().to_owned(),
            who => fill(
                s.someone_does,
                &[("who", s.role(who)), ("text", a.text.trim())],
            ),
        };
        let detail: Vec<String> = [
            a.due_on.map(|d| s.by(d)),
            numbered.then(|| fill(s.for_goal, &[("n", &goal.to_string())])),
        ]
        .into_iter()
        .flatten()
        .collect();
        doc.ensure(body.leading() * if detail.is_empty() { 1.0 } else { 2.0 });
        hanging(doc, mark, &text, body);
        if !detail.is_empty() {
            doc.paragraph(
                &capitalised(&detail.join(" · ")),
                body.ink(Ink::Grey(0.25)),
                INDENT,
            );
        }
        doc.gap(3.0);
    }
    doc.gap(4.0);
}

/// The care team with their phone numbers, the patient's doctor from their record
/// when the team has none, and the clinic.
fn who_helps_me(doc: &mut Document, s: &Strings, c: &MyCarePlan, clinic: &str) {
    let mut people: Vec<(String, Vec<String>)> = Vec::new();
    for m in &c.plan.team {
        let mut under = Vec::new();
        if let Some(o) = m.organisation.as_deref().filter(|o| !o.trim().is_empty()) {
            under.push(o.trim().to_owned());
        }
        if let Some(phone) = m.phone.as_deref().filter(|p| !p.trim().is_empty()) {
            under.push(fill(s.phone, &[("phone", phone.trim())]));
        }
        people.push((
            fill(
                s.someone_does,
                &[("who", s.role(m.role.value)), ("text", m.name.trim())],
            ),
            under,
        ));
    }
    let has_doctor = c.plan.team.iter().any(|m| m.role.value == Role::Pcp);
    if let Some(pcp) = c.patient.pcp_name.as_deref().filter(|_| !has_doctor) {
        people.push((
            fill(s.someone_does, &[("who", s.pcp), ("text", pcp.trim())]),
            Vec::new(),
        ));
    }
    people.push((
        fill(
            s.someone_does,
            &[("who", s.my_clinic), ("text", clinic.trim())],
        ),
        Vec::new(),
    ));
    let body = Style::body(BODY);
    doc.heading(s.who_helps_me, HEADING, 2.0 * body.leading());
    for (who, under) in people {
        doc.ensure(body.leading() * (1 + usize::from(!under.is_empty())) as f32);
        doc.paragraph(&who, Style::bold(BODY), 0.0);
        if !under.is_empty() {
            doc.paragraph(&under.join(" · "), body, INDENT);
        }
        doc.gap(3.0);
    }
    doc.gap(3.0);
    doc.paragraph(s.closing, body, 0.0);
    doc.gap(6.0);
}

fn next_appointment(doc: &mut Document, s: &Strings, next: Option<&Appointment>) {
    let body = Style::body(BODY);
    doc.heading(s.my_next_appointment, HEADING, 3.0 * WRITING);
    let Some(a) = next else {
        doc.paragraph(s.no_appointment, body, 0.0);
        for label in [s.write_date, s.write_time, s.write_with] {
            write_in(doc, label);
        }
        doc.gap(6.0);
        return;
    };
    let day = s.day_and_date(a.day);
    let when = match a.time.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(time) => fill(s.appointment_at, &[("date", &day), ("time", time.trim())]),
        None => day,
    };
    doc.paragraph(&capitalised(&when), Style::bold(BODY), 0.0);
    // The visit type is left off: exports write it as the EHR's codes ("F/U 30").
    let who: Vec<&str> = [a.provider.as_deref(), a.department.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    if !who.is_empty() {
        doc.paragraph(
            &fill(s.appointment_with, &[("who", &who.join(" · "))]),
            body,
            0.0,
        );
    }
    doc.gap(6.0);
}

/// A paragraph after a mark ("☐", "•", "2."), its lines wrapped under the text and not
/// under the mark. The mark is set in the margin of `INDENT` and stays with the first
/// line.
fn hanging(doc: &mut Document, mark: &str, text: &str, style: Style) {
    if mark.is_empty() {
        doc.paragraph(text, style, 0.0);
        return;
    }
    doc.ensure(style.leading());
    let mark = doc.fit(mark, style, INDENT);
    let x = doc.left();
    let (page, y) = doc.canvas();
    page.text_in(x, y + style.size, style.size, style.bold, style.ink, mark);
    doc.paragraph(text, style, INDENT);
}

/// A label and a ruled line after it to write on.
fn write_in(doc: &mut Document, label: &str) {
    let style = Style::body(BODY);
    doc.ensure(WRITING);
    let label = doc.fit(label, style, doc.content_width() / 3.0);
    let (x, width) = (doc.left(), doc.content_width());
    let start = x + doc.text_width(&label, style) + 8.0;
    let (page, y) = doc.canvas();
    let baseline = y + WRITING - 8.0;
    page.text(x, baseline, BODY, false, label);
    page.rule(
        start,
        baseline + 2.0,
        x + width,
        baseline + 2.0,
        0.4,
        Ink::Grey(0.6),
    );
    doc.advance(WRITING);
}

//! The words of the documents a patient takes home, one table per language. A table
//! holds every label, the month and weekday names and the date formats; the code that
//! lays a document out never spells a word itself. Adding a language is adding one
//! table and naming it in [`LANGUAGES`]: the compiler refuses a table with a string
//! missing, and a test refuses one with a string empty or a placeholder lost.
//!
//! Templates name what fills them in braces (`"by {date}"`); the order of the words
//! around them is the language's own (`"{month} {day}, {year}"`, `"{day} de {month}
//! de {year}"`).

use jiff::civil::{Date, DateTime};
use serde::Serialize;

use crate::care_plans::{Comparator, Role};
use crate::catalogue::Quantity;
use crate::pdf::FrameWords;

/// A registry measure as a patient reads it: plain words and the unit after a number.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Measure {
    pub name: &'static str,
    /// Printed after the number: " %", " kg"; "" where the number stands alone.
    pub unit: &'static str,
}

/// Every string of one language.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Strings {
    /// The code a printout is asked for by (`--language es`).
    pub code: &'static str,
    /// How a patient's preferred language may be written, folded (lower case, accents
    /// taken off): the first word of "Spanish (Mexico)", "Español" or "es-US" is looked
    /// up here.
    pub names: &'static [&'static str],

    // The page frame.
    /// "Printed {when}".
    pub printed: &'static str,
    /// "Page {n} of {total}".
    pub page: &'static str,
    pub confidential: &'static str,

    // Dates.
    pub months: [&'static str; 12],
    /// Monday first.
    pub weekdays: [&'static str; 7],
    /// "{month} {day}, {year}".
    pub date: &'static str,
    /// "{weekday}, {date}".
    pub day_and_date: &'static str,
    /// When a document was printed: "{date}, {time}".
    pub date_and_time: &'static str,

    // "My care plan".
    pub care_plan_title: &'static str,
    /// Under the patient's name.
    pub care_plan_intro: &'static str,
    pub my_goals: &'static str,
    pub no_goals: &'static str,
    /// A goal in the patient's words, quoted: "“{text}”".
    pub quoted: &'static str,
    /// "My number to reach: {target}".
    pub number_to_reach: &'static str,
    /// A registry target: "{measure} {comparator} {value}".
    pub measure_target: &'static str,
    /// A number the patient chose, with what it counts: "{label}: {comparator} {value}".
    pub own_target: &'static str,
    pub below: &'static str,
    pub at_most: &'static str,
    pub above: &'static str,
    pub at_least: &'static str,
    pub phq9: Measure,
    pub gad7: Measure,
    pub a1c: Measure,
    pub sbp: Measure,
    pub dbp: Measure,
    pub ldl: Measure,
    pub weight: Measure,
    /// A due date: "by {date}".
    pub by_date: &'static str,
    /// Which goal an action serves, when there is more than one: "for goal {n}".
    pub for_goal: &'static str,
    pub what_i_will_do: &'static str,
    pub nothing_for_me: &'static str,
    pub what_my_team_will_do: &'static str,
    pub nothing_for_team: &'static str,
    /// "{who}: {text}", an action someone else does.
    pub someone_does: &'static str,
    pub coordinator: &'static str,
    pub pcp: &'static str,
    pub psychiatrist: &'static str,
    pub social_worker: &'static str,
    pub pharmacist: &'static str,
    pub patient: &'static str,
    pub family: &'static str,
    pub other_role: &'static str,
    pub who_helps_me: &'static str,
    /// "Phone: {phone}".
    pub phone: &'static str,
    pub my_clinic: &'static str,
    pub my_next_appointment: &'static str,
    /// "{date} at {time}".
    pub appointment_at: &'static str,
    /// "With {who}".
    pub appointment_with: &'static str,
    pub no_appointment: &'static str,
    pub write_date: &'static str,
    pub write_time: &'static str,
    pub write_with: &'static str,
    pub my_questions: &'static str,
    pub questions_hint: &'static str,
    pub closing: &'static str,
}

pub const EN: Strings = Strings {
    code: "en",
    names: &["en", "eng", "english", "ingles"],

    printed: "Printed {when}",
    page: "Page {n} of {total}",
    confidential: "Confidential — contains protected health information",

    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    date: "{month} {day}, {year}",
    day_and_date: "{weekday}, {date}",
    date_and_time: "{date}, {time}",

    care_plan_title: "My care plan",
    care_plan_intro: "The plan I made with my care team. I bring it to my visits.",
    my_goals: "My goals",
    no_goals: "No goals written down yet. I will talk with my care team about what matters to me.",
    quoted: "“{text}”",
    number_to_reach: "My number to reach: {target}",
    measure_target: "{measure} {comparator} {value}",
    own_target: "{label}: {comparator} {value}",
    below: "below",
    at_most: "at most",
    above: "above",
    at_least: "at least",
    phq9: Measure {
        name: "my mood score (PHQ-9)",
        unit: "",
    },
    gad7: Measure {
        name: "my worry score (GAD-7)",
        unit: "",
    },
    a1c: Measure {
        name: "my A1c (blood sugar)",
        unit: " %",
    },
    sbp: Measure {
        name: "my blood pressure, top number",
        unit: "",
    },
    dbp: Measure {
        name: "my blood pressure, bottom number",
        unit: "",
    },
    ldl: Measure {
        name: "my LDL cholesterol",
        unit: " mg/dL",
    },
    weight: Measure {
        name: "my weight",
        unit: " kg",
    },
    by_date: "by {date}",
    for_goal: "for goal {n}",
    what_i_will_do: "What I will do",
    nothing_for_me: "Nothing written down yet.",
    what_my_team_will_do: "What my care team will do",
    nothing_for_team: "Nothing written down yet.",
    someone_does: "{who}: {text}",
    coordinator: "My care coordinator",
    pcp: "My doctor",
    psychiatrist: "The psychiatrist who advises my care team",
    social_worker: "My social worker",
    pharmacist: "My pharmacist",
    patient: "Me",
    family: "My family",
    other_role: "Also on my team",
    who_helps_me: "Who helps me",
    phone: "Phone: {phone}",
    my_clinic: "My clinic",
    my_next_appointment: "My next appointment",
    appointment_at: "{date} at {time}",
    appointment_with: "With {who}",
    no_appointment: "Not booked yet. When it is, I write it here:",
    write_date: "Date",
    write_time: "Time",
    write_with: "With",
    my_questions: "My questions",
    questions_hint: "Questions for my next visit, or for when my care team calls:",
    closing: "If something changes or I need help before my next visit, I call my clinic.",
};

pub const ES: Strings = Strings {
    code: "es",
    names: &["es", "spa", "spanish", "espanol", "castellano"],

    printed: "Impreso el {when}",
    page: "Página {n} de {total}",
    confidential: "Confidencial — contiene información de salud protegida",

    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    weekdays: [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ],
    date: "{day} de {month} de {year}",
    day_and_date: "{weekday}, {date}",
    date_and_time: "{date}, {time}",

    care_plan_title: "Mi plan de cuidado",
    care_plan_intro: "El plan que hice con mi equipo de cuidado. Lo llevo a mis citas.",
    my_goals: "Mis metas",
    no_goals: "Todavía no hay metas escritas. Voy a hablar con mi equipo de cuidado sobre lo que me importa.",
    quoted: "“{text}”",
    number_to_reach: "Mi número a alcanzar: {target}",
    measure_target: "{measure} {comparator} {value}",
    own_target: "{label}: {comparator} {value}",
    below: "menos de",
    at_most: "como máximo",
    above: "más de",
    at_least: "por lo menos",
    phq9: Measure {
        name: "mi puntaje de ánimo (PHQ-9)",
        unit: "",
    },
    gad7: Measure {
        name: "mi puntaje de preocupación (GAD-7)",
        unit: "",
    },
    a1c: Measure {
        name: "mi A1c (azúcar en la sangre)",
        unit: " %",
    },
    sbp: Measure {
        name: "mi presión arterial, el número de arriba",
        unit: "",
    },
    dbp: Measure {
        name: "mi presión arterial, el número de abajo",
        unit: "",
    },
    ldl: Measure {
        name: "mi colesterol LDL",
        unit: " mg/dL",
    },
    weight: Measure {
        name: "mi peso",
        unit: " kg",
    },
    by_date: "para el {date}",
    for_goal: "para la meta {n}",
    what_i_will_do: "Lo que voy a hacer",
    nothing_for_me: "Nada escrito todavía.",
    what_my_team_will_do: "Lo que hará mi equipo de cuidado",
    nothing_for_team: "Nada escrito todavía.",
    someone_does: "{who}: {text}",
    coordinator: "Mi coordinador(a) de cuidado",
    pcp: "Mi médico",
    psychiatrist: "El psiquiatra que asesora a mi equipo de cuidado",
    social_worker: "Mi trabajador(a) social",
    pharmacist: "Mi farmacéutico(a)",
    patient: "Yo",
    family: "Mi familia",
    other_role: "También en mi equipo",
    who_helps_me: "Quién me ayuda",
    phone: "Teléfono: {phone}",
    my_clinic: "Mi clínica",
    my_next_appointment: "Mi próxima cita",
    appointment_at: "{date}, a las {time}",
    appointment_with: "Con {who}",
    no_appointment: "Todavía no tengo cita. Cuando la tenga, la escribo aquí:",
    write_date: "Fecha",
    write_time: "Hora",
    write_with: "Con",
    my_questions: "Mis preguntas",
    questions_hint: "Preguntas para mi próxima cita, o para cuando me llame mi equipo de cuidado:",
    closing: "Si algo cambia o necesito ayuda antes de mi próxima cita, llamo a mi clínica.",
};

/// Every language a patient's printout is written in; the first is the fallback.
pub const LANGUAGES: [&Strings; 2] = [&EN, &ES];

/// The table for a patient's preferred language as recorded (free text: "Spanish",
/// "es", "Español", "spa" …); English for anything not recognised or not recorded.
pub fn for_language(preferred: Option<&str>) -> &'static Strings {
    preferred.and_then(find).unwrap_or(LANGUAGES[0])
}

/// The table a language is named by, if there is one: a code (`es`) or a name
/// (`Español`), in any case, with or without accents; only the first word counts
/// ("es-US", "Spanish (Mexico)").
pub fn find(text: &str) -> Option<&'static Strings> {
    let folded = deunicode::deunicode(text).to_lowercase();
    let first = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| !w.is_empty())?;
    LANGUAGES
        .iter()
        .copied()
        .find(|s| s.code == first || s.names.contains(&first))
}

/// The codes there are tables for ("en, es"), for a message.
pub fn codes() -> String {
    LANGUAGES
        .iter()
        .map(|s| s.code)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Fills a template's `{name}`s.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The first letter in upper case, for a template that starts a line ("para el …").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Strings {
    /// "March 1, 2027", "1 de marzo de 2027".
    pub fn date(&self, day: Date) -> String {
        let month = usize::try_from(day.month() - 1).unwrap_or(0);
        fill(
            self.date,
            &[
                ("month", self.months[month.min(11)]),
                ("day", &day.day().to_string()),
                ("year", &day.year().to_string()),
            ],
        )
    }

    /// "Thursday, March 4, 2027", "jueves, 4 de marzo de 2027".
    pub fn day_and_date(&self, day: Date) -> String {
        let weekday = usize::try_from(day.weekday().to_monday_zero_offset()).unwrap_or(0);
        fill(
            self.day_and_date,
            &[
                ("weekday", self.weekdays[weekday.min(6)]),
                ("date", &self.date(day)),
            ],
        )
    }

    /// When a document was printed, as its frame says it.
    pub fn date_and_time(&self, at: DateTime) -> String {
        fill(
            self.date_and_time,
            &[
                ("date", &self.date(at.date())),
                ("time", &at.strftime("%H:%M").to_string()),
            ],
        )
    }

    /// "by March 1, 2027".
    pub fn by(&self, day: Date) -> String {
        fill(self.by_date, &[("date", &self.date(day))])
    }

    pub fn frame_words(&self) -> FrameWords {
        FrameWords {
            printed: self.printed,
            page: self.page,
            confidential: self.confidential,
        }
    }

    /// A role in plain words: "My doctor", "Mi médico".
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Coordinator => self.coordinator,
            Role::Pcp => self.pcp,
            Role::Psychiatrist => self.psychiatrist,
            Role::SocialWorker => self.social_worker,
            Role::Pharmacist => self.pharmacist,
            Role::Patient => self.patient,
            Role::Family => self.family,
            Role::Other => self.other_role,
        }
    }

    pub fn measure(&self, quantity: Quantity) -> Measure {
        match quantity {
            Quantity::Phq9 => self.phq9,
            Quantity::Gad7 => self.gad7,
            Quantity::A1c => self.a1c,
            Quantity::Sbp => self.sbp,
            Quantity::Dbp => self.dbp,
            Quantity::Ldl => self.ldl,
            Quantity::Weight => self.weight,
        }
    }

    pub fn comparator(&self, comparator: Comparator) -> &'static str {
        match comparator {
            Comparator::Below => self.below,
            Comparator::AtMost => self.at_most,
            Comparator::Above => self.above,
            Comparator::AtLeast => self.at_least,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every string of a table with where it is ("months[2]", "a1c.name").
    fn strings(table: &Strings) -> Vec<(String, String)> {
        fn walk(at: String, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
            match value {
                serde_json::Value::String(s) => out.push((at, s.clone())),
                serde_json::Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(format!("{at}[{i}]"), v, out);
                    }
                }
                serde_json::Value::Object(fields) => {
                    for (k, v) in fields {
                        let at = if at.is_empty() {
                            k.clone()
                        } else {
                            format!("{at}.{k}")
                        };
                        walk(at, v, out);
                    }
                }
                other => out.push((at, other.to_string())),
            }
        }
        let mut out = Vec::new();
        walk(String::new(), &serde_json::json!(table), &mut out);
        // What a language is called differs from table to table, by design.
        out.retain(|(at, _)| !at.starts_with("names["));
        out
    }

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect()
    }

    #[test]
    fn every_language_has_every_string_and_the_same_placeholders() {
        let english = strings(&EN);
        assert!(english.len() > 60, "{}", english.len());
        for table in LANGUAGES {
            let these = strings(table);
            // Units may be empty ("" after a questionnaire score); nothing else may.
            for (at, text) in &these {
                if at.ends_with(".unit") {
                    continue;
                }
                assert!(!text.trim().is_empty(), "{}: {at} is empty", table.code);
            }
            // The same fields, and a template fills the same names in every language.
            let names: Vec<&String> = these.iter().map(|(at, _)| at).collect();
            let english_names: Vec<&String> = english.iter().map(|(at, _)| at).collect();
            assert_eq!(names, english_names, "{}", table.code);
            for ((at, text), (_, en)) in these.iter().zip(&english) {
                assert_eq!(
                    placeholders(text),
                    placeholders(en),
                    "{}: {at} fills other names than English's",
                    table.code
                );
            }
            assert!(!table.code.is_empty() && table.names.iter().all(|n| !n.is_empty()));
        }
        // No two tables answer to the same name.
        let mut seen = BTreeSet::new();
        for table in LANGUAGES {
            let own: BTreeSet<&str> = table.names.iter().copied().chain([table.code]).collect();
            for name in own {
                assert!(seen.insert(name), "{name} names two languages");
            }
        }
    }

    #[test]
    fn a_preferred_language_is_recognised_however_it_is_written() {
        for spanish in [
            "es",
            "ES",
            "spa",
            "Spanish",
            "spanish",
            "Español",
            "ESPAÑOL",
            "espanol",
            "es-US",
            "Spanish (Mexico)",
            " español ",
            "Castellano",
        ] {
            assert_eq!(for_language(Some(spanish)).code, "es", "{spanish}");
        }
        for english in [
            None,
            Some(""),
            Some("English"),
            Some("en"),
            Some("Tagalog"),
            Some("???"),
        ] {
            assert_eq!(for_language(english).code, "en", "{english:?}");
        }
        assert!(find("fr").is_none());
        assert_eq!(codes(), "en, es");
    }

    #[test]
    fn dates_are_written_out_in_each_language() {
        let day = Date::constant(2027, 3, 1);
        assert_eq!(EN.date(day), "March 1, 2027");
        assert_eq!(ES.date(day), "1 de marzo de 2027");
        assert_eq!(EN.by(day), "by March 1, 2027");
        assert_eq!(ES.by(day), "para el 1 de marzo de 2027");
        assert_eq!(capitalised(&ES.by(day)), "Para el 1 de marzo de 2027");
        let thursday = Date::constant(2027, 3, 4);
        assert_eq!(EN.day_and_date(thursday), "Thursday, March 4, 2027");
        assert_eq!(ES.day_and_date(thursday), "jueves, 4 de marzo de 2027");
        let at = Date::constant(2026, 12, 3).at(8, 14, 0, 0);
        assert_eq!(ES.date_and_time(at), "3 de diciembre de 2026, 08:14");
        assert_eq!(
            fill(ES.page, &[("n", "1"), ("total", "2")]),
            "Página 1 de 2"
        );
    }
}

//! Closed lists of terms (a contact's channel, a transition's kind, ...): each stored by
//! a short name the store also checks, shown with the label a coordinator reads, and
//! served to the UI so it keeps no copy.

use serde::Serialize;

/// One term as the UI lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub value: &'static str,
    pub label: &'static str,
}

/// Declares a closed list of terms: the enum, its stored names, labels and parsing.
macro_rules! terms {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident = $stored:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum $name {
            $(#[serde(rename = $stored)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stored name (`no-answer`).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $stored,)+ }
            }

            /// What a coordinator reads (`No answer`).
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// A stored name or a label, in any case, with spaces or underscores for
            /// hyphens (`No answer`, `no_answer`, `NO-ANSWER`).
            pub fn parse(text: &str) -> Option<$name> {
                let wanted = text.trim().to_lowercase().replace([' ', '_'], "-");
                Self::ALL.iter().copied().find(|t| {
                    t.as_str() == wanted || t.label().to_lowercase().replace(' ', "-") == wanted
                })
            }

            /// The message for text that is none of these.
            pub fn unknown(text: &str) -> String {
                let names: Vec<&str> = Self::ALL.iter().map(|t| t.as_str()).collect();
                format!("\"{}\" is not a {}; use one of: {}.", text.trim(), $what, names.join(", "))
            }

            pub(crate) fn described() -> Vec<crate::terms::Term> {
                Self::ALL.iter().map(|t| crate::terms::Term { value: t.as_str(), label: t.label() }).collect()
            }
        }
    };
}

pub(crate) use terms;

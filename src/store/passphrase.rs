//! How strong a chosen passphrase is. The store is only as safe as its passphrase:
//! a stolen laptop must expose nothing, so weak choices are refused, not just warned.

use serde::Serialize;

use super::StoreError;

pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// zxcvbn score (0–4) a new passphrase must reach: 3 = "safely unguessable" offline
/// at ~10^10 guesses, which is what an attacker holding the file can try.
const MIN_SCORE: u8 = 3;

/// What the "choose a passphrase" screen shows while the coordinator types.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PassphraseStrength {
    /// 0 (very weak) to 4 (very strong).
    pub score: u8,
    /// "Very weak", "Weak", "Fair", "Strong", "Very strong".
    pub label: &'static str,
    pub acceptable: bool,
    /// Why it is weak and how to improve it, in plain words; empty when acceptable.
    pub hint: String,
}

impl PassphraseStrength {
    pub fn require_acceptable(&self) -> Result<(), StoreError> {
        if self.acceptable {
            Ok(())
        } else {
            Err(StoreError::WeakPassphrase(format!(
                "Choose a stronger passphrase. {}",
                self.hint
            )))
        }
    }
}

pub fn check_strength(passphrase: &str) -> PassphraseStrength {
    let entropy = zxcvbn::zxcvbn(passphrase, &["caseload", "coordinator", "patient"]);
    let score = u8::from(entropy.score());
    let long_enough = passphrase.chars().count() >= MIN_PASSPHRASE_CHARS;
    let label = match score {
        0 => "Very weak",
        1 => "Weak",
        2 => "Fair",
        3 => "Strong",
        _ => "Very strong",
    };
    let acceptable = long_enough && score >= MIN_SCORE;
    let hint = if acceptable {
        String::new()
    } else if !long_enough {
        format!("Use at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words work well.")
    } else {
        let mut parts: Vec<String> = Vec::new();
        if let Some(feedback) = entropy.feedback() {
            if let Some(warning) = feedback.warning() {
                parts.push(warning.to_string());
            }
            parts.extend(feedback.suggestions().iter().map(|s| s.to_string()));
        }
        if parts.is_empty() {
            parts.push("Add another uncommon word or two.".to_owned());
        }
        parts.join(" ")
    };
    PassphraseStrength {
        score,
        label,
        acceptable,
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passphrase_is_refused_with_length_hint() {
        let s = check_strength("Tr0ub4d!");
        assert!(!s.acceptable);
        assert!(s.hint.contains("at least 10"), "{}", s.hint);
    }

    #[test]
    fn common_long_passphrase_is_refused() {
        let s = check_strength("password123456");
        assert!(!s.acceptable);
        assert!(s.score < 3);
    }

    #[test]
    fn unrelated_words_are_accepted() {
        let s = check_strength("orchid tractor lantern 42");
        assert!(s.acceptable, "{s:?}");
        assert!(s.hint.is_empty());
        assert!(s.require_acceptable().is_ok());
    }
}

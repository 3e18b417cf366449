//! Noticing words that tend to escalate a talk, so the screen can offer a
//! gentle note. Never a rule: the note never blocks sending.

use super::Step;

/// Which gentle note fits what is being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gentle {
    /// "you always …", "you never …" while speaking.
    Absolutes,
    /// A paraphrase that argues back ("but …", "that's not true").
    Rebuttal,
}

/// Openings of a paraphrase that answer rather than say back.
const REBUTTALS: [&str; 9] = [
    "but ",
    "that's not",
    "that is not",
    "thats not",
    "not true",
    "you're wrong",
    "you are wrong",
    "i didn't",
    "i never",
];

/// The note for `text` written at `step`, if one fits.
pub fn gentle_note(step: Step, text: &str) -> Option<Gentle> {
    let lower = text.to_lowercase().replace('’', "'");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    match step {
        Step::Speak => words
            .windows(2)
            .any(|w| w[0] == "you" && matches!(w[1], "always" | "never"))
            .then_some(Gentle::Absolutes),
        Step::Paraphrase => {
            let start = lower.trim_start();
            REBUTTALS
                .iter()
                .any(|r| start.starts_with(r))
                .then_some(Gentle::Rebuttal)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolutes_are_noticed_while_speaking_only() {
        assert_eq!(
            gentle_note(Step::Speak, "You ALWAYS come home late"),
            Some(Gentle::Absolutes)
        );
        assert_eq!(
            gentle_note(Step::Speak, "and you never, ever call"),
            Some(Gentle::Absolutes)
        );
        assert_eq!(gentle_note(Step::Speak, "I always wait up"), None);
        assert_eq!(gentle_note(Step::Speak, "young, always"), None);
        assert_eq!(gentle_note(Step::Validate, "you always"), None);
    }

    #[test]
    fn a_paraphrase_that_argues_back_is_noticed() {
        for text in [
            "But you were late too",
            "That’s not what happened",
            "  I didn't say that",
        ] {
            assert_eq!(
                gentle_note(Step::Paraphrase, text),
                Some(Gentle::Rebuttal),
                "{text}"
            );
        }
        assert_eq!(
            gentle_note(Step::Paraphrase, "You felt alone when I came home late"),
            None
        );
    }
}

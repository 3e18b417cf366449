//! Turning content and user text into plain lines: no terminal codes, no
//! decoration a screen reader would read out, and no hard wrapping, so a
//! reader or braille display gets whole sentences.

/// Text safe to print on one or more plain lines: control characters
/// (escape codes included) become spaces, line breaks stay, and the
/// middle dot the screens use as a separator becomes a comma, which a
/// screen reader pauses on instead of naming.
pub fn clean(text: &str) -> String {
    let text = text.replace(" · ", ", ").replace('·', ",");
    text.chars()
        .map(|c| match c {
            '\n' => '\n',
            // Bullets and markers read aloud as "bullet", "black
            // right-pointing triangle"…: a plain dash reads as a pause.
            '•' | '▸' | '◉' | '○' | '✓' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// The paragraphs of a content text, one line each: hard-wrapped lines are
/// joined, and list items (lines starting with "- ") keep their own line.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if !current.is_empty() {
            out.push(std::mem::take(current));
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut current, &mut out);
        } else if line.starts_with("- ") {
            flush(&mut current, &mut out);
            out.push(clean(line));
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&clean(line));
        }
    }
    flush(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_escape_codes_and_separators() {
        assert_eq!(
            clean("Stage 1 · Name\u{1b}[31m it\tnow"),
            "Stage 1, Name [31m it now"
        );
        assert_eq!(clean("two\nlines"), "two\nlines");
        assert_eq!(clean("✓ done • item"), "- done - item");
    }

    #[test]
    fn paragraphs_join_wrapped_lines_and_keep_list_items() {
        let text = "One line\nwrapped here.\n\nA list:\n- first\n- second\nAfter.";
        assert_eq!(
            paragraphs(text),
            [
                "One line wrapped here.",
                "A list:",
                "- first",
                "- second",
                "After."
            ]
        );
        assert!(paragraphs("  \n\n").is_empty());
    }
}

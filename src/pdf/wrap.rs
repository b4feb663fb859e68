//! Word wrapping by measured width: what a line can hold is decided by the font's
//! advances at the size it is set in, never by counting characters.

use super::fonts::Face;

/// `text` broken into lines no wider than `width` points at `size`. Explicit line
/// breaks are kept; a word wider than a whole line (a long e-mail address, a URL) is
/// cut between characters rather than left to run off the page. Empty text is one
/// empty line, so a cell keeps its height.
pub fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if face.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if face.width(word, size) <= width {
                line = word.to_owned();
            } else {
                let mut pieces = cut(face, word, size, width);
                line = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
            }
        }
        lines.push(line);
    }
    lines
}

/// A word cut into pieces that each fit `width` (at least one character per piece, so
/// a column narrower than one letter still ends).
fn cut(face: &Face, word: &str, size: f32, width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if face.width(&piece, size) > width && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    pieces.push(piece);
    pieces
}

/// `text` shortened with "…" to fit `width` on one line.
pub fn truncate(face: &Face, text: &str, size: f32, width: f32) -> String {
    if face.width(text, size) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if face.width(&format!("{out}…"), size) > width {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::super::fonts::fonts;
    use super::*;

    #[test]
    fn lines_never_exceed_the_width() {
        let face = &fonts().unwrap().regular;
        let text = "Walk to church without stopping, and check blood sugar every morning before breakfast.";
        for width in [40.0, 90.0, 150.0, 400.0] {
            let lines = wrap(face, text, 10.0, width);
            for line in &lines {
                assert!(
                    face.width(line, 10.0) <= width,
                    "{line:?} wider than {width}"
                );
            }
            // At 40 pt long words are cut between letters: compare without spaces.
            let squeezed = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(
                squeezed(&lines.join(" ")),
                squeezed(text),
                "no letter lost at width {width}"
            );
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_not_dropped() {
        let face = &fonts().unwrap().regular;
        let lines = wrap(face, "maria.gonzalez-hernandez@example.org", 10.0, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "maria.gonzalez-hernandez@example.org");
    }

    #[test]
    fn explicit_breaks_and_empty_text_keep_their_lines() {
        let face = &fonts().unwrap().regular;
        assert_eq!(wrap(face, "", 10.0, 100.0), vec![String::new()]);
        assert_eq!(wrap(face, "a\nb", 10.0, 100.0), vec!["a", "b"]);
    }

    #[test]
    fn truncation_marks_what_was_cut() {
        let face = &fonts().unwrap().regular;
        let short = truncate(face, "Nguyễn Thị Hồng, Family Medicine", 10.0, 60.0);
        assert!(short.ends_with('…'));
        assert!(face.width(&short, 10.0) <= 60.0);
        assert_eq!(truncate(face, "Ana", 10.0, 60.0), "Ana");
    }
}

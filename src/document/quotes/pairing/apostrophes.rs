//! Telling a closing single quote from an apostrophe, and a straight mark
//! from a prime: the pairing pass's look-around.

use super::super::marks::{flank, is_quote_char, is_straight, is_word_char, Flank};
use super::super::{MarkRole, PairingProblem};
use super::{Context, Pairing};

impl Pairing<'_> {
    /// Straight and curly marks after a number are feet and inches unless a
    /// quotation they could close is open and the context reads as closing.
    pub(super) fn is_prime(&mut self, cx: &Context) -> bool {
        if !matches!(cx.c, '"' | '\'' | '”' | '’') || !cx.prev.is_some_and(|p| p.is_ascii_digit())
        {
            return false;
        }
        let before_number = self.prose[..cx.at].trim_end_matches(|c: char| c.is_ascii_digit());
        let foot_mark = |text: &str| {
            let mut chars = text.chars().rev();
            matches!(chars.next(), Some('\'' | '’' | '′'))
                && chars.next().is_some_and(|c| c.is_ascii_digit())
        };
        // 5'10" and 5' 10": the inch mark after a foot mark.
        if matches!(cx.c, '"' | '”')
            && (foot_mark(before_number) || before_number.strip_suffix(' ').is_some_and(foot_mark))
        {
            return true;
        }
        // 5'10 or a 20"-screen: a mark inside a number or a compound.
        if cx.next.is_some_and(|n| n.is_ascii_digit() || n == '-') {
            return true;
        }
        // „eine 3,5" Diskette“, “a 3.5" drive”: a straight mark inside a
        // quotation opened with a curly one whose own closing mark follows.
        if is_straight(cx.c) && self.curly_closer_ahead(cx) {
            return true;
        }
        !self.top_closes(cx.c)
    }

    /// Whether the open quotation was opened with a curly mark whose proper
    /// closing mark comes later in the paragraph. The last search is kept:
    /// the first closer after an earlier mark is the first after this one
    /// too when it lies beyond it, so a paragraph is searched about once.
    fn curly_closer_ahead(&mut self, cx: &Context) -> bool {
        let Some(open) = self.stack.last().map(|open| open.mark) else {
            return false;
        };
        if is_straight(open) {
            return false;
        }
        let Some(closer) = self.marks.closer_of(open) else {
            return false;
        };
        if let Some((mark, end, found)) = self.closer_ahead {
            let still_valid = mark == closer
                && end == cx.paragraph_end
                && found.is_none_or(|found| found > cx.at);
            if still_valid {
                return found.is_some();
            }
        }
        let from = cx.at + cx.c.len_utf8();
        let mut utf8 = [0; 4];
        let needle = closer.encode_utf8(&mut utf8).as_bytes();
        let found = self
            .prose
            .get(from..cx.paragraph_end)
            .and_then(|rest| memchr::memmem::find(rest.as_bytes(), needle))
            .map(|index| from + index);
        self.closer_ahead = Some((closer, cx.paragraph_end, found));
        found.is_some()
    }

    /// Settle a single mark that may be an apostrophe. Returns true when it is
    /// one (or is otherwise taken out of pairing).
    pub(super) fn single_is_apostrophe(
        &mut self,
        cx: &Context,
        side: Flank,
        later_cache: &mut Option<(usize, bool)>,
    ) -> bool {
        let c = cx.c;
        // O’Neill, don’t, Hawai‘i: a mark inside a word.
        if is_word_char(cx.prev) && is_word_char(cx.next) {
            self.push_mark(cx.at, c, MarkRole::Apostrophe);
            return true;
        }
        if c == '‘' && self.top_closes(c) {
            // German ‚…‘: here ‘ is a closing quote.
            return false;
        }
        if side.left_only() && self.starts_elision(cx.at + c.len_utf8()) {
            if c == '‘' && self.marks.is_opener('‘') {
                self.quotes
                    .problems
                    .push(PairingProblem::ApostropheDirection {
                        mark: cx.at..cx.at + c.len_utf8(),
                    });
            }
            self.push_mark(cx.at, c, MarkRole::Apostrophe);
            return true;
        }
        // ‘ chalecos amarillos ’: a mark spaced on both sides closes the
        // single quotation open, as its opener was spaced too.
        if !side.left && !side.right && c != '‘' && self.top_closes(c) && self.top_is_spaced() {
            return false;
        }
        match c {
            '’' => {
                if side.left_only() {
                    // ’em, ’90s, ’n’: an elision at the start of a word.
                    self.push_mark(cx.at, c, MarkRole::Apostrophe);
                    return true;
                }
                if side.right && self.top_closes(c) && self.single_closes(cx, later_cache) {
                    return false;
                }
                let role = if side.right || side.left {
                    MarkRole::Apostrophe
                } else {
                    MarkRole::Stray
                };
                self.push_mark(cx.at, c, role);
                true
            }
            '\'' => {
                if side.right_only() || (side.right && self.top_closes(c)) {
                    if self.top_closes(c) && self.single_closes(cx, later_cache) {
                        return false;
                    }
                    // Koreans', the 1990s': a possessive.
                    self.push_mark(cx.at, c, MarkRole::Apostrophe);
                    return true;
                }
                if !side.left && !side.right && !self.top_closes(c) {
                    self.push_mark(cx.at, c, MarkRole::Stray);
                    return true;
                }
                false
            }
            _ => {
                // ‘ after a word with no ‘ open: a misdirected apostrophe (Koreans‘).
                if side.right_only()
                    && !self.top_closes(c)
                    && self.stack.last().map(|o| o.mark) != Some('‘')
                {
                    if self.marks.is_opener('‘') {
                        self.quotes
                            .problems
                            .push(PairingProblem::ApostropheDirection {
                                mark: cx.at..cx.at + c.len_utf8(),
                            });
                    }
                    self.push_mark(cx.at, c, MarkRole::Apostrophe);
                    return true;
                }
                false
            }
        }
    }

    /// Whether the open quotation's opening mark has a space after it.
    fn top_is_spaced(&self) -> bool {
        self.stack.last().is_some_and(|open| {
            self.quotes
                .marks
                .get(open.mark_index)
                .and_then(|mark| self.prose[mark.start + mark.ch.len_utf8()..].chars().next())
                .is_some_and(char::is_whitespace)
        })
    }

    /// Whether the word after an apostrophe-like mark is an elision ('em, 'n')
    /// or a decade or year ('90s, '19).
    fn starts_elision(&self, from: usize) -> bool {
        let rest = &self.prose[from..];
        let word_len = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        let word = &rest[..word_len];
        let after = rest[word_len..].chars().next();
        if after.is_some_and(|c| c == '-') && word.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        let digits = word.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 2 && (word.len() == 2 || &word[2..] == "s") {
            return true;
        }
        !word.is_empty() && self.marks.is_elision(word)
    }

    /// A single closing mark after a word closes the open single quotation when
    /// it sits against punctuation (‘Yes,’ or ‘no’.), or when no later mark in
    /// the paragraph could close it instead (so Koreans’ in ‘the Koreans’ land’
    /// stays a possessive).
    fn single_closes(&self, cx: &Context, later_cache: &mut Option<(usize, bool)>) -> bool {
        if !self.may_be_possessive(cx) {
            return true;
        }
        !self.later_single_closer(cx, later_cache)
    }

    /// A mark after a word and before a space may end a plural possessive
    /// (Koreans’, Jesus’) or a dropped g (goin’); anywhere else it closes.
    fn may_be_possessive(&self, cx: &Context) -> bool {
        if !cx.next.is_some_and(char::is_whitespace) {
            return false;
        }
        let word = self.prose[..cx.at]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let lower = word.to_lowercase();
        lower.ends_with('s') || lower.ends_with('z') || lower.ends_with("in")
    }

    /// Is there a later single closing mark before the quotation must end (a
    /// new opening single mark, a double mark, or the end of the paragraph)?
    /// The scan stops at the first such mark and remembers where, so that
    /// repeated questions in one paragraph never rescan text.
    fn later_single_closer(&self, cx: &Context, cache: &mut Option<(usize, bool)>) -> bool {
        let from = cx.at + cx.c.len_utf8();
        if let Some((found_at, answer)) = *cache {
            if found_at >= from {
                return answer;
            }
        }
        let rest = &self.prose[from..cx.paragraph_end];
        let mut prev = Some(cx.c);
        let mut chars = rest.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            if is_quote_char(c) {
                let side = flank(prev, next);
                let inside_word = is_word_char(prev) && is_word_char(next);
                let at = from + offset;
                if matches!(c, '’' | '\'') && side.right && !inside_word {
                    *cache = Some((at, true));
                    return true;
                }
                let opens_single = c == '\'' && side.left;
                if (opens_single || c != '’') && !inside_word {
                    *cache = Some((at, false));
                    return false;
                }
            }
            prev = Some(c);
        }
        *cache = Some((cx.paragraph_end, false));
        false
    }
}

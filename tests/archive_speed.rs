//! The archive records made the cheap way say what the plain way said: the
//! variant forms searched only at word starts against one search over the
//! whole text, and names' lines and columns counted from the name before
//! against each counted from its line's start. On made-up edge cases and on
//! every real article. And the work that grows with an archive's names
//! allocates nothing per name (counted by this binary's allocator).

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use aho_corasick::{AhoCorasick, MatchKind};
use copydesk::archive::{
    give_back, variant_sets, Archive, ArchiveSettings, FileStats, Levels, Names, Observer, Position,
};
use copydesk::document::{Document, DocumentOptions};

/// The system's allocator, counting the allocations of each thread (tests
/// run side by side, each on its own thread).
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// What `work` returns, and how many allocations it made on this thread.
fn allocations<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let made = work();
    (made, ALLOCATIONS.with(Cell::get) - before)
}

/// The `index`th of 5,184 made-up names, no two alike in transliteration
/// (no doubled letters, none of q, g, c, k, y, h or "ae").
fn made_up_name(index: usize) -> String {
    let consonants = b"bdflmnprstvz";
    let vowels = b"aou";
    let letters = [
        b'Z',
        b'o',
        consonants[index % 12],
        vowels[index / 12 % 3],
        consonants[index / 36 % 12],
        b'o',
        consonants[index / 432 % 12],
    ];
    String::from_utf8(letters.to_vec()).unwrap()
}

/// (set, form, count, first offset, length) of each form an article writes.
type Forms = Vec<(String, String, usize, usize, usize)>;

/// The variant sets' spellings in one leftmost-longest search over the
/// whole prose, ignoring ASCII case.
struct OneSearch {
    sets: Vec<copydesk::archive::VariantSet>,
    spellings: Vec<(usize, usize, String)>,
    automaton: AhoCorasick,
}

impl OneSearch {
    fn new() -> OneSearch {
        let sets = variant_sets();
        let spellings: Vec<(usize, usize, String)> = sets
            .iter()
            .enumerate()
            .flat_map(|(set, s)| s.spellings.iter().map(move |(sp, f)| (set, *f, sp.clone())))
            .collect();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(spellings.iter().map(|s| s.2.as_str()))
            .unwrap();
        OneSearch {
            sets,
            spellings,
            automaton,
        }
    }

    /// The forms the search finds, keeping whole words only.
    fn forms(&self, doc: &Document) -> Forms {
        let prose = doc.prose.as_str();
        let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut found: std::collections::BTreeMap<(usize, usize), (usize, usize, usize)> =
            Default::default();
        for hit in self.automaton.find_iter(prose) {
            let before = prose[..hit.start()].chars().next_back();
            let after = prose[hit.end()..].chars().next();
            if alphanumeric(before) || alphanumeric(after) {
                continue;
            }
            // The spelling found, else the first other set's spelling written
            // the same but for case that counts here ("E-Mail" in German).
            let written = &prose[hit.range()];
            let first = hit.pattern().as_usize();
            let twins = (0..self.spellings.len())
                .filter(|&i| i != first && self.spellings[i].2.eq_ignore_ascii_case(written));
            let counted = std::iter::once(first).chain(twins).find(|&i| {
                let (set_index, _, spelling) = &self.spellings[i];
                let set = &self.sets[*set_index];
                !(set.language.as_deref().is_some_and(|l| l != doc.language)
                    || set.case_sensitive && written != spelling)
            });
            let Some(counted) = counted else {
                continue;
            };
            let (set_index, form, _) = &self.spellings[counted];
            found
                .entry((*set_index, *form))
                .and_modify(|used| used.0 += 1)
                .or_insert((1, hit.start(), hit.len()));
        }
        found
            .into_iter()
            .map(|((set, form), (count, first, len))| {
                let set = &self.sets[set];
                (set.id.clone(), set.forms[form].clone(), count, first, len)
            })
            .collect()
    }
}

fn english(text: &str) -> Document {
    let options = DocumentOptions {
        language: Some("en".into()),
        ..DocumentOptions::default()
    };
    Document::new("desk/a.txt", text.to_string(), &options)
}

/// Checks the observer's forms against one search's; says whether there
/// were any.
fn check_forms(observer: &Observer, one_search: &OneSearch, doc: &Document) -> bool {
    let stats = observer.observe(doc);
    let forms: Forms = stats
        .forms
        .iter()
        .map(|f| {
            (
                f.set.clone(),
                f.form.clone(),
                f.count,
                f.first.offset,
                f.len,
            )
        })
        .collect();
    assert_eq!(forms, one_search.forms(doc), "{}", doc.path);
    for used in &stats.forms {
        let (line, column) = doc.lines.line_col(&doc.text, used.first.offset);
        assert_eq!((used.first.line, used.first.column), (line, column));
    }
    !forms.is_empty()
}

#[test]
fn forms_found_at_word_starts_are_the_forms_of_one_search() {
    let texts = [
        "Kiev",
        "Kiev.",
        " kiev KIEV Kiev Kievan xKiev 2Kiev éKiev Kiev\u{e9} \u{2014}Kiev\u{2014}",
        "5 per cent, 5 PER CENT, 5 Per Cent, 5 pEr cEnt, percentage, per centre, per\ncent",
        "E-MAIL e-mail E-Mail email Email e-mailing re-email co-operate Co-operation",
        "Al Qaeda, al-Qaeda, AL-QAIDA, al-Qaidas, Al Qaedas and the Al  Qaeda",
        "web site website Web Site websites; health care, healthcare; on-line online",
        "Kyiv Kyiv Kiev, Burma, Myanmar, Swaziland, eSwatini, Eswatini",
        "",
        "K",
        "pe",
        "\u{feff}Kiev at the start of a file with a byte-order mark",
    ];
    let (observer, one_search) = (Observer::new(&ArchiveSettings::default()), OneSearch::new());
    let mut german = english("E-Mail, E-MAIL und Email; die e-mail");
    german.language = "de".into();
    check_forms(&observer, &one_search, &german);
    for text in texts {
        check_forms(&observer, &one_search, &english(text));
    }
}

#[test]
fn forms_of_every_real_article_are_the_forms_of_one_search() {
    let Some(root) = support::articles() else {
        return;
    };
    let options = DocumentOptions::default();
    let (observer, one_search) = (Observer::new(&ArchiveSettings::default()), OneSearch::new());
    let mut with_forms = 0;
    for path in support::files_under(&root) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let doc = Document::new(&support::relative(&root, &path), text, &options);
        with_forms += usize::from(check_forms(&observer, &one_search, &doc));
    }
    assert!(with_forms > 0, "no article writes any form");
}

#[test]
fn names_are_placed_at_their_lines_and_columns() {
    let mut texts = vec![
        "Leaders met Gaddafi and Qaddafi, then Zelensky.\nNext line: Brandt and Okonjo \u{e9}\u{e9} saw Lindqvist.\n\n\u{feff}Then Moreau left.".to_string(),
        format!("{} and then Ferreira", "x Tanaka \u{fc} ".repeat(2000)),
    ];
    if let Some(root) = support::articles() {
        for path in support::files_under(&root) {
            texts.extend(std::fs::read_to_string(&path).ok());
        }
    }
    let observer = Observer::new(&ArchiveSettings::default());
    let mut placed = 0;
    for text in texts {
        let doc = english(&text);
        for (name, _, first) in &observer.observe(&doc).names {
            let (line, column) = doc.lines.line_col(&doc.text, first.offset);
            assert_eq!((first.line, first.column), (line, column), "{name}");
            assert!(doc.text[first.offset..].starts_with(name), "{name}");
            placed += 1;
        }
    }
    assert!(placed >= 8);
}

#[test]
fn an_articles_names_take_no_allocation_each() {
    let observer = Observer::new(&ArchiveSettings::default());
    let article = |names: usize| {
        let listed: Vec<String> = (0..names).map(made_up_name).collect();
        english(&format!("Officials met {} today.\n", listed.join(" and ")))
    };
    let (few, many) = (article(4), article(110));
    let (record, with_few) = allocations(|| observer.observe(&few));
    assert_eq!(record.names.len(), 4);
    let (record, with_many) = allocations(|| observer.observe(&many));
    assert_eq!(record.names.len(), 110);
    // A string per name made 106 more; growing the names' table and
    // lists, a few.
    assert!(
        with_many < with_few + 20,
        "{with_few} allocations for 4 names, {with_many} for 110"
    );
}

#[test]
fn a_record_given_back_is_the_next_ones_room() {
    // The worker gives each record back once counted: the next article's
    // path, folder, groups, language, date, styles and names are written
    // in its strings and lists, where a record made anew allocated each.
    let observer = Observer::new(&ArchiveSettings::default());
    let doc = english(
        "---\ndate: 2021-05-06\n---\nOfficials in Kiev said 5 per cent on Feb. 26 and \
         Feb. 27; \"Gaddafi met Zelenskiy\" in Lviv, \"Kadhafi\" said.\n",
    );
    let (fresh, anew) = allocations(|| observer.observe(&doc));
    assert!(fresh.styles.len() >= 2 && fresh.names.len() >= 3 && !fresh.forms.is_empty());
    give_back(fresh.clone());
    let (again, reusing) = allocations(|| observer.observe(&doc));
    assert_eq!(again, fresh);
    // What remains: the forms' map and each form's two strings.
    assert!(
        reusing + 8 <= anew && reusing <= 2 + 3 * fresh.forms.len(),
        "{anew} allocations for a record made anew, {reusing} in one given back"
    );
}

#[test]
fn a_usual_articles_names_grow_no_list() {
    let observer = Observer::new(&ArchiveSettings::default());
    let article = |names: usize| {
        let listed: Vec<String> = (0..names).map(made_up_name).collect();
        english(&format!("Officials met {} today.\n", listed.join(" and ")))
    };
    let (two, sixty) = (article(2), article(60));
    let (record, with_two) = allocations(|| observer.observe(&two));
    assert_eq!(record.names.len(), 2);
    let (record, with_sixty) = allocations(|| observer.observe(&sixty));
    assert_eq!(record.names.len(), 60);
    // Names kept in the order first met need no list made from the table
    // (which grew four times on the way to 60).
    assert!(
        with_sixty <= with_two,
        "{with_two} allocations for 2 names, {with_sixty} for 60"
    );
}

#[test]
fn judging_an_archive_allocates_nothing_per_name() {
    let at = Position {
        offset: 10,
        line: 1,
        column: 11,
    };
    let judged = |names_each: usize| {
        let mut archive =
            Archive::new(&ArchiveSettings::default(), Levels::default(), false).unwrap();
        for file in 0..200 {
            let names: Vec<String> = (0..names_each)
                .map(|n| made_up_name(file * names_each + n))
                .collect();
            let stats = FileStats {
                path: format!("desk/{file}.md"),
                folder: "desk".into(),
                variant_group: "desk".into(),
                language: "en".into(),
                date: Some("2020-01-02".into()),
                names: names
                    .iter()
                    .map(|name| (name.as_str(), 1, at))
                    .collect::<Names>(),
                ..FileStats::default()
            };
            archive.add(&stats).unwrap();
        }
        let (outcome, made) = allocations(|| archive.finish().unwrap());
        assert!(outcome.clusters.is_empty());
        made
    };
    let (one_each, twenty_each) = (judged(1), judged(20));
    // A transliteration key per name made 3,800 more.
    assert!(
        twenty_each < one_each + 100,
        "{one_each} allocations for 200 names, {twenty_each} for 4,000"
    );
}

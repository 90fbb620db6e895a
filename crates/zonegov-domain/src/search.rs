//! Chinese full-text search, the part both databases share: how text becomes index
//! tokens, how a query becomes a safe match expression, and where a hit is in the
//! original text (highlighting). Computed here, in Rust, so SQLite (FTS5) and
//! PostgreSQL (tsvector) index identical tokens and highlight identically.
//!
//! Tokens: each run of Han characters gives its overlapping bigrams (as Lucene's
//! CJKAnalyzer) and its last character alone, so a two-character word is always one
//! token (no dictionary to ship, no segmentation mistakes) and a one-character query
//! is a prefix match over tokens (`火` matches 火灾, 防火's following bigram, or the
//! run-final 火). Runs of ASCII letters and digits (codes, credit codes, pinyin) are
//! one token each, lower-cased; full-width forms are folded to ASCII first. Anything
//! else separates tokens, so no user text can reach the engines' query syntax.

use serde::Serialize;

/// The searchable text of one record, by weight.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText {
    /// What the record is called (a power item's name and sub-item): weighs most.
    pub name: String,
    /// What it says (responsibilities, accountability situations).
    pub body: String,
    /// What it rests on (legal bases).
    pub basis: String,
}

/// The tokens of a [`SearchText`], one list per field, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocTokens {
    pub name: Vec<String>,
    pub body: Vec<String>,
    pub basis: Vec<String>,
}

impl SearchText {
    pub fn tokens(&self) -> DocTokens {
        DocTokens {
            name: doc_tokens(&self.name),
            body: doc_tokens(&self.body),
            basis: doc_tokens(&self.basis),
        }
    }

    /// `self.tokens().tsvector_lexemes()` without a `String` per token (see
    /// [`each_token`]): what the PostgreSQL store sends, 40,000 times an import,
    /// where making every token a `String` was a quarter of the importing
    /// process's time.
    pub fn tsvector_lexemes(&self) -> TsLexemes {
        let fields = [&self.name, &self.body, &self.basis];
        TsLexemes::build(|field, sink| {
            if let Some(text) = fields.get(field) {
                each_token(text, sink);
            }
        })
    }
}

impl DocTokens {
    /// A PostgreSQL `tsvector` literal: each token quoted with its position and
    /// weight (name A, body B, basis C). Fields are 100 positions apart so a phrase
    /// never spans two fields; positions stop at PostgreSQL's maximum.
    ///
    /// The store no longer sends this (the server parsed it at ~55 us a row, most of
    /// a bulk import's search rows): it writes [`Self::tsvector_lexemes`] in the
    /// binary form. The literal stays as the independent statement of the same
    /// vector that the store's tests compare the binary form with.
    pub fn tsvector_literal(&self) -> String {
        let mut out = String::new();
        for (t, pos, weight) in self.positioned() {
            if !out.is_empty() {
                out.push(' ');
            }
            // Tokens hold only letters and digits (see `Unit`), never a quote.
            out.push('\'');
            out.push_str(t);
            out.push_str("':");
            out.push_str(&pos.to_string());
            out.push(match weight {
                TsWeight::A => 'A',
                TsWeight::B => 'B',
                TsWeight::C => 'C',
            });
        }
        out
    }

    /// The same vector as [`Self::tsvector_literal`], in the shape PostgreSQL keeps
    /// it (what `CAST(literal AS tsvector)` makes of the literal): one entry per
    /// distinct token, ordered by the token's UTF-8 bytes (PostgreSQL's
    /// `tsCompareString`: `memcmp` of the common prefix, then the shorter first —
    /// which is Rust's order of `&str`), each with its positions ascending and cut
    /// to the first [`MAX_TS_POSITIONS_PER_LEXEME`], as the server cuts them. The
    /// store encodes this in the binary form, which the server takes as it is.
    pub fn tsvector_lexemes(&self) -> TsLexemes {
        let fields = [&self.name, &self.body, &self.basis];
        TsLexemes::build(|field, sink| {
            for t in fields.get(field).into_iter().flat_map(|f| f.iter()) {
                sink(t);
            }
        })
    }

    /// Every token with its position and weight, in text order: fields 100
    /// positions apart, nothing after [`MAX_TS_POSITION`].
    fn positioned(&self) -> impl Iterator<Item = (&str, u16, TsWeight)> + '_ {
        [
            (&self.name, TsWeight::A, 1_usize),
            (&self.body, TsWeight::B, 1 + 100 + self.name.len()),
            (
                &self.basis,
                TsWeight::C,
                1 + 200 + self.name.len() + self.body.len(),
            ),
        ]
        .into_iter()
        .flat_map(|(tokens, weight, first)| {
            tokens.iter().enumerate().map_while(move |(i, t)| {
                let pos = u16::try_from(first.checked_add(i)?).ok()?;
                (pos <= MAX_TS_POSITION).then_some((t.as_str(), pos, weight))
            })
        })
    }
}

/// PostgreSQL's largest tsvector position (`MAXENTRYPOS - 1`).
pub const MAX_TS_POSITION: u16 = 16_383;

/// How many positions PostgreSQL keeps of one lexeme (`MAXNUMPOS`): the text input
/// keeps the lowest this many, the binary input refuses more.
pub const MAX_TS_POSITIONS_PER_LEXEME: usize = 256;

/// A tsvector position's weight label, by field: the name A, the body B, the
/// bases C. The value is PostgreSQL's (the position's top two bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TsWeight {
    A = 3,
    B = 2,
    C = 1,
}

/// One position of a token in a tsvector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TsPosition {
    /// 1 ..= [`MAX_TS_POSITION`].
    pub pos: u16,
    pub weight: TsWeight,
}

/// The distinct tokens of a tsvector and where each stands (see
/// [`DocTokens::tsvector_lexemes`]): a few vectors for a whole document, not one
/// allocation per token (the import computes 40,000 of these while the database
/// writes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TsLexemes {
    /// Every kept token occurrence, one after the other.
    arena: String,
    /// Each distinct token: its bytes in `arena`, where its positions start.
    lexemes: Vec<(usize, usize, usize)>,
    positions: Vec<TsPosition>,
}

impl TsLexemes {
    /// How many distinct tokens.
    pub fn len(&self) -> usize {
        self.lexemes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lexemes.is_empty()
    }

    /// Each token in PostgreSQL's order with its positions, ascending, at most
    /// [`MAX_TS_POSITIONS_PER_LEXEME`].
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &[TsPosition])> + '_ {
        self.lexemes
            .iter()
            .enumerate()
            .map(|(i, (from, to, start))| {
                let end = self
                    .lexemes
                    .get(i + 1)
                    .map_or(self.positions.len(), |next| next.2);
                (
                    self.arena.get(*from..*to).unwrap_or_default(),
                    self.positions.get(*start..end).unwrap_or_default(),
                )
            })
    }

    /// The lexemes of three fields (name A, body B, basis C) whose tokens
    /// `each(field, sink)` hands to `sink` in text order: positions as
    /// [`DocTokens::tsvector_literal`] numbers them, sorted and cut as PostgreSQL
    /// keeps them.
    fn build(mut each: impl FnMut(usize, &mut dyn FnMut(&str))) -> Self {
        let mut arena = String::new();
        let mut all: Vec<(usize, usize, TsPosition)> = Vec::new();
        let mut first: usize = 1;
        for (field, weight) in [TsWeight::A, TsWeight::B, TsWeight::C]
            .into_iter()
            .enumerate()
        {
            let mut n: usize = 0;
            each(field, &mut |t: &str| {
                let pos = first.saturating_add(n);
                n += 1;
                match u16::try_from(pos) {
                    Ok(pos) if pos <= MAX_TS_POSITION => {
                        let from = arena.len();
                        arena.push_str(t);
                        all.push((from, arena.len(), TsPosition { pos, weight }));
                    }
                    _ => {}
                }
            });
            first = first.saturating_add(n).saturating_add(100);
        }
        let text = |from: usize, to: usize| arena.get(from..to).unwrap_or_default();
        // Positions are distinct, so this order is total.
        all.sort_unstable_by(|a, b| {
            text(a.0, a.1)
                .cmp(text(b.0, b.1))
                .then(a.2.pos.cmp(&b.2.pos))
        });
        let mut lexemes: Vec<(usize, usize, usize)> = Vec::new();
        let mut positions = Vec::with_capacity(all.len());
        for (from, to, position) in all {
            match lexemes.last() {
                Some(&(f, t, start)) if text(f, t) == text(from, to) => {
                    if positions.len() - start < MAX_TS_POSITIONS_PER_LEXEME {
                        positions.push(position);
                    }
                }
                _ => {
                    lexemes.push((from, to, positions.len()));
                    positions.push(position);
                }
            }
        }
        Self {
            arena,
            lexemes,
            positions,
        }
    }
}

/// One character class of the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Han(char),
    Word(char),
    Gap,
}

/// Folds full-width ASCII (`ＸＫ０１`) to ASCII and classifies.
fn unit(c: char) -> Unit {
    let c = match u32::from(c) {
        0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if is_han(c) {
        Unit::Han(c)
    } else if c.is_ascii_alphanumeric() {
        Unit::Word(c.to_ascii_lowercase())
    } else {
        Unit::Gap
    }
}

fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A run of Han characters or of ASCII letters and digits.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Run {
    Han(Vec<char>),
    Word(String),
}

fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cur: Option<Run> = None;
    for c in text.chars() {
        match (unit(c), &mut cur) {
            (Unit::Han(h), Some(Run::Han(v))) => v.push(h),
            (Unit::Word(w), Some(Run::Word(s))) => s.push(w),
            (u, slot) => {
                if let Some(done) = slot.take() {
                    out.push(done);
                }
                *slot = match u {
                    Unit::Han(h) => Some(Run::Han(vec![h])),
                    Unit::Word(w) => Some(Run::Word(w.to_string())),
                    Unit::Gap => None,
                };
            }
        }
    }
    out.extend(cur);
    out
}

/// The index tokens of a text: per Han run its bigrams then its last character;
/// per word run the run.
pub fn doc_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for run in runs(text) {
        match run {
            Run::Han(cs) => {
                // One allocation a bigram (collecting the chars grew the string).
                out.extend(cs.windows(2).map(|w| {
                    let mut s = String::with_capacity(w.iter().map(|c| c.len_utf8()).sum());
                    s.extend(w);
                    s
                }));
                if let Some(last) = cs.last() {
                    out.push(last.to_string());
                }
            }
            Run::Word(w) => out.push(w),
        }
    }
    out
}

/// Hands each index token of `text` to `f`, in order: exactly what [`doc_tokens`]
/// collects, but through two reused buffers instead of a `String` a token.
pub fn each_token(text: &str, f: &mut dyn FnMut(&str)) {
    let mut word = String::new();
    let mut pair = String::new();
    let mut buf = [0_u8; 4];
    // The last character of the Han run being read.
    let mut han: Option<char> = None;
    for c in text.chars() {
        match unit(c) {
            Unit::Han(h) => {
                if !word.is_empty() {
                    f(&word);
                    word.clear();
                }
                if let Some(prev) = han {
                    pair.clear();
                    pair.push(prev);
                    pair.push(h);
                    f(&pair);
                }
                han = Some(h);
            }
            Unit::Word(w) => {
                if let Some(last) = han.take() {
                    f(last.encode_utf8(&mut buf));
                }
                word.push(w);
            }
            Unit::Gap => {
                if let Some(last) = han.take() {
                    f(last.encode_utf8(&mut buf));
                }
                if !word.is_empty() {
                    f(&word);
                    word.clear();
                }
            }
        }
    }
    if let Some(last) = han {
        f(last.encode_utf8(&mut buf));
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// One group of a query: all groups must match (AND).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryGroup {
    /// Consecutive tokens (the bigrams of a Han run of two or more).
    Phrase(Vec<String>),
    /// Any token starting with this (one Han character, or a word run: codes and
    /// pinyin are typed partially).
    Prefix(String),
}

/// A parsed query: what the engines match and what the highlighter marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQueryText {
    pub groups: Vec<QueryGroup>,
    /// The normalised text of each group, to highlight in the original text.
    pub needles: Vec<String>,
}

/// The longest query we parse, in characters: a search box, not a document.
pub const MAX_QUERY_CHARS: usize = 100;

/// Parses user input into groups of tokens. Punctuation, quotes, `*`, `:`, `&`,
/// `|`, `!`, parentheses and words like NEAR are separators or plain words: the
/// result only ever holds letters and digits. `None` when nothing is left.
pub fn parse_query(text: &str) -> Option<SearchQueryText> {
    let text: String = text.chars().take(MAX_QUERY_CHARS).collect();
    let mut groups = Vec::new();
    let mut needles = Vec::new();
    for run in runs(&text) {
        let (group, needle) = match run {
            Run::Han(cs) if cs.len() == 1 => {
                let s = cs[0].to_string();
                (QueryGroup::Prefix(s.clone()), s)
            }
            Run::Han(cs) => (
                QueryGroup::Phrase(cs.windows(2).map(|w| w.iter().collect()).collect()),
                cs.iter().collect(),
            ),
            Run::Word(w) => (QueryGroup::Prefix(w.clone()), w),
        };
        if !groups.contains(&group) {
            groups.push(group);
            needles.push(needle);
        }
    }
    (!groups.is_empty()).then_some(SearchQueryText { groups, needles })
}

impl SearchQueryText {
    /// The FTS5 MATCH expression: every token double-quoted (tokens never hold a
    /// quote), phrases as `"a b"`, prefixes as `"a" *`, groups ANDed.
    pub fn fts5(&self) -> String {
        self.fts5_groups("")
    }

    /// The same, matching in the name column only.
    pub fn fts5_in_name(&self) -> String {
        self.fts5_groups("name : ")
    }

    fn fts5_groups(&self, column: &str) -> String {
        self.groups
            .iter()
            .map(|g| match g {
                QueryGroup::Phrase(ts) => format!("{column}\"{}\"", ts.join(" ")),
                QueryGroup::Prefix(t) => format!("{column}\"{t}\" *"),
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// The PostgreSQL `tsquery` literal: quoted lexemes, `<->` within a phrase,
    /// `:*` for a prefix, `&` between groups.
    pub fn tsquery(&self) -> String {
        self.tsquery_weighted("")
    }

    /// The same, matching the name (weight A) only.
    pub fn tsquery_in_name(&self) -> String {
        self.tsquery_weighted("A")
    }

    fn tsquery_weighted(&self, weight: &str) -> String {
        let lexeme = |t: &str| {
            if weight.is_empty() {
                format!("'{t}'")
            } else {
                format!("'{t}':{weight}")
            }
        };
        self.groups
            .iter()
            .map(|g| match g {
                QueryGroup::Phrase(ts) if ts.len() == 1 => lexeme(&ts[0]),
                QueryGroup::Phrase(ts) => format!(
                    "({})",
                    ts.iter()
                        .map(|t| lexeme(t))
                        .collect::<Vec<_>>()
                        .join(" <-> ")
                ),
                QueryGroup::Prefix(t) => format!("'{t}':*{weight}"),
            })
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

impl SearchQueryText {
    /// Whether a text matches as the engines would match it: every group, in any
    /// field (a phrase as consecutive tokens, a prefix as the start of a token).
    /// For what is not in the index (unpublished drafts, a handful per user).
    pub fn matches(&self, text: &SearchText) -> bool {
        let DocTokens { name, body, basis } = text.tokens();
        let fields = [name, body, basis];
        self.groups.iter().all(|g| {
            fields.iter().any(|tokens| match g {
                QueryGroup::Phrase(ts) => {
                    !ts.is_empty() && tokens.windows(ts.len()).any(|w| w == ts.as_slice())
                }
                QueryGroup::Prefix(p) => tokens.iter().any(|t| t.starts_with(p.as_str())),
            })
        })
    }
}

/// A piece of text, marked when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// `text` cut into segments, those matching one of the query's groups marked; the
/// segments joined give `text` back unchanged. Matching folds full-width forms and
/// case as the tokenizer does, so what is found is what is marked.
pub fn highlight(text: &str, query: &SearchQueryText) -> Vec<Segment> {
    // Each char's folded form and its byte range in `text`.
    let chars: Vec<(char, usize, usize)> = text
        .char_indices()
        .map(|(i, c)| {
            let folded = match unit(c) {
                Unit::Han(h) | Unit::Word(h) => h,
                Unit::Gap => c,
            };
            (folded, i, i + c.len_utf8())
        })
        .collect();
    let mut marked = vec![false; chars.len()];
    for needle in &query.needles {
        let n: Vec<char> = needle.chars().collect();
        if n.is_empty() || n.len() > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - n.len() {
            if chars[start..start + n.len()]
                .iter()
                .zip(&n)
                .all(|((c, _, _), m)| c == m)
            {
                marked[start..start + n.len()].fill(true);
            }
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for ((_, from, to), hit) in chars.iter().zip(marked) {
        let piece = &text[*from..*to];
        match out.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(piece),
            _ => out.push(Segment {
                text: piece.to_owned(),
                hit,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_matches_as_the_index_would() {
        let text = SearchText {
            name: "对违反消防安全管理规定的处罚".into(),
            body: "立案责任：依法对消防设施进行检查，加强防火巡查".into(),
            basis: "《中华人民共和国消防法》第十五条 XK01".into(),
        };
        for yes in [
            "消防",
            "消防 检查",
            "防",
            "罚",
            "防火",
            "处罚",
            "xk",
            "ＸＫ０１",
            "安全管理",
        ] {
            assert!(q(yes).matches(&text), "{yes} should match");
        }
        // Each word must match; a phrase must be consecutive within one run.
        for no in ["用地", "消防 排污", "消防火", "罚立", "xk02", "火灾"] {
            assert!(!q(no).matches(&text), "{no} should not match");
        }
    }

    fn q(s: &str) -> SearchQueryText {
        parse_query(s).expect("a query")
    }

    fn hits(segs: &[Segment]) -> Vec<&str> {
        segs.iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn han_runs_give_bigrams_and_the_last_character() {
        assert_eq!(
            doc_tokens("对消防设施"),
            ["对消", "消防", "防设", "设施", "施"]
        );
        assert_eq!(doc_tokens("火"), ["火"]);
        // Punctuation splits runs: no bigram spans 消防，用地.
        assert_eq!(doc_tokens("消防，用地"), ["消防", "防", "用地", "地"]);
    }

    #[test]
    fn two_character_words_are_one_token_wherever_they_stand() {
        for (doc, word) in [
            ("对违反消防安全规定的处罚", "消防"),
            ("建设用地规划许可", "用地"),
            ("对未取得排污许可证排放污染物的处罚", "排污"),
        ] {
            let tokens = doc_tokens(doc);
            let query = q(word);
            assert_eq!(query.groups, [QueryGroup::Phrase(vec![word.to_owned()])]);
            assert!(tokens.iter().any(|t| t == word), "{word} in {tokens:?}");
        }
    }

    #[test]
    fn one_character_queries_are_prefixes_that_reach_every_position() {
        assert_eq!(q("火").groups, [QueryGroup::Prefix("火".to_owned())]);
        // 火 first, inside and last in a run: some token starts with it each time.
        for doc in ["火灾", "防火门", "防火"] {
            assert!(doc_tokens(doc).iter().any(|t| t.starts_with('火')), "{doc}");
        }
        assert!(!doc_tokens("消防").iter().any(|t| t.starts_with('火')));
    }

    #[test]
    fn latin_runs_codes_and_pinyin_are_lower_cased_tokens() {
        assert_eq!(q("xf").groups, [QueryGroup::Prefix("xf".to_owned())]);
        assert_eq!(
            doc_tokens("统一社会信用代码91370800MA3C5XXX2K"),
            [
                "统一",
                "一社",
                "社会",
                "会信",
                "信用",
                "用代",
                "代码",
                "码",
                "91370800ma3c5xxx2k"
            ]
        );
        // Full-width forms fold to ASCII, so a code typed either way matches.
        assert_eq!(doc_tokens("ＸＫ０００１"), ["xk0001"]);
        assert_eq!(q("91370800MA3C5XXX2K").fts5(), "\"91370800ma3c5xxx2k\" *");
    }

    #[test]
    fn operators_and_quotes_never_reach_the_engines() {
        for hostile in [
            "\"",
            "\"消防",
            "消防\" OR \"x",
            "*",
            "火*",
            "NEAR(消防 用地)",
            "a:b",
            "消防 & 用地 | !排污",
            "(((",
            "'; DROP TABLE entity_version; --",
            "\\'",
            "col:消防",
            "^消防",
        ] {
            let Some(parsed) = parse_query(hostile) else {
                continue;
            };
            for expr in [parsed.fts5(), parsed.tsquery()] {
                // Strip the syntax we emit; what is left is letters and digits.
                let rest: String = expr
                    .replace("<->", " ")
                    .replace(" AND ", " ")
                    .chars()
                    .filter(|c| !matches!(c, '"' | '\'' | '*' | ' ' | '&' | ':' | '(' | ')'))
                    .collect();
                assert!(
                    rest.chars().all(|c| c.is_alphanumeric()),
                    "{hostile:?} -> {expr:?}"
                );
                assert_eq!(expr.matches('"').count() % 2, 0, "{expr}");
                assert_eq!(expr.matches('\'').count() % 2, 0, "{expr}");
            }
        }
        // Words that are operators elsewhere are plain, quoted tokens here.
        assert_eq!(q("NEAR").fts5(), "\"near\" *");
        assert_eq!(q("a OR b").tsquery(), "'a':* & 'or':* & 'b':*");
        assert!(parse_query("\"*():&|!").is_none());
        assert!(parse_query("").is_none());
    }

    #[test]
    fn queries_become_phrases_and_prefixes() {
        let parsed = q("消防安全 许可");
        assert_eq!(parsed.fts5(), "\"消防 防安 安全\" AND \"许可\"");
        assert_eq!(parsed.tsquery(), "('消防' <-> '防安' <-> '安全') & '许可'");
        assert_eq!(parsed.needles, ["消防安全", "许可"]);
        // The name-only forms restrict every group, not just the first.
        let parsed = q("消防安全 许可 火");
        assert_eq!(
            parsed.fts5_in_name(),
            "name : \"消防 防安 安全\" AND name : \"许可\" AND name : \"火\" *"
        );
        assert_eq!(
            parsed.tsquery_in_name(),
            "('消防':A <-> '防安':A <-> '安全':A) & '许可':A & '火':*A"
        );
    }

    #[test]
    fn tsvector_literal_weights_fields_and_keeps_them_apart() {
        let text = SearchText {
            name: "消防".to_owned(),
            body: "检查".to_owned(),
            basis: String::new(),
        };
        assert_eq!(
            text.tokens().tsvector_literal(),
            "'消防':1A '防':2A '检查':103B '查':104B"
        );
    }

    #[test]
    fn tsvector_lexemes_are_sorted_by_bytes_merged_and_cut_as_postgresql_keeps_them() {
        let text = SearchText {
            name: "b ab a 消防".to_owned(),
            body: "ab".to_owned(),
            basis: "aa".to_owned(),
        };
        let tokens = text.tokens();
        let lexemes = tokens.tsvector_lexemes();
        let at = |pos, weight| TsPosition { pos, weight };
        let got: Vec<(&str, Vec<TsPosition>)> =
            lexemes.iter().map(|(t, p)| (t, p.to_vec())).collect();
        assert_eq!(
            got,
            [
                // Byte order: a prefix first (a < aa < ab), then b, then Han (UTF-8
                // lead bytes above ASCII).
                ("a", vec![at(3, TsWeight::A)]),
                ("aa", vec![at(207, TsWeight::C)]),
                ("ab", vec![at(2, TsWeight::A), at(106, TsWeight::B)]),
                ("b", vec![at(1, TsWeight::A)]),
                ("消防", vec![at(4, TsWeight::A)]),
                ("防", vec![at(5, TsWeight::A)]),
            ]
        );
        assert_eq!(
            tokens.tsvector_literal(),
            "'b':1A 'ab':2A 'a':3A '消防':4A '防':5A 'ab':106B 'aa':207C"
        );
        // A word repeated past PostgreSQL's 256 positions keeps its first 256;
        // nothing stands after position 16,383.
        let text = SearchText {
            name: "x ".repeat(300),
            body: "y ".repeat(20_000),
            basis: "z".to_owned(),
        };
        let tokens = text.tokens();
        let lexemes = tokens.tsvector_lexemes();
        let lexemes: Vec<(&str, &[TsPosition])> = lexemes.iter().collect();
        assert_eq!(lexemes.len(), 2, "z is past the last position");
        assert_eq!(lexemes[0].1.len(), MAX_TS_POSITIONS_PER_LEXEME);
        assert_eq!(lexemes[0].1[255], at(256, TsWeight::A));
        assert_eq!(lexemes[1].1[0], at(401, TsWeight::B));
        assert!(
            tokens
                .tsvector_literal()
                .ends_with(&format!("'y':{MAX_TS_POSITION}B"))
        );
        assert!(SearchText::default().tokens().tsvector_lexemes().is_empty());
    }

    #[test]
    fn streamed_tokens_and_lexemes_are_the_collected_ones() {
        let texts = [
            "",
            "火",
            "对违反消防安全管理规定的处罚",
            "消防，用地 排污",
            "统一社会信用代码91370800MA3C5XXX2K",
            "ＸＫ０１编码ab12消防cd",
            "a消b防c 火x",
            "it's \"quoted\" \\ a:1 'x' 𠀀𠀁 丽﨑",
            "消防消防消防",
        ];
        for text in texts {
            let mut streamed = Vec::new();
            each_token(text, &mut |t| streamed.push(t.to_owned()));
            assert_eq!(streamed, doc_tokens(text), "{text:?}");
        }
        for (name, body, basis) in [
            (texts[2], texts[3], texts[4]),
            (texts[5], texts[6], texts[7]),
            (&*"消防".repeat(300), &*"检查 ".repeat(300), "z"),
            ("x", &*"y ".repeat(20_000), "z"),
            ("", "", ""),
        ] {
            let text = SearchText {
                name: name.to_owned(),
                body: body.to_owned(),
                basis: basis.to_owned(),
            };
            let direct = text.tsvector_lexemes();
            let collected = text.tokens().tsvector_lexemes();
            assert_eq!(
                direct.iter().collect::<Vec<_>>(),
                collected.iter().collect::<Vec<_>>(),
                "{name:?}"
            );
        }
    }

    #[test]
    fn highlight_marks_matches_in_the_original_text() {
        let segs = highlight("对违反消防安全规定的处罚（消防）", &q("消防"));
        assert_eq!(hits(&segs), ["消防", "消防"]);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "对违反消防安全规定的处罚（消防）");
        // Case and full width fold, the original is kept.
        let segs = highlight("编码ＸＫ0001", &q("xk"));
        assert_eq!(hits(&segs), ["ＸＫ"]);
        assert_eq!(hits(&highlight("防火门", &q("火"))), ["火"]);
        assert!(hits(&highlight("用地", &q("排污"))).is_empty());
    }

    #[test]
    fn long_queries_are_cut() {
        let long = "消".repeat(10_000);
        let parsed = q(&long);
        let QueryGroup::Phrase(ts) = &parsed.groups[0] else {
            panic!("a phrase");
        };
        assert_eq!(ts.len(), MAX_QUERY_CHARS - 1);
    }
}

//! The GB/T 4754-2017 table compiled into the program (data/reference/gbt4754-2017.csv),
//! parsed once. The parser checks the table's shape rather than trusting it, and returns
//! what is wrong; a test asserts the embedded table parses, so a broken copy fails CI
//! instead of reaching a user.

use crate::lang::Lang;
use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

const EMBEDDED: &str = include_str!("../../../../../data/reference/gbt4754-2017.csv");
const HEADER: &str = "code,name_zh,level,parent";

pub(super) static TABLE: LazyLock<Result<IndustryTable, TableError>> =
    LazyLock::new(|| IndustryTable::parse(EMBEDDED));

/// The four levels, broadest first. A level's code has a fixed shape: one letter A–T, then
/// 2, 3 and 4 digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndustryLevel {
    /// 门类
    Section,
    /// 大类
    Division,
    /// 中类
    Group,
    /// 小类
    Class,
}

impl IndustryLevel {
    pub const ALL: [IndustryLevel; 4] = [Self::Section, Self::Division, Self::Group, Self::Class];

    /// 0 for a section … 3 for a class.
    pub fn depth(self) -> usize {
        self as usize
    }

    /// The word the table file uses.
    pub fn code(self) -> &'static str {
        match self {
            Self::Section => "section",
            Self::Division => "division",
            Self::Group => "group",
            Self::Class => "class",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Section => lang.pick("门类", "Section"),
            Self::Division => lang.pick("大类", "Division"),
            Self::Group => lang.pick("中类", "Group"),
            Self::Class => lang.pick("小类", "Class"),
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == s)
    }

    /// Whether `code` has this level's shape.
    pub(super) fn fits(self, code: &str) -> bool {
        match self {
            Self::Section => code.len() == 1 && matches!(code.as_bytes()[0], b'A'..=b'T'),
            _ => code.len() == self.depth() + 1 && code.bytes().all(|b| b.is_ascii_digit()),
        }
    }
}

pub(super) struct Entry {
    pub code: &'static str,
    pub name_zh: &'static str,
    pub level: IndustryLevel,
    pub parent: Option<u16>,
}

pub struct IndustryTable {
    pub(super) entries: Vec<Entry>,
    pub(super) by_code: HashMap<&'static str, u16>,
}

/// A defect of the table file, located by line (1-based, header = line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub line: usize,
    pub problem: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "GB/T 4754-2017 table, line {}: {}",
            self.line, self.problem
        )
    }
}

impl std::error::Error for TableError {}

impl IndustryTable {
    pub(super) fn parse(text: &'static str) -> Result<Self, TableError> {
        let fail = |line: usize, problem: String| TableError { line, problem };
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        match lines.next() {
            Some((_, HEADER)) => {}
            other => {
                let found = other.map_or("", |(_, l)| l);
                return Err(fail(
                    1,
                    format!("header must be {HEADER:?}, found {found:?}"),
                ));
            }
        }
        let mut table = IndustryTable {
            entries: Vec::new(),
            by_code: HashMap::new(),
        };
        for (n, line) in lines {
            let fields: Vec<&'static str> = line.split(',').collect();
            let [code, name_zh, level, parent] = fields[..] else {
                return Err(fail(
                    n,
                    format!("{} fields, want 4: {line:?}", fields.len()),
                ));
            };
            let level = IndustryLevel::parse(level).ok_or_else(|| {
                fail(
                    n,
                    format!("level {level:?} is not section/division/group/class"),
                )
            })?;
            if !level.fits(code) {
                return Err(fail(
                    n,
                    format!(
                        "code {code:?} does not have the shape of a {}",
                        level.code()
                    ),
                ));
            }
            if name_zh.trim().is_empty() {
                return Err(fail(n, format!("code {code} has no name")));
            }
            let parent = match (level, parent) {
                (IndustryLevel::Section, "") => None,
                (IndustryLevel::Section, p) => {
                    return Err(fail(n, format!("section {code} has a parent {p:?}")));
                }
                (_, p) => {
                    let &i = table.by_code.get(p).ok_or_else(|| {
                        fail(
                            n,
                            format!("parent {p:?} of {code} is not defined on an earlier line"),
                        )
                    })?;
                    let up = &table.entries[usize::from(i)];
                    if up.level.depth() + 1 != level.depth() {
                        return Err(fail(
                            n,
                            format!(
                                "parent {p} of {code} is a {}, not one level up",
                                up.level.code()
                            ),
                        ));
                    }
                    if level != IndustryLevel::Division && !code.starts_with(p) {
                        return Err(fail(
                            n,
                            format!("code {code} does not start with its parent's code {p}"),
                        ));
                    }
                    Some(i)
                }
            };
            let index = u16::try_from(table.entries.len())
                .map_err(|_| fail(n, "more rows than a u16 index holds".to_owned()))?;
            if table.by_code.insert(code, index).is_some() {
                return Err(fail(n, format!("code {code} appears twice")));
            }
            table.entries.push(Entry {
                code,
                name_zh,
                level,
                parent,
            });
        }
        Ok(table)
    }

    /// How many codes each level has, broadest first.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for e in &self.entries {
            counts[e.level.depth()] += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses_with_the_published_counts() {
        let table = TABLE.as_ref().unwrap();
        // Counted from the file: `awk -F, 'NR>1{print $3}' | sort | uniq -c`.
        assert_eq!(table.counts(), [20, 97, 473, 1381]);
    }

    fn err(text: &'static str) -> TableError {
        IndustryTable::parse(text).err().unwrap()
    }

    #[test]
    fn defects_are_located_by_line() {
        let ok = "code,name_zh,level,parent\nC,制造业,section,\n39,电子设备制造业,division,C\n";
        assert!(IndustryTable::parse(ok).is_ok());
        assert_eq!(err("code,name\n").line, 1);
        let cases: [(&'static str, &str); 9] = [
            ("C,制造业,section\n", "3 fields"),
            ("C,制造业,sector,\n", "level"),
            ("U,其他,section,\n", "shape"),
            ("C,,section,\n", "no name"),
            ("C,制造业,section,A\n", "has a parent"),
            ("39,电子,division,C\n", "not defined"),
            (
                "C,制造业,section,\n391,计算机,group,C\n",
                "not one level up",
            ),
            (
                "C,制造业,section,\n39,电子,division,C\n401,仪器,group,39\n",
                "does not start",
            ),
            ("C,制造业,section,\nC,制造业,section,\n", "twice"),
        ];
        for (body, problem) in cases {
            let text: &'static str = format!("{HEADER}\n{body}").leak();
            let e = err(text);
            assert!(e.problem.contains(problem), "{body:?}: {e}");
            assert_eq!(e.line, body.lines().count() + 1, "{body:?}: {e}");
        }
    }
}

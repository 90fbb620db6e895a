//! Rules keyed by an industry code at any level, and the one that governs a code: 管行业必须
//! 管安全 maps a sector body to a 门类, 大类, 中类 or 小类, and a rule applies to every code
//! beneath its key. The most specific key wins; two rules on that same key are a conflict
//! the caller must report, so both are returned, never one picked.

use super::IndustryCode;
use std::collections::HashMap;

/// The rules on the most specific key that covers a code.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleMatch<'a, R> {
    pub key: IndustryCode,
    /// In the order they were given. More than one is an overlap.
    pub rules: Vec<&'a R>,
}

impl<R> RuleMatch<'_, R> {
    pub fn is_conflict(&self) -> bool {
        self.rules.len() > 1
    }
}

/// Rules grouped by key: finding the governing rules costs at most four lookups (one per
/// level of the code's chain), whatever the number of rules.
#[derive(Debug)]
pub struct RuleIndex<R> {
    by_key: HashMap<IndustryCode, Vec<R>>,
}

impl<R> Default for RuleIndex<R> {
    fn default() -> Self {
        Self {
            by_key: HashMap::new(),
        }
    }
}

impl<R> RuleIndex<R> {
    pub fn new(rules: impl IntoIterator<Item = (IndustryCode, R)>) -> Self {
        let mut index = Self::default();
        for (key, rule) in rules {
            index.insert(key, rule);
        }
        index
    }

    pub fn insert(&mut self, key: IndustryCode, rule: R) {
        self.by_key.entry(key).or_default().push(rule);
    }

    /// The rules on the deepest key among `code` and its ancestors; `None` when no rule
    /// covers the code (a gap).
    pub fn most_specific(&self, code: IndustryCode) -> Option<RuleMatch<'_, R>> {
        code.chain().find_map(|key| {
            self.by_key.get(&key).map(|rules| RuleMatch {
                key,
                rules: rules.iter().collect(),
            })
        })
    }

    /// Keys whose rules disagree with each other: more than one rule on the same key.
    pub fn overlapping_keys(&self) -> impl Iterator<Item = (IndustryCode, &[R])> {
        self.by_key
            .iter()
            .filter(|(_, rules)| rules.len() > 1)
            .map(|(k, rules)| (*k, rules.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> IndustryCode {
        IndustryCode::parse(s).unwrap()
    }

    #[test]
    fn the_deepest_covering_key_wins() {
        let index = RuleIndex::new([
            (c("C"), "工信"),
            (c("39"), "科技"),
            (c("3911"), "大数据"),
            (c("26"), "应急"),
        ]);
        let m = index.most_specific(c("3911")).unwrap();
        assert_eq!((m.key, m.rules), (c("3911"), vec![&"大数据"]));
        // A sibling class of 3911 falls back to its division's rule.
        let m = index.most_specific(c("3912")).unwrap();
        assert_eq!((m.key, m.rules), (c("39"), vec![&"科技"]));
        // The group 391 itself is under 39 as well.
        assert_eq!(index.most_specific(c("391")).unwrap().key, c("39"));
        // Another manufacturing division only has the section's rule.
        assert_eq!(index.most_specific(c("1311")).unwrap().key, c("C"));
        assert_eq!(index.most_specific(c("2614")).unwrap().rules, vec![&"应急"]);
        // Nothing covers agriculture: a gap, not a default.
        assert!(index.most_specific(c("0111")).is_none());
    }

    #[test]
    fn two_rules_on_one_key_are_both_returned_as_a_conflict() {
        let index = RuleIndex::new([(c("C"), "工信"), (c("39"), "科技"), (c("39"), "工信")]);
        let m = index.most_specific(c("3911")).unwrap();
        assert!(m.is_conflict());
        assert_eq!(m.rules, vec![&"科技", &"工信"]);
        let overlaps: Vec<_> = index.overlapping_keys().collect();
        assert_eq!(overlaps, vec![(c("39"), &["科技", "工信"][..])]);
        // A code under C but not under 39 is unaffected by the overlap.
        assert!(!index.most_specific(c("1311")).unwrap().is_conflict());
    }
}

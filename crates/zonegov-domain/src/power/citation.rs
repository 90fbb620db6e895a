//! Legal bases as structured citations: the law, the article, clause and item, and
//! whether it sets the power up (设定依据) or governs how it is exercised (实施依据).
//! Published lists write them as running text —
//! 《中华人民共和国消防法》第十五条第一款;《…》第十六条 — so the text is parsed,
//! and whatever does not parse is kept whole as the law rather than lost.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BasisRole {
    /// 设定依据: the provision that creates the power.
    Setting,
    /// 实施依据: the provision the body acts under.
    #[default]
    Implementing,
}

impl BasisRole {
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            BasisRole::Setting => lang.pick("设定依据", "Setting basis"),
            BasisRole::Implementing => lang.pick("实施依据", "Implementing basis"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The law or regulation, without 《》.
    pub law: String,
    /// 第十五条 (as written, so 第十五条之一 survives).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// 第一款
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// 第(三)项
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default)]
    pub role: BasisRole,
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.article.is_some() {
            write!(f, "《{}》", self.law)?;
        } else {
            f.write_str(&self.law)?;
        }
        for part in [&self.article, &self.clause, &self.item]
            .into_iter()
            .flatten()
        {
            f.write_str(part)?;
        }
        Ok(())
    }
}

/// Citations in running text, each with `role`. Empty text gives none.
pub fn parse_citations(text: &str, role: BasisRole) -> Vec<Citation> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut rest = text;
    let mut unparsed = String::new();
    while let Some(open) = rest.find('《') {
        unparsed.push_str(&rest[..open]);
        let after = &rest[open + '《'.len_utf8()..];
        let Some(close) = after.find('》') else {
            unparsed.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let law = after[..close].trim().to_owned();
        let tail = &after[close + '》'.len_utf8()..];
        let next = tail.find('《').unwrap_or(tail.len());
        let provisions = &tail[..next];
        rest = &tail[next..];
        let parsed = provisions_of(provisions);
        if parsed.is_empty() {
            out.push(Citation {
                law,
                article: None,
                clause: None,
                item: None,
                role,
            });
        } else {
            for (article, clause, item) in parsed {
                out.push(Citation {
                    law: law.clone(),
                    article: Some(article),
                    clause,
                    item,
                    role,
                });
            }
        }
    }
    unparsed.push_str(rest);
    let unparsed = unparsed.trim_matches(|c: char| c.is_whitespace() || "；;，,。、".contains(c));
    if !unparsed.is_empty() && out.is_empty() {
        out.push(Citation {
            law: unparsed.to_owned(),
            article: None,
            clause: None,
            item: None,
            role,
        });
    }
    out
}

/// Formats citations back as running text, separated by ";".
pub fn format_citations(cs: &[Citation]) -> String {
    cs.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("；")
}

/// `第十五条第一款第（三）项、第十六条` → articles with their clause and item.
fn provisions_of(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let mut out: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '第' {
            i += 1;
            continue;
        }
        let Some((j, unit)) = number_then_unit(&chars, i + 1) else {
            i += 1;
            continue;
        };
        let mut end = j + 1;
        // 第十五条之一
        if unit == '条'
            && chars.get(end) == Some(&'之')
            && let Some(k) = (end + 1..chars.len())
                .take_while(|&k| is_numeral(chars[k]))
                .last()
        {
            end = k + 1;
        }
        let piece: String = chars[i..end].iter().collect();
        match unit {
            '条' => out.push((piece, None, None)),
            '款' => {
                if let Some(last) = out.last_mut() {
                    last.1 = Some(piece);
                }
            }
            _ => {
                if let Some(last) = out.last_mut() {
                    last.2 = Some(piece);
                }
            }
        }
        i = end;
    }
    out
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "零〇一二三四五六七八九十百千两".contains(c)
}

/// After `第` at `start`: a numeral (optionally in brackets) then 条, 款 or 项.
fn number_then_unit(chars: &[char], start: usize) -> Option<(usize, char)> {
    let mut k = start;
    let bracketed = matches!(chars.get(k), Some('（' | '('));
    if bracketed {
        k += 1;
    }
    let digits_start = k;
    while k < chars.len() && is_numeral(chars[k]) {
        k += 1;
    }
    if k == digits_start {
        return None;
    }
    if bracketed {
        if !matches!(chars.get(k), Some('）' | ')')) {
            return None;
        }
        k += 1;
    }
    match chars.get(k) {
        Some(&u @ ('条' | '款' | '项')) => Some((k, u)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_text_becomes_citations() {
        let cs = parse_citations(
            "《中华人民共和国消防法》第十五条第一款、第十六条；《安全生产法》第六十二条第一款第（三）项",
            BasisRole::Implementing,
        );
        assert_eq!(cs.len(), 3);
        assert_eq!(cs[0].law, "中华人民共和国消防法");
        assert_eq!(cs[0].article.as_deref(), Some("第十五条"));
        assert_eq!(cs[0].clause.as_deref(), Some("第一款"));
        assert_eq!(cs[1].article.as_deref(), Some("第十六条"));
        assert_eq!(cs[1].clause, None);
        assert_eq!(cs[2].item.as_deref(), Some("第（三）项"));
        assert_eq!(
            cs[2].to_string(),
            "《安全生产法》第六十二条第一款第（三）项"
        );
    }

    #[test]
    fn articles_with_zhi_and_laws_without_articles_survive() {
        let cs = parse_citations("《刑法》第一百三十四条之一", BasisRole::Setting);
        assert_eq!(cs[0].article.as_deref(), Some("第一百三十四条之一"));
        assert_eq!(cs[0].role, BasisRole::Setting);
        let cs = parse_citations("《山东省安全生产条例》", BasisRole::Setting);
        assert_eq!((cs.len(), cs[0].article.is_none()), (1, true));
    }

    #[test]
    fn unbracketed_text_is_kept_whole_and_empty_text_gives_nothing() {
        let cs = parse_citations("省政府令第382号", BasisRole::Implementing);
        assert_eq!(cs[0].law, "省政府令第382号");
        assert!(parse_citations("  ", BasisRole::Setting).is_empty());
        assert_eq!(
            parse_citations("《未闭合", BasisRole::Setting)[0].law,
            "《未闭合"
        );
    }

    #[test]
    fn formatting_round_trips() {
        let text = "《中华人民共和国消防法》第十五条第一款；《安全生产法》第六十二条";
        let cs = parse_citations(text, BasisRole::Implementing);
        assert_eq!(format_citations(&cs), text);
    }
}

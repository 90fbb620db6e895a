//! Names of people in charge are personal data (个人信息): public pages show them masked,
//! the surname kept so a resident still knows whom to ask for, the given name starred.

use serde::Serialize;
use std::fmt;

/// Two-character surnames (复姓) met in registers; a name starting with one keeps both.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "夏侯", "长孙",
    "宇文", "司徒", "端木", "独孤", "南宫", "西门", "轩辕", "呼延", "澹台", "万俟",
];

/// A name safe to print on a public page: `张*`, `李**`, `欧阳**`. There is no way back
/// to the full name from a value of this type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct MaskedName(String);

impl MaskedName {
    pub fn of(full: &str) -> Self {
        let chars: Vec<char> = full.trim().chars().filter(|c| !c.is_whitespace()).collect();
        let surname = COMPOUND_SURNAMES
            .iter()
            .map(|s| s.chars().count())
            .find(|&n| {
                chars.len() > n
                    && COMPOUND_SURNAMES
                        .iter()
                        .any(|s| s.chars().eq(chars[..n].iter().copied()))
            })
            .unwrap_or(1);
        // A one-character name would be shown whole by "keep the surname": star it all.
        let kept = if chars.len() > surname { surname } else { 0 };
        let stars = (chars.len() - kept).max(1);
        let mut out: String = chars[..kept].iter().collect();
        out.extend(std::iter::repeat_n('*', stars));
        Self(out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MaskedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::MaskedName;

    #[test]
    fn surname_kept_given_name_starred() {
        let m = |s: &str| MaskedName::of(s).as_str().to_owned();
        assert_eq!(m("张伟"), "张*");
        assert_eq!(m("李晓明"), "李**");
        assert_eq!(m("欧阳明"), "欧阳*");
        assert_eq!(m("欧阳明华"), "欧阳**");
        assert_eq!(m("司马光"), "司马*");
        // 欧 alone is a common surname too: only the pair makes the compound.
        assert_eq!(m(" 欧 明 "), "欧*");
        assert_eq!(m("王"), "*");
        assert_eq!(m(""), "*");
        assert_eq!(m("欧阳"), "欧*");
        assert!(!m("欧阳明华").contains('明'));
    }
}

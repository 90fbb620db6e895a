//! Positions 1 and 2 of a credit code: the registration authority (登记管理部门代码) and the
//! organisation category it registers (机构类别代码).
//!
//! GB 32100-2015 itself tabulates 1 机构编制, 5 民政, 9 工商 and Y 其他; the other authorities
//! (2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室, N 农业) were
//! assigned later. This table is the one reproduced, identically, by several public
//! implementations; it was not checked against the text of the later notices.

use crate::lang::Lang;

/// One authority/category pair a code may start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registration {
    pub authority: char,
    pub category: char,
    authority_zh: &'static str,
    authority_en: &'static str,
    category_zh: &'static str,
    category_en: &'static str,
}

impl Registration {
    pub fn authority_label(&self, lang: Lang) -> &'static str {
        lang.pick(self.authority_zh, self.authority_en)
    }

    pub fn category_label(&self, lang: Lang) -> &'static str {
        lang.pick(self.category_zh, self.category_en)
    }
}

const fn r(
    authority: char,
    authority_zh: &'static str,
    authority_en: &'static str,
    category: char,
    category_zh: &'static str,
    category_en: &'static str,
) -> Registration {
    Registration {
        authority,
        category,
        authority_zh,
        authority_en,
        category_zh,
        category_en,
    }
}

const STAFFING: (&str, &str) = ("机构编制", "Institutional staffing");
const FOREIGN: (&str, &str) = ("外交", "Foreign affairs");
const JUSTICE: (&str, &str) = ("司法行政", "Justice administration");
const CULTURE: (&str, &str) = ("文化", "Culture");
const CIVIL: (&str, &str) = ("民政", "Civil affairs");
const TOURISM: (&str, &str) = ("旅游", "Tourism");
const RELIGION: (&str, &str) = ("宗教", "Religious affairs");
const UNION: (&str, &str) = ("工会", "Trade unions");
const COMMERCE: (&str, &str) = ("工商", "Industry and commerce");
const MILITARY: (&str, &str) = ("中央军委改革和编制办公室", "CMC Reform and Staffing Office");
const FARMING: (&str, &str) = ("农业", "Agriculture");
const OTHER: (&str, &str) = ("其他", "Other");

macro_rules! pairs {
    ($(($a:literal, $auth:ident, $c:literal, $zh:literal, $en:literal)),* $(,)?) => {
        [$(r($a, $auth.0, $auth.1, $c, $zh, $en)),*]
    };
}

/// Every valid authority/category pair.
pub const REGISTRATIONS: [Registration; 36] = pairs![
    ('1', STAFFING, '1', "机关", "Government organ"),
    ('1', STAFFING, '2', "事业单位", "Public institution"),
    (
        '1',
        STAFFING,
        '3',
        "中央编办直接管理机构编制的群众团体",
        "Mass organisation staffed by the central staffing office"
    ),
    ('1', STAFFING, '9', "其他", "Other"),
    (
        '2',
        FOREIGN,
        '1',
        "外国常驻新闻机构",
        "Resident foreign news agency"
    ),
    ('2', FOREIGN, '9', "其他", "Other"),
    ('3', JUSTICE, '1', "律师执业机构", "Law firm"),
    ('3', JUSTICE, '2', "公证处", "Notary office"),
    (
        '3',
        JUSTICE,
        '3',
        "基层法律服务所",
        "Grassroots legal service office"
    ),
    (
        '3',
        JUSTICE,
        '4',
        "司法鉴定机构",
        "Forensic appraisal institution"
    ),
    ('3', JUSTICE, '5', "仲裁委员会", "Arbitration commission"),
    ('3', JUSTICE, '9', "其他", "Other"),
    (
        '4',
        CULTURE,
        '1',
        "外国在华文化中心",
        "Foreign cultural centre in China"
    ),
    ('4', CULTURE, '9', "其他", "Other"),
    ('5', CIVIL, '1', "社会团体", "Social organisation"),
    (
        '5',
        CIVIL,
        '2',
        "民办非企业单位",
        "Private non-enterprise unit"
    ),
    ('5', CIVIL, '3', "基金会", "Foundation"),
    ('5', CIVIL, '9', "其他", "Other"),
    (
        '6',
        TOURISM,
        '1',
        "外国旅游部门常驻代表机构",
        "Resident office of a foreign tourism authority"
    ),
    (
        '6',
        TOURISM,
        '2',
        "港澳台地区旅游部门常驻内地（大陆）代表机构",
        "Resident mainland office of a Hong Kong, Macao or Taiwan tourism authority"
    ),
    ('6', TOURISM, '9', "其他", "Other"),
    (
        '7',
        RELIGION,
        '1',
        "宗教活动场所",
        "Place of religious activity"
    ),
    ('7', RELIGION, '2', "宗教院校", "Religious school"),
    ('7', RELIGION, '9', "其他", "Other"),
    ('8', UNION, '1', "基层工会", "Grassroots trade union"),
    ('8', UNION, '9', "其他", "Other"),
    ('9', COMMERCE, '1', "企业", "Enterprise"),
    ('9', COMMERCE, '2', "个体工商户", "Individual business"),
    (
        '9',
        COMMERCE,
        '3',
        "农民专业合作社",
        "Farmers' specialised cooperative"
    ),
    (
        'A',
        MILITARY,
        '1',
        "军队事业单位",
        "Military public institution"
    ),
    ('A', MILITARY, '9', "其他", "Other"),
    (
        'N',
        FARMING,
        '1',
        "组级集体经济组织",
        "Group-level collective economic organisation"
    ),
    (
        'N',
        FARMING,
        '2',
        "村级集体经济组织",
        "Village-level collective economic organisation"
    ),
    (
        'N',
        FARMING,
        '3',
        "乡镇级集体经济组织",
        "Township-level collective economic organisation"
    ),
    ('N', FARMING, '9', "其他", "Other"),
    // 其他 is not subdivided: its one category is 1.
    ('Y', OTHER, '1', "其他", "Other"),
];

/// The pair, when the standard has it.
pub fn registration(authority: char, category: char) -> Option<&'static Registration> {
    REGISTRATIONS
        .iter()
        .find(|r| r.authority == authority && r.category == category)
}

/// The authority's label, when `authority` is a known authority code.
pub fn authority_label(authority: char, lang: Lang) -> Option<&'static str> {
    REGISTRATIONS
        .iter()
        .find(|r| r.authority == authority)
        .map(|r| r.authority_label(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_unique_and_known_pairs_resolve() {
        let all: Vec<_> = REGISTRATIONS.iter().collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!((a.authority, a.category) != (b.authority, b.category));
            }
        }
        assert_eq!(
            registration('9', '1').map(|r| r.category_label(Lang::Zh)),
            Some("企业")
        );
        assert_eq!(
            registration('Y', '1').map(|r| r.authority_label(Lang::En)),
            Some("Other")
        );
        assert!(registration('9', '9').is_none()); // 工商 has no 其他 category
        assert!(registration('Y', '9').is_none());
        assert!(registration('B', '1').is_none());
        assert_eq!(authority_label('5', Lang::Zh), Some("民政"));
        assert_eq!(authority_label('B', Lang::Zh), None);
    }
}

use super::*;
use crate::lang::Lang;

fn c(s: &str) -> IndustryCode {
    IndustryCode::parse(s).unwrap()
}

#[test]
fn each_level_is_looked_up_with_its_name() {
    for (code, level, name) in [
        ("C", IndustryLevel::Section, "制造业"),
        (
            "39",
            IndustryLevel::Division,
            "计算机、通信和其他电子设备制造业",
        ),
        ("391", IndustryLevel::Group, "计算机制造"),
        ("3911", IndustryLevel::Class, "计算机整机制造"),
        ("0111", IndustryLevel::Class, "稻谷种植"),
        ("9700", IndustryLevel::Class, "国际组织"),
    ] {
        let found = c(code);
        assert_eq!(found.as_str(), code);
        assert_eq!(found.level(), level);
        assert_eq!(found.name_zh(), name);
        assert_eq!(found.to_string(), code);
    }
    assert_eq!(IndustryLevel::Class.label(Lang::Zh), "小类");
    assert_eq!(IndustryLevel::Group.label(Lang::En), "Group");
}

#[test]
fn registers_spellings_are_accepted() {
    assert_eq!(c(" c3911 "), c("3911"));
    assert_eq!(c("C39"), c("39"));
    assert_eq!(c("a0111"), c("0111"));
    assert_eq!(c("t"), c("T"));
    assert_eq!(c("3911").with_section(), "C3911");
    assert_eq!(c("C").with_section(), "C");
}

#[test]
fn the_parent_chain_runs_class_to_section() {
    let chain: Vec<&str> = c("3911").chain().map(|x| x.as_str()).collect();
    assert_eq!(chain, ["3911", "391", "39", "C"]);
    let chain: Vec<&str> = c("0220").chain().map(|x| x.as_str()).collect();
    assert_eq!(chain, ["0220", "022", "02", "A"]);
    assert_eq!(c("C").parent(), None);
    assert_eq!(c("391").parent(), Some(c("39")));
    assert_eq!(c("3911").section(), c("C"));
    assert_eq!(c("C").section(), c("C"));
}

#[test]
fn falls_under_is_inclusive_and_follows_the_codes() {
    assert!(c("3911").falls_under(c("3911")));
    assert!(c("3911").falls_under(c("391")));
    assert!(c("3911").falls_under(c("39")));
    assert!(c("3911").falls_under(c("C")));
    assert!(!c("3911").falls_under(c("392")));
    assert!(!c("3911").falls_under(c("A")));
    assert!(!c("391").falls_under(c("3911")));
    assert!(!c("C").falls_under(c("39")));
}

/// Checked against the codes' spelling rather than the parent links: a digit code lies under
/// another when it starts with it, and every code lies under exactly one section.
#[test]
fn ancestry_agrees_with_code_prefixes_over_the_whole_table() {
    let all: Vec<IndustryCode> = IndustryCode::all().unwrap().collect();
    assert_eq!(all.len(), 20 + 97 + 473 + 1381);
    let classes_under = |ancestor: &str| {
        let a = c(ancestor);
        all.iter()
            .filter(|x| x.level() == IndustryLevel::Class && x.falls_under(a))
            .count()
    };
    for prefix in ["39", "391", "01", "13", "26", "97"] {
        let by_spelling = all
            .iter()
            .filter(|x| x.as_str().len() == 4 && x.as_str().starts_with(prefix))
            .count();
        assert!(by_spelling > 0);
        assert_eq!(classes_under(prefix), by_spelling, "{prefix}");
    }
    let sections: Vec<IndustryCode> = all
        .iter()
        .copied()
        .filter(|x| x.level() == IndustryLevel::Section)
        .collect();
    for x in &all {
        let covering = sections.iter().filter(|s| x.falls_under(**s)).count();
        assert_eq!(covering, 1, "{x:?}");
    }
    let total: usize = sections.iter().map(|s| classes_under(s.as_str())).sum();
    assert_eq!(total, 1381);
}

#[test]
fn unknown_and_malformed_codes_are_refused_with_a_reason() {
    assert_eq!(IndustryCode::parse("  "), Err(IndustryError::Empty));
    for bad in ["3", "39111", "C-39", "U", "CC", "三九", "39a"] {
        assert_eq!(
            IndustryCode::parse(bad),
            Err(IndustryError::Malformed {
                value: bad.to_owned()
            }),
            "{bad}"
        );
    }
    // 3916 is not a class; its group 391 is named so an importer can warn and keep it.
    let err = IndustryCode::parse("3916").unwrap_err();
    assert_eq!(
        err,
        IndustryError::Unknown {
            code: "3916".into(),
            level: IndustryLevel::Class,
            nearest: Some(c("391")),
        }
    );
    assert!(err.message(Lang::Zh).contains("391 计算机制造"), "{err}");
    assert!(err.message(Lang::En).contains("its group 391"), "{err}");
    // Neither class 0631 nor group 063 exists: the division is the nearest.
    assert!(matches!(
        IndustryCode::parse("0631"),
        Err(IndustryError::Unknown { nearest: Some(n), .. }) if n == c("06")
    ));
    assert!(matches!(
        IndustryCode::parse("98"),
        Err(IndustryError::Unknown {
            nearest: None,
            level: IndustryLevel::Division,
            ..
        })
    ));
    let err = IndustryCode::parse("A3911").unwrap_err();
    assert_eq!(
        err,
        IndustryError::SectionMismatch {
            value: "A3911".into(),
            section: c("C")
        }
    );
    assert!(err.message(Lang::En).contains("section C"), "{err}");
}

#[test]
fn serde_goes_through_the_parser() {
    let json = serde_json::to_string(&c("C3911")).unwrap();
    assert_eq!(json, "\"3911\"");
    assert_eq!(
        serde_json::from_str::<IndustryCode>(&json).unwrap(),
        c("3911")
    );
    assert!(serde_json::from_str::<IndustryCode>("\"3916\"").is_err());
}

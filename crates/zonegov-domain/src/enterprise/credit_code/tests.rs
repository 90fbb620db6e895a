//! Valid codes here are built from prefixes, their check characters computed by a reference
//! written from the standards' formulas (not from the module's tables), so a wrong weight,
//! alphabet or remainder rule in the module shows up as a disagreement.

use super::*;
use crate::lang::Lang;
use proptest::prelude::*;

/// 0–9 A–Z without I, O, Z, S, V, in value order.
fn ref_alphabet() -> Vec<char> {
    ('0'..='9')
        .chain('A'..='Z')
        .filter(|c| !"IOZSV".contains(*c))
        .collect()
}

/// GB 32100: weight 3^(i-1) mod 31 at position i, check = (31 - sum mod 31) mod 31.
fn ref_check(prefix: &str) -> char {
    let alphabet = ref_alphabet();
    let mut weight = 1;
    let mut sum = 0;
    for c in prefix.chars() {
        let value = alphabet.iter().position(|a| *a == c).unwrap();
        sum += value * weight;
        weight = weight * 3 % 31;
    }
    alphabet[(31 - sum % 31) % 31]
}

/// GB 11714: 0–9 then A=10 … Z=35, weights 3 7 9 10 5 8 4 2, 11 - sum mod 11, 10→X, 11→0.
fn ref_org_check(body: &str) -> char {
    let sum: u32 = body
        .chars()
        .zip([3, 7, 9, 10, 5, 8, 4, 2])
        .map(|(c, w)| c.to_digit(36).unwrap() * w)
        .sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        d => char::from_digit(d, 10).unwrap(),
    }
}

/// A full code from registration, division and an 8-character body, both checks computed.
fn build(reg: &str, division: &str, body: &str) -> String {
    let prefix = format!("{reg}{division}{body}{}", ref_org_check(body));
    format!("{prefix}{}", ref_check(&prefix))
}

const BODIES: [&str; 6] = [
    "00000000", "MA3C7K2D", "L0151012", "12345678", "MB2C0754", "Y1H2J3K4",
];

#[test]
fn codes_built_from_every_registration_pair_parse() {
    for reg in REGISTRATIONS {
        for body in BODIES {
            let pair = format!("{}{}", reg.authority, reg.category);
            let code = build(&pair, "370871", body);
            let parsed = CreditCode::parse(&code).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!(parsed.as_str(), code);
            assert_eq!(parsed.to_string(), code);
            assert_eq!(parsed.registration(), Some(&reg));
            assert_eq!(parsed.division(), "370871");
            assert_eq!(&parsed.organisation_code()[..8], body);
            assert_eq!(check_char(&code[..17]), Some(ref_check(&code[..17])));
        }
    }
}

/// The remainder rules' edge values: position 18 = '0' (sum ≡ 0 mod 31), position 17 = 'X'
/// (remainder 1) and '0' (remainder 0). Found by search, so the cases exist by construction.
#[test]
fn edge_check_values_parse() {
    let bodies = (0..100_000u32).map(|n| format!("MA{n:06}"));
    let mut seen = (false, false, false);
    for body in bodies {
        let code = build("91", "370871", &body);
        let (org, check) = (code.as_bytes()[16], code.as_bytes()[17]);
        if org == b'X' || org == b'0' || check == b'0' {
            assert!(CreditCode::parse(&code).is_ok(), "{code}");
            seen.0 |= org == b'X';
            seen.1 |= org == b'0';
            seen.2 |= check == b'0';
        }
        if seen == (true, true, true) {
            return;
        }
    }
    panic!("edge values not all reached: {seen:?}");
}

#[test]
fn lower_case_and_surrounding_whitespace_are_accepted_and_normalised() {
    let code = build("91", "370871", "MA3C7K2D");
    let messy = format!(" \t{}\u{3000}\n", code.to_lowercase());
    assert_eq!(CreditCode::parse(&messy).unwrap().as_str(), code);
}

#[test]
fn wrong_length_names_the_length() {
    let code = build("91", "370871", "MA3C7K2D");
    assert_eq!(
        CreditCode::parse(&code[..17]),
        Err(CreditCodeError::WrongLength { length: 17 })
    );
    assert_eq!(
        CreditCode::parse(&format!("{code}1")),
        Err(CreditCodeError::WrongLength { length: 19 })
    );
    assert_eq!(
        CreditCode::parse("   "),
        Err(CreditCodeError::WrongLength { length: 0 })
    );
    // Counted in characters: 18 CJK characters are 18 long (and then refused for a character).
    assert!(matches!(
        CreditCode::parse(&"码".repeat(18)),
        Err(CreditCodeError::ForbiddenChar {
            ch: '码',
            position: 1
        })
    ));
}

#[test]
fn forbidden_characters_are_named_with_their_position() {
    let code = build("91", "370871", "MA3C7K2D");
    for (position, bad) in [
        (10, 'I'),
        (11, 'O'),
        (12, 'Z'),
        (13, 'S'),
        (14, 'V'),
        (18, '-'),
    ] {
        let mut chars: Vec<char> = code.chars().collect();
        chars[position - 1] = bad;
        let s: String = chars.into_iter().collect();
        assert_eq!(
            CreditCode::parse(&s),
            Err(CreditCodeError::ForbiddenChar { ch: bad, position })
        );
    }
}

#[test]
fn full_width_characters_are_refused_with_a_hint_not_a_panic() {
    let code = build("91", "370871", "MA3C7K2D");
    let full: String = code
        .chars()
        .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap())
        .collect();
    let err = CreditCode::parse(&full).unwrap_err();
    assert_eq!(
        err,
        CreditCodeError::ForbiddenChar {
            ch: '９',
            position: 1
        }
    );
    assert!(err.message(Lang::Zh).contains("全角"), "{err}");
    assert!(err.message(Lang::En).contains("half-width '9'"), "{err}");

    // One full-width lower-case letter in the middle: its upper-case half-width form is hinted.
    let mixed = format!("{}ｍ{}", &code[..8], &code[9..]);
    let err = CreditCode::parse(&mixed).unwrap_err();
    assert_eq!(
        err,
        CreditCodeError::ForbiddenChar {
            ch: 'ｍ',
            position: 9
        }
    );
    assert!(err.message(Lang::En).contains("half-width 'M'"), "{err}");
}

#[test]
fn unknown_authority_category_pairs_are_refused() {
    for (reg, known_authority) in [("99", true), ("Y9", true), ("21", false), ("B1", false)] {
        // `21` is 外交/外国常驻新闻机构: build it as a control that it *is* valid.
        let code = build(reg, "370871", "MA3C7K2D");
        let result = CreditCode::parse(&code);
        if reg == "21" {
            assert!(result.is_ok());
            continue;
        }
        let err = result.unwrap_err();
        let mut pair = reg.chars();
        assert_eq!(
            err,
            CreditCodeError::UnknownRegistration {
                authority: pair.next().unwrap(),
                category: pair.next().unwrap()
            }
        );
        assert_eq!(err.message(Lang::Zh).contains("不属于"), known_authority);
        assert_eq!(err.message(Lang::Zh).contains("不存在"), !known_authority);
    }
}

#[test]
fn a_letter_in_the_division_code_is_refused() {
    let code = build("91", "37A871", "MA3C7K2D");
    assert_eq!(
        CreditCode::parse(&code),
        Err(CreditCodeError::NonNumericDivision {
            division: "37A871".into()
        })
    );
}

#[test]
fn a_wrong_check_character_names_expected_and_found() {
    let code = build("91", "370871", "MA3C7K2D");
    let expected = ref_check(&code[..17]);
    let found = if expected == 'Y' { '0' } else { 'Y' };
    let bad = format!("{}{found}", &code[..17]);
    let err = CreditCode::parse(&bad).unwrap_err();
    assert_eq!(err, CreditCodeError::WrongCheck { expected, found });
    assert!(err.message(Lang::En).contains(&format!("'{expected}'")));
}

#[test]
fn a_wrong_organisation_check_character_is_refused_even_when_position_18_fits() {
    let body = "MA3C7K2D";
    let right = ref_org_check(body);
    let wrong = if right == '1' { '2' } else { '1' };
    let prefix = format!("91370871{body}{wrong}");
    let code = format!("{prefix}{}", ref_check(&prefix));
    assert_eq!(
        CreditCode::parse(&code),
        Err(CreditCodeError::WrongOrganisationCheck {
            expected: right,
            found: wrong
        })
    );
}

#[test]
fn every_error_speaks_both_languages() {
    let errors = [
        CreditCodeError::WrongLength { length: 3 },
        CreditCodeError::ForbiddenChar {
            ch: '#',
            position: 4,
        },
        CreditCodeError::UnknownRegistration {
            authority: '9',
            category: '8',
        },
        CreditCodeError::NonNumericDivision {
            division: "3708A1".into(),
        },
        CreditCodeError::WrongCheck {
            expected: 'A',
            found: 'B',
        },
        CreditCodeError::WrongOrganisationCheck {
            expected: 'X',
            found: '1',
        },
    ];
    for e in errors {
        let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(
            !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{en}"
        );
        assert_eq!(e.to_string(), format!("{zh} / {en}"));
    }
}

#[test]
fn serde_goes_through_the_parser() {
    let code = build("93", "370871", "MA3C7K2D");
    let parsed = CreditCode::parse(&code).unwrap();
    let json = serde_json::to_string(&parsed).unwrap();
    assert_eq!(json, format!("\"{code}\""));
    assert_eq!(serde_json::from_str::<CreditCode>(&json).unwrap(), parsed);
    let wrong = format!(
        "\"{}{}\"",
        &code[..17],
        if code.ends_with('0') { '1' } else { '0' }
    );
    let err = serde_json::from_str::<CreditCode>(&wrong).unwrap_err();
    assert!(err.to_string().contains("position 18"), "{err}");
}

#[test]
fn the_openapi_example_is_a_valid_code() {
    assert!(CreditCode::parse("91370871MA3C7K2D55").is_ok());
}

fn any_code() -> impl Strategy<Value = String> {
    let alphabet = ref_alphabet();
    (
        0..REGISTRATIONS.len(),
        proptest::collection::vec(0u8..10, 6),
        proptest::collection::vec(proptest::sample::select(alphabet), 8),
    )
        .prop_map(|(reg, division, body)| {
            let reg = &REGISTRATIONS[reg];
            let division: String = division.iter().map(|d| char::from(b'0' + d)).collect();
            let body: String = body.into_iter().collect();
            build(
                &format!("{}{}", reg.authority, reg.category),
                &division,
                &body,
            )
        })
}

proptest! {
    #[test]
    fn generated_codes_parse_and_every_single_substitution_is_refused(code in any_code()) {
        let parsed = CreditCode::parse(&code);
        prop_assert!(parsed.is_ok(), "{}: {:?}", code, parsed);
        prop_assert_eq!(check_char(&code[..17]), Some(code.as_bytes()[17] as char));
        let chars: Vec<char> = code.chars().collect();
        for position in 0..18 {
            for replacement in ref_alphabet() {
                if replacement == chars[position] {
                    continue;
                }
                let mut changed = chars.clone();
                changed[position] = replacement;
                let changed: String = changed.into_iter().collect();
                prop_assert!(CreditCode::parse(&changed).is_err(), "{} accepted", changed);
            }
        }
    }
}

//! The two check characters a credit code carries.
//!
//! - Position 18 (GB 32100-2015, after GB/T 17710 / ISO 7064 MOD 31-3): over the 31-character
//!   alphabet below, weight `3^(i-1) mod 31` for position i, check value
//!   `(31 - Σ value·weight mod 31) mod 31`.
//! - Position 17 closes the organisation code of positions 9–17 (GB 11714-1997): over
//!   0–9 A–Z valued 0–35, weights 3 7 9 10 5 8 4 2, `11 - Σ mod 11`, where 10 is written `X`
//!   and 11 is written `0`.

/// The credit code's alphabet, in value order: digits and capitals without I, O, Z, S, V.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// `3^(i-1) mod 31` for positions 1–17, as the standard tabulates them.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The value of a character of the alphabet; `None` for any other character.
pub(super) fn value_of(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

/// Position 18 from the values of positions 1–17.
pub(super) fn check_of(values: &[u32; 17]) -> char {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    // `(31 - sum % 31) % 31` is below 31, the alphabet's length.
    char::from(ALPHABET.as_bytes()[((31 - sum % 31) % 31) as usize])
}

/// Position 17 from positions 9–16, each a digit or an upper-case letter.
pub(super) fn organisation_check_of(body: &[char; 8]) -> char {
    let value = |c: char| match c.to_digit(10) {
        Some(d) => d,
        None => u32::from(c) - u32::from('A') + 10,
    };
    let sum: u32 = body
        .iter()
        .zip(ORG_WEIGHTS)
        .map(|(c, w)| value(*c) * w)
        .sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        d => char::from(b'0' + d as u8),
    }
}

/// The check character (position 18) for the first 17 characters of a code, or `None` when
/// `prefix` is not 17 characters of the alphabet. Upper case only: callers normalise first.
pub fn check_char(prefix: &str) -> Option<char> {
    let values: Vec<u32> = prefix.chars().map(value_of).collect::<Option<_>>()?;
    Some(check_of(&values.try_into().ok()?))
}

/// The GB 11714 check character (position 17) for the 8-character organisation code body
/// (positions 9–16), or `None` when `body` is not 8 characters of 0–9 A–Z.
pub fn organisation_check_char(body: &str) -> Option<char> {
    let chars: Vec<char> = body.chars().collect();
    if !chars
        .iter()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        return None;
    }
    Some(organisation_check_of(&chars.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_char_refuses_what_it_cannot_weigh() {
        assert_eq!(check_char("9137087100000000"), None); // 16
        assert_eq!(check_char("913708710000000000"), None); // 18
        assert_eq!(check_char("91370871000000I00"), None);
        assert_eq!(check_char("91370871000000a00"), None);
        assert_eq!(organisation_check_char("1234567"), None);
        assert_eq!(organisation_check_char("1234567a"), None);
        assert_eq!(organisation_check_char("1234567-"), None);
    }

    #[test]
    fn alphabet_is_the_31_characters_without_i_o_z_s_v() {
        let expected: String = ('0'..='9')
            .chain('A'..='Z')
            .filter(|c| !"IOZSV".contains(*c))
            .collect();
        assert_eq!(ALPHABET, expected);
        assert_eq!(ALPHABET.len(), 31);
    }
}

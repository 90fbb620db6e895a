//! Money in whole yuan (元), never a float: an investment is compared against 1亿 and
//! summed per park, and a float would make 0.1亿 + 0.2亿 miss 0.3亿. Written amounts
//! must carry their unit ("106亿元", "1.2亿", "8000万元", "1,500万", "3500000元"): a
//! bare "1500" could be 元, 万元 or 亿元 depending on who filled the sheet, so it is an
//! error naming the value, never a guess.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A non-negative amount of money in whole yuan.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Amount(u64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("金额为空 / the amount is empty")]
    Empty,
    #[error(
        "金额 \"{0}\" 未写单位(元、万元或亿元),不猜测 / amount \"{0}\" has no unit (元, 万 or 亿); it is not guessed"
    )]
    NoUnit(String),
    #[error(
        "金额 \"{0}\" 不是数字加单位(如 106亿元、8000万元) / amount \"{0}\" is not a number with a unit (e.g. 106亿元, 8000万元)"
    )]
    NotANumber(String),
    #[error("金额 \"{0}\" 精确到不足一元 / amount \"{0}\" has a fraction of a yuan")]
    FractionOfYuan(String),
    #[error("金额 \"{0}\" 过大 / amount \"{0}\" is too large")]
    TooLarge(String),
}

impl AmountError {
    /// The value the error is about (for a located cell error).
    pub fn value(&self) -> Option<&str> {
        match self {
            AmountError::Empty => None,
            AmountError::NoUnit(v)
            | AmountError::NotANumber(v)
            | AmountError::FractionOfYuan(v)
            | AmountError::TooLarge(v) => Some(v),
        }
    }
}

/// The units a written amount may carry, longest first so "万元" is not read as "元".
const UNITS: &[(&str, u64)] = &[
    ("亿元", Amount::YI.0),
    ("万元", Amount::WAN.0),
    ("亿", Amount::YI.0),
    ("万", Amount::WAN.0),
    ("元", 1),
];

impl Amount {
    pub const WAN: Amount = Amount(10_000);
    pub const YI: Amount = Amount(100_000_000);

    pub const fn from_yuan(yuan: u64) -> Self {
        Self(yuan)
    }

    pub const fn yuan(self) -> u64 {
        self.0
    }

    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    /// Parses a written amount with its unit; see the module's documentation.
    pub fn parse(s: &str) -> Result<Self, AmountError> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(AmountError::Empty);
        }
        let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
        let Some((number, scale)) = UNITS
            .iter()
            .find_map(|(unit, scale)| compact.strip_suffix(unit).map(|n| (n, *scale)))
        else {
            return Err(
                if compact
                    .chars()
                    .all(|c| c.is_ascii_digit() || ",.，".contains(c))
                {
                    AmountError::NoUnit(trimmed.to_owned())
                } else {
                    AmountError::NotANumber(trimmed.to_owned())
                },
            );
        };
        let digits =
            thousands_removed(number).ok_or_else(|| AmountError::NotANumber(trimmed.to_owned()))?;
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits.as_str(), ""),
        };
        if whole.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
            || (digits.contains('.') && frac.is_empty())
        {
            return Err(AmountError::NotANumber(trimmed.to_owned()));
        }
        let too_large = || AmountError::TooLarge(trimmed.to_owned());
        let whole_yuan = whole
            .parse::<u64>()
            .map_err(|_| too_large())?
            .checked_mul(scale)
            .ok_or_else(too_large)?;
        // The fraction in yuan: frac / 10^len × scale, which must be whole.
        let mut frac_yuan = 0u64;
        let mut place = scale;
        for d in frac.chars().filter_map(|c| c.to_digit(10)) {
            if place % 10 != 0 {
                if d != 0 {
                    return Err(AmountError::FractionOfYuan(trimmed.to_owned()));
                }
                continue;
            }
            place /= 10;
            frac_yuan += u64::from(d) * place;
        }
        whole_yuan
            .checked_add(frac_yuan)
            .map(Amount)
            .ok_or_else(too_large)
    }
}

/// `1,500` → `1500`; a comma must separate groups of three digits after the first
/// group ("1,50" is not a number), so a decimal comma is never mistaken for one.
fn thousands_removed(number: &str) -> Option<String> {
    let number = number.replace('，', ",");
    if !number.contains(',') {
        return Some(number);
    }
    let (int, frac) = match number.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (number.as_str(), None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
    if !first_ok
        || groups.iter().skip(1).any(|g| g.len() != 3)
        || frac.is_some_and(|f| f.contains(','))
    {
        return None;
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

impl fmt::Display for Amount {
    /// In the largest unit that writes it exactly: "106亿元", "1.2亿元", "8000万元", "350元".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let write = |f: &mut fmt::Formatter<'_>, unit: u64, name: &str| {
            let whole = self.0 / unit;
            let rest = self.0 % unit;
            if rest == 0 {
                return write!(f, "{whole}{name}");
            }
            let width = unit.ilog10() as usize;
            let frac = format!("{rest:0width$}");
            write!(f, "{whole}.{}{name}", frac.trim_end_matches('0'))
        };
        if self.0 >= Self::YI.0 && self.0.is_multiple_of(Self::WAN.0) {
            write(f, Self::YI.0, "亿元")
        } else if self.0 >= Self::WAN.0 && self.0.is_multiple_of(Self::WAN.0) {
            write(f, Self::WAN.0, "万元")
        } else {
            write!(f, "{}元", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(s: &str) -> u64 {
        Amount::parse(s)
            .map(Amount::yuan)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn written_amounts_parse_with_their_units() {
        assert_eq!(yuan("106亿元"), 10_600_000_000);
        assert_eq!(yuan("116亿元"), 11_600_000_000);
        assert_eq!(yuan("1.2亿"), 120_000_000);
        assert_eq!(yuan("8000万元"), 80_000_000);
        assert_eq!(yuan("1,500万"), 15_000_000);
        assert_eq!(yuan("3500000元"), 3_500_000);
        assert_eq!(yuan(" 0.05亿元 "), 5_000_000);
        assert_eq!(yuan("12.3456万"), 123_456);
    }

    #[test]
    fn ambiguous_amounts_are_errors_naming_the_value() {
        for bad in ["1500", "1.2", "1,500"] {
            let e = Amount::parse(bad).unwrap_err();
            assert_eq!(e, AmountError::NoUnit(bad.to_owned()));
            assert!(e.to_string().contains(bad));
        }
        for bad in [
            "十亿左右",
            "约1亿",
            "1.2.3亿",
            "1,50万",
            "亿元",
            ".5亿",
            "5.亿",
            "-1亿",
        ] {
            let e = Amount::parse(bad).unwrap_err();
            assert_eq!(e.value(), Some(bad), "{bad}: {e}");
        }
        assert_eq!(
            Amount::parse("1.5元"),
            Err(AmountError::FractionOfYuan("1.5元".into()))
        );
        assert_eq!(
            Amount::parse("1.000000001亿"),
            Err(AmountError::FractionOfYuan("1.000000001亿".into()))
        );
        assert!(matches!(
            Amount::parse("99999999999999亿"),
            Err(AmountError::TooLarge(_))
        ));
        assert_eq!(Amount::parse("  "), Err(AmountError::Empty));
    }

    #[test]
    fn display_reads_back() {
        for s in ["106亿元", "1.2亿元", "8000万元", "350元", "1500万元"] {
            let a = Amount::parse(s).unwrap();
            assert_eq!(a.to_string(), s);
            assert_eq!(Amount::parse(&a.to_string()), Ok(a));
        }
    }
}

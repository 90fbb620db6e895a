use super::*;
use crate::code::Code;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new(n)))
        .unwrap()
}

fn code(i: usize) -> Code {
    Code::parse(&format!("L{i:03}")).unwrap()
}

#[test]
fn a_loan_that_would_overdraw_is_refused_and_changes_nothing() {
    let mut l = Ledger::default();
    l.decide(day(0), 2).unwrap();
    l.lend(code(1), day(10), day(400)).unwrap();
    l.lend(code(2), day(20), day(400)).unwrap();
    assert_eq!(l.balance_on(day(30)), 0);
    let before = l.clone();
    let e = l.lend(code(3), day(30), day(400)).unwrap_err();
    assert_eq!(
        e,
        QuotaError::Overdraft {
            day: day(30),
            size: 2,
            lent: 3
        }
    );
    assert_eq!(l, before);
    // Free on day 30 after a return on day 50, but not for a loan from day 30 on: it
    // would overdraw days 30..50.
    l.give_back(&code(1), day(50)).unwrap();
    assert!(l.lend(code(3), day(30), day(400)).is_err());
    l.lend(code(3), day(50), day(400)).unwrap();
    // A loan made before a future cut of the pool is refused on the cut's day.
    let mut m = Ledger::default();
    m.decide(day(0), 1).unwrap();
    m.decide(day(100), 0).unwrap();
    assert_eq!(
        m.lend(code(1), day(10), day(50)),
        Err(QuotaError::Overdraft {
            day: day(100),
            size: 0,
            lent: 1
        })
    );
    // And a cut that would overdraw held loans is refused.
    let mut n = Ledger::default();
    n.decide(day(0), 1).unwrap();
    n.lend(code(1), day(10), day(50)).unwrap();
    assert!(matches!(
        n.decide(day(20), 0),
        Err(QuotaError::Overdraft { .. })
    ));
    assert_eq!(n.size_on(day(30)), 1);
}

#[test]
fn reminders_name_terms_ending_soon_and_overdue() {
    let mut l = Ledger::default();
    l.decide(day(0), 5).unwrap();
    l.lend(code(1), day(1), day(40)).unwrap();
    l.lend(code(2), day(1), day(100)).unwrap();
    l.lend(code(3), day(1), day(20)).unwrap();
    l.lend(code(4), day(1), day(35)).unwrap();
    l.give_back(&code(4), day(25)).unwrap();
    let r = l.reminders(day(30), 30);
    let named: Vec<(String, i64)> = r
        .iter()
        .map(|r| (r.loan.to_string(), r.days_left))
        .collect();
    assert_eq!(named, vec![("L003".into(), -10), ("L001".into(), 10)]);
}

#[derive(Debug, Clone)]
enum Op {
    Decide(u64, u32),
    Lend(u64, u64),
    Return(usize, u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u64..400, 0u32..6).prop_map(|(d, s)| Op::Decide(d, s)),
        (0u64..400, 1u64..200).prop_map(|(d, t)| Op::Lend(d, t)),
        (0usize..40, 0u64..400).prop_map(|(i, d)| Op::Return(i, d)),
    ]
}

/// The balance counted the slow way, from first principles.
fn naive_balance(l: &Ledger, d: NaiveDate) -> i64 {
    i64::from(l.size_on(d))
        - l.loans()
            .filter(|(_, x)| x.from <= d && x.returned.is_none_or(|r| d < r))
            .count() as i64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn the_ledger_balances_and_is_never_overdrawn(ops in prop::collection::vec(op(), 1..60)) {
        let mut l = Ledger::default();
        let mut made = 0usize;
        for op in ops {
            let before = l.clone();
            let result = match op {
                Op::Decide(d, s) => l.decide(day(d), s),
                Op::Lend(d, t) => {
                    made += 1;
                    l.lend(code(made), day(d), day(d + t))
                }
                Op::Return(i, d) => l.give_back(&code(i), day(d)),
            };
            if result.is_err() {
                prop_assert_eq!(&l, &before, "a refused step changed the ledger");
            }
            prop_assert!(l.overdrawn_days().is_empty(), "overdrawn on {:?}", l.overdrawn_days());
            for n in (0..600).step_by(7) {
                let d = day(n);
                prop_assert!(l.balance_on(d) >= 0);
                prop_assert_eq!(l.balance_on(d), naive_balance(&l, d));
            }
        }
    }
}

//! Password and login policy. Every number is configurable; the defaults are the
//! 等保 level-3 expectations.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_len: usize,
    /// How many of the four classes (lower, upper, digit, other) must appear.
    pub min_classes: usize,
    /// Days after which a password must be changed; `None` never expires.
    pub max_age_days: Option<u32>,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_len: 8,
            min_classes: 3,
            max_age_days: Some(90),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("password must be at least {0} characters / 密码长度不少于 {0} 位")]
    TooShort(usize),
    #[error(
        "password must mix at least {0} of: lower case, upper case, digits, symbols / 密码须包含大写字母、小写字母、数字、符号中的至少 {0} 类"
    )]
    TooFewClasses(usize),
    #[error("password must not contain the user name / 密码不得包含用户名")]
    ContainsUsername,
    #[error("the new password must differ from the old one / 新密码不得与原密码相同")]
    Unchanged,
}

impl PasswordPolicy {
    pub fn check(&self, password: &str, username: &str) -> Result<(), PasswordProblem> {
        if password.chars().count() < self.min_len {
            return Err(PasswordProblem::TooShort(self.min_len));
        }
        let classes = [
            password.chars().any(|c| c.is_ascii_lowercase()),
            password.chars().any(|c| c.is_ascii_uppercase()),
            password.chars().any(|c| c.is_ascii_digit()),
            password.chars().any(|c| !c.is_ascii_alphanumeric()),
        ];
        if classes.iter().filter(|c| **c).count() < self.min_classes {
            return Err(PasswordProblem::TooFewClasses(self.min_classes));
        }
        if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
            return Err(PasswordProblem::ContainsUsername);
        }
        Ok(())
    }

    pub fn is_expired(&self, changed_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.max_age_days
            .is_some_and(|days| now - changed_at >= Duration::days(i64::from(days)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginPolicy {
    pub max_failures: u32,
    pub lockout: Duration,
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, however active it is.
    pub max_session_age: Duration,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        Self {
            max_failures: 5,
            lockout: Duration::minutes(15),
            idle_timeout: Duration::minutes(30),
            max_session_age: Duration::hours(12),
        }
    }
}

impl LoginPolicy {
    /// The failure count and lock after one more failed login.
    pub fn after_failure(&self, failures: u32, now: DateTime<Utc>) -> (u32, Option<DateTime<Utc>>) {
        let failures = failures.saturating_add(1);
        if failures >= self.max_failures {
            (0, Some(now + self.lockout))
        } else {
            (failures, None)
        }
    }

    pub fn is_idle(&self, last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - last_seen >= self.idle_timeout
    }

    /// Whether a session created at `created_at` has outlived its absolute lifetime.
    pub fn is_too_old(&self, created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - created_at >= self.max_session_age
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_names_the_problem() {
        let p = PasswordPolicy::default();
        assert_eq!(p.check("Ab1!", "u"), Err(PasswordProblem::TooShort(8)));
        assert_eq!(
            p.check("abcdefgh1", "u"),
            Err(PasswordProblem::TooFewClasses(3))
        );
        assert_eq!(
            p.check("Zhang3Feng!", "zhang3"),
            Err(PasswordProblem::ContainsUsername)
        );
        assert!(p.check("Gx7#kqP2", "zhang3").is_ok());
        // Lower case and digits are two classes; the CJK character must be the third.
        assert!(
            p.check("ab12cd34密", "u").is_ok(),
            "CJK counts as a symbol class"
        );
        assert_eq!(
            p.check("ab12cd345", "u"),
            Err(PasswordProblem::TooFewClasses(3)),
            "the same password without the CJK character lacks a class"
        );
    }

    #[test]
    fn expiry_and_lockout() {
        let p = PasswordPolicy::default();
        let t0 = Utc::now();
        assert!(!p.is_expired(t0, t0 + Duration::days(89)));
        assert!(p.is_expired(t0, t0 + Duration::days(90)));
        let l = LoginPolicy::default();
        let mut failures = 0;
        for _ in 0..4 {
            let (f, lock) = l.after_failure(failures, t0);
            assert!(lock.is_none());
            failures = f;
        }
        let (_, lock) = l.after_failure(failures, t0);
        assert_eq!(lock, Some(t0 + Duration::minutes(15)));
        assert!(l.is_idle(t0, t0 + Duration::minutes(30)));
        assert!(!l.is_idle(t0, t0 + Duration::minutes(29)));
        assert!(!l.is_too_old(t0, t0 + Duration::minutes(12 * 60 - 1)));
        assert!(l.is_too_old(t0, t0 + Duration::hours(12)));
    }
}

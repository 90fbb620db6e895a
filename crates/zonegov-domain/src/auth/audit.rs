//! The audit trail's hash chain. Each entry's SM3 hash (国密, GB/T 32905) covers its
//! fields and the previous entry's hash, so altering, deleting or inserting an entry
//! breaks the chain at that point. A head record (last seq and hash) kept beside the
//! chain catches deletion of the newest entries; a checkpoint kept when old entries
//! are purged under the retention rule lets verification start after them.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sm3::{Digest, Sm3};

/// The `prev_hash` of the first entry ever written.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a caller asks to record; the store assigns `seq`, `at` and the hashes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditDraft {
    pub actor: String,
    pub ip: String,
    /// Dotted action code: `login.success`, `login.failure`, `logout`, `user.create`,
    /// `role.update`, `dataset.load`, `audit.export` …
    pub action: String,
    pub target: String,
    /// `ok` or `denied`/`failed`.
    pub outcome: String,
    /// Before/after field diffs or other detail.
    pub detail: serde_json::Value,
}

/// The longest text an audit field keeps, in characters (`detail`: its JSON text in
/// bytes). Anything longer is cut, so that nobody, signed in or not, can make the
/// trail store megabytes per request.
pub const MAX_ACTOR: usize = 64;
pub const MAX_IP: usize = 64;
pub const MAX_ACTION: usize = 64;
pub const MAX_TARGET: usize = 256;
pub const MAX_OUTCOME: usize = 16;
pub const MAX_DETAIL_BYTES: usize = 4096;

/// Keeps the first `max` characters of `s`, marking a cut with `…`.
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_owned(),
        Some((end, _)) => format!("{}…", &s[..end]),
    }
}

impl AuditDraft {
    /// This draft with every field within its bound: long texts are cut (marked
    /// `…`), and a `detail` whose JSON exceeds [`MAX_DETAIL_BYTES`] is replaced by
    /// `{"truncated": true, "bytes": N, "prefix": "…"}`.
    pub fn bounded(self) -> Self {
        let text = self.detail.to_string();
        let detail = if text.len() > MAX_DETAIL_BYTES {
            serde_json::json!({
                "truncated": true,
                "bytes": text.len(),
                "prefix": cut(&text, MAX_DETAIL_BYTES / 4),
            })
        } else {
            self.detail
        };
        Self {
            actor: cut(&self.actor, MAX_ACTOR),
            ip: cut(&self.ip, MAX_IP),
            action: cut(&self.action, MAX_ACTION),
            target: cut(&self.target, MAX_TARGET),
            outcome: cut(&self.outcome, MAX_OUTCOME),
            detail,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub draft: AuditDraft,
    pub prev_hash: String,
    pub hash: String,
}

/// The SM3 hash of an entry's content chained to `prev_hash`, as lower-case hex.
/// The input is a JSON array, so field boundaries cannot be shifted between fields.
pub fn chain_hash(seq: i64, at: DateTime<Utc>, draft: &AuditDraft, prev_hash: &str) -> String {
    let canonical = serde_json::json!([
        seq,
        at.to_rfc3339_opts(SecondsFormat::Micros, true),
        draft.actor,
        draft.ip,
        draft.action,
        draft.target,
        draft.outcome,
        draft.detail,
        prev_hash
    ]);
    hex::encode(Sm3::digest(canonical.to_string().as_bytes()))
}

impl AuditEntry {
    pub fn seal(seq: i64, at: DateTime<Utc>, draft: AuditDraft, prev_hash: String) -> Self {
        let at = at.with_timezone(&Utc);
        // Stored timestamps keep microseconds; hash exactly what is stored.
        let at = DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at);
        let hash = chain_hash(seq, at, &draft, &prev_hash);
        Self {
            seq,
            at,
            draft,
            prev_hash,
            hash,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {seq}: its content does not match its hash (altered)")]
    Altered { seq: i64 },
    #[error(
        "entry {seq}: it does not follow entry {prev} (an entry was deleted or inserted before it)"
    )]
    Broken { seq: i64, prev: i64 },
    #[error("entry {seq}: expected sequence number {expected} (an entry was deleted or inserted)")]
    Sequence { seq: i64, expected: i64 },
    #[error(
        "the chain ends at entry {last} but the head says {head} (newest entries deleted or the head altered)"
    )]
    Head { last: i64, head: i64 },
}

/// Where verification starts and must end.
pub struct Anchors {
    /// After purging: the last purged entry (seq, hash); else `(0, GENESIS_HASH)`.
    pub checkpoint: (i64, String),
    /// The head: the last appended entry (seq, hash); `(0, GENESIS_HASH)` when empty.
    pub head: (i64, String),
}

/// Checks the chain entry by entry and names the first broken link.
pub fn verify<'a>(
    entries: impl IntoIterator<Item = &'a AuditEntry>,
    anchors: &Anchors,
) -> Result<u64, ChainBreak> {
    let (mut prev_seq, mut prev_hash) = anchors.checkpoint.clone();
    let mut count = 0;
    for e in entries {
        if e.hash != chain_hash(e.seq, e.at, &e.draft, &e.prev_hash) {
            return Err(ChainBreak::Altered { seq: e.seq });
        }
        if e.prev_hash != prev_hash {
            return Err(ChainBreak::Broken {
                seq: e.seq,
                prev: prev_seq,
            });
        }
        if e.seq != prev_seq + 1 {
            return Err(ChainBreak::Sequence {
                seq: e.seq,
                expected: prev_seq + 1,
            });
        }
        prev_seq = e.seq;
        prev_hash = e.hash.clone();
        count += 1;
    }
    if (prev_seq, prev_hash.as_str()) != (anchors.head.0, anchors.head.1.as_str()) {
        return Err(ChainBreak::Head {
            last: prev_seq,
            head: anchors.head.0,
        });
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let draft = AuditDraft {
                    actor: "admin".into(),
                    ip: "127.0.0.1".into(),
                    action: "user.update".into(),
                    target: format!("user:{seq}"),
                    outcome: "ok".into(),
                    detail: serde_json::json!({"n": seq}),
                };
                let e = AuditEntry::seal(seq, Utc::now(), draft, prev.clone());
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    fn anchors(c: &[AuditEntry]) -> Anchors {
        let last = c
            .last()
            .map(|e| (e.seq, e.hash.clone()))
            .unwrap_or((0, GENESIS_HASH.into()));
        Anchors {
            checkpoint: (0, GENESIS_HASH.into()),
            head: last,
        }
    }

    #[test]
    fn bounded_cuts_every_field() {
        let huge = "名".repeat(100_000);
        let d = AuditDraft {
            actor: huge.clone(),
            ip: huge.clone(),
            action: huge.clone(),
            target: huge.clone(),
            outcome: huge.clone(),
            detail: serde_json::json!({ "x": huge }),
        }
        .bounded();
        assert_eq!(d.actor.chars().count(), MAX_ACTOR + 1);
        assert!(d.actor.ends_with('…'));
        assert_eq!(d.ip.chars().count(), MAX_IP + 1);
        assert_eq!(d.action.chars().count(), MAX_ACTION + 1);
        assert_eq!(d.target.chars().count(), MAX_TARGET + 1);
        assert_eq!(d.outcome.chars().count(), MAX_OUTCOME + 1);
        assert!(d.detail.to_string().len() <= MAX_DETAIL_BYTES);
        assert_eq!(d.detail["truncated"], true);
        let small = AuditDraft {
            actor: "admin".into(),
            ip: "127.0.0.1".into(),
            action: "login.success".into(),
            target: "login".into(),
            outcome: "ok".into(),
            detail: serde_json::json!({ "n": 1 }),
        };
        assert_eq!(small.clone().bounded(), small, "short drafts are unchanged");
    }

    #[test]
    fn intact_chain_verifies() {
        let c = chain(5);
        assert_eq!(verify(&c, &anchors(&c)), Ok(5));
    }

    #[test]
    fn alteration_deletion_insertion_and_truncation_are_named() {
        let c = chain(5);
        let a = anchors(&c);
        let mut altered = c.clone();
        altered[2].draft.actor = "mallory".into();
        assert_eq!(verify(&altered, &a), Err(ChainBreak::Altered { seq: 3 }));
        let mut deleted = c.clone();
        deleted.remove(1);
        assert_eq!(
            verify(&deleted, &a),
            Err(ChainBreak::Broken { seq: 3, prev: 1 })
        );
        let mut inserted = c.clone();
        let forged = AuditEntry::seal(3, Utc::now(), c[2].draft.clone(), c[1].hash.clone());
        inserted.insert(2, forged);
        assert!(matches!(
            verify(&inserted, &a),
            Err(ChainBreak::Broken { seq: 3, .. } | ChainBreak::Sequence { .. })
        ));
        let truncated = &c[..4];
        assert_eq!(
            verify(truncated, &a),
            Err(ChainBreak::Head { last: 4, head: 5 })
        );
    }
}

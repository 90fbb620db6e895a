//! What the preview page shows of a reform's dry run, in the page's language: the
//! same sections, in the same order, as `zonegov reform apply --dry-run` prints.

use crate::i18n::Ui;
use zonegov_app::reform::Preview;
use zonegov_domain::reform::{Reform, Refusals};
use zonegov_domain::{Code, EntityKind, QuotaType};

/// Moved records listed per kind before "… and N more": a merge can move thousands.
const SHOWN: usize = 200;

pub struct CountRow {
    pub label: &'static str,
    pub new_versions: usize,
    pub ended: usize,
    pub moved: usize,
    pub flagged: usize,
}

pub struct MovedRow {
    pub code: String,
    pub name: String,
    pub field: &'static str,
    pub from: String,
    pub to: String,
}

pub struct MovedGroup {
    pub label: &'static str,
    pub rows: Vec<MovedRow>,
    pub more: usize,
}

pub struct FlagRow {
    pub label: &'static str,
    pub code: String,
    pub name: String,
    pub reason: String,
}

pub struct UserRow {
    pub username: String,
    pub field: &'static str,
    pub from: String,
    pub to: String,
    pub flag: String,
}

pub struct LedgerRow {
    pub label: &'static str,
    pub before: i64,
    pub after: i64,
    pub decided: String,
}

pub struct PreviewView {
    pub id: String,
    pub doc_no: String,
    pub effective: String,
    pub reason: String,
    pub counts: Vec<CountRow>,
    /// Sentences: "N05 并入 N04".
    pub lineage: Vec<String>,
    pub moved: Vec<MovedGroup>,
    pub moved_total: usize,
    pub flagged: Vec<FlagRow>,
    pub users: Vec<UserRow>,
    pub ledger: Vec<LedgerRow>,
    pub balanced: bool,
}

pub fn kind_label(ui: Ui, kind: EntityKind) -> &'static str {
    zonegov_domain::kinds::spec(kind).map_or(kind.code(), |s| ui.lang.pick(s.label_zh, s.label_en))
}

pub fn preview_view(ui: Ui, reform: &Reform, p: &Preview) -> PreviewView {
    let plan = &p.plan;
    let counts = plan
        .counts()
        .into_iter()
        .map(|(kind, c)| CountRow {
            label: kind_label(ui, kind),
            new_versions: c.new_versions,
            ended: c.ended,
            moved: c.moved,
            flagged: c.flagged,
        })
        .collect();
    let lineage = plan
        .lineage
        .iter()
        .map(|l| {
            format!(
                "{} {} {} {}",
                kind_label(ui, l.kind),
                l.predecessor,
                l.relation.label(ui.lang),
                l.successor
            )
        })
        .collect();
    let mut moved: Vec<MovedGroup> = Vec::new();
    for m in &plan.moved {
        let label = kind_label(ui, m.kind);
        if moved.last().is_none_or(|g| g.label != label) {
            moved.push(MovedGroup {
                label,
                rows: Vec::new(),
                more: 0,
            });
        }
        if let Some(g) = moved.last_mut() {
            if g.rows.len() < SHOWN {
                g.rows.push(MovedRow {
                    code: m.code.to_string(),
                    name: m.name.clone(),
                    field: m.field,
                    from: m.from.to_string(),
                    to: m.to.to_string(),
                });
            } else {
                g.more += 1;
            }
        }
    }
    let flagged = plan
        .flagged
        .iter()
        .map(|f| FlagRow {
            label: kind_label(ui, f.kind),
            code: f.code.to_string(),
            name: f.name.clone(),
            reason: f.reason.clone(),
        })
        .collect();
    let users = p
        .users
        .iter()
        .map(|u| UserRow {
            username: u.username.clone(),
            field: u.field,
            from: u.from.to_string(),
            to: u.to.as_ref().map_or("—", Code::as_str).to_owned(),
            flag: u.flag.clone().unwrap_or_default(),
        })
        .collect();
    let decided = plan.ledger.decided();
    let ledger = QuotaType::ALL
        .iter()
        .map(|q| LedgerRow {
            label: q.label(ui.lang),
            before: plan.ledger.before.get(q).copied().unwrap_or(0),
            after: plan.ledger.after.get(q).copied().unwrap_or(0),
            decided: format!("{:+}", decided.get(q).copied().unwrap_or(0)),
        })
        .collect();
    PreviewView {
        id: reform.id.to_string(),
        doc_no: reform.doc_no.clone(),
        effective: reform.effective.to_string(),
        reason: reform.reason.get(ui.lang).to_owned(),
        counts,
        lineage,
        moved_total: plan.moved.len(),
        moved,
        flagged,
        users,
        ledger,
        balanced: plan.ledger.balances(),
    }
}

/// Every refusal, one line each, naming the operation and the record.
pub fn refusal_lines(r: &Refusals) -> Vec<String> {
    r.0.iter().map(ToString::to_string).collect()
}

//! The staff side's menu, grouped the way RuoYi-style admin screens group it: each
//! capability's record lists and pages under one heading, then system management and
//! monitoring. Built per request from the user's permissions, so a group the user can
//! use nothing of is not shown; a record kind no group names (a kind added later)
//! still appears, under 其他记录.

use crate::ctx::Ctx;
use crate::i18n::Ui;
use zonegov_domain::auth::Perm;
use zonegov_domain::auth::permission as p;

/// One link: where it goes, its label, and the `menu` key of the page it opens (a
/// page template names its key; the link with that key is marked active).
pub struct Entry {
    pub href: String,
    pub label: &'static str,
    pub key: String,
}

pub struct Group {
    pub label: &'static str,
    pub entries: Vec<Entry>,
}

impl Group {
    /// Whether the page being shown is one of this group's (the group opens).
    pub fn holds(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }
}

/// A group: its UI string key, the record kinds listed first (by plural), then pages
/// (href, UI string key, menu key, who may open it).
struct Spec {
    label: &'static str,
    kinds: &'static [&'static str],
    pages: &'static [(&'static str, &'static str, &'static str, Need)],
}

/// Who may open a page: one permission, or any of several.
#[derive(Clone, Copy)]
enum Need {
    One(Perm),
    Any(&'static [Perm]),
}

const ADJUST_ANY: &[Perm] = &[
    p::ADJUST_DRAFT,
    p::ADJUST_LEGAL,
    p::ADJUST_STAFFING,
    p::ADJUST_APPROVE,
    p::ADJUST_PUBLISH,
];

const GROUPS: &[Spec] = &[
    Spec {
        label: "menu_org",
        kinds: &["institutions", "parks", "counterparts", "staffing"],
        pages: &[
            ("/reforms", "reforms", "reforms", Need::One(p::REFORM_VIEW)),
            (
                "/reforms/new",
                "reform_new",
                "reform-new",
                Need::One(p::REFORM_PREVIEW),
            ),
            ("/changes", "changes", "changes", Need::One(p::CHANGES_VIEW)),
        ],
    },
    Spec {
        label: "menu_duties",
        kinds: &["power-items", "boundary-items"],
        pages: &[
            (
                "/power/adjustments",
                "adjust_queue",
                "adjust",
                Need::Any(ADJUST_ANY),
            ),
            ("/who", "who", "who", Need::One(p::WHO_QUERY)),
        ],
    },
    Spec {
        label: "menu_safety",
        kinds: &["enterprises", "safety-grids", "safety-rules"],
        pages: &[(
            "/safety/coverage",
            "coverage",
            "coverage",
            Need::One(p::SAFETY_COVERAGE_VIEW),
        )],
    },
    Spec {
        label: "menu_invest",
        kinds: &[
            "projects",
            "chain-nodes",
            "talents",
            "platforms",
            "quota-pools",
            "quota-loans",
        ],
        pages: &[
            (
                "/invest/pipeline",
                "pipeline",
                "pipeline",
                Need::One(zonegov_domain::project::PROJECT_LIST),
            ),
            (
                "/invest/chains",
                "chain_gaps",
                "chains",
                Need::One(zonegov_domain::project::CHAIN_LIST),
            ),
            (
                "/talent",
                "talent_overview",
                "talent",
                Need::One(zonegov_domain::talent::TALENT_LIST),
            ),
            (
                "/talent/quota",
                "quota_pool",
                "quota",
                Need::One(zonegov_domain::quota::QUOTA_LIST),
            ),
        ],
    },
    Spec {
        label: "menu_system",
        kinds: &[],
        pages: &[
            ("/system/users", "users", "users", Need::One(p::USER_LIST)),
            ("/system/roles", "roles", "roles", Need::One(p::ROLE_LIST)),
            (
                "/system/tokens",
                "api_tokens",
                "tokens",
                Need::One(p::TOKEN_LIST),
            ),
        ],
    },
    Spec {
        label: "menu_monitor",
        kinds: &[],
        pages: &[
            (
                "/monitor/audit",
                "audit_log",
                "audit",
                Need::One(p::AUDIT_LIST),
            ),
            (
                "/monitor/logins",
                "login_log",
                "logins",
                Need::One(p::LOGIN_LIST),
            ),
        ],
    },
];

/// The groups `ctx`'s user may use something of, in order; pages keep the date the
/// user chose (`ctx.keep()`), except forms and system pages, which are not dated.
pub fn groups(ctx: &Ctx, ui: Ui) -> Vec<Group> {
    let kinds: Vec<_> = zonegov_domain::kinds::KINDS
        .iter()
        .filter(|s| ctx.has(s.perms.list))
        .collect();
    let keep = ctx.keep();
    let kind_entry = |s: &&zonegov_domain::kinds::KindSpec| Entry {
        href: format!("/{}{keep}", s.plural),
        label: s.label(ui.lang),
        key: s.plural.to_owned(),
    };
    // Forms, queues and system pages are not read as of a date.
    let dated = |href: &str| {
        !(href.starts_with("/system")
            || href.starts_with("/monitor")
            || ["/reforms/new", "/changes", "/power/adjustments"].contains(&href))
    };
    let mut out: Vec<Group> = GROUPS
        .iter()
        .map(|g| {
            let mut entries: Vec<Entry> = g
                .kinds
                .iter()
                .filter_map(|plural| kinds.iter().find(|s| s.plural == *plural))
                .map(kind_entry)
                .collect();
            entries.extend(
                g.pages
                    .iter()
                    .filter(|(_, _, _, need)| match need {
                        Need::One(perm) => ctx.has(*perm),
                        Need::Any(perms) => perms.iter().any(|perm| ctx.has(*perm)),
                    })
                    .map(|(href, label, key, _)| Entry {
                        href: if dated(href) {
                            format!("{href}{keep}")
                        } else {
                            (*href).to_owned()
                        },
                        label: ui.t(label),
                        key: (*key).to_owned(),
                    }),
            );
            Group {
                label: ui.t(g.label),
                entries,
            }
        })
        .collect();
    let others: Vec<Entry> = kinds
        .iter()
        .filter(|s| !GROUPS.iter().any(|g| g.kinds.contains(&s.plural)))
        .map(kind_entry)
        .collect();
    out.insert(
        4,
        Group {
            label: ui.t("menu_other"),
            entries: others,
        },
    );
    out.retain(|g| !g.entries.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_kind_has_a_group_and_every_grouped_kind_exists() {
        let grouped: Vec<&str> = GROUPS
            .iter()
            .flat_map(|g| g.kinds.iter().copied())
            .collect();
        for s in zonegov_domain::kinds::KINDS {
            assert!(
                grouped.contains(&s.plural),
                "{} is in no menu group",
                s.plural
            );
        }
        for plural in grouped {
            assert!(
                zonegov_domain::kinds::KINDS
                    .iter()
                    .any(|s| s.plural == plural),
                "{plural} is not a record kind"
            );
        }
    }
}

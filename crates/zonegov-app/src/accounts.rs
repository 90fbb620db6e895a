//! Accounts: at first start the built-in roles, the first administrator (from the
//! environment or `zonegov admin create`, never a known password), demo accounts for
//! `serve --demo`, and users whose body a reform abolished.

use crate::password;
use zonegov_domain::auth::permission::{
    ADJUST_APPROVE, ADJUST_DRAFT, ADJUST_LEGAL, ADJUST_PUBLISH, ADJUST_STAFFING, AUDIT_EXPORT,
    AUDIT_LIST, CHANGES_VIEW, DASHBOARD_VIEW, LOGIN_EXPORT, LOGIN_LIST, REFORM_ORG_APPLY,
    REFORM_PARK_APPLY, REFORM_PREVIEW, REFORM_QUOTA_APPLY, WHO_QUERY,
};
use zonegov_domain::auth::{
    AuditDraft, DataScope, PasswordPolicy, Perm, Permission, Role, Username,
};
use zonegov_domain::{Code, Institution, Name, Record, ZoneHistory};
use zonegov_store::{NewUser, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum BootstrapError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Invalid(String),
}

fn perms(list: &[Perm]) -> std::collections::BTreeSet<Permission> {
    list.iter().map(|p| Permission::from(*p)).collect()
}

/// Reading the zone: the dashboard, comparing dates, and list/view/export of every
/// record kind.
fn zone_read() -> Vec<Perm> {
    let mut out = vec![
        DASHBOARD_VIEW,
        CHANGES_VIEW,
        WHO_QUERY,
        zonegov_domain::auth::permission::SAFETY_COVERAGE_VIEW,
        zonegov_domain::auth::permission::SAFETY_COVERAGE_EXPORT,
        zonegov_domain::auth::permission::REFORM_VIEW,
    ];
    for spec in zonegov_domain::kinds::KINDS {
        out.extend([spec.perms.list, spec.perms.view, spec.perms.export]);
    }
    out
}

/// Reading the zone plus some steps of the list's adjustment procedure.
fn zone_read_and(extra: &[Perm]) -> Vec<Perm> {
    let mut out = zone_read();
    out.extend_from_slice(extra);
    out
}

/// The roles a new installation starts with; administrators may change them.
/// The list's adjustment procedure: a department's staff draft and apply for
/// their own body (本部门及以下); the legal office (司法/法制机构) reviews legality;
/// the staffing office (编办) reviews and publishes; the committee leaders approve.
pub fn builtin_roles() -> Vec<Role> {
    let role =
        |code: &str, zh: &str, en: &str, p: std::collections::BTreeSet<Permission>, scope| Role {
            code: Code::parse(code)
                .unwrap_or_else(|_| unreachable!("built-in role codes are valid")),
            name: Name::new(zh, en),
            permissions: p,
            scope,
        };
    vec![
        role(
            "admin",
            "系统管理员",
            "Administrator",
            Permission::all().collect(),
            DataScope::All,
        ),
        role(
            "leader",
            "管委会领导",
            "Committee leader",
            perms(&zone_read_and(&[
                ADJUST_APPROVE,
                zonegov_domain::project::PROJECT_CONFIDENTIAL,
            ])),
            DataScope::All,
        ),
        role(
            "staff",
            "部门工作人员",
            "Department staff",
            perms(&zone_read_and(&[ADJUST_DRAFT])),
            DataScope::OwnBodyAndBelow,
        ),
        role(
            "park",
            "园区工作人员",
            "Park staff",
            perms(&zone_read()),
            DataScope::OwnPark,
        ),
        role(
            "legal",
            "合法性审查人员",
            "Legal reviewer",
            perms(&zone_read_and(&[ADJUST_LEGAL])),
            DataScope::All,
        ),
        role(
            "staffing",
            "编办工作人员",
            "Staffing office",
            perms(&zone_read_and(&[
                ADJUST_STAFFING,
                ADJUST_PUBLISH,
                zonegov_domain::auth::permission::STAFFING_PERSONAL,
                REFORM_PREVIEW,
                REFORM_ORG_APPLY,
                REFORM_PARK_APPLY,
                REFORM_QUOTA_APPLY,
                zonegov_domain::talent::TALENT_PERSONAL,
            ])),
            DataScope::All,
        ),
        role(
            "auditor",
            "安全审计员",
            "Security auditor",
            perms(&[AUDIT_LIST, AUDIT_EXPORT, LOGIN_LIST, LOGIN_EXPORT]),
            DataScope::OwnRecords,
        ),
    ]
}

pub async fn seed_roles(store: &dyn Store) -> Result<(), StoreError> {
    if store.accounts().roles().await?.is_empty() {
        for r in builtin_roles() {
            store.accounts().save_role(&r).await?;
        }
    }
    Ok(())
}

/// The top body of the zone today (no parent), for an administrator's home body.
pub fn top_body(history: &ZoneHistory) -> Option<Code> {
    history
        .snapshot(chrono::Local::now().date_naive())
        .institutions
        .iter()
        .filter(|v| v.attrs.parent.is_none())
        .map(|v| v.code.clone())
        .next_back()
}

/// A user to create from plain input (a form, the command line, the environment).
pub struct UserSpec<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub institution: Code,
    pub park: Option<Code>,
    pub roles: Vec<Code>,
    pub must_change_password: bool,
}

/// Creates a user after checking name and password; records it in the audit.
pub async fn create_user(
    store: &dyn Store,
    policy: &PasswordPolicy,
    spec: UserSpec<'_>,
    actor: &str,
    ip: &str,
) -> Result<i64, BootstrapError> {
    let username =
        Username::parse(spec.username).map_err(|e| BootstrapError::Invalid(e.to_string()))?;
    policy
        .check(spec.password, username.as_str())
        .map_err(|e| BootstrapError::Invalid(e.to_string()))?;
    let hash = password::hash(spec.password).map_err(BootstrapError::Invalid)?;
    let new = NewUser {
        username: username.clone(),
        display_name: spec.display_name.to_owned(),
        password_hash: hash,
        institution: spec.institution.clone(),
        park: spec.park.clone(),
        must_change_password: spec.must_change_password,
        roles: spec.roles.clone(),
    };
    let id = store.accounts().create_user(&new).await?;
    store
        .audit().append_audit(&AuditDraft {
            actor: actor.to_owned(),
            ip: ip.to_owned(),
            action: "user.create".into(),
            target: format!("user:{username}"),
            outcome: "ok".into(),
            detail: serde_json::json!({ "after": {
                "institution": spec.institution, "park": spec.park, "roles": spec.roles, "display_name": spec.display_name,
                "must_change_password": spec.must_change_password } }),
        })
        .await?;
    Ok(id)
}

/// A demo account (`serve --demo` only): name, display name, body, park, role.
pub const DEMO_ACCOUNTS: &[(&str, &str, &str, Option<&str>, &str)] = &[
    ("demo.admin", "演示管理员", "GWH", None, "admin"),
    ("demo.staff", "演示:园区发展服务中心", "N08", None, "staff"),
    ("demo.park", "演示:工程机械园区", "N08", Some("P01"), "park"),
    ("demo.auditor", "演示:审计员", "GWH", None, "auditor"),
    ("demo.leader", "演示:管委会领导", "GWH", None, "leader"),
    ("demo.legal", "演示:合法性审查", "GWH", None, "legal"),
    ("demo.staffing", "演示:编办", "GWH", None, "staffing"),
    ("demo.econ", "演示:发展改革局", "N04", None, "staff"),
];

/// Creates the demo accounts that do not exist yet, each with a fresh random
/// password, and returns (name, password) to print once.
pub async fn demo_accounts(store: &dyn Store) -> Result<Vec<(String, String)>, BootstrapError> {
    seed_roles(store).await?;
    let mut out = Vec::new();
    for (name, display, body, park, role) in DEMO_ACCOUNTS {
        if store.accounts().user_by_name(name).await?.is_some() {
            continue;
        }
        let pw = password::generate().map_err(BootstrapError::Invalid)?;
        let code = |c: &str| Code::parse(c).map_err(|e| BootstrapError::Invalid(e.to_string()));
        let new = NewUser {
            username: Username::parse(name).map_err(|e| BootstrapError::Invalid(e.to_string()))?,
            display_name: (*display).to_owned(),
            password_hash: password::hash(&pw).map_err(BootstrapError::Invalid)?,
            institution: code(body)?,
            park: park.map(code).transpose()?,
            must_change_password: false,
            roles: vec![code(role)?],
        };
        store.accounts().create_user(&new).await?;
        store
            .audit().append_audit(&AuditDraft {
                actor: "serve --demo".into(),
                ip: "local".into(),
                action: "user.create".into(),
                target: format!("user:{name}"),
                outcome: "ok".into(),
                detail: serde_json::json!({ "after": { "institution": body, "park": park, "roles": [role], "demo": true } }),
            })
            .await?;
        out.push(((*name).to_owned(), pw));
    }
    Ok(out)
}

/// After a reform: a user whose body no longer exists follows lineage to its one
/// successor, or is flagged for an administrator when there is none or several.
pub async fn reconcile_users(
    store: &dyn Store,
    history: &ZoneHistory,
    day: chrono::NaiveDate,
) -> Result<usize, StoreError> {
    let mut changed = 0;
    for u in store.accounts().users().await? {
        if history.institutions().as_of(&u.institution, day).is_some() {
            continue;
        }
        let heirs = history.heirs(Institution::KIND, &u.institution, day);
        let (body, flag) = match heirs.as_slice() {
            [one] => (one.clone(), None),
            [] => (
                u.institution.clone(),
                Some(format!(
                    "机构 {} 已撤销且无承接单位,请调整 / body {} abolished with no successor: reassign",
                    u.institution, u.institution
                )),
            ),
            many => {
                let list: Vec<&str> = many.iter().map(Code::as_str).collect();
                (
                    u.institution.clone(),
                    Some(format!(
                        "机构 {} 已拆分为 {},请选择 / body {} split into {}: choose one",
                        u.institution,
                        list.join("、"),
                        u.institution,
                        list.join(", ")
                    )),
                )
            }
        };
        if body == u.institution && flag == u.flag {
            continue;
        }
        store
            .accounts()
            .set_user_body(u.id, &body, flag.as_deref())
            .await?;
        store
            .audit().append_audit(&AuditDraft {
                actor: "system".into(),
                ip: "local".into(),
                action: if flag.is_some() { "user.flag".into() } else { "user.follow_reform".into() },
                target: format!("user:{}", u.username),
                outcome: "ok".into(),
                detail: serde_json::json!({ "before": { "institution": u.institution }, "after": { "institution": body, "flag": flag } }),
            })
            .await?;
        changed += 1;
    }
    Ok(changed)
}

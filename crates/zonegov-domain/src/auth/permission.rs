//! Permission codes (`module:entity:action`, RuoYi style) and their catalogue.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Permission(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("permission \"{0}\" is not in the catalogue")]
pub struct UnknownPermission(pub String);

/// A permission code known at compile time. Routes, menus, buttons and checks name
/// these constants, never a string, so a misspelt permission cannot compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Perm(&'static str);

impl Perm {
    pub const fn new(code: &'static str) -> Self {
        Self(code)
    }

    pub const fn code(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Perm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

pub const DASHBOARD_VIEW: Perm = Perm("zone:dashboard:view");
pub const CHANGES_VIEW: Perm = Perm("zone:changes:view");
pub const USER_LIST: Perm = Perm("system:user:list");
pub const USER_EDIT: Perm = Perm("system:user:edit");
pub const ROLE_LIST: Perm = Perm("system:role:list");
pub const ROLE_EDIT: Perm = Perm("system:role:edit");
pub const AUDIT_LIST: Perm = Perm("monitor:audit:list");
pub const AUDIT_EXPORT: Perm = Perm("monitor:audit:export");
pub const LOGIN_LIST: Perm = Perm("monitor:login:list");
pub const LOGIN_EXPORT: Perm = Perm("monitor:login:export");
/// Importing the power and responsibility list from a published file.
pub const POWER_ITEM_IMPORT: Perm = Perm("power:item:import");
/// The work-safety coverage audit (its page, and its exceptions as xlsx).
pub const SAFETY_COVERAGE_VIEW: Perm = Perm("safety:coverage:view");
pub const SAFETY_COVERAGE_EXPORT: Perm = Perm("safety:coverage:export");
/// Importing the enterprise register from a file.
pub const ENTERPRISE_IMPORT: Perm = Perm("safety:enterprise:import");
/// Dynamic adjustment of the power list (动态调整), one permission per step.
pub const ADJUST_DRAFT: Perm = Perm("power:adjust:draft");
pub const ADJUST_LEGAL: Perm = Perm("power:adjust:legal");
pub const ADJUST_STAFFING: Perm = Perm("power:adjust:staffing");
pub const ADJUST_APPROVE: Perm = Perm("power:adjust:approve");
pub const ADJUST_PUBLISH: Perm = Perm("power:adjust:publish");
/// 谁来管 and 照单履职: who handles a matter, may a body act on it.
pub const WHO_QUERY: Perm = Perm("duty:who:query");
/// API tokens for machine clients (see `auth::token`): see them, and create or revoke them.
pub const TOKEN_LIST: Perm = Perm("system:token:list");
pub const TOKEN_EDIT: Perm = Perm("system:token:edit");
/// Seeing the names of a body's staff in its 三定 unmasked (real-name management);
/// every such view is audited.
pub const STAFFING_PERSONAL: Perm = Perm("org:staffing:personal");
/// The reform timeline and the lineage chart.
pub const REFORM_VIEW: Perm = Perm("org:reform:view");

/// Reforms as operations (`reform`): preview any reform; apply each family of
/// operations (institutions, parks, quotas) under its own permission.
pub const REFORM_PREVIEW: Perm = Perm("org:reform:preview");
pub const REFORM_ORG_APPLY: Perm = Perm("org:reform:apply");
pub const REFORM_PARK_APPLY: Perm = Perm("park:reform:apply");
pub const REFORM_QUOTA_APPLY: Perm = Perm("org:quota:apply");

/// The three permissions every record kind has: list, view one, export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordPerms {
    pub list: Perm,
    pub view: Perm,
    pub export: Perm,
}

/// Permissions that are not a record kind's: code, Chinese label, English label.
const GENERAL: &[(Perm, &str, &str)] = &[
    (DASHBOARD_VIEW, "首页概览", "View dashboard"),
    (CHANGES_VIEW, "变化对比", "Compare dates"),
    (USER_LIST, "用户列表", "List users"),
    (USER_EDIT, "用户维护", "Create and edit users"),
    (ROLE_LIST, "角色列表", "List roles"),
    (ROLE_EDIT, "角色维护", "Edit roles and permissions"),
    (TOKEN_LIST, "接口令牌列表", "List API tokens"),
    (TOKEN_EDIT, "接口令牌维护", "Create and revoke API tokens"),
    (AUDIT_LIST, "操作日志", "View the audit log"),
    (AUDIT_EXPORT, "操作日志导出", "Export the audit log"),
    (LOGIN_LIST, "登录日志", "View the login log"),
    (LOGIN_EXPORT, "登录日志导出", "Export the login log"),
    (POWER_ITEM_IMPORT, "权责清单导入", "Import the power list"),
    (
        ENTERPRISE_IMPORT,
        "企业名录导入",
        "Import the enterprise register",
    ),
    (
        SAFETY_COVERAGE_VIEW,
        "安全生产责任覆盖",
        "View work-safety coverage",
    ),
    (
        SAFETY_COVERAGE_EXPORT,
        "安全生产覆盖异常导出",
        "Export work-safety coverage exceptions",
    ),
    (
        ADJUST_DRAFT,
        "权责清单调整申请",
        "Draft and apply for list adjustments",
    ),
    (
        ADJUST_LEGAL,
        "权责清单合法性审查",
        "Legal review of list adjustments",
    ),
    (
        ADJUST_STAFFING,
        "权责清单编办审核",
        "Staffing office review of list adjustments",
    ),
    (
        ADJUST_APPROVE,
        "权责清单调整审批",
        "Approve list adjustments",
    ),
    (
        ADJUST_PUBLISH,
        "权责清单调整公布",
        "Publish list adjustments",
    ),
    (WHO_QUERY, "谁来管查询", "Ask who handles a matter"),
    (
        STAFFING_PERSONAL,
        "三定人员实名信息",
        "See staff names in the 三定",
    ),
    (REFORM_VIEW, "改革时间轴", "View the reform timeline"),
    (REFORM_PREVIEW, "机构改革预览", "Preview reforms"),
    (
        REFORM_ORG_APPLY,
        "机构调整执行",
        "Apply institution reforms",
    ),
    (REFORM_PARK_APPLY, "园区调整执行", "Apply park reforms"),
    (
        REFORM_QUOTA_APPLY,
        "编制划转与核定",
        "Move and decide quotas",
    ),
    (
        crate::project::PROJECT_IMPORT,
        "招商项目台账导入",
        "Import project sheets",
    ),
    (
        crate::project::PROJECT_CONFIDENTIAL,
        "查看保密项目真实名称",
        "See confidential projects' real names",
    ),
    (
        crate::talent::TALENT_PERSONAL,
        "查看人才个人信息(留痕)",
        "See talents' personal data (audited)",
    ),
];

/// One entry of the catalogue, with its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionInfo {
    pub perm: Perm,
    pub zh: String,
    pub en: String,
}

/// Every permission the system checks: the general ones, then list/view/export of
/// each registered record kind. A role may only hold these; a route may only
/// require these.
pub fn catalogue() -> Vec<PermissionInfo> {
    let mut out: Vec<PermissionInfo> = GENERAL
        .iter()
        .map(|(perm, zh, en)| PermissionInfo {
            perm: *perm,
            zh: (*zh).to_owned(),
            en: (*en).to_owned(),
        })
        .collect();
    for spec in crate::kinds::KINDS {
        let p = spec.perms;
        for (perm, zh, en) in [
            (p.list, "列表", "List"),
            (p.view, "详情", "View"),
            (p.export, "导出", "Export"),
        ] {
            out.push(PermissionInfo {
                perm,
                zh: format!("{}{zh}", spec.label_zh),
                en: format!("{en} {}", spec.label_en.to_lowercase()),
            });
        }
    }
    out
}

impl Permission {
    pub fn parse(s: &str) -> Result<Self, UnknownPermission> {
        let s = s.trim();
        if catalogue().iter().any(|p| p.perm.code() == s) {
            Ok(Self(s.to_owned()))
        } else {
            Err(UnknownPermission(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn all() -> impl Iterator<Item = Permission> {
        catalogue()
            .into_iter()
            .map(|p| Permission(p.perm.code().to_owned()))
    }

    pub fn is(&self, perm: Perm) -> bool {
        self.0 == perm.code()
    }
}

impl TryFrom<String> for Permission {
    type Error = UnknownPermission;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Permission::parse(&s)
    }
}

impl From<Perm> for Permission {
    fn from(p: Perm) -> Self {
        Permission(p.code().to_owned())
    }
}

impl From<Permission> for String {
    fn from(p: Permission) -> Self {
        p.0
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

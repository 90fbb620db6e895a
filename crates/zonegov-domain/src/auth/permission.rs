//! Permission codes (`module:entity:action`, RuoYi style) and their catalogue.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Permission(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("permission \"{0}\" is not in the catalogue")]
pub struct UnknownPermission(pub String);

/// Every permission the system checks: code, Chinese label, English label. A role
/// may only hold these; a route may only require these.
pub const PERMISSIONS: &[(&str, &str, &str)] = &[
    ("zone:dashboard:view", "首页概览", "View dashboard"),
    ("zone:park:list", "园区列表", "List parks"),
    ("zone:park:view", "园区详情", "View a park"),
    ("zone:park:export", "园区导出", "Export parks"),
    ("zone:institution:list", "机构列表", "List institutions"),
    ("zone:institution:view", "机构详情", "View an institution"),
    ("zone:institution:export", "机构导出", "Export institutions"),
    ("zone:changes:view", "变化对比", "Compare dates"),
    ("system:user:list", "用户列表", "List users"),
    ("system:user:edit", "用户维护", "Create and edit users"),
    ("system:role:list", "角色列表", "List roles"),
    ("system:role:edit", "角色维护", "Edit roles and permissions"),
    ("monitor:audit:list", "操作日志", "View the audit log"),
    (
        "monitor:audit:export",
        "操作日志导出",
        "Export the audit log",
    ),
    ("monitor:login:list", "登录日志", "View the login log"),
    (
        "monitor:login:export",
        "登录日志导出",
        "Export the login log",
    ),
];

impl Permission {
    pub fn parse(s: &str) -> Result<Self, UnknownPermission> {
        let s = s.trim();
        if PERMISSIONS.iter().any(|(c, _, _)| *c == s) {
            Ok(Self(s.to_owned()))
        } else {
            Err(UnknownPermission(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn all() -> impl Iterator<Item = Permission> {
        PERMISSIONS
            .iter()
            .map(|(c, _, _)| Permission((*c).to_owned()))
    }
}

impl TryFrom<String> for Permission {
    type Error = UnknownPermission;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Permission::parse(&s)
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

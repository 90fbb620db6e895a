//! The UI's words, Chinese first and English always beside it. A key missing here
//! is a compile-time-visible string in a test (`every_key_has_both_languages`).

use zonegov_domain::Lang;

const STRINGS: &[(&str, &str, &str)] = &[
    ("app", "高新区治理平台", "Zone Governance Platform"),
    ("dashboard", "首页概览", "Dashboard"),
    ("parks", "园区", "Parks"),
    ("institutions", "机构", "Institutions"),
    ("counterparts", "对口单位", "Counterpart bodies"),
    ("stat_code", "统计用区划代码", "Statistical division code"),
    ("belongs_to", "所属", "Belongs to"),
    ("power-items", "权责清单", "Power and responsibility list"),
    ("boundary-items", "职责边界清单", "Duty boundary list"),
    ("step_count", "环节数", "Steps"),
    ("lead_bodies", "牵头单位", "Lead bodies"),
    ("lead", "牵头：", "Lead: "),
    ("cooperating", "配合：", "Cooperating: "),
    ("boundary_lint", "清单检查", "List check"),
    ("responsibility_count", "责任事项数", "Responsibility items"),
    ("power_level", "行使层级", "Level of exercise"),
    ("duty_basis", "依据", "Basis"),
    ("responsibility", "责任事项", "Responsibility"),
    ("on_this_page", "本页", "On this page"),
    ("changes", "变化对比", "Compare dates"),
    ("api", "接口文档", "API docs"),
    ("as_of", "截至日期", "As of"),
    ("apply", "查询", "Apply"),
    ("today", "今天", "Today"),
    ("switch_lang", "English", "中文"),
    ("internal_institutions", "内设机构", "Internal institutions"),
    ("all_institutions", "机构总数", "All institutions"),
    ("park_count", "园区数量", "Parks"),
    ("parks_by_kind", "园区类型", "Parks by kind"),
    (
        "institution_trend",
        "机构数量变化",
        "Institutions over time",
    ),
    (
        "parks_before_after",
        "园区整合前后(按类型)",
        "Parks by kind before and after the latest integration",
    ),
    ("before", "调整前", "Before"),
    ("after", "调整后", "After"),
    (
        "figures_since",
        "与较早日期对比",
        "Compared with an earlier date",
    ),
    ("milestones", "期间改革事项", "Reforms in the period"),
    ("code", "编码", "Code"),
    ("name", "名称", "Name"),
    ("kind", "类型", "Kind"),
    ("category", "类别", "Category"),
    ("industries", "主导产业", "Leading industries"),
    ("streets", "覆盖街道", "Streets covered"),
    ("managing_body", "管理机构", "Managing body"),
    ("parent", "上级机构", "Parent body"),
    ("plates", "加挂牌子", "Additional plates"),
    ("quotas", "编制", "Staffing quotas"),
    (
        "units",
        "内设处室及下属单位",
        "Internal units and subordinate bodies",
    ),
    ("valid_from", "生效日期", "Valid from"),
    ("valid_to", "失效日期", "Valid to"),
    ("open_ended", "至今", "open"),
    ("history", "历史沿革", "History"),
    ("lineage", "沿革关系", "Lineage"),
    ("predecessors", "前身", "Predecessors"),
    ("successors", "去向", "Successors"),
    ("reason", "事由", "Reason"),
    ("source", "数据来源", "Source"),
    ("fact", "报道所述", "Stated fact"),
    ("illustrative", "示意数据", "Illustrative"),
    ("basis", "依据说明", "Basis"),
    ("reference", "公开参考资料", "Public reference data"),
    ("illustrative_short", "示意", "illustrative"),
    (
        "illustrative_figure",
        "该数字依据的记录中有示意数据(报道未载明的存续、类型、类别或是否内设机构)",
        "This figure counts records whose existence, kind, category or internal status is not stated by the source",
    ),
    ("facts", "报道所述字段", "Fields stated by the source"),
    ("all_fields", "全部字段", "All fields"),
    ("existence", "存续", "Existence"),
    ("internal_flag", "是否内设机构", "Whether internal"),
    ("change_set", "改革事项", "Change set"),
    ("relation", "关系", "Relation"),
    ("predecessor", "前身", "Predecessor"),
    ("successor", "后继", "Successor"),
    ("division", "区划代码", "Division code"),
    ("level", "级别", "Level"),
    ("sort", "排序", "Order"),
    ("field", "字段", "Field"),
    ("changed_fields", "变更字段", "Changed fields"),
    ("detail", "详情", "Detail"),
    ("none", "无", "None"),
    ("boundary", "边界", "Boundary"),
    ("has_boundary", "有(GeoJSON)", "Yes (GeoJSON)"),
    (
        "not_existing",
        "该日期不存在此记录",
        "Does not exist on this date",
    ),
    ("heirs", "现由以下单位承接", "Carried on today by"),
    ("from_date", "起始日期", "From"),
    ("to_date", "对比日期", "To"),
    ("appeared", "新增", "Appeared"),
    ("disappeared", "撤销", "Disappeared"),
    ("changed", "变更", "Changed"),
    (
        "no_zone",
        "数据库中尚无高新区数据。请运行 zonegov load 目录 或 zonegov serve --demo。",
        "The database holds no zone yet. Run zonegov load DIR or zonegov serve --demo.",
    ),
    ("not_found", "未找到", "Not found"),
    ("bad_request", "请求有误", "Bad request"),
    ("server_error", "服务器内部错误", "Internal error"),
    ("unauthorized", "需要登录", "Sign-in required"),
    ("forbidden_title", "无权访问", "Forbidden"),
    (
        "method_not_allowed",
        "不支持的请求方法",
        "Method not allowed",
    ),
    ("payload_too_large", "提交内容过长", "Request too large"),
    (
        "too_many_requests_title",
        "请求过于频繁",
        "Too many requests",
    ),
    (
        "field_too_long",
        "提交的字段过长:",
        "A submitted field is too long: ",
    ),
    (
        "illustrative_note",
        "标注“示意数据”的记录并非报道所述事实,仅用于演示。",
        "Records marked illustrative are not stated facts; they exist for the demo.",
    ),
    ("count", "数量", "Count"),
    ("total", "合计", "Total"),
    ("versions", "版本", "Versions"),
    (
        "csrf_failed",
        "请求校验失败(CSRF),请刷新页面后重试。",
        "Request check failed (CSRF): reload the page and try again.",
    ),
    ("login_required", "请先登录。", "Please sign in."),
    (
        "password_change_required",
        "请先修改密码。",
        "Change your password first.",
    ),
    (
        "forbidden",
        "无权访问此功能。",
        "You do not have permission for this.",
    ),
    (
        "too_many_attempts",
        "登录尝试过于频繁,请一分钟后再试。",
        "Too many sign-in attempts: try again in a minute.",
    ),
    (
        "too_many_requests",
        "请求过于频繁,请稍后再试。",
        "Too many requests: try again shortly.",
    ),
    // One answer for every failed sign-in (unknown user, wrong password, locked or
    // disabled account), so that it does not reveal which names exist.
    (
        "bad_credentials",
        "用户名或密码错误,或账户因多次失败已锁定(15 分钟后自动解锁,或联系管理员)。",
        "Wrong user name or password, or the account is locked after repeated failures (it unlocks after 15 minutes, or ask an administrator).",
    ),
    (
        "wrong_old_password",
        "原密码错误。",
        "The current password is wrong.",
    ),
    (
        "passwords_differ",
        "两次输入的新密码不一致。",
        "The two new passwords differ.",
    ),
    ("required", "必填", "required"),
    (
        "form_content_type",
        "表单须以 application/x-www-form-urlencoded 提交",
        "The form must be sent as application/x-www-form-urlencoded",
    ),
    ("expected_number", "应为数字", "expected a number"),
    ("login", "登录", "Sign in"),
    ("logout", "退出", "Sign out"),
    ("username", "用户名", "User name"),
    ("password", "密码", "Password"),
    ("change_password", "修改密码", "Change password"),
    ("old_password", "原密码", "Current password"),
    ("new_password", "新密码", "New password"),
    ("confirm_password", "确认新密码", "Confirm new password"),
    (
        "forced_change",
        "首次登录或密码已过期,请先修改密码。",
        "First sign-in or expired password: please change it now.",
    ),
    (
        "password_rules",
        "密码至少 8 位,须包含大写字母、小写字母、数字、符号中的至少 3 类,且不得包含用户名。",
        "At least 8 characters, with 3 of: upper case, lower case, digits, symbols; not containing the user name.",
    ),
    ("users", "用户管理", "Users"),
    ("roles", "角色管理", "Roles"),
    ("api_tokens", "接口令牌", "API tokens"),
    (
        "api_tokens_note",
        "供 12345 热线、网格等平台以 Authorization: Bearer 调用 /api 接口;令牌按角色授权、按数据权限取数,只存哈希,每次使用均受限流与审计。",
        "For machine clients (12345 hotline, grid platforms) calling /api with Authorization: Bearer; a token has a role's permissions and a data scope, only its hash is stored, and its use is rate-limited and audited.",
    ),
    ("token_created", "已创建令牌", "Token created"),
    (
        "token_shown_once",
        "请立即复制并妥善保存:令牌只显示这一次,系统只保存其哈希,无法找回。",
        "Copy it now and keep it safe: it is shown only this once; only its hash is stored and it cannot be recovered.",
    ),
    ("token_create", "新增令牌", "New token"),
    ("token_rate", "每分钟请求上限", "Requests per minute"),
    ("token_created_at", "创建", "Created"),
    ("token_expires", "有效期至", "Valid until"),
    ("token_last_used", "最近使用", "Last used"),
    ("token_active", "有效", "Active"),
    ("token_revoked", "已吊销", "Revoked"),
    ("token_expired", "已过期", "Expired"),
    ("token_revoke", "吊销", "Revoke"),
    ("token_role_scope", "(同角色)", "(the role's)"),
    ("audit_log", "操作日志", "Audit log"),
    ("login_log", "登录日志", "Login log"),
    ("public_portal", "公开门户", "Public portal"),
    ("display_name", "姓名", "Display name"),
    ("initial_password", "初始密码", "Initial password"),
    ("create_user", "新增用户", "New user"),
    ("save", "保存", "Save"),
    ("power_import", "权责清单导入", "Import the power list"),
    (
        "power_template",
        "下载导入模板（xlsx）",
        "Download the import template (xlsx)",
    ),
    (
        "upload_file",
        "清单文件（.xlsx 或 .csv，不超过 20 MB）",
        "List file (.xlsx or .csv, at most 20 MB)",
    ),
    ("import_mode", "导入方式", "Import as"),
    ("import_mode_whole", "完整清单", "Whole list"),
    (
        "import_mode_adjustment",
        "调整（新增/变更/取消）",
        "Adjustment (add/change/cancel)",
    ),
    ("effective_date", "生效日期", "Effective date"),
    ("doc_no", "文号", "Document number"),
    ("dry_run", "预检（不写入）", "Check (writes nothing)"),
    ("dry_run_result", "预检结果", "Check result"),
    ("import_result", "导入结果", "Import result"),
    (
        "import_counts",
        "事项/责任事项 · 新增 变更 未变 取消",
        "Items/responsibilities · added changed unchanged cancelled",
    ),
    (
        "import_written",
        "已写入，变更批次",
        "Written as change set",
    ),
    (
        "import_problems",
        "问题（未写入任何数据）",
        "Problems (nothing was written)",
    ),
    ("confirm_import", "确认导入", "Confirm the import"),
    ("sheet", "工作表", "Sheet"),
    ("row", "行", "Row"),
    ("column", "列", "Column"),
    ("value", "值", "Value"),
    ("message", "说明", "Message"),
    (
        "upload_too_large",
        "上传文件超过 20 MB",
        "The upload exceeds 20 MB",
    ),
    (
        "upload_unreadable",
        "无法读取上传内容：",
        "The upload cannot be read: ",
    ),
    (
        "upload_no_file",
        "请选择要上传的文件",
        "Choose a file to upload",
    ),
    (
        "upload_expired",
        "预检结果已过期或不属于当前用户，请重新上传",
        "The checked upload has expired or is not yours; upload it again",
    ),
    ("unlock", "解锁", "Unlock"),
    ("locked", "已锁定", "Locked"),
    ("must_change", "须改密", "Must change password"),
    ("flagged", "待调整", "Needs attention"),
    ("state", "状态", "State"),
    ("permissions", "权限", "Permissions"),
    ("data_scope", "数据权限", "Data scope"),
    (
        "scope_bodies",
        "自定义机构编码(逗号分隔)",
        "Chosen body codes (comma-separated)",
    ),
    ("export", "导出", "Export"),
    ("search", "搜索", "Search"),
    ("next_page", "下一页", "Next page"),
    ("time", "时间", "Time"),
    ("actor", "操作人", "Actor"),
    ("action", "操作", "Action"),
    ("target", "对象", "Target"),
    ("outcome", "结果", "Outcome"),
    ("who_handles", "查询园区或机构", "Find a park or body"),
    ("power_list", "权责清单", "Power and responsibility list"),
    ("power_items", "权力事项", "Power items"),
    ("power_search", "查找权力事项", "Find a power item"),
    ("responsibility_items", "责任事项", "Responsibility items"),
    ("by_body", "按实施主体", "By implementing body"),
    ("by_type", "按权力类型", "By type"),
    ("body", "实施主体", "Implementing body"),
    ("item_type", "权力类型", "Type"),
    ("sub_item", "子项", "Sub-item"),
    ("handling_unit", "承办机构", "Handling unit"),
    ("exercise_level", "行使层级", "Level of exercise"),
    ("legal_basis", "法律依据", "Legal basis"),
    ("supervision_phone", "监督电话", "Supervision phone"),
    ("remarks", "备注", "Remarks"),
    ("step", "责任环节", "Step"),
    ("duty", "责任事项", "Responsibility"),
    (
        "basis_of_duty",
        "责任事项依据",
        "Basis of the responsibility",
    ),
    ("accountability", "追责情形", "Accountability"),
    ("changes_since", "近期变更", "Recent changes"),
    ("no_results", "没有找到匹配的事项", "No matching items"),
    ("previous_page", "上一页", "Previous page"),
    ("draft", "草稿(未公布)", "Draft (unpublished)"),
    // Dynamic adjustment of the power list (动态调整).
    ("adjust_queue", "调整待办", "Adjustments to act on"),
    ("adjust_new", "新建调整", "New adjustment"),
    ("adjust_all", "全部调整", "All adjustments"),
    ("adjust_queue_empty", "暂无待办", "Nothing waits on you"),
    ("adjust_title", "标题", "Title"),
    ("adjust_kind", "调整类型", "Kind"),
    ("adjust_trigger", "调整原因", "Trigger"),
    ("adjust_trigger_date", "原因发生日期", "Trigger date"),
    ("adjust_body", "实施主体", "Body"),
    ("adjust_status", "状态", "Status"),
    ("adjust_due", "办理时限", "Due"),
    ("adjust_overdue", "已超期", "Overdue"),
    ("adjust_by_system", "系统生成", "drafted by the system"),
    ("adjust_doc_no", "文号", "Document number"),
    ("adjust_effective", "生效日期", "Effective date"),
    ("adjust_items", "涉及事项", "Items"),
    ("adjust_ends_item", "终止该事项", "ends the item"),
    ("adjust_steps", "办理过程", "Steps"),
    ("adjust_submit", "提交申请", "Apply"),
    ("adjust_withdraw", "撤回", "Withdraw"),
    (
        "adjust_notes",
        "意见（退回时必填）",
        "Notes (required to reject)",
    ),
    ("adjust_pass", "通过", "Pass"),
    ("adjust_reject", "退回", "Reject"),
    ("adjust_publish", "公布", "Publish"),
    ("adjust_code", "事项编码", "Item code"),
    (
        "adjust_item_fields",
        "事项内容（变更时只填需变更的项）",
        "Item (for a change, only what changes)",
    ),
    ("adjust_item_type", "权力类型", "Item type"),
    ("adjust_handling_unit", "承办机构", "Handling unit"),
    ("adjust_new_body", "新实施主体", "New body"),
    ("adjust_basis", "法律依据", "Legal basis"),
    (
        "adjust_duties",
        "责任事项（每行一项，如“受理：…”）",
        "Duties (one per line, e.g. 受理：…)",
    ),
    ("adjust_history", "事项沿革", "Item history"),
    ("adjust_from", "起", "From"),
    ("adjust_to", "止", "To"),
    ("adjust_change", "变更批次", "Change set"),
    ("adjust_compare", "比较", "Compare"),
    ("adjust_field", "字段", "Field"),
    (
        "adjust_no_difference",
        "两个日期之间没有差异",
        "No difference between the two dates",
    ),
    ("adjust_bad_field", "字段有误", "Invalid field"),
    (
        "adjust_not_on_list",
        "该事项不在清单上",
        "The item is not on the list",
    ),
];

#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub lang: Lang,
}

impl Ui {
    pub fn t(&self, key: &str) -> &'static str {
        match STRINGS.iter().find(|(k, _, _)| *k == key) {
            Some((_, zh, en)) => self.lang.pick(zh, en),
            None => {
                tracing::warn!(key, "missing UI string");
                "?"
            }
        }
    }

    pub fn is_en(&self) -> bool {
        self.lang == Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_key_has_both_languages_and_is_unique() {
        let mut keys = BTreeSet::new();
        for (k, zh, en) in STRINGS {
            assert!(keys.insert(k), "duplicate key {k}");
            assert!(!zh.is_empty() && !en.is_empty(), "{k}");
        }
    }

    #[test]
    fn every_key_used_in_templates_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for part in text.split("ui.t(\"").skip(1) {
                let key = &part[..part.find('"').unwrap()];
                assert!(
                    STRINGS.iter().any(|(k, _, _)| *k == key),
                    "template uses unknown key {key}"
                );
            }
        }
    }
}

//! The command-line contract. Users and checks rely on these names; change them
//! only with a deprecation.

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "zonegov",
    version,
    about = "高新区治理平台 / governance platform of a high-tech zone"
)]
pub struct Cli {
    /// Database URL: sqlite://PATH (embedded, default) or postgres://USER@HOST/DB.
    #[arg(
        long,
        global = true,
        env = "ZONEGOV_DB",
        default_value = "sqlite://zonegov.db"
    )]
    pub db: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load a dataset directory (manifest.toml + CSV tables) in one transaction.
    Load { dir: PathBuf },
    /// Serve the web UI and the JSON API.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
        /// Load the built-in demo zone first if the database is empty, and create
        /// demo-only accounts with random passwords (printed once).
        #[arg(long)]
        demo: bool,
        /// Mark cookies Secure: set when users reach the server over HTTPS.
        #[arg(long, env = "ZONEGOV_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Days the audit trail is kept (at least 180).
        #[arg(long, env = "ZONEGOV_AUDIT_RETENTION_DAYS", default_value_t = 180, value_parser = clap::value_parser!(u32).range(180..))]
        audit_retention_days: u32,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// Accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// API tokens for machine clients (12345 hotline, grid platforms).
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// The zone's figures as of a date, compared with an earlier date.
    Report {
        /// The day to report on (default: today). Accepts 2024-12-31, 2024/12/31, 2024年12月31日.
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        /// The day to compare with (default: five years before --as-of).
        #[arg(long, value_parser = parse_day)]
        since: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every version of one record (park, institution, counterpart …), with its
    /// changes and lineage.
    History {
        #[arg(value_parser = parse_kind)]
        kind: zonegov_domain::EntityKind,
        code: String,
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        #[arg(long)]
        json: bool,
    },
    /// What appeared, disappeared and changed between two dates.
    Diff {
        #[arg(value_parser = parse_day)]
        from: NaiveDate,
        #[arg(value_parser = parse_day)]
        to: NaiveDate,
        #[arg(long)]
        json: bool,
    },
    /// 谁来管: who handles a matter at a place on a day, on what basis. With --body,
    /// 照单履职: may that body act on it, under which list row.
    Who {
        /// A duty-boundary item's code (B101).
        #[arg(long, conflicts_with_all = ["power", "text"])]
        item: Option<String>,
        /// A power item's code.
        #[arg(long, conflicts_with = "text")]
        power: Option<String>,
        /// The matter in words, searched against both lists.
        #[arg(long)]
        text: Option<String>,
        /// park:P01, street:ST02 or enterprise:统一社会信用代码.
        #[arg(long)]
        place: Option<String>,
        /// The day (default: today).
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        /// The body whose part is checked (照单履职).
        #[arg(long)]
        body: Option<String>,
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the built-in demo dataset to a directory (to inspect or edit it).
    DemoData { dir: PathBuf },
    /// Benchmarks on generated data (they write their own databases, not --db).
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
    /// Import a published list from a file.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Export a list to a file.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Work-safety responsibility (安全生产责任).
    Safety {
        #[command(subcommand)]
        command: SafetyCommand,
    },
    /// Staffing (三定): the quota ledger.
    Staffing {
        #[command(subcommand)]
        command: StaffingCommand,
    },
    /// Reforms as operations (机构改革、园区整合、编制划转).
    Reform {
        #[command(subcommand)]
        command: ReformCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffingCommand {
    /// The quota ledger on a date: per quota type the quota over all bodies, the
    /// people in post, the vacancies, then each body.
    Ledger {
        /// Default: today.
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The revolving quota pool (编制周转池) on a date: size, on loan, balance, and
    /// the loans whose term ends within N days (reminders, the overdue first). Exits
    /// with status 3 when any term is due, so a scheduled job can alert.
    Pool {
        /// Default: today.
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        /// Remind of terms ending within this many days.
        #[arg(long, default_value_t = 90)]
        within: u32,
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReformCommand {
    /// Apply a reform plan (.toml, or an .xlsx/.csv table with --id, --doc-no,
    /// --effective and --reason): prints the preview, then writes it in one
    /// transaction unless --dry-run.
    Apply {
        file: PathBuf,
        /// Print the preview only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The change set id of a table plan.
        #[arg(long)]
        id: Option<String>,
        /// 文号 of a table plan.
        #[arg(long)]
        doc_no: Option<String>,
        /// Effective date of a table plan.
        #[arg(long, value_parser = parse_day)]
        effective: Option<NaiveDate>,
        /// Reason of a table plan (Chinese).
        #[arg(long)]
        reason: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SafetyCommand {
    /// The coverage audit over the stored enterprises on a date: every enterprise has
    /// each of the four parties exactly once; gaps and overlaps listed.
    Audit {
        /// Default: today.
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        /// Also write every exception to this xlsx file (for the safety committee).
        #[arg(long)]
        xlsx: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Full-text search over a synthetic national power list (178 zones × 1,580
    /// items): loads it into a fresh SQLite file and, with --pg, a fresh PostgreSQL
    /// database, runs a fixed query set and prints p50/p99 per backend.
    Search {
        /// Three zones instead of 178: a smoke run for CI.
        #[arg(long)]
        small: bool,
        /// Zones to generate (overrides the size; 178 is national scale).
        #[arg(long)]
        zones: Option<usize>,
        /// A PostgreSQL database to load and query as well (empty, or filled by this
        /// command before with the same number of zones).
        #[arg(long)]
        pg: Option<String>,
        /// Where to write the SQLite file (default: a temporary directory). A file
        /// this command filled before with the same number of zones is searched
        /// again without reloading; any other non-empty list is refused.
        #[arg(long)]
        sqlite: Option<PathBuf>,
        /// Times each query runs.
        #[arg(long, default_value_t = 30)]
        rounds: usize,
    },
    /// The power list's pages (staff list, public browse by type and by body) at the
    /// first, a middle and the last page of a synthetic national list, timed through
    /// the router in this process, with /healthz as the baseline.
    List {
        /// Three zones instead of 178: a smoke run for CI.
        #[arg(long)]
        small: bool,
        /// Zones to generate (overrides the size; 178 is national scale).
        #[arg(long)]
        zones: Option<usize>,
        /// A PostgreSQL database to load and query as well (empty, or filled by a
        /// bench command before with the same number of zones).
        #[arg(long)]
        pg: Option<String>,
        /// The SQLite file (default: a temporary directory); reused as `bench search` does.
        #[arg(long)]
        sqlite: Option<PathBuf>,
        /// Times each page is requested.
        #[arg(long, default_value_t = 30)]
        rounds: usize,
    },
    /// Export of a synthetic power list through the xlsx and CSV writers, each
    /// format in a fresh process: rows, file size, wall time and peak RSS.
    Export {
        /// Rows (responsibility items) to write.
        #[arg(long, default_value_t = 280_000)]
        rows: usize,
        /// 5,000 rows: a smoke run for CI.
        #[arg(long)]
        small: bool,
        /// Internal: measure one format (xlsx, csv, baseline) in this process.
        #[arg(long, hide = true)]
        child: Option<String>,
    },
    /// Import of a synthetic published list (one row per responsibility item)
    /// through `import power-list`'s use case into a fresh SQLite file and, with
    /// --pg, an empty PostgreSQL database; prints the time, rows/s and peak RSS.
    Import {
        /// Rows of the list file.
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
        /// 2,000 rows: a smoke run for CI.
        #[arg(long)]
        small: bool,
        /// An empty PostgreSQL database to import into as well.
        #[arg(long)]
        pg: Option<String>,
    },
    /// 谁来管 resolution in this process on the demo zone: every boundary item at
    /// every place, power items by code and free text, on two days; p50/p99 per
    /// group (target p99 ≤ 1 ms by item code).
    Who {
        /// Passes over the question set after a warm-up.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
        /// An empty PostgreSQL database to load the demo into and ask as well.
        #[arg(long)]
        pg: Option<String>,
    },
    /// The work-safety coverage audit over synthetic enterprises, streamed (default
    /// national scale, 3.5 million): median time, enterprises/s and peak RSS.
    Coverage {
        /// Enterprises to generate and audit (3.5 million is national scale).
        #[arg(long, default_value_t = 3_500_000)]
        enterprises: usize,
        /// Rounds of each pass; the median is printed.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// The filtered pipeline page (招商项目库) over the demo zone plus synthetic
    /// projects, through the router in this process: first, p50 and p99 server
    /// time per filter and the ratio to /healthz (target ≤ 50 ms).
    Pipeline {
        /// Synthetic projects added to the demo's.
        #[arg(long, default_value_t = 10_000)]
        projects: usize,
        /// Times each page is requested.
        #[arg(long, default_value_t = 30)]
        rounds: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// The power and responsibility list (权责清单) from .xlsx or .csv, in any
    /// published layout. All or nothing: any problem writes nothing.
    PowerList {
        file: PathBuf,
        /// Check and report only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// 文号 of the decision publishing the list (required unless --dry-run).
        #[arg(long)]
        doc_no: Option<String>,
        /// The decision's effective date, also the start of items without 生效日期
        /// (default: today).
        #[arg(long, value_parser = parse_day)]
        effective: Option<NaiveDate>,
        /// The file lists changes only (新增/变更/取消), not the whole list.
        #[arg(long)]
        adjustment: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The enterprise register (企业名录) from .xlsx or .csv. All or nothing.
    Enterprises {
        file: PathBuf,
        /// Check and report only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// 文号 of the register's publication (required unless --dry-run).
        #[arg(long)]
        doc_no: Option<String>,
        /// The start of rows without 生效日期 (default: today).
        #[arg(long, value_parser = parse_day)]
        effective: Option<NaiveDate>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A project sheet (招商项目台账) from .xlsx or .csv; amounts need their unit
    /// (106亿元, 8000万元). All or nothing.
    Projects {
        file: PathBuf,
        /// Check and report only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// 文号 of the register update (required unless --dry-run).
        #[arg(long)]
        doc_no: Option<String>,
        /// The change set's date, and the start of a changed project's new version
        /// when its row has no 生效日期 (default: today).
        #[arg(long, value_parser = parse_day)]
        effective: Option<NaiveDate>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

impl ImportCommand {
    /// Whether this is the enterprise register (handled by its own command module).
    pub fn is_enterprises(&self) -> bool {
        matches!(self, Self::Enterprises { .. })
    }

    /// Whether this is a project sheet (handled by its own command module).
    pub fn is_projects(&self) -> bool {
        matches!(self, Self::Projects { .. })
    }
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The power and responsibility list as of a date.
    PowerList {
        #[arg(long, value_enum, default_value_t = ListFormat::Xlsx)]
        format: ListFormat,
        /// Default: today.
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Xlsx,
    Csv,
}

/// The password and sign-in policy; defaults per 等保 level 3.
#[derive(Debug, clap::Args)]
pub struct PolicyArgs {
    /// Days before a password must be changed (0: never).
    #[arg(long, env = "ZONEGOV_PASSWORD_MAX_AGE_DAYS", default_value_t = 90)]
    pub password_max_age_days: u32,
    /// Failed sign-ins that lock an account.
    #[arg(long, env = "ZONEGOV_MAX_LOGIN_FAILURES", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub max_login_failures: u32,
    /// Minutes an account stays locked.
    #[arg(long, env = "ZONEGOV_LOCKOUT_MINUTES", default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..))]
    pub lockout_minutes: u32,
    /// Idle minutes that end a session.
    #[arg(long, env = "ZONEGOV_IDLE_MINUTES", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub idle_minutes: u32,
    /// Hours after sign-in that end a session, however active.
    #[arg(long, env = "ZONEGOV_SESSION_MAX_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=720))]
    pub session_max_hours: u32,
    /// A reverse proxy whose X-Forwarded-For names the client (an IP or a CIDR
    /// network; repeat the flag, or list them comma-separated in the variable).
    /// Without it the header is ignored and the connecting address counts.
    #[arg(
        long = "trusted-proxy",
        env = "ZONEGOV_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<zonegov_web::auth::proxy::Cidr>,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an administrator. Without --password-stdin a random password is
    /// generated, printed once, and must be changed at first login.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long, default_value = "系统管理员")]
        display_name: String,
        /// The user's body (default: the zone's top body).
        #[arg(long)]
        institution: Option<String>,
        #[arg(long, default_value = "admin")]
        role: String,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token; its secret is printed once (only its hash is stored).
    Create {
        /// A label for the client, e.g. "12345 热线".
        #[arg(long)]
        name: String,
        /// The role whose permissions the token has.
        #[arg(long)]
        role: String,
        /// Data scope: all, custom, own_body, own_body_and_below, own_park
        /// (default: the role's scope).
        #[arg(long)]
        scope: Option<String>,
        /// Body codes of a custom scope, comma-separated.
        #[arg(long, value_delimiter = ',')]
        bodies: Vec<String>,
        /// The token's own body (default: the zone's top body).
        #[arg(long)]
        institution: Option<String>,
        /// The token's own park (for own_park).
        #[arg(long)]
        park: Option<String>,
        /// Requests per minute (default 600).
        #[arg(long)]
        rate_per_minute: Option<u64>,
        /// Valid through this day (default: no end). Accepts 2026-12-31, 2026/12/31, 2026年12月31日.
        #[arg(long, value_parser = parse_day)]
        expires: Option<NaiveDate>,
    },
    /// Every token, with its state and last use (never a secret).
    List,
    /// Revoke a token: refused from the next request on, in every server process.
    Revoke { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain; names the first altered, deleted or inserted entry.
    Verify,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for zonegov_domain::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => zonegov_domain::Lang::Zh,
            LangArg::En => zonegov_domain::Lang::En,
        }
    }
}

/// A registered record kind, by code (`park`) or plural (`parks`).
fn parse_kind(s: &str) -> Result<zonegov_domain::EntityKind, String> {
    zonegov_domain::EntityKind::parse(s).ok_or_else(|| {
        let kinds: Vec<&str> = zonegov_domain::kinds::KINDS
            .iter()
            .map(|k| k.kind.code())
            .collect();
        format!("{s:?}: expected one of {}", kinds.join(", "))
    })
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    zonegov_domain::day::parse_day(s).map_err(|e| format!("{s:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(args: &[&str]) -> Result<PolicyArgs, clap::Error> {
        let cli = Cli::try_parse_from([&["zonegov", "serve"], args].concat())?;
        match cli.command {
            Command::Serve { policy, .. } => Ok(policy),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn session_lifetime_and_trusted_proxies_are_flags() {
        let p = policy(&[]).unwrap();
        assert_eq!(p.session_max_hours, 12);
        assert!(p.trusted_proxies.is_empty());
        let p = policy(&[
            "--session-max-hours",
            "8",
            "--trusted-proxy",
            "10.0.0.0/8",
            "--trusted-proxy",
            "192.168.1.1,fd00::/8",
        ])
        .unwrap();
        assert_eq!(p.session_max_hours, 8);
        let shown: Vec<String> = p.trusted_proxies.iter().map(|c| c.to_string()).collect();
        assert_eq!(shown, ["10.0.0.0/8", "192.168.1.1/32", "fd00::/8"]);
        assert!(policy(&["--trusted-proxy", "10.0.0.0/33"]).is_err());
        assert!(policy(&["--session-max-hours", "0"]).is_err());
    }
}

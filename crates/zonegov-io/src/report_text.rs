//! The report as plain text for the terminal, in Chinese or English.

use std::fmt::Write;
use zonegov_domain::{Lang, Source, ZoneReport};

pub fn render(r: &ZoneReport, lang: Lang) -> String {
    let mut s = String::new();
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(
        s,
        "{} ({} {})",
        r.zone.name.get(lang),
        t("行政区划代码", "division"),
        r.zone.division
    );
    let _ = writeln!(s, "{}: {}", t("截至", "As of"), r.as_of);
    let _ = writeln!(s);
    let _ = writeln!(s, "{}: {}", t("园区", "Parks"), r.parks_total);
    for g in &r.parks_by_kind {
        let _ = writeln!(s, "  {}: {}", lang.pick(&g.label_zh, &g.label_en), g.count);
    }
    let _ = writeln!(
        s,
        "{}: {}",
        t("内设机构", "Internal institutions"),
        r.internal_institutions
    );
    let _ = writeln!(
        s,
        "{}: {}",
        t("机构总数", "All institutions"),
        r.institutions_total
    );
    for g in r.institutions_by_category.iter().filter(|g| g.count > 0) {
        let _ = writeln!(s, "  {}: {}", lang.pick(&g.label_zh, &g.label_en), g.count);
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{} {} → {}:", t("变化", "Changes"), r.since, r.as_of);
    for f in &r.figures {
        let _ = writeln!(s, "  {}", f.sentence(lang));
    }
    if !r.milestones.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}:", t("期间改革事项", "Reforms in the period"));
        for m in &r.milestones {
            let mark = match m.source {
                Source::Fact => "",
                Source::Illustrative => lang.pick(" [示意]", " [illustrative]"),
            };
            let _ = writeln!(
                s,
                "  {} {} {}{}",
                m.effective,
                m.doc_no,
                m.reason.get(lang),
                mark
            );
        }
    }
    if r.illustrative_records > 0 {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{}",
            match lang {
                Lang::Zh => format!(
                    "注:截至该日的 {} 条记录含示意数据(非报道所述事实),见数据 source 字段。",
                    r.illustrative_records
                ),
                Lang::En => format!(
                    "Note: {} record(s) valid on this date contain illustrative data (not stated by the source); see the data's source field.",
                    r.illustrative_records
                ),
            }
        );
    }
    s
}

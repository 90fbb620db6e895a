//! The report as plain text for the terminal, in Chinese or English. A figure that
//! rests on illustrative data carries " [示意]" / " [illustrative]".

use std::fmt::Write;
use zonegov_domain::attraction::AttractionFigures;
use zonegov_domain::{Lang, Source, ZoneReport};

pub fn render(r: &ZoneReport, lang: Lang) -> String {
    let mut s = String::new();
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mark = |illustrative: bool| {
        if illustrative {
            lang.pick(" [示意]", " [illustrative]")
        } else {
            ""
        }
    };
    let _ = writeln!(
        s,
        "{} ({} {})",
        r.zone.name.get(lang),
        t("区划代码", "division code"),
        r.zone.division
    );
    let _ = writeln!(s, "{}: {}", t("截至", "As of"), r.as_of);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{}: {}{}",
        t("园区", "Parks"),
        r.parks_total,
        mark(r.illustrative_now("parks"))
    );
    for g in &r.parks_by_kind {
        let _ = writeln!(
            s,
            "  {}: {}{}",
            lang.pick(&g.label_zh, &g.label_en),
            g.count,
            mark(g.illustrative)
        );
    }
    let _ = writeln!(
        s,
        "{}: {}{}",
        t("内设机构", "Internal institutions"),
        r.internal_institutions,
        mark(r.illustrative_now("internal_institutions"))
    );
    let _ = writeln!(
        s,
        "{}: {}{}",
        t("机构总数", "All institutions"),
        r.institutions_total,
        mark(r.illustrative_now("institutions"))
    );
    for g in r.institutions_by_category.iter().filter(|g| g.count > 0) {
        let _ = writeln!(
            s,
            "  {}: {}{}",
            lang.pick(&g.label_zh, &g.label_en),
            g.count,
            mark(g.illustrative)
        );
    }
    if let Some(list) = &r.power_list {
        let _ = writeln!(
            s,
            "{}: {} {}{}, {} {}",
            t("权责清单", "Power and responsibility list"),
            list.power_items,
            t("项权力事项", "power items"),
            mark(r.illustrative_now("power_items")),
            list.responsibility_items,
            t("项责任事项", "responsibility items"),
        );
        for g in &list.by_type {
            let _ = writeln!(
                s,
                "  {}: {} / {}",
                g.label.get(lang),
                g.items,
                g.responsibilities
            );
        }
        if list.other_items > 0 {
            let _ = writeln!(
                s,
                "  {}: {}",
                t("其他事项(非权力)", "Other items (not powers)"),
                list.other_items
            );
        }
    }
    if let Some(a) = &r.attraction {
        attraction(&mut s, a, lang);
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{} {} → {}:", t("变化", "Changes"), r.since, r.as_of);
    for f in &r.figures {
        let _ = writeln!(s, "  {}", f.marked_sentence(lang));
    }
    if !r.milestones.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}:", t("期间改革事项", "Reforms in the period"));
        for m in &r.milestones {
            let mark = match m.source {
                Source::Fact => "",
                Source::Reference => lang.pick(" [公开资料]", " [public reference]"),
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
    let any_marked = r.figures.iter().any(|f| f.illustrative)
        || r.parks_by_kind.iter().any(|g| g.illustrative)
        || r.institutions_by_category.iter().any(|g| g.illustrative);
    if any_marked {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{}",
            t(
                "[示意]:该数字依据的记录中有示意数据(报道未载明的存续、类型、类别或是否内设机构)。",
                "[illustrative]: the figure counts records whose existence, kind, category or internal status is not stated by the source."
            )
        );
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

/// Investment and talent (seed §3–4): the major projects since 2022, the projects the
/// source names, talent by tier and the revolving quota.
fn attraction(s: &mut String, a: &AttractionFigures, lang: Lang) {
    let mark = |illustrative: bool| {
        if illustrative {
            lang.pick(" [示意]", " [illustrative]")
        } else {
            ""
        }
    };
    let _ = match lang {
        Lang::Zh => writeln!(
            s,
            "招商项目: {}以来落地亿元以上\"十强\"产业项目 {} 个{}",
            a.major_since,
            a.major_projects,
            mark(a.major_illustrative)
        ),
        Lang::En => writeln!(
            s,
            "Investment projects: {} \"ten-strong\" projects of at least 100 million yuan landed since {}{}",
            a.major_projects,
            a.major_since,
            mark(a.major_illustrative)
        ),
    };
    for p in &a.named_projects {
        let _ = writeln!(s, "  {}: {}", p.name, p.amount_text);
    }
    let tiers: Vec<String> = a
        .talent_by_tier
        .iter()
        .map(|t| {
            let plus = if t.at_least { "+" } else { "" };
            format!(
                "{} {}{plus}{}",
                lang.pick(&t.label_zh, &t.label_en),
                t.count,
                mark(t.illustrative)
            )
        })
        .collect();
    let _ = writeln!(
        s,
        "{}: {}",
        lang.pick("人才(按层次)", "Talent by tier"),
        tiers.join(lang.pick(";", "; "))
    );
    let _ = match lang {
        Lang::Zh => writeln!(
            s,
            "高层次人才周转编制: 引进人才 {} 名{};周转池 {} 名,借出在用 {} 名",
            a.quota_talents,
            mark(a.quota_talents_illustrative),
            a.quota_pool_size,
            a.quota_lent
        ),
        Lang::En => writeln!(
            s,
            "Revolving staffing quota: {} talent(s) brought in{}; pool {}, {} on loan",
            a.quota_talents,
            mark(a.quota_talents_illustrative),
            a.quota_pool_size,
            a.quota_lent
        ),
    };
}

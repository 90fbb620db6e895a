//! A 谁来管 answer as plain text for the terminal, in Chinese or English: the matter
//! and its row, the place and how its street, park and county were found, then each
//! step's lead and cooperating bodies with duty, basis and contact, then every gap
//! and conflict.

use std::fmt::Write;
use zonegov_domain::power::citation::format_citations;
use zonegov_domain::who::{Answer, BodyAnswer, Locality, Located, PartyAnswer};
use zonegov_domain::{Lang, who::DutyCheck};

pub fn render(a: &Answer, lang: Lang) -> String {
    let mut s = String::new();
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(s, "{}: {}", t("日期", "Day"), a.day);
    place(&mut s, &a.locality, lang);
    let _ = writeln!(s, "{}: {}", t("结论", "Verdict"), a.verdict.label(lang));
    for m in &a.matters {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{}: {}",
            t("依据清单", "From"),
            m.source.derivation(lang)
        );
        for (n, step) in m.steps.iter().enumerate() {
            let _ = writeln!(s, "  {}. {}", n + 1, step.step);
            party(&mut s, &step.lead, lang);
            for p in &step.cooperating {
                party(&mut s, p, lang);
            }
        }
        for i in &m.issues {
            let _ = writeln!(
                s,
                "  [{}·{}] {}{}",
                i.kind.label(lang),
                i.role.label(lang),
                i.step
                    .as_deref()
                    .map(|st| format!("{}「{st}」", t("环节", "step ")))
                    .unwrap_or_default(),
                i.message.get(lang)
            );
        }
    }
    s
}

pub fn render_duty(check: &DutyCheck, lang: Lang) -> String {
    let mut s = check.summary(lang);
    s.push('\n');
    for g in &check.grounds {
        let _ = writeln!(
            s,
            "  {} · {} · {}: {}",
            g.source.derivation(lang),
            g.step,
            g.role.label(lang),
            g.duty
        );
    }
    s
}

fn place(s: &mut String, l: &Locality, lang: Lang) {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let Some(p) = &l.place else {
        let _ = writeln!(s, "{}: {}", t("地点", "Place"), t("未指定", "none given"));
        return;
    };
    let _ = writeln!(s, "{}: {}", t("地点", "Place"), p.label(lang));
    let mut level = |label: &str, list: &[Located]| {
        for x in list {
            let _ = writeln!(
                s,
                "  {label} {} {} ← {}",
                x.name.get(lang),
                x.code,
                x.how.get(lang)
            );
        }
    };
    level(t("街道", "street"), &l.streets);
    level(t("园区", "park"), &l.parks);
    level(t("县市区", "county"), &l.counties);
    for n in &l.notes {
        let _ = writeln!(s, "  {}", n.get(lang));
    }
}

fn party(s: &mut String, p: &PartyAnswer, lang: Lang) {
    let who = if p.bodies.is_empty() {
        lang.pick("（无）", "(none)").to_owned()
    } else {
        p.bodies
            .iter()
            .map(|b| body(b, lang))
            .collect::<Vec<_>>()
            .join(lang.pick(" / ", " / "))
    };
    let listed = if p.party.is_local() {
        format!("{} → ", p.party.level.local_label(lang))
    } else {
        String::new()
    };
    let _ = writeln!(s, "     {} {listed}{who}: {}", p.role.label(lang), p.duty);
    let basis = format_citations(&p.basis);
    if !basis.is_empty() {
        let _ = writeln!(s, "        {} {basis}", lang.pick("依据", "basis"));
    }
    for b in &p.bodies {
        if let Some(c) = &b.contact {
            let mut parts = Vec::new();
            if let Some(ph) = &c.phone {
                parts.push(format!("{} {ph}", lang.pick("电话", "phone")));
            }
            if let Some(ph) = &c.supervision_phone {
                parts.push(format!(
                    "{} {ph}",
                    lang.pick("监督电话", "supervision phone")
                ));
            }
            if let Some(ad) = &c.address {
                parts.push(format!("{} {ad}", lang.pick("地址", "address")));
            }
            if !parts.is_empty() {
                let _ = writeln!(s, "        {} {}", b.code, parts.join(", "));
            }
        }
    }
}

fn body(b: &BodyAnswer, lang: Lang) -> String {
    match &b.via {
        Some(via) => format!("{} {}（{}）", b.name.get(lang), b.code, via.get(lang)),
        None => format!("{} {}", b.name.get(lang), b.code),
    }
}

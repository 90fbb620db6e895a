//! The list's headline counts on a day, from the store's per-owner, per-type tally
//! (the list is never loaded whole to be counted).

use super::catalog::PowerCatalog;
use crate::code::Code;
use crate::lang::Name;
use crate::record::Tally;
use serde::Serialize;
use std::collections::BTreeMap;

/// Items of one type, or of one body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListGroup {
    pub code: String,
    pub label: Name,
    pub items: u64,
    pub responsibilities: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListCounts {
    /// Items of the power types (权力事项).
    pub power_items: u64,
    /// Responsibility items (责任事项) of those power items.
    pub responsibility_items: u64,
    /// 公共服务事项 and other non-power types, counted apart.
    pub other_items: u64,
    /// Counted items marked illustrative.
    pub illustrative: u64,
    /// By type, in catalog order; unknown type codes last, as written.
    pub by_type: Vec<ListGroup>,
    /// By implementing body (code; the caller labels it).
    pub by_body: Vec<(Code, u64)>,
}

impl ListCounts {
    pub fn from_tally(catalog: &PowerCatalog, rows: &[Tally]) -> Self {
        let mut out = ListCounts::default();
        let mut by_type: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        let mut by_body: BTreeMap<Code, u64> = BTreeMap::new();
        for r in rows {
            let ty = r.facet.clone().unwrap_or_default();
            let is_power = catalog.type_by_code(&ty).is_none_or(|t| t.is_power);
            if is_power {
                out.power_items += r.count;
                out.responsibility_items += r.weight;
            } else {
                out.other_items += r.count;
            }
            out.illustrative += r.illustrative;
            let e = by_type.entry(ty).or_default();
            e.0 += r.count;
            e.1 += r.weight;
            if let Some(owner) = &r.owner {
                *by_body.entry(owner.clone()).or_default() += r.count;
            }
        }
        for t in &catalog.types {
            if let Some((items, responsibilities)) = by_type.remove(&t.code) {
                out.by_type.push(ListGroup {
                    code: t.code.clone(),
                    label: t.name.clone(),
                    items,
                    responsibilities,
                });
            }
        }
        for (code, (items, responsibilities)) in by_type {
            out.by_type.push(ListGroup {
                label: Name::new(code.clone(), code.clone()),
                code,
                items,
                responsibilities,
            });
        }
        out.by_body = by_body.into_iter().collect();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(owner: &str, facet: &str, count: u64, weight: u64) -> Tally {
        Tally {
            owner: Code::parse(owner).ok(),
            facet: Some(facet.to_owned()),
            count,
            weight,
            illustrative: count,
        }
    }

    #[test]
    fn powers_and_public_services_are_counted_apart() {
        let c = ListCounts::from_tally(
            &PowerCatalog::standard(),
            &[
                row("N11", "CF", 10, 25),
                row("N10", "CF", 5, 7),
                row("N10", "XK", 2, 12),
                row("N12", "GF", 3, 3),
            ],
        );
        assert_eq!(
            (c.power_items, c.responsibility_items, c.other_items),
            (17, 44, 3)
        );
        assert_eq!(c.by_type[0].code, "XK");
        assert_eq!(c.by_type[1].items, 15);
        assert_eq!(c.by_body.len(), 3);
    }
}

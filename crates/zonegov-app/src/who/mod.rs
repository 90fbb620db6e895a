//! 谁来管 as a use case: the CLI (`zonegov who`), the page, the API and machine
//! clients all call [`ask`] and [`check_duty`], so they give the same answer.
//!
//! The zone's structure (bodies, parks, streets, the boundary list) comes from the
//! whole history: who handles a matter is public knowledge of the zone. What the
//! asker may see narrows only what is scoped: power items by body, enterprises by
//! park.

mod bench;

pub use bench::{WhoBench, run_bench};

use zonegov_domain::auth::Visible;
use zonegov_domain::boundary::BoundaryItem;
use zonegov_domain::enterprise::Enterprise;
use zonegov_domain::lang::Name;
use zonegov_domain::who::{
    Answer, DutyCheck, Locality, Matter, MatterAnswer, Place, UnknownPlace, resolve_boundary,
    resolve_power,
};
use zonegov_domain::{Code, NaiveDate, PowerItem, Record, Version, ZoneHistory};
use zonegov_store::{RecordStore, SearchQuery, StoreError, VersionQuery};

/// How many items of each list a free-text question is answered for.
pub const TEXT_MATCHES: u32 = 5;
/// Longest free text accepted (a matter's name, not a document).
pub const TEXT_MAX_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub matter: Matter,
    pub place: Option<Place>,
    pub day: NaiveDate,
}

#[derive(Debug, thiserror::Error)]
pub enum WhoError {
    #[error(transparent)]
    UnknownPlace(#[from] UnknownPlace),
    #[error(
        "事项文字须为 1 至 {TEXT_MAX_CHARS} 个字符 / the matter's text must be 1 to {TEXT_MAX_CHARS} characters"
    )]
    BadText,
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl Question {
    pub fn new(matter: Matter, place: Option<Place>, day: NaiveDate) -> Result<Self, WhoError> {
        if let Matter::Text(t) = &matter {
            let n = t.trim().chars().count();
            if n == 0 || n > TEXT_MAX_CHARS {
                return Err(WhoError::BadText);
            }
        }
        Ok(Question { matter, place, day })
    }
}

/// Answers a question the zone's history alone answers — a boundary item, at a park,
/// a street, a point or nowhere — without the store. Such an answer is the same for
/// every asker (nothing in it is scoped), so a front end may keep it until the data
/// changes. `None` for the rest (power items and enterprises are read from the
/// store, scoped).
pub fn ask_resident(history: &ZoneHistory, q: &Question) -> Option<Result<Answer, WhoError>> {
    let Matter::Boundary(code) = &q.matter else {
        return None;
    };
    let locality = match &q.place {
        None => Locality::nowhere(),
        Some(Place::Park(p)) => match Locality::of_park(history, p, q.day) {
            Ok(l) => l,
            Err(e) => return Some(Err(e.into())),
        },
        Some(Place::Street(s)) => match Locality::of_street(history, s, q.day) {
            Ok(l) => l,
            Err(e) => return Some(Err(e.into())),
        },
        Some(Place::Point(p)) => Locality::of_point(history, *p, q.day),
        Some(Place::Enterprise(_)) => return None,
    };
    let matters = history
        .timeline::<BoundaryItem>()
        .as_of(code, q.day)
        .map(|v| resolve_boundary(v, &locality, history, q.day))
        .into_iter()
        .collect();
    Some(Ok(Answer::new(q.matter.clone(), q.day, locality, matters)))
}

/// A key naming the question, for keeping [`ask_resident`]'s answers.
pub fn resident_key(q: &Question) -> Option<String> {
    let Matter::Boundary(code) = &q.matter else {
        return None;
    };
    let place = q
        .place
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    Some(format!("who/{code}/{place}/{}", q.day))
}

/// Who handles `q.matter` at `q.place` on `q.day`.
pub async fn ask(
    records: &dyn RecordStore,
    history: &ZoneHistory,
    visible: &Visible,
    q: &Question,
) -> Result<Answer, WhoError> {
    if let Some(answer) = ask_resident(history, q) {
        return answer;
    }
    let locality = locality(records, history, visible, q).await?;
    let matters = match &q.matter {
        Matter::Boundary(code) => history
            .timeline::<BoundaryItem>()
            .as_of(code, q.day)
            .map(|v| resolve_boundary(v, &locality, history, q.day))
            .into_iter()
            .collect(),
        Matter::Power(code) => power_item(records, visible, code, q.day)
            .await?
            .map(|v| resolve_power(&v, history, q.day))
            .into_iter()
            .collect(),
        Matter::Text(text) => {
            by_text(records, history, visible, text.trim(), &locality, q.day).await?
        }
    };
    Ok(Answer::new(q.matter.clone(), q.day, locality, matters))
}

/// 照单履职: may `body` act on the matter, and under which rows.
pub async fn check_duty(
    records: &dyn RecordStore,
    history: &ZoneHistory,
    visible: &Visible,
    body: &Code,
    q: &Question,
) -> Result<(Answer, DutyCheck), WhoError> {
    let answer = ask(records, history, visible, q).await?;
    let check = DutyCheck::of(body, q.day, &answer.matters);
    Ok((answer, check))
}

async fn locality(
    records: &dyn RecordStore,
    history: &ZoneHistory,
    visible: &Visible,
    q: &Question,
) -> Result<Locality, WhoError> {
    Ok(match &q.place {
        None => Locality::nowhere(),
        Some(Place::Park(code)) => Locality::of_park(history, code, q.day)?,
        Some(Place::Street(code)) => Locality::of_street(history, code, q.day)?,
        Some(Place::Point(p)) => Locality::of_point(history, *p, q.day),
        Some(place @ Place::Enterprise(credit)) => {
            // Out of the asker's scope reads as unknown: a park's staff learn
            // nothing of other parks' enterprises by asking.
            let code = Code::parse(credit.as_str()).map_err(|_| UnknownPlace(place.to_string()))?;
            let query = VersionQuery {
                code: Some(&code),
                as_of: Some(q.day),
                ..VersionQuery::scoped::<Enterprise>(visible)
            };
            let Some(e) =
                zonegov_store::typed::<Enterprise>(records.versions(&query).await?)?.pop()
            else {
                return Err(UnknownPlace(format!("{place} ({})", q.day)).into());
            };
            let how = Name::new(
                format!("企业登记记录（{} 起的版本）", e.period.from()),
                format!("the enterprise register (version from {})", e.period.from()),
            );
            Locality::of_record(
                history,
                place.clone(),
                e.attrs.park.as_ref(),
                Some(&e.attrs.street),
                q.day,
                &how,
            )
        }
    })
}

async fn power_item(
    records: &dyn RecordStore,
    visible: &Visible,
    code: &Code,
    day: NaiveDate,
) -> Result<Option<Version<PowerItem>>, StoreError> {
    let q = VersionQuery {
        code: Some(code),
        as_of: Some(day),
        ..VersionQuery::scoped::<PowerItem>(visible)
    };
    let rows = records.versions(&q).await?;
    zonegov_store::typed(rows).map(|mut v| v.pop())
}

async fn by_text(
    records: &dyn RecordStore,
    history: &ZoneHistory,
    visible: &Visible,
    text: &str,
    locality: &Locality,
    day: NaiveDate,
) -> Result<Vec<MatterAnswer>, StoreError> {
    let search = |kind| SearchQuery {
        kind,
        text,
        as_of: Some(day),
        scope: visible.set_for(kind),
        limit: TEXT_MATCHES,
        offset: 0,
    };
    let mut out = Vec::new();
    // Boundary items are held in memory; the search index only says which match.
    for hit in records.search(&search(BoundaryItem::KIND)).await? {
        if let Some(v) = history
            .timeline::<BoundaryItem>()
            .as_of(&hit.version.code, day)
        {
            out.push(resolve_boundary(v, locality, history, day));
        }
    }
    let hits = records.search(&search(PowerItem::KIND)).await?;
    for v in zonegov_store::typed::<PowerItem>(hits.into_iter().map(|h| h.version).collect())? {
        out.push(resolve_power(&v, history, day));
    }
    Ok(out)
}

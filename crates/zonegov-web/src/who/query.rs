//! The question as the page's form and the API's query string give it.

use serde::Deserialize;
use utoipa::IntoParams;
use zonegov_app::who::Question;
use zonegov_domain::who::{Matter, Place};
use zonegov_domain::{Code, NaiveDate};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WhoQuery {
    /// A duty-boundary item's code (B101). Exactly one of item, power, q.
    pub item: Option<String>,
    /// A power item's code.
    pub power: Option<String>,
    /// Free text, searched against both lists.
    pub q: Option<String>,
    /// park:P01, street:ST02 or enterprise:统一社会信用代码.
    pub place: Option<String>,
    /// The day (default: today). 2024-12-31, 2024/12/31 or 2024年12月31日.
    pub as_of: Option<String>,
    /// For 照单履职: the body whose part is checked (N11).
    pub body: Option<String>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl WhoQuery {
    /// Whether anything was asked (the page shows its form alone otherwise).
    pub fn is_empty(&self) -> bool {
        given(&self.item).is_none() && given(&self.power).is_none() && given(&self.q).is_none()
    }

    pub fn question(&self, day: NaiveDate) -> Result<Question, String> {
        let code =
            |field: &str, v: &str| Code::parse(v).map_err(|e| format!("{field} = {v:?}: {e}"));
        let matter = match (given(&self.item), given(&self.power), given(&self.q)) {
            (Some(c), None, None) => Matter::Boundary(code("item", c)?),
            (None, Some(c), None) => Matter::Power(code("power", c)?),
            (None, None, Some(t)) => Matter::Text(t.to_owned()),
            _ => {
                return Err(
                    "须且只须给出 item、power、q 之一 / give exactly one of item, power, q"
                        .to_owned(),
                );
            }
        };
        let place = given(&self.place)
            .map(Place::parse)
            .transpose()
            .map_err(|e| format!("place: {e}"))?;
        Question::new(matter, place, day).map_err(|e| e.to_string())
    }

    pub fn body(&self) -> Result<Option<Code>, String> {
        given(&self.body)
            .map(|b| Code::parse(b).map_err(|e| format!("body = {b:?}: {e}")))
            .transpose()
    }
}

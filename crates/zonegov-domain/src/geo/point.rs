//! A position on the map (WGS 84 longitude/latitude, as GeoJSON writes it): a value of
//! this type is always in range, so placement never meets NaN or 200°.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LonLat {
    lon: f64,
    lat: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "坐标“{0}”须为“经度,纬度”（经度 -180–180，纬度 -90–90） / coordinates \"{0}\" must be \"longitude,latitude\" (longitude -180–180, latitude -90–90)"
)]
pub struct LonLatError(pub String);

impl LonLat {
    pub fn new(lon: f64, lat: f64) -> Result<Self, LonLatError> {
        if lon.is_finite()
            && lat.is_finite()
            && (-180.0..=180.0).contains(&lon)
            && (-90.0..=90.0).contains(&lat)
        {
            Ok(Self { lon, lat })
        } else {
            Err(LonLatError(format!("{lon},{lat}")))
        }
    }

    /// `116.60,35.41` (a full-width comma or spaces also separate, as Excel users type).
    pub fn parse(s: &str) -> Result<Self, LonLatError> {
        let bad = || LonLatError(s.trim().to_owned());
        let normalised = s.trim().replace('，', ",");
        let mut parts = normalised
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty());
        let (Some(lon), Some(lat), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let (Ok(lon), Ok(lat)) = (lon.parse::<f64>(), lat.parse::<f64>()) else {
            return Err(bad());
        };
        Self::new(lon, lat).map_err(|_| bad())
    }

    pub fn lon(self) -> f64 {
        self.lon
    }

    pub fn lat(self) -> f64 {
        self.lat
    }
}

impl TryFrom<String> for LonLat {
    type Error = LonLatError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<LonLat> for String {
    fn from(p: LonLat) -> Self {
        p.to_string()
    }
}

impl fmt::Display for LonLat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.6},{:.6}", self.lon, self.lat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_in_range_and_refuses_the_rest() {
        let p = LonLat::parse(" 116.6，35.41 ").unwrap();
        assert_eq!((p.lon(), p.lat()), (116.6, 35.41));
        assert_eq!(LonLat::parse(&p.to_string()), Ok(p));
        for bad in [
            "",
            "116.6",
            "116.6,35.4,1",
            "200,35",
            "116,95",
            "a,b",
            "NaN,1",
        ] {
            assert!(LonLat::parse(bad).is_err(), "{bad}");
        }
    }
}

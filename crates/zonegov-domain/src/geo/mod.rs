//! Geometry, pure: the minimal GeoJSON check for park and street boundaries (the shape
//! must be a Polygon or a MultiPolygon with closed rings of valid longitude/latitude
//! positions), points that parse ([`LonLat`]) and point-in-polygon ([`Shape`]).

mod point;
mod shape;

pub use point::{LonLat, LonLatError};
pub use shape::Shape;

use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("boundary is not a valid GeoJSON Polygon or MultiPolygon: {0}")]
pub struct BoundaryError(pub String);

pub fn check_boundary(v: &Value) -> Result<(), BoundaryError> {
    let err = |m: &str| Err(BoundaryError(m.to_owned()));
    let kind = v.get("type").and_then(Value::as_str);
    let coords = v.get("coordinates").and_then(Value::as_array);
    match (kind, coords) {
        (Some("Polygon"), Some(rings)) => check_polygon(rings),
        (Some("MultiPolygon"), Some(polys)) => {
            if polys.is_empty() {
                return err("MultiPolygon has no polygons");
            }
            for p in polys {
                match p.as_array() {
                    Some(rings) => check_polygon(rings)?,
                    None => return err("MultiPolygon member is not an array of rings"),
                }
            }
            Ok(())
        }
        (Some(other), _) if other != "Polygon" && other != "MultiPolygon" => Err(BoundaryError(
            format!("type \"{other}\" is not Polygon or MultiPolygon"),
        )),
        _ => err("missing \"type\" or \"coordinates\""),
    }
}

fn check_polygon(rings: &[Value]) -> Result<(), BoundaryError> {
    if rings.is_empty() {
        return Err(BoundaryError("polygon has no rings".into()));
    }
    for ring in rings {
        let Some(points) = ring.as_array() else {
            return Err(BoundaryError("ring is not an array of positions".into()));
        };
        if points.len() < 4 {
            return Err(BoundaryError("ring has fewer than 4 positions".into()));
        }
        let mut parsed = Vec::with_capacity(points.len());
        for p in points {
            let pos = p.as_array().and_then(|a| match a.as_slice() {
                [x, y, ..] => Some((x.as_f64()?, y.as_f64()?)),
                _ => None,
            });
            match pos {
                Some((lon, lat))
                    if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) =>
                {
                    parsed.push((lon, lat))
                }
                _ => return Err(BoundaryError(format!("bad position {p}"))),
            }
        }
        if parsed.first() != parsed.last() {
            return Err(BoundaryError(
                "ring is not closed (first position ≠ last)".into(),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn accepts_closed_polygon() {
        let v = json!({"type":"Polygon","coordinates":[[[116.5,35.4],[116.6,35.4],[116.6,35.5],[116.5,35.4]]]});
        assert!(check_boundary(&v).is_ok());
    }

    #[test]
    fn rejects_open_ring_point_and_bad_latitude() {
        let open = json!({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]});
        assert!(check_boundary(&open).is_err());
        assert!(check_boundary(&json!({"type":"Point","coordinates":[1,2]})).is_err());
        let lat = json!({"type":"Polygon","coordinates":[[[0,0],[1,95],[1,1],[0,0]]]});
        assert!(check_boundary(&lat).is_err());
    }
}

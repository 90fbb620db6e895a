//! Point-in-polygon over a GeoJSON Polygon or MultiPolygon, holes included: how an
//! enterprise with coordinates is placed in its park and street. Planar even-odd test
//! on longitude/latitude, exact enough for outlines a few kilometres across.

use super::{BoundaryError, LonLat, check_boundary};
use serde_json::Value;

type Ring = Vec<(f64, f64)>;

/// A checked geometry: polygons, each an outer ring and its holes.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    polygons: Vec<Vec<Ring>>,
}

impl Shape {
    /// Accepts the geometry `check_boundary` accepts (a Feature's `geometry` too).
    pub fn from_geojson(v: &Value) -> Result<Self, BoundaryError> {
        let geometry = match v.get("type").and_then(Value::as_str) {
            Some("Feature") => v
                .get("geometry")
                .ok_or_else(|| BoundaryError("Feature has no geometry".into()))?,
            _ => v,
        };
        check_boundary(geometry)?;
        let rings_of = |poly: &Value| -> Vec<Ring> {
            poly.as_array()
                .into_iter()
                .flatten()
                .map(|ring| {
                    ring.as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
                        .collect()
                })
                .collect()
        };
        let coords = geometry.get("coordinates").cloned().unwrap_or(Value::Null);
        let polygons = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![rings_of(&coords)],
            _ => coords
                .as_array()
                .into_iter()
                .flatten()
                .map(rings_of)
                .collect(),
        };
        Ok(Self { polygons })
    }

    /// Inside one polygon's outer ring and none of its holes. A point exactly on an
    /// edge may go either way (the even-odd rule); outlines that share an edge should
    /// not place a point on it.
    pub fn contains(&self, p: LonLat) -> bool {
        let (x, y) = (p.lon(), p.lat());
        self.polygons.iter().any(|rings| match rings.split_first() {
            Some((outer, holes)) => in_ring(outer, x, y) && !holes.iter().any(|h| in_ring(h, x, y)),
            None => false,
        })
    }
}

/// Even-odd ray casting towards +x.
fn in_ring(ring: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    for pair in ring.windows(2) {
        let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
        if (y1 > y) != (y2 > y) {
            let cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1);
            if x < cross {
                inside = !inside;
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(lon: f64, lat: f64) -> LonLat {
        LonLat::new(lon, lat).unwrap()
    }

    #[test]
    fn polygon_with_a_hole() {
        let s = Shape::from_geojson(&json!({"type":"Polygon","coordinates":[
            [[0.0,0.0],[10.0,0.0],[10.0,10.0],[0.0,10.0],[0.0,0.0]],
            [[4.0,4.0],[6.0,4.0],[6.0,6.0],[4.0,6.0],[4.0,4.0]]
        ]}))
        .unwrap();
        assert!(s.contains(at(1.0, 1.0)));
        assert!(!s.contains(at(5.0, 5.0)), "inside the hole");
        assert!(!s.contains(at(11.0, 5.0)));
        assert!(s.contains(at(9.0, 5.0)));
    }

    #[test]
    fn multipolygon_and_feature_and_concave_outline() {
        let s = Shape::from_geojson(
            &json!({"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[
                [[[0.0,0.0],[2.0,0.0],[2.0,2.0],[0.0,2.0],[0.0,0.0]]],
                // An L shape: the notch (3.5, 1.5) is outside.
                [[[3.0,0.0],[5.0,0.0],[5.0,1.0],[4.0,1.0],[4.0,2.0],[3.0,2.0],[3.0,0.0]]]
            ]}}),
        )
        .unwrap();
        assert!(s.contains(at(1.0, 1.0)));
        assert!(s.contains(at(3.5, 1.5)));
        assert!(s.contains(at(4.5, 0.5)));
        assert!(!s.contains(at(4.5, 1.5)), "the L's notch");
        assert!(!s.contains(at(2.5, 1.0)), "between the polygons");
    }

    #[test]
    fn refuses_what_is_no_polygon() {
        assert!(Shape::from_geojson(&json!({"type":"Point","coordinates":[1.0,2.0]})).is_err());
    }
}

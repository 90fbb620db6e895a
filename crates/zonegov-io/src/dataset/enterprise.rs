//! The enterprises table (企业名录): one row per version, keyed by the credit code.
//! Every cell is parsed to its type (credit code with its check characters, GB/T 4754
//! code from the embedded table, hazard flags, size, coordinates); where the park
//! and street are on the map is checked later, against the polygons valid on the
//! version's start (`zonegov_app::enterprise::placement`).

use super::rows::version_head;
use super::table::Row;
use super::tables::RecordTable;
use std::path::Path;
use zonegov_domain::enterprise::{
    CreditCode, Enterprise, EnterpriseSize, HazardFlag, IndustryCode,
};
use zonegov_domain::geo::LonLat;
use zonegov_domain::{Code, Record, RecordSet};

/// What a row's `facts` may name.
pub const FACT_FIELDS: &[&str] = &[
    "existence",
    "valid_from",
    "valid_to",
    "change",
    "name_zh",
    "industry",
    "address",
    "street",
    "park",
    "location",
    "size",
    "hazards",
];

pub const TABLE: RecordTable = RecordTable {
    kind: Enterprise::KIND,
    required: &["industry", "address", "street", "size"],
    optional: &[
        "valid_to", "name_en", "park", "location", "hazards", "basis", "facts",
    ],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, FACT_FIELDS);
        let credit_code = row.parse("code", CreditCode::parse);
        let industry = row.parse("industry", IndustryCode::parse);
        let address = row.required("address");
        let street = row.parse("street", Code::parse);
        let park = row.parse_opt("park", Code::parse);
        let location = row.parse_opt("location", LonLat::parse);
        let size = row.parse("size", EnterpriseSize::parse);
        let hazards = row.parse_opt("hazards", HazardFlag::parse_list);
        let (
            Some(head),
            Some(credit_code),
            Some(industry),
            Some(address),
            Some(street),
            Some(park),
            Some(location),
            Some(size),
            Some(hazards),
        ) = (
            head,
            credit_code,
            industry,
            address,
            street,
            park,
            location,
            size,
            hazards,
        )
        else {
            return;
        };
        let provenance = head.provenance.clone();
        let name = head.name.clone();
        out.push(head.with(Enterprise {
            name,
            credit_code,
            industry,
            address: address.to_owned(),
            street,
            park,
            location,
            size,
            hazards: hazards.unwrap_or_default(),
            provenance,
        }));
    },
};

//! zonegov's file formats: the dataset directory (CSV tables plus a TOML manifest)
//! and the plain-text report. Parsing names every problem by file, line and field.

pub mod csv_out;
pub mod dataset;
pub mod dates;
pub mod enterprise_list;
pub mod error;
pub mod power_list;
pub mod project_list;
pub mod reform;
pub mod report_text;
pub mod safety_xlsx;
pub mod staffing_out;
pub mod who_text;
pub mod xlsx;

pub use dataset::{Dataset, check_against, read_dataset};
pub use error::{DatasetError, DatasetErrors};

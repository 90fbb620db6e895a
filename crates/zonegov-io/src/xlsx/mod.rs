//! The streaming one-sheet xlsx writer every export shares (the power list, the
//! safety committee's coverage exceptions): rows are deflated as they are written, so
//! memory does not grow with the rows. First written for the power list; moved here
//! when a second export needed it.

pub mod book;
pub mod sheet;
pub mod xml;

pub use book::{Cell, Table, write_book};
pub use sheet::{Layout, MAX_ROWS, SheetWriter, Style, XlsxError};

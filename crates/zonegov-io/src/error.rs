//! Dataset errors that say where: file, line, field and the offending value.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetError {
    pub file: String,
    /// 1-based line in the file (the header is line 1), when the error has one.
    pub line: Option<u64>,
    pub field: Option<String>,
    pub value: Option<String>,
    pub message: String,
}

impl DatasetError {
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line: None,
            field: None,
            value: None,
            message: message.into(),
        }
    }

    pub fn at(
        file: &str,
        line: u64,
        field: &str,
        value: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.to_owned(),
            line: Some(line),
            field: Some(field.to_owned()),
            value: value.map(str::to_owned),
            message: message.into(),
        }
    }
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field {field}")?;
        }
        if let Some(value) = &self.value {
            write!(f, " = {value:?}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a dataset; reading does not stop at the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DatasetErrors(pub Vec<DatasetError>);

impl fmt::Display for DatasetErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the dataset has {} problem(s); nothing was written:",
            self.0.len()
        )?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

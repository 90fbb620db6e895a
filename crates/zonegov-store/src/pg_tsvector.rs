//! A search row's `tsvector` in PostgreSQL's binary form (`tsvectorrecv`), so the
//! server copies it instead of parsing a text literal: parsing was about 55 us a
//! row, most of the search rows' statement in a bulk import.
//!
//! The form (PostgreSQL `src/backend/utils/adt/tsvector.c`, `tsvectorsend`): an
//! int32 count of lexemes; per lexeme its bytes and a NUL, a uint16 count of
//! positions, and each position as a uint16 (low 14 bits the position, top two
//! the weight: A 3, B 2, C 1, D 0), all big-endian. `tsvectorrecv` checks each
//! lexeme's length and position count, refuses positions that are not strictly
//! ascending, and sorts lexemes that are out of order without merging duplicates:
//! the lexemes must come distinct and in the server's order, which is what
//! [`zonegov_domain::search::SearchText::tsvector_lexemes`] yields. The conformance
//! suite compares what is stored with `CAST(literal AS tsvector)` of the text form.

use crate::StoreError;
use sqlx::encode::{Encode, IsNull};
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgHasArrayType, PgTypeInfo, Postgres};
use zonegov_domain::search::SearchText;

/// The longest lexeme the text input takes, in bytes, plus one (`MAXSTRLEN`, 2^11:
/// `tsvectorin` refuses a word of this length or more, "max 2047 bytes";
/// `tsvectorrecv` only a longer one). Refused here at the text input's limit, so a
/// row is refused or stored exactly as the literal was.
const MAX_LEXEME_BYTES: usize = 2_048;

/// One version's search vector, already encoded (computed while the database
/// writes the previous statement; binding copies the bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TsVectorBin(Vec<u8>);

impl TsVectorBin {
    pub(crate) fn new(text: &SearchText) -> Result<Self, StoreError> {
        let lexemes = text.tsvector_lexemes();
        let size: usize = lexemes
            .iter()
            .map(|(text, positions)| text.len() + 3 + 2 * positions.len())
            .sum();
        let mut out = Vec::with_capacity(4 + size);
        out.extend_from_slice(&count::<i32>(lexemes.len())?.to_be_bytes());
        for (text, positions) in lexemes.iter() {
            if text.len() >= MAX_LEXEME_BYTES || text.contains('\0') {
                return Err(StoreError::Database(sqlx::Error::Encode(
                    format!(
                        "word is too long for a tsvector ({} bytes, max {} bytes): {}…",
                        text.len(),
                        MAX_LEXEME_BYTES - 1,
                        text.chars().take(16).collect::<String>()
                    )
                    .into(),
                )));
            }
            out.extend_from_slice(text.as_bytes());
            out.push(0);
            out.extend_from_slice(&count::<u16>(positions.len())?.to_be_bytes());
            for p in positions {
                // `pos` is at most 16,383 (14 bits): the domain stops there.
                let word = ((p.weight as u16) << 14) | (p.pos & 0x3FFF);
                out.extend_from_slice(&word.to_be_bytes());
            }
        }
        Ok(Self(out))
    }

    #[cfg(test)]
    fn bytes(&self) -> &[u8] {
        &self.0
    }
}

fn count<T: TryFrom<usize>>(n: usize) -> Result<T, StoreError> {
    T::try_from(n).map_err(|_| {
        StoreError::Database(sqlx::Error::Encode(
            format!("tsvector too large: {n} entries").into(),
        ))
    })
}

impl sqlx::Type<Postgres> for TsVectorBin {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_name("tsvector")
    }
}

impl PgHasArrayType for TsVectorBin {
    fn array_type_info() -> PgTypeInfo {
        PgTypeInfo::with_name("_tsvector")
    }
}

impl Encode<'_, Postgres> for TsVectorBin {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        buf.extend_from_slice(&self.0);
        Ok(IsNull::No)
    }

    fn size_hint(&self) -> usize {
        self.0.len()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use zonegov_domain::search::SearchText;

    fn encoded(name: &str, body: &str) -> TsVectorBin {
        let text = SearchText {
            name: name.into(),
            body: body.into(),
            basis: String::new(),
        };
        TsVectorBin::new(&text).unwrap()
    }

    #[test]
    fn the_bytes_are_tsvectorsend_s() {
        // What PostgreSQL 15's tsvectorsend gives for 'b':1A 'ab':2A,103B
        // (SELECT tsvectorsend('b:1A ab:2A,103B'::tsvector)): the body starts 100
        // positions after the name's two tokens.
        let bin = encoded("b ab", "ab");
        assert_eq!(
            bin.bytes(),
            [
                0, 0, 0, 2, // two lexemes
                b'a', b'b', 0, 0, 2, 0xC0, 2, 0x80, 103, // ab: 2A, 103B
                b'b', 0, 0, 1, 0xC0, 1, // b: 1A
            ]
        );
        assert_eq!(encoded("", "").bytes(), [0, 0, 0, 0]);
    }

    #[test]
    fn a_word_the_text_input_refuses_is_refused() {
        let long = "x".repeat(MAX_LEXEME_BYTES);
        let text = SearchText {
            name: long,
            ..SearchText::default()
        };
        let err = TsVectorBin::new(&text).unwrap_err();
        assert!(err.to_string().contains("2047 bytes"), "{err}");
        encoded(&"x".repeat(MAX_LEXEME_BYTES - 1), "");
    }
}

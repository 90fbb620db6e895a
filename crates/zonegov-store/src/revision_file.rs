//! The revision counters of a SQLite file, read in place.
//!
//! Every signed-in request reads the counters (see the web crate's
//! `revision_reader`), and a read must start after the request arrived, so that
//! a write committed before it — by this process or by a CLI command on the same
//! file — is seen. Through sqlx a read is a message to the connection's worker
//! thread and a wake-up back: measured on the 2-core machine, that hop was 38 %
//! of the server's CPU on a signed-in `/healthz` (72 µs per request against
//! 18 µs anonymous). Here the read is a call on the requesting thread into a
//! connection of its own: a WAL read transaction over one row, a few
//! microseconds, and it never waits for a writer (WAL readers do not).

use crate::StoreError;
use crate::perf::Revision;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

pub(crate) struct RevisionFile {
    conn: Mutex<Connection>,
}

impl RevisionFile {
    /// Opens the database file the pool has just created and migrated. Read-only:
    /// this connection never writes.
    pub(crate) fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Only while a checkpoint restarts the WAL; never in the normal case.
        conn.busy_timeout(Duration::from_secs(10))?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    pub(crate) fn read(&self) -> Result<Revision, StoreError> {
        let conn = self
            .conn
            .lock()
            .map_err(|_| StoreError::Corrupt("the revision connection was poisoned".into()))?;
        let mut stmt = conn.prepare_cached(crate::sql_perf::REVISION_SQL)?;
        Ok(stmt.query_row([], |row| {
            Ok(Revision {
                data: row.get(0)?,
                auth: row.get(1)?,
            })
        })?)
    }
}

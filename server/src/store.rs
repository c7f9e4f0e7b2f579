//! The sandbox's SQLite store of created credits.
//!
//! One table; `uniqueness_key` is `UNIQUE`, so of two racing requests with the same key the
//! database lets exactly one in (SQLite treats NULLs as distinct: credits without a key never
//! conflict). The connection sits behind a mutex and every call blocks, so callers in async
//! code run them on `tokio::task::spawn_blocking`.

use rusqlite::{params, Connection, ErrorCode};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The file name of the database inside the data directory.
pub const FILE_NAME: &str = "credits.sqlite3";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS credits (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    customer_id    TEXT NOT NULL,
    uniqueness_key TEXT UNIQUE,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    credit         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS credits_by_customer ON credits (customer_id, seq);
";

/// A handle on the store; cheap to clone, shared by all requests.
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
    path: PathBuf,
}

/// One stored credit, as it was stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCredit {
    /// Its place in the order of creation (SQLite's rowid): the list's cursor.
    pub seq: i64,
    /// The id the create endpoint answered with.
    pub id: String,
    /// When it was stored, `YYYY-MM-DDTHH:MM:SS.sssZ` in UTC.
    pub created_at: String,
    /// The normalized body, as validated.
    pub credit: serde_json::Value,
}

/// Which of a customer's credits a page of the list holds.
#[derive(Debug, Clone, PartialEq)]
pub struct PageQuery<'a> {
    /// An exact, already normalized customer id.
    pub customer_id: &'a str,
    /// Only the credit with this id (exact, already normalized).
    pub credit_id: Option<&'a str>,
    /// Only credits stored before the one with this `seq` (the cursor of the previous page).
    pub before: Option<i64>,
    /// At most this many credits.
    pub limit: usize,
}

/// One page of the list, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The credits of the page.
    pub credits: Vec<StoredCredit>,
    /// Whether more credits that match follow the last one.
    pub more: bool,
}

/// Why a credit was not stored.
#[derive(Debug)]
pub enum InsertError {
    /// Another credit already used this `uniqueness_key`.
    DuplicateUniquenessKey(String),
    /// The body lacks a string `customer_id` (validation should have caught this).
    MissingCustomerId,
    /// The database failed.
    Database(rusqlite::Error),
}

impl std::fmt::Display for InsertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InsertError::DuplicateUniquenessKey(key) => {
                write!(f, "uniqueness_key {key:?} was already used")
            }
            InsertError::MissingCustomerId => f.write_str("the credit has no customer_id"),
            InsertError::Database(error) => write!(f, "database error: {error}"),
        }
    }
}

impl std::error::Error for InsertError {}

impl Store {
    /// Opens (creating if needed) `credits.sqlite3` in `data_dir`, creating the directory too.
    pub fn open(data_dir: &Path) -> Result<Store, String> {
        std::fs::create_dir_all(data_dir).map_err(|error| {
            format!(
                "cannot create the data directory {}: {error}",
                data_dir.display()
            )
        })?;
        let path = data_dir.join(FILE_NAME);
        let fail = |error: rusqlite::Error| {
            format!("cannot open the database {}: {error}", path.display())
        };
        let connection = Connection::open(&path).map_err(fail)?;
        // Another server on the same data directory waits for the lock instead of failing.
        connection
            .busy_timeout(Duration::from_secs(5))
            .map_err(fail)?;
        connection
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(fail)?;
        // Durability of an answered create: the endpoint answers 200 only once its INSERT has
        // committed, and in WAL mode a commit has write(2)n its frames to credits.sqlite3-wal
        // before it returns. Those bytes belong to the kernel from then on, so the credit
        // survives this process being killed at any moment (SIGKILL, a panic, the OOM killer):
        // the next open replays the WAL (tests/faults.rs kills the binary mid-load to check).
        // FULL, which is also the bundled SQLite's default but is stated here so that it
        // cannot change silently, adds an fsync of the WAL at every commit, so an answered
        // credit also survives the machine crashing or losing power; NORMAL would sync only at
        // checkpoints and could lose the last commits then. The cost is one fsync per create
        // (see the README's load figures).
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        connection.execute_batch(SCHEMA).map_err(fail)?;
        Ok(Store {
            connection: Arc::new(Mutex::new(connection)),
            path,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (each statement is
        // atomic), so a poisoned lock is still safe to use.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Stores a normalized credit under a new random id, which it returns.
    pub fn insert(&self, credit: &serde_json::Value) -> Result<String, InsertError> {
        let customer_id = credit
            .get("customer_id")
            .and_then(serde_json::Value::as_str)
            .ok_or(InsertError::MissingCustomerId)?;
        let uniqueness_key = credit
            .get("uniqueness_key")
            .and_then(serde_json::Value::as_str);
        let id = uuid::Uuid::new_v4().to_string();
        let text = credit.to_string();
        let result = self.lock().execute(
            "INSERT INTO credits (id, customer_id, uniqueness_key, credit) VALUES (?1, ?2, ?3, ?4)",
            params![id, customer_id, uniqueness_key, text],
        );
        match result {
            Ok(_) => Ok(id),
            Err(error) => match (error.sqlite_error_code(), uniqueness_key) {
                (Some(ErrorCode::ConstraintViolation), Some(key)) => {
                    Err(InsertError::DuplicateUniquenessKey(key.to_owned()))
                }
                _ => Err(InsertError::Database(error)),
            },
        }
    }

    /// A page of one customer's credits, newest first: those that `query` selects and `keep`
    /// accepts, and whether more follow. Rows are read one at a time and the read stops at the
    /// first one past the page, so a page costs its own rows (plus those `keep` refuses).
    pub fn page(
        &self,
        query: &PageQuery<'_>,
        keep: impl Fn(&StoredCredit) -> bool,
    ) -> Result<Page, rusqlite::Error> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT seq, id, created_at, credit FROM credits
             WHERE customer_id = ?1 AND (?2 IS NULL OR id = ?2) AND (?3 IS NULL OR seq < ?3)
             ORDER BY seq DESC",
        )?;
        let mut rows =
            statement.query(params![query.customer_id, query.credit_id, query.before])?;
        let mut credits = Vec::new();
        while let Some(row) = rows.next()? {
            let text: String = row.get(3)?;
            let credit = StoredCredit {
                seq: row.get(0)?,
                id: row.get(1)?,
                created_at: row.get(2)?,
                // Stored text always came from serde_json; anything else would be a hand edit.
                credit: serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
            };
            if !keep(&credit) {
                continue;
            }
            if credits.len() == query.limit {
                return Ok(Page {
                    credits,
                    more: true,
                });
            }
            credits.push(credit);
        }
        Ok(Page {
            credits,
            more: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn temp_store(name: &str) -> (Store, PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "credit-rules-store-{name}-{}",
            uuid::Uuid::new_v4()
        ));
        (Store::open(&dir).unwrap(), dir)
    }

    /// Every credit of `customer_id`, newest first.
    fn all(store: &Store, customer_id: &str) -> Vec<StoredCredit> {
        let query = PageQuery {
            customer_id,
            credit_id: None,
            before: None,
            limit: usize::MAX,
        };
        store.page(&query, |_| true).unwrap().credits
    }

    #[test]
    fn keys_are_unique_but_absent_keys_never_conflict() {
        let (store, dir) = temp_store("unique");
        let keyed = json!({"customer_id": "c", "uniqueness_key": "k"});
        let plain = json!({"customer_id": "c"});
        assert!(store.insert(&keyed).is_ok());
        assert!(matches!(
            store.insert(&keyed),
            Err(InsertError::DuplicateUniquenessKey(key)) if key == "k"
        ));
        assert!(store.insert(&plain).is_ok());
        assert!(store.insert(&plain).is_ok());
        assert_eq!(all(&store, "c").len(), 3);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn commits_are_synced_to_disk() {
        let (store, dir) = temp_store("sync");
        let connection = store.lock();
        let journal: String = connection
            .query_row("PRAGMA journal_mode", [], |row| row.get(0))
            .unwrap();
        let synchronous: i64 = connection
            .query_row("PRAGMA synchronous", [], |row| row.get(0))
            .unwrap();
        assert_eq!((journal.as_str(), synchronous), ("wal", 2)); // 2 is FULL
        drop(connection);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn list_is_newest_first_and_per_customer() {
        let (store, dir) = temp_store("list");
        let first = store.insert(&json!({"customer_id": "a", "n": 1})).unwrap();
        let second = store.insert(&json!({"customer_id": "a", "n": 2})).unwrap();
        store.insert(&json!({"customer_id": "b"})).unwrap();
        let listed = all(&store, "a");
        let ids: Vec<&str> = listed.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, [second.as_str(), first.as_str()]);
        assert_eq!(listed[0].credit, json!({"customer_id": "a", "n": 2}));
        assert!(listed[0].created_at.ends_with('Z'));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn pages_follow_the_cursor_and_stop_where_nothing_matches_any_more() {
        let (store, dir) = temp_store("page");
        let ids: Vec<String> = (0..5)
            .map(|n| store.insert(&json!({"customer_id": "a", "n": n})).unwrap())
            .collect();
        store.insert(&json!({"customer_id": "b", "n": 9})).unwrap();
        let page = |before, limit| {
            let query = PageQuery {
                customer_id: "a",
                credit_id: None,
                before,
                limit,
            };
            // Odd n only: 3 and 1 match, newest first.
            store.page(&query, |c| c.credit["n"].as_i64().unwrap() % 2 == 1)
        };
        let first = page(None, 1).unwrap();
        assert_eq!(first.credits.len(), 1);
        assert_eq!(first.credits[0].id, ids[3]);
        assert!(first.more);
        let second = page(Some(first.credits[0].seq), 1).unwrap();
        assert_eq!(second.credits.len(), 1);
        assert_eq!(second.credits[0].id, ids[1]);
        // n = 0 is left, but refused: no more.
        assert!(!second.more);
        let whole = page(None, 2).unwrap();
        assert_eq!((whole.credits.len(), whole.more), (2, false));

        let only = PageQuery {
            customer_id: "a",
            credit_id: Some(&ids[2]),
            before: None,
            limit: 25,
        };
        let found = store.page(&only, |_| true).unwrap();
        assert_eq!(found.credits.len(), 1);
        assert_eq!(found.credits[0].credit, json!({"customer_id": "a", "n": 2}));
        let elsewhere = PageQuery {
            customer_id: "b",
            ..only
        };
        assert!(store.page(&elsewhere, |_| true).unwrap().credits.is_empty());
        std::fs::remove_dir_all(dir).ok();
    }
}

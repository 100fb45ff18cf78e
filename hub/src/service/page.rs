//! Relay-style paging: validated `first`/`after` arguments and opaque cursors.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sea_orm::{
    Condition, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryTrait,
    Select, TryIntoModel, sea_query::SelectStatement,
};

use super::model_read::{Cells, ModelReader, query_rows};
use crate::error::{Error, Result};

/// How many items a page holds when the client does not say.
pub const DEFAULT_PAGE_SIZE: u64 = 20;
/// The most items a page may hold.
pub const MAX_PAGE_SIZE: u64 = 100;

const CURSOR_PREFIX: &str = "cursor:v1:";
/// The largest position a cursor may name: past it, `offset + limit + 1` would not fit
/// the databases' signed 64-bit OFFSET and LIMIT.
const MAX_POSITION: u64 = i64::MAX as u64 - 2 * MAX_PAGE_SIZE;

/// A validated request for one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageRequest {
    /// Items to return.
    pub limit: u64,
    /// Items to skip.
    pub offset: u64,
}

impl PageRequest {
    /// Checks `first` (default 20, at most 100) and decodes `after`.
    pub fn parse(first: Option<i32>, after: Option<&str>) -> Result<Self> {
        let limit = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if (0..=MAX_PAGE_SIZE as i32).contains(&n) => n as u64,
            Some(n) => {
                return Err(Error::bad_input(
                    "first",
                    format!("must be between 0 and {MAX_PAGE_SIZE}, got {n}"),
                ));
            }
        };
        let offset = match after {
            None => 0,
            Some(cursor) => decode_cursor(cursor)? + 1,
        };
        Ok(Self { limit, offset })
    }
}

/// One page of items, with what the connection needs to describe it.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The items, at most `limit`.
    pub items: Vec<T>,
    /// Position of the first item in the whole ordered list.
    pub offset: u64,
    /// Whether more items follow.
    pub has_next: bool,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` fetched rows: the extra row only says that more follow.
    pub fn from_overfetch(mut items: Vec<T>, request: PageRequest) -> Self {
        let has_next = items.len() as u64 > request.limit;
        items.truncate(request.limit as usize);
        Self {
            items,
            offset: request.offset,
            has_next,
        }
    }

    /// The same page with each item turned into another.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            offset: self.offset,
            has_next: self.has_next,
        }
    }

    /// The cursor of the item at `index` within this page.
    pub fn cursor(&self, index: usize) -> String {
        encode_cursor(self.offset + index as u64)
    }
}

/// One page of the rows `query` selects, in its order (which must end on a unique
/// column, so that pages neither skip nor repeat rows).
pub async fn fetch<E>(
    db: &DatabaseConnection,
    query: Select<E>,
    request: PageRequest,
) -> Result<Page<E::Model>>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
    E::Model: Send + 'static,
{
    let mut models = ModelReader::<E>::new("");
    fetch_rows(db, query, request, move |row| models.read(row)).await
}

/// One page of the rows `query` selects, in its order (which must end on a unique
/// column), each read by `read`: for queries that select more than one entity's columns.
/// On a SQLite file the page is read through rusqlite (`model_read::query_rows`).
pub async fn fetch_rows<Q, T>(
    db: &DatabaseConnection,
    query: Q,
    request: PageRequest,
    read: impl FnMut(&dyn Cells) -> std::result::Result<T, DbErr> + Send + 'static,
) -> Result<Page<T>>
where
    Q: QueryTrait<QueryStatement = SelectStatement>,
    T: Send + 'static,
{
    // A LIMIT or OFFSET bound as a parameter makes both databases plan the statement
    // again on every run: SQLite's planner marks a bound LIMIT, and PostgreSQL's
    // custom plans (chosen because a generic plan cannot know the LIMIT) cost about
    // 0.2-0.8 ms of its CPU per page. The two numbers are ours, so they go into the
    // text, and a page's statement stays prepared in the connection's statement cache
    // (BENCHMARKS.md, "The read path" and "Models by position").
    let mut statement = db.get_database_backend().build(&query.into_query());
    statement.sql.push_str(&format!(
        " LIMIT {} OFFSET {}",
        request.limit + 1,
        request.offset
    ));
    let items = query_rows(db, statement, read).await?;
    Ok(Page::from_overfetch(items, request))
}

/// How many rows of `E` match `condition`: a connection's `totalCount`.
pub async fn count<E>(db: &DatabaseConnection, condition: Condition) -> Result<u64>
where
    E: EntityTrait,
    E::Model: Sync,
{
    Ok(E::find().filter(condition).count(db).await?)
}

/// The opaque cursor of the item at absolute `position`.
pub fn encode_cursor(position: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{position}"))
}

fn decode_cursor(cursor: &str) -> Result<u64> {
    let malformed = || {
        Error::bad_input(
            "after",
            format!(
                "malformed cursor {cursor:?}; pass an endCursor or edge cursor from an earlier page"
            ),
        )
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor.trim())
        .map_err(|_| malformed())?;
    let text = String::from_utf8(bytes).map_err(|_| malformed())?;
    text.strip_prefix(CURSOR_PREFIX)
        .and_then(|n| n.parse().ok())
        .filter(|&n| n <= MAX_POSITION)
        .ok_or_else(malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_points_after_its_item() {
        let request = PageRequest::parse(Some(10), Some(&encode_cursor(41))).ok();
        assert_eq!(
            request,
            Some(PageRequest {
                limit: 10,
                offset: 42
            })
        );
    }

    #[test]
    fn first_defaults_to_twenty_and_allows_at_most_one_hundred() {
        assert_eq!(
            PageRequest::parse(None, None).ok().map(|r| r.limit),
            Some(20)
        );
        assert!(PageRequest::parse(Some(100), None).is_ok());
        let error = PageRequest::parse(Some(1000), None)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("first: must be between 0 and 100, got 1000")
        );
        assert!(PageRequest::parse(Some(-1), None).is_err());
    }

    #[test]
    fn a_malformed_cursor_is_bad_input() {
        for cursor in [
            "",
            "!!!",
            "bm90IGEgY3Vyc29y",
            &URL_SAFE_NO_PAD.encode("cursor:v1:x"),
            // Positions whose next offset or limit would overflow.
            &encode_cursor(u64::MAX),
            &encode_cursor(i64::MAX as u64),
            &URL_SAFE_NO_PAD.encode("cursor:v1:99999999999999999999999"),
        ] {
            let error = PageRequest::parse(None, Some(cursor)).err();
            assert!(
                matches!(&error, Some(Error::BadInput { field, .. }) if field == "after"),
                "{cursor:?} gave {error:?}"
            );
        }
    }

    #[test]
    fn an_overfetched_row_means_there_is_a_next_page() {
        let request = PageRequest {
            limit: 2,
            offset: 4,
        };
        let page = Page::from_overfetch(vec![1, 2, 3], request);
        assert_eq!((page.items.len(), page.has_next), (2, true));
        let last = Page::from_overfetch(vec![1, 2], request);
        assert!(!last.has_next);
        assert_eq!(page.cursor(1), encode_cursor(5));
    }
}

//! Relay connections: `totalCount` (counted only when asked for), `pageInfo`, `edges`
//! and `nodes`, one set of types per paged list.

use std::{future::Future, pin::Pin};

use async_graphql::SimpleObject;
use sea_orm::Condition;

use crate::{
    error::{IntoGql, Result},
    service::page::{Page, PageRequest},
};

/// Where a page stands in the whole list.
#[derive(SimpleObject, Debug, Clone)]
pub struct PageInfo {
    /// Whether items follow this page.
    pub has_next_page: bool,
    /// Whether items come before this page.
    pub has_previous_page: bool,
    /// Cursor of the first item of the page.
    pub start_cursor: Option<String>,
    /// Cursor of the last item; pass it as `after` for the next page.
    pub end_cursor: Option<String>,
}

impl PageInfo {
    /// Describes `page`.
    pub fn of<T>(page: &Page<T>) -> Self {
        let len = page.items.len();
        Self {
            has_next_page: page.has_next,
            has_previous_page: page.offset > 0,
            start_cursor: (len > 0).then(|| page.cursor(0)),
            end_cursor: len.checked_sub(1).map(|last| page.cursor(last)),
        }
    }
}

/// How a connection counts its whole list, when `totalCount` is asked for.
pub enum Total {
    /// The rows matching a condition: a root list.
    Matching(Condition),
    /// The rows pointing at one parent, counted through a DataLoader together with
    /// its siblings' counts: a back-link.
    Loaded(Box<dyn LoadCount>),
}

/// A count that loads through the schema's DataLoaders.
pub trait LoadCount: Send + Sync {
    /// Loads the count; concurrent calls share one statement.
    fn load<'a>(
        &'a self,
        loaders: &'a super::loaders::Loaders,
    ) -> Pin<Box<dyn Future<Output = async_graphql::Result<u64>> + Send + 'a>>;
}

/// The steps of every paged list: check `first` and `after`, build the filter's
/// condition (its bad values named as `filter.*` arguments), fetch one page; returns the
/// page and the condition, which `totalCount` needs.
pub(crate) async fn paged<M, F>(
    first: Option<i32>,
    after: Option<String>,
    condition: impl Future<Output = Result<Condition>>,
    fetch: impl FnOnce(Condition, PageRequest) -> F,
) -> async_graphql::Result<(Page<M>, Condition)>
where
    F: Future<Output = Result<Page<M>>>,
{
    let request = PageRequest::parse(first, after.as_deref()).gql()?;
    let condition = condition.await.gql_as(super::filter_field)?;
    let page = fetch(condition.clone(), request).await.gql()?;
    Ok((page, condition))
}

/// Declares `$connection` and `$edge` for nodes of type `$node` built from `$model`;
/// `$count` counts the rows of a condition.
macro_rules! connection {
    ($connection:ident, $edge:ident, $node:ident, $model:ty, $count:path, $what:literal) => {
        #[doc = concat!("A page of ", $what, ".")]
        pub struct $connection {
            page: $crate::service::page::Page<$model>,
            total: $crate::graphql::connection::Total,
        }

        #[doc = concat!("One of ", $what, " with its cursor.")]
        #[derive(async_graphql::SimpleObject)]
        pub struct $edge {
            /// Opaque position of this item; pass it as `after` to continue after it.
            pub cursor: String,
            /// The item.
            pub node: $node,
        }

        impl From<($crate::service::page::Page<$model>, sea_orm::Condition)> for $connection {
            /// Wraps a page; the condition is kept to count the whole list on demand.
            fn from(
                (page, condition): ($crate::service::page::Page<$model>, sea_orm::Condition),
            ) -> Self {
                Self {
                    page,
                    total: $crate::graphql::connection::Total::Matching(condition),
                }
            }
        }

        impl
            From<(
                $crate::service::page::Page<$model>,
                $crate::graphql::connection::Total,
            )> for $connection
        {
            /// Wraps a page with the way to count its whole list.
            fn from(
                (page, total): (
                    $crate::service::page::Page<$model>,
                    $crate::graphql::connection::Total,
                ),
            ) -> Self {
                Self { page, total }
            }
        }

        #[doc = concat!("A page of ", $what, ".")]
        #[async_graphql::Object]
        impl $connection {
            #[doc = concat!("How many ", $what, " match, on all pages.")]
            async fn total_count(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::Result<u64> {
                use $crate::error::IntoGql;
                match &self.total {
                    $crate::graphql::connection::Total::Matching(condition) => $count(
                        ctx.data_unchecked::<sea_orm::DatabaseConnection>(),
                        condition.clone(),
                    )
                    .await
                    .gql(),
                    $crate::graphql::connection::Total::Loaded(count) => {
                        count
                            .load(ctx.data_unchecked::<$crate::graphql::loaders::Loaders>())
                            .await
                    }
                }
            }

            /// Where this page stands in the whole list.
            async fn page_info(&self) -> $crate::graphql::connection::PageInfo {
                $crate::graphql::connection::PageInfo::of(&self.page)
            }

            /// The items with their cursors.
            async fn edges(&self) -> Vec<$edge> {
                self.page
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| $edge {
                        cursor: self.page.cursor(i),
                        node: $node(item.clone()),
                    })
                    .collect()
            }

            /// The items alone.
            async fn nodes(&self) -> Vec<$node> {
                self.page.items.iter().cloned().map($node).collect()
            }
        }
    };
}

pub(crate) use connection;

//! Back-links: from a region, organisation, theme, sub-code or interview to the rows
//! that point at it, as paged connections. Pages and counts load through DataLoaders,
//! so a list of parents takes one statement for all their pages and one for all their
//! counts, whatever its length.

use std::{collections::HashMap, future::Future, marker::PhantomData, pin::Pin, sync::Arc};

use async_graphql::{Context, dataloader::Loader};
use sea_orm::EntityTrait;

use super::{
    connection::{LoadCount, Total},
    loaders::{DbLoader, Loaders, load_one},
};
use crate::{
    error::{Error, IntoGql},
    service::{
        backlinks::{self, BackLink},
        page::{Page, PageRequest},
    },
};

/// The rows of `L`'s entity.
type Model<L> = <<L as BackLink>::Entity as EntityTrait>::Model;

/// Which rows of a back-link: one parent's, all or only the public's share.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Linked<L: BackLink> {
    parent: L::Parent,
    restricted: bool,
    link: PhantomData<L>,
}

/// One page of a back-link.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinkedPage<L: BackLink>(Linked<L>, PageRequest);

impl<L: BackLink> Loader<LinkedPage<L>> for DbLoader
where
    Model<L>: Sync,
{
    type Value = Page<Model<L>>;
    type Error = Arc<Error>;

    async fn load(
        &self,
        keys: &[LinkedPage<L>],
    ) -> Result<HashMap<LinkedPage<L>, Self::Value>, Arc<Error>> {
        // The siblings of one list share their page request; group by it all the same.
        let mut groups: HashMap<(bool, PageRequest), Vec<L::Parent>> = HashMap::new();
        for LinkedPage(linked, request) in keys {
            groups
                .entry((linked.restricted, *request))
                .or_default()
                .push(linked.parent.clone());
        }
        let mut pages = HashMap::new();
        for ((restricted, request), parents) in groups {
            let found = backlinks::pages::<L>(self.db(), &parents, restricted, request)
                .await
                .map_err(Arc::new)?;
            for (parent, page) in found {
                let linked = Linked {
                    parent,
                    restricted,
                    link: PhantomData,
                };
                pages.insert(LinkedPage(linked, request), page);
            }
        }
        Ok(pages)
    }
}

impl<L: BackLink> Loader<Linked<L>> for DbLoader {
    type Value = u64;
    type Error = Arc<Error>;

    async fn load(&self, keys: &[Linked<L>]) -> Result<HashMap<Linked<L>, u64>, Arc<Error>> {
        let mut groups: HashMap<bool, Vec<L::Parent>> = HashMap::new();
        for linked in keys {
            groups
                .entry(linked.restricted)
                .or_default()
                .push(linked.parent.clone());
        }
        let mut counts = HashMap::new();
        for (restricted, parents) in groups {
            let found = backlinks::counts::<L>(self.db(), &parents, restricted)
                .await
                .map_err(Arc::new)?;
            for (parent, n) in found {
                let linked = Linked {
                    parent,
                    restricted,
                    link: PhantomData,
                };
                counts.insert(linked, n);
            }
        }
        Ok(counts)
    }
}

impl<L: BackLink> LoadCount for Linked<L> {
    fn load<'a>(
        &'a self,
        loaders: &'a Loaders,
    ) -> Pin<Box<dyn Future<Output = async_graphql::Result<u64>> + Send + 'a>> {
        Box::pin(async move { Ok(loaders.load_one(self.clone()).await.gql()?.unwrap_or(0)) })
    }
}

/// A page of the rows of `L` that point at `parent`, and how to count them all;
/// `restricted` keeps to the public's share where `L` has one.
pub(super) async fn linked<L: BackLink>(
    ctx: &Context<'_>,
    parent: L::Parent,
    restricted: bool,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<(Page<Model<L>>, Total)>
where
    Model<L>: Sync,
{
    let request = PageRequest::parse(first, after.as_deref()).gql()?;
    let linked = Linked::<L> {
        parent,
        restricted,
        link: PhantomData,
    };
    let page = load_one(ctx, LinkedPage(linked.clone(), request))
        .await?
        .unwrap_or(Page {
            items: Vec::new(),
            offset: request.offset,
            has_next: false,
        });
    Ok((page, Total::Loaded(Box::new(linked))))
}

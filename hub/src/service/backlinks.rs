//! The rows that point at a parent (a region's organisations, a theme's findings),
//! one page per parent for a whole batch of parents in one statement, and their counts
//! in another: what the GraphQL back-links ask for through their DataLoaders.

use std::{collections::HashMap, hash::Hash};

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult,
    QueryFilter, QuerySelect, QueryTrait, Select, TryGetable,
    sea_query::{
        Alias, Asterisk, Expr, ExprTrait, Order, OverStatement, Query, Value, WindowStatement,
    },
};

use crate::{
    entity::{
        collaboration, collaboration_organisation, collaboration_theme, finding, guidance,
        guidance_link, interview, organisation, question, respondent,
    },
    error::Result,
    service::page::{Page, PageRequest},
};

/// One kind of back-link: the child rows, the column holding their parent's key, and
/// their order under one parent.
pub trait BackLink: std::fmt::Debug + Clone + Eq + Hash + Send + Sync + 'static {
    /// The child rows' entity.
    type Entity: EntityTrait;
    /// The parent's key.
    type Parent: std::fmt::Debug
        + Clone
        + Eq
        + Hash
        + Send
        + Sync
        + Into<Value>
        + TryGetable
        + 'static;
    /// The parent's key as a child row holds it, qualified with its table.
    fn parent() -> Expr;
    /// The child rows of every parent, with any joins that reach the parent's key.
    fn children() -> Select<Self::Entity>;
    /// A parent's children in order; the last expression is unique.
    fn order() -> Vec<Expr>;
    /// The rows a restricted caller may see (the public's share of the findings).
    fn scope(_restricted: bool) -> Condition {
        Condition::all()
    }
}

const PARENT: &str = "backlink_parent";
const POSITION: &str = "backlink_position";

fn linked<L: BackLink>(parents: &[L::Parent], restricted: bool) -> Select<L::Entity> {
    L::children()
        .filter(L::parent().is_in(parents.iter().cloned()))
        .filter(L::scope(restricted))
}

/// One page of children for each of `parents` (`request` applies to each parent on its
/// own), in one statement; a parent without children has an empty page.
pub async fn pages<L: BackLink>(
    db: &DatabaseConnection,
    parents: &[L::Parent],
    restricted: bool,
    request: PageRequest,
) -> Result<HashMap<L::Parent, Page<<L::Entity as EntityTrait>::Model>>> {
    let mut window = WindowStatement::new();
    window.add_partition_by(L::parent());
    for expr in L::order() {
        window.order_by_expr(expr, Order::Asc);
    }
    let mut inner = linked::<L>(parents, restricted);
    let select = QueryTrait::query(&mut inner);
    select.expr_as(L::parent(), Alias::new(PARENT));
    select.expr_window_as(Expr::cust("ROW_NUMBER()"), window, Alias::new(POSITION));
    // Positions count from 1; one more than the page tells whether another follows.
    let first = request.offset as i64;
    let last = first + request.limit as i64 + 1;
    let outer = Query::select()
        .column(Asterisk)
        .from_subquery(inner.into_query(), Alias::new("linked"))
        .and_where(Expr::col(Alias::new(POSITION)).gt(first))
        .and_where(Expr::col(Alias::new(POSITION)).lte(last))
        .order_by(Alias::new(PARENT), Order::Asc)
        .order_by(Alias::new(POSITION), Order::Asc)
        .to_owned();
    let rows = db.query_all(&outer).await?;
    let mut grouped: HashMap<L::Parent, Vec<_>> =
        parents.iter().map(|p| (p.clone(), Vec::new())).collect();
    for row in rows {
        let parent: L::Parent = row.try_get("", PARENT)?;
        let child = <L::Entity as EntityTrait>::Model::from_query_result(&row, "")?;
        grouped.entry(parent).or_default().push(child);
    }
    Ok(grouped
        .into_iter()
        .map(|(parent, rows)| (parent, Page::from_overfetch(rows, request)))
        .collect())
}

/// How many children each of `parents` has, in one statement.
pub async fn counts<L: BackLink>(
    db: &DatabaseConnection,
    parents: &[L::Parent],
    restricted: bool,
) -> Result<HashMap<L::Parent, u64>> {
    let mut select = linked::<L>(parents, restricted).select_only().into_query();
    select
        .expr_as(L::parent(), Alias::new(PARENT))
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("backlink_count"))
        .add_group_by([L::parent()]);
    let rows = db.query_all(&select).await?;
    let mut counts: HashMap<L::Parent, u64> = parents.iter().map(|p| (p.clone(), 0)).collect();
    for row in rows {
        let parent: L::Parent = row.try_get("", PARENT)?;
        let n: i64 = row.try_get("", "backlink_count")?;
        counts.insert(parent, u64::try_from(n).unwrap_or(0));
    }
    Ok(counts)
}

macro_rules! direct {
    ($(#[$doc:meta])* $name:ident: $entity:ident::$column:ident as $parent:ty, order $($order:ident),+) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name;

        impl BackLink for $name {
            type Entity = $entity::Entity;
            type Parent = $parent;
            fn parent() -> Expr {
                Expr::col(($entity::Entity, $entity::Column::$column))
            }
            fn children() -> Select<Self::Entity> {
                $entity::Entity::find()
            }
            fn order() -> Vec<Expr> {
                vec![$(Expr::col(($entity::Entity, $entity::Column::$order))),+]
            }
            direct!(@scope $entity);
        }
    };
    (@scope finding) => {
        fn scope(restricted: bool) -> Condition {
            if restricted {
                crate::access::public_findings()
            } else {
                Condition::all()
            }
        }
    };
    (@scope $entity:ident) => {};
}

direct!(
    /// A region's organisations, by name.
    OrganisationsOfRegion: organisation::RegionId as i32, order Name, Id
);
direct!(
    /// A region's survey respondents, by id.
    RespondentsOfRegion: respondent::RegionId as i32, order Id
);
direct!(
    /// A region's interviews, by date.
    InterviewsOfRegion: interview::RegionId as i32, order HeldOn, Id
);
direct!(
    /// A region's collaborations, by title.
    CollaborationsOfRegion: collaboration::RegionId as i32, order Title, Id
);
direct!(
    /// A theme's questions, in survey and question order.
    QuestionsOfTheme: question::ThemeCode as String, order SurveyId, Position, Id
);
direct!(
    /// A theme's findings, by id.
    FindingsOfTheme: finding::ThemeCode as String, order Id
);
direct!(
    /// A sub-code's findings, by id.
    FindingsOfSubCode: finding::SubCode as String, order Id
);
direct!(
    /// An interview's findings, by id.
    FindingsOfInterview: finding::InterviewId as i32, order Id
);

macro_rules! joined {
    ($(#[$doc:meta])* $name:ident: collaboration via $link:ident::$column:ident as $parent:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name;

        impl BackLink for $name {
            type Entity = collaboration::Entity;
            type Parent = $parent;
            fn parent() -> Expr {
                Expr::col(($link::Entity, $link::Column::$column))
            }
            fn children() -> Select<Self::Entity> {
                let mut select = collaboration::Entity::find();
                QueryTrait::query(&mut select).inner_join(
                    $link::Entity,
                    Expr::col(($link::Entity, $link::Column::CollaborationId))
                        .equals((collaboration::Entity, collaboration::Column::Id)),
                );
                select
            }
            fn order() -> Vec<Expr> {
                vec![
                    Expr::col((collaboration::Entity, collaboration::Column::Title)),
                    Expr::col((collaboration::Entity, collaboration::Column::Id)),
                ]
            }
        }
    };
}

joined!(
    /// The collaborations an organisation took part in, by title.
    CollaborationsOfOrganisation: collaboration via collaboration_organisation::OrganisationId as i32
);
joined!(
    /// The collaborations addressing a theme, by title.
    CollaborationsOfTheme: collaboration via collaboration_theme::ThemeCode as String
);

/// The recommendations answering a theme, in the project's order; the public's share
/// is the published ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecommendationsOfTheme;

impl BackLink for RecommendationsOfTheme {
    type Entity = guidance::Entity;
    type Parent = String;
    fn parent() -> Expr {
        Expr::col((guidance_link::Entity, guidance_link::Column::ThemeCode))
    }
    fn children() -> Select<Self::Entity> {
        let mut select =
            guidance::Entity::find().filter(guidance::Column::Kind.eq("RECOMMENDATION"));
        QueryTrait::query(&mut select).inner_join(
            guidance_link::Entity,
            Expr::col((guidance_link::Entity, guidance_link::Column::GuidanceId))
                .equals((guidance::Entity, guidance::Column::Id)),
        );
        select
    }
    fn order() -> Vec<Expr> {
        vec![
            Expr::col((guidance::Entity, guidance::Column::Position)),
            Expr::col((guidance::Entity, guidance::Column::Id)),
        ]
    }
    fn scope(restricted: bool) -> Condition {
        if restricted {
            crate::service::guidance::published()
        } else {
            Condition::all()
        }
    }
}

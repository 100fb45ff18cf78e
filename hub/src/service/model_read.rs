//! Entity models read from a row by the position of each column, found once per
//! statement. sea-orm's derived `from_query_result` looks every column up by a name it
//! formats anew (`format!("{prefix}{column}")`) for each row: for the page of 50
//! organisations with their regions that was a third of the hub's CPU per request on
//! PostgreSQL (BENCHMARKS.md, "Models by position"). Each value is read as its entity
//! column's type and set on the entity's `ActiveModel`, which refuses a value of another
//! type, so the models are the ones sea-orm reads.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ColumnType, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, IdenStatic, Iterable, QueryResult, QueryTrait, Select, SelectA, SelectB,
    SelectTwo, Statement, TryIntoModel,
    sea_query::{Expr, SelectStatement, Value},
};

use super::sqlite_read;

/// Runs `statement` and reads each row with `read`: through rusqlite on the blocking
/// pool when `db` is a SQLite file this process opened (`sqlite_read`), through sea-orm
/// (sqlx) otherwise.
pub async fn query_rows<T>(
    db: &DatabaseConnection,
    statement: Statement,
    mut read: impl FnMut(&dyn Cells) -> Result<T, DbErr> + Send + 'static,
) -> Result<Vec<T>, DbErr>
where
    T: Send + 'static,
{
    if let Some(reader) = sqlite_read::of(db) {
        let values = statement.values.as_ref().map_or(&[][..], |v| &v.0[..]);
        if let Some(bound) = sqlite_read::bind_all(values) {
            let read = move |row: &rusqlite::Row<'_>| read(row);
            return reader.query_bound(statement.sql, bound, read).await;
        }
    }
    (db.query_all_raw(statement).await?.iter())
        .map(|row| read(row))
        .collect()
}

/// Every model `select` selects, in its order: `Select::all` without sea-orm's reading
/// by name.
pub async fn all<E>(db: &DatabaseConnection, select: Select<E>) -> Result<Vec<E::Model>, DbErr>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
    E::Model: Send + 'static,
{
    let statement = db.get_database_backend().build(&select.into_query());
    let mut models = ModelReader::<E>::new("");
    query_rows(db, statement, move |row| models.read(row)).await
}

/// The first model `select` selects: `Select::one` without sea-orm's reading by name.
pub async fn one<E>(db: &DatabaseConnection, select: Select<E>) -> Result<Option<E::Model>, DbErr>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
    E::Model: Send + 'static,
{
    let mut models = ModelReader::<E>::new("");
    first(db, select, move |row| models.read(row)).await
}

/// The first pair `select` selects (`find_also_related`): `SelectTwo::one` without
/// sea-orm's reading by name.
pub async fn one_pair<A, B>(
    db: &DatabaseConnection,
    select: SelectTwo<A, B>,
) -> Result<Option<Pair<A, B>>, DbErr>
where
    A: EntityTrait,
    B: EntityTrait,
    A::ActiveModel: TryIntoModel<A::Model>,
    B::ActiveModel: TryIntoModel<B::Model>,
    A::Model: Send + 'static,
    B::Model: Send + 'static,
{
    first(db, select, pair_reader::<A, B>()).await
}

/// The first row `query` selects, read by `read`.
async fn first<T: Send + 'static>(
    db: &DatabaseConnection,
    query: impl QueryTrait<QueryStatement = SelectStatement>,
    read: impl FnMut(&dyn Cells) -> Result<T, DbErr> + Send + 'static,
) -> Result<Option<T>, DbErr> {
    let mut statement = db.get_database_backend().build(&query.into_query());
    statement.sql.push_str(" LIMIT 1");
    Ok(query_rows(db, statement, read).await?.into_iter().next())
}

/// A row of a `SelectTwo<A, B>`: `A`'s model and, when the outer join found one, `B`'s.
pub type Pair<A, B> = (<A as EntityTrait>::Model, Option<<B as EntityTrait>::Model>);

/// Reads the pairs of a `SelectTwo<A, B>`: `A`'s columns and `B`'s, `None` for a `B`
/// the outer join did not find.
pub fn pair_reader<A, B>() -> impl FnMut(&dyn Cells) -> Result<Pair<A, B>, DbErr> + Send + 'static
where
    A: EntityTrait,
    B: EntityTrait,
    A::ActiveModel: TryIntoModel<A::Model>,
    B::ActiveModel: TryIntoModel<B::Model>,
{
    let mut first = ModelReader::<A>::new(SelectA.as_str());
    let mut second = ModelReader::<B>::new(SelectB.as_str());
    move |row| Ok((first.read(row)?, second.read_optional(row)?))
}

/// Like `pair_reader`, for a statement narrowed by `narrow_pair`: the columns it left
/// out get `filler` values.
pub fn partial_pair_reader<A, B>()
-> impl FnMut(&dyn Cells) -> Result<Pair<A, B>, DbErr> + Send + 'static
where
    A: EntityTrait,
    B: EntityTrait,
    A::ActiveModel: TryIntoModel<A::Model>,
    B::ActiveModel: TryIntoModel<B::Model>,
{
    let mut first = ModelReader::<A>::partial(SelectA.as_str());
    let mut second = ModelReader::<B>::partial(SelectB.as_str());
    move |row| Ok((first.read(row)?, second.read_optional(row)?))
}

/// Narrows the columns a `Select<E>` selects to `columns`, as `narrow_pair` does for
/// two entities. Read the rows with `ModelReader::partial("")`.
pub fn narrow<E: EntityTrait>(query: &mut SelectStatement, columns: &[E::Column]) {
    select_columns::<E>(query.clear_selects(), "", columns);
}

/// Narrows the columns a `SelectTwo<A, B>` selects to `a` of `A` and `b` of `B`, named
/// as sea-orm names them (`A_column`, `B_column`), for a page whose fields read only
/// those: fewer cells for the database to send and for the hub to decode (BENCHMARKS.md,
/// "Only the columns asked for"). Read the rows with `partial_pair_reader`; the models
/// then hold `filler` values in the other columns, so only fields that read none of them
/// may be resolved from such models.
pub fn narrow_pair<A: EntityTrait, B: EntityTrait>(
    query: &mut SelectStatement,
    a: &[A::Column],
    b: &[B::Column],
) {
    select_columns::<A>(query.clear_selects(), SelectA.as_str(), a);
    select_columns::<B>(query, SelectB.as_str(), b);
}

/// Adds `columns` of `E` to `query`'s select list as sea-orm selects them, each named
/// `{prefix}{column}`.
fn select_columns<E: EntityTrait>(
    query: &mut SelectStatement,
    prefix: &str,
    columns: &[E::Column],
) {
    for column in columns {
        let expr = column.select_as(Expr::col((E::default(), *column)));
        query.expr_as(expr, format!("{prefix}{}", column.as_str()));
    }
}

/// A row whose cells can be read as sea-query values: sea-orm's `QueryResult` (sqlx)
/// and rusqlite's `Row` (`sqlite_read`).
pub trait Cells {
    /// The statement's column names, in order.
    fn names(&self) -> Vec<String>;
    /// The cell at `index` as the variant sea-orm reads a column of type `kind` from
    /// (exactly that variant, `None` inside it for NULL).
    fn value(&self, index: usize, kind: &ColumnType) -> Result<Value, String>;
}

/// Reads the models of `E` from rows whose columns are `E`'s, each named with a
/// prefix (`A_`, `B_` when a query selects two entities).
pub struct ModelReader<E: EntityTrait> {
    prefix: &'static str,
    /// Whether columns the statement left out get `filler` values.
    partial: bool,
    /// Each column of `E` with where its value comes from and its type, found on the
    /// first row.
    plan: Option<Vec<(E::Column, Cell, ColumnType)>>,
    values: Vec<Value>,
}

/// Where a column's value comes from.
enum Cell {
    /// The row's cell at this position.
    At(usize),
    /// A column the statement left out: this value.
    Fill(Value),
}

impl<E> ModelReader<E>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
{
    /// A reader of `E`'s columns named `{prefix}{column}`.
    pub fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            partial: false,
            plan: None,
            values: Vec::new(),
        }
    }

    /// A reader of the columns of `E` a statement selects, each named
    /// `{prefix}{column}`; a column it left out gets its `filler` value (and one that
    /// has none, an enum's, is an error).
    pub fn partial(prefix: &'static str) -> Self {
        Self {
            partial: true,
            ..Self::new(prefix)
        }
    }

    /// The model in `row`.
    pub fn read(&mut self, row: &(impl Cells + ?Sized)) -> Result<E::Model, DbErr> {
        self.read_optional(row)?.ok_or_else(|| {
            DbErr::Custom(format!(
                "reading a row: no columns of {}",
                E::default().as_str()
            ))
        })
    }

    /// The model in `row`, or `None` when all its columns are NULL (an outer join
    /// that found nothing).
    pub fn read_optional(
        &mut self,
        row: &(impl Cells + ?Sized),
    ) -> Result<Option<E::Model>, DbErr> {
        let plan = match &self.plan {
            Some(plan) => plan,
            None => (self.plan).insert(plan::<E>(&row.names(), self.prefix, self.partial)?),
        };
        self.values.clear();
        let mut all_null = true;
        for (column, cell, kind) in plan {
            let value = match cell {
                Cell::At(index) => row.value(*index, kind).map_err(|e| {
                    DbErr::Custom(format!(
                        "reading a row: {}.{}: {e}",
                        E::default().as_str(),
                        column.as_str()
                    ))
                })?,
                Cell::Fill(value) => {
                    self.values.push(value.clone());
                    continue;
                }
            };
            all_null &= value == value.as_null();
            self.values.push(value);
        }
        if all_null {
            return Ok(None);
        }
        let mut model = <E::ActiveModel as ActiveModelTrait>::default();
        for ((column, _, _), value) in plan.iter().zip(self.values.drain(..)) {
            model.try_set(*column, value)?;
        }
        model.try_into_model().map(Some)
    }
}

/// Where each column of `E` is among `names` (or, when `partial`, the value of one that
/// is not), and its type.
fn plan<E: EntityTrait>(
    names: &[impl AsRef<str>],
    prefix: &str,
    partial: bool,
) -> Result<Vec<(E::Column, Cell, ColumnType)>, DbErr> {
    E::Column::iter()
        .map(|column| {
            let def = column.def();
            let kind = def.get_column_type().clone();
            let index = (names.iter())
                .position(|name| name.as_ref().strip_prefix(prefix) == Some(column.as_str()));
            let cell = match index {
                Some(index) => Some(Cell::At(index)),
                None if partial => filler(&kind, def.is_null()).map(Cell::Fill),
                None => None,
            };
            let cell = cell.ok_or_else(|| {
                DbErr::Custom(format!(
                    "reading a row: the statement has no column {prefix}{}",
                    column.as_str()
                ))
            })?;
            Ok((column, cell, kind))
        })
        .collect()
}

/// The value a model holds in a column its statement left out: NULL when the column may
/// be NULL, else its type's zero (0, "", JSON null); `None` for a type without one (an
/// enum, a date), which must always be selected.
fn filler(kind: &ColumnType, nullable: bool) -> Option<Value> {
    use ColumnType as C;
    let value = match kind {
        C::Integer => Value::Int(Some(0)),
        C::BigInteger => Value::BigInt(Some(0)),
        C::SmallInteger => Value::SmallInt(Some(0)),
        C::Boolean => Value::Bool(Some(false)),
        C::Double | C::Float => Value::Double(Some(0.0)),
        C::String(_) | C::Text | C::Char(_) => Value::String(Some(String::new())),
        C::Json | C::JsonBinary => Value::Json(Some(Box::new(serde_json::Value::Null))),
        C::Enum { .. } if nullable => Value::String(None),
        C::Date if nullable => Value::ChronoDate(None),
        C::TimestampWithTimeZone if nullable => Value::ChronoDateTimeUtc(None),
        _ => return None,
    };
    Some(if nullable { value.as_null() } else { value })
}

impl Cells for QueryResult {
    fn names(&self) -> Vec<String> {
        self.column_names()
    }

    fn value(&self, index: usize, kind: &ColumnType) -> Result<Value, String> {
        use ColumnType as C;
        let e = |e: DbErr| e.to_string();
        Ok(match kind {
            C::Integer => Value::Int(self.try_get_by_index(index).map_err(e)?),
            C::BigInteger => Value::BigInt(self.try_get_by_index(index).map_err(e)?),
            C::SmallInteger => Value::SmallInt(self.try_get_by_index(index).map_err(e)?),
            C::Boolean => Value::Bool(self.try_get_by_index(index).map_err(e)?),
            C::Double | C::Float => Value::Double(self.try_get_by_index(index).map_err(e)?),
            C::String(_) | C::Text | C::Char(_) | C::Enum { .. } => {
                Value::String(self.try_get_by_index(index).map_err(e)?)
            }
            C::Json | C::JsonBinary => Value::Json(
                self.try_get_by_index::<Option<serde_json::Value>>(index)
                    .map_err(e)?
                    .map(Box::new),
            ),
            C::Date => Value::ChronoDate(self.try_get_by_index(index).map_err(e)?),
            C::TimestampWithTimeZone => {
                Value::ChronoDateTimeUtc(self.try_get_by_index(index).map_err(e)?)
            }
            C::Blob | C::Binary(_) | C::VarBinary(_) => {
                Value::Bytes(self.try_get_by_index(index).map_err(e)?)
            }
            other => return Err(format!("the column type {other:?} is not read here")),
        })
    }
}

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
    sea_query::{SelectStatement, Value},
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
    /// Each column of `E` with its position in the row and its type, found on the
    /// first row.
    plan: Option<Vec<(E::Column, usize, ColumnType)>>,
    values: Vec<Value>,
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
            plan: None,
            values: Vec::new(),
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
            None => self.plan.insert(plan::<E>(&row.names(), self.prefix)?),
        };
        self.values.clear();
        for (column, index, kind) in plan {
            let value = row.value(*index, kind).map_err(|e| {
                DbErr::Custom(format!(
                    "reading a row: {}.{}: {e}",
                    E::default().as_str(),
                    column.as_str()
                ))
            })?;
            self.values.push(value);
        }
        if self.values.iter().all(|value| *value == value.as_null()) {
            return Ok(None);
        }
        let mut model = <E::ActiveModel as ActiveModelTrait>::default();
        for ((column, _, _), value) in plan.iter().zip(self.values.drain(..)) {
            model.try_set(*column, value)?;
        }
        model.try_into_model().map(Some)
    }
}

/// Where each column of `E` is among `names`, and its type.
fn plan<E: EntityTrait>(
    names: &[impl AsRef<str>],
    prefix: &str,
) -> Result<Vec<(E::Column, usize, ColumnType)>, DbErr> {
    E::Column::iter()
        .map(|column| {
            let index = names
                .iter()
                .position(|name| name.as_ref().strip_prefix(prefix) == Some(column.as_str()))
                .ok_or_else(|| {
                    DbErr::Custom(format!(
                        "reading a row: the statement has no column {prefix}{}",
                        column.as_str()
                    ))
                })?;
            Ok((column, index, column.def().get_column_type().clone()))
        })
        .collect()
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

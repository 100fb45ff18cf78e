//! Entity models read from a row by the position of each column, found once per
//! statement. sea-orm's derived `from_query_result` looks every column up by a name it
//! formats anew (`format!("{prefix}{column}")`) for each row: for the page of 50
//! organisations with their regions that was a third of the hub's CPU per request on
//! PostgreSQL (BENCHMARKS.md, "Models by position"). Each value is read as its entity
//! column's type and set on the entity's `ActiveModel`, which refuses a value of another
//! type, so the models are the ones sea-orm reads.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ColumnType, DbErr, EntityTrait, IdenStatic, Iterable,
    QueryResult, TryIntoModel, sea_query::Value,
};

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

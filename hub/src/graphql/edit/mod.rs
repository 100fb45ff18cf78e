//! The mutation root: writes of single records by editors (in their regions) and
//! admins, checked with the importers' rules, with optimistic concurrency on each
//! record's `version`, one audit event and a new data version per change.

use async_graphql::{Context, ID, MaybeUndefined, MergedObject, Result};

use crate::{
    error::{Error, FieldProblem},
    graphql::db,
    service::edit::Patch,
};

mod collaboration;
mod organisation;
mod records;

pub use collaboration::CollaborationInput;
pub use organisation::{MergeResult, OrganisationInput};
pub use records::{FindingInput, InterviewInput, NameInput};

/// The mutation root.
#[derive(MergedObject, Default)]
pub struct Mutation(
    organisation::OrganisationMutation,
    collaboration::CollaborationMutation,
    records::RecordsMutation,
);

/// Puts a field into `patch`: left out keeps, `null` clears, a value sets.
pub(super) fn set<T>(
    patch: &mut Patch,
    field: &'static str,
    value: MaybeUndefined<T>,
    text: impl Fn(T) -> String,
) {
    match value {
        MaybeUndefined::Undefined => {}
        MaybeUndefined::Null => patch.push((field, None)),
        MaybeUndefined::Value(v) => patch.push((field, Some(text(v)))),
    }
}

/// A field that cannot be cleared: left out or a value.
pub(super) fn given<T>(value: Option<T>) -> MaybeUndefined<T> {
    value.map_or(MaybeUndefined::Undefined, MaybeUndefined::Value)
}

/// A list as the file writes it; an item may not hold the file's separator.
pub(super) fn list(field: &'static str, items: Vec<String>) -> Result<String, Error> {
    if let Some(bad) = items.iter().find(|i| i.contains(';')) {
        return Err(Error::Invalid(vec![FieldProblem {
            field: format!("input.{field}"),
            code: "constraint-error".into(),
            value: Some(bad.clone()),
            message: "an item may not contain \";\"".into(),
        }]));
    }
    Ok(items.join(";"))
}

/// After a write, this process sees the new data version at once (the next request
/// answers from it, not from the cache of the version before).
pub(super) async fn seen(ctx: &Context<'_>) {
    if let Some(frames) = ctx.data_opt::<std::sync::Arc<crate::service::frames::FrameCache>>()
        && let Err(error) = frames.after_write(db(ctx)).await
    {
        tracing::warn!(%error, "cannot read the data version after a write");
    }
}

/// A record's id as the database numbers it.
pub(super) fn parse_id(id: &ID, what: &str) -> Result<i32, Error> {
    id.parse()
        .map_err(|_| Error::bad_input("id", format!("{:?} is not the id of {what}", id.as_str())))
}

//! The walk over a document that [`Guard::measure`](super::Guard::measure) makes:
//! fragments measured once per type and page size they are spread into, introspection
//! counted apart.

use std::collections::HashMap;

use async_graphql::{
    Value as ConstValue, Variables,
    parser::types::{ExecutableDocument, Field, Selection, SelectionSet},
};

use super::{
    ANALYTICS_WEIGHT, COUNT_WEIGHT, Guard, LONG_LISTS, Measure, SEARCH_WEIGHT, SHORT_LIST,
    UNPAGED_LIST,
};
use crate::{
    access::{Role, rules},
    service::page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE},
};

/// One measuring of one document: fragments are measured once per type they are
/// spread into, and a fragment that spreads itself is refused.
pub(super) struct Walk<'a> {
    pub(super) guard: &'a Guard,
    pub(super) document: &'a ExecutableDocument,
    pub(super) variables: &'a Variables,
    pub(super) memo: HashMap<(String, String, u64), Measure>,
    pub(super) open: Vec<String>,
    /// The caller's role.
    pub(super) role: Role,
    /// The first field above it, with the role it needs.
    pub(super) forbidden: Option<(String, Role)>,
}

impl Walk<'_> {
    /// `page` is the size of the enclosing paged list, for its `nodes` and `edges`.
    pub(super) fn selection_set(
        &mut self,
        set: &SelectionSet,
        parent: &str,
        page: u64,
    ) -> Result<Measure, String> {
        let mut total = Measure::default();
        for selection in &set.items {
            let measured = match &selection.node {
                Selection::Field(field) => self.field(&field.node, parent, page)?,
                Selection::InlineFragment(inline) => {
                    let on = inline
                        .node
                        .type_condition
                        .as_ref()
                        .map_or(parent, |c| c.node.on.node.as_str());
                    let mut m = self.selection_set(&inline.node.selection_set.node, on, page)?;
                    m.directives = m
                        .directives
                        .saturating_add(inline.node.directives.len() as u64);
                    m
                }
                Selection::FragmentSpread(spread) => {
                    let mut m =
                        self.fragment(spread.node.fragment_name.node.as_str(), parent, page)?;
                    m.directives = m
                        .directives
                        .saturating_add(spread.node.directives.len() as u64);
                    m
                }
            };
            total.add(measured);
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &str, parent: &str, page: u64) -> Result<Measure, String> {
        let key = (name.to_owned(), parent.to_owned(), page);
        if let Some(measured) = self.memo.get(&key) {
            return Ok(*measured);
        }
        if self.open.iter().any(|open| open == name) {
            return Err(format!("fragment {name:?} spreads itself"));
        }
        let Some(fragment) = self.document.fragments.get(name) else {
            // Validation reports the unknown fragment.
            return Ok(Measure::default());
        };
        self.open.push(name.to_owned());
        let on = fragment.node.type_condition.node.on.node.to_string();
        let measured = self.selection_set(&fragment.node.selection_set.node, &on, page);
        self.open.pop();
        let mut measured = measured?;
        measured.directives = measured
            .directives
            .saturating_add(fragment.node.directives.len() as u64);
        self.memo.insert(key, measured);
        Ok(measured)
    }

    fn field(&mut self, field: &Field, parent: &str, page: u64) -> Result<Measure, String> {
        let name = field.name.node.as_str();
        let alias = u64::from(field.alias.is_some());
        let directives = field.directives.len() as u64;
        if name.starts_with("__") {
            // Introspection: bounded by the schema; counted, but neither deep nor costly.
            let inner = self.introspection(&field.selection_set.node);
            return Ok(Measure {
                cost: 1,
                depth: 0,
                fields: 1 + inner.fields,
                aliases: alias + inner.aliases,
                directives: directives.saturating_add(inner.directives),
                needs: Role::Public,
            });
        }
        let declared = self
            .guard
            .types
            .get(parent)
            .and_then(|fields| fields.get(name))
            .cloned();
        let Some(declared) = declared else {
            // Validation reports the unknown field.
            return Ok(Measure {
                cost: 1,
                depth: 1,
                fields: 1,
                aliases: alias,
                directives,
                needs: Role::Public,
            });
        };
        // A field without a rule is for admins only (a test keeps every field ruled).
        let needs = rules::needed(parent, name).unwrap_or(Role::Admin);
        if needs > self.role && self.forbidden.is_none() {
            self.forbidden = Some((format!("{parent}.{name}"), needs));
        }
        let first = non_negative(self.value(field, "first"));
        let (multiplier, inner_page) = if declared.paged {
            let size = first.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE);
            (1, size)
        } else if declared.list && (name == "nodes" || name == "edges") {
            (page, 1)
        } else if declared.list && (parent == "Analytics" || LONG_LISTS.contains(&(parent, name))) {
            (UNPAGED_LIST, 1)
        } else if declared.list {
            (SHORT_LIST, 1)
        } else {
            (1, page)
        };
        let mut weight = 1;
        if name == "totalCount" {
            weight = COUNT_WEIGHT;
        }
        if parent == "Analytics" {
            weight = ANALYTICS_WEIGHT;
        }
        if has_search(self.value(field, "filter")) {
            weight += SEARCH_WEIGHT;
        }
        let inner = self.selection_set(&field.selection_set.node, &declared.named, inner_page)?;
        let depth = if field.selection_set.node.items.is_empty() {
            1
        } else {
            1 + inner.depth
        };
        Ok(Measure {
            cost: weight.saturating_add(multiplier.saturating_mul(inner.cost)),
            depth,
            fields: 1u64.saturating_add(inner.fields),
            aliases: alias.saturating_add(inner.aliases),
            directives: directives.saturating_add(inner.directives),
            needs: needs.max(inner.needs),
        })
    }

    /// Fields and aliases of an introspection selection, fragments included.
    fn introspection(&mut self, set: &SelectionSet) -> Measure {
        let mut total = Measure::default();
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    let inner = self.introspection(&field.node.selection_set.node);
                    total.add(Measure {
                        cost: 0,
                        depth: 0,
                        fields: 1 + inner.fields,
                        aliases: u64::from(field.node.alias.is_some()) + inner.aliases,
                        directives: (field.node.directives.len() as u64)
                            .saturating_add(inner.directives),
                        needs: Role::Public,
                    });
                }
                Selection::InlineFragment(inline) => {
                    let mut inner = self.introspection(&inline.node.selection_set.node);
                    inner.directives = inner
                        .directives
                        .saturating_add(inline.node.directives.len() as u64);
                    total.add(inner);
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.to_string();
                    let key = (name.clone(), "__introspection".to_owned(), 0);
                    if let Some(measured) = self.memo.get(&key) {
                        total.add(*measured);
                        continue;
                    }
                    if self.open.contains(&name) {
                        // A cycle; validation refuses it, and it must not loop here.
                        continue;
                    }
                    let Some(fragment) = self.document.fragments.get(name.as_str()) else {
                        continue;
                    };
                    self.open.push(name.clone());
                    let measured = self.introspection(&fragment.node.selection_set.node);
                    self.open.pop();
                    self.memo.insert(key, measured);
                    total.add(measured);
                }
            }
        }
        total
    }

    /// An argument's value with its variables filled in (null where a variable is
    /// missing: validation reports that).
    fn value(&self, field: &Field, name: &str) -> Option<ConstValue> {
        let (_, value) = field.arguments.iter().find(|(a, _)| a.node == name)?;
        value
            .node
            .clone()
            .into_const_with(|variable| {
                Ok::<_, std::convert::Infallible>(
                    self.variables
                        .get(&variable)
                        .cloned()
                        .unwrap_or(ConstValue::Null),
                )
            })
            .ok()
    }
}

/// A non-negative integer, or `None` for anything else.
fn non_negative(value: Option<ConstValue>) -> Option<u64> {
    match value? {
        ConstValue::Number(n) => n.as_i64().map(|n| n.max(0) as u64),
        _ => None,
    }
}

/// Whether a `filter` argument holds a `search`.
fn has_search(filter: Option<ConstValue>) -> bool {
    matches!(filter, Some(ConstValue::Object(fields)) if fields.contains_key("search"))
}

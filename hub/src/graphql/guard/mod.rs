//! The cost of a query, measured on the parsed document before the engine validates or
//! runs it, so that no document can make the hub do unbounded work: not its execution
//! (lists multiply their children by what they can return), and not its validation
//! (each fragment is measured once, however often it is spread).
//!
//! The rules, whose numbers are settings:
//! - cost: every field costs its weight (1; `totalCount` 10, a `search` filter 10, each
//!   comparison of `analytics` 100), and a list multiplies the cost of what it selects
//!   by the most items it can return: `first` for a paged list and its `nodes` and
//!   `edges` (at least 1, so `first: 0` costs as much as `first: 1`), 100 for the long
//!   unpaged lists (findings of an interview, a comparison's rows) and 20 for the short
//!   ones (regions, themes, sub-codes);
//! - depth: the nesting of fields, introspection (`__schema`, `__type`) left out, since
//!   its `ofType` chain is bounded by the schema rather than by the client;
//! - fields, aliases and directives: how many the document holds once its fragments are
//!   expanded (a directive repeated thousands of times makes thousands of validation
//!   errors: "directive overloading");
//! - the query text's length in bytes.

mod walk;

use std::{collections::HashMap, sync::Arc};

use async_graphql::{
    Request, ServerError, ServerResult, Variables,
    parser::{
        parse_schema,
        types::{BaseType, ExecutableDocument, OperationType, TypeKind, TypeSystemDefinition},
    },
};
use walk::Walk;

use crate::{
    access::{Needs, Role, Viewer},
    service::page::MAX_PAGE_SIZE,
};

/// The limits a query document must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryLimits {
    /// Most nested fields, introspection left out.
    pub depth: u64,
    /// Highest cost (see the module's rules).
    pub complexity: u64,
    /// Most fields once fragments are expanded.
    pub fields: u64,
    /// Most aliases once fragments are expanded.
    pub aliases: u64,
    /// Most directives once fragments are expanded.
    pub directives: u64,
    /// Longest query text, in bytes.
    pub query_bytes: u64,
}

impl Default for QueryLimits {
    fn default() -> Self {
        Self {
            depth: 12,
            complexity: 20_000,
            fields: 2_000,
            aliases: 100,
            directives: 50,
            query_bytes: 64 << 10,
        }
    }
}

/// What an unpaged list can return: a short list (regions, themes, sub-codes, the kinds
/// of a registry row) counts 20 items ...
pub(super) const SHORT_LIST: u64 = 20;
/// ... and the long ones a full page: these, and every list of a comparison's rows.
pub(super) const LONG_LISTS: [(&str, &str); 5] = [
    ("Interview", "findings"),
    ("Query", "auditEvents"),
    ("Query", "interviews"),
    ("Query", "collaborations"),
    ("Query", "questions"),
];
pub(super) const UNPAGED_LIST: u64 = MAX_PAGE_SIZE;
/// A count over the whole filtered table.
pub(super) const COUNT_WEIGHT: u64 = 10;
/// A text search, a scan of the table.
pub(super) const SEARCH_WEIGHT: u64 = 10;
/// A comparison: a polars job on the frames.
pub(super) const ANALYTICS_WEIGHT: u64 = 100;

/// What a document measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measure {
    /// Cost, saturating at `u64::MAX`.
    pub cost: u64,
    /// Depth of nested fields.
    pub depth: u64,
    /// Fields, fragments expanded.
    pub fields: u64,
    /// Aliases, fragments expanded.
    pub aliases: u64,
    /// Directives (`@include`, `@skip`, unknown ones too), fragments expanded.
    pub directives: u64,
    /// The highest role a field of the document needs (see `access::rules`).
    pub needs: Role,
}

impl Measure {
    fn add(&mut self, other: Measure) {
        self.cost = self.cost.saturating_add(other.cost);
        self.depth = self.depth.max(other.depth);
        self.fields = self.fields.saturating_add(other.fields);
        self.aliases = self.aliases.saturating_add(other.aliases);
        self.directives = self.directives.saturating_add(other.directives);
        self.needs = self.needs.max(other.needs);
    }
}

/// A field as the schema declares it.
#[derive(Debug, Clone)]
struct FieldType {
    /// The named type it returns (the list's item type for a list).
    named: String,
    list: bool,
    paged: bool,
}

/// The schema's types, field by field: what the measuring needs of it.
#[derive(Debug, Default)]
pub struct Guard {
    types: HashMap<String, HashMap<String, FieldType>>,
    limits: QueryLimits,
    documents: super::documents::Documents,
}

impl Guard {
    /// Reads the object types of `sdl`.
    pub fn new(sdl: &str, limits: QueryLimits) -> Self {
        let mut types = HashMap::new();
        if let Ok(document) = parse_schema(sdl) {
            for definition in document.definitions {
                let TypeSystemDefinition::Type(ty) = definition else {
                    continue;
                };
                let fields = match &ty.node.kind {
                    TypeKind::Object(object) => &object.fields,
                    TypeKind::Interface(interface) => &interface.fields,
                    _ => continue,
                };
                let fields = fields
                    .iter()
                    .map(|f| {
                        let (named, list) = named_type(&f.node.ty.node.base);
                        let paged = f.node.arguments.iter().any(|a| a.node.name.node == "first");
                        (
                            f.node.name.node.to_string(),
                            FieldType { named, list, paged },
                        )
                    })
                    .collect();
                types.insert(ty.node.name.node.to_string(), fields);
            }
        }
        Self {
            types,
            limits,
            documents: Default::default(),
        }
    }

    /// Measures the document's operations (all of them: the one to run is chosen later)
    /// for a caller with `role`.
    fn measure(
        &self,
        document: &ExecutableDocument,
        variables: &Variables,
        role: Role,
    ) -> Result<Measure, Refusal> {
        let mut walk = Walk {
            guard: self,
            document,
            variables,
            memo: HashMap::new(),
            open: Vec::new(),
            role,
            forbidden: None,
        };
        let mut total = Measure::default();
        for (_, operation) in document.operations.iter() {
            // A mutation's fields are the `Mutation` type's, with their own rules.
            let root = match operation.node.ty {
                OperationType::Query => "Query",
                OperationType::Mutation => "Mutation",
                OperationType::Subscription => "Subscription",
            };
            let mut measured = walk
                .selection_set(&operation.node.selection_set.node, root, 1)
                .map_err(Refusal::TooCostly)?;
            measured.directives = measured
                .directives
                .saturating_add(operation.node.directives.len() as u64);
            total.add(measured);
        }
        if let Some((field, needs)) = walk.forbidden {
            return Err(Refusal::Forbidden { field, needs, role });
        }
        Ok(total)
    }

    /// A field above `role`, or the first limit `query` breaks, as a message that names
    /// it and by how much.
    pub fn check(
        &self,
        query_bytes: usize,
        document: &ExecutableDocument,
        variables: &Variables,
        role: Role,
    ) -> Result<Measure, Refusal> {
        let limits = self.limits;
        let bytes = query_bytes as u64;
        if bytes > limits.query_bytes {
            return Err(Refusal::TooCostly(format!(
                "the query text is {bytes} bytes; the limit is {}",
                limits.query_bytes
            )));
        }
        let m = self.measure(document, variables, role)?;
        for (what, value, limit) in [
            ("nested", m.depth, limits.depth),
            ("fields", m.fields, limits.fields),
            ("aliases", m.aliases, limits.aliases),
            ("directives", m.directives, limits.directives),
            ("cost", m.cost, limits.complexity),
        ] {
            if value > limit {
                let value = if value == u64::MAX {
                    "more than 18446744073709551615".to_owned()
                } else {
                    value.to_string()
                };
                return Err(Refusal::TooCostly(match what {
                    "nested" => {
                        format!("the query is nested {value} fields deep; the limit is {limit}")
                    }
                    "cost" => format!(
                        "the query would cost {value}; the limit is {limit} (a list counts what it \
                         can return: ask for smaller pages or fewer nested lists)"
                    ),
                    _ => format!("the query has {value} {what}; the limit is {limit}"),
                }));
            }
        }
        Ok(m)
    }
}

fn named_type(base: &BaseType) -> (String, bool) {
    match base {
        BaseType::Named(name) => (name.to_string(), false),
        BaseType::List(inner) => (named_type(&inner.base).0, true),
    }
}

impl Guard {
    /// Measures `request` for the viewer in its data, before the engine validates or
    /// runs it, and records in its `Needs` the highest role its fields need. A query
    /// text over the limit is refused before it is parsed: the engine's own recursion
    /// check walks a fragment again at every spread, so a document must be measured
    /// before it. The document is parsed once: the engine takes it from the request.
    ///
    /// This is a step before `Schema::execute` rather than an async-graphql extension:
    /// with any extension registered the engine calls it around every field and every
    /// list item it resolves, which cost the uncached read path (BENCHMARKS.md, "The
    /// read path").
    pub fn admit(&self, request: &mut Request) -> ServerResult<()> {
        let bytes = request.query.len();
        let limit = self.limits.query_bytes;
        if bytes as u64 > limit {
            return Err(refusal(format!(
                "the query text is {bytes} bytes; the limit is {limit}"
            )));
        }
        let role = request
            .data
            .get(&std::any::TypeId::of::<Viewer>())
            .and_then(|v| v.downcast_ref::<Viewer>())
            .map_or(Role::Public, |v| v.role);
        let needs = request
            .data
            .get(&std::any::TypeId::of::<Arc<Needs>>())
            .and_then(|n| n.downcast_ref::<Arc<Needs>>())
            .cloned();
        let variables = request.variables.clone();
        let document = self.documents.parsed(request)?;
        let measured = self
            .check(bytes, document, &variables, role)
            .map_err(|r| match r {
                Refusal::TooCostly(message) => refusal(message),
                forbidden @ Refusal::Forbidden { .. } => forbidden.into_error(),
            })?;
        if let Some(needs) = needs {
            needs.set(measured.needs);
        }
        Ok(())
    }
}

/// Why the guard refuses a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It breaks a limit; the message names it and by how much.
    TooCostly(String),
    /// It asks for a field above the caller's role.
    Forbidden {
        /// `Type.field`.
        field: String,
        /// The role the field needs.
        needs: Role,
        /// The caller's role.
        role: Role,
    },
}

impl Refusal {
    fn into_error(self) -> ServerError {
        let (message, code) = match self {
            Refusal::TooCostly(message) => (message, "QUERY_TOO_COSTLY"),
            Refusal::Forbidden { field, needs, role } => (
                format!(
                    "{field} needs the role {needs}; this request has the role {role}{}",
                    if role == Role::Public {
                        " (no credentials: send Authorization: Bearer TOKEN)"
                    } else {
                        ""
                    }
                ),
                "FORBIDDEN",
            ),
        };
        let mut error = ServerError::new(message, None);
        let extensions = error.extensions.get_or_insert_with(Default::default);
        extensions.set("code", code);
        error
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.clone().into_error().message)
    }
}

fn refusal(message: String) -> ServerError {
    let mut error = ServerError::new(message, None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", "QUERY_TOO_COSTLY");
    error
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn guard() -> Guard {
        Guard::new(&crate::graphql::sdl(), QueryLimits::default())
    }

    fn check_as(query: &str, role: Role) -> Result<Measure, String> {
        let document = parse_query(query).map_err(|e| e.to_string())?;
        guard()
            .check(query.len(), &document, &Variables::default(), role)
            .map_err(|r| r.to_string())
    }

    fn check(query: &str) -> Result<Measure, String> {
        check_as(query, Role::Admin)
    }

    #[test]
    fn a_field_above_the_callers_role_refuses_the_whole_document() {
        let query = "{ regions { code } respondents { nodes { answers { text } } } }";
        let error = check_as(query, Role::Partner).unwrap_err();
        assert_eq!(
            error,
            "Query.respondents needs the role RESEARCHER; this request has the role PARTNER"
        );
        assert_eq!(
            check_as(query, Role::Researcher).unwrap().needs,
            Role::Researcher
        );
        // Through a fragment and an alias: the same.
        let hidden = "{ r: regions { code } ...F } fragment F on Query { findings { nodes { interview { heldOn } } } }";
        let error = check_as(hidden, Role::Public).unwrap_err();
        assert!(error.starts_with("Finding.interview needs the role PARTNER; this request has the role PUBLIC (no credentials"), "{error}");
        assert_eq!(
            check_as("{ regions { code } }", Role::Public)
                .unwrap()
                .needs,
            Role::Public
        );
    }

    /// Thirty fragments, each spreading the next three times: 3^30 expansions.
    fn fragment_bomb() -> String {
        let mut query = String::from("{ regions { ...F0 } }\n");
        for i in 0..30 {
            query.push_str(&format!(
                "fragment F{i} on Region {{ ...F{n} ...F{n} ...F{n} }}\n",
                n = i + 1
            ));
        }
        query.push_str("fragment F30 on Region { code }\n");
        query
    }

    #[test]
    fn a_fragment_bomb_is_measured_once_per_fragment_and_refused() {
        let query = fragment_bomb();
        assert!(query.len() < 2_000, "{} bytes", query.len());
        let error = check(&query).unwrap_err();
        assert!(error.contains("fields; the limit is 2000"), "{error}");
    }

    #[test]
    fn interviews_and_findings_nested_in_turn_are_refused_by_cost() {
        let mut inner = String::from("id");
        for _ in 0..3 {
            inner = format!("findings {{ nodes {{ interview {{ {inner} }} }} }}");
        }
        let query = format!("{{ interviews {{ {inner} }} }}");
        let error = check(&query).unwrap_err();
        assert!(error.starts_with("the query would cost"), "{error}");
    }

    #[test]
    fn a_page_of_nothing_costs_as_much_as_a_page_of_one() {
        let zero = check("{ organisations(first: 0) { totalCount nodes { name } } }").unwrap();
        let one = check("{ organisations(first: 1) { totalCount nodes { name } } }").unwrap();
        assert_eq!(zero.cost, one.cost);
        // organisations 1 + totalCount 10 + nodes 1 + one page of names 1.
        assert_eq!(one.cost, 13);
        let full =
            check("{ organisations(first: 100) { nodes { name region { name } } } }").unwrap();
        // organisations 1 + nodes 1 + 100 × (name 1 + region 1 + its name 1).
        assert_eq!(full.cost, 302);
    }

    #[test]
    fn the_page_size_can_come_from_a_variable() {
        let query = "query($n: Int) { organisations(first: $n) { nodes { name } } }";
        let document = parse_query(query).unwrap();
        let variables = Variables::from_json(serde_json::json!({ "n": 50 }));
        let measured = guard()
            .check(query.len(), &document, &variables, Role::Public)
            .unwrap();
        assert_eq!(measured.cost, 1 + 1 + 50);
    }

    #[test]
    fn many_aliases_of_a_counting_search_are_refused() {
        let aliases: String = (0..150)
            .map(|i| {
                format!(
                    "a{i}: organisations(first: 0, filter: {{search: \"x\"}}) {{ totalCount }} "
                )
            })
            .collect();
        let error = check(&format!("{{ {aliases} }}")).unwrap_err();
        assert!(error.contains("150 aliases; the limit is 100"), "{error}");
    }

    #[test]
    fn repeated_directives_are_refused() {
        let fine =
            check("query($a: Boolean!) { regions @include(if: $a) { code @skip(if: false) } }")
                .unwrap();
        assert_eq!(fine.directives, 2);
        // Unknown directives count too: each would be one more validation error.
        let many = "@x ".repeat(60);
        let error = check(&format!("{{ regions {{ code {many} }} }}")).unwrap_err();
        assert!(error.contains("60 directives; the limit is 50"), "{error}");
        // Spread through a fragment three times: counted three times.
        let twenty = "@x ".repeat(20);
        let error = check(&format!(
            "{{ regions {{ ...F ...F ...F }} }} fragment F on Region {{ code {twenty} }}"
        ))
        .unwrap_err();
        assert!(error.contains("60 directives"), "{error}");
    }

    #[test]
    fn every_comparison_weighs_a_polars_job() {
        let one = check("{ analytics { roleGap { gap } } }").unwrap();
        assert_eq!(one.cost, 1 + ANALYTICS_WEIGHT + UNPAGED_LIST);
    }

    #[test]
    fn a_fragment_that_spreads_itself_is_refused() {
        let error = check(
            "{ regions { ...A } } fragment A on Region { ...B } fragment B on Region { ...A }",
        )
        .unwrap_err();
        assert!(error.contains("spreads itself"), "{error}");
    }

    #[test]
    fn depth_leaves_introspection_out() {
        let measured = check(
            "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } regions { code } }",
        )
        .unwrap();
        assert_eq!(measured.depth, 2);
    }

    #[test]
    fn a_long_query_text_is_refused_naming_its_size() {
        let query = format!("{{ regions {{ code }} }} # {}", "x".repeat(70_000));
        let error = check(&query).unwrap_err();
        assert!(error.contains("bytes; the limit is 65536"), "{error}");
    }
}

//! Who may see what. Everything that decides it is here: the roles, who is asking (the
//! [`Viewer`]), the rule of every GraphQL field ([`rules`]), and the rows each role may
//! see of a table that is public only in part ([`findings_scope`]).
//!
//! Roles include the ones before them: `PUBLIC` (no credentials) < `PARTNER` <
//! `RESEARCHER` < `EDITOR` < `ADMIN`.

pub mod accounts;
pub mod audit;
pub mod audit_queue;
pub mod rules;
pub mod sessions;
pub mod tokens;

use async_graphql::{Enum, SimpleObject};
use sea_orm::{ColumnTrait, Condition};

use crate::{
    entity::finding,
    error::{Error, Result},
};

/// What a caller may see; each role sees what the roles before it see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Enum, Default)]
#[graphql(name = "AccessRole")]
pub enum Role {
    /// No credentials: aggregates with disclosure control, the registry, public quotes.
    #[default]
    Public,
    /// A project partner: also every finding with its interview's metadata.
    Partner,
    /// Also person-level data: respondents, their answers and free text.
    Researcher,
    /// A researcher who may also write, in their regions.
    Editor,
    /// Everything, and the accounts.
    Admin,
}

impl Role {
    /// Every role, from the least to the most.
    pub const ALL: [Role; 5] = [
        Role::Public,
        Role::Partner,
        Role::Researcher,
        Role::Editor,
        Role::Admin,
    ];

    /// The stored and displayed code, e.g. `RESEARCHER`.
    pub fn code(self) -> &'static str {
        match self {
            Role::Public => "PUBLIC",
            Role::Partner => "PARTNER",
            Role::Researcher => "RESEARCHER",
            Role::Editor => "EDITOR",
            Role::Admin => "ADMIN",
        }
    }

    /// Reads a code (any case); `field` names where it came from in the error.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        let text = text.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                Error::bad_input(
                    field,
                    format!(
                        "unknown role {text:?}; valid: {}",
                        Role::ALL.map(Role::code).join(", ")
                    ),
                )
            })
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Who is asking: an account (through a token or a session) or nobody (`PUBLIC`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    /// The account's id and name, if signed in.
    pub account: Option<(i32, String)>,
    /// The token used, if any.
    pub token_id: Option<i32>,
    /// The role it acts with.
    pub role: Role,
    /// The regions an editor may write.
    pub regions: Vec<String>,
    /// The client's address (or `cli`), for the audit trail.
    pub client: Option<String>,
    /// The HTTP request's id, for the audit trail.
    pub request_id: Option<String>,
}

impl Viewer {
    /// Nobody: the public.
    pub fn public() -> Self {
        Self::default()
    }

    /// Whether this viewer has at least `role`.
    pub fn has(&self, role: Role) -> bool {
        self.role >= role
    }

    /// The key that separates cached answers: the same for two viewers only when they
    /// may see the same things.
    pub fn scope_key(&self) -> String {
        format!("{}:{}", self.role.code(), self.regions.join(","))
    }
}

/// `viewer`: who the API takes the caller to be.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(name = "Viewer")]
pub struct ViewerInfo {
    /// The account's name; none for the public.
    pub name: Option<String>,
    /// The role the caller acts with.
    pub role: Role,
    /// The regions an editor may write (region codes).
    pub regions: Vec<String>,
}

impl From<&Viewer> for ViewerInfo {
    fn from(viewer: &Viewer) -> Self {
        Self {
            name: viewer.account.as_ref().map(|(_, name)| name.clone()),
            role: viewer.role,
            regions: viewer.regions.clone(),
        }
    }
}

/// What the query guard found a request's document needs: the HTTP layer reads it to
/// keep answers with person-level data out of the response cache.
#[derive(Debug, Default)]
pub struct Needs(std::sync::Mutex<Role>);

impl Needs {
    /// Records what the document needs.
    pub fn set(&self, role: Role) {
        if let Ok(mut needs) = self.0.lock() {
            *needs = role;
        }
    }

    /// What the document needed (`PUBLIC` until the guard has run).
    pub fn get(&self) -> Role {
        self.0.lock().map_or(Role::Admin, |needs| *needs)
    }
}

/// Whether a finding is for everyone or for the project.
pub const VISIBILITY_PUBLIC: &str = "PUBLIC";
/// Only partners and above see a `PROJECT` finding.
pub const VISIBILITY_PROJECT: &str = "PROJECT";

/// The findings `viewer` may read: partners and above all of them, the public only
/// those marked `PUBLIC`.
pub fn findings_scope(viewer: &Viewer) -> Condition {
    if viewer.has(Role::Partner) {
        Condition::all()
    } else {
        public_findings()
    }
}

/// The findings everyone may read.
pub fn public_findings() -> Condition {
    Condition::all().add(finding::Column::Visibility.eq(VISIBILITY_PUBLIC))
}

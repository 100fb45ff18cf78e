//! sea-orm entities, one module per table; relations are loaded by DataLoaders, so the
//! entities declare only the relations that joins need.

pub mod account;
pub mod answer;
pub mod api_token;
pub mod audit_event;
pub mod collaboration;
pub mod collaboration_organisation;
pub mod collaboration_theme;
pub mod data_version;
pub mod dataset_meta;
pub mod finding;
pub mod guidance;
pub mod guidance_attachment;
pub mod guidance_link;
pub mod interview;
pub mod municipality;
pub mod organisation;
pub mod question;
pub mod region;
pub mod registry_link;
pub mod registry_proposal;
pub mod respondent;
pub mod session;
pub mod sub_code;
pub mod survey;
pub mod theme;

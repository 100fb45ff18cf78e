//! The rule of every field of the GraphQL schema: the least role that may ask for it.
//! The query guard applies them to the whole document before anything runs, so a query
//! that names one field above the caller's role is refused as a whole (`FORBIDDEN`,
//! naming the field and the role it needs), never answered in part.
//!
//! Every field is listed: a test walks the schema and fails on a field without a rule,
//! so a new field cannot be published by accident.

use std::{collections::HashMap, sync::LazyLock};

use super::Role;

use Role::{Admin, Editor, Partner, Public, Researcher};

/// Type, the role its listed fields need, and the fields.
pub const RULES: &[(&str, Role, &[&str])] = &[
    (
        "Query",
        Public,
        &[
            "analytics",
            "dataset",
            "regions",
            "region",
            "organisations",
            "organisation",
            "surveys",
            "questions",
            "themes",
            "findings",
            "collaborations",
            "viewer",
            // Published ones only for the public (see `guidance::restricted`).
            "recommendations",
            "toolkit",
            "conclusions",
            "roadmap",
        ],
    ),
    // Who said it, where and when: enough to identify an interviewee.
    ("Query", Partner, &["interviews"]),
    // Person-level survey data.
    ("Query", Researcher, &["respondents", "respondent"]),
    ("Query", Admin, &["auditEvents"]),
    // How far each region's mail-out of private links has got.
    ("Query", Editor, &["registryLinks"]),
    (
        "RegistryLinkRow",
        Editor,
        &[
            "regionCode",
            "municipalityCode",
            "sent",
            "opened",
            "answered",
        ],
    ),
    (
        "Analytics",
        Public,
        &[
            "dataVersion",
            "minGroupSize",
            "likertDistribution",
            "themeScores",
            "roleGap",
            "waveChange",
            "countryDifferences",
            "themeFrequency",
            "themeCooccurrence",
            "registryStats",
            "choiceShares",
        ],
    ),
    (
        "ChoiceShareRow",
        Public,
        &[
            "countryCode",
            "regionCode",
            "role",
            "organisationKind",
            "municipalityCode",
            "surveyCode",
            "option",
            "optionLabel",
            "n",
            "count",
            "share",
            "suppressed",
        ],
    ),
    ("ChoiceOption", Public, &["code", "label"]),
    (
        "Collaboration",
        Public,
        &[
            "id",
            "title",
            "description",
            "lessons",
            "funding",
            "agreement",
            "municipality",
            "region",
            "startYear",
            "endYear",
            "outcomes",
            "themes",
            "organisations",
            "version",
        ],
    ),
    (
        "CollaborationConnection",
        Public,
        &["totalCount", "pageInfo", "edges", "nodes"],
    ),
    ("CollaborationEdge", Public, &["cursor", "node"]),
    (
        "Conclusion",
        Public,
        &[
            "id",
            "externalId",
            "title",
            "text",
            "status",
            "themes",
            "subCodes",
            "evidence",
        ],
    ),
    (
        "CooccurrenceRow",
        Public,
        &["themeA", "themeB", "interviews", "share"],
    ),
    (
        "CountryDifferenceRow",
        Public,
        &[
            "item",
            "itemKind",
            "theme",
            "h",
            "df",
            "p",
            "epsilonSquared",
            "n",
            "countryCodes",
        ],
    ),
    (
        "Dataset",
        Public,
        &["synthetic", "description", "dataVersion"],
    ),
    // The public sees only findings marked PUBLIC (see `findings_scope`).
    (
        "Finding",
        Public,
        &[
            "id",
            "version",
            "theme",
            "subCode",
            "quote",
            "language",
            "translation",
            "visibility",
        ],
    ),
    ("Finding", Partner, &["interview"]),
    (
        "FindingConnection",
        Public,
        &["totalCount", "pageInfo", "edges", "nodes"],
    ),
    ("FindingEdge", Public, &["cursor", "node"]),
    (
        "Interview",
        Partner,
        &[
            "id",
            "version",
            "region",
            "heldOn",
            "intervieweeRole",
            "language",
            "findings",
        ],
    ),
    (
        "InterviewConnection",
        Partner,
        &["totalCount", "pageInfo", "edges", "nodes"],
    ),
    ("InterviewEdge", Partner, &["cursor", "node"]),
    (
        "Evidence",
        Public,
        &["findings", "collaborations", "figures"],
    ),
    (
        "FigureValue",
        Public,
        &[
            "figure",
            "measure",
            "item",
            "countryCode",
            "value",
            "n",
            "suppressed",
            "dataVersion",
        ],
    ),
    ("KindShare", Public, &["kind", "count", "share"]),
    (
        "LikertRow",
        Public,
        &[
            "countryCode",
            "regionCode",
            "role",
            "organisationKind",
            "municipalityCode",
            "surveyCode",
            "n",
            "suppressed",
            "counts",
            "shares",
            "agreeShare",
            "mean",
            "median",
            "scaleLabels",
        ],
    ),
    (
        "Organisation",
        Public,
        &[
            "id",
            "name",
            "version",
            "kind",
            "status",
            "foundedYear",
            "closedYear",
            "closureReason",
            "fieldsOfActivity",
            "targetGroups",
            "website",
            "lastVerified",
            "source",
            "successor",
            "municipality",
            "region",
            "collaborations",
        ],
    ),
    (
        "OrganisationConnection",
        Public,
        &["totalCount", "pageInfo", "edges", "nodes"],
    ),
    ("OrganisationEdge", Public, &["cursor", "node"]),
    (
        "PageInfo",
        Public,
        &["hasNextPage", "hasPreviousPage", "startCursor", "endCursor"],
    ),
    (
        "Recommendation",
        Public,
        &[
            "id",
            "externalId",
            "title",
            "text",
            "status",
            "themes",
            "subCodes",
            "evidence",
            "audience",
        ],
    ),
    (
        "RecommendationConnection",
        Public,
        &["totalCount", "pageInfo", "edges", "nodes"],
    ),
    ("RecommendationEdge", Public, &["cursor", "node"]),
    (
        "RoadmapStep",
        Public,
        &[
            "id",
            "externalId",
            "title",
            "text",
            "status",
            "themes",
            "subCodes",
            "evidence",
            "due",
            "who",
            "recommendation",
        ],
    ),
    (
        "ToolkitItem",
        Public,
        &[
            "id",
            "externalId",
            "title",
            "text",
            "status",
            "themes",
            "subCodes",
            "evidence",
            "kind",
            "link",
            "attachmentName",
            "attachmentUrl",
        ],
    ),
    (
        "QuestionConnection",
        Public,
        &["totalCount", "pageInfo", "edges", "nodes"],
    ),
    ("QuestionEdge", Public, &["cursor", "node"]),
    (
        "Question",
        Public,
        &[
            "id",
            "code",
            "position",
            "theme",
            "kind",
            "subCode",
            "group",
            "required",
            "hint",
            "text",
            "scaleLabels",
            "options",
        ],
    ),
    (
        "Region",
        Public,
        &[
            "id",
            "code",
            "name",
            "countryCode",
            "countryName",
            "population",
            "municipalities",
            "languages",
            "populationSource",
            "populationYear",
            "areas",
            "organisations",
            "collaborations",
        ],
    ),
    // Who was interviewed where and when, as `Query.interviews`.
    ("Region", Partner, &["interviews"]),
    // Person-level survey data, as `Query.respondents`; every read is audited.
    ("Region", Researcher, &["respondents"]),
    (
        "Municipality",
        Public,
        &[
            "id",
            "code",
            "name",
            "kind",
            "population",
            "populationSource",
            "populationYear",
            "languages",
            "region",
        ],
    ),
    (
        "RegistryRow",
        Public,
        &[
            "countryCode",
            "regionCode",
            "municipalityCode",
            "population",
            "organisations",
            "active",
            "dormant",
            "closed",
            "activePer10k",
            "closureRate",
            "closuresPerYear",
            "kinds",
            "verifiedShare",
        ],
    ),
    (
        "Respondent",
        Researcher,
        &[
            "id",
            "externalId",
            "role",
            "region",
            "municipality",
            "organisation",
            "answers",
        ],
    ),
    (
        "Answer",
        Researcher,
        &["question", "value", "choices", "text"],
    ),
    (
        "RespondentConnection",
        Researcher,
        &["totalCount", "pageInfo", "edges", "nodes"],
    ),
    ("RespondentEdge", Researcher, &["cursor", "node"]),
    (
        "RoleGapRow",
        Public,
        &[
            "countryCode",
            "theme",
            "themeName",
            "n",
            "officialsN",
            "organisationsN",
            "officialsMean",
            "organisationsMean",
            "gap",
            "ciLow",
            "ciHigh",
            "suppressed",
        ],
    ),
    (
        "SubCode",
        Public,
        &["code", "theme", "name", "version", "findings"],
    ),
    (
        "Survey",
        Public,
        &[
            "id",
            "code",
            "title",
            "year",
            "languages",
            "version",
            "questions",
            "respondentCount",
        ],
    ),
    (
        "Theme",
        Public,
        &[
            "code",
            "name",
            "description",
            "subCodes",
            "questions",
            "findings",
            "collaborations",
            "recommendations",
        ],
    ),
    (
        "ThemeFrequencyRow",
        Public,
        &[
            "countryCode",
            "regionCode",
            "role",
            "organisationKind",
            "municipalityCode",
            "surveyCode",
            "theme",
            "themeName",
            "subCode",
            "count",
            "share",
            "groupTotal",
        ],
    ),
    (
        "ThemeScoreRow",
        Public,
        &[
            "countryCode",
            "regionCode",
            "role",
            "organisationKind",
            "municipalityCode",
            "surveyCode",
            "theme",
            "themeName",
            "n",
            "suppressed",
            "mean",
            "sd",
            "ciLow",
            "ciHigh",
        ],
    ),
    (
        "WaveChangeRow",
        Public,
        &[
            "countryCode",
            "theme",
            "themeName",
            "fromN",
            "toN",
            "fromMean",
            "toMean",
            "change",
            "ciLow",
            "ciHigh",
            "suppressed",
        ],
    ),
    ("YearCount", Public, &["year", "count"]),
    (
        "Mutation",
        Editor,
        &[
            "createOrganisation",
            "updateOrganisation",
            "mergeOrganisations",
            "createCollaboration",
            "updateCollaboration",
            "createInterview",
            "updateInterview",
            "createFinding",
            "updateFinding",
        ],
    ),
    // The codebook is the whole project's: only admins change it.
    ("Mutation", Admin, &["addSubCode", "renameSubCode"]),
    (
        "MergeResult",
        Editor,
        &[
            "survivor",
            "movedRespondents",
            "movedCollaborations",
            "movedSuccessors",
        ],
    ),
    ("Viewer", Public, &["name", "role", "regions"]),
    (
        "AuditEvent",
        Admin,
        &[
            "id",
            "at",
            "accountName",
            "role",
            "action",
            "objectType",
            "objectId",
            "requestId",
            "client",
            "details",
        ],
    ),
];

/// Every HTTP route and the least role it answers. The pages and charts show what the
/// public may see (aggregates with disclosure control; quotes as the signed-in account
/// may read them); GraphQL applies the field rules above; `/metrics` is for admins.
/// A test compares this list with the routes the server declares.
pub const ROUTES: &[(&str, Role)] = &[
    ("/", Public),
    ("/registry", Public),
    ("/survey", Public),
    ("/themes", Public),
    ("/interviews", Public),
    ("/collaborations", Public),
    // Published guidance and public quotes for the public; drafts and every quote for
    // partners.
    ("/recommendations", Public),
    // A country's sheet: aggregates with disclosure control and public quotes only.
    ("/countries/:cc", Public),
    ("/toolkit/:id/file", Public),
    ("/healthz", Public),
    ("/metrics", Admin),
    ("/export/data", Researcher),
    ("/graphql", Public),
    // Every chart is public: people are counted only in groups of at least k (smaller
    // ones are drawn as suppressed), and the registry and freshness charts count
    // organisations, whose entries are public anyway.
    ("/charts/:file", Public),
    ("/assets/:version/:file", Public),
    ("/sign-in", Public),
    ("/sign-out", Public),
    ("/organisations/:id", Public),
    // A theme's page: public figures, and only the quotes the viewer may read.
    ("/themes/:code", Public),
    ("/r/:token", Public),
    ("/reviews", Editor),
    ("/reviews/:id", Editor),
    // Uploads of import files; the kinds an editor may upload are checked per file.
    ("/imports", Editor),
    // Makes a region's private links (the mail-merge file); the region is checked too.
    ("/registry-links", Editor),
    ("/organisations/:id/edit", Editor),
    ("/collaborations/:id/edit", Editor),
];

static BY_FIELD: LazyLock<HashMap<(&'static str, &'static str), Role>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (ty, role, fields) in RULES {
        for field in *fields {
            map.insert((*ty, *field), *role);
        }
    }
    map
});

/// The least role a route answers; a route without a rule answers admins only (the
/// route test keeps that from happening).
pub fn route_needs(path: &str) -> Role {
    ROUTES
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(Admin, |(_, role)| *role)
}

/// The least role that may ask for `field` of `ty`; `None` when no rule names it (the
/// schema test keeps that from happening for a field that exists).
pub fn needed(ty: &str, field: &str) -> Option<Role> {
    BY_FIELD.get(&(ty, field)).copied()
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::{
        parse_schema,
        types::{TypeKind, TypeSystemDefinition},
    };

    use super::*;

    /// Every field of every object type of the schema has exactly one rule, and every
    /// rule names a field that exists.
    #[test]
    fn every_field_of_the_schema_has_a_rule() {
        let sdl = crate::graphql::sdl();
        let document = parse_schema(&sdl).unwrap_or_else(|e| panic!("the SDL parses: {e}"));
        let mut in_schema = Vec::new();
        for definition in document.definitions {
            let TypeSystemDefinition::Type(ty) = definition else {
                continue;
            };
            let fields = match &ty.node.kind {
                TypeKind::Object(object) => &object.fields,
                TypeKind::Interface(interface) => &interface.fields,
                _ => continue,
            };
            for field in fields {
                in_schema.push((
                    ty.node.name.node.to_string(),
                    field.node.name.node.to_string(),
                ));
            }
        }
        let missing: Vec<String> = in_schema
            .iter()
            .filter(|(ty, field)| needed(ty, field).is_none())
            .map(|(ty, field)| format!("{ty}.{field}"))
            .collect();
        assert!(
            missing.is_empty(),
            "fields without an access rule: {missing:?}"
        );
        let mut listed = 0;
        for (ty, _, fields) in RULES {
            for field in *fields {
                listed += 1;
                assert!(
                    in_schema.iter().any(|(t, f)| t == ty && f == field),
                    "the rule for {ty}.{field} names no field of the schema"
                );
            }
        }
        assert_eq!(listed, BY_FIELD.len(), "a field is listed twice");
    }
}

//! The read API answers with the demo data: regions, registry, survey, interviews,
//! collaborations, with filters, paging and languages.

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::helpers::{App, on_both, sql_rows};

fn strings(value: &Value, field: &str) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i[field].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

on_both!(
    /// The five real partner areas with the facts of the report.
    regions_are_the_five_partner_areas,
    |app: App| async move {
        let data = app
            .data("{ regions { code name countryCode countryName population municipalities } }")
            .await;
        insta::assert_json_snapshot!("regions", data);
        let lt = app.data(r#"{ region(code: "lt-trakai") { name population } }"#).await;
        assert_eq!(lt, json!({ "region": { "name": "Trakai", "population": 32000 } }));
    }
);

on_both!(
    /// Paging with cursors visits every organisation once; the total is the sum of the
    /// per-region counts of the generator (260 + 300 + 300 + 200 + 220).
    paging_visits_every_organisation_once,
    |app: App| async move {
        let query = "query($after: String) { organisations(first: 100, after: $after) {
            totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }";
        let mut after = Value::Null;
        let mut seen = HashSet::new();
        let mut pages = 0;
        loop {
            let body = app.post(query, json!({ "after": after })).await;
            let connection = &body["data"]["organisations"];
            assert_eq!(connection["totalCount"], 1280);
            assert_eq!(connection["pageInfo"]["hasPreviousPage"], pages > 0);
            for edge in connection["edges"].as_array().into_iter().flatten() {
                assert!(seen.insert(edge["node"]["id"].as_str().unwrap_or_default().to_owned()));
            }
            pages += 1;
            if connection["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = connection["pageInfo"]["endCursor"].clone();
        }
        assert_eq!((seen.len(), pages), (1280, 13));
    }
);

on_both!(
    /// Filters combine with AND, and the name search ignores case in any script.
    filters_combine_and_search_ignores_case,
    |app: App| async move {
        let data = app
            .data(r#"{ organisations(first: 100, filter: { countryCode: "LT", status: CLOSED }) {
                totalCount nodes { status closedYear region { countryCode } } } }"#)
            .await;
        let total = data["organisations"]["totalCount"].as_u64().unwrap_or_default();
        assert!((110..=190).contains(&total), "Trakai has about half of 300 closed: {total}");
        for node in data["organisations"]["nodes"].as_array().into_iter().flatten() {
            assert_eq!(node["status"], "CLOSED");
            assert_eq!(node["region"]["countryCode"], "LT");
            assert!(node["closedYear"].is_number());
        }
        let count = |search: &'static str| {
            let app = app.clone();
            async move {
                let query = format!(r#"{{ organisations(filter: {{ search: "{search}" }}) {{ totalCount nodes {{ name }} }} }}"#);
                let data = app.data(&query).await;
                for name in strings(&data["organisations"]["nodes"], "name") {
                    assert!(name.to_lowercase().contains(&search.to_lowercase()), "{name} matches {search}");
                }
                data["organisations"]["totalCount"].as_u64().unwrap_or_default()
            }
        };
        let greek = count("νεολαία").await;
        assert!(greek > 0);
        assert_eq!(count("ΝΕΟΛΑΊΑ").await, greek);
        assert_eq!(count("JAUNIMO").await, count("jaunimo").await);
        // LIKE wildcards are matched literally.
        assert_eq!(count("%").await, 0);
        let social = app
            .data(r#"{ organisations(filter: { countryCode: "PT", kind: SOCIAL_ENTERPRISE }) { totalCount } }"#)
            .await;
        let all_pt = app.data(r#"{ organisations(filter: { regionCode: "PT-BRAGA" }) { totalCount } }"#).await;
        let share = social["organisations"]["totalCount"].as_f64().unwrap_or_default()
            / all_pt["organisations"]["totalCount"].as_f64().unwrap_or(1.0);
        assert!(share > 0.15, "Braga has many social enterprises: {share}");
    }
);

on_both!(
    /// Ordering by founded year puts unknown years last, in both directions.
    ordering_by_founded_year_puts_unknown_years_last,
    |app: App| async move {
        for direction in ["ASC", "DESC"] {
            let query = format!(
                r#"{{ organisations(first: 100, filter: {{ countryCode: "CY", kind: INFORMAL_INITIATIVE }},
                    orderBy: {{ field: FOUNDED_YEAR, direction: {direction} }}) {{ nodes {{ foundedYear }} }} }}"#
            );
            let data = app.data(&query).await;
            let years: Vec<Option<i64>> = data["organisations"]["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| n["foundedYear"].as_i64())
                .collect();
            let known: Vec<i64> = years.iter().map_while(|y| *y).collect();
            assert!(years[known.len()..].iter().all(Option::is_none), "{direction}: nulls last");
            assert!(known.len() < years.len(), "some informal initiatives have no founding year");
            let mut sorted = known.clone();
            sorted.sort_unstable();
            if direction == "DESC" {
                sorted.reverse();
            }
            assert_eq!(known, sorted, "{direction}");
        }
    }
);

on_both!(
    /// The survey has 20 Likert items, five per theme, and texts in six languages.
    the_survey_speaks_six_languages,
    |app: App| async move {
        let data = app
            .data(r#"{ surveys { code respondentCount questions { code theme kind
                sv: text(lang: "sv") el: text(lang: "el") scaleLabels(lang: "lt") options { code label(lang: "pt") } } } }"#)
            .await;
        // The baseline wave first, then the follow-up: surveys come in wave order.
        assert_eq!(data["surveys"][0]["code"], "YC-2025");
        let survey = &data["surveys"][1];
        assert_eq!(survey["code"], "YC-2026");
        let counted = sql_rows(
            &app,
            "SELECT COUNT(*) AS n FROM respondent r JOIN survey s ON s.id = r.survey_id WHERE s.code = 'YC-2026'",
        )
        .await;
        let n: i64 = counted[0].try_get("", "n").expect("a count");
        assert_eq!((survey["respondentCount"].as_i64(), n), (Some(n), 347), "55 % of 630");
        let questions = survey["questions"].as_array().cloned().unwrap_or_default();
        assert_eq!(questions.len(), 22);
        let likert: Vec<&Value> = questions.iter().filter(|q| q["kind"] == "LIKERT").collect();
        assert_eq!(likert.len(), 20);
        for theme in ["SHARED_UNDERSTANDING", "RELATIONSHIPS_TRUST", "PROCESSES_BUREAUCRACY", "CREDIBILITY"] {
            assert_eq!(likert.iter().filter(|q| q["theme"] == theme).count(), 5, "{theme}");
        }
        assert_eq!(questions[0]["sv"], "Jag vet vilka ungdomsorganisationer som är aktiva i mitt område.");
        assert_eq!(questions[0]["el"], "Γνωρίζω ποιες οργανώσεις νεολαίας είναι ενεργές στην περιοχή μου.");
        assert_eq!(questions[0]["scaleLabels"][4], "Visiškai sutinku");
        let channels = questions.iter().find(|q| q["kind"] == "MULTIPLE_CHOICE").cloned().unwrap_or_default();
        assert_eq!(channels["options"][0], json!({ "code": "MEETINGS", "label": "Reuniões regulares" }));
        // A text with no translation falls back to English.
        let theme = app.data(r#"{ themes { code description(lang: "lv") subCodes { code } } }"#).await;
        assert_eq!(theme["themes"].as_array().map(Vec::len), Some(4));
        assert!(theme["themes"][0]["description"].as_str().unwrap_or_default().starts_with("No up-to-date registry"));
        assert_eq!(theme["themes"][0]["subCodes"].as_array().map(Vec::len), Some(7));
    }
);

on_both!(
    /// Respondents come with their region, organisation and answers.
    respondents_come_with_their_answers,
    |app: App| async move {
        let app = app.as_role(hub::access::Role::Researcher).await;
        let data = app
            .data(r#"{ respondents(first: 50, filter: { countryCode: "SE", role: ORGANISATION_REPRESENTATIVE }) {
                totalCount nodes { role region { code } organisation { region { code } }
                answers { question { code theme kind } value choices text } } } }"#)
            .await;
        let total = data["respondents"]["totalCount"].as_u64().unwrap_or_default();
        assert!((40..=110).contains(&total), "{total} Swedish organisation representatives");
        for person in data["respondents"]["nodes"].as_array().into_iter().flatten() {
            assert_eq!(person["region"]["code"], "SE-DALARNA");
            assert_eq!(person["organisation"]["region"]["code"], "SE-DALARNA");
            let answers = person["answers"].as_array().cloned().unwrap_or_default();
            assert!((15..=22).contains(&answers.len()));
            for answer in answers {
                match answer["question"]["kind"].as_str() {
                    Some("LIKERT") => assert!((1..=5).contains(&answer["value"].as_i64().unwrap_or_default())),
                    Some("MULTIPLE_CHOICE") => assert!(answer["choices"].is_array()),
                    _ => assert!(answer["text"].is_string()),
                }
            }
        }
    }
);

on_both!(
    /// Findings filter by theme, country, language and text, and lead to their interview.
    findings_filter_and_lead_to_their_interview,
    |app: App| async move {
        let app = app.as_role(hub::access::Role::Partner).await;
        let all = app.data("{ findings { totalCount } interviews { id } }").await;
        assert!(all["findings"]["totalCount"].as_u64().unwrap_or_default() >= 150);
        assert_eq!(all["interviews"].as_array().map(Vec::len), Some(40));
        let data = app
            .data(r#"{ findings(first: 100, filter: { countryCode: "CY", theme: "PROCESSES_BUREAUCRACY" }) {
                nodes { theme subCode quote language translation interview { language region { countryCode } } } } }"#)
            .await;
        let nodes = data["findings"]["nodes"].as_array().cloned().unwrap_or_default();
        assert!(!nodes.is_empty());
        for node in &nodes {
            assert_eq!(node["theme"], "PROCESSES_BUREAUCRACY");
            assert_eq!(node["language"], "el");
            assert_eq!(node["interview"]["region"]["countryCode"], "CY");
            assert!(node["translation"].is_string());
        }
        let searched = app
            .data(r#"{ findings(first: 100, filter: { search: "ELECTION" }) { nodes { subCode translation } } }"#)
            .await;
        let codes = strings(&searched["findings"]["nodes"], "subCode");
        assert!(!codes.is_empty() && codes.iter().all(|c| c == "POLITICAL_CHANGE"), "{codes:?}");
        let swedish = app.data(r#"{ findings(filter: { language: "sv" }) { totalCount } }"#).await;
        let swedish_by_country = app.data(r#"{ findings(filter: { countryCode: "SE" }) { totalCount } }"#).await;
        assert_eq!(swedish["findings"]["totalCount"], swedish_by_country["findings"]["totalCount"]);
    }
);

on_both!(
    /// At least 25 collaborations, each with organisations of its own region and themes.
    collaborations_link_organisations_and_themes,
    |app: App| async move {
        let data = app
            .data("{ collaborations { title municipality region { code } themes outcomes organisations { region { code } } } }")
            .await;
        let rows = data["collaborations"].as_array().cloned().unwrap_or_default();
        assert!(rows.len() >= 25, "{} collaborations", rows.len());
        for row in rows {
            let orgs = row["organisations"].as_array().cloned().unwrap_or_default();
            assert!(orgs.len() >= 2, "{row}");
            assert!(orgs.iter().all(|o| o["region"]["code"] == row["region"]["code"]));
            assert!(row["themes"].as_array().is_some_and(|t| !t.is_empty()));
            assert!(row["outcomes"].as_array().is_some_and(|t| !t.is_empty()));
        }
        let lv = app.data(r#"{ collaborations(filter: { countryCode: "LV", theme: "CREDIBILITY" }) { themes region { code } } }"#).await;
        for row in lv["collaborations"].as_array().into_iter().flatten() {
            assert_eq!(row["region"]["code"], "LV-TALSI");
            assert!(row["themes"].as_array().into_iter().flatten().any(|t| t == "CREDIBILITY"));
        }
    }
);

on_both!(
    /// The dataset says it is synthetic.
    the_demo_dataset_is_labelled_synthetic,
    |app: App| async move {
        let data = app.data("{ dataset { synthetic description dataVersion } }").await;
        assert_eq!(data["dataset"]["synthetic"], true);
        assert!(data["dataset"]["description"].as_str().unwrap_or_default().contains("Synthetic"));
        assert_eq!(data["dataset"]["dataVersion"], 1);
    }
);

on_both!(
    /// The registry filters by field of activity and by target group: the counts equal
    /// those of the stored JSON lists read in SQL and parsed here; the registry page
    /// offers both filters and keeps them in its URL; a bad code names the filter.
    organisations_filter_by_field_of_activity_and_target_group,
    |app: App| async move {
        let rows = sql_rows(&app, "SELECT fields_of_activity AS f, target_groups AS g FROM organisation").await;
        let lists: Vec<(Value, Value)> = rows
            .iter()
            .map(|r| {
                let parse = |column: &str| -> Value {
                    r.try_get::<Value>("", column)
                        .or_else(|_| r.try_get::<String>("", column).map(|t| serde_json::from_str(&t).unwrap_or_default()))
                        .unwrap_or_default()
                };
                (parse("f"), parse("g"))
            })
            .collect();
        let holds = |list: &Value, code: &str| list.as_array().is_some_and(|l| l.iter().any(|v| v == code));
        let sport = lists.iter().filter(|(f, _)| holds(f, "SPORT")).count() as i64;
        let both = lists.iter().filter(|(f, g)| holds(f, "SPORT") && holds(g, "YOUNG_ADULTS")).count() as i64;
        assert!(0 < both && both < sport, "{both} of {sport}");
        let data = app
            .data(r#"{ sport: organisations(filter: { fieldOfActivity: "sport" }) { totalCount }
                both: organisations(filter: { fieldOfActivity: "SPORT", targetGroup: "YOUNG_ADULTS" }) { totalCount } }"#)
            .await;
        assert_eq!((data["sport"]["totalCount"].as_i64(), data["both"]["totalCount"].as_i64()), (Some(sport), Some(both)));
        let error = app.error(r#"{ organisations(filter: { targetGroup: "young adults%" }) { totalCount } }"#).await;
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
        assert!(error["message"].as_str().unwrap_or_default().starts_with("targetGroup:"), "{error}");

        let html = app
            .client
            .get(format!("{}/registry?activity=SPORT&group=YOUNG_ADULTS", app.url))
            .send()
            .await
            .expect("the page")
            .text()
            .await
            .expect("html");
        assert!(html.contains(&format!("Organisations: {both}")), "{html}");
        assert!(html.contains("<select name=\"activity\"") || html.contains("name=\"activity\""), "a filter menu");
        assert!(html.contains("activity=SPORT&amp;group=YOUNG_ADULTS"), "the filters stay in the links: {html}");
    }
);

on_both!(
    /// A page whose nodes ask for their region reads it in the page's statement: every
    /// node gets its own region (as plain SQL joins it), through `nodes`, `edges` and
    /// fragments, in every order and with the filters whose columns both tables have,
    /// and the page holds the same organisations in the same order as without it.
    a_page_joins_each_organisations_own_region,
    |app: App| async move {
        let rows = sql_rows(
            &app,
            "SELECT o.id AS id, r.code AS code FROM organisation o JOIN region r ON r.id = o.region_id",
        )
        .await;
        let region_of: std::collections::HashMap<String, String> = rows
            .iter()
            .map(|row| {
                let id: i32 = row.try_get("", "id").expect("an id");
                let code: String = row.try_get("", "code").expect("a code");
                (id.to_string(), code)
            })
            .collect();
        assert!(region_of.len() >= 1000, "{} organisations", region_of.len());
        let pages = [
            r#"first: 100"#,
            r#"first: 100, orderBy: { field: FOUNDED_YEAR, direction: DESC }"#,
            r#"first: 100, filter: { search: "a", countryCode: "LV" }, orderBy: { direction: DESC }"#,
            r#"first: 50, filter: { regionCode: "PT-BRAGA", status: ACTIVE, fieldOfActivity: "SPORT" }"#,
        ];
        for arguments in pages {
            let plain = app.data(&format!("{{ organisations({arguments}) {{ nodes {{ id }} }} }}")).await;
            let joined = app
                .data(&format!(
                    "{{ organisations({arguments}) {{ nodes {{ id region {{ code }} }} \
                       edges {{ node {{ id ...Area }} }} }} }} fragment Area on Organisation {{ region {{ code }} }}"
                ))
                .await;
            let ids = strings(&plain["organisations"]["nodes"], "id");
            assert!(!ids.is_empty(), "{arguments}");
            assert_eq!(strings(&joined["organisations"]["nodes"], "id"), ids, "{arguments}");
            let nodes = joined["organisations"]["nodes"].as_array().cloned().unwrap_or_default();
            let edges = joined["organisations"]["edges"].as_array().cloned().unwrap_or_default();
            assert_eq!((nodes.len(), edges.len()), (ids.len(), ids.len()));
            for (node, edge) in nodes.iter().zip(&edges) {
                let id = node["id"].as_str().unwrap_or_default();
                let expected = region_of.get(id).map(String::as_str);
                assert_eq!(node["region"]["code"].as_str(), expected, "{arguments}: {id}");
                assert_eq!(edge["node"]["region"]["code"].as_str(), expected, "{arguments}: {id}");
            }
        }
        // A region's own page gives each node that region.
        let trakai = app
            .data(r#"{ region(code: "LT-TRAKAI") { organisations(first: 30) { nodes { id region { code } } } } }"#)
            .await;
        let nodes = trakai["region"]["organisations"]["nodes"].as_array().cloned().unwrap_or_default();
        assert_eq!(nodes.len(), 30);
        for node in nodes {
            let id = node["id"].as_str().unwrap_or_default();
            assert_eq!(region_of.get(id).map(String::as_str), Some("LT-TRAKAI"));
            assert_eq!(node["region"]["code"], "LT-TRAKAI");
        }
    }
);

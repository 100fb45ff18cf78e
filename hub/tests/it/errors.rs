//! Every error has `extensions.code` and a message that names the bad argument and,
//! where there are few, the valid values.

use crate::helpers::{App, on_both};

on_both!(
    /// Bad arguments are BAD_USER_INPUT naming the argument and the valid values.
    bad_arguments_name_themselves_and_the_valid_values,
    |app: App| async move {
        let cases = [
            (r#"{ organisations(filter: { countryCode: "DE" }) { totalCount } }"#, "filter.countryCode", "valid: CY, LT, LV, PT, SE"),
            (r#"{ organisations(filter: { countryCode: "Latvia" }) { totalCount } }"#, "filter.countryCode", "two letters"),
            (r#"{ organisations(filter: { regionCode: "LV-RIGA" }) { totalCount } }"#, "filter.regionCode", "LV-TALSI"),
            ("{ organisations(first: 1000) { totalCount } }", "first", "between 0 and 100, got 1000"),
            (r#"{ organisations(after: "not-a-cursor") { totalCount } }"#, "after", "malformed cursor"),
            (r#"{ surveys { title(lang: "de") } }"#, "lang", "valid: en, sv, lv, lt, pt, el"),
            (r#"{ findings(filter: { theme: "MONEY" }) { totalCount } }"#, "filter.theme", "SHARED_UNDERSTANDING"),
            (r#"{ findings(filter: { subCode: "NOPE" }) { totalCount } }"#, "filter.subCode", "unknown sub-code"),
            (r#"{ findings(filter: { language: "fr" }) { totalCount } }"#, "filter.language", "valid: en"),
            (r#"{ respondents(filter: { surveyCode: "X" }) { totalCount } }"#, "filter.surveyCode", "YC-2026"),
            (r#"{ organisations(filter: { search: "%s" }) { totalCount } }"#, "filter.search", "longer than 200 characters"),
        ];
        // A researcher: the respondents case needs the role.
        let app = app.as_role(hub::access::Role::Researcher).await;
        for (query, argument, hint) in cases {
            let query = query.replace("%s", &"x".repeat(201));
            let error = app.error(&query).await;
            assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{query}: {error}");
            let message = error["message"].as_str().unwrap_or_default();
            assert!(message.contains(argument) && message.contains(hint), "{query}: {message}");
        }
    }
);

on_both!(
    /// Asking for something that does not exist is NOT_FOUND; the rest of the data stays.
    missing_records_are_not_found,
    |app: App| async move {
        let body = app
            .post(r#"{ organisation(id: "999999") { name } regions { code } }"#, serde_json::Value::Null)
            .await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
        assert_eq!(body["errors"][0]["path"][0], "organisation");
        assert_eq!(body["data"]["regions"].as_array().map(Vec::len), Some(5));
        let error = app.error(r#"{ region(code: "XX-NOWHERE") { name } }"#).await;
        assert_eq!(error["extensions"]["code"], "NOT_FOUND");
        let error = app.error(r#"{ organisation(id: "abc") { name } }"#).await;
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    }
);

on_both!(
    /// Errors the engine finds before running anything get the conventional codes.
    engine_errors_have_codes_too,
    |app: App| async move {
        let cases = [
            ("{ regions { code ", "GRAPHQL_PARSE_FAILED"),
            ("{ regions { nope } }", "GRAPHQL_VALIDATION_FAILED"),
            ("{ organisations(filter: { kind: CASTLE }) { totalCount } }", "BAD_USER_INPUT"),
            ("{ organisations(first: \"ten\") { totalCount } }", "BAD_USER_INPUT"),
        ];
        for (query, code) in cases {
            let error = app.error(query).await;
            assert_eq!(error["extensions"]["code"], code, "{query}: {error}");
        }
        // Depth and complexity are limited.
        let deep = "{ organisations { nodes { successor { successor { successor { successor { successor { successor { successor { successor { successor { successor { name } } } } } } } } } } } } }";
        let error = app.error(deep).await;
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains("nested 13 fields deep; the limit is 12"), "{error}");
        assert_eq!(error["extensions"]["code"], "QUERY_TOO_COSTLY");
        let wide: String = (0..40)
            .map(|i| format!("a{i}: organisations(first: 100) {{ nodes {{ name region {{ name }} successor {{ name region {{ name }} }} }} }} "))
            .collect();
        let wide = format!("{{ {wide} }}");
        let error = app.error(&wide).await;
        // 40 × (organisations 1 + nodes 1 + 100 × (name 1 + region 2 + successor 4)).
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains("would cost 28080; the limit is 20000"), "{error}");
    }
);

//! Pages rendered from hand-made data: links keep the filters and the language.

use dashboard::{
    Lang,
    pages::{self, CountryCard, Shell},
};

fn shell(lang: Lang) -> Shell {
    Shell {
        lang,
        path: "/".into(),
        params: vec![("country".into(), "LV".into())],
        synthetic: true,
        data_version: 3,
        account: None,
    }
}

#[test]
fn the_header_offers_sign_in_or_names_the_account_with_a_sign_out_form() {
    let public = pages::overview(&shell(Lang::Sv), &[]).into_string();
    assert!(
        public.contains("href=\"/sign-in?lang=sv\">Logga in</a>"),
        "{public}"
    );
    let signed_in = Shell {
        account: Some(pages::SignedIn {
            name: "ana".into(),
            role: "RESEARCHER".into(),
            csrf: "t0k3n".into(),
        }),
        ..shell(Lang::En)
    };
    let html = pages::overview(&signed_in, &[]).into_string();
    assert!(html.contains("<strong>ana</strong> (RESEARCHER)"), "{html}");
    assert!(
        html.contains("<form method=\"post\" action=\"/sign-out\"><input type=\"hidden\" name=\"csrf\" value=\"t0k3n\">"),
        "{html}"
    );
    assert!(!html.contains("/sign-in"), "{html}");
}

#[test]
fn the_overview_has_a_card_per_country_and_links_in_the_language() {
    let cards = [CountryCard {
        country: "LT".into(),
        regions: vec!["Trakai".into()],
        population: 31_000,
        active_organisations: 42,
        respondents: 120,
        findings: 37,
    }];
    let html = pages::overview(&shell(Lang::Lt), &cards).into_string();
    assert!(
        html.starts_with("<!DOCTYPE html><html lang=\"lt\">"),
        "{html}"
    );
    assert!(
        html.contains(">Lietuva</a></h2>"),
        "the country's name links to its sheet"
    );
    assert!(html.contains("href=\"/countries/LT?lang=lt\""));
    assert!(html.contains("31\u{202f}000"));
    assert!(html.contains("href=\"/registry?lang=lt\""));
    // Switching language keeps the filters.
    assert!(html.contains("href=\"/?country=LV&amp;lang=sv\""), "{html}");
    assert!(html.contains("Sintetiniai demonstraciniai duomenys"));
}

#[test]
fn an_error_page_says_what_was_wrong() {
    let html = pages::error_page(
        &shell(Lang::En),
        "lang: unknown value \"de\"; valid: en, sv",
    )
    .into_string();
    assert!(html.contains("role=\"alert\""));
    assert!(
        html.contains("lang: unknown value &quot;de&quot;; valid: en, sv"),
        "{html}"
    );
}

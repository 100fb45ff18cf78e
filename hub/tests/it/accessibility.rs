//! Accessibility in a real browser: every page passes axe-core's WCAG 2.1 A and AA
//! rules in two languages, at desktop and phone width, signed out and signed in as an
//! editor (the edit forms, the review desk and the upload page included), and so do an
//! edit form showing problems and an upload's table of problems.
#![expect(
    clippy::expect_used,
    reason = "browser set-up fails loudly, with the reason"
)]

use std::time::Duration;

use chromiumoxide::Page;

use crate::{
    browser::{PAGES, a_private_link, eval, launch, set_width, visit},
    helpers::{App, Backend, run_configured},
};

/// axe-core's WCAG 2.0/2.1 A and AA rules over a page: the violations, each with the
/// elements it names (empty when the page passes).
pub(crate) async fn axe_violations(page: &Page) -> Vec<String> {
    const AXE: &str = include_str!("../data/axe/axe.min.js");
    let _: bool = eval(page, &format!("(() => {{ {AXE}\n; return true; }})()")).await;
    eval(
        page,
        "(async () => {
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            });
            return result.violations.map(v =>
                `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => `${n.target.join(' ')} (${n.failureSummary.replace(/\\s+/g, ' ')})`).join(', ')}`);
        })()",
    )
    .await
}

/// Signs in through the form, with the keyboard only: Tab to each field, type, Enter.
async fn sign_in_by_keyboard(page: &Page, app: &App, name: &str, password: &str) {
    visit(page, &format!("{}/sign-in", app.url)).await;
    let _: bool = eval(
        page,
        "(() => { document.activeElement.blur(); return true; })()",
    )
    .await;
    // Keys go to the tab (whatever has the focus), sent through any element.
    let keys = page.find_element("body").await.expect("a body");
    // The first field that takes the focus from the keyboard must be the account name:
    // the skip link and the header's links come first, so tab until it is reached.
    let mut reached = false;
    for _ in 0..30 {
        keys.press_key("Tab").await.expect("Tab");
        let focused: String = eval(page, "document.activeElement.name || ''").await;
        if focused == "name" {
            reached = true;
            break;
        }
    }
    assert!(reached, "the account name field cannot be reached with Tab");
    keys.type_str(name).await.expect("typing the name");
    keys.press_key("Tab").await.expect("Tab");
    let focused: String = eval(page, "document.activeElement.name || ''").await;
    assert_eq!(
        focused, "password",
        "Tab goes from the name to the password"
    );
    keys.type_str(password).await.expect("typing the password");
    keys.press_key("Enter").await.expect("Enter");
    tokio::time::sleep(Duration::from_millis(300)).await;
    page.wait_for_navigation().await.expect("signed in");
    let header: String = eval(page, "document.querySelector('header').innerText").await;
    assert!(
        header.contains(name),
        "after signing in the header shows {header:?}"
    );
}

/// Every page passes axe-core's WCAG A/AA rules, in two languages and at two widths,
/// before and after signing in (the signed-in header and the sign-out form included),
/// and so do an organisation's page and, for its editor, its edit form, also when it
/// shows problems.
async fn check_accessibility(app: App) {
    let (_, name) = app
        .token_for(hub::access::Role::Editor, Some("LV-TALSI"))
        .await;
    let org: i32 = crate::helpers::sql_rows(
        &app,
        "SELECT MIN(o.id) AS id FROM organisation o JOIN region g ON g.id = o.region_id WHERE g.code = 'LV-TALSI'",
    )
    .await[0]
        .try_get("", "id")
        .expect("a Talsi organisation");
    let collab: i32 = crate::helpers::sql_rows(
        &app,
        "SELECT MIN(c.id) AS id FROM collaboration c JOIN region g ON g.id = c.region_id WHERE g.code = 'LV-TALSI'",
    )
    .await[0]
        .try_get("", "id")
        .expect("a Talsi example");
    let link = a_private_link(&app).await;
    let (mut browser, events) = launch().await;
    let page = browser.new_page("about:blank").await.expect("a tab");
    let mut failures = Vec::new();
    for signed_in in [false, true] {
        if signed_in {
            set_width(&page, 1280, 900, false).await;
            sign_in_by_keyboard(&page, &app, &name, "a long enough password").await;
        }
        let mut paths: Vec<String> = PAGES.iter().map(|p| (*p).to_owned()).collect();
        paths.push(format!("/organisations/{org}"));
        paths.push(link.clone());
        if signed_in {
            paths.push(format!("/organisations/{org}/edit"));
            paths.push(format!("/collaborations/{collab}/edit"));
            paths.push("/reviews".to_owned());
            paths.push("/imports".to_owned());
        }
        for path in &paths {
            for lang in ["en", "el"] {
                let sep = if path.contains('?') { '&' } else { '?' };
                let url = format!("{}{path}{sep}lang={lang}", app.url);
                for (width, height, mobile) in [(1280, 900, false), (390, 844, true)] {
                    set_width(&page, width, height, mobile).await;
                    visit(&page, &url).await;
                    for violation in axe_violations(&page).await {
                        failures.push(format!(
                            "{url} at {width} px{}: {violation}",
                            if signed_in { ", signed in" } else { "" }
                        ));
                    }
                }
            }
        }
    }
    // The edit form showing problems: a year out of range, sent from the browser.
    set_width(&page, 1280, 900, false).await;
    visit(&page, &format!("{}/organisations/{org}/edit", app.url)).await;
    let _: bool = eval(
        &page,
        "(() => { document.getElementById('founded_year').value = '1700'; return true; })()",
    )
    .await;
    page.find_element("form.edit button[type=submit]")
        .await
        .expect("the Save button")
        .click()
        .await
        .expect("a click");
    tokio::time::sleep(Duration::from_millis(300)).await;
    page.wait_for_navigation()
        .await
        .expect("the form comes back");
    let shown: bool = eval(&page, "!!document.getElementById('founded_year-error')").await;
    assert!(shown, "the problem is shown at its field");
    for violation in axe_violations(&page).await {
        failures.push(format!("the edit form with a problem: {violation}"));
    }
    // An upload with problems: the table of problems, from a file chosen in the browser.
    visit(&page, &format!("{}/imports", app.url)).await;
    let _: bool = eval(
        &page,
        "(() => {
            const file = new File(['id,name,region,kind,status\\nX-1,Klubs,LV-NOWHERE,NGO,ACTIVE\\n'], 'bad.csv', { type: 'text/csv' });
            const chosen = new DataTransfer();
            chosen.items.add(file);
            document.getElementById('upload-file').files = chosen.files;
            return true;
        })()",
    )
    .await;
    page.find_element("form.edit button[type=submit]")
        .await
        .expect("the Upload button")
        .click()
        .await
        .expect("a click");
    tokio::time::sleep(Duration::from_millis(300)).await;
    page.wait_for_navigation()
        .await
        .expect("the result comes back");
    let listed: String = eval(
        &page,
        "document.querySelector('main table')?.innerText || ''",
    )
    .await;
    assert!(
        listed.contains("LV-NOWHERE") && listed.contains("foreign-key"),
        "the problems are listed: {listed:?}"
    );
    for width in [1280, 390] {
        set_width(&page, width, 844, width < 500).await;
        for violation in axe_violations(&page).await {
            failures.push(format!("the upload result at {width} px: {violation}"));
        }
    }
    set_width(&page, 1280, 900, false).await;
    // The checker runs and finds what it should: a page with an unlabelled field fails.
    let _: bool = eval(
        &page,
        "(() => { document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>'); return true; })()",
    )
    .await;
    let planted = axe_violations(&page).await;
    assert!(
        planted.iter().any(|v| v.starts_with("label")),
        "axe-core did not see an unlabelled field: {planted:?}"
    );
    assert!(
        failures.is_empty(),
        "axe-core violations:\n{}",
        failures.join("\n")
    );
    browser.close().await.ok();
    browser.wait().await.ok();
    events.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Chromium: .ci/run installs Debian's chromium"]
async fn every_page_passes_axe_core() {
    run_configured(Backend::Sqlite, |_| {}, check_accessibility).await;
}

//! The dashboard in a real browser (Debian's headless Chromium over the DevTools
//! protocol): every page loads without console errors or broken images, every download
//! link answers, the layout fits a phone, and changing a filter changes the URL and the
//! chart. `.ci/run` installs Chromium; set `HUB_TEST_CHROMIUM` to use another binary.
#![expect(
    clippy::expect_used,
    reason = "browser set-up fails loudly, with the reason"
)]

use std::{
    path::PathBuf,
    sync::{Arc, Mutex},
    time::Duration,
};

use chromiumoxide::{
    Page,
    browser::{Browser, BrowserConfig},
    cdp::{
        browser_protocol::{
            emulation::SetDeviceMetricsOverrideParams,
            log::{EnableParams as LogEnable, EventEntryAdded, LogEntryLevel},
        },
        js_protocol::runtime::{ConsoleApiCalledType, EventConsoleApiCalled, EventExceptionThrown},
    },
    page::ScreenshotParams,
};
use futures_util::StreamExt;

use crate::helpers::{App, Backend, run_configured};

pub(crate) const PAGES: [&str; 11] = [
    "/",
    "/sign-in",
    "/registry?country=LV",
    "/survey",
    "/themes",
    "/themes/PROCESSES_BUREAUCRACY",
    "/interviews",
    "/interviews?theme=CREDIBILITY&quotes=PT",
    "/collaborations",
    "/recommendations",
    "/countries/LV",
];

fn chromium() -> PathBuf {
    std::env::var_os("HUB_TEST_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

fn screenshot_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"),
            PathBuf::from,
        )
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("a screenshot folder");
    dir
}

/// Everything the page reports as an error: console errors, uncaught exceptions and
/// log entries (failed loads) at error level.
async fn watch_errors(page: &Page) -> Arc<Mutex<Vec<String>>> {
    let errors = Arc::new(Mutex::new(Vec::new()));
    page.execute(LogEnable::default())
        .await
        .expect("Log.enable");
    let mut log = page
        .event_listener::<EventEntryAdded>()
        .await
        .expect("log events");
    let mut console = page
        .event_listener::<EventConsoleApiCalled>()
        .await
        .expect("console events");
    let mut thrown = page
        .event_listener::<EventExceptionThrown>()
        .await
        .expect("exception events");
    let sink = errors.clone();
    tokio::spawn(async move {
        loop {
            let message = tokio::select! {
                Some(e) = log.next() => (e.entry.level == LogEntryLevel::Error)
                    .then(|| format!("log: {} {}", e.entry.text, e.entry.url.clone().unwrap_or_default())),
                Some(e) = console.next() => (e.r#type == ConsoleApiCalledType::Error)
                    .then(|| format!("console.error: {:?}", e.args.iter().map(|a| a.value.clone()).collect::<Vec<_>>())),
                Some(e) = thrown.next() => Some(format!("exception: {}", e.exception_details.text)),
                else => break,
            };
            if let Some(message) = message {
                sink.lock().expect("the error list").push(message);
            }
        }
    });
    errors
}

pub(crate) async fn set_width(page: &Page, width: i64, height: i64, mobile: bool) {
    page.execute(SetDeviceMetricsOverrideParams::new(
        width, height, 1.0, mobile,
    ))
    .await
    .expect("the viewport changes");
}

pub(crate) async fn eval<T: serde::de::DeserializeOwned>(page: &Page, js: &str) -> T {
    page.evaluate(js)
        .await
        .unwrap_or_else(|e| panic!("{js}: {e}"))
        .into_value()
        .unwrap_or_else(|e| panic!("{js}: {e}"))
}

pub(crate) async fn visit(page: &Page, url: &str) {
    page.goto(url)
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    page.wait_for_navigation().await.expect("the page loads");
}

/// Headless Chromium with its event loop running.
pub(crate) async fn launch() -> (Browser, tokio::task::JoinHandle<()>) {
    // A profile of its own: two browsers sharing one refuse to start.
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let profile = std::env::temp_dir().join(format!(
        "hub-chromium-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let (browser, mut handler) = Browser::launch(
        BrowserConfig::builder()
            .chrome_executable(chromium())
            .user_data_dir(&profile)
            .no_sandbox()
            .arg("--disable-gpu")
            .arg("--disable-dev-shm-usage")
            .window_size(1280, 900)
            .request_timeout(Duration::from_secs(30))
            .build()
            .expect("a browser configuration"),
    )
    .await
    .unwrap_or_else(|e| panic!("Chromium at {} does not start: {e}", chromium().display()));
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
    (browser, events)
}

/// A working private link of a Talsi organisation: the page it opens without an account.
pub(crate) async fn a_private_link(app: &App) -> String {
    let (db, _) = hub::db::connect(&app.database).await.expect("the database");
    let link = hub::service::links::create(
        &db,
        &hub::access::accounts::operator(),
        "LV-TALSI",
        chrono::Duration::days(1),
    )
    .await
    .expect("links")[0]
        .secret
        .clone();
    db.close().await.ok();
    format!("/r/{link}")
}

async fn check_pages(app: App) {
    let (mut browser, events) = launch().await;
    let page = browser.new_page("about:blank").await.expect("a tab");
    let errors = watch_errors(&page).await;
    let shots = screenshot_dir();
    let mut paths: Vec<String> = PAGES.iter().map(|p| (*p).to_owned()).collect();
    paths.push(a_private_link(&app).await);

    for (i, path) in paths.iter().enumerate() {
        for lang in ["en", "el"] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let url = format!("{}{path}{sep}lang={lang}", app.url);
            for (device, width, height, mobile) in
                [("desktop", 1280, 900, false), ("phone", 390, 844, true)]
            {
                set_width(&page, width, height, mobile).await;
                visit(&page, &url).await;
                let broken: Vec<String> = eval(
                    &page,
                    "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)",
                )
                .await;
                assert!(broken.is_empty(), "{url}: broken images {broken:?}");
                let overflow: f64 = eval(
                    &page,
                    "document.documentElement.scrollWidth - window.innerWidth",
                )
                .await;
                assert!(
                    overflow <= 1.0,
                    "{url} on a {device} is {overflow} px wider than the screen"
                );
                let charts: Vec<f64> = eval(
                    &page,
                    "Array.from(document.querySelectorAll('figure.chart svg')).map(s => s.getBoundingClientRect().width)",
                )
                .await;
                assert!(
                    charts.iter().all(|w| *w > 200.0),
                    "{url} on a {device}: chart widths {charts:?}"
                );
                let bytes = page
                    .screenshot(ScreenshotParams::builder().full_page(true).build())
                    .await
                    .expect("a screenshot");
                assert_eq!(&bytes[..4], b"\x89PNG");
                std::fs::write(shots.join(format!("{i}-{lang}-{device}.png")), &bytes)
                    .expect("the screenshot is saved");
            }
            let statuses: Vec<(String, u16)> = eval(
                &page,
                "(async () => Promise.all(Array.from(document.querySelectorAll('figcaption a'))
                    .map(a => fetch(a.href).then(r => [a.href, r.status]))))()",
            )
            .await;
            for (href, status) in &statuses {
                assert_eq!(*status, 200, "{href}");
            }
            if path.contains("themes") || path.contains("survey") {
                assert!(!statuses.is_empty(), "{url} has download links");
            }
        }
    }
    let seen = errors.lock().expect("the error list").clone();
    assert!(seen.is_empty(), "the browser reported errors: {seen:#?}");

    // Changing a filter changes the URL and the chart.
    set_width(&page, 1280, 900, false).await;
    visit(&page, &format!("{}/survey", app.url)).await;
    let before: String = eval(
        &page,
        "document.querySelector('figure.chart svg desc').textContent",
    )
    .await;
    assert!(before.contains("Cyprus"), "{before}");
    let _: bool = eval(
        &page,
        "(() => { const s = document.querySelector('select[name=country]'); s.value = 'LT'; return true; })()",
    )
    .await;
    page.find_element("form.filters button[type=submit]")
        .await
        .expect("the Show button")
        .click()
        .await
        .expect("a click");
    tokio::time::sleep(Duration::from_millis(300)).await;
    page.wait_for_navigation()
        .await
        .expect("the filtered page loads");
    let url = page.url().await.expect("a URL").unwrap_or_default();
    assert!(url.contains("country=LT"), "{url}");
    let after: String = eval(
        &page,
        "document.querySelector('figure.chart svg desc').textContent",
    )
    .await;
    assert_ne!(before, after);
    assert!(
        after.contains("Lithuania") && !after.contains("Cyprus"),
        "{after}"
    );
    let link: String = eval(
        &page,
        "document.querySelector('figcaption a').getAttribute('href')",
    )
    .await;
    assert!(link.contains("country=LT"), "{link}");

    browser.close().await.ok();
    browser.wait().await.ok();
    events.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Chromium: .ci/run installs Debian's chromium"]
async fn every_page_loads_cleanly_in_a_browser_at_desktop_and_phone_width() {
    run_configured(Backend::Sqlite, |_| {}, check_pages).await;
}

/// GraphiQL starts from the hub's own files under the page's policy (no inline script,
/// nothing from a CDN: Chromium here has no internet), and loads the schema.
async fn check_graphiql(app: App) {
    let (mut browser, events) = launch().await;
    let page = browser.new_page("about:blank").await.expect("a tab");
    let errors = watch_errors(&page).await;
    visit(&page, &format!("{}/graphql", app.url)).await;
    let mut ready = false;
    for _ in 0..100 {
        // The documentation explorer lists the root types once the schema has loaded.
        let _: bool = eval(
            &page,
            "(() => { const b = document.querySelector('button[aria-label=\"Show Documentation Explorer\"]'); if (b) b.click(); return true; })()",
        )
        .await;
        ready = eval(
            &page,
            "!!document.querySelector('.graphiql-container') && document.body.innerText.includes('Root Types')",
        )
        .await;
        if ready {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let text: String = eval(&page, "document.body.innerText.slice(0, 400)").await;
    assert!(ready, "GraphiQL did not show the schema: {text:?}");
    let seen = errors.lock().expect("the error list").clone();
    assert!(seen.is_empty(), "the browser reported errors: {seen:#?}");
    browser.close().await.ok();
    browser.wait().await.ok();
    events.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Chromium: .ci/run installs Debian's chromium"]
async fn graphiql_runs_from_the_hubs_own_files() {
    run_configured(Backend::Sqlite, |_| {}, check_graphiql).await;
}

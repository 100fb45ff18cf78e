//! Charts from hand-made rows: snapshots of the SVG, the numbers in the CSV, the PNG's
//! size and text chunks, and suppressed groups never drawn as zero.

use analytics::{
    ChoiceShareRow, GroupKeys, LikertRow, RegistryRow, RoleGapRow, ThemeFrequencyRow,
    ThemeScoreRow, WaveChangeRow,
};
use dashboard::{
    Chart, Context, Lang, Vocabulary,
    chart::{self, Choices, Likert, Registry, RoleGap, ThemeFrequency, ThemeScores, WaveChange},
};

#[expect(clippy::expect_used, reason = "a fixture names roles by their codes")]
fn keys(country: &str, role: Option<&str>) -> GroupKeys {
    GroupKeys {
        country: Some(country.into()),
        role: role.map(|r| analytics::Role::parse(r).expect("a role code")),
        ..GroupKeys::default()
    }
}

pub fn context(lang: Lang) -> Context {
    let mut vocabulary = Vocabulary::default();
    for (code, name) in [
        ("SHARED_UNDERSTANDING", "Shared understanding"),
        ("CREDIBILITY", "=Credibility"),
    ] {
        vocabulary.themes.insert(code.into(), name.into());
        vocabulary.theme_order.push(code.into());
    }
    vocabulary.question = Some(("SU1".into(), "Ar pašvaldību ir kopīga izpratne".into()));
    vocabulary.scale = [
        "Pilnībā nepiekrītu",
        "Nepiekrītu",
        "Neitrāli",
        "Piekrītu",
        "Pilnībā piekrītu",
    ]
    .map(String::from)
    .to_vec();
    for (code, label) in [("MONEY", "Funding"), ("ROOMS", "Rooms")] {
        vocabulary.options.insert(code.into(), label.into());
        vocabulary.option_order.push(code.into());
    }
    Context {
        lang,
        filters: vec![
            ("country".into(), "LV".into()),
            ("country".into(), "CY".into()),
        ],
        k: 5,
        data_version: 42,
        made: "2026-11-27T12:00:00Z".into(),
        synthetic: true,
        vocabulary,
    }
}

fn score(theme: &str, country: &str, role: &str, n: u64, mean: f64) -> ThemeScoreRow {
    ThemeScoreRow {
        keys: keys(country, Some(role)),
        theme: theme.into(),
        n: Some(n),
        suppressed: false,
        mean: Some(mean),
        sd: Some(0.8),
        ci_low: Some(mean - 0.3),
        ci_high: Some(mean + 0.3),
    }
}

fn hidden_score(theme: &str, country: &str, role: &str) -> ThemeScoreRow {
    ThemeScoreRow {
        keys: keys(country, Some(role)),
        theme: theme.into(),
        n: None,
        suppressed: true,
        mean: None,
        sd: None,
        ci_low: None,
        ci_high: None,
    }
}

pub fn theme_scores(cx: &Context) -> Chart {
    Chart::ThemeScores(ThemeScores::new(
        vec![
            score("CREDIBILITY", "LV", "MUNICIPAL_OFFICIAL", 31, 3.2),
            score("SHARED_UNDERSTANDING", "LV", "MUNICIPAL_OFFICIAL", 31, 3.9),
            score(
                "SHARED_UNDERSTANDING",
                "LV",
                "ORGANISATION_REPRESENTATIVE",
                40,
                2.75,
            ),
            score("SHARED_UNDERSTANDING", "CY", "MUNICIPAL_OFFICIAL", 12, 4.1),
            hidden_score("SHARED_UNDERSTANDING", "CY", "ORGANISATION_REPRESENTATIVE"),
            score("CREDIBILITY", "LV", "ORGANISATION_REPRESENTATIVE", 40, 2.5),
        ],
        cx,
    ))
}

fn likert(cx: &Context) -> Chart {
    let _ = cx;
    Chart::Likert(Likert::new(vec![
        LikertRow {
            keys: keys("LV", None),
            n: Some(50),
            suppressed: false,
            counts: Some([5, 10, 20, 10, 5]),
            shares: Some([0.1, 0.2, 0.4, 0.2, 0.1]),
            agree_share: Some(0.3),
            mean: Some(3.0),
            median: Some(3.0),
        },
        LikertRow {
            keys: keys("CY", None),
            n: None,
            suppressed: true,
            counts: None,
            shares: None,
            agree_share: None,
            mean: None,
            median: None,
        },
        LikertRow {
            keys: keys("SE", None),
            n: Some(8),
            suppressed: false,
            counts: Some([0, 0, 2, 2, 4]),
            shares: Some([0.0, 0.0, 0.25, 0.25, 0.5]),
            agree_share: Some(0.75),
            mean: Some(4.25),
            median: Some(4.5),
        },
    ]))
}

fn role_gap(cx: &Context) -> Chart {
    let row = |theme: &str, country: &str, gap: Option<f64>| RoleGapRow {
        country: country.into(),
        theme: theme.into(),
        officials_n: gap.map(|_| 20),
        organisations_n: gap.map(|_| 25),
        officials_mean: gap.map(|g| 3.0 + g),
        organisations_mean: gap.map(|_| 3.0),
        gap,
        ci_low: gap.map(|g| g - 0.35),
        ci_high: gap.map(|g| g + 0.35),
        suppressed: gap.is_none(),
    };
    Chart::RoleGap(RoleGap::new(
        vec![
            row("SHARED_UNDERSTANDING", "LV", Some(0.8)),
            row("SHARED_UNDERSTANDING", "CY", None),
            row("CREDIBILITY", "LV", Some(-0.4)),
        ],
        cx,
    ))
}

fn wave_change(cx: &Context) -> Chart {
    let row = |theme: &str, country: &str, change: Option<f64>| WaveChangeRow {
        country: country.into(),
        theme: theme.into(),
        from_n: change.map(|_| 40),
        to_n: change.map(|_| 45),
        from_mean: change.map(|_| 3.0),
        to_mean: change.map(|c| 3.0 + c),
        change,
        ci_low: change.map(|c| c - 0.2),
        ci_high: change.map(|c| c + 0.2),
        suppressed: change.is_none(),
    };
    Chart::WaveChange(WaveChange::new(
        vec![
            row("SHARED_UNDERSTANDING", "LV", Some(0.35)),
            row("SHARED_UNDERSTANDING", "CY", None),
            row("CREDIBILITY", "CY", Some(-0.25)),
            row("CREDIBILITY", "LT", Some(0.05)),
        ],
        "YC-2025",
        "YC-2026",
        cx,
    ))
}

fn theme_frequency(cx: &Context) -> Chart {
    let row = |theme: &str, country: &str, count: u64, total: u64| ThemeFrequencyRow {
        keys: keys(country, None),
        theme: theme.into(),
        sub_code: None,
        count,
        share: count as f64 / total as f64,
        group_total: total,
    };
    Chart::ThemeFrequency(ThemeFrequency::new(
        &[
            row("SHARED_UNDERSTANDING", "LV", 12, 20),
            row("CREDIBILITY", "LV", 8, 20),
            row("SHARED_UNDERSTANDING", "PT", 3, 9),
            row("CREDIBILITY", "PT", 6, 9),
        ],
        cx,
    ))
}

fn registry() -> Chart {
    let row = |country: &str,
               population: i64,
               organisations: u64,
               active: u64,
               closed: u64,
               per_10k: f64| {
        RegistryRow {
            keys: keys(country, None),
            population,
            active_per_10k: Some(per_10k),
            organisations,
            active,
            dormant: organisations - active - closed,
            closed,
            closure_rate: closed as f64 / organisations as f64,
            closures_per_year: Vec::new(),
            kinds: Vec::new(),
            verified_share: None,
        }
    };
    Chart::Registry(Registry::new(vec![
        // 40 / 25,000 * 10,000 and 320 / 290,000 * 10,000, by hand.
        row("LT", 25_000, 100, 40, 50, 16.0),
        row("SE", 290_000, 400, 320, 30, 11.034_482_758_620_69),
    ]))
}

fn choices(cx: &Context) -> Chart {
    let row = |option: &str, country: &str, n: Option<u64>, count: Option<u64>| ChoiceShareRow {
        keys: keys(country, None),
        option: option.into(),
        n,
        count,
        share: n.zip(count).map(|(n, c)| c as f64 / n as f64),
        suppressed: n.is_none(),
    };
    Chart::Choices(Choices::new(
        vec![
            row("ROOMS", "LV", Some(40), Some(10)),
            row("MONEY", "LV", Some(40), Some(30)),
            row("MONEY", "CY", None, None),
        ],
        cx,
    ))
}

fn all(cx: &Context) -> Vec<Chart> {
    vec![
        likert(cx),
        theme_scores(cx),
        role_gap(cx),
        wave_change(cx),
        theme_frequency(cx),
        registry(),
        choices(cx),
    ]
}

#[test]
fn every_chart_draws_the_same_svg_from_the_same_data() {
    let cx = context(Lang::En);
    for chart in all(&cx) {
        // The file (text as outlines) is the same every time; the page's form, with its
        // text readable, is the snapshot.
        let file = chart.svg(&cx).unwrap();
        assert_eq!(file, chart.svg(&cx).unwrap(), "{:?}", chart.name());
        let svg = chart.svg_with_id(&cx, "chart").unwrap();
        assert_eq!(
            svg,
            chart.svg_with_id(&cx, "chart").unwrap(),
            "{:?}",
            chart.name()
        );
        insta::assert_snapshot!(format!("svg_{}", chart.name().slug()), svg);
    }
}

#[test]
fn every_svg_has_a_title_a_description_and_its_provenance() {
    let cx = context(Lang::En);
    for (chart, form) in all(&cx)
        .into_iter()
        .flat_map(|c| [(c.clone(), "file"), (c, "page")])
    {
        let svg = if form == "file" {
            chart.svg(&cx).unwrap()
        } else {
            chart.svg_with_id(&cx, "chart").unwrap()
        };
        let name = format!("{} ({form})", chart.name().slug());
        assert!(
            svg.starts_with("<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\""),
            "{name}"
        );
        assert!(
            svg.contains(&format!(
                "<title id=\"chart-title\">{}</title>",
                chart.title(&cx)
            )),
            "{name}"
        );
        assert!(svg.contains("<desc id=\"chart-desc\">"), "{name}");
        let start = svg.find("<metadata id=\"chart-provenance\">").unwrap();
        let end = svg.find("</metadata>").unwrap();
        let json = svg[start + 32..end].replace("&quot;", "\"");
        let provenance: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(provenance["chart"], chart.name().slug());
        assert_eq!(provenance["data_version"], 42);
        assert_eq!(provenance["k"], 5);
        assert_eq!(provenance["made"], "2026-11-27T12:00:00Z");
        assert_eq!(
            provenance["filters"]["country"], "CY",
            "{name}: the last of repeated filters"
        );
        if form == "page" {
            assert!(
                svg.contains("Synthetic demo data, not real responses"),
                "{name}"
            );
            assert!(svg.len() < 100_000, "{name} is {} bytes", svg.len());
        } else {
            assert!(!svg.contains("<text"), "{name}: its text is outlines");
            assert!(svg.len() < 100_000, "{name} is {} bytes", svg.len());
        }
        assert!(svg.trim_end().ends_with("</svg>"), "{name}");
    }
}

#[test]
fn a_suppressed_group_is_drawn_as_fewer_than_k_never_as_zero() {
    let cx = context(Lang::En);
    for chart in [likert(&cx), theme_scores(&cx), role_gap(&cx), choices(&cx)] {
        let svg = chart.svg_with_id(&cx, "chart").unwrap();
        let name = chart.name().slug();
        // The note in the footer says it once; the suppressed row says it again.
        assert!(svg.matches("fewer than 5 responses").count() >= 2, "{name}");
        let csv = chart.csv(&cx);
        let cyprus: Vec<&str> = csv
            .lines()
            .filter(|l| l.contains(",CY,") || l.starts_with("CY,"))
            .collect();
        assert!(!cyprus.is_empty(), "{name}: {csv}");
        for line in cyprus.iter().filter(|l| l.ends_with(",true")) {
            assert!(
                !line.contains(",0,") && !line.contains(",0.0"),
                "{name}: {line}"
            );
        }
    }
}

#[test]
fn the_csv_holds_exactly_the_numbers_drawn_with_the_provenance_first() {
    let cx = context(Lang::En);
    let csv = theme_scores(&cx).csv(&cx);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "# chart: theme-scores");
    assert!(lines.contains(&"# filter: country=CY"), "{csv}");
    assert!(
        lines.contains(&"# k: 5 (groups with fewer people are suppressed)"),
        "{csv}"
    );
    assert!(lines.contains(&"# data version: 42"), "{csv}");
    assert!(lines.contains(&"# made: 2026-11-27T12:00:00Z"), "{csv}");
    // n: Latvia's two groups (31 + 40) and Cyprus's officials (12).
    assert!(lines.contains(&"# n: 83"), "{csv}");
    let data: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert_eq!(
        data[0],
        "theme,theme_name,country,role,n,mean,ci_low,ci_high,suppressed"
    );
    assert_eq!(
        data[1],
        "SHARED_UNDERSTANDING,Shared understanding,LV,MUNICIPAL_OFFICIAL,31,3.9,3.6,4.2,false"
    );
    assert!(data.contains(
        &"SHARED_UNDERSTANDING,Shared understanding,CY,ORGANISATION_REPRESENTATIVE,,,,,true"
    ));
    // A theme name that a spreadsheet would run as a formula is escaped.
    assert!(
        data.iter()
            .any(|l| l.starts_with("CREDIBILITY,'=Credibility,LV")),
        "{csv}"
    );
    assert_eq!(data.len(), 7);
}

#[test]
fn a_negative_gap_stays_a_number_in_the_csv() {
    let cx = context(Lang::En);
    let csv = role_gap(&cx).csv(&cx);
    let line = csv.lines().find(|l| l.starts_with("CREDIBILITY,")).unwrap();
    assert_eq!(
        line,
        "CREDIBILITY,'=Credibility,LV,20,25,2.6,3,-0.4,-0.75,-0.050000000000000044,false"
    );
}

#[test]
fn registry_figures_are_per_ten_thousand_inhabitants() {
    let cx = context(Lang::En);
    let csv = registry().csv(&cx);
    // Lithuania: 40 active of 25,000 people = 16 per 10,000; 50 of 100 closed.
    assert!(csv.contains("\nLT,25000,100,40,50,16,0.5\n"), "{csv}");
    // Sweden: 320 / 290,000 * 10,000 = 11.034...
    let se = csv.lines().find(|l| l.starts_with("SE,")).unwrap();
    let per_10k: f64 = se.split(',').nth(5).unwrap().parse().unwrap();
    assert!((per_10k - 11.034_482_758_620_69).abs() < 1e-9, "{se}");
    assert!(csv.contains("# n: 500"), "{csv}");
}

#[test]
fn texts_follow_the_language_with_its_own_letters() {
    let cx = context(Lang::El);
    let svg = theme_scores(&cx).svg_with_id(&cx, "chart").unwrap();
    assert!(svg.contains("Λετονία"), "Latvia in Greek");
    assert!(svg.contains("Βαθμολογίες θεμάτων"), "title in Greek");
    let cx = context(Lang::Lv);
    let svg = likert(&cx).svg_with_id(&cx, "chart").unwrap();
    assert!(svg.contains("Pilnībā piekrītu"));
    assert!(svg.contains("Ar pašvaldību ir kopīga izpratne"));
    assert!(svg.contains("font-family=\"DejaVu Sans\""));
}

#[expect(clippy::unwrap_used, reason = "a test helper fails loudly")]
fn png_info(bytes: &[u8]) -> (u32, u32, Vec<(String, String)>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut pixels).unwrap();
    let info = reader.info();
    let texts = info
        .utf8_text
        .iter()
        .map(|t| (t.keyword.clone(), t.get_text().unwrap()))
        .collect();
    (info.width, info.height, texts)
}

#[test]
fn a_png_has_the_size_asked_for_and_its_provenance() {
    let cx = context(Lang::Pt);
    let chart = theme_scores(&cx);
    let (w, h, texts) = png_info(&chart.png(&cx, chart::DEFAULT_PNG_SIZE).unwrap());
    assert_eq!((w, h), (1600, 1000));
    let provenance = texts.iter().find(|(k, _)| k == "Provenance").unwrap();
    let provenance: serde_json::Value = serde_json::from_str(&provenance.1).unwrap();
    assert_eq!(provenance["data_version"], 42);
    assert_eq!(provenance["lang"], "pt");
    assert!(
        texts
            .iter()
            .any(|(k, v)| k == "Title" && v == "Pontuações por tema, país e papel")
    );
    let (w, h, _) = png_info(&chart.png(&cx, (800, 500)).unwrap());
    assert_eq!((w, h), (800, 500));
}

#[test]
fn a_png_too_large_or_too_small_is_refused_and_says_the_range() {
    let cx = context(Lang::En);
    let chart = registry();
    let error = chart.png(&cx, (4001, 1000)).unwrap_err();
    assert!(error.is_bad_input());
    assert!(
        error.to_string().starts_with("width: 4001 is out of range"),
        "{error}"
    );
    assert!(error.to_string().contains("200 to 4000"), "{error}");
    assert!(
        chart
            .png(&cx, (800, 100))
            .unwrap_err()
            .to_string()
            .starts_with("height:")
    );
}

#[test]
fn the_png_shows_the_drawing_not_a_blank_page() {
    let cx = context(Lang::En);
    let bytes = likert(&cx).png(&cx, (800, 500)).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut pixels).unwrap();
    // The darkest Likert colour (#5e3c99) fills part of Sweden's bar.
    let purple = pixels
        .chunks(3)
        .filter(|p| p[0] == 0x5e && p[1] == 0x3c && p[2] == 0x99)
        .count();
    assert!(purple > 500, "{purple} purple pixels");
    let white = pixels.chunks(3).filter(|p| p == &[255, 255, 255]).count();
    assert!(white < pixels.len() / 3, "mostly background, but not only");
}

#[test]
fn a_theme_frequency_cell_is_the_themes_total_not_its_last_sub_code() {
    let cx = context(Lang::En);
    // As analytics returns them: each theme's own row, then its sub-codes' rows.
    let row = |theme: &str, sub: Option<&str>, count: u64| ThemeFrequencyRow {
        keys: keys("SE", None),
        theme: theme.into(),
        sub_code: sub.map(Into::into),
        count,
        share: count as f64 / 40.0,
        group_total: 40,
    };
    let chart = ThemeFrequency::new(
        &[
            row("SHARED_UNDERSTANDING", None, 10),
            row("SHARED_UNDERSTANDING", Some("OUTDATED_REGISTRY"), 6),
            row("SHARED_UNDERSTANDING", Some("UNKNOWN_SUPPORT"), 4),
            row("CREDIBILITY", None, 30),
            row("CREDIBILITY", Some("NEW_SECTOR"), 30),
        ],
        &cx,
    );
    assert_eq!(chart.cell("SHARED_UNDERSTANDING", "SE"), (10, 0.25));
    assert_eq!(chart.cell("CREDIBILITY", "SE"), (30, 0.75));
    let csv = Chart::ThemeFrequency(chart).csv(&cx);
    assert!(
        csv.lines()
            .any(|l| l == "SHARED_UNDERSTANDING,Shared understanding,SE,10,0.25,40"),
        "{csv}"
    );
}

#[test]
fn the_wave_change_names_its_waves_and_counts_rises_and_falls() {
    let cx = context(Lang::Sv);
    let chart = wave_change(&cx);
    let svg = chart.svg_with_id(&cx, "chart").unwrap();
    assert!(
        svg.contains("Förändring från YC-2025 till YC-2026"),
        "the axis names the waves"
    );
    let describe = chart.describe(&cx);
    // LV +0.35 ± 0.2 is above zero, CY −0.25 ± 0.2 below, LT +0.05 ± 0.2 neither.
    assert!(describe.contains("högre i 1, lägre i 1"), "{describe}");
    assert!(
        describe.contains("1 par med en omgång med färre än 5"),
        "{describe}"
    );
    let csv = chart.csv(&cx);
    assert!(
        csv.contains("CREDIBILITY,'=Credibility,CY,YC-2025,YC-2026,40,45,3,2.75,-0.25"),
        "{csv}"
    );
}

/// For each pixel row, the first and last column whose colour is not the background's.
fn ink_extents(rgb: &[u8], width: usize) -> Vec<Option<(usize, usize)>> {
    let paper = [rgb[0], rgb[1], rgb[2]];
    rgb.chunks_exact(width * 3)
        .map(|row| {
            let inked: Vec<usize> = (0..width)
                .filter(|x| {
                    let px = &row[x * 3..x * 3 + 3];
                    px.iter().zip(paper).any(|(a, b)| a.abs_diff(b) > 40)
                })
                .collect();
            inked.first().copied().zip(inked.last().copied())
        })
        .collect()
}

#[test]
fn the_svg_file_draws_its_text_as_the_png_does_without_any_font() {
    // Latvian: the PNG once set "Latvija" as "Latvi ja".
    let cx = context(Lang::Lv);
    for chart in [role_gap(&cx), likert(&cx)] {
        let svg = chart.svg(&cx).unwrap();
        assert!(!svg.contains("<text"), "the text is outlines");
        // No fonts at all: what the file shows is what it holds.
        let options = resvg::usvg::Options {
            fontdb: std::sync::Arc::new(resvg::usvg::fontdb::Database::new()),
            ..resvg::usvg::Options::default()
        };
        let tree = resvg::usvg::Tree::from_str(&svg, &options).unwrap();
        let (width, height) = (
            tree.size().width().round() as u32,
            tree.size().height().round() as u32,
        );
        let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).unwrap();
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::identity(),
            &mut pixmap.as_mut(),
        );
        let from_svg: Vec<u8> = pixmap
            .data()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        let png = chart.png(&cx, (width, height)).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        let mut from_png = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut from_png).unwrap();
        let (svg_rows, png_rows) = (
            ink_extents(&from_svg, width as usize),
            ink_extents(&from_png, width as usize),
        );
        let mut compared = 0;
        for (y, (a, b)) in svg_rows.iter().zip(&png_rows).enumerate() {
            if let (Some(a), Some(b)) = (a, b) {
                assert!(
                    a.0.abs_diff(b.0) <= 1 && a.1.abs_diff(b.1) <= 1,
                    "{:?} row {y}: {a:?} against the PNG's {b:?}",
                    chart.name()
                );
                compared += 1;
            }
        }
        assert!(compared > 100, "{compared} rows with ink");
        let differing = from_svg
            .iter()
            .zip(&from_png)
            .filter(|(a, b)| a.abs_diff(**b) > 64)
            .count();
        assert!(
            differing * 200 < from_svg.len(),
            "{differing} of {} values differ",
            from_svg.len()
        );
    }
}

//! Exports and the spreadsheet import: golden files, valid SVG, PNG size, escaping of hostile text,
//! CSV round trip, import errors naming row and column.

use std::path::Path;

use std::fmt::Write as _;
use touchmap::analysis::{Config, analyze};
use touchmap::export::{ExportFormat, export, to_png};
use touchmap::format;

use touchmap::import::from_csv;
use touchmap::model::{Link, Map, TouchPoint, TouchPointId};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn store() -> Map {
    format::load_file(&root().join("examples/online-store.json")).expect("example loads")
}

fn exported(map: &Map, format: ExportFormat) -> String {
    let report = analyze(map, &Config::default());
    String::from_utf8(export(map, &report, format).expect("exports")).expect("text")
}

#[test]
fn text_exports_match_their_golden_files() {
    let map = store();
    for format in [
        ExportFormat::Svg,
        ExportFormat::Html,
        ExportFormat::Csv,
        ExportFormat::Markdown,
        ExportFormat::Dot,
        ExportFormat::Mermaid,
    ] {
        let text = exported(&map, format);
        let golden = root().join(format!("tests/golden/online-store.{}", format.extension()));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &text).expect("write golden");
        }
        let expected =
            std::fs::read_to_string(&golden).expect("golden file; run with UPDATE_GOLDEN=1");
        assert_eq!(
            text,
            expected,
            "{} changed; review and run with UPDATE_GOLDEN=1",
            format.description()
        );
        assert_eq!(
            exported(&map, format),
            text,
            "{} is deterministic",
            format.description()
        );
    }
}

#[test]
fn the_svg_parses_and_shows_every_touch_point() {
    let map = store();
    let svg = exported(&map, ExportFormat::Svg);
    let tree =
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    assert!(tree.size().width() > 1000.0);
    for touchpoint in map.touchpoints() {
        let first_word = touchpoint.name.split_whitespace().next().expect("named");
        assert!(
            svg.contains(&touchmap::export::xml_escape_for_tests(first_word)),
            "{} missing",
            touchpoint.name
        );
    }
}

#[test]
fn the_png_decodes_at_the_chosen_scale() {
    let map = touchmap::layout::placed(&store()).into_owned();
    let report = analyze(&map, &Config::default());
    let svg = touchmap::export::to_svg(&map, &report);
    let size = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .expect("valid")
        .size();
    for scale in [1.0_f32, 2.0] {
        let png = to_png(&map, &report, scale).expect("renders");
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decodes");
        assert_eq!(pixmap.width(), (size.width() * scale).ceil() as u32);
        assert_eq!(pixmap.height(), (size.height() * scale).ceil() as u32);
        // Not blank: the delivery card's red is in the picture.
        assert!(
            pixmap
                .pixels()
                .iter()
                .any(|p| p.red() > 200 && p.green() < 120 && p.blue() < 110)
        );
    }
}

fn hostile_map() -> Map {
    let mut map = Map::new("<script>alert('title')</script>");
    map.brand = Some("\"Brand\" & <b>bold</b>".into());
    let names = [
        ("script", "<script>alert(1)</script>"),
        ("formula", "=HYPERLINK(\"http://evil.example\",\"click\")"),
        ("plus", "+SUM(A1:A2)"),
        ("at", "@cmd"),
        ("rtl", "Invoice \u{202E}gpj.exe"),
        ("control", "Bell\u{7}and\u{1b}[31mred"),
        ("quotes", "Tom's \"quoted\" & <tagged>"),
    ];
    for (id, name) in names {
        let mut touchpoint = TouchPoint::new(TouchPointId::new(id).expect("valid"), name);
        touchpoint.owner = Some("-1+1".into());
        touchpoint.channel = Some("<img src=x onerror=alert(2)>".into());
        touchpoint.evidence = vec!["</title><script>alert(3)</script>".into()];
        map.add_touchpoint(touchpoint).expect("valid");
    }
    map.add_link(
        &TouchPointId::new("script").expect("valid"),
        &TouchPointId::new("quotes").expect("valid"),
        Link {
            share: Some(0.5),
            label: Some("<script>x</script>\"]; evil -->".into()),
            ..Link::default()
        },
    )
    .expect("valid");
    map
}

#[test]
fn hostile_text_is_escaped_in_svg_and_html() {
    let map = hostile_map();
    for format in [ExportFormat::Svg, ExportFormat::Html] {
        let text = exported(&map, format);
        let lower = text.to_lowercase();
        assert!(
            !lower.contains("<script"),
            "{}: raw script tag",
            format.description()
        );
        assert!(
            !lower.contains("<img"),
            "{}: raw img tag",
            format.description()
        );
        assert!(
            !lower.contains("<b>bold"),
            "{}: raw markup from the brand",
            format.description()
        );
        assert!(
            !text.contains('\u{202E}') && !text.contains('\u{7}') && !text.contains('\u{1b}'),
            "{}: control characters",
            format.description()
        );
        assert!(
            text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}: escaped name shown",
            format.description()
        );
        if format == ExportFormat::Svg {
            resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default())
                .expect("still valid SVG");
        } else {
            // Every real tag is one the report itself writes, and none of them fetches anything.
            let allowed = [
                "!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "p",
                "div", "b", "table", "tr", "th", "td", "span", "svg", "defs", "marker", "path",
                "rect", "text", "g", "circle", "line", "polyline", "header", "main", "footer",
                "section", "h3", "br",
            ];
            for tag in lower.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap_or_default();
                let name = tag
                    .trim_start_matches('/')
                    .split([' ', '\n'])
                    .next()
                    .unwrap_or_default();
                assert!(allowed.contains(&name), "unexpected tag <{tag}>");
                assert!(
                    !tag.contains(" src=") && !tag.contains(" href="),
                    "a tag that fetches: <{tag}>"
                );
            }
            assert!(
                !lower.contains("@import")
                    && !lower.contains("url(http")
                    && !lower.contains("url(//"),
                "the style fetches nothing"
            );
        }
    }
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let map = hostile_map();
    let csv = exported(&map, ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in &record.expect("row") {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "dangerous cell {cell:?}"
            );
        }
    }
    assert!(csv.contains("'=HYPERLINK"));
    assert!(csv.contains("'-1+1"));
    let back = from_csv(&csv, &map.title).expect("own export imports");
    let formula = back
        .touchpoint(&TouchPointId::new("formula").expect("valid"))
        .expect("exists");
    assert_eq!(
        formula.name, "=HYPERLINK(\"http://evil.example\",\"click\")",
        "the import restores the text"
    );
}

#[test]
fn dot_and_mermaid_quote_hostile_text() {
    let map = hostile_map();
    let dot = exported(&map, ExportFormat::Dot);
    // `&` as `&amp;`: Graphviz decodes entities in labels, so a name must not be read as one.
    assert!(dot.contains(r#"Tom's \"quoted\" &amp; <tagged>"#), "{dot}");
    assert!(!dot.contains('\u{202E}'));
    let mermaid = exported(&map, ExportFormat::Mermaid);
    // Every text, the title included, is a label with entity codes (checked in Mermaid's own
    // renderer by scripts/check-clients.sh: shown exactly as written).
    assert!(!mermaid.contains("<script"), "{mermaid}");
    assert!(mermaid.contains("#lt;script#gt;"));
    assert!(mermaid.starts_with("flowchart LR\n  map_title["));
    let mut directive = Map::new("%%{init: {'theme':'forest'}}%% and C:\\new");
    directive
        .add_touchpoint(TouchPoint::new(
            TouchPointId::new("a").expect("id"),
            "50%% off",
        ))
        .expect("valid");
    let mermaid = exported(&directive, ExportFormat::Mermaid);
    assert!(
        !mermaid.contains("%%"),
        "no directive or comment can form: {mermaid}"
    );
    assert!(
        !mermaid.contains("\\n"),
        "no line break from a backslash: {mermaid}"
    );
}

#[test]
fn csv_export_then_import_gives_the_map_back() {
    for name in ["online-store", "hotel", "b2b-software"] {
        let mut map =
            format::load_file(&root().join(format!("examples/{name}.json"))).expect("loads");
        touchmap::layout::place_missing(&mut map);
        let csv = exported(&map, ExportFormat::Csv);
        let mut back = from_csv(&csv, &map.title).expect("imports");
        back.brand.clone_from(&map.brand);
        // Only stages with a touch point travel through a spreadsheet.
        let used: Vec<String> = map
            .stages()
            .iter()
            .filter(|s| {
                map.touchpoints()
                    .iter()
                    .any(|t| t.stage.as_ref() == Some(s))
            })
            .cloned()
            .collect();
        assert_eq!(back.stages(), used.as_slice(), "{name}");
        let mut expected = map.clone();
        expected.set_stages(used).expect("all used stages kept");
        // Objectives and campaigns are not touch points: they do not travel through a spreadsheet.
        expected
            .set_plan(touchmap::model::Plan::default())
            .expect("an empty plan fits");
        // Nor does the file's "$schema" key (a spreadsheet is not a map file).
        expected.extra.remove("$schema");
        assert_eq!(back, expected, "{name}");
    }
}

#[test]
fn import_reads_a_real_spreadsheet_and_names_row_and_column_in_errors() {
    let sheet = "\u{feff}Touch point;Stage;Channel;Team;Importance;Rating;Leads to\n\
                 Instagram ad;Awareness;Instagram;Marketing;3;4,2;Product page\n\
                 Product page;Consideration;Website;Web;5;3,9;checkout=0,6\n\
                 Checkout;Purchase;Website;Web;5;2,1;\n";
    let map = from_csv(sheet, "Shop").expect("imports");
    assert_eq!(map.stages(), ["Awareness", "Consideration", "Purchase"]);
    let page = map
        .touchpoint(&TouchPointId::new("product-page").expect("valid"))
        .expect("id from name");
    assert_eq!(page.score, Some(3.9));
    assert_eq!(page.owner.as_deref(), Some("Web"));
    let link = map
        .link(
            &TouchPointId::new("product-page").expect("valid"),
            &TouchPointId::new("checkout").expect("valid"),
        )
        .expect("linked by id");
    assert_eq!(link.share, Some(0.6));
    assert!(
        map.link(
            &TouchPointId::new("instagram-ad").expect("valid"),
            &TouchPointId::new("product-page").expect("valid")
        )
        .is_some(),
        "linked by name"
    );

    let bad_score = "name,score\nA,4\nB,7\n";
    assert_eq!(
        from_csv(bad_score, "T").expect_err("refused").to_string(),
        "row 3, column \"score\": score must be between 1 and 5, not 7"
    );
    let bad_next = "name,next\nA,Nowhere\n";
    let message = from_csv(bad_next, "T").expect_err("refused").to_string();
    assert!(
        message.starts_with("row 2, column \"next\":") && message.contains("Nowhere"),
        "{message}"
    );
    let no_name = "stage,score\nAwareness,3\n";
    assert!(
        from_csv(no_name, "T")
            .expect_err("refused")
            .to_string()
            .contains("no \"name\" column")
    );
    assert!(from_csv("", "T").is_err());
    let bad_number = "name,reach\nA,lots\n";
    assert_eq!(
        from_csv(bad_number, "T").expect_err("refused").to_string(),
        "row 2, column \"reach\": reach must be a number, not \"lots\""
    );
}

#[test]
fn import_says_what_it_could_not_take_as_written() {
    // Stages out of the usual order, one written in lower case and one with a typo, a name
    // repeated on a later row.
    let sheet = "name,stage\r\n\
                 Checkout,Purchase\r\n\
                 Instagram ad,Awareness\r\n\
                 Card payment,purchase\r\n\
                 Product page,Consideraton\r\n\
                 Size guide,Consideration\r\n\
                 Checkout,Purchase\r\n";
    let imported = touchmap::import::import_csv(sheet, "Shop", None).expect("imports");
    let messages: Vec<String> = imported
        .warnings
        .iter()
        .map(|warning| warning.message(true))
        .collect();
    assert_eq!(
        messages,
        [
            "the stages are in the order the rows first name them: Purchase, Awareness, purchase, Consideraton, Consideration; import with --stages \"Purchase,Awareness,purchase,Consideraton,Consideration\" to set another order",
            "stage \"purchase\" (row 4) differs from \"Purchase\" only by case: it was kept as a stage of its own; correct the sheet if they are the same stage",
            "stage \"Consideration\" (row 6) differs from \"Consideraton\" by one or two letters: it was kept as a stage of its own; correct the sheet if they are the same stage",
            "row 7 repeats the name \"Checkout\" of row 2: it became a touch point of its own, \"checkout-2\"",
            "a spreadsheet holds touch points and links only: objectives and campaigns are not imported, nor keys touchmap does not know",
        ]
    );
    // In the editor the stage order is set in the map's settings, not with a flag.
    assert!(!imported.warnings[0].message(false).contains("--stages"));

    // With the order given, the stages follow it, and a stage outside it is refused at its row.
    let order: Vec<String> = ["Awareness", "Consideration", "Purchase"]
        .map(str::to_owned)
        .to_vec();
    let clean = "name,stage\nCheckout,Purchase\nInstagram ad,Awareness\nSize guide,Consideration\n";
    let imported = touchmap::import::import_csv(clean, "Shop", Some(&order)).expect("imports");
    assert_eq!(imported.map.stages(), order.as_slice());
    assert_eq!(
        imported.warnings,
        [touchmap::import::ImportWarning::NotInASheet]
    );
    assert_eq!(
        touchmap::import::import_csv(sheet, "Shop", Some(&order))
            .expect_err("refused")
            .to_string(),
        "row 4, column \"stage\": \"purchase\" is not one of the stages given with --stages: Awareness, Consideration, Purchase"
    );
}

#[test]
fn a_sheet_longer_than_a_map_can_hold_is_refused_at_the_first_row_too_many() {
    let mut sheet = String::from("name,next\n");
    for row in 0..touchmap::model::MAX_TOUCHPOINTS + 5 {
        let _ = writeln!(sheet, "Touch point {row},");
    }
    // A bad cell after the limit is never reached: the sheet is refused at row 50,002.
    sheet.push_str("Last,Nowhere\n");
    assert_eq!(
        from_csv(&sheet, "Big").expect_err("refused").to_string(),
        "row 50002: a map can hold at most 50,000 touch points, and the sheet goes on past them here"
    );
}

#[test]
fn csv_gives_back_quotes_with_line_breaks_tabs_and_carriage_returns_and_link_labels() {
    let mut map = touchmap::model::Map::new("Round trip");
    let a = TouchPointId::new("a").expect("valid");
    let b = TouchPointId::new("b").expect("valid");
    let mut first = touchmap::model::TouchPoint::new(a.clone(), "\tTabbed name");
    first.evidence = vec![
        "Line one\nline two".into(),
        "\tstarts with a tab".into(),
        "\rstarts with a carriage return".into(),
        "=1+1 looks like a formula".into(),
        // An item with its source, date, kind and rating, and a survey answer that looks like
        // a formula: it comes back as it was, and the spreadsheet shows it as text.
        touchmap::model::Evidence {
            text: "=HYPERLINK(\"http://x\",\"late\")\nand \"quoted\"".to_owned(),
            source: Some("nov-survey.csv; wave 2".to_owned()),
            date: touchmap::model::Day::parse("2026-11-30").ok(),
            kind: Some(touchmap::model::EvidenceKind::Survey),
            rating: Some(2.0),
            extra: serde_json::Map::new(),
        },
    ];
    first.score = Some(3.41);
    first.measured = Some(touchmap::model::Measured {
        source: "nov-survey.csv".to_owned(),
        question: Some("How satisfied were you with the delivery, 1–5?".to_owned()),
        n: 214.0,
        mean: 3.41,
        low: 3.22,
        high: 3.6,
        date: touchmap::model::Day::parse("2026-11-30").ok(),
        scale: Some("1-5".to_owned()),
        nps: None,
        extra: serde_json::Map::new(),
    });
    first.response_hours = Some(2.5);
    // Analytics names hold commas, semicolons and slashes.
    first.aliases = vec![
        "google / cpc".to_owned(),
        "newsletter, spring; week 2".to_owned(),
    ];
    map.add_touchpoint(first).expect("valid");
    map.add_touchpoint(touchmap::model::TouchPoint::new(b.clone(), "B"))
        .expect("valid");
    map.add_link(
        &a,
        &b,
        touchmap::model::Link {
            share: Some(0.25),
            label: Some("read by\nprospects".to_owned()),
            ..touchmap::model::Link::default()
        },
    )
    .expect("valid");
    let csv = exported(&map, ExportFormat::Csv);
    let back = from_csv(&csv, &map.title).expect("imports");
    let (original, restored) = (
        map.touchpoint(&a).expect("exists"),
        back.touchpoint(&a).expect("imported"),
    );
    assert_eq!(restored.name, original.name, "{csv}");
    assert_eq!(restored.evidence, original.evidence, "{csv}");
    assert_eq!(restored.measured, original.measured, "{csv}");
    assert!(
        csv.contains("\"{\"\"text\"\":\"\"=HYPERLINK"),
        "an item with details is the file's object in its cell, beginning with {{, never with =: {csv}"
    );
    assert!(
        csv.contains(",data,"),
        "214 answers, 3.22–3.6: evidence strength data: {csv}"
    );
    assert_eq!(restored.response_hours, Some(2.5));
    assert_eq!(
        back.link(&a, &b),
        map.link(&a, &b),
        "share and label with its line break"
    );
    // LibreOffice saves a carriage return inside a cell as a line feed: no apostrophe stays.
    let resaved = csv.replace("'\r", "'\n");
    let back = from_csv(&resaved, &map.title).expect("imports");
    let quote = &back.touchpoint(&a).expect("exists").evidence[2];
    assert_eq!(quote.text, "\nstarts with a carriage return");
}

#[test]
fn graphviz_lays_the_stage_clusters_out_left_to_right_in_stage_order() {
    // Needs Graphviz (`dot`); scripts/check-clients.sh installs it. Without it the test says so.
    if std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: Graphviz `dot` is not installed (run scripts/check-clients.sh)");
        return;
    }
    for name in ["online-store", "hotel", "b2b-software"] {
        let map = format::load_file(&root().join(format!("examples/{name}.json"))).expect("loads");
        let dot = exported(&map, ExportFormat::Dot);
        let mut child = std::process::Command::new("dot")
            .arg("-Tplain")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("dot runs");
        std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), dot.as_bytes())
            .expect("write");
        let output = child.wait_with_output().expect("dot finishes");
        let plain = String::from_utf8_lossy(&output.stdout);
        // The mean x of each stage's touch points, in the map's stage order, must grow.
        let mut means = Vec::new();
        for stage in map.stages() {
            let xs: Vec<f64> = plain
                .lines()
                .filter_map(|line| {
                    let mut parts = line.split_whitespace();
                    (parts.next()? == "node").then_some(())?;
                    let id = parts.next()?.trim_matches('"');
                    let x: f64 = parts.next()?.parse().ok()?;
                    let touchpoint = map.touchpoint(&TouchPointId::new(id).ok()?)?;
                    (touchpoint.stage.as_deref() == Some(stage.as_str())).then_some(x)
                })
                .collect();
            if !xs.is_empty() {
                means.push((stage.clone(), xs.iter().sum::<f64>() / xs.len() as f64));
            }
        }
        for pair in means.windows(2) {
            assert!(pair[0].1 < pair[1].1, "{name}: {means:?}");
        }
    }
}

#[test]
fn a_png_too_large_to_read_is_refused_and_a_wide_one_is_scaled_down_and_says_so() {
    // 2,000 synthetic touch points stack 334 cards a column: half size would be ~20,000 px tall.
    let tall = touchmap::synthetic::synthetic_map(2_000, 1);
    let report = analyze(&tall, &Config::default());
    let started = std::time::Instant::now();
    let refusal = to_png(&tall, &report, 2.0).expect_err("refused");
    assert!(started.elapsed().as_secs() < 5, "the refusal comes at once");
    let message = refusal.to_string();
    assert!(
        message.contains("SVG") && message.contains("too large"),
        "{message}"
    );

    // 40 stage columns of one card: 10,000 canvas units wide; at scale 2 that is 20,000 px, so the
    // picture is rendered at 16,000 / 10,000 = 1.6 instead.
    let mut wide = Map::new("Wide");
    let stages: Vec<String> = (0..40).map(|n| format!("Stage {n}")).collect();
    wide.set_stages(stages.clone()).expect("valid");
    for (n, stage) in stages.iter().enumerate() {
        let mut touchpoint = TouchPoint::new(TouchPointId::new(format!("t{n}")).expect("id"), "T");
        touchpoint.stage = Some(stage.clone());
        wide.add_touchpoint(touchpoint).expect("valid");
    }
    let wide = touchmap::layout::placed(&wide).into_owned();
    let (width, _) = touchmap::export::picture_size(&wide);
    let used = touchmap::export::png_scale(&wide, 2.0).expect("readable");
    assert!(
        (f64::from(used) - 16_000.0 / width).abs() < 1e-3,
        "{used} for {width}"
    );
    let directory = tempfile::tempdir().expect("temp dir");
    let map_path = directory.path().join("wide.json");
    touchmap::format::save_file(&wide, &map_path).expect("saved");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_touchmap"))
        .args(["export", &map_path.to_string_lossy(), "-o"])
        .arg(directory.path().join("wide.png"))
        .output()
        .expect("runs");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        printed.contains("note: scale 2 made the picture larger"),
        "{printed}"
    );
}

/// The text `pdftotext` (poppler) reads out of a PDF, or `None` where poppler is not installed.
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("map.pdf");
    std::fs::write(&path, pdf).expect("write");
    let output = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    assert!(output.status.success(), "pdftotext reads the file");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Page objects in a PDF (`/Type /Page`, not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

#[test]
fn the_pdf_is_a4_landscape_with_the_map_then_the_report_in_selectable_text() {
    let map = store();
    let report = analyze(&map, &Config::default());
    let pdf = export(&map, &report, ExportFormat::Pdf).expect("exports");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/MediaBox [0 0 842 595]"), "A4 landscape");
    assert!(raw.contains("/FontFile2"), "the font is embedded");
    // The map page, then the weak spots, the charts, summaries, the evidence behind the scores
    // and pre-flight: ten pages, as in the golden text below (each page ends with its "page N
    // of 10" footer).
    let pages = pdf_pages(&pdf);
    assert_eq!(pages, 10, "{pages} pages");
    let again = export(&map, &report, ExportFormat::Pdf).expect("exports");
    assert_eq!(pdf_pages(&again), pages, "the same pages every time");
    assert_eq!(pdf_text(&again), pdf_text(&pdf), "the same text every time");
    let Some(text) = pdf_text(&pdf) else {
        eprintln!(
            "SKIPPED: pdftotext (poppler-utils) is not installed (run scripts/check-clients.sh)"
        );
        return;
    };
    for expected in [
        "Acme Outdoor online store",
        "Weak spots, most severe first",
        "Courier delivery",
        "Campaign pre-flight",
        "Spring Instagram push",
        "Score by stage",
        "Importance vs performance",
        "1 Courier delivery · weak spot (critical)",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // The title once, on page 1 (the footers name it too, one per page).
    assert_eq!(
        text.matches("Acme Outdoor online store").count(),
        1 + pages,
        "{text}"
    );
    // Every text of the report, read back by pdftotext, against the reviewed golden file (lines
    // trimmed and blank ones dropped, so that poppler's spacing of columns does not matter).
    let normalised: String = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .map(|line| line + "\n")
        .collect();
    let golden = root().join("tests/golden/online-store.pdf.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &normalised).expect("write golden");
    }
    let expected = std::fs::read_to_string(&golden).expect("golden file; run with UPDATE_GOLDEN=1");
    assert_eq!(
        normalised, expected,
        "the PDF's text changed; review and run with UPDATE_GOLDEN=1"
    );
}

#[test]
fn hostile_text_reads_back_from_the_pdf_exactly_as_written() {
    let map = hostile_map();
    let report = analyze(&map, &Config::default());
    let pdf = export(&map, &report, ExportFormat::Pdf).expect("exports");
    let Some(text) = pdf_text(&pdf) else {
        eprintln!(
            "SKIPPED: pdftotext (poppler-utils) is not installed (run scripts/check-clients.sh)"
        );
        return;
    };
    for expected in [
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "Tom's \"quoted\" & <tagged>",
        "<script>alert('title')</script>",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

#[test]
fn a_map_too_small_to_read_on_one_pdf_page_is_spread_over_readable_pages() {
    // 12 stage columns of 12 cards: too small on one page, readable over a few.
    let mut wide = Map::new("Twelve by twelve");
    let stages: Vec<String> = (0..12).map(|n| format!("Stage {n}")).collect();
    wide.set_stages(stages.clone()).expect("valid");
    for (column, stage) in stages.iter().enumerate() {
        for row in 0..12 {
            let mut touchpoint = TouchPoint::new(
                TouchPointId::new(format!("t{column}-{row}")).expect("id"),
                format!("Card {column}.{row}"),
            );
            touchpoint.stage = Some(stage.clone());
            wide.add_touchpoint(touchpoint).expect("valid");
        }
    }
    let wide = touchmap::layout::placed(&wide).into_owned();
    let report = analyze(&wide, &Config::default());
    let pdf = export(&wide, &report, ExportFormat::Pdf).expect("exports");
    let pages = pdf_pages(&pdf);
    assert!(pages >= 3, "overview, parts, report: {pages}");
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("part 1 of"), "{text}");
        assert!(
            text.contains("Card 11.11"),
            "the last card is on a part page"
        );
    }
}

//! Speed of the core and of one canvas frame, at 200, 2,000 and 20,000 touch points (about four
//! links each). Run with `cargo bench`; figures and targets are in BENCHMARKS.md.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use touchmap::analysis::{Config, analyze};
use touchmap::export::{ExportFormat, export, to_png};
use touchmap::synthetic::synthetic_map;
use touchmap::ui::{ViewState, canvas};

const SIZES: [usize; 3] = [200, 2_000, 20_000];

fn core(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("core");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for size in SIZES {
        let map = synthetic_map(size, 1);
        let text = touchmap::format::to_string(&map);
        group.bench_with_input(BenchmarkId::new("load_validate", size), &text, |b, text| {
            b.iter(|| touchmap::format::from_str(black_box(text)).expect("valid"));
        });
        group.bench_with_input(BenchmarkId::new("save", size), &map, |b, map| {
            b.iter(|| touchmap::format::to_string(black_box(map)));
        });
        group.bench_with_input(BenchmarkId::new("analyze", size), &map, |b, map| {
            b.iter(|| analyze(black_box(map), &Config::default()));
        });
        // One campaign (the synthetic maps carry one) with the analysis it stands on, as
        // `touchmap campaign` computes it.
        group.bench_with_input(
            BenchmarkId::new("campaign_preflight", size),
            &map,
            |b, map| {
                b.iter(|| {
                    touchmap::analysis::analyze_with_preflight(black_box(map), &Config::default())
                });
            },
        );
        group.bench_with_input(BenchmarkId::new("auto_layout", size), &map, |b, map| {
            b.iter(|| touchmap::layout::auto_layout(black_box(map)));
        });
    }
    group.finish();
}

fn exports(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("export");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for size in SIZES {
        let map = synthetic_map(size, 1);
        let report = analyze(&map, &Config::default());
        for format in [
            ExportFormat::Svg,
            ExportFormat::Html,
            ExportFormat::Csv,
            ExportFormat::Markdown,
            ExportFormat::Dot,
            ExportFormat::Mermaid,
        ] {
            group.bench_with_input(
                BenchmarkId::new(format.extension(), size),
                &map,
                |b, map| {
                    b.iter(|| export(black_box(map), &report, format).expect("exports"));
                },
            );
        }
        // The synthetic maps of 2,000 and more are too tall for a readable PNG: what is measured
        // there is how fast the refusal comes (it must never take minutes).
        if size <= 200 {
            group.bench_with_input(BenchmarkId::new("png", size), &map, |b, map| {
                b.iter(|| to_png(black_box(map), &report, 1.0).expect("renders"));
            });
        } else {
            group.bench_with_input(BenchmarkId::new("png_refused", size), &map, |b, map| {
                b.iter(|| to_png(black_box(map), &report, 1.0).expect_err("refused"));
            });
        }
    }
    group.finish();
}

/// The same map in 60 stage columns of at most 84 cards, so that all of it fits a 1600×1000 window
/// at the smallest zoom (10 %): every card is in view and drawn.
fn spread_out(mut map: touchmap::model::Map) -> touchmap::model::Map {
    let stages: Vec<String> = (0..60).map(|i| format!("Stage {i}")).collect();
    let mut merged = map.stages().to_vec();
    merged.extend(stages.iter().cloned());
    map.set_stages(merged).expect("distinct stages");
    let ids: Vec<_> = map
        .touchpoints()
        .into_iter()
        .map(|t| t.id.clone())
        .collect();
    let rows = ids.len().div_ceil(60).max(1);
    for (index, id) in ids.iter().enumerate() {
        let mut touchpoint = map.touchpoint(id).expect("exists").clone();
        let (column, row) = (index / rows, index % rows);
        touchpoint.stage = Some(stages[column].clone());
        touchpoint.pos = Some([
            touchmap::layout::card_x_in_column(column),
            touchmap::layout::FIRST_CARD_Y + row as f64 * touchmap::layout::ROW_SPACING,
        ]);
        map.update_touchpoint(touchpoint).expect("valid");
    }
    map.set_stages(stages)
        .expect("the old stages are empty now");
    map
}

/// One frame of the canvas with `in_view` cards visible: egui pass plus tessellation.
fn frames(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("canvas_frame");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for in_view in [500_usize, 5_000] {
        let map = spread_out(synthetic_map(in_view, 1));
        let report = analyze(&map, &Config::default());
        let derived = touchmap::layout::Derived::of(&map);
        let ctx = egui::Context::default();
        touchmap::ui::theme::install_fonts(&ctx);
        let mut view = ViewState::default();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1600.0, 1000.0),
            )),
            ..Default::default()
        };
        let frame = |view: &mut ViewState| {
            let output = ctx.run_ui(input(), |ui| {
                egui::CentralPanel::default().show(ui, |ui| {
                    let mut actions = Vec::new();
                    canvas::canvas_ui(ui, &map, &report, None, &derived, view, &mut actions);
                });
            });
            ctx.tessellate(output.shapes, output.pixels_per_point)
        };
        // The first frames install the font and fit the whole map in the window.
        for _ in 0..3 {
            frame(&mut view);
        }
        group.bench_function(BenchmarkId::new("cards_in_view", in_view), |b| {
            b.iter(|| black_box(frame(&mut view)));
        });
    }
    group.finish();
}

// Each timing covers one edit only; the analysis it started is waited for outside the timing
// (so that background analyses never pile up and share the cores).
fn timed(
    document: &mut touchmap::app::Document,
    iters: u64,
    wait: bool,
    mut setup: impl FnMut(&mut touchmap::app::Document, u64),
    mut edit: impl FnMut(&mut touchmap::app::Document, u64),
) -> Duration {
    let mut total = Duration::ZERO;
    for serial in 0..iters {
        setup(document, serial);
        document.settle();
        let start = std::time::Instant::now();
        edit(document, serial);
        if wait {
            document.settle();
        }
        total += start.elapsed();
        document.settle();
    }
    total
}

/// The editor's three everyday edits on a 5,000-card map, as the document carries them out:
/// `blocks_window` is what the frame that makes the edit waits for (the edit, its undo record and
/// handing the analysis to another thread); `until_shown` adds waiting for that analysis, after
/// which the next frame shows the result.
fn big_map_edits(criterion: &mut Criterion) {
    use touchmap::app::Document;
    use touchmap::edit::{Edit, MergeKey};
    let mut group = criterion.benchmark_group("edit_5000");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    let map = synthetic_map(5_000, 1);
    let first = map.touchpoints()[0].clone();
    let renamed = |document: &Document, serial: u64| {
        let mut touchpoint = document.map.touchpoint(&first.id).expect("exists").clone();
        touchpoint.name = format!("Renamed {serial}");
        Edit::UpdateTouchPoint(touchpoint)
    };
    let moved = |document: &Document, step: f64| {
        let mut touchpoint = document.map.touchpoint(&first.id).expect("exists").clone();
        let [x, y] = touchpoint.pos.unwrap_or([0.0, 0.0]);
        touchpoint.pos = Some([x + step, y]);
        Edit::Batch(vec![Edit::UpdateTouchPoint(touchpoint)])
    };
    let mut document = Document::new(map, None, true);
    for wait in [false, true] {
        let name = if wait { "until_shown" } else { "blocks_window" };
        group.bench_function(BenchmarkId::new("rename", name), |b| {
            b.iter_custom(|iters| {
                timed(
                    &mut document,
                    iters,
                    wait,
                    |_, _| {},
                    |document, serial| {
                        let edit = renamed(document, serial);
                        document.perform(edit, "Rename", None, 0.0).expect("valid");
                    },
                )
            });
        });
        group.bench_function(BenchmarkId::new("undo", name), |b| {
            b.iter_custom(|iters| {
                timed(
                    &mut document,
                    iters,
                    wait,
                    |document, serial| {
                        let edit = renamed(document, serial);
                        document.perform(edit, "Rename", None, 0.0).expect("valid");
                    },
                    |document, _| {
                        document.undo().expect("undo");
                    },
                )
            });
        });
        group.bench_function(BenchmarkId::new("drop_after_drag", name), |b| {
            b.iter_custom(|iters| {
                timed(
                    &mut document,
                    iters,
                    wait,
                    |document, serial| {
                        // A drag of ten frames (the analysis waits for the drop) …
                        for step in 0..10 {
                            let edit = moved(document, f64::from(step));
                            document
                                .perform(edit, "Move", Some(MergeKey::Drag(serial)), 0.0)
                                .expect("valid");
                        }
                    },
                    // … then the drop, which seals the drag and starts the analysis.
                    |document, _| document.seal(),
                )
            });
        });
    }
    group.finish();
}

/// A hand-made sheet of `rows` touch points in six stages, each row linking to the next, with
/// a score and a quoted notes cell holding a comma and a line break.
fn sheet(rows: usize) -> String {
    let mut text = String::from("Touch point,Stage,Rating,Notes,Leads to\r\n");
    for row in 0..rows {
        let stage = touchmap::model::DEFAULT_STAGES[row * 6 / rows.max(1)];
        let next = if row + 1 < rows {
            format!("Touch point {}", row + 1)
        } else {
            String::new()
        };
        let _ = write!(
            text,
            "Touch point {row},{stage},{}.5,\"seen in week {}, then\nagain\",{next}\r\n",
            1 + row % 4,
            row % 52
        );
    }
    text
}

/// Spreadsheet import, which must be linear in the rows (10,000 and 40,000: four times the rows,
/// about four times the time), and a 100,000-row sheet, refused as soon as row 50,002 is read.
fn import(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("import_csv");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    for rows in [10_000, 40_000] {
        let text = sheet(rows);
        group.bench_with_input(BenchmarkId::new("rows", rows), &text, |b, text| {
            b.iter(|| {
                touchmap::import::import_csv(black_box(text), "Sheet", None).expect("imports")
            });
        });
    }
    let text = sheet(100_000);
    group.bench_with_input(BenchmarkId::new("refused", 100_000), &text, |b, text| {
        b.iter(|| {
            touchmap::import::import_csv(black_box(text), "Sheet", None).expect_err("refused")
        });
    });
    group.finish();
}

/// Aggregated path data of `count` distinct paths over 40 channels, as the channelattribution
/// package reads it: deterministic (a small linear congruential generator).
fn path_data(count: usize) -> String {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = |below: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % below
    };
    let mut text = String::from("path;total_conversions;total_conversion_value;total_null\n");
    let mut distinct = std::collections::HashSet::new();
    while distinct.len() < count {
        let length = 1 + random(8) as usize;
        let steps: Vec<String> = (0..length)
            .map(|_| format!("channel {}", random(40)))
            .collect();
        let path = steps.join(" > ");
        if distinct.insert(path.clone()) {
            let conversions = random(3);
            let _ = writeln!(
                text,
                "{path};{conversions};{};{}",
                conversions * 40,
                random(20)
            );
        }
    }
    text
}

/// Attribution of 100,000 distinct paths (reading included), the size compared with
/// channelattribution's `markov_model` in BENCHMARKS.md.
fn attribution(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("paths");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    let text = path_data(100_000);
    group.bench_with_input(BenchmarkId::new("attribute", 100_000), &text, |b, text| {
        b.iter(|| {
            let paths = touchmap::paths::read_paths(
                black_box(text.as_bytes()),
                &touchmap::paths::EventColumns::default(),
            )
            .expect("reads");
            touchmap::paths::attribute(&paths, &[])
        });
    });
    group.finish();
}

/// Two colleagues' versions of a 20,000-card map: ours re-scores every 50th card and adds ten,
/// theirs renames every 70th, deletes ten and moves every 30th (some the same cards as ours).
fn merge(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("teams");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    let base = synthetic_map(20_000, 1);
    let ids: Vec<touchmap::model::TouchPointId> = base
        .touchpoints()
        .into_iter()
        .map(|t| t.id.clone())
        .collect();
    let change = |map: &mut touchmap::model::Map,
                  at: usize,
                  edit: &dyn Fn(&mut touchmap::model::TouchPoint)| {
        let mut touchpoint = map.touchpoint(&ids[at]).expect("exists").clone();
        edit(&mut touchpoint);
        map.update_touchpoint(touchpoint).expect("valid");
    };
    let mut ours = base.clone();
    for at in (0..ids.len()).step_by(50) {
        change(&mut ours, at, &|t| t.score = Some(2.0));
    }
    for n in 0..10 {
        let id = touchmap::model::TouchPointId::new(format!("ours-{n}")).expect("valid");
        ours.add_touchpoint(touchmap::model::TouchPoint::new(id, "Ours"))
            .expect("new");
    }
    let mut theirs = base.clone();
    for at in (0..ids.len()).step_by(70) {
        change(&mut theirs, at, &|t| t.name = "Renamed".into());
    }
    for at in (0..ids.len()).step_by(30) {
        change(&mut theirs, at, &|t| t.pos = Some([1.0, 2.0]));
    }
    let named: std::collections::HashSet<&touchmap::model::TouchPointId> = base
        .plan()
        .campaigns
        .iter()
        .flat_map(|c| c.channels.iter())
        .chain(base.plan().objectives.iter().map(|o| &o.goal))
        .collect();
    for id in ids.iter().rev().filter(|id| !named.contains(id)).take(10) {
        theirs.remove_touchpoint(id).expect("removed");
    }
    group.bench_function("merge_maps/20000", |b| {
        b.iter(|| touchmap::merge::merge(black_box(&base), &ours, &theirs).expect("merges"));
    });
    let texts = [&base, &ours, &theirs].map(touchmap::format::to_string);
    // What `touchmap merge` does between reading and writing the files.
    group.bench_function("merge_files/20000", |b| {
        b.iter(|| {
            let [b0, o, t] = [&texts[0], &texts[1], &texts[2]]
                .map(|text| touchmap::format::from_str(black_box(text)).expect("loads"));
            touchmap::format::to_string(&touchmap::merge::merge(&b0, &o, &t).expect("merges").map)
        });
    });
    group.finish();
}

/// `touchmap analyze --segments` on 20,000 touch points with 3 segments, each overriding the score
/// of every 10th card and the share of every 20th link, beside one analysis of the map.
fn segments(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("segments");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    let mut map = synthetic_map(20_000, 1);
    let ids = ["new", "returning", "business"];
    map.set_segments(
        ids.iter()
            .map(|id| touchmap::model::Segment {
                id: (*id).to_owned(),
                name: (*id).to_owned(),
                ..touchmap::model::Segment::default()
            })
            .collect(),
    )
    .expect("valid");
    let touchpoints: Vec<touchmap::model::TouchPoint> =
        map.touchpoints().into_iter().step_by(10).cloned().collect();
    for (n, mut touchpoint) in touchpoints.into_iter().enumerate() {
        for (k, id) in ids.iter().enumerate() {
            touchpoint.segments.insert(
                (*id).to_owned(),
                touchmap::model::SegmentValues {
                    score: Some(1.0 + ((n + k) % 5) as f64),
                    ..touchmap::model::SegmentValues::default()
                },
            );
        }
        map.update_touchpoint(touchpoint).expect("valid");
    }
    let links: Vec<_> = map
        .links()
        .into_iter()
        .step_by(20)
        .map(|(from, to, link)| (from.clone(), to.clone(), link.clone()))
        .collect();
    for (from, to, mut link) in links {
        link.segments.insert(
            ids[0].to_owned(),
            touchmap::model::SegmentShare {
                share: Some(0.2),
                ..touchmap::model::SegmentShare::default()
            },
        );
        map.update_link(&from, &to, link).expect("valid");
    }
    group.bench_function("one_analysis/20000", |b| {
        b.iter(|| analyze(black_box(&map), &Config::default()));
    });
    group.bench_function("three_segments/20000", |b| {
        b.iter(|| touchmap::analysis::analyze_segments(black_box(&map), &Config::default()));
    });
    group.finish();
}

/// The whole editor at 1280×720 (a projector), on the 25-card example and on a 20,000-card map:
/// an idle frame, a frame with the pointer moving over the canvas, and a key press (↓ moves the
/// selection to the card below) with the frame that shows it. Issue 24's target: the big map within 2× of the small one.
fn editor(criterion: &mut Criterion) {
    use touchmap::app::{Document, ScriptedDialogs, TouchmapApp};
    let mut group = criterion.benchmark_group("editor_1280x720");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    let example =
        touchmap::format::from_str(touchmap::templates::FIRST_RUN_EXAMPLE).expect("the example");
    for (name, map) in [
        ("example_25", example),
        ("synthetic_20000", synthetic_map(20_000, 1)),
    ] {
        let ctx = egui::Context::default();
        let first = map.touchpoints()[0].id.clone();
        let mut app = TouchmapApp::new(
            Document::new(map, None, true),
            Box::new(ScriptedDialogs::default()),
            None,
        );
        let input = |events: Vec<egui::Event>| egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 720.0),
            )),
            events,
            ..Default::default()
        };
        let frame = |app: &mut TouchmapApp, events: Vec<egui::Event>| {
            let output = ctx.run_ui(input(events), |ui| app.ui(ui));
            ctx.tessellate(output.shapes, output.pixels_per_point)
        };
        // Fonts, the first fit, the analysis of the big map in the background.
        for _ in 0..5 {
            frame(&mut app, Vec::new());
        }
        app.document.settle();
        app.view.select_only(first.clone());
        frame(&mut app, Vec::new());
        group.bench_function(BenchmarkId::new("idle_frame", name), |b| {
            b.iter(|| black_box(frame(&mut app, Vec::new())));
        });
        // The pointer over the canvas: every frame looks for the link under it (this was 80,000
        // curves with two lookups by id each on the big map, a third of its real-window frame).
        let mut step = 0.0;
        group.bench_function(BenchmarkId::new("hover_frame", name), |b| {
            b.iter(|| {
                step = (step + 1.0) % 50.0;
                let pointer = egui::Event::PointerMoved(egui::pos2(500.0 + step, 400.0));
                black_box(frame(&mut app, vec![pointer]))
            });
        });
        let press = |key: egui::Key, pressed: bool| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        };
        let mut down = true;
        group.bench_function(BenchmarkId::new("arrow_key", name), |b| {
            b.iter(|| {
                // Down, then up again, so the selection stays near the first card.
                let key = if down {
                    egui::Key::ArrowDown
                } else {
                    egui::Key::ArrowUp
                };
                down = !down;
                frame(&mut app, vec![press(key, true), press(key, false)]);
                black_box(frame(&mut app, Vec::new()))
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = core, exports, frames, big_map_edits, import, attribution, merge, segments, editor
}
criterion_main!(benches);

//! The hostile corpus in `tests/data/bad/`: every file is refused with a clear message by the
//! loader, by `validate`, `analyze` and `fmt` (exit code 2, file untouched) and by the editor (an
//! error dialog, the open map unchanged). Never a panic.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use touchmap::app::{Modal, ScriptedDialogs, TouchmapApp};
use touchmap::format::load_file;

fn corpus() -> Vec<(PathBuf, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let manifest = std::fs::read_to_string(folder.join("EXPECTED.tsv")).expect("manifest");
    manifest
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, fragment)| (folder.join(name), fragment.to_owned()))
        .collect()
}

#[test]
fn the_corpus_is_big_enough() {
    assert!(corpus().len() >= 30);
}

#[test]
fn the_loader_refuses_every_file_with_its_reason() {
    for (path, fragment) in corpus() {
        let error = load_file(&path).expect_err(&format!("{} was accepted", path.display()));
        let message = error.to_string();
        assert!(
            message.contains(&fragment),
            "{}: {message:?} lacks {fragment:?}",
            path.display()
        );
    }
}

#[test]
fn the_command_line_refuses_every_file_and_fmt_leaves_it_alone() {
    let directory = tempfile::tempdir().expect("temp dir");
    for (path, _) in corpus() {
        let copy = directory.path().join(path.file_name().expect("named"));
        std::fs::copy(&path, &copy).expect("copy");
        let before = std::fs::read(&copy).expect("read");
        for command in ["validate", "analyze", "fmt"] {
            let output = Command::new(env!("CARGO_BIN_EXE_touchmap"))
                .arg(command)
                .arg(&copy)
                .output()
                .expect("runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{command} {}: {stderr}",
                path.display()
            );
            assert!(
                stderr.contains("touchmap: ") && !stderr.contains("panicked"),
                "{command} {}: {stderr}",
                path.display()
            );
        }
        assert_eq!(
            std::fs::read(&copy).expect("read"),
            before,
            "fmt changed {}",
            path.display()
        );
    }
}

#[test]
fn the_editor_shows_an_error_and_keeps_the_open_map() {
    let mut app = TouchmapApp::with_example(Box::new(ScriptedDialogs::default()));
    let before = app.document.map.clone();
    for (path, fragment) in corpus() {
        app.modal = None;
        app.open_path(&path);
        match &app.modal {
            Some(Modal::Error { message, .. }) => {
                assert!(message.contains(&fragment), "{}: {message}", path.display());
            }
            other => panic!(
                "{}: expected an error dialog, got {other:?}",
                path.display()
            ),
        }
        assert!(
            app.document.map == before,
            "{} changed the open map",
            path.display()
        );
    }
}

#[test]
fn oversized_inputs_are_refused_with_the_limit() {
    let directory = tempfile::tempdir().expect("temp dir");
    let huge_name = format!(
        r#"{{"touchmap":1,"title":"x","touchpoints":[{{"id":"a","name":"{}"}}]}}"#,
        "n".repeat(1_000_000)
    );
    let message = touchmap::format::from_str(&huge_name)
        .expect_err("refused")
        .to_string();
    assert!(message.contains("at most 20000 characters"), "{message}");

    let mut many = String::from(r#"{"touchmap":1,"title":"x","touchpoints":["#);
    for index in 0..100_000 {
        if index > 0 {
            many.push(',');
        }
        let _ = write!(many, r#"{{"id":"t{index}","name":"T"}}"#);
    }
    many.push_str("]}");
    let message = touchmap::format::from_str(&many)
        .expect_err("refused")
        .to_string();
    assert!(
        message.contains("at most 50000 touch points") && message.contains("100000"),
        "{message}"
    );

    let big = directory.path().join("big.json");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(touchmap::format::MAX_FILE_BYTES + 1)
        .expect("grow");
    let message = load_file(&big).expect_err("refused").to_string();
    assert!(message.contains("67108864 bytes"), "{message}");
}

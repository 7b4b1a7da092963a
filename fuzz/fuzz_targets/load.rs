//! The map loader on arbitrary bytes: never panics; the fast and the checked decoder agree;
//! whatever it accepts saves, reloads, and saves byte-identically again; the analysis and
//! every text export run on it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let loaded = touchmap::format::from_str(text);
    let checked = touchmap::format::from_str_checked(text);
    // The fast path and the checked decoder accept the same files and build the same maps.
    assert_eq!(
        loaded.is_ok(),
        checked.is_ok(),
        "the two decoders disagree on acceptance"
    );
    let Ok(map) = loaded else {
        return;
    };
    assert!(
        checked.is_ok_and(|other| other == map),
        "the two decoders build different maps"
    );
    // Save → load → save is byte-identical. (Load → save → load may differ by design: positions
    // are rounded to whole pixels on save, so `[5, 0.9]` comes back as `[5, 1]`; see fuzz/README.md.)
    let saved = touchmap::format::to_string(&map);
    let again = touchmap::format::from_str(&saved).expect("a saved map loads");
    assert_eq!(
        touchmap::format::to_string(&again),
        saved,
        "save → load → save differs"
    );
    assert_eq!(again.touchpoint_count(), map.touchpoint_count());
    assert_eq!(again.link_count(), map.link_count());
    let report = touchmap::analysis::analyze(&map, &touchmap::analysis::Config::default());
    for format in [
        touchmap::export::ExportFormat::Svg,
        touchmap::export::ExportFormat::Html,
        touchmap::export::ExportFormat::Csv,
        touchmap::export::ExportFormat::Markdown,
        touchmap::export::ExportFormat::Dot,
        touchmap::export::ExportFormat::Mermaid,
    ] {
        let _ = touchmap::export::export(&map, &report, format);
    }
});

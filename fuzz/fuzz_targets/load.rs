//! The map loader on arbitrary bytes: never panics; whatever it accepts saves, reloads equal, and
//! saves byte-identically again; the analysis and every text export run on it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(map) = touchmap::format::from_str(text) else {
        return;
    };
    let saved = touchmap::format::to_string(&map);
    let again = touchmap::format::from_str(&saved).expect("a saved map loads");
    assert!(again == map, "load → save → load changed the map");
    assert_eq!(touchmap::format::to_string(&again), saved, "two saves differ");
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

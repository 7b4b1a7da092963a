//! The spreadsheet import on arbitrary text: never panics; whatever it accepts is a valid map that
//! saves, reloads and saves byte-identically again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(map) = touchmap::import::from_csv(text, "Fuzzed") else {
        return;
    };
    // Save → load → save is byte-identical (positions are rounded on save by design, so the
    // imported map itself may differ from the reloaded one in its positions; see fuzz/README.md).
    let saved = touchmap::format::to_string(&map);
    let again = touchmap::format::from_str(&saved).expect("an imported map saves as a valid file");
    assert_eq!(
        touchmap::format::to_string(&again),
        saved,
        "save → load → save differs"
    );
    assert_eq!(again.touchpoint_count(), map.touchpoint_count());
});

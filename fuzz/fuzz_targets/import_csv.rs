//! The spreadsheet import on arbitrary text: never panics; whatever it accepts is a valid map that
//! saves and reloads equal.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(map) = touchmap::import::from_csv(text, "Fuzzed") else {
        return;
    };
    let saved = touchmap::format::to_string(&map);
    let again = touchmap::format::from_str(&saved).expect("an imported map saves as a valid file");
    assert!(again == map, "import → save → load changed the map");
});

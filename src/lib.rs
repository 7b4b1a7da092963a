//! touchmap: touch-point mapping. Draw where customers meet a brand, link the touch points in the
//! order customers move, rate them, and find the weak spots before spending on a campaign.
//!
//! The layers, bottom up: [`model`] (the map), [`format`] (the JSON file), [`analysis`] (the
//! weak-spot pass), [`diff`], [`edit`] (undoable edits), [`layout`] (where things are drawn), then
//! [`ui`] and [`app`] (the editor) and [`cli`]. See `ARCHITECTURE.md`.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod diff;
pub mod edit;
pub mod export;
pub mod fonts;
pub mod format;
pub mod import;
pub mod layout;
pub mod merge;
pub mod model;
pub mod numbers;
pub mod paths;
pub mod survey;
pub mod synthetic;
pub mod templates;
pub mod ui;

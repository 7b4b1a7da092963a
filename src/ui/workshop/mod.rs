//! Workshop tools: filters, dot voting with the room-versus-data comparison, presentation of the
//! weak spots, what-if scenarios, comparison with another version, and a timebox.

use egui::{Color32, FontId, RichText, Ui};

use super::theme::severity_colour;
use super::{Action, Filter, ViewState};
use crate::analysis::{Config, Quadrant, Report, Severity};
use crate::diff::MapDiff;
use crate::edit::Edit;
use crate::model::{Map, TouchPointId};

mod comparison;
mod filters;
mod presentation;
mod timer;
mod votes;
mod what_if;

use crate::analysis::ranked_by_weakness;
pub use crate::analysis::{disagreements, presentation_steps};
pub use comparison::{Comparison, comparison_ui};
pub use filters::{FilterCache, Passing, filter_bar_ui};
pub use presentation::{presentation_caption_ui, presentation_timer_ui};
pub use timer::{Timer, timer_ui};
pub use votes::votes_ui;
pub use what_if::{WhatIf, what_if_ui};

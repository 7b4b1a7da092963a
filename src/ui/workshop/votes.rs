//! Dot voting: the room's ranking beside the data's, and where they disagree.

use super::{Action, Color32, RichText, Ui};
use crate::analysis::Rankings;

/// The voting panel: the room's ranking beside the data's, and where they disagree. The rankings
/// come from the document's cache (computed once per revision).
pub fn votes_ui(ui: &mut Ui, rankings: &Rankings, actions: &mut Vec<Action>) {
    ui.heading("Dot voting");
    ui.label(RichText::new("Click a card to give it a vote, right-click to take one back.").weak());
    ui.label(format!(
        "{} cast",
        crate::numbers::count(rankings.votes_cast as usize, "vote", "votes")
    ));
    if ui.button("Reset all votes").clicked() {
        actions.push(Action::ResetVotes);
    }
    ui.separator();
    ui.columns(2, |columns| {
        columns[0].strong("The room");
        for (rank, (name, votes)) in rankings.by_votes.iter().enumerate() {
            columns[0].label(format!("{}. {name} ({votes})", rank + 1));
        }
        columns[1].strong("The data");
        for (rank, (name, weakness)) in rankings.by_weakness.iter().enumerate() {
            columns[1].label(format!("{}. {name} ({weakness:.2})", rank + 1));
        }
    });
    ui.separator();
    if rankings.disagreements.is_empty() {
        ui.label("The room and the data agree on the top weak spots.");
    }
    for sentence in &rankings.disagreements {
        ui.label(RichText::new(sentence).color(Color32::from_rgb(200, 110, 20)));
    }
}

//! Dot voting: the room's ranking beside the data's, and where they disagree.

use super::{
    Action, Color32, Map, Report, RichText, Ui, disagreements, ranked_by_votes, ranked_by_weakness,
};

/// The voting panel: the room's ranking beside the data's, and where they disagree.
pub fn votes_ui(ui: &mut Ui, map: &Map, report: &Report, actions: &mut Vec<Action>) {
    ui.heading("Dot voting");
    ui.label(RichText::new("Click a card to give it a vote, right-click to take one back.").weak());
    let total: u32 = map.graph().node_weights().map(|t| t.votes).sum();
    ui.label(format!("{total} votes cast"));
    if ui.button("Reset all votes").clicked() {
        actions.push(Action::ResetVotes);
    }
    ui.separator();
    let by_votes = ranked_by_votes(map);
    let by_weakness = ranked_by_weakness(report);
    ui.columns(2, |columns| {
        columns[0].strong("The room");
        for (rank, touchpoint) in by_votes.iter().take(8).enumerate() {
            columns[0].label(format!(
                "{}. {} ({})",
                rank + 1,
                touchpoint.name,
                touchpoint.votes
            ));
        }
        columns[1].strong("The data");
        for (rank, (weakness, id)) in by_weakness.iter().take(8).enumerate() {
            let name = map
                .touchpoint(id)
                .map_or_else(|| id.to_string(), |t| t.name.clone());
            columns[1].label(format!("{}. {name} ({weakness:.2})", rank + 1));
        }
    });
    ui.separator();
    let sentences = disagreements(map, report);
    if sentences.is_empty() {
        ui.label("The room and the data agree on the top weak spots.");
    }
    for sentence in sentences {
        ui.label(RichText::new(sentence).color(Color32::from_rgb(200, 110, 20)));
    }
}

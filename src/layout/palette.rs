//! Colours and words a card and its picture share, so that the canvas, the SVG, the PNG, the PDF
//! and the HTML report draw a touch point the same way.

use crate::analysis::Report;
use crate::model::{Role, TouchPoint, TouchPointId};

/// The words on a card, the same on the canvas and in every picture: the name, a detail line
/// (channel · owner), the footer (score, importance, role) and the vote badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardText<'a> {
    /// The full name; each drawer wraps it to its width and ends a cut name with "…".
    pub name: &'a str,
    /// "Instagram · Marketing", or "no owner".
    pub details: String,
    /// "★ 3.5~  imp 4  ▶ entry": the score with its evidence mark, importance, role.
    pub footer: String,
    /// "★ 3.5~", the start of the footer, where the evidence mark's words show on hover.
    pub score: String,
    /// How far the score can be defended.
    pub evidence: crate::model::EvidenceStrength,
    /// "● 3" when the room voted for it.
    pub votes: Option<String>,
}

impl<'a> CardText<'a> {
    /// The card text of a touch point.
    #[must_use]
    pub fn of(touchpoint: &'a TouchPoint) -> Self {
        let mut details: Vec<&str> = Vec::new();
        if let Some(channel) = touchpoint
            .channel
            .as_deref()
            .filter(|c| !c.trim().is_empty())
        {
            details.push(channel);
        }
        details.push(touchpoint.owner_name().unwrap_or("no owner"));
        let evidence =
            crate::model::EvidenceStrength::of(touchpoint.score, touchpoint.measured.as_ref());
        let score = touchpoint.score.map_or_else(
            || "not rated".to_owned(),
            |score| format!("★ {score:.1}{}", evidence.mark()),
        );
        let role = match touchpoint.role {
            Some(Role::Entry) => "  ▶ entry",
            Some(Role::Goal) => "  ⚑ goal",
            None => "",
        };
        Self {
            name: &touchpoint.name,
            details: details.join(" · "),
            footer: format!("{score}  imp {}{role}", touchpoint.importance),
            score,
            evidence,
            votes: (touchpoint.votes > 0).then(|| format!("● {}", touchpoint.votes)),
        }
    }
}

/// The frame colour of a must-pass touch point: indigo, so that "every journey passes here" is never
/// read as the red of a critical severity. Used by the canvas and every picture export.
pub const MUST_PASS_RGB: [u8; 3] = [67, 56, 202];
/// The mark on a must-pass card, in the canvas and every export.
pub const EVERY_JOURNEY: &str = "◆ every journey";
/// The legend line that explains the mark, shown by the app and every export that shows the mark.
pub const EVERY_JOURNEY_LEGEND: &str =
    "◆ every journey: every customer journey from an entry to a goal passes here (must-pass)";

/// The legend line that explains the evidence marks after a card's score.
pub const EVIDENCE_LEGEND: &str = "after a score: ~ the room's rating · ± measured, but few answers or a wide interval · ✓ measured: 30+ answers, interval within 1 point";

/// The fill colour of a card by its weakness: green (fine) through amber to red (weak); grey when
/// unmeasured. Returned as RGB so that both egui and SVG can use it.
#[must_use]
pub fn weakness_rgb(weakness: Option<f64>) -> [u8; 3] {
    let Some(weakness) = weakness else {
        return [200, 202, 208];
    };
    let green = [120.0, 200.0, 140.0];
    let amber = [250.0, 205.0, 100.0];
    let red = [235.0, 95.0, 85.0];
    // Amber at the medium threshold region, full red at the critical threshold.
    let t = (weakness / 0.6).clamp(0.0, 1.0);
    let (from, to, local) = if t < 0.5 {
        (green, amber, t / 0.5)
    } else {
        (amber, red, (t - 0.5) / 0.5)
    };
    let mix = |i: usize| (from[i] + (to[i] - from[i]) * local).round() as u8;
    [mix(0), mix(1), mix(2)]
}

/// The colour for a weakness taken from a report.
#[must_use]
pub fn touchpoint_rgb(report: &Report, id: &TouchPointId) -> [u8; 3] {
    weakness_rgb(report.touchpoint(id).and_then(|analysis| analysis.weakness))
}

/// A quadrant's colour in the importance–performance chart, the same in the editor and the HTML
/// report.
#[must_use]
pub fn quadrant_rgb(quadrant: crate::analysis::Quadrant) -> [u8; 3] {
    use crate::analysis::Quadrant;
    match quadrant {
        Quadrant::Concentrate => [200, 30, 40],
        Quadrant::KeepUp => [21, 128, 61],
        Quadrant::LowPriority => [156, 163, 175],
        Quadrant::Overkill => [37, 99, 235],
    }
}

/// A campaign verdict's colour (white text on it reads at WCAG AA), one palette for the editor and
/// the reports; the verdict's word is always written on or beside it, never colour alone.
#[must_use]
pub fn verdict_rgb(verdict: crate::analysis::Verdict) -> [u8; 3] {
    use crate::analysis::Verdict;
    match verdict {
        Verdict::Stop => [185, 28, 28],
        Verdict::FixFirst => [154, 52, 18],
        Verdict::Go => [21, 128, 61],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TouchPointId;

    #[test]
    fn card_text_names_channel_owner_score_role_and_votes() {
        let mut touchpoint = TouchPoint::new(TouchPointId::new("ad").expect("id"), "Instagram ad");
        let bare = CardText::of(&touchpoint);
        assert_eq!(bare.details, "no owner");
        assert_eq!(bare.footer, "not rated  imp 3");
        assert_eq!(bare.votes, None);
        touchpoint.channel = Some("Instagram".into());
        touchpoint.owner = Some("Marketing".into());
        touchpoint.score = Some(3.46);
        touchpoint.importance = 4;
        touchpoint.role = Some(Role::Entry);
        touchpoint.votes = 3;
        let text = CardText::of(&touchpoint);
        assert_eq!(text.name, "Instagram ad");
        assert_eq!(text.details, "Instagram · Marketing");
        assert_eq!(
            text.footer, "★ 3.5~  imp 4  ▶ entry",
            "~: the room's rating"
        );
        assert_eq!(text.votes.as_deref(), Some("● 3"));
        touchpoint.measured = Some(crate::model::Measured {
            source: "survey.csv".into(),
            n: 214.0,
            mean: 3.46,
            low: 3.3,
            high: 3.6,
            ..crate::model::Measured::default()
        });
        assert_eq!(CardText::of(&touchpoint).footer, "★ 3.5✓  imp 4  ▶ entry");
        touchpoint.measured.as_mut().expect("measured").n = 12.0;
        assert_eq!(CardText::of(&touchpoint).footer, "★ 3.5±  imp 4  ▶ entry");
    }
}

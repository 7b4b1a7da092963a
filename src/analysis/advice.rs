//! What to do about a touch point, in plain words for its kind: what to check, how to measure it,
//! whom to ask. The analysis' findings and campaign pre-flight's readiness findings both word their
//! actions with these, so that a report of ten weak spots does not read the same sentence ten
//! times.

use crate::model::TouchPoint;

/// The kinds of touch point the advice knows, found from the channel and the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Delivery,
    Payment,
    Web,
    Message,
    Venue,
    Conversation,
    Reviews,
    Returns,
    Advert,
    Other,
}

impl Kind {
    pub(crate) fn of(touchpoint: &TouchPoint) -> Self {
        let words = format!(
            "{} {}",
            touchpoint.channel.as_deref().unwrap_or_default(),
            touchpoint.name
        )
        .to_lowercase();
        let split: Vec<&str> = words
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        // Short keys ("ad", "app", "tv") match whole words (or their plural) only: "ad" is not
        // in "download".
        let has = |keys: &[&str]| {
            keys.iter().any(|key| {
                if key.chars().count() <= 3 {
                    split
                        .iter()
                        .any(|word| word == key || word.strip_suffix('s') == Some(key))
                } else {
                    words.contains(key)
                }
            })
        };
        if has(&[
            "deliver", "courier", "shipping", "parcel", "packag", "logistic",
        ]) {
            Self::Delivery
        } else if has(&["checkout", "payment", "cart", "basket"]) {
            Self::Payment
        } else if has(&["return", "refund"]) {
            Self::Returns
        } else if has(&["website", "web", "page", "app", "portal", "form"]) {
            Self::Web
        } else if has(&["e-mail", "email", "newsletter", "sms"]) {
            Self::Message
        } else if has(&["store", "shop", "club", "desk", "branch", "front", "tour"]) {
            Self::Venue
        } else if has(&[
            "phone",
            "chat",
            "support",
            "service",
            "call",
            "whatsapp",
            "messenger",
        ]) {
            Self::Conversation
        } else if has(&["review", "word of mouth", "rating", "trustpilot"]) {
            Self::Reviews
        } else if has(&[
            "ad",
            "instagram",
            "facebook",
            "tiktok",
            "youtube",
            "google",
            "search",
            "display",
            "tv",
            "radio",
            "poster",
        ]) {
            Self::Advert
        } else {
            Self::Other
        }
    }
}

/// Whom to ask about a touch point: "ask Logistics", or that nobody owns it.
pub(crate) fn who_to_ask(touchpoint: &TouchPoint) -> String {
    touchpoint.owner_name().map_or_else(
        || "nobody owns it yet, so name an owner first".to_owned(),
        |owner| format!("ask {owner}"),
    )
}

/// What to look at first to fix a poor touch point of this kind.
pub(crate) fn what_to_check(touchpoint: &TouchPoint) -> &'static str {
    match Kind::of(touchpoint) {
        Kind::Delivery => "check the carrier's on-time rate and what the tracking messages promise",
        Kind::Payment => "check the payment errors and the step where buyers abandon",
        Kind::Web => "check the page's errors, its load time and where visitors abandon it",
        Kind::Message => "check what the message promises, when it is sent and whether it arrives",
        Kind::Venue => "check staffing and queues at the busiest hours",
        Kind::Conversation => {
            "check queue times and how many questions are solved at the first contact"
        }
        Kind::Reviews => {
            "read the most common complaint in the reviews and answer it where it starts"
        }
        Kind::Returns => "check how long refunds take and what customers must do to get one",
        Kind::Advert => "check whether the ad's promise matches the page it leads to",
        Kind::Other => "find out from customers what disappoints them there",
    }
}

/// How a touch point of this kind is usually measured, for `unmeasured`.
pub(crate) fn how_to_measure(touchpoint: &TouchPoint) -> &'static str {
    match Kind::of(touchpoint) {
        Kind::Delivery => "a one-question rating after delivery, beside the carrier's on-time rate",
        Kind::Payment => "the share of started payments that succeed, or a rating after the order",
        Kind::Web => "a one-question rating on the page, beside where visitors abandon it",
        Kind::Message => "a rating link in the message, beside its open and click rates",
        Kind::Venue => "a rating card or QR code on the spot",
        Kind::Conversation => "a rating after each conversation (CSAT)",
        Kind::Reviews => "the average star rating of the last three months",
        Kind::Returns => "a rating after the refund, beside how many days it takes",
        Kind::Advert => "a survey question on what people remember of the ad",
        Kind::Other => "a survey question, or a rating the workshop agrees on",
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;
    use crate::model::{TouchPoint, TouchPointId};

    fn kind(name: &str, channel: Option<&str>) -> Kind {
        let mut touchpoint = TouchPoint::new(TouchPointId::new("x").expect("valid"), name);
        touchpoint.channel = channel.map(str::to_owned);
        Kind::of(&touchpoint)
    }

    #[test]
    fn the_kind_comes_from_the_channel_and_the_name() {
        assert_eq!(kind("Boxed bike delivery", None), Kind::Delivery);
        assert_eq!(kind("Checkout", Some("Website")), Kind::Payment);
        assert_eq!(kind("Returns portal", Some("Website")), Kind::Returns);
        assert_eq!(kind("Size guide", Some("Website")), Kind::Web);
        assert_eq!(kind("Club tour", Some("In person")), Kind::Venue);
        assert_eq!(kind("Instagram ad", Some("Instagram")), Kind::Advert);
        assert_eq!(kind("Spring ads", None), Kind::Advert);
        // Short words match whole words only.
        assert_eq!(kind("Download the brochure", None), Kind::Other);
        assert_eq!(kind("Happy hour", None), Kind::Other);
    }
}

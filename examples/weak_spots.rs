//! Uses touchmap as a library: builds a small map in code, analyses it and prints the weak spots.
//!
//! Run with `cargo run --example weak_spots`.

use touchmap::analysis::{Config, analyze};
use touchmap::model::{Link, Map, ModelError, Role, TouchPoint, TouchPointId};

fn touchpoint(
    map: &Map,
    name: &str,
    stage: &str,
    channel: &str,
    score: f64,
    importance: u8,
) -> TouchPoint {
    let mut touchpoint = TouchPoint::new(map.unique_id(name), name);
    touchpoint.stage = Some(stage.to_owned());
    touchpoint.channel = Some(channel.to_owned());
    touchpoint.owner = Some("Marketing".to_owned());
    touchpoint.score = Some(score);
    touchpoint.importance = importance;
    touchpoint
}

fn build() -> Result<Map, ModelError> {
    let mut map = Map::new("Pop-up bakery");
    let mut ad = touchpoint(&map, "Instagram story", "Awareness", "Instagram", 4.4, 3);
    ad.role = Some(Role::Entry);
    map.add_touchpoint(ad)?;
    map.add_touchpoint(touchpoint(
        &map,
        "Online pre-order",
        "Purchase",
        "Website",
        3.9,
        4,
    ))?;
    map.add_touchpoint(touchpoint(
        &map,
        "Bike courier",
        "Delivery",
        "Delivery",
        1.8,
        5,
    ))?;
    let mut goal = touchpoint(&map, "Second order", "Loyalty", "Website", 4.0, 5);
    goal.role = Some(Role::Goal);
    map.add_touchpoint(goal)?;
    let id = |text: &str| TouchPointId::slug_from_name(text);
    map.add_link(
        &id("Instagram story"),
        &id("Online pre-order"),
        Link::default(),
    )?;
    map.add_link(
        &id("Online pre-order"),
        &id("Bike courier"),
        Link::default(),
    )?;
    map.add_link(
        &id("Bike courier"),
        &id("Second order"),
        Link {
            share: Some(0.3),
            ..Link::default()
        },
    )?;
    Ok(map)
}

fn main() {
    let map = match build() {
        Ok(map) => map,
        Err(error) => {
            eprintln!("could not build the map: {error}");
            std::process::exit(2);
        }
    };
    let report = analyze(&map, &Config::default());
    println!("{}: {} findings", map.title, report.findings.len());
    for finding in &report.findings {
        let subject = finding
            .touchpoint
            .as_ref()
            .and_then(|id| map.touchpoint(id))
            .map_or_else(
                || finding.stage.clone().unwrap_or_default(),
                |t| t.name.clone(),
            );
        println!(
            "{:>8}  {:<11} {subject}\n          {}\n          → {}",
            finding.severity.as_str(),
            finding.rule.as_str(),
            finding.reason,
            finding.action
        );
    }
    println!(
        "\nThe map as a file:\n{}",
        touchmap::format::to_string(&map)
    );
}

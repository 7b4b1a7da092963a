//! The bundled templates and example maps a new map can start from.

/// A bundled template: its name on the command line, a description, and the file's text.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// The name used with `touchmap new --template`.
    pub name: &'static str,
    /// One line for menus and `--help`.
    pub description: &'static str,
    /// The map, in the file format.
    pub text: &'static str,
}

/// Every bundled template, in menu order.
pub const TEMPLATES: [Template; 5] = [
    Template {
        name: "blank",
        description: "An empty map with the six default stages",
        text: include_str!("../assets/templates/blank.json"),
    },
    Template {
        name: "online-store",
        description: "Online store: social ads, product page, checkout, courier delivery, returns",
        text: include_str!("../assets/templates/online-store.json"),
    },
    Template {
        name: "hotel",
        description: "Hotel: Instagram and review sites, booking, stay, check-out, loyalty",
        text: include_str!("../assets/templates/hotel.json"),
    },
    Template {
        name: "b2b-software",
        description: "B2B software: LinkedIn, webinar, trial, onboarding, renewal",
        text: include_str!("../assets/templates/b2b-software.json"),
    },
    Template {
        name: "restaurant",
        description: "Restaurant or local shop: maps listing, reviews, visit, word of mouth",
        text: include_str!("../assets/templates/restaurant.json"),
    },
];

impl Template {
    /// A new map from the template. Its `"$schema"` names the schema written beside the map
    /// (`touchmap schema -o touchmap.schema.json`), not the bundled one the template points to.
    pub fn map(&self) -> Result<crate::model::Map, crate::format::FormatError> {
        let mut map = crate::format::from_str(self.text)?;
        map.extra.insert(
            "$schema".to_owned(),
            serde_json::Value::String(crate::format::SCHEMA_FILE_NAME.to_owned()),
        );
        Ok(map)
    }
}

/// The template with this name.
#[must_use]
pub fn template(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|template| template.name == name)
}

/// The example map shown on first run.
pub const FIRST_RUN_EXAMPLE: &str = include_str!("../examples/online-store.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_loads() {
        for template in TEMPLATES {
            let map = crate::format::from_str(template.text)
                .unwrap_or_else(|error| panic!("template {}: {error}", template.name));
            if template.name != "blank" {
                assert!(
                    map.touchpoint_count() >= 10,
                    "{} is too small",
                    template.name
                );
            }
        }
        crate::format::from_str(FIRST_RUN_EXAMPLE).unwrap();
    }
}

//! The plan in the file: `objectives` and `campaigns` ⇄ [`Plan`], checked against the map's touch
//! points, every refusal naming its JSON path. Both decoders (fast and checked) read the plan here:
//! it is small, so one careful reader is enough.

use serde_json::Value;

use super::FormatError;
use super::json::{
    Object, append_extra, array, describe, insert_number, insert_text, number as json_number,
    optional_string, present, read_number, string,
};
use crate::model::{Campaign, Map, Objective, ObjectiveKind, Plan, TouchPointId};

/// Reads the plan's two lists (absent or null = empty) and checks it against the map.
pub(super) fn decode_plan(
    objectives: Option<Value>,
    campaigns: Option<Value>,
    map: &Map,
) -> Result<Plan, FormatError> {
    let plan_part =
        |value: Option<Value>, key: &str| -> Result<Vec<(Value, String)>, FormatError> {
            let Some(value) = present(value) else {
                return Ok(Vec::new());
            };
            Ok(array(value, || format!("$.{key}"))?
                .into_iter()
                .enumerate()
                .map(|(position, item)| (item, format!("$.{key}[{position}]")))
                .collect())
        };
    let plan = Plan {
        objectives: plan_part(objectives, "objectives")?
            .into_iter()
            .map(|(item, path)| decode_objective(item, &path))
            .collect::<Result<_, _>>()?,
        campaigns: plan_part(campaigns, "campaigns")?
            .into_iter()
            .map(|(item, path)| decode_campaign(item, &path))
            .collect::<Result<_, _>>()?,
    };
    // Checked once, here, with the JSON path in front; `Map::set_plan` then only sorts it (its own
    // check finds nothing new).
    map.check_plan(&plan).map_err(|error| plan_error(&error))?;
    Ok(plan)
}

/// A plan refusal as a format error, with the JSON path in front of the place.
pub(super) fn plan_error(error: &crate::model::PlanError) -> FormatError {
    FormatError::invalid(format!("$.{}", error.place), error.message.clone())
}

fn object(value: Value, path: &str, what: &str) -> Result<Object, FormatError> {
    match value {
        Value::Object(object) => Ok(object),
        other => Err(FormatError::invalid(
            path,
            format!("{what} must be an object, not {}", describe(&other)),
        )),
    }
}

fn required_string(object: &mut Object, key: &str, path: &str) -> Result<String, FormatError> {
    match present(object.remove(key)) {
        Some(value) => string(value, || format!("{path}.{key}")),
        None => Err(FormatError::invalid(path, format!("this has no \"{key}\""))),
    }
}

fn touchpoint_id(text: String, path: impl Fn() -> String) -> Result<TouchPointId, FormatError> {
    TouchPointId::new(text).map_err(|message| FormatError::invalid(path(), message))
}

fn optional_number(object: &mut Object, key: &str, path: &str) -> Result<Option<f64>, FormatError> {
    present(object.remove(key))
        .map(|value| read_number(&value, || format!("{path}.{key}")))
        .transpose()
}

fn decode_objective(value: Value, path: &str) -> Result<Objective, FormatError> {
    let mut object = object(value, path, "an objective")?;
    let id = required_string(&mut object, "id", path)?;
    let name = required_string(&mut object, "name", path)?;
    let kind_text = required_string(&mut object, "kind", path)?;
    let kind = ObjectiveKind::parse(&kind_text).ok_or_else(|| {
        FormatError::invalid(
            format!("{path}.kind"),
            format!(
                "kind must be one of awareness, trial, feedback, repeat-sales, reactivation, other; not \"{kind_text}\""
            ),
        )
    })?;
    let goal = required_string(&mut object, "goal", path)?;
    let goal = touchpoint_id(goal, || format!("{path}.goal"))?;
    let kpi = optional_string(object.remove("kpi"), || format!("{path}.kpi"))?;
    let baseline = optional_number(&mut object, "baseline", path)?;
    let target = optional_number(&mut object, "target", path)?;
    let value = optional_number(&mut object, "value", path)?;
    Ok(Objective {
        id,
        name,
        kind,
        goal,
        kpi,
        baseline,
        target,
        value,
        extra: object,
    })
}

fn decode_campaign(value: Value, path: &str) -> Result<Campaign, FormatError> {
    let mut object = object(value, path, "a campaign")?;
    let id = required_string(&mut object, "id", path)?;
    let name = required_string(&mut object, "name", path)?;
    let objective = required_string(&mut object, "objective", path)?;
    let Some(channel_values) = present(object.remove("channels")) else {
        return Err(FormatError::invalid(
            path,
            "this campaign has no \"channels\" (the touch points where it brings customers in)",
        ));
    };
    let mut channels = Vec::new();
    for (index, item) in array(channel_values, || format!("{path}.channels"))?
        .into_iter()
        .enumerate()
    {
        let item_path = || format!("{path}.channels[{index}]");
        channels.push(touchpoint_id(string(item, item_path)?, item_path)?);
    }
    let split = match present(object.remove("split")) {
        None => None,
        Some(value) => {
            let mut split = Vec::new();
            for (index, item) in array(value, || format!("{path}.split"))?.iter().enumerate() {
                split.push(read_number(item, || format!("{path}.split[{index}]"))?);
            }
            Some(split)
        }
    };
    let reach = optional_number(&mut object, "reach", path)?.unwrap_or(0.0);
    let budget = optional_number(&mut object, "budget", path)?.unwrap_or(0.0);
    let response_hours = optional_number(&mut object, "response_hours", path)?;
    let owner = optional_string(object.remove("owner"), || format!("{path}.owner"))?;
    let starts = optional_string(object.remove("starts"), || format!("{path}.starts"))?;
    let ends = optional_string(object.remove("ends"), || format!("{path}.ends"))?;
    let segment = optional_string(object.remove("segment"), || format!("{path}.segment"))?;
    Ok(Campaign {
        id,
        name,
        objective,
        segment,
        channels,
        split,
        reach,
        budget,
        response_hours,
        owner,
        starts,
        ends,
        extra: object,
    })
}

/// The plan's top-level entries, in file order: "objectives" and "campaigns" when there are any.
pub(super) fn encode_plan(plan: &Plan) -> Vec<(&'static str, Value)> {
    let mut entries = Vec::new();
    if !plan.objectives.is_empty() {
        let objectives = plan.objectives.iter().map(encode_objective).collect();
        entries.push(("objectives", Value::Array(objectives)));
    }
    if !plan.campaigns.is_empty() {
        let campaigns = plan.campaigns.iter().map(encode_campaign).collect();
        entries.push(("campaigns", Value::Array(campaigns)));
    }
    entries
}

/// An objective as the file writes it, for comparisons.
#[must_use]
pub fn objective_value(objective: &Objective) -> Value {
    encode_objective(objective)
}

/// A campaign as the file writes it, for comparisons.
#[must_use]
pub fn campaign_value(campaign: &Campaign) -> Value {
    encode_campaign(campaign)
}

fn encode_objective(objective: &Objective) -> Value {
    // Destructured whole, so that a new field is a compile error here until it is written.
    let Objective {
        id,
        name,
        kind,
        goal,
        kpi,
        baseline,
        target,
        value,
        extra,
    } = objective;
    let mut object = Object::new();
    object.insert("id".into(), Value::from(id.as_str()));
    object.insert("name".into(), Value::from(name.as_str()));
    object.insert("kind".into(), Value::from(kind.as_str()));
    object.insert("goal".into(), Value::from(goal.as_str()));
    insert_text(&mut object, "kpi", kpi.as_ref());
    insert_number(&mut object, "baseline", *baseline);
    insert_number(&mut object, "target", *target);
    insert_number(&mut object, "value", *value);
    append_extra(&mut object, extra);
    Value::Object(object)
}

fn encode_campaign(campaign: &Campaign) -> Value {
    let Campaign {
        id,
        name,
        objective,
        segment,
        channels,
        split,
        reach,
        budget,
        response_hours,
        owner,
        starts,
        ends,
        extra,
    } = campaign;
    let mut object = Object::new();
    object.insert("id".into(), Value::from(id.as_str()));
    object.insert("name".into(), Value::from(name.as_str()));
    object.insert("objective".into(), Value::from(objective.as_str()));
    insert_text(&mut object, "segment", segment.as_ref());
    object.insert(
        "channels".into(),
        Value::Array(channels.iter().map(|c| Value::from(c.as_str())).collect()),
    );
    if let Some(split) = split {
        object.insert(
            "split".into(),
            Value::Array(split.iter().map(|&share| json_number(share)).collect()),
        );
    }
    object.insert("reach".into(), json_number(*reach));
    object.insert("budget".into(), json_number(*budget));
    insert_number(&mut object, "response_hours", *response_hours);
    insert_text(&mut object, "owner", owner.as_ref());
    insert_text(&mut object, "starts", starts.as_ref());
    insert_text(&mut object, "ends", ends.as_ref());
    append_extra(&mut object, extra);
    Value::Object(object)
}

-- touchmap: path data from the GA4 export in BigQuery, in channelattribution's aggregated layout
-- (path; total_conversions; total_conversion_value; total_null) that `touchmap paths` reads.
-- The events stay in the warehouse; only one row per distinct path comes out.
--
-- A journey is a user_pseudo_id's sessions in time order, cut after every session with a
-- `purchase` event (a customer who buys twice has two paths). A step is the session's source /
-- medium: the event parameters "source" and "medium" of its first event that has them,
-- "(direct) / (none)" when none does. A conversion's value is the session's purchase_revenue.
--
-- Replace `my-project.analytics_123456789` with your export's dataset and set the dates; save the
-- result as CSV with ";" as the separator (or keep BigQuery's commas: touchmap reads both).
DECLARE start_date STRING DEFAULT '20261101';
DECLARE end_date STRING DEFAULT '20261130';

WITH events AS (
    SELECT
        user_pseudo_id,
        event_timestamp,
        event_name,
        (SELECT value.int_value FROM UNNEST(event_params) WHERE key = 'ga_session_id') AS session_id,
        (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'source') AS source,
        (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'medium') AS medium,
        ecommerce.purchase_revenue AS revenue
    FROM `my-project.analytics_123456789.events_*`
    WHERE _TABLE_SUFFIX BETWEEN start_date AND end_date
),
sessions AS (
    SELECT
        user_pseudo_id,
        session_id,
        MIN(event_timestamp) AS started,
        IFNULL(
            ARRAY_AGG(
                IF(source IS NULL, NULL, CONCAT(source, ' / ', IFNULL(medium, '(none)')))
                IGNORE NULLS ORDER BY event_timestamp LIMIT 1
            )[SAFE_OFFSET(0)],
            '(direct) / (none)'
        ) AS step,
        COUNTIF(event_name = 'purchase') > 0 AS purchased,
        SUM(IF(event_name = 'purchase', IFNULL(revenue, 0), 0)) AS revenue
    FROM events
    WHERE session_id IS NOT NULL
    GROUP BY user_pseudo_id, session_id
),
cut AS (
    SELECT
        *,
        -- Which of the user's journeys the session belongs to: purchase sessions before it.
        IFNULL(COUNTIF(purchased) OVER (
            PARTITION BY user_pseudo_id ORDER BY started
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ), 0) AS journey
    FROM sessions
),
journeys AS (
    SELECT
        -- ">" joins the steps: take it out of source names.
        STRING_AGG(REPLACE(step, '>', ' '), ' > ' ORDER BY started) AS path,
        LOGICAL_OR(purchased) AS converted,
        SUM(revenue) AS value
    FROM cut
    GROUP BY user_pseudo_id, journey
)
SELECT
    path,
    COUNTIF(converted) AS total_conversions,
    SUM(IF(converted, value, 0)) AS total_conversion_value,
    COUNTIF(NOT converted) AS total_null
FROM journeys
GROUP BY path
ORDER BY total_conversions DESC, total_null DESC, path;

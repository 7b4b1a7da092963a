-- touchmap: path data from one row per event, at warehouse scale, with DuckDB.
-- Writes channelattribution's aggregated layout (path; total_conversions;
-- total_conversion_value; total_null) that `touchmap paths` reads, with the same rules as
-- touchmap's own event reader: each journey in time order, cut after every conversion (a customer
-- who converts twice has two paths; the converting event's step is the path's last), events after
-- the last conversion a path without one, a conversion's value taken from its event.
--
-- The events are whatever the view `events_input` names, with touchmap's default columns
-- journey, timestamp, touchpoint, conversion (1/true/yes) and value — rename in the view:
--   duckdb -c "CREATE VIEW events_input AS SELECT * FROM 'events.parquet'" \
--          -c ".read scripts/paths-duckdb.sql" > paths.csv      (or FROM 'events.csv')
--   touchmap paths paths.csv
-- A step name must not hold ">" (it joins the steps of a path).
COPY (
    WITH ordered AS (
        SELECT
            CAST(journey AS VARCHAR) AS journey,
            "timestamp" AS t,
            NULLIF(trim(CAST(touchpoint AS VARCHAR)), '') AS step,
            coalesce(lower(trim(CAST(conversion AS VARCHAR))) IN ('1', 'true', 'yes'), false) AS converted,
            coalesce(TRY_CAST(value AS DOUBLE), 0) AS value
        FROM events_input
    ),
    cut AS (
        SELECT
            *,
            -- Which of the journey's paths the event belongs to: its conversions before it.
            coalesce(sum(CAST(converted AS INTEGER)) OVER (
                PARTITION BY journey ORDER BY t
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
            ), 0) AS part
        FROM ordered
    ),
    journeys AS (
        SELECT
            string_agg(step, ' > ' ORDER BY t) AS path,
            bool_or(converted) AS converted,
            sum(CASE WHEN converted THEN value ELSE 0 END) AS value
        FROM cut
        GROUP BY journey, part
    )
    SELECT
        path,
        sum(CASE WHEN converted THEN 1 ELSE 0 END) AS total_conversions,
        sum(value) AS total_conversion_value,
        sum(CASE WHEN converted THEN 0 ELSE 1 END) AS total_null
    FROM journeys
    WHERE path IS NOT NULL
    GROUP BY path
    ORDER BY path
) TO '/dev/stdout' (FORMAT csv, DELIMITER ';', HEADER true);

-- retort:revision 3c4d5e6f7a80
-- retort:revises 1a2b3c4d5e60
-- retort:branch-labels reporting
-- retort:message reporting: daily totals
-- retort:created 2026-01-15T10:00:00Z

-- A separate branch, labelled "reporting", so the reporting team can move on its own:
--   ./retort -c examples/quickstart/retort.toml upgrade reporting@head

-- retort:upgrade
CREATE TABLE daily_totals (
    sales_day   DATE PRIMARY KEY,
    orders      INTEGER NOT NULL,
    total_cents INTEGER NOT NULL
);

-- retort:downgrade
DROP TABLE daily_totals;

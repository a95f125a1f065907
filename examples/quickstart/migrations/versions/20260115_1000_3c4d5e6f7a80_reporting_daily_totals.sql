-- retort:revision 3c4d5e6f7a80
-- retort:revises 1a2b3c4d5e60
-- retort:branch-labels reporting
-- retort:message reporting: daily totals
-- retort:created 2026-01-15T10:00:00Z

-- A separate branch from the base, labelled "reporting": the reporting team can apply it without the main
-- line's revisions (create orders, add loyalty tier) with
--   ./retort -c examples/quickstart/retort.toml upgrade 3c4d5e6f7a80
-- Not "upgrade reporting@head": the merge 5e6f7a8b9ca0 revises this revision, so the label covers the merge
-- too (docs/revision-identifiers.md, "Branch labels: what a branch covers"), and reporting@head is the
-- merge, which brings the main line with it.

-- retort:upgrade
CREATE TABLE daily_totals (
    sales_day   DATE PRIMARY KEY,
    orders      INTEGER NOT NULL,
    total_cents INTEGER NOT NULL
);

-- retort:downgrade
DROP TABLE daily_totals;

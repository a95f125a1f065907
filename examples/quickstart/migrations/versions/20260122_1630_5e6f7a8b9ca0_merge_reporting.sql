-- retort:revision 5e6f7a8b9ca0
-- retort:revises 4d5e6f7a8b90, 3c4d5e6f7a80
-- retort:message merge reporting into main
-- retort:created 2026-01-22T16:30:00Z

-- retort:upgrade
INSERT INTO daily_totals (sales_day, orders, total_cents)
SELECT '2026-01-22', COUNT(*), COALESCE(SUM(total_cents), 0) FROM orders;

-- retort:downgrade
DELETE FROM daily_totals WHERE sales_day = '2026-01-22';

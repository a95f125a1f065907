-- retort:revision 2b3c4d5e6f70
-- retort:revises 1a2b3c4d5e60
-- retort:message create orders
-- retort:created 2026-01-12T14:00:00Z

-- retort:upgrade
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    status      VARCHAR(20) NOT NULL DEFAULT 'new',
    total_cents INTEGER NOT NULL
);
CREATE INDEX ix_orders_customer ON orders (customer_id);

-- retort:downgrade
-- (the index goes with the table, on every engine)
DROP TABLE orders;

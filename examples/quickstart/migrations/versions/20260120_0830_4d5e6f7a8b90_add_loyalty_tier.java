import dev.retort.migration.*;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** A data migration: a new column, filled from each customer's order count. */
@Revision(id = "4d5e6f7a8b90", revises = "2b3c4d5e6f70", message = "add loyalty tier",
          created = "2026-01-20T08:30:00Z")
class AddLoyaltyTier extends Migration {
    @Override public void upgrade(Operations op) {
        op.addColumn("customer", column("tier", string(10)).notNull().serverDefault("'bronze'"));
        op.bulkInsert("customer", java.util.List.of(
            row("id", 1, "email", "ada@example.com", "name", "Ada O'Hara"),
            row("id", 2, "email", "bo@example.com", "name", "Bo")));
        op.execute("INSERT INTO orders (id, customer_id, total_cents) VALUES (?, ?, ?)", 1, 1, 2500);
        op.execute("INSERT INTO orders (id, customer_id, total_cents) VALUES (?, ?, ?)", 2, 1, 4000);
        op.execute("UPDATE customer SET tier = ? WHERE id IN"
                + " (SELECT customer_id FROM orders GROUP BY customer_id HAVING COUNT(*) >= ?)", "silver", 2);
    }

    @Override public void downgrade(Operations op) {
        op.execute("DELETE FROM orders WHERE id IN (1, 2)");
        op.execute("DELETE FROM customer WHERE id IN (1, 2)");
        op.dropColumn("customer", "tier");
    }
}

import dev.retort.migration.*;

@Revision(id = "1a2b3c4d5e60", message = "create customer", created = "2026-01-05T09:00:00Z")
class CreateCustomer extends Migration {
    @Override public void upgrade(Operations op) {
        op.createTable("customer",
            column("id", INTEGER).primaryKey(),
            column("email", string(200)).notNull().unique(),
            column("name", string(100)).notNull(),
            column("created_at", TIMESTAMP).notNull().serverDefault("CURRENT_TIMESTAMP"));
    }

    @Override public void downgrade(Operations op) {
        op.dropTable("customer");
    }
}

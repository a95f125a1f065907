package dev.retort.autogenerate;

import dev.retort.ops.Operation;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated revisions that touch several tables run in both directions: each operation names a
 * table as it is called at that point of the script, and tables referencing each other are dropped
 * and recreated around their foreign keys.
 */
class TableOrderIT {

    /** A proposed rename whose primary key name changes (PostgreSQL names it after the table). */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void renamedTableWithItsConstraintsAndAReferencingKey(Engine engine) throws Exception {
        String v1 = """
                CREATE TABLE customer (id int PRIMARY KEY, name varchar(50) NOT NULL);
                CREATE TABLE orders (id int PRIMARY KEY, customer_id int,
                    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id));
                CREATE INDEX ix_customer_name ON customer (name);
                """;
        String v2 = """
                CREATE TABLE client (id int PRIMARY KEY, name varchar(50) NOT NULL);
                CREATE TABLE orders (id int PRIMARY KEY, customer_id int,
                    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES client (id));
                CREATE INDEX ix_client_name ON client (name);
                """;
        try (TestDatabase db = TestDatabase.create(engine)) {
            Schemas.execute(db, v1);
            SchemaModel model = Schemas.model(engine, v2);
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            List<String> up = diff.upgrade().stream().map(Operation::describe).toList();
            if (engine == Engine.POSTGRESQL) {
                // customer_pkey becomes client_pkey: dropped on the old name, created on the new one, and the key
                // pointing at it dropped before and added after
                assertThat(up).containsExactly("drop foreign key fk_orders_customer on orders",
                        "drop primary key customer_pkey on customer", "drop index ix_customer_name",
                        "rename table customer to client", "create primary key client_pkey on client",
                        "create index ix_client_name on client", "create foreign key fk_orders_customer on orders");
            } else {
                assertThat(up).as("the referencing key follows the rename by itself").noneMatch(d -> d.contains("fk_orders_customer"));
            }
            MutationRoundTrip.check(db, model);
        }
    }

    /**
     * A new table whose foreign key points at what this revision changes on an existing table: a renamed
     * table's recreated primary key (PostgreSQL's customer_pkey becomes client_pkey), a renamed column, a new
     * column with a new unique constraint. The table is created once the key exists, and in the downgrade
     * dropped before the key goes (t25-3: "no unique constraint matching given keys for referenced table").
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aNewTableReferencingWhatTheRevisionChanges(Engine engine) throws Exception {
        String v1 = """
                CREATE TABLE review (id int PRIMARY KEY, body varchar(100));
                CREATE TABLE author (id int PRIMARY KEY, old_id int NOT NULL, CONSTRAINT uq_author_old UNIQUE (old_id));
                """;
        String v2 = """
                CREATE TABLE critique (id int PRIMARY KEY, body varchar(100));
                CREATE TABLE author (id int PRIMARY KEY, new_id int NOT NULL, code varchar(10),
                    CONSTRAINT uq_author_old UNIQUE (new_id), CONSTRAINT uq_author_code UNIQUE (code));
                CREATE TABLE reply (id int PRIMARY KEY, critique_id int, author_new int, author_code varchar(10),
                    CONSTRAINT fk_reply_critique FOREIGN KEY (critique_id) REFERENCES critique (id),
                    CONSTRAINT fk_reply_author FOREIGN KEY (author_new) REFERENCES author (new_id),
                    CONSTRAINT fk_reply_code FOREIGN KEY (author_code) REFERENCES author (code));
                """;
        try (TestDatabase db = TestDatabase.create(engine)) {
            Schemas.execute(db, v1);
            SchemaModel model = Schemas.model(engine, v2);
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            List<String> up = diff.upgrade().stream().map(Operation::describe).toList();
            assertThat(up).as("the new table after the keys it references").endsWith("create table reply");
            MutationRoundTrip.check(db, model);
        }
    }

    /** Dropping tables in a foreign-key cycle (a -> b -> a) and one referencing them. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void droppedTablesInAForeignKeyCycle(Engine engine) throws Exception {
        String v1 = """
                CREATE TABLE a (id int PRIMARY KEY, b_id int);
                CREATE TABLE b (id int PRIMARY KEY, a_id int, CONSTRAINT fk_b_a FOREIGN KEY (a_id) REFERENCES a (id));
                ALTER TABLE a ADD CONSTRAINT fk_a_b FOREIGN KEY (b_id) REFERENCES b (id);
                CREATE TABLE c (id int PRIMARY KEY, a_id int, CONSTRAINT fk_c_a FOREIGN KEY (a_id) REFERENCES a (id) ON DELETE CASCADE);
                """;
        String v2 = "CREATE TABLE keep (id int PRIMARY KEY);";
        try (TestDatabase db = TestDatabase.create(engine)) {
            Schemas.execute(db, v1);
            MutationRoundTrip.check(db, Schemas.model(engine, v2));
        }
    }

    /**
     * The first table left has no foreign key of its own (a; b -> a, b -> c; c -> b): cutting its keys
     * changed nothing, and autogenerate and check went round forever.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCycleWhoseFirstTableHasNoForeignKeys(Engine engine) throws Exception {
        String v1 = """
                CREATE TABLE a (id int PRIMARY KEY);
                CREATE TABLE b (id int PRIMARY KEY, a_id int, c_id int, CONSTRAINT fk_b_a FOREIGN KEY (a_id) REFERENCES a (id));
                CREATE TABLE c (id int PRIMARY KEY, b_id int, CONSTRAINT fk_c_b FOREIGN KEY (b_id) REFERENCES b (id));
                """ + (engine == Engine.SQLITE ? "" : "ALTER TABLE b ADD CONSTRAINT fk_b_c FOREIGN KEY (c_id) REFERENCES c (id);\n");
        try (TestDatabase db = TestDatabase.create(engine)) {
            Schemas.execute(db, engine == Engine.SQLITE
                    ? v1.replace("c_id int, CONSTRAINT fk_b_a", "c_id int CONSTRAINT fk_b_c REFERENCES c (id), CONSTRAINT fk_b_a") : v1);
            MutationRoundTrip.check(db, Schemas.model(engine, "CREATE TABLE keep (id int PRIMARY KEY);"));
        }
    }

    /** SQLite's usual unnamed foreign keys in a cycle: autogenerate crashed ("drop constraint on b: a name is needed"). */
    @org.junit.jupiter.api.Test
    void anUnnamedForeignKeyCycleOnSqlite() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Schemas.execute(db, """
                    CREATE TABLE b (id INTEGER PRIMARY KEY, c_id INTEGER REFERENCES c(id));
                    CREATE TABLE c (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b(id));
                    """);
            MutationRoundTrip.check(db, Schemas.model(Engine.SQLITE, "CREATE TABLE keep (id int PRIMARY KEY);"));
        }
    }
}

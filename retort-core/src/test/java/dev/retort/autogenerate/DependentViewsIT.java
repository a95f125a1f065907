package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.testing.Engine;
import dev.retort.testing.Stderr;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t66-4: PostgreSQL refuses to change the type of, or drop, a column or table a view reads; views are not in the model,
 * so the revision failed at upgrade with no word before. The views in the way (materialized ones, views reading those,
 * views of other schemas) are named in a warning at check and autogenerate, and in a TODO at the operation.
 */
class DependentViewsIT {
    @TempDir
    Path dir;

    @Test
    void viewsInTheWayOfATypeChangeOrDropAreNamed() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, """
                    CREATE TABLE customer (id int PRIMARY KEY, first_name text NOT NULL, score int, note text);
                    CREATE VIEW customer_list AS SELECT id, first_name FROM customer;
                    CREATE VIEW customer_names AS SELECT first_name FROM customer_list;
                    CREATE MATERIALIZED VIEW scores AS SELECT id, score FROM customer;
                    CREATE VIEW ids AS SELECT id FROM customer;
                    CREATE SCHEMA rep;
                    CREATE VIEW rep.cust AS SELECT first_name FROM customer;
                    CREATE TABLE old_t (id int);
                    CREATE VIEW old_v AS SELECT id FROM old_t;
                    """);
            Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(dir.resolve("schema.sql"),
                    "CREATE TABLE customer (id int PRIMARY KEY, first_name varchar(60) NOT NULL, score bigint);");
            RetortConfig config = AutogeneratorIT.config(dir, db.url());

            List<String> lines = new java.util.ArrayList<>();
            String log = Stderr.of(() -> lines.addAll(DriftCheck.lines(config)));
            assertThat(log).contains("Views customer_list, customer_names, rep.cust read column customer.first_name, whose type"
                            + " the revision changes: PostgreSQL refuses that while they exist",
                    "Materialized view scores reads column customer.score, whose type the revision changes",
                    "View old_v reads table old_t, which the revision drops")
                    .doesNotContain("view ids").doesNotContain("customer.note,");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("alter column customer.first_name")
                    .contains("TODO: views customer_list, customer_names, rep.cust read this column"));

            String text = GeneratedRevisions.generate(config, "views", "cccccccccc01");
            String todo = "// TODO: views customer_list, customer_names, rep.cust read this column, and PostgreSQL refuses its type"
                    + " change while they exist";
            assertThat(text).contains(todo, "// TODO: view old_v reads this table");
            assertThat(text.indexOf(todo)).isLessThan(text.indexOf("op.alterColumn(\"customer\", \"first_name\""));
        }
    }
}

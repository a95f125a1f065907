package dev.retort.dialect.sqlite;

import dev.retort.dialect.sqlite.SqliteTableCopy.ForeignKeyMode;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static dev.retort.dialect.sqlite.SqliteTableCopyIT.checksum;
import static dev.retort.dialect.sqlite.SqliteTableCopyIT.count;
import static dev.retort.dialect.sqlite.SqliteTableCopyIT.run;
import static dev.retort.dialect.sqlite.SqliteTableCopyIT.series;
import static org.assertj.core.api.Assertions.assertThat;

/** Move-and-copy on tables of the real public schemas, with rows put in them. */
class SqliteSharedSchemaCopyIT {
    private final SqliteDialect dialect = new SqliteDialect();
    private final SqliteReflector reflector = new SqliteReflector(dialect);

    private static String objects(Connection c, String table) throws Exception {
        return objects(c, table, "'index', 'trigger'");
    }

    private static String objects(Connection c, String table, String types) throws Exception {
        return checksum(c, "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = '" + table
                + "' AND type IN (" + types + ") AND sql IS NOT NULL ORDER BY name");
    }

    /**
     * Every table of every shared schema goes through a copy (adding one CHECK); reflected before and after,
     * it must be the same table plus that CHECK, with the same index and trigger SQL stored.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"chinook", "northwind", "sakila", "synapse"})
    void everyTableOfTheSharedSchemasSurvivesACopyUnchanged(String file) throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            SqliteSchemas.load(c, file);
            s.execute("PRAGMA foreign_keys = OFF");
            java.util.Map<String, SqliteTableInfo> before = reflector.reflectTables(c, null);
            String objectsBefore = checksum(c, "SELECT type, name, tbl_name, sql FROM sqlite_master"
                    + " WHERE type IN ('index', 'trigger', 'view') ORDER BY name");
            c.setAutoCommit(false);
            for (SqliteTableInfo info : before.values()) {
                SqliteTableCopy copy = new SqliteTableCopy(dialect, info);
                copy.addCheck(new CheckConstraint("ck_retort_probe", "1 = 1"));
                run(c, copy.statements(ForeignKeyMode.NONE, false));
            }
            c.commit();
            c.setAutoCommit(true);
            java.util.Map<String, SqliteTableInfo> after = reflector.reflectTables(c, null);
            assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
            for (var e : before.entrySet()) {
                Table t = e.getValue().table();
                java.util.List<CheckConstraint> checks = new java.util.ArrayList<>(t.checkConstraints());
                checks.add(new CheckConstraint("ck_retort_probe", "1 = 1"));
                Table expected = new Table(t.schema(), t.name(), t.columns(), t.primaryKey(), t.foreignKeys(),
                        t.uniqueConstraints(), checks, t.indexes(), t.comment());
                assertThat(after.get(e.getKey()).table()).as(file + "." + e.getKey()).isEqualTo(expected);
                assertThat(after.get(e.getKey()).declaredTypes()).isEqualTo(e.getValue().declaredTypes());
                assertThat(after.get(e.getKey()).options()).isEqualTo(e.getValue().options());
            }
            assertThat(checksum(c, "SELECT type, name, tbl_name, sql FROM sqlite_master"
                    + " WHERE type IN ('index', 'trigger', 'view') ORDER BY name")).isEqualTo(objectsBefore);
        }
    }

    @Test
    void sakilaFilmWithTriggersAndReferencingTables() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            SqliteSchemas.load(c, "sakila");
            s.execute("INSERT INTO language (language_id, name, last_update) VALUES (1, 'English', '2020-01-01')");
            s.execute(series(2000) + "INSERT INTO film (film_id, title, description, release_year, language_id,"
                    + " length, rating, special_features, last_update) SELECT value, 'Film ' || value, 'about ' || value,"
                    + " '2006', 1, value % 180 + 1, 'PG', 'Trailers', '2020-01-01' FROM series");
            s.execute(series(2000) + "INSERT INTO film_actor (actor_id, film_id, last_update) SELECT 1, value, '2020' FROM series");
            String query = "SELECT film_id, title, description, release_year, language_id, rental_duration,"
                    + " rental_rate, length, replacement_cost, rating, special_features, last_update FROM film ORDER BY film_id";
            String before = checksum(c, query);
            String triggersBefore = objects(c, "film", "'trigger'");

            SqliteTableCopy copy = new SqliteTableCopy(dialect, reflector.reflectTables(c, null).get("film"));
            copy.alterType("length", SqlType.of(SqlType.Kind.INTEGER));
            copy.alterNullable("release_year", false);
            copy.addCheck(new CheckConstraint("ck_film_length", "length > 0"));
            copy.dropColumn("original_language_id");
            c.setAutoCommit(false);
            run(c, copy.statements(ForeignKeyMode.NONE, false));
            c.commit();
            c.setAutoCommit(true);
            assertThat(checksum(c, query)).isEqualTo(before);
            assertThat(objects(c, "film", "'trigger'")).isEqualTo(triggersBefore); // both triggers, same text
            assertThat(reflector.reflect(c, null).table("film").orElseThrow().indexes()).extracting(ix -> ix.name())
                    .containsExactly("idx_fk_language_id"); // the other index went with original_language_id
            assertThat(count(c, "SELECT count(*) FROM film_actor")).isEqualTo(2000);
            Table film = reflector.reflect(c, null).table("film").orElseThrow();
            assertThat(film.checkConstraints()).extracting(CheckConstraint::name)
                    .containsExactly("CHECK_special_features", "CHECK_special_rating", "ck_film_length");
            assertThat(film.foreignKeys()).extracting(f -> f.name()).containsExactly("fk_film_language");
            assertThat(film.column("release_year").orElseThrow().nullable()).isFalse();
            assertThat(film.column("original_language_id")).isEmpty();
            assertThat(film.primaryKey().columns()).containsExactly("film_id");
        }
    }

    @Test
    void sakilaPaymentKeepsItsIndexesAndTriggers() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            SqliteSchemas.load(c, "sakila");
            s.execute("INSERT INTO customer (customer_id, store_id, first_name, last_name, address_id, create_date,"
                    + " last_update) VALUES (1, 1, 'A', 'B', 1, '2020', '2020')");
            s.execute("INSERT INTO staff (staff_id, first_name, last_name, address_id, store_id, username, last_update)"
                    + " VALUES (1, 'S', 'T', 1, 1, 'st', '2020')");
            s.execute(series(5000) + "INSERT INTO payment (payment_id, customer_id, staff_id, amount, payment_date,"
                    + " last_update) SELECT value, 1, 1, (value % 1000) / 100.0, '2020-01-01', '2020-01-01' FROM series");
            String query = "SELECT * FROM payment ORDER BY payment_id";
            String before = checksum(c, query);
            String objectsBefore = objects(c, "payment");
            assertThat(count(c, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'payment' AND type = 'index'"))
                    .isGreaterThan(0);

            SqliteTableCopy copy = new SqliteTableCopy(dialect, reflector.reflectTables(c, null).get("payment"));
            copy.alterType("amount", SqlType.numeric(7, 2));
            copy.alterDefault("rental_id", "0");
            copy.dropConstraint("fk_payment_staff", dev.retort.ops.ConstraintType.FOREIGN_KEY);
            c.setAutoCommit(false);
            run(c, copy.statements(ForeignKeyMode.NONE, false));
            c.commit();
            c.setAutoCommit(true);

            assertThat(checksum(c, query)).isEqualTo(before);
            assertThat(objects(c, "payment")).isEqualTo(objectsBefore);
            Table payment = reflector.reflect(c, null).table("payment").orElseThrow();
            assertThat(payment.column("amount").orElseThrow().type()).isEqualTo(SqlType.numeric(7, 2));
            assertThat(payment.column("rental_id").orElseThrow().serverDefault()).isEqualTo("0");
            assertThat(payment.foreignKeys()).extracting(f -> f.name())
                    .containsExactlyInAnyOrder("fk_payment_rental", "fk_payment_customer");
        }
    }

    /** A second key on payment.staff_id is added by a copy, then dropped by its name: the first one stays. */
    @Test
    void sakilaPaymentSecondForeignKeyOnTheSameColumnIsDroppedByItsOwnName() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            SqliteSchemas.load(c, "sakila");
            SqliteTableCopy add = new SqliteTableCopy(dialect, reflector.reflectTables(c, null).get("payment"));
            add.addForeignKey(new dev.retort.schema.ForeignKey("fk_payment_staff2", java.util.List.of("staff_id"), null,
                    "staff", java.util.List.of("staff_id"), null, null));
            run(c, add.statements(ForeignKeyMode.NONE, false));
            assertThat(reflector.reflect(c, null).table("payment").orElseThrow().foreignKeys()).extracting(f -> f.name())
                    .containsExactly("fk_payment_rental", "fk_payment_customer", "fk_payment_staff", "fk_payment_staff2");

            SqliteTableCopy drop = new SqliteTableCopy(dialect, reflector.reflectTables(c, null).get("payment"));
            drop.dropConstraint("fk_payment_staff2", null);
            run(c, drop.statements(ForeignKeyMode.NONE, false));
            assertThat(reflector.reflect(c, null).table("payment").orElseThrow().foreignKeys()).extracting(f -> f.name())
                    .containsExactly("fk_payment_rental", "fk_payment_customer", "fk_payment_staff");
        }
    }

    @Test
    void northwindOrderDetailsWithSpacesInItsName() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            SqliteSchemas.load(c, "northwind");
            s.execute(series(300) + "INSERT INTO Orders (OrderID) SELECT value FROM series");
            s.execute(series(20) + "INSERT INTO Products (ProductID, ProductName) SELECT value, 'P' || value FROM series");
            assertThat(count(c, "PRAGMA foreign_keys")).isEqualTo(1); // the file ends by switching them on
            s.execute(series(2990) + "INSERT INTO [Order Details] SELECT value / 10 + 1, value % 10 + 1, value * 0.5,"
                    + " value % 7 + 1, 0.1 FROM series");
            String query = "SELECT OrderID, ProductID, UnitPrice, Quantity FROM [Order Details] ORDER BY 1, 2";
            String before = checksum(c, query);

            // Discount is used by views (Invoices, ...): dropping it is refused, as SQLite's own DROP COLUMN does
            SqliteTableCopy refused = new SqliteTableCopy(dialect, reflector.reflectTables(c, null).get("Order Details"));
            refused.dropColumn("Discount");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.statements(ForeignKeyMode.DEFER, false))
                    .hasMessageContaining("view Invoices uses a column this revision drops");
            java.util.List<String> views = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'view'"
                    + " AND sql LIKE '%Order Details%'")) {
                while (rs.next()) views.add(rs.getString(1));
            }
            for (String v : views) s.execute("DROP VIEW [" + v + "]");

            SqliteTableCopy copy = new SqliteTableCopy(dialect, reflector.reflectTables(c, null).get("Order Details"));
            copy.dropColumn("Discount");
            copy.addColumn(new Column("Note", SqlType.string(40), true, "'none'", false, null), null);
            c.setAutoCommit(false);
            run(c, copy.statements(ForeignKeyMode.DEFER, false)); // enforced, in a transaction, not referenced
            c.commit();
            c.setAutoCommit(true);

            assertThat(checksum(c, query)).isEqualTo(before);
            assertThat(count(c, "SELECT count(*) FROM [Order Details] WHERE Note = 'none'")).isEqualTo(2990);
            Table details = reflector.reflect(c, null).table("Order Details").orElseThrow();
            assertThat(details.primaryKey().columns()).containsExactly("OrderID", "ProductID");
            assertThat(details.checkConstraints()).extracting(CheckConstraint::expression)
                    .containsExactly("[Quantity]>(0)", "[UnitPrice]>=(0)");
            assertThat(details.foreignKeys()).hasSize(2);
        }
    }
}

package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t57-9: PostgreSQL has no cast between two enum types, between an enum and an integer, nor between boolean and
 * smallint/bigint/numeric: the USING of such a type change goes another way, and runs both ways with rows in the table.
 */
class PostgresEnumTypeChangeIT {
    @Test
    void anEnumRenamedKeepsItsValues() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, """
                    CREATE TYPE mood AS ENUM ('sad', 'ok');
                    CREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT 'ok');
                    INSERT INTO t VALUES (1, 'sad');
                    """);
            SchemaModel model = Schemas.model(Engine.POSTGRESQL, """
                    CREATE TYPE feeling AS ENUM ('sad', 'ok');
                    CREATE TABLE t (id int PRIMARY KEY, m feeling DEFAULT 'ok');
                    """);
            MutationRoundTrip.check(db, model);
            assertThat(value(db, "SELECT m::text FROM t")).isEqualTo("sad");
        }
    }

    /**
     * t75-9: PostgreSQL rebuilds a partial index and a check during the type change with the old type's label
     * ({@code m = 'happy'::mood}) and fails ("operator does not exist: feeling = mood"): they are dropped before the
     * change and created again after it, both ways.
     */
    @Test
    void indexesAndChecksComparingWithALabelAreRecreatedAroundTheChange() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, """
                    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
                    CREATE TABLE entry (id int PRIMARY KEY, m mood DEFAULT 'ok' NOT NULL, CONSTRAINT not_sad CHECK (m <> 'sad'));
                    CREATE INDEX entry_happy ON entry (id) WHERE m = 'happy';
                    CREATE INDEX entry_m ON entry (m);
                    INSERT INTO entry VALUES (1, 'happy');
                    """);
            SchemaModel model = Schemas.model(Engine.POSTGRESQL, """
                    CREATE TYPE feeling AS ENUM ('sad', 'ok', 'happy');
                    CREATE TABLE entry (id int PRIMARY KEY, m feeling DEFAULT 'ok' NOT NULL, CONSTRAINT not_sad CHECK (m <> 'sad'));
                    CREATE INDEX entry_happy ON entry (id) WHERE m = 'happy';
                    CREATE INDEX entry_m ON entry (m);
                    """);
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(MutationRoundTrip.describe(diff.upgrade())).contains("entry_happy").contains("not_sad")
                    .doesNotContain("entry_m");
            MutationRoundTrip.check(db, model);
            assertThat(value(db, "SELECT m::text FROM entry")).isEqualTo("happy");
        }
    }

    @Test
    void anIntegerBecomesAnEnumByItsText() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, """
                    CREATE TYPE status AS ENUM ('1', '2');
                    CREATE TABLE t (id int PRIMARY KEY, k integer);
                    INSERT INTO t VALUES (1, 2);
                    """);
            SchemaModel model = Schemas.model(Engine.POSTGRESQL, """
                    CREATE TYPE status AS ENUM ('1', '2');
                    CREATE TABLE t (id int PRIMARY KEY, k status);
                    """);
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(diff.entries()).singleElement().satisfies(e -> assertThat(e.note())
                    .contains("USING converts each value by its text").contains("a label of status"));
            MutationRoundTrip.check(db, model);
            assertThat(value(db, "SELECT k::text FROM t")).isEqualTo("2");
        }
    }

    @Test
    void smallAndBigIntegersBecomeBooleansAndBack() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, """
                    CREATE TABLE t (id int PRIMARY KEY, flag smallint DEFAULT 0 NOT NULL, b bigint DEFAULT 0, n numeric, i int);
                    INSERT INTO t VALUES (1, 1, 1, 2.5, 1), (2, 0, NULL, 0, 0);
                    """);
            SchemaModel model = Schemas.model(Engine.POSTGRESQL,
                    "CREATE TABLE t (id int PRIMARY KEY, flag boolean DEFAULT false NOT NULL, b boolean DEFAULT false, n boolean, i boolean)");
            MutationRoundTrip.check(db, model);
            assertThat(value(db, "SELECT string_agg(concat_ws(',', flag, b, n, i), ';' ORDER BY id) FROM t")).isEqualTo("1,1,1,1;0,0,0");
        }
    }

    @Test
    void arraysOfEnumsAndOfSmallIntegersChangeElementByElement() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, """
                    CREATE TYPE mood AS ENUM ('sad', 'ok');
                    CREATE TABLE t (id int PRIMARY KEY, moods mood[] DEFAULT '{ok}', flags smallint[] DEFAULT '{0}');
                    INSERT INTO t VALUES (1, '{sad,ok}', '{1,0}');
                    """);
            SchemaModel model = Schemas.model(Engine.POSTGRESQL, """
                    CREATE TYPE feeling AS ENUM ('sad', 'ok');
                    CREATE TABLE t (id int PRIMARY KEY, moods feeling[] DEFAULT '{ok}', flags boolean[] DEFAULT '{f}');
                    """);
            MutationRoundTrip.check(db, model);
            assertThat(value(db, "SELECT moods::text || flags::text FROM t")).isEqualTo("{sad,ok}{1,0}");
        }
    }

    /**
     * f2-4: an integer array made an enum array converts each element by its text, and a numeric array made a boolean
     * array rounds each element through integer: both said nothing; now a note in the revision and a warning say it.
     */
    @Test
    void arraysOfIntegersToEnumsAndOfNumericToBooleansAreWarnedAbout() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, """
                    CREATE TYPE status AS ENUM ('1', '2');
                    CREATE TABLE t (id int PRIMARY KEY, ks integer[], ns numeric[]);
                    INSERT INTO t VALUES (1, '{2,1}', '{0.4,2}');
                    """);
            SchemaModel model = Schemas.model(Engine.POSTGRESQL, """
                    CREATE TYPE status AS ENUM ('1', '2');
                    CREATE TABLE t (id int PRIMARY KEY, ks status[], ns boolean[]);
                    """);
            SchemaComparator.Diff[] diff = new SchemaComparator.Diff[1];
            String log = dev.retort.testing.Stderr.of(() -> diff[0] = SchemaComparator.diff(Schemas.reflect(db), model,
                    Schemas.dialect(db), SchemaFilter.everything()));
            assertThat(diff[0].entries()).hasSize(2);
            assertThat(diff[0].entries().get(0).note()).contains("converts each element by its text", "a label of status");
            assertThat(diff[0].entries().get(1).note()).contains("through integer[], which rounds it", "0.4 becomes false");
            assertThat(log).contains("WARN", "Column 't.ks' changes from", "Column 't.ns' changes from", "rounds it");
            assertThat(RevisionSource.javaBodies(diff[0]).upgrade()).anySatisfy(line -> assertThat(line).contains("a label of status"));
            MutationRoundTrip.check(db, model);
            assertThat(value(db, "SELECT ks::text || ns::text FROM t")).isEqualTo("{2,1}{0,1}");
        }
    }

    private static String value(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

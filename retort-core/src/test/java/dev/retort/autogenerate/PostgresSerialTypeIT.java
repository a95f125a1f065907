package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.graph.Direction;
import dev.retort.ops.Operation;
import dev.retort.runtime.Retort;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static dev.retort.autogenerate.GeneratedRevisions.generate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * t57-3: a serial widened to bigint (serial -> bigserial) takes its sequence along: PostgreSQL leaves a serial's
 * sequence AS integer, where the id would still run out at 2^31-1. Online and offline, and back in the downgrade;
 * and a database whose sequence was left behind is drift that check reports and a revision repairs.
 */
class PostgresSerialTypeIT {
    private static final String ONE = "CREATE TABLE t (id serial PRIMARY KEY, v text);";
    private static final String TWO = "CREATE TABLE t (id bigserial PRIMARY KEY, v text);";

    @TempDir
    Path dir;

    @Test
    void widenedSerialTakesItsSequenceAlong() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); TestDatabase offline = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Schemas.execute(db, ONE);
            Schemas.execute(offline, ONE);
            Files.writeString(dir.resolve("schema.sql"), TWO);
            String text = generate(config, "widen", "aaaaaaaaaaa1");
            assertThat(text).contains("a.type(BIGINT)").doesNotContain("alterIdentity");

            Retort retort = Retort.of(config, ScriptDirectory.load(config));
            retort.upgrade("head");
            assertThat(sequence(db)).isEqualTo("bigint 9223372036854775807");
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT setval('t_id_seq', 2147483647)");
                s.execute("INSERT INTO t (v) VALUES ('past 2^31-1')");
                try (ResultSet rs = s.executeQuery("SELECT max(id) FROM t")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(2147483648L);
                }
                s.execute("DELETE FROM t");
                s.execute("SELECT setval('t_id_seq', 1)");
            }
            retort.downgrade("base");
            assertThat(sequence(db)).isEqualTo("integer 2147483647");

            // offline the same, through a DO block that finds the sequence
            String sql = retort.sql(Direction.UPGRADE, "head", null);
            assertThat(sql).contains("AS BIGINT");
            Clients.feed(Engine.POSTGRESQL, offline, sql);
            assertThat(sequence(offline)).isEqualTo("bigint 9223372036854775807");
            Clients.feed(Engine.POSTGRESQL, offline, retort.sql(Direction.DOWNGRADE, "head:base", null));
            assertThat(sequence(offline)).isEqualTo("integer 2147483647");
        }
    }

    @Test
    void aSequenceLeftBehindIsDrift() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            // what an ALTER COLUMN ... TYPE bigint of the serial left (the revisions of Retort before t57-3 too)
            Schemas.execute(db, ONE + "ALTER TABLE t ALTER COLUMN id TYPE bigint;");
            assertThat(sequence(db)).isEqualTo("integer 2147483647");
            Files.writeString(dir.resolve("schema.sql"), TWO);
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).containsExactly("alter the numbering of column t.id");
            String text = generate(config, "repair", "aaaaaaaaaaa1");
            assertThat(text).contains("op.alterIdentity(\"t\", \"id\", n -> n.sequenceType(BIGINT).existingSequenceType(INTEGER));");
            Retort retort = Retort.of(config, ScriptDirectory.load(config));
            retort.upgrade("head");
            assertThat(sequence(db)).isEqualTo("bigint 9223372036854775807");
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
            retort.downgrade("base");
            assertThat(sequence(db)).isEqualTo("integer 2147483647");
        }
    }

    private static String sequence(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT data_type || ' ' || max_value FROM pg_sequences WHERE sequencename = 't_id_seq'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}

package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.SchemaModel;
import dev.retort.script.SqlSplitter;
import dev.retort.testing.Engine;
import dev.retort.testing.RecordingConnection;
import dev.retort.testing.Stderr;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * f10-3: a PostgreSQL scratch counted the database's tables by schema on every round of StoredChecks' probes, for a
 * warning about tables made outside the scratch that the probes (unqualified CREATE TABLEs) never make. The probes
 * no longer count; their checks read the same, and a sql: file's tables outside the scratch are still named.
 */
class ScratchProbeIT {
    private static final List<SqlSplitter.Statement> PROBE = List.of(
            new SqlSplitter.Statement("CREATE TABLE probe (id INT, CONSTRAINT retort_ck_x_1_1 CHECK (id > 0))", 1));
    private static final List<SqlSplitter.Statement> FILE = List.of(
            new SqlSplitter.Statement("CREATE SCHEMA audit", 1),
            new SqlSplitter.Statement("CREATE TABLE audit.audit_log (id INT)", 2),
            new SqlSplitter.Statement("CREATE TABLE item (id INT)", 3));

    /** A user who may create databases: the scratch is a database of its own. */
    @Test
    void inADatabaseOfItsOwn() throws Exception {
        try (TestDatabase target = TestDatabase.create(Engine.POSTGRESQL); Connection c = target.connect()) {
            assertProbeAndFile(c);
        }
    }

    /** A user who may not create databases, but schemas on its own: the scratch is a schema there; counted on it, seen. */
    @Test
    void inASchemaOnTheTarget() throws Exception {
        try (TestDatabase target = TestDatabase.create(Engine.POSTGRESQL)) {
            String role = target.name() + "_user";
            try (Connection c = DriverManager.getConnection(target.url()); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB");
                s.execute("ALTER DATABASE " + target.name() + " OWNER TO " + role);
            }
            try {
                try (Connection c = DriverManager.getConnection(target.urlAs(role, null))) {
                    List<String> sent = new ArrayList<>();
                    Connection recorded = RecordingConnection.of(c, sent);
                    assertProbeAndFile(recorded);
                    // what the file's load counts, before and after, the probe's did too
                    sent.clear();
                    probe(recorded);
                    assertThat(sent).noneMatch(ScratchProbeIT::countsTablesBySchema);
                    sent.clear();
                    file(recorded);
                    assertThat(sent).filteredOn(ScratchProbeIT::countsTablesBySchema).hasSize(2);
                }
            } finally {
                try (Connection c = DriverManager.getConnection(TestDatabase.PG_ADMIN_URL); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + target.name() + " WITH (FORCE)");
                    s.execute("DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }

    /** SqlFileModelSource's query for the database's tables by schema (not the reflector's own counts). */
    private static boolean countsTablesBySchema(String sql) {
        return sql.contains("count(*)") && sql.contains("GROUP BY n.nspname");
    }

    private static void assertProbeAndFile(Connection c) throws Exception {
        Map<Integer, String> failures = new HashMap<>();
        SchemaModel[] probed = new SchemaModel[1];
        String probeLog = Stderr.of(() -> probed[0] = SqlFileModelSource.ScratchDatabase.reflect(context(c), PROBE,
                "check constraints", failures));
        assertThat(failures).isEmpty();
        assertThat(probed[0].table("probe").orElseThrow().checkConstraints()).extracting(CheckConstraint::name,
                CheckConstraint::expression).containsExactly(org.assertj.core.groups.Tuple.tuple("retort_ck_x_1_1", "id > 0"));
        assertThat(probeLog).doesNotContain("not part of the model");

        SchemaModel[] loaded = new SchemaModel[1];
        String fileLog = Stderr.of(() -> loaded[0] = file(c));
        assertThat(loaded[0].tables()).extracting(t -> t.name()).containsExactly("item");
        assertThat(fileLog).contains("schema.sql: 1 table(s) in schema 'audit' are not part of the model: autogenerate"
                + " compares one schema (public)");
    }

    private static SchemaModel probe(Connection c) throws Exception {
        return SqlFileModelSource.ScratchDatabase.reflect(context(c), PROBE, "check constraints", new HashMap<>());
    }

    private static SchemaModel file(Connection c) throws Exception {
        return SqlFileModelSource.ScratchDatabase.reflect(context(c), FILE, "schema.sql");
    }

    private static ModelContext context(Connection c) {
        return new ModelContext(null, Dialects.forName("postgresql"), c, ScratchProbeIT.class.getClassLoader());
    }
}

package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * pg-srr: a revision's {@code SET session_replication_role = replica} (no triggers, no foreign-key checks) lasted for
 * the rest of the run on PostgreSQL, so a later revision's INSERT of an orphan row went in where the same revision run
 * alone is stopped. Every revision now finds it as the run began, online (one transaction, one per revision, outside
 * one) and in the --sql script piped into psql, also after a revision that switched to a role that may not set it.
 */
class PostgresReplicationRoleIT {
    private static final Dialect DIALECT = Dialects.forName(Engine.POSTGRESQL.dialectName());
    private static final String SEEN = "SELECT current_user || ' ' || current_setting('session_replication_role')";

    /** parent/child, then a revision loading a child before its parent as replica, then an orphan child row. */
    private static TestRevisions orphanAfterReplica(String replica, boolean transactional) {
        return new TestRevisions()
                .add("k1", List.of(), "tables", "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
                        + "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL"
                        + " CONSTRAINT child_parent REFERENCES parent (id));\n"
                        + "CREATE TABLE seen (after_k2 VARCHAR(500))", "DROP TABLE seen;\nDROP TABLE child;\nDROP TABLE parent")
                .add("k2", List.of("k1"), "load", replica + ";\n"
                        + "INSERT INTO child VALUES (1, 10);\nINSERT INTO parent VALUES (10)", "SELECT 1", transactional)
                .add("k3", List.of("k2"), "orphan", "INSERT INTO seen " + SEEN + ";\nINSERT INTO child VALUES (2, 99)",
                        "SELECT 1");
    }

    private static Migrator migrator(Connection c, TestRevisions revs, boolean perMigration) {
        return new Migrator(c, DIALECT, RuntimeSettings.defaults().withTransactionPerMigration(perMigration)
                .withDisplayUrl("test:postgresql"), revs);
    }

    @ParameterizedTest(name = "{0}, transaction per migration: {1}, k2 transactional: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "SET session_replication_role = replica | false | true",
            "SET session_replication_role = replica | true | true",
            "SET session_replication_role = replica | false | false",
            "SET LOCAL session_replication_role = replica | false | true",
            "SELECT set_config('session_replication_role', 'replica', false) | true | true"})
    void aRevisionAfterOneSettingReplicaIsChecked(String replica, boolean perMigration, boolean transactional) throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        TestRevisions revs = orphanAfterReplica(replica, transactional);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, revs, perMigration).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision k3").hasMessageContaining("violates foreign key constraint \"child_parent\"");
            if (perMigration || !transactional) {
                assertThat(MigratorIT.history(c)).as("k1 and k2 stay applied").hasSize(2);
                assertThat(values(c, "SELECT id FROM child")).containsExactly("1");
            } else {
                assertThat(values(c, "SELECT to_regclass('child') IS NULL")).as("all rolled back").containsExactly("t");
            }
            assertThat(values(c, "SELECT current_setting('session_replication_role')")).containsExactly("origin");
        }
    }

    /**
     * A revision that sets replica and switches to a role that may not set it (or the other way round, the role
     * granted SET on it): the next revision runs as that role (SET ROLE lasts for the run) with the run's
     * session_replication_role, which the run, as its own role, put back in between.
     */
    @ParameterizedTest(name = "transaction per migration: {0}, SET ROLE first: {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void theRoleIsPutBackAfterARevisionThatSwitchedToARoleThatMayNotSetIt(boolean perMigration, boolean roleFirst)
            throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        String role = "rt_srr_" + Long.toHexString(System.nanoTime());
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            createRole(c, role, roleFirst);
            try {
                TestRevisions revs = switchingRole(role, roleFirst);
                String before = values(c, "SELECT current_user || ' ' || current_setting('role')").get(0);
                migrator(c, revs, perMigration).run(revs::upgradeAll, false, null);
                assertThat(values(c, "SELECT v FROM seen")).containsExactly(role + " origin");
                assertThat(values(c, "SELECT tableowner FROM pg_tables WHERE tablename = 'made_by_k3'")).containsExactly(role);
                assertThat(MigratorIT.history(c)).hasSize(3);
                assertThat(values(c, "SELECT current_user || ' ' || current_setting('role') || ' '"
                        + " || current_setting('session_replication_role')")).containsExactly(before + " origin");
            } finally {
                dropRole(c, role);
            }
        }
    }

    /**
     * The run's user is no superuser but a member of one, and a revision switches to it to set replica: the value is
     * put back as the revision's role (the run's own may not set it), and the run goes on as that role.
     */
    @Test
    void aRevisionsSuperuserRolePutsItBackWhereTheRunsUserMayNot() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        String admin = "rt_srr_admin_" + Long.toHexString(System.nanoTime());
        String deploy = "rt_srr_deploy_" + Long.toHexString(System.nanoTime());
        TestRevisions revs = new TestRevisions()
                .add("k1", List.of(), "as admin", "SET ROLE " + admin + ";\nSET session_replication_role = replica;\n"
                        + "CREATE TABLE seen (v VARCHAR(500))", "DROP TABLE seen")
                .add("k2", List.of("k1"), "after", "INSERT INTO seen " + SEEN, "SELECT 1");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + admin + " SUPERUSER NOLOGIN");
            s.execute("CREATE ROLE " + deploy + " LOGIN PASSWORD 'pw' NOSUPERUSER IN ROLE " + admin);
            s.execute("GRANT CREATE ON SCHEMA public TO " + deploy);
            try {
                try (Connection limited = java.sql.DriverManager.getConnection(db.urlAs(deploy, "pw"))) {
                    migrator(limited, revs, false).run(revs::upgradeAll, false, null);
                    assertThat(values(limited, "SELECT current_user || ' ' || current_setting('session_replication_role')"))
                            .containsExactly(deploy + " origin");
                }
                assertThat(values(c, "SELECT v FROM seen")).containsExactly(admin + " origin");
            } finally {
                s.execute("DROP OWNED BY " + deploy + ", " + admin);
                s.execute("DROP ROLE " + deploy);
                s.execute("DROP ROLE " + admin);
            }
        }
    }

    /** k2: replica and SET ROLE role, in either order; k3 records who it runs as, with which setting. */
    private static TestRevisions switchingRole(String role, boolean roleFirst) {
        String k2 = roleFirst ? "SET ROLE " + role + ";\nSET session_replication_role = replica"
                : "SET session_replication_role = replica;\nSET ROLE " + role;
        return new TestRevisions()
                .add("k1", List.of(), "tables", "CREATE TABLE seen (v VARCHAR(500));\nGRANT INSERT ON seen TO " + role,
                        "DROP TABLE seen")
                .add("k2", List.of("k1"), "replica as the role", k2, "SELECT 1")
                .add("k3", List.of("k2"), "as the role", "INSERT INTO seen " + SEEN + ";\n"
                        + "CREATE TABLE made_by_k3 (x INTEGER)", "DROP TABLE made_by_k3");
    }

    /** A role that is no superuser; granted SET on session_replication_role only when it sets it itself. */
    private static void createRole(Connection c, String role, boolean maySet) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " NOLOGIN NOSUPERUSER");
            s.execute("GRANT CREATE ON SCHEMA public TO " + role);
            if (maySet) s.execute("GRANT SET ON PARAMETER session_replication_role TO " + role);
        }
    }

    private static void dropRole(Connection c, String role) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("RESET ROLE");
            s.execute("SET session_replication_role = origin");
            s.execute("REVOKE SET ON PARAMETER session_replication_role FROM " + role);
            s.execute("DROP OWNED BY " + role);
            s.execute("DROP ROLE " + role);
        }
    }

    /** The --sql script keeps the value it starts with and sets it back after k2, in its transaction: psql stops at k3. */
    @ParameterizedTest(name = "transaction per migration: {0}")
    @ValueSource(booleans = {false, true})
    void theScriptPutsTheRoleBackAfterARevisionSettingIt(boolean perMigration) throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        TestRevisions revs = orphanAfterReplica("SET session_replication_role = replica", true);
        String script = new OfflineScript(DIALECT, RuntimeSettings.defaults().withTransactionPerMigration(perMigration), revs)
                .render(revs.upgradeAll(Set.of()), true, null);
        String save = "SELECT pg_catalog.set_config('retort.script_session_replication_role', current_setting('session_replication_role'), false)";
        assertThat(script).containsOnlyOnce(save).containsOnlyOnce("SELECT CASE WHEN (SELECT rolsuper")
                .contains("INSERT INTO parent VALUES (10);\n\nSELECT CASE WHEN (SELECT rolsuper");
        assertThat(script.indexOf(save)).isLessThan(script.indexOf("BEGIN;"));
        // in k2's transaction, before its version row
        int putBack = script.indexOf("set_config('session_replication_role'");
        assertThat(script.lastIndexOf("BEGIN;", putBack)).isGreaterThan(script.lastIndexOf("COMMIT;", putBack));
        assertThat(script.indexOf("UPDATE retort_version", putBack)).isGreaterThan(0);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            assertThatThrownBy(() -> Clients.feed(Engine.POSTGRESQL, db, script))
                    .hasMessageContaining("violates foreign key constraint \"child_parent\"");
            if (perMigration) {
                assertThat(values(c, "SELECT id FROM child")).containsExactly("1");
                assertThat(MigratorIT.history(c)).hasSize(2);
            } else {
                assertThat(values(c, "SELECT to_regclass('child') IS NULL")).containsExactly("t"); // all rolled back
            }
        }
    }

    /** Offline after a revision that set replica and switched to a role that may not set it: as online. */
    @Test
    void theScriptPutsTheRoleBackAsTheScriptsRole() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        String role = "rt_srr_" + Long.toHexString(System.nanoTime());
        TestRevisions revs = switchingRole(role, false);
        String script = new OfflineScript(DIALECT, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            createRole(c, role, false);
            try {
                Clients.feed(Engine.POSTGRESQL, db, script);
                assertThat(values(c, "SELECT v FROM seen")).containsExactly(role + " origin");
                assertThat(values(c, "SELECT tableowner FROM pg_tables WHERE tablename = 'made_by_k3'")).containsExactly(role);
                assertThat(MigratorIT.history(c)).hasSize(3);
            } finally {
                dropRole(c, role);
            }
        }
    }

    /**
     * Online, the put-back follows only a revision that may have set it (a statement assigning it, or its own JDBC):
     * not a round trip after each of a thousand revisions that set nothing (1,000 more statements in the runtime
     * bench's PostgreSQL upgrade).
     */
    @Test
    void onlyARevisionThatSetsItIsFollowedByThePutBack() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        TestRevisions revs = new TestRevisions()
                .add("q1", List.of(), "one", "CREATE TABLE t (id INTEGER)", "DROP TABLE t")
                .add("q2", List.of("q1"), "two", "INSERT INTO t VALUES (1);\nSELECT current_setting('session_replication_role')",
                        "DELETE FROM t")
                .add("q3", List.of("q2"), "three", "SET session_replication_role = replica;\nINSERT INTO t VALUES (2)", "SELECT 1")
                .add("q4", List.of("q3"), "four", "INSERT INTO t VALUES (3)", "DELETE FROM t WHERE id = 3");
        List<String> sent = new java.util.ArrayList<>();
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            migrator(dev.retort.testing.RecordingConnection.of(c, sent), revs, false).run(revs::upgradeAll, false, null);
            assertThat(sent.stream().filter(sql -> sql.startsWith("SELECT CASE WHEN (SELECT rolsuper")))
                    .as("one put-back, after q3").hasSize(1);
            assertThat(values(c, "SELECT current_setting('session_replication_role')")).containsExactly("origin");
        }
    }

    /** A script whose revisions do not set it reads as before: nothing kept, nothing put back. */
    @Test
    void aScriptWithoutSuchRevisionsIsAsBefore() {
        TestRevisions revs = new TestRevisions().add("p1", List.of(), "plain",
                "CREATE TABLE t (id INTEGER);\nSELECT current_setting('session_replication_role')", "DROP TABLE t");
        String script = new OfflineScript(DIALECT, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        assertThat(script).doesNotContain("retort.script").doesNotContain("set_config('session_replication_role'");
    }

    private static List<String> values(Connection c, String query) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}

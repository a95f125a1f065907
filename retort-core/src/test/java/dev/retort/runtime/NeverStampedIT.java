package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * t56-6: upgrade on a database another tool (or a person) made and nobody stamped: its first revision's first statement
 * finds its table there. The message says what is the case (not versioned by Retort, never stamped; another tool's
 * history table when there is one) and how to adopt it, instead of blaming an earlier, interrupted run; and the run
 * leaves no empty version and history tables behind, also where DDL commits by itself.
 */
class NeverStampedIT {
    private static TestRevisions baseline() {
        return new TestRevisions()
                .add("b001", List.of(), "baseline", "CREATE TABLE customer (id INTEGER PRIMARY KEY);\n"
                        + "CREATE TABLE orders (id INTEGER PRIMARY KEY)", "DROP TABLE orders;\nDROP TABLE customer")
                .add("b002", List.of("b001"), "next", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)", "DROP TABLE invoice");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anUnstampedDatabaseIsNamedAsSuchAndKeepsNoRetortTables(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = baseline();
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY)");
                s.execute("CREATE TABLE flyway_schema_history (installed_rank INTEGER PRIMARY KEY)");
            }
            Map<String, List<String>> before = DbSnapshot.of(c, false);
            Throwable thrown = catchThrowable(() -> new Migrator(c, dialect, RuntimeSettings.defaults(), revs)
                    .run(revs::upgradeAll, false, null));
            assertThat(thrown).isInstanceOf(MigrationFailedException.class);
            assertThat(thrown.getMessage())
                    .contains("The database has no version table ")
                    .contains("retort_version (Retort has not run on it, and it was never"
                            + " stamped), but what the first revision's first statement creates is there already, as is"
                            + " flyway_schema_history, Flyway's history table. If the database was made by another tool or"
                            + " by hand, record the revision its schema is at with 'retort stamp b001' (or the later"
                            + " revision it matches) instead of running it: see docs/running.md, Adopting Retort on an"
                            + " existing database.")
                    .doesNotContain("earlier run");
            // nothing left of the run: no empty retort_version / retort_history (MariaDB and H2 left them)
            assertThat(DbSnapshot.of(c, false)).isEqualTo(before);
            // a second try says the same (it found the tables the first left and blamed an interrupted run)
            Throwable again = catchThrowable(() -> new Migrator(c, dialect, RuntimeSettings.defaults(), revs)
                    .run(revs::upgradeAll, false, null));
            assertThat(again.getMessage()).contains("The database has no version table");
        }
    }

    /** A version table that is there but empty: probably never stamped (and, where DDL commits, an interrupted run). */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void anEmptyVersionTableSaysProbablyNeverStamped(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = baseline();
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY)");
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE retort_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
            }
            Throwable thrown = catchThrowable(() -> new Migrator(c, dialect, RuntimeSettings.defaults(), revs)
                    .run(revs::upgradeAll, false, null));
            if (dialect.transactionalDdl()) {
                assertThat(thrown.getMessage()).contains("holds no rows (unversioned), but what the first revision's first"
                                + " statement creates is there already: the database was probably never stamped. If it was"
                                + " made by another tool or by hand, record the revision its schema is at with 'retort stamp"
                                + " b001' (or the later revision it matches) instead of running it")
                        .doesNotContain("earlier run")
                        .endsWith("\nRolled back: the database is as it was before this run.");
            } else {
                // as likely a run killed inside the revision, which leaves the empty tables
                assertThat(thrown.getMessage()).contains("holds no rows (unversioned), but what the first revision's first"
                                + " statement creates is there already. Either the database was never stamped: if it was"
                                + " made by another tool or by hand, record the revision its schema is at with 'retort stamp"
                                + " b001' (or the later revision it matches) instead of running it")
                        .endsWith("; or an earlier run was interrupted inside this revision, whose statements then stay"
                        + " applied (" + dialect.displayName() + " cannot roll back schema changes): check the database, then"
                        + " repair it by hand and run again, or, if the revision is all there, record it with 'retort stamp b001'.");
            }
            assertThat(new Migrator(c, dialect, RuntimeSettings.defaults(), revs).heads()).isEqualTo(Set.of());
        }
    }
}

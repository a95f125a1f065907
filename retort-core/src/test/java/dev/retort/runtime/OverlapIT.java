package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.registry.Dialects;
import dev.retort.migration.Migration;
import dev.retort.script.RevisionScript;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What a run does on other threads, seen from outside: the connection opened while the scripts are read
 * (and what happens when either fails), and SQL revisions read ahead of their turn, with their errors
 * still reported at their own step.
 */
class OverlapIT {
    @TempDir
    Path dir;

    private Path chain(int n) throws IOException {
        Path v = Files.createDirectories(dir.resolve("db/versions"));
        for (int i = 1; i <= n; i++) {
            Files.writeString(v.resolve(String.format("%03d.sql", i)), "-- retort:revision " + id(i) + "\n"
                    + (i == 1 ? "" : "-- retort:revises " + id(i - 1) + "\n") + "-- retort:message step " + i + "\n"
                    + "-- retort:upgrade\nCREATE TABLE t" + i + " (id INTEGER);\n-- retort:downgrade\nDROP TABLE t" + i + ";\n");
        }
        return v;
    }

    private static String id(int i) {
        return String.format("r%011d", i);
    }

    @Test
    void brokenScriptsAreReportedAndCreateNoDatabaseFile() throws IOException {
        Path v = chain(3);
        Files.writeString(v.resolve("002.sql"), "-- retort:revision " + id(2) + "\nDROP TABLE everything;\n");
        Path file = dir.resolve("data/app.db");
        Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:sqlite:" + file).build();
        assertThatThrownBy(() -> retort.upgrade("head"))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("002.sql:2: SQL before '-- retort:upgrade'");
        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void aBrokenScriptIsReportedBeforeAnUnreachableServer() throws IOException {
        Path v = chain(3);
        Files.writeString(v.resolve("002.sql"), "-- retort:revision " + id(2) + "\nDROP TABLE everything;\n");
        Retort retort = Retort.builder().scriptLocation(dir.resolve("db"))
                .url("postgresql://app:hunter2@127.0.0.1:1/app").build();
        assertThatThrownBy(() -> retort.upgrade("head"))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("SQL before '-- retort:upgrade'");
    }

    @Test
    void goodScriptsAndAnUnreachableServerReportTheConnection() throws IOException {
        chain(3);
        Retort retort = Retort.builder().scriptLocation(dir.resolve("db"))
                .url("postgresql://app:hunter2@127.0.0.1:1/app").build();
        assertThatThrownBy(() -> retort.upgrade("head"))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Cannot connect to postgresql://app:***@127.0.0.1:1/app: ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anApplicationsDataSourceIsAskedOnTheCallersThread() throws Exception {
        chain(3);
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            javax.sql.DataSource ds = new RetortIT.DriverDataSource(db.url());
            javax.sql.DataSource recording = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[]{javax.sql.DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) threads.add(Thread.currentThread().getName());
                        return method.invoke(ds, args);
                    });
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).dataSource(recording).build();
            retort.upgrade("head");
            assertThat(retort.current()).containsExactly(id(3));
            assertThat(threads).isNotEmpty().containsOnly(Thread.currentThread().getName());
        }
    }

    @Test
    void aSqliteUriWithAnExplicitModeIsLeftToSqlite() throws IOException {
        chain(1);
        Path file = dir.resolve("shared-memory.db");
        String url = "jdbc:sqlite:file:" + file + "?mode=memory&cache=shared";
        // the command line's path (the library refuses an in-memory database: it would be gone by its next call)
        Retort retort = Retort.of(RetortConfig.of(dir.resolve("db"), url), () -> ScriptDirectory.load(RetortConfig.of(dir.resolve("db"), url)));
        retort.upgrade("head");
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> Retort.builder().scriptLocation(dir.resolve("db")).url(url).build().upgrade("head"))
                .hasMessageStartingWith("In-memory SQLite URL");
        assertThat(file).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sqlRevisionsAreReadAheadOnAnotherThreadAndRunInOrder(Engine engine) throws Exception {
        chain(40);
        RetortConfig config = RetortConfig.of(dir.resolve("db"), null);
        RecordingSource source = new RecordingSource(ScriptDirectory.load(config));
        source.holdRunUntil = source.workerLoaded; // on a busy machine the run could otherwise take every load itself
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = new Migrator(c, Dialects.forName(engine.dialectName()), RuntimeSettings.defaults(), source);
            RunResult r = m.run(cur -> source.dir.graph().planUpgrade(cur, "head"), false, null);
            assertThat(r.applied()).extracting(s -> s.step().revision().id())
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(OverlapIT::id).toList());
            assertThat(m.heads()).containsExactly(id(40));
            assertThat(source.loadedByWorker).isNotEmpty();
            assertThat(source.loadedOn).hasSize(40);
            // each checksum in the history is the file's, whichever thread read it
            for (int i = 1; i <= 40; i++) {
                assertThat(source.dir.script(id(i)).checksum()).hasSize(64);
            }
            assertThat(MigratorIT.history(c)).hasSize(40).allSatisfy(line -> assertThat(line).doesNotEndWith("null"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aRevisionThatCannotBeReadFailsAtItsOwnStepAndRollsBack(Engine engine) throws Exception {
        Path v = chain(30);
        RetortConfig config = RetortConfig.of(dir.resolve("db"), null);
        ScriptDirectory scripts = ScriptDirectory.load(config);
        Files.delete(v.resolve("017.sql")); // gone between reading the headers and running
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Map<String, List<String>> before = DbSnapshot.of(c);
            Migrator m = new Migrator(c, Dialects.forName(engine.dialectName()),
                    RuntimeSettings.defaults().withDisplayUrl("test"), RevisionSource.of(scripts));
            assertThatThrownBy(() -> m.run(cur -> scripts.graph().planUpgrade(cur, "head"), false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Revision " + id(17) + " (")
                    .hasMessageContaining("017.sql")
                    .hasMessageContaining("Rolled back: the database is as it was before this run.")
                    .satisfies(e -> assertThat(((MigrationFailedException) e).revision()).isEqualTo(id(17)));
            assertThat(DbSnapshot.of(c)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aStalledWorkerDoesNotStallTheRun(Engine engine) throws Exception {
        chain(20);
        RecordingSource source = new RecordingSource(ScriptDirectory.load(RetortConfig.of(dir.resolve("db"), null)));
        source.stallWorkerAt = id(3); // as if descheduled in the middle of reading it
        source.holdRunUntil = source.workerStalled;
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = new Migrator(c, Dialects.forName(engine.dialectName()), RuntimeSettings.defaults(), source);
            RunResult r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                    () -> m.run(cur -> source.dir.graph().planUpgrade(cur, "head"), false, null));
            assertThat(source.runGaveUpWaiting).as("the worker never reached the stall in 30 s").isFalse();
            assertThat(r.applied()).hasSize(20);
            assertThat(m.heads()).containsExactly(id(20));
            assertThat(source.loadedOn).containsEntry(id(2), "retort-preload"); // read ahead
            assertThat(source.loadedOn.get(id(3))).isNotEqualTo("retort-preload"); // the run read it itself
        } finally {
            source.releaseWorker.countDown();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aDowngradeReadsEachFileOnceThoughItChecksThemAllFirst(Engine engine) throws Exception {
        chain(40);
        RetortConfig config = RetortConfig.of(dir.resolve("db"), null);
        RecordingSource source = new RecordingSource(ScriptDirectory.load(config));
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = new Migrator(c, Dialects.forName(engine.dialectName()), RuntimeSettings.defaults(), source);
            m.run(cur -> source.dir.graph().planUpgrade(cur, "head"), false, null);
            source.loads.clear();
            RunResult r = m.run(cur -> source.dir.graph().planDowngrade(cur, "base"), false, null);
            assertThat(r.applied()).hasSize(40);
            assertThat(m.heads()).isEmpty();
            assertThat(source.loads).hasSize(40).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        }
    }

    @Test
    void anOfflineDowngradeReadsEachFileOnce() throws Exception {
        chain(12);
        RecordingSource source = new RecordingSource(ScriptDirectory.load(RetortConfig.of(dir.resolve("db"), null)));
        String sql = new OfflineScript(Dialects.forName("sqlite"), RuntimeSettings.defaults(), source)
                .render(source.dir.graph().planDowngrade(java.util.Set.of(id(12)), "base"), false, null);
        assertThat(sql).contains("DROP TABLE t12;").contains("DROP TABLE t1;");
        assertThat(source.loads).hasSize(12).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }

    /** The script directory, noting which thread loaded each revision and how often. */
    private static final class RecordingSource implements RevisionSource {
        final ScriptDirectory dir;
        final RevisionSource inner;
        /** The last thread to load each revision: the run's own load of one the worker also read wins. */
        final Map<String, String> loadedOn = new ConcurrentHashMap<>();
        /** Every revision the read-ahead worker loaded, whether or not the run then loaded it too. */
        final java.util.Set<String> loadedByWorker = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> loads = new ConcurrentHashMap<>();
        final CountDownLatch workerLoaded = new CountDownLatch(1);
        final CountDownLatch workerStalled = new CountDownLatch(1);
        final CountDownLatch releaseWorker = new CountDownLatch(1);
        /** The worker stops in the load of this revision until {@link #releaseWorker} (null: never). */
        volatile String stallWorkerAt;
        /** The run's thread waits in its first load until this opens: no race with the scheduler (null: no wait). */
        volatile CountDownLatch holdRunUntil;
        /** The run's wait for {@link #holdRunUntil} timed out: the test's premise did not hold, not the product. */
        volatile boolean runGaveUpWaiting;

        RecordingSource(ScriptDirectory dir) {
            this.dir = dir;
            this.inner = RevisionSource.of(dir);
        }

        @Override
        public void prepare(Collection<String> ids) {
            inner.prepare(ids);
        }

        @Override
        public Migration migration(String id) {
            String thread = Thread.currentThread().getName();
            loadedOn.put(id, thread);
            loads.merge(id, 1, Integer::sum);
            try {
                if (thread.equals("retort-preload")) {
                    loadedByWorker.add(id);
                    if (id.equals(stallWorkerAt)) {
                        workerStalled.countDown();
                        releaseWorker.await(30, TimeUnit.SECONDS);
                    }
                    workerLoaded.countDown();
                } else if (holdRunUntil != null) {
                    // a machine loaded by other builds can leave the worker unscheduled for seconds
                    if (!holdRunUntil.await(30, TimeUnit.SECONDS)) runGaveUpWaiting = true;
                    holdRunUntil = null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.migration(id);
        }

        @Override
        public RevisionScript script(String id) {
            return inner.script(id);
        }

        @Override
        public boolean loadsWithoutUserCode(String id) {
            return inner.loadsWithoutUserCode(id);
        }
    }
}

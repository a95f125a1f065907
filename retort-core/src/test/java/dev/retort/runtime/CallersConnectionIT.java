package dev.retort.runtime;

import dev.retort.testing.Engine;
import dev.retort.testing.StubDataSource;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application's DataSource that hands out one connection bound to its transaction (as Spring's
 * transaction-aware proxies do): Retort leaves that connection as it found it.
 */
class CallersConnectionIT {
    @TempDir
    Path dir;

    /** Reading an unversioned database runs no failing statement: the caller's open transaction goes on. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void readingAnUnversionedDatabaseLeavesTheCallersTransactionUsable(Engine engine) throws Exception {
        TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        try (TestDatabase db = TestDatabase.create(engine); Connection phys = db.connect()) {
            phys.setAutoCommit(false);
            Single single = new Single(phys);
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).dataSource(single).build();
            try (Statement s = phys.createStatement()) {
                s.execute("CREATE TABLE app_own (x INT)");
                s.execute("INSERT INTO app_own (x) VALUES (1)");
            }
            assertThat(retort.current()).isEmpty();
            assertThat(retort.needsMigration()).isTrue();
            if (engine == Engine.POSTGRESQL || engine == Engine.MARIADB) {
                // PostgreSQL aborts the transaction on a failed statement; MariaDB's driver logs it as a WARN
                assertThat(single.failures).isEmpty();
            }
            try (Statement s = phys.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM app_own")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(phys.getAutoCommit()).isFalse();
            phys.rollback();
        }
    }

    /** library-api.md: autocommit is switched back as the caller had it, after a run that worked and one that failed. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRunPutsTheCallersAutocommitBack(Engine engine) throws Exception {
        TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        Files.writeString(dir.resolve("db/versions/b.sql"), """
                -- retort:revision bbbb00000002
                -- retort:revises aaaa00000001
                -- retort:upgrade
                INSERT INTO account (id, name) VALUES (1, 'a');
                INSERT INTO account (id, name) VALUES (1, 'again');
                """);
        try (TestDatabase db = TestDatabase.create(engine); Connection phys = db.connect()) {
            phys.setAutoCommit(false);
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).dataSource(new Single(phys)).build();
            assertThat(retort.upgrade("aaaa00000001").applied()).hasSize(1);
            assertThat(phys.getAutoCommit()).isFalse();
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class);
            assertThat(phys.getAutoCommit()).isFalse();
            phys.rollback(); // works: a transaction of the caller's, not autocommit
            assertThat(retort.current()).containsExactly("aaaa00000001");
        }
    }

    /** t41-1: the busy timeout a pool's {@code PRAGMA busy_timeout} set (Hikari's connectionInitSql) is back after a run. */
    @Test
    void aRunPutsBackTheSqliteBusyTimeoutTheApplicationSet() throws Exception {
        TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection phys = db.connect()) {
            try (Statement s = phys.createStatement()) {
                s.execute("PRAGMA busy_timeout = 20000");
            }
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).dataSource(new Single(phys)).build();
            assertThat(retort.upgrade("head").applied()).hasSize(1);
            try (Statement s = phys.createStatement(); ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(20000);
            }
        }
    }

    /** One physical connection for every getConnection(); close() ignored; failed statements recorded. */
    static final class Single implements StubDataSource {
        private final Connection phys;
        final List<SQLException> failures = new ArrayList<>();

        Single(Connection phys) {
            this.phys = phys;
        }

        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) return null;
                        if (method.getName().equals("isClosed")) return false;
                        Object result = call(phys, method, args);
                        if (result instanceof Statement st) {
                            Class<?> type = method.getReturnType();
                            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type},
                                    (InvocationHandler) (p, m, a) -> call(st, m, a));
                        }
                        return result;
                    });
        }

        private Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException se) failures.add(se);
                throw e.getCause();
            }
        }

    }
}

package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** t30-8: a name MariaDB cannot hold is refused before anything is read, run or written, naming its setting. */
class TableNameChecksTest {
    private static final Dialect MARIADB = Dialects.forName("mariadb");

    @Test
    void aCharacterOutsideTheBasicMultilingualPlaneIsNoMariaDbName() {
        TestRevisions revs = new TestRevisions().add("a1", List.of(), "t", "SELECT 1", "SELECT 1");
        RuntimeSettings emoji = new RuntimeSettings("ver\uD83D\uDE80", null, null, false, null, null, "test", null);
        String message = "version_table 'ver\uD83D\uDE80' cannot be used on MariaDB/MySQL: it holds \uD83D\uDE80 (U+1F680),"
                + " a character outside the Basic Multilingual Plane, which MariaDB/MySQL names cannot hold. Choose another name.";
        // before the connection is used at all: current and check fail with it, not with a collation error
        assertThatThrownBy(() -> new Migrator(null, MARIADB, emoji, revs)).isInstanceOf(RetortException.class).hasMessage(message);
        assertThatThrownBy(() -> new OfflineScript(MARIADB, emoji, revs)).hasMessage(message);
        RuntimeSettings schema = new RuntimeSettings(null, "audit\uD83D\uDE80", null, false, null, null, "test", null);
        assertThatThrownBy(() -> new OfflineScript(MARIADB, schema, revs)).hasMessageStartingWith("version_table_schema 'audit");
        // what MariaDB does hold, and what other engines hold
        assertThat(MARIADB.nameProblem("vérsion_tablé_\u4e2d")).isNull();
        assertThat(Dialects.forName("postgresql").nameProblem("ver\uD83D\uDE80")).isNull();
    }

    /** t34-6: MariaDB names cannot end with a space, and no engine's hold a NUL: refused up front, online and offline. */
    @Test
    void aTrailingSpaceOnMariaDbAndANulAnywhereAreRefused() {
        TestRevisions revs = new TestRevisions().add("a1", List.of(), "t", "SELECT 1", "SELECT 1");
        RuntimeSettings space = new RuntimeSettings("retort_version ", null, null, false, null, null, "test", null);
        String message = "version_table 'retort_version ' cannot be used on MariaDB/MySQL: it ends with a space, which"
                + " MariaDB/MySQL names cannot. Choose another name.";
        assertThatThrownBy(() -> new Migrator(null, MARIADB, space, revs)).isInstanceOf(RetortException.class).hasMessage(message);
        assertThatThrownBy(() -> new OfflineScript(MARIADB, space, revs)).hasMessage(message);
        assertThat(MARIADB.nameProblem(" retort_version")).isNull(); // a leading one it holds
        assertThat(Dialects.forName("postgresql").nameProblem("retort_version ")).isNull();
        for (String engine : new String[]{"mariadb", "postgresql", "sqlite", "h2"}) {
            RuntimeSettings nul = new RuntimeSettings(null, null, "nul\u0000x", false, null, null, "test", null);
            assertThatThrownBy(() -> new OfflineScript(Dialects.forName(engine), nul, revs)).as(engine)
                    .hasMessageStartingWith("history_table 'nul\\u0000x' cannot be used on ")
                    .hasMessageEndingWith(": it holds a NUL character (U+0000), which no database's names can hold. Choose another name.")
                    .hasMessageNotContaining("\u0000");
        }
    }
}

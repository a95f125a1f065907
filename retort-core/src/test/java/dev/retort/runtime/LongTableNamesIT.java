package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t30-6: version and history tables named as long as the engine's names may be work (their primary keys' derived
 * names, longer still, are left to the engine), and a longer name is refused before anything runs, naming its setting.
 */
class LongTableNamesIT {
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void theLongestNamesTheEngineHoldsWorkAndLongerOnesAreRefused(Engine engine) throws Exception {
        int longest = switch (engine) {
            case POSTGRESQL -> 63;
            case MARIADB -> 64;
            default -> 256;
        };
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = TestRevisions.chain(2);
        RuntimeSettings settings = new RuntimeSettings("v".repeat(longest), null, "h".repeat(longest), false, null,
                null, "test", null);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            new Migrator(c, dialect, settings, revs).run(revs::upgradeAll, false, null);
            assertThat(new Migrator(c, dialect, settings, revs).heads()).hasSize(1);
            assertThat(new OfflineScript(dialect, settings, revs).render(revs.upgradeAll(Set.of()), true, null))
                    .contains("v".repeat(longest));

            RuntimeSettings tooLong = new RuntimeSettings("v".repeat(longest + 1), null, null, false, null, null, "test", null);
            String message = "version_table '" + "v".repeat(longest + 1) + "' cannot be used on " + dialect.displayName()
                    + ": it is " + (longest + 1) + (engine == Engine.POSTGRESQL ? " bytes" : " characters") + " long";
            assertThatThrownBy(() -> new Migrator(c, dialect, tooLong, revs)).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith(message).hasMessageContaining("hold " + longest);
            assertThatThrownBy(() -> new OfflineScript(dialect, tooLong, revs)).hasMessageStartingWith(message);
            RuntimeSettings longHistory = new RuntimeSettings(null, null, "h".repeat(longest + 1), false, null, null, "test", null);
            assertThatThrownBy(() -> new Migrator(c, dialect, longHistory, revs)).hasMessageStartingWith("history_table 'hhh");
        }
    }

    /** PostgreSQL counts bytes: 32 two-byte characters are 64. */
    @org.junit.jupiter.api.Test
    void postgresCountsBytes() {
        Dialect pg = Dialects.forName("postgresql");
        assertThat(pg.nameProblem("é".repeat(31))).isNull();
        assertThat(pg.nameProblem("é".repeat(32))).isEqualTo("it is 64 bytes long, and PostgreSQL names hold 63");
        assertThat(Dialects.forName("sqlite").nameProblem("v".repeat(1000))).isNull();
    }
}

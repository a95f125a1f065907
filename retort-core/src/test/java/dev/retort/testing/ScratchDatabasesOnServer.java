package dev.retort.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code retort_scratch_*} databases a {@code sql:} model is loaded into, seen from a test's own connection. */
public final class ScratchDatabasesOnServer {
    private ScratchDatabasesOnServer() {
    }

    /**
     * Waits until a scratch database runs the model's sleep ({@code SELECT pg_sleep} / {@code SELECT SLEEP}); its name.
     *
     * @param loader the process loading the model, which must stay alive meanwhile; null when it is not watched
     */
    public static String awaitSleeping(Connection c, Engine engine, Process loader) throws Exception {
        String query = engine == Engine.POSTGRESQL
                ? "SELECT datname FROM pg_stat_activity WHERE datname LIKE 'retort\\_scratch\\_%' AND query LIKE 'SELECT pg_sleep%'"
                : "SELECT db FROM information_schema.processlist WHERE db LIKE 'retort\\_scratch\\_%' AND info LIKE 'SELECT SLEEP%'";
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (ResultSet rs = c.createStatement().executeQuery(query)) {
                if (rs.next()) return rs.getString(1);
            }
            if (loader != null) assertThat(loader.isAlive()).as("the process loads the model").isTrue();
            assertThat(System.currentTimeMillis()).as("the model is loaded into a scratch database").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The scratch databases on the server now. */
    public static List<String> list(Connection c, Engine engine) throws Exception {
        List<String> names = new ArrayList<>();
        String query = engine == Engine.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'retort\\_scratch\\_%'"
                : "SHOW DATABASES LIKE 'retort\\_scratch\\_%'";
        try (ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }
}

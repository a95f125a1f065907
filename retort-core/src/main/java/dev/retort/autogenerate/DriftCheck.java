package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.ops.Operation;
import dev.retort.runtime.Connections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The drift half of {@code retort check}: the operations that would move the database to the model
 * (the same comparison as autogenerate). Differences no operation can make are only in {@link #diff}:
 * empty operations are not "no drift", an empty diff is.
 */
public final class DriftCheck {
    private DriftCheck() {
    }

    public static List<Operation> run(RetortConfig config) {
        return diff(config).upgrade();
    }

    /** The full result, with rename notes, for callers that print more than one line per change. */
    public static SchemaComparator.Diff diff(RetortConfig config) {
        if (config.url() == null) throw new RetortException("the drift check needs a database URL");
        if (config.targetMetadata() == null || config.targetMetadata().isBlank()) {
            return new SchemaComparator.Diff(List.of());
        }
        Dialect dialect = Dialects.forJdbcUrl(config.url());
        // a SQLite or H2 file not created yet is an empty database, as for current and upgrade --dry-run:
        // compared as an empty in-memory one of the same engine, and not created by reading it
        String url = Connections.missingFileDatabase(config.url()) ? emptyStandIn(config.url()) : config.url();
        try (Connection c = Connections.open(url, config.displayUrl(), false)) {
            return Autogenerator.diff(config, dialect, c);
        } catch (SQLException e) {
            throw new RetortException("drift check on " + config.displayUrl() + " failed: " + e.getMessage(), e);
        }
    }

    /** An empty private in-memory database of the engine of {@code url}, an embedded file database. */
    private static String emptyStandIn(String url) {
        return url.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:sqlite:") ? "jdbc:sqlite::memory:" : "jdbc:h2:mem:";
    }
}

package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.Operation;
import dev.retort.runtime.Connections;
import dev.retort.runtime.Retort;
import dev.retort.runtime.RuntimeSettings;
import dev.retort.schema.SqlType;

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
        config.requireUrl("the drift check needs a database URL", null);
        if (config.targetMetadata() == null || config.targetMetadata().isBlank()) {
            return new SchemaComparator.Diff(List.of());
        }
        Dialect dialect = Dialects.forJdbcUrl(config.url());
        // a SQLite or H2 file not created yet is an empty database, as for current and upgrade --dry-run:
        // compared as an empty in-memory one of the same engine, and not created by reading it
        String url = Connections.missingFileDatabase(config.url()) ? Connections.emptyStandIn(config.url()) : config.url();
        // an H2 file another process has open is waited for as a run waits for the lock (t47-5)
        RuntimeSettings settings = RuntimeSettings.from(config)
                .withAdvice(dev.retort.config.Advice.COMMAND_LINE.withLockTimeoutOf(config, false));
        try (Connection c = Connections.open(url, config.displayUrl(), false, settings, () -> false)) {
            return Autogenerator.diff(config, dialect, c);
        } catch (SQLException e) {
            throw new RetortException("drift check on " + config.displayUrl() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The lines {@code retort check} prints, one per difference: the operation ({@code add column book.isbn}), an
     * altered column with what changes ({@code alter column author.mail: type VARCHAR(100) -> VARCHAR(200)}, in
     * the engine's spelling of types), and the first line of a note ({@code -- RENAMED? ...}, {@code TODO: ...}).
     */
    public static List<String> lines(RetortConfig config) {
        return lines(diff(config), Dialects.forJdbcUrl(config.url()));
    }

    /**
     * The drift check of an application's {@link Retort}: its database (DataSource or URL) against its schema model
     * (the builder's {@code .targetMetadata(...)} or the config's {@code target_metadata}), model classes loaded
     * through the thread's context class loader. Empty when the database matches the model.
     */
    public static SchemaComparator.Diff diff(Retort retort) {
        RetortConfig config = requireModel(retort);
        return retort.readSchema((c, dialect) -> Autogenerator.diff(config, dialect, c));
    }

    /**
     * {@link #diff(Retort)} as {@code retort check} prints it, one line per difference; empty when the database
     * matches the model. For a test of the application: {@code assertThat(DriftCheck.lines(retort)).isEmpty()}.
     */
    public static List<String> lines(Retort retort) {
        RetortConfig config = requireModel(retort);
        return retort.readSchema((c, dialect) -> lines(Autogenerator.diff(config, dialect, c), dialect));
    }

    private static RetortConfig requireModel(Retort retort) {
        RetortConfig config = retort.config();
        if (config.targetMetadata() == null || config.targetMetadata().isBlank()) {
            throw new RetortException("The drift check needs the schema model to compare " + retort.displayUrl()
                    + " with: give it with the builder's .targetMetadata(\"jpa:com.example.entities\") (or class:NAME,"
                    + " sql:FILE), or as target_metadata in " + (config.file() == null ? "retort.toml" : config.file()));
        }
        return config;
    }

    private static List<String> lines(SchemaComparator.Diff diff, Dialect dialect) {
        List<String> lines = new java.util.ArrayList<>();
        for (SchemaComparator.Entry e : diff.entries()) lines.add(line(e, dialect));
        return lines;
    }

    static String line(SchemaComparator.Entry e, Dialect dialect) {
        // a CHECK's expression written over several lines is shown on the one line of its change
        String what = e.operation() == null ? "" : e.operation() instanceof AlterColumn a
                ? a.describe() + changes(a, dialect) : e.operation().describe().replaceAll("\\s*\\R\\s*", " ");
        // the whole note: a TODO's second line is the statement to write
        if (e.note() != null) what += (what.isEmpty() ? "" : " -- ") + String.join(" ", e.note().lines().toList());
        return what;
    }

    /** {@code ": type A -> B, NOT NULL, default X -> none, ON UPDATE none -> X, comment 'a' -> 'b'"}; empty for a rename alone (its note says it). */
    private static String changes(AlterColumn a, Dialect dialect) {
        List<String> parts = new java.util.ArrayList<>();
        if (a.type() != null) {
            parts.add("type " + (a.existingType() == null ? "" : typeText(a.existingType(), dialect) + " -> ")
                    + typeText(a.type(), dialect));
        }
        if (a.nullable() != null) parts.add(a.nullable() ? "NULL" : "NOT NULL");
        if (a.serverDefault() != null) {
            parts.add("default " + (a.existingServerDefault() == null ? "" : orNone(a.existingServerDefault().value()) + " -> ")
                    + orNone(a.serverDefault().value()));
        }
        if (a.onUpdate() != null) {
            parts.add("ON UPDATE " + (a.existingOnUpdate() == null ? "" : orNone(a.existingOnUpdate().value()) + " -> ")
                    + orNone(a.onUpdate().value()));
        }
        if (a.comment() != null) {
            parts.add("comment " + (a.existingComment() == null ? "" : commentText(a.existingComment(), dialect) + " -> ")
                    + commentText(a.comment(), dialect));
        }
        if (a.newName() != null && !a.isRenameOnly()) parts.add("rename to " + a.newName());
        // one line per change in the listing: a comment's or default's line breaks written as \n (as the JSON has them)
        return parts.isEmpty() ? "" : (": " + String.join(", ", parts)).replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String commentText(dev.retort.ops.Change<String> comment, Dialect dialect) {
        return comment.isRemoval() ? "none" : dialect.literal(comment.value());
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    /** A type as the engine spells it in DDL (as autogenerate's log lines do); the Java spelling where it has none. */
    private static String typeText(SqlType type, Dialect dialect) {
        try {
            return dialect.typeSql(type);
        } catch (RuntimeException noSpelling) {
            return JavaSource.type(type);
        }
    }
}

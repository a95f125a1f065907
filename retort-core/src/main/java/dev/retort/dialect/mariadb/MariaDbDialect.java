package dev.retort.dialect.mariadb;

import dev.retort.dialect.AbstractDialect;
import dev.retort.dialect.Feature;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.UnsupportedTypeException;
import dev.retort.schema.SqlType;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL. DDL is not transactional. Offline scripts assume the default {@code sql_mode}
 * (backslash escapes in strings on, i.e. without {@code NO_BACKSLASH_ESCAPES}) and a utf8mb4 client.
 */
public final class MariaDbDialect extends AbstractDialect {
    private static final Set<String> RESERVED = loadReservedWords("mariadb");
    private static final Set<Feature> FEATURES = Set.of(Feature.ALTER_COLUMN_TYPE, Feature.ALTER_COLUMN_NULLABILITY,
            Feature.ALTER_COLUMN_DEFAULT, Feature.RENAME_COLUMN, Feature.DROP_COLUMN, Feature.ALTER_CONSTRAINTS,
            Feature.CHECK_CONSTRAINTS, Feature.COMMENTS, Feature.SEQUENCES, Feature.INLINE_ENUM, Feature.SCHEMAS);

    public MariaDbDialect() {
        super(MariaDbDialect.class, "mariadb", "MariaDB/MySQL", FEATURES, '`', RESERVED,
                MariaDbRenderer::new, MariaDbReflector::new, MariaDbLock::new);
    }

    /**
     * The catalog, compared as the server compares table names (information_schema's case-insensitive
     * collation; a name matched only in another case is still read, and a failure then taken for "missing").
     */
    @Override
    public SqlStatement tableExistsQuery(String schema, String name) {
        String sql = "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = ";
        return schema == null || schema.isEmpty() ? SqlStatement.of(sql + "DATABASE()", name)
                : SqlStatement.of(sql + "?", name, schema);
    }

    /** Connector/J's KILL QUERY for the connection's thread, sent over a connection of its own. */
    @Override
    public void cancelRunning(Connection connection) throws SQLException {
        connection.unwrap(org.mariadb.jdbc.Connection.class).cancelCurrentQuery();
    }

    @Override
    public String typeSql(SqlType t) {
        return switch (t.kind()) {
            case INTEGER -> "INT";
            case NUMERIC -> t.precision() == null ? "DECIMAL(65, 30)"
                    : "DECIMAL(" + t.precision() + ", " + (t.scale() == null ? 0 : t.scale()) + ")";
            case REAL -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case STRING -> {
                if (t.length() == null) {
                    throw new UnsupportedTypeException(displayName(), "needs a length for VARCHAR: use string(n) or TEXT");
                }
                yield "VARCHAR(" + t.length() + ")";
            }
            case TIME -> {
                if (t.withTimeZone()) throw noType(t, "time with time zone");
                yield "TIME" + microseconds(t);
            }
            // DATETIME keeps the wall-clock value; TIMESTAMP is stored as UTC, the nearest to "with time zone".
            case TIMESTAMP -> (t.withTimeZone() ? "TIMESTAMP" : "DATETIME") + microseconds(t);
            case BINARY -> t.length() == null ? "BLOB" : "VARBINARY(" + t.length() + ")";
            case UUID -> "CHAR(36)";
            case INTERVAL -> throw noType(t, "interval type");
            case ENUM -> "ENUM(" + t.enumValues().stream().map(this::stringLiteral).collect(Collectors.joining(", ")) + ")";
            default -> super.typeSql(t);
        };
    }

    /** Microseconds unless told otherwise, as PostgreSQL and H2 keep them (MariaDB's own default is whole seconds). */
    private static String microseconds(SqlType t) {
        return "(" + (t.precision() == null ? 6 : t.precision()) + ")";
    }

    /** Backslash is an escape character in MySQL strings (unless NO_BACKSLASH_ESCAPES). */
    @Override
    protected String stringLiteral(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> sb.append("''");
                case '\\' -> sb.append("\\\\");
                case '\0' -> sb.append("\\0");
                case '\u001a' -> sb.append("\\Z");
                // Line-based clients (mysql < script) drop a carriage return before a newline.
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** No time zone type: the instant is written in UTC. */
    @Override
    protected String timestampTzLiteral(OffsetDateTime t) {
        return "TIMESTAMP " + stringLiteral(dateTimeText(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
    }
}

package dev.retort.dialect.sqlite;

import dev.retort.schema.SqlType;
import dev.retort.schema.SqlType.Kind;
import dev.retort.schema.TableOption;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite's declared column types and Retort's portable types. SQLite stores whatever type name a
 * table declares; a declared name maps to a portable type only where its meaning is clear, else it is
 * kept verbatim as a raw type, so nothing is lost.
 */
final class SqliteTypes {
    private static final Pattern NAME_ARGS = Pattern.compile(
            "([A-Z][A-Z ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");

    /** The only column types a STRICT table accepts. */
    static final List<String> STRICT_TYPES = List.of("INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY");

    private SqliteTypes() {
    }

    /** Whether a table's options (the text after its column list) make it STRICT. */
    static boolean isStrict(String options) {
        return options(options).contains(TableOption.SQLITE_STRICT);
    }

    /** The options a table's text after its column list names: {@code WITHOUT ROWID}, {@code STRICT}. */
    static Set<TableOption> options(String text) {
        if (text == null || text.isBlank()) return Set.of();
        Set<TableOption> out = EnumSet.noneOf(TableOption.class);
        List<SqliteTokenizer.Token> tokens = SqliteTokenizer.tokenize(text);
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("STRICT")) out.add(TableOption.SQLITE_STRICT);
            if (tokens.get(i).isWord("WITHOUT") && i + 1 < tokens.size() && tokens.get(i + 1).isWord("ROWID")) {
                out.add(TableOption.SQLITE_WITHOUT_ROWID);
            }
        }
        return out;
    }

    /**
     * The type a STRICT table declares for a portable type: integers (booleans included) INTEGER, numerics
     * REAL, binaries BLOB, everything else (strings, dates and times, UUID, JSON, enums) TEXT. A raw type
     * is kept when STRICT allows it; otherwise null.
     */
    static String strictType(SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN, SMALLINT, INTEGER, BIGINT -> "INTEGER";
            case NUMERIC, REAL, DOUBLE -> "REAL";
            case BINARY, BLOB -> "BLOB";
            case RAW -> STRICT_TYPES.contains(t.raw().strip().toUpperCase(Locale.ROOT)) ? t.raw().strip() : null;
            default -> "TEXT";
        };
    }

    static SqlType fromDeclared(String declared) {
        if (declared == null || declared.isBlank()) return SqlType.raw(declared == null ? "" : declared);
        Matcher m = NAME_ARGS.matcher(declared.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) return SqlType.raw(declared);
        String name = m.group(1).trim().replaceAll("\\s+", " ");
        Integer a = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer b = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        boolean noArgs = a == null;
        SqlType mapped = switch (name) {
            case "INTEGER", "INT" -> noArgs ? SqlType.of(Kind.INTEGER) : null;
            case "BIGINT" -> noArgs ? SqlType.of(Kind.BIGINT) : null;
            case "SMALLINT" -> noArgs ? SqlType.of(Kind.SMALLINT) : null;
            case "BOOLEAN", "BOOL" -> noArgs ? SqlType.of(Kind.BOOLEAN) : null;
            case "VARCHAR", "CHARACTER VARYING", "NVARCHAR", "NATIONAL CHARACTER VARYING" ->
                    b != null ? null : new SqlType(Kind.STRING, a, null, null, false, null, null, null);
            case "CHAR", "CHARACTER", "NCHAR" -> a != null && b == null ? SqlType.chars(a) : null;
            case "TEXT" -> noArgs ? SqlType.of(Kind.TEXT) : null;
            case "BLOB" -> noArgs ? SqlType.of(Kind.BLOB) : null;
            case "VARBINARY", "BINARY" -> a != null && b == null ? SqlType.binary(a) : null;
            case "NUMERIC", "DECIMAL" -> new SqlType(Kind.NUMERIC, null, a, b, false, null, null, null);
            case "REAL" -> noArgs ? SqlType.of(Kind.REAL) : null;
            case "DOUBLE", "DOUBLE PRECISION" -> noArgs ? SqlType.of(Kind.DOUBLE) : null;
            case "DATE" -> noArgs ? SqlType.of(Kind.DATE) : null;
            case "TIME" -> noArgs ? SqlType.time(false) : null;
            case "DATETIME", "TIMESTAMP" -> noArgs ? SqlType.timestamp(false) : null;
            case "UUID" -> noArgs ? SqlType.of(Kind.UUID) : null;
            case "JSON" -> noArgs ? SqlType.of(Kind.JSON) : null;
            default -> null;
        };
        return mapped != null ? mapped : SqlType.raw(declared.trim());
    }
}

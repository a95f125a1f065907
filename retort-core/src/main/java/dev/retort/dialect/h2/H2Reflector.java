package dev.retort.dialect.h2;

import static dev.retort.dialect.ReflectionSupport.emptyToNull;
import static dev.retort.dialect.ReflectionSupport.query;

import dev.retort.dialect.Reflector;
import dev.retort.dialect.ReflectionSupport;
import dev.retort.dialect.ReflectionSupport.ForeignKeyBuilder;
import dev.retort.dialect.ReflectionSupport.IndexBuilder;
import dev.retort.dialect.ReflectionSupport.TableBuilder;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.SequenceOptions;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one H2 (2.x) schema from INFORMATION_SCHEMA, one query per kind of object.
 * <p>
 * H2 folds unquoted names to upper case; names that are entirely upper case are reported in lower
 * case (as SQLAlchemy does), so a model written in lower case matches and renders back unquoted. A database that
 * folds them otherwise ({@code DATABASE_TO_LOWER=TRUE}, {@code DATABASE_TO_UPPER=FALSE}) has its names reported
 * as stored ({@link IdentifierCase}).
 * Names H2 makes up for unnamed constraints ({@code CONSTRAINT_...}) are reported as null.
 * <p>
 * Values of INFORMATION_SCHEMA are compared without regard to case: with {@code DATABASE_TO_LOWER=TRUE}
 * H2 reports {@code COLUMNS.DATA_TYPE} in lower case ({@code numeric}, {@code enum}), and every type read
 * as {@code raw("numeric")} (t49-2).
 */
final class H2Reflector implements Reflector {
    private static final Pattern QUOTED_NAME = Pattern.compile("\"([A-Za-z_][A-Za-z0-9_]*)\"");
    private static final Pattern LITERAL_CAST = Pattern.compile("CAST\\((-?\\d+(?:\\.\\d+)?|'(?:[^']|'')*') AS "
            + "[A-Z][A-Z ]*(?:\\(\\d+(?:, ?\\d+)?\\))?\\)");

    private final H2Dialect dialect;

    H2Reflector(H2Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * A check as one would write it: H2 stores {@code balance >= 0} as {@code "BALANCE" >= CAST(0 AS NUMERIC(1))}.
     * A name is written bare, as reflection reports it, where bare it is the same name in this database and is not a
     * reserved word ({@code "BALANCE"} by default, {@code "balance"} with {@code DATABASE_TO_LOWER=TRUE}). A
     * cast of a literal is the literal. Outside string literals only.
     */
    String readable(String expression, IdentifierCase names) {
        return readable(expression, names, null);
    }

    /**
     * As {@link #readable(String, IdentifierCase)}, and a qualifier naming {@code ownSchema} (the session's schema,
     * where the objects are created) is left out. H2 stores a sequence default as {@code NEXT VALUE FOR
     * "PUBLIC"."SEQ"}; copied into a revision from the regular-mode scratch of a {@code sql:} model, that text named
     * a schema and sequence that do not exist under {@code DATABASE_TO_LOWER=TRUE} or {@code DATABASE_TO_UPPER=FALSE}
     * (t54-2). Written {@code NEXT VALUE FOR seq} it runs, and reads back the same, in every identifier-case setting.
     */
    String readable(String expression, IdentifierCase names, String ownSchema) {
        if (expression == null) return null;
        return LITERAL_CAST.matcher(quotedNames(expression, names, ownSchema))
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    /** {@code expression} with {@code code} applied to each part outside string literals. */
    private static String outsideLiterals(String expression, java.util.function.UnaryOperator<String> code) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < expression.length()) {
            int quote = expression.indexOf('\'', i);
            int end = quote < 0 ? expression.length() : quote;
            out.append(code.apply(expression.substring(i, end)));
            if (quote < 0) break;
            int close = quote + 1;
            while (close < expression.length()) {
                if (expression.charAt(close) == '\'') {
                    if (close + 1 < expression.length() && expression.charAt(close + 1) == '\'') close += 2;
                    else break;
                } else {
                    close++;
                }
            }
            out.append(expression, quote, Math.min(close + 1, expression.length()));
            i = close + 1;
        }
        return out.toString();
    }

    /**
     * A default's quoted names made readable as in {@link #readable(String, IdentifierCase, String)}; casts are kept,
     * as defaults always were (t54-2).
     */
    private String quotedNames(String expression, IdentifierCase names, String ownSchema) {
        String code = ownSchema == null ? expression : outsideLiterals(expression,
                c -> c.replace("\"" + ownSchema.replace("\"", "\"\"") + "\".", ""));
        return outsideLiterals(code, c -> readableCode(c, names));
    }

    private String readableCode(String code, IdentifierCase names) {
        return QUOTED_NAME.matcher(code).replaceAll(m -> {
            String name = names.reported(m.group(1));
            boolean bare = dialect.quote(name).equals(name) && names.storedBare(name).equals(m.group(1));
            return Matcher.quoteReplacement(bare ? name : m.group());
        });
    }

    @Override
    public SchemaModel reflect(Connection connection, String schema) throws SQLException {
        String current = currentSchema(connection);
        String s = schema == null || schema.isEmpty() ? current : schema;
        // a qualifier naming the schema the revision's statements run in is left out of expressions (t54-2)
        String ownSchema = s.equals(current) ? s : null;
        IdentifierCase names = IdentifierCase.of(connection);
        Map<String, TableBuilder> tables = new LinkedHashMap<>();
        query(connection, """
                SELECT TABLE_NAME, REMARKS FROM INFORMATION_SCHEMA.TABLES
                WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME""", s, rs ->
                tables.put(rs.getString(1), new TableBuilder(names.reported(rs.getString(1)), emptyToNull(rs.getString(2)))));
        Map<String, List<String>> enumValues = new HashMap<>();
        query(connection, """
                SELECT OBJECT_NAME, ENUM_IDENTIFIER, VALUE_NAME FROM INFORMATION_SCHEMA.ENUM_VALUES
                WHERE OBJECT_SCHEMA = ? AND OBJECT_TYPE = 'TABLE' ORDER BY OBJECT_NAME, ENUM_IDENTIFIER, VALUE_ORDINAL""", s, rs ->
                enumValues.computeIfAbsent(rs.getString(1) + "\0" + rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3)));
        Map<String, SqlType> elementTypes = new HashMap<>();
        query(connection, """
                SELECT OBJECT_NAME, COLLECTION_TYPE_IDENTIFIER, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION,
                       NUMERIC_SCALE, DATETIME_PRECISION
                FROM INFORMATION_SCHEMA.ELEMENT_TYPES WHERE OBJECT_SCHEMA = ? AND OBJECT_TYPE = 'TABLE'""", s, rs ->
                elementTypes.put(rs.getString(1) + "\0" + rs.getString(2),
                        type(rs.getString(3), small(rs, 4), small(rs, 5), small(rs, 6), small(rs, 7), null)));
        query(connection, """
                SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,
                       DATETIME_PRECISION, IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY, REMARKS, DTD_IDENTIFIER,
                       IS_GENERATED, GENERATION_EXPRESSION, INTERVAL_TYPE, INTERVAL_PRECISION, MAXIMUM_CARDINALITY,
                       IDENTITY_START, IDENTITY_INCREMENT, COLUMN_ON_UPDATE, IDENTITY_MINIMUM, IDENTITY_MAXIMUM,
                       IDENTITY_CYCLE, IDENTITY_CACHE
                FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION""", s, rs -> {
            TableBuilder t = tables.get(rs.getString(1));
            if (t == null) return;
            SqlType type = type(rs.getString(3), small(rs, 4), small(rs, 5), small(rs, 6), small(rs, 7),
                    enumValues.get(rs.getString(1) + "\0" + rs.getString(12)));
            String dataType = rs.getString(3).toUpperCase(Locale.ROOT);
            if ("INTERVAL".equals(dataType) && rs.getString(15) != null) {
                type = SqlType.raw(interval(rs.getString(15), small(rs, 16), small(rs, 7)));
            } else if ("ARRAY".equals(dataType)) {
                SqlType element = elementTypes.get(rs.getString(1) + "\0" + rs.getString(12));
                Integer cardinality = small(rs, 17);
                if (element != null) {
                    // H2's own default maximum cardinality is 65536
                    type = SqlType.raw(dialect.typeSql(element) + " ARRAY"
                            + (cardinality == null || cardinality == 65536 ? "" : "[" + cardinality + "]"));
                }
            }
            String dflt = rs.getString(9) == null || rs.getString(9).indexOf('"') < 0 ? rs.getString(9)
                    : quotedNames(rs.getString(9), names, ownSchema);
            if ("ALWAYS".equals(rs.getString(13)) && rs.getString(14) != null) {
                // A generated column has no model field: its expression is kept in the raw type, as on PostgreSQL.
                type = SqlType.raw(dialect.typeSql(type) + " GENERATED ALWAYS AS (" + readable(rs.getString(14), names, ownSchema) + ")");
                dflt = null;
            }
            boolean identity = "YES".equals(rs.getString(10));
            Column column = new Column(names.reported(rs.getString(2)), type, "YES".equals(rs.getString(8)), dflt,
                    identity, emptyToNull(rs.getString(11))).withOnUpdate(emptyToNull(rs.getString(20)));
            if (identity && rs.getString(18) != null && rs.getString(19) != null) {
                long increment = Long.parseLong(rs.getString(19).strip());
                // the bounds, cycle and cache of the identity's sequence, whose type is the column's
                SequenceOptions options = options(type, increment, longOrNull(rs.getString(21)), longOrNull(rs.getString(22)),
                        longOrNull(rs.getString(24)), "YES".equals(rs.getString(23)));
                column = column.withIdentity(new Column.Identity(Long.parseLong(rs.getString(18).strip()), increment, options));
            }
            t.columns.add(column);
        });
        Map<String, List<String>> keyColumns = new HashMap<>();
        Map<String, String> constraintTables = new HashMap<>();
        query(connection, """
                SELECT CONSTRAINT_NAME, COLUMN_NAME, TABLE_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE
                WHERE CONSTRAINT_SCHEMA = ? ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION""", s, rs -> {
            keyColumns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(names.reported(rs.getString(2)));
            constraintTables.put(rs.getString(1), rs.getString(3));
        });
        ConstraintIndexes constraintIndexes = ConstraintIndexes.read(connection, s, names);
        keyColumns.replaceAll((constraint, cols) ->
                constraintIndexes.current(constraint, cols, tables.get(constraintTables.get(constraint))));
        Map<String, String> checkClauses = new HashMap<>();
        query(connection, """
                SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS
                WHERE CONSTRAINT_SCHEMA = ?""", s, rs -> checkClauses.put(rs.getString(1), rs.getString(2)));
        Map<String, ForeignKeyBuilder> fks = new LinkedHashMap<>();
        Map<String, String> referencedKeys = new HashMap<>(); // a foreign key's -> the unique key it references, both raw
        Map<String, List<Integer>> referencedPositions = new HashMap<>();
        query(connection, """
                SELECT fk.TABLE_NAME, fk.CONSTRAINT_NAME, fk.COLUMN_NAME, uk.TABLE_SCHEMA, uk.TABLE_NAME, uk.COLUMN_NAME,
                       rc.DELETE_RULE, rc.UPDATE_RULE, rc.UNIQUE_CONSTRAINT_NAME, fk.POSITION_IN_UNIQUE_CONSTRAINT
                FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE fk
                JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc
                  ON rc.CONSTRAINT_SCHEMA = fk.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = fk.CONSTRAINT_NAME
                JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE uk
                  ON uk.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA AND uk.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME
                 AND uk.ORDINAL_POSITION = fk.POSITION_IN_UNIQUE_CONSTRAINT
                WHERE fk.CONSTRAINT_SCHEMA = ? ORDER BY fk.TABLE_NAME, fk.CONSTRAINT_NAME, fk.ORDINAL_POSITION""", s, rs -> {
            ForeignKeyBuilder fk = fks.computeIfAbsent(rs.getString(2), k -> new ForeignKeyBuilder());
            fk.table = rs.getString(1);
            fk.name = generated(rs.getString(2)) ? null : names.reported(rs.getString(2));
            fk.columns.add(names.reported(rs.getString(3)));
            fk.refSchema = s.equals(rs.getString(4)) ? null : names.reported(rs.getString(4));
            fk.refTable = names.reported(rs.getString(5));
            fk.refColumns.add(names.reported(rs.getString(6)));
            fk.onDelete = action(rs.getString(7));
            fk.onUpdate = action(rs.getString(8));
            if (s.equals(rs.getString(4))) referencedKeys.put(rs.getString(2), rs.getString(9));
            referencedPositions.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getInt(10));
        });
        fks.forEach((raw, fk) -> {
            List<String> cols = constraintIndexes.current(raw, List.copyOf(fk.columns), tables.get(fk.table));
            fk.columns.clear();
            fk.columns.addAll(cols);
            // the referenced columns as the referenced key (read as above) has them now, by position
            List<String> key = keyColumns.get(referencedKeys.get(raw));
            List<Integer> at = referencedPositions.get(raw);
            if (key != null && at.stream().allMatch(p -> p >= 1 && p <= key.size())) {
                fk.refColumns.clear();
                at.forEach(p -> fk.refColumns.add(key.get(p - 1)));
            }
        });
        for (ForeignKeyBuilder fk : fks.values()) {
            TableBuilder t = tables.get(fk.table);
            if (t != null) t.foreignKeys.add(fk.build());
        }
        query(connection, """
                SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
                WHERE TABLE_SCHEMA = ? AND CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'CHECK')
                ORDER BY TABLE_NAME, CONSTRAINT_NAME""", s, rs -> {
            TableBuilder t = tables.get(rs.getString(1));
            if (t == null) return;
            String raw = rs.getString(2);
            String name = generated(raw) ? null : names.reported(raw);
            List<String> cols = keyColumns.getOrDefault(raw, List.of());
            switch (rs.getString(3)) {
                case "PRIMARY KEY" -> t.primaryKey = new PrimaryKey(name, cols);
                case "UNIQUE" -> t.uniques.add(new UniqueConstraint(name, cols));
                default -> t.checks.add(new CheckConstraint(name, readable(checkClauses.get(raw), names, ownSchema)));
            }
        });
        Map<String, IndexBuilder> indexes = new LinkedHashMap<>();
        query(connection, """
                SELECT i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME, c.COLUMN_NAME, c.ORDERING_SPECIFICATION
                FROM INFORMATION_SCHEMA.INDEXES i
                JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c
                  ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME AND c.TABLE_NAME = i.TABLE_NAME
                WHERE i.INDEX_SCHEMA = ? AND NOT i.IS_GENERATED
                ORDER BY i.TABLE_NAME, i.INDEX_NAME, c.ORDINAL_POSITION""", s, rs -> {
            IndexBuilder ix = indexes.computeIfAbsent(rs.getString(1) + "\0" + rs.getString(2), k -> new IndexBuilder());
            ix.table = rs.getString(1);
            ix.name = names.reported(rs.getString(2));
            // INDEX, UNIQUE INDEX, HASH INDEX, UNIQUE HASH INDEX, SPATIAL INDEX: the method as the index operation
            // takes it (CREATE HASH INDEX); without it a HASH index read as a plain one (t49-4)
            String kind = rs.getString(3);
            ix.unique = kind.startsWith("UNIQUE");
            ix.using = kind.contains("HASH") ? "hash" : kind.contains("SPATIAL") ? "spatial" : null;
            String col = names.reported(rs.getString(4));
            ix.elements.add("DESC".equals(rs.getString(5))
                    // quoted as DDL names it (a reserved word folded to lower case is "ORDER" again)
                    ? IndexElement.expression(dialect.quote(col) + " DESC") : IndexElement.column(col));
        });
        for (IndexBuilder ix : indexes.values()) {
            TableBuilder t = tables.get(ix.table);
            if (t != null) t.indexes.add(new Index(ix.name, ix.elements, ix.unique, null, ix.using));
        }
        List<Sequence> sequences = new ArrayList<>();
        query(connection, """
                SELECT SEQUENCE_NAME, START_VALUE, INCREMENT, DATA_TYPE, MINIMUM_VALUE, MAXIMUM_VALUE, CYCLE_OPTION, CACHE
                FROM INFORMATION_SCHEMA.SEQUENCES
                WHERE SEQUENCE_SCHEMA = ? ORDER BY SEQUENCE_NAME""", s, rs -> {
            long start = rs.getLong(2);
            long inc = rs.getLong(3);
            SqlType type = switch (String.valueOf(rs.getString(4)).toUpperCase(Locale.ROOT)) {
                case "SMALLINT" -> SqlType.of(SqlType.Kind.SMALLINT);
                case "INTEGER" -> SqlType.of(SqlType.Kind.INTEGER);
                default -> null; // BIGINT, the default (and the numeric types H2 also counts in, read as bounds)
            };
            SequenceOptions options = options(type, inc, longOrNull(rs.getString(5)), longOrNull(rs.getString(6)),
                    longOrNull(rs.getString(8)), "YES".equals(rs.getString(7)));
            sequences.add(new Sequence(null, names.reported(rs.getString(1)), start == 1 ? null : start, inc == 1 ? null : inc,
                    options.withType(type)));
        });
        List<Table> result = new ArrayList<>();
        for (TableBuilder t : tables.values()) result.add(t.build());
        return new SchemaModel(result, sequences, List.of());
    }

    static SqlType type(String declared, Integer length, Integer precision, Integer scale, Integer datetimePrecision,
                        List<String> enumValues) {
        String dataType = declared.toUpperCase(Locale.ROOT);
        return switch (dataType) {
            case "INTEGER" -> SqlType.of(SqlType.Kind.INTEGER);
            case "BIGINT" -> SqlType.of(SqlType.Kind.BIGINT);
            case "SMALLINT" -> SqlType.of(SqlType.Kind.SMALLINT);
            case "BOOLEAN" -> SqlType.of(SqlType.Kind.BOOLEAN);
            case "REAL" -> SqlType.of(SqlType.Kind.REAL);
            case "DOUBLE PRECISION" -> SqlType.of(SqlType.Kind.DOUBLE);
            case "DATE" -> SqlType.of(SqlType.Kind.DATE);
            case "UUID" -> SqlType.of(SqlType.Kind.UUID);
            case "JSON" -> SqlType.of(SqlType.Kind.JSON);
            case "CHARACTER LARGE OBJECT" -> SqlType.of(SqlType.Kind.TEXT);
            case "BINARY LARGE OBJECT" -> SqlType.of(SqlType.Kind.BLOB);
            case "CHARACTER VARYING" -> new SqlType(SqlType.Kind.STRING,
                    length == null || length >= 1_000_000_000 ? null : length, null, null, false, null, null, null);
            case "CHARACTER" -> SqlType.chars(length == null ? 1 : length);
            // fixed length, padded: Retort's binary(n) is VARBINARY(n)
            case "BINARY" -> SqlType.raw("BINARY(" + (length == null ? 1 : length) + ")");
            case "BINARY VARYING" -> SqlType.raw(length == null || length >= 1_000_000_000 ? "VARBINARY" : "VARBINARY(" + length + ")");
            // NUMERIC(100000, 30) is how numeric() is declared (H2Dialect.UNCONSTRAINED_NUMERIC)
            case "NUMERIC" -> precision == null || (precision == 100_000 && scale != null && scale == 30) ? SqlType.of(SqlType.Kind.NUMERIC)
                    : SqlType.numeric(precision, scale == null ? 0 : scale);
            case "TIMESTAMP", "TIMESTAMP WITH TIME ZONE" -> new SqlType(SqlType.Kind.TIMESTAMP, null,
                    datetimePrecision == null || datetimePrecision == 6 ? null : datetimePrecision, null,
                    dataType.endsWith("ZONE"), null, null, null);
            case "TIME", "TIME WITH TIME ZONE" -> new SqlType(SqlType.Kind.TIME, null,
                    datetimePrecision == null || datetimePrecision == 6 ? null : datetimePrecision, null,
                    dataType.endsWith("ZONE"), null, null, null);
            case "ENUM" -> SqlType.enumOf(null, enumValues == null ? List.of() : enumValues);
            // VARCHAR_IGNORECASE(n) and other H2 types with a length keep it
            default -> SqlType.raw(length == null || length >= 1_000_000_000 ? dataType : dataType + "(" + length + ")");
        };
    }

    /**
     * {@code INTERVAL YEAR TO MONTH}, {@code INTERVAL DAY(3) TO SECOND(2)}, {@code INTERVAL SECOND(4, 3)}: the
     * leading field's precision where not H2's default 2, the seconds' fraction where not its default 6.
     */
    static String interval(String fields, Integer leading, Integer fraction) {
        String[] parts = fields.strip().split(" TO ");
        boolean lead = leading != null && leading != 2;
        boolean frac = parts[parts.length - 1].equals("SECOND") && fraction != null && fraction != 6;
        if (parts.length == 1) {
            if (!lead && !frac) return "INTERVAL " + parts[0];
            return "INTERVAL " + parts[0] + "(" + (leading == null ? 2 : leading) + (frac ? ", " + fraction : "") + ")";
        }
        return "INTERVAL " + parts[0] + (lead ? "(" + leading + ")" : "") + " TO " + parts[1] + (frac ? "(" + fraction + ")" : "");
    }

    /** An int column of INFORMATION_SCHEMA; lengths of LOBs exceed int and mean "unbounded". */
    private static Integer small(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        if (rs.wasNull() || v > Integer.MAX_VALUE) return null;
        return (int) v;
    }

    /** H2's own names for unnamed constraints. */
    private static boolean generated(String name) {
        return name.startsWith("CONSTRAINT_");
    }


    private static String action(String rule) {
        if (rule == null) return null;
        return switch (rule) {
            case "CASCADE", "SET NULL", "SET DEFAULT" -> rule;
            default -> null;
        };
    }

    private static String currentSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CURRENT_SCHEMA")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * A sequence's options as H2 keeps them ({@link ReflectionSupport#sequenceOptions}): INFORMATION_SCHEMA may leave
     * a value out (null, the default), its default cache is 32, and it reports an odd cache, below 1, for a descending
     * sequence without bounds: no cache given either.
     */
    static SequenceOptions options(SqlType type, long increment, Long min, Long max, Long cache, boolean cycle) {
        return ReflectionSupport.sequenceOptions(type, increment, min, max, cache != null && cache < 1 ? null : cache, 32, cycle);
    }

    private static Long longOrNull(String s) {
        return s == null || s.isBlank() ? null : Long.valueOf(s.strip());
    }
}

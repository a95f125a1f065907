package dev.retort.dialect.mariadb;

import static dev.retort.dialect.ReflectionSupport.emptyToNull;
import static dev.retort.dialect.ReflectionSupport.query;

import dev.retort.dialect.Reflector;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.Change;
import dev.retort.dialect.ReflectionSupport.ForeignKeyBuilder;
import dev.retort.dialect.ReflectionSupport.IndexBuilder;
import dev.retort.dialect.ReflectionSupport.TableBuilder;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
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
import java.util.Map;

/**
 * Reads one MariaDB/MySQL database from information_schema: one query per kind of object for the
 * whole database.
 * <p>
 * Decisions: unique keys over plain columns are unique constraints (MariaDB does not tell the two
 * apart); the index InnoDB creates by itself for a foreign key (same name as the key) is left out;
 * a {@code longtext} column with MariaDB's {@code json_valid} column check is a JSON column;
 * RESTRICT and NO ACTION (the same thing in InnoDB) are the default action. A column's collation, where
 * it is not its table's, is the column's (a JSON column's utf8mb4_bin is MariaDB's own); a table's, where it is not
 * its database's default, is the table's ({@code COLLATE=utf8mb4_bin}). Not reflected:
 * character sets (a collation names its own), views, routines, triggers. A column's
 * {@code ON UPDATE CURRENT_TIMESTAMP} is the column's {@code onUpdate}, spelled as a model writes it
 * ({@code current_timestamp()} is {@code CURRENT_TIMESTAMP}; a precision stays). A column change autogenerate
 * writes carries the column's collation all the same ({@link #withExistingDetails}), since MODIFY restates it. What changes the data a table accepts or
 * returns but has no place in the model ({@code INVISIBLE}, system versioning)
 * is named in a warning, so that it is not lost silently. The table's {@code AUTO_INCREMENT} (the next
 * number; the start in a model table without rows) is the auto-increment column's identity start.
 */
final class MariaDbReflector implements Reflector {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MariaDbReflector.class);
    private final MariaDbDialect dialect;

    MariaDbReflector(MariaDbDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public SchemaModel reflect(Connection connection, String schema) throws SQLException {
        String current = currentDatabase(connection);
        String s = schema == null || schema.isEmpty() ? current : schema;
        // a qualifier naming the database the revision's statements run in is left out of expressions (t57-7)
        String ownDatabase = s != null && s.equals(current) ? s : null;
        Map<String, TableBuilder> tables = new LinkedHashMap<>();
        List<String> sequenceNames = new ArrayList<>();
        Map<String, String> tableCollations = new HashMap<>();
        Map<String, Long> autoIncrements = new HashMap<>();
        // a table's collation is its own where it is not its database's default: the one a CREATE TABLE without
        // COLLATE= gets, so that a model's scratch database and the application's compare alike (t57-11)
        String[] databaseCollation = new String[1];
        query(connection, "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", s,
                rs -> databaseCollation[0] = rs.getString(1));
        query(connection, """
                SELECT TABLE_NAME, TABLE_COMMENT, TABLE_TYPE, TABLE_COLLATION, AUTO_INCREMENT FROM information_schema.TABLES
                WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SEQUENCE', 'SYSTEM VERSIONED')
                ORDER BY TABLE_NAME""", s, rs -> {
            String name = rs.getString(1);
            if ("SEQUENCE".equals(rs.getString(3))) {
                sequenceNames.add(name);
                return;
            }
            if ("SYSTEM VERSIONED".equals(rs.getString(3))) {
                LOG.warn("Table {} is WITH SYSTEM VERSIONING: autogenerate and check do not compare system versioning, and a"
                        + " revision that creates the table leaves it out; add it by hand: {}", name,
                        dev.retort.ops.Execute.javaCall("ALTER TABLE " + dialect.quote(name) + " ADD SYSTEM VERSIONING"));
            }
            TableBuilder table = new TableBuilder(name, emptyToNull(rs.getString(2)));
            tables.put(name, table);
            tableCollations.put(name, rs.getString(4));
            if (rs.getString(4) != null && !rs.getString(4).equalsIgnoreCase(databaseCollation[0])) table.collation = rs.getString(4);
            if (rs.getObject(5) != null && rs.getLong(5) > 1) autoIncrements.put(name, rs.getLong(5));
        });
        Map<String, String> jsonChecks = new HashMap<>();
        query(connection, """
                SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM information_schema.CHECK_CONSTRAINTS
                WHERE CONSTRAINT_SCHEMA = ? ORDER BY TABLE_NAME, CONSTRAINT_NAME""", s, rs -> {
            TableBuilder t = tables.get(rs.getString(1));
            if (t == null) return;
            String name = rs.getString(2);
            String clause = withoutQualifier(rs.getString(3), ownDatabase);
            if ("Column".equals(rs.getString(4)) && clause.equals("json_valid(`" + name + "`)")) {
                jsonChecks.put(rs.getString(1) + "." + name, clause);
            } else {
                t.checks.add(new CheckConstraint(name, clause));
            }
        });
        query(connection, """
                SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT,
                       GENERATION_EXPRESSION, COLLATION_NAME
                FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION""", s, rs -> {
            TableBuilder t = tables.get(rs.getString(1));
            if (t == null) return;
            String name = rs.getString(2);
            SqlType type = MariaDbTypes.parse(rs.getString(3));
            if (jsonChecks.containsKey(t.name + "." + name) && "longtext".equalsIgnoreCase(rs.getString(3))) {
                type = SqlType.of(SqlType.Kind.JSON);
            }
            String extra = rs.getString(6) == null ? "" : rs.getString(6).toLowerCase();
            String dflt = withoutQualifier(rs.getString(5), ownDatabase);
            if (dflt != null && dflt.equalsIgnoreCase("NULL")) dflt = null;
            String generation = withoutQualifier(rs.getString(8), ownDatabase);
            if (extra.contains("generated") && generation != null) {
                // A generated column has no model field: its expression is kept in the raw type, as on PostgreSQL.
                type = SqlType.raw(dialect.typeSql(type) + " AS (" + generation + ")"
                        + (extra.contains("stored") || extra.contains("persistent") ? " STORED" : " VIRTUAL"));
                dflt = null;
            }
            String collation = rs.getString(9);
            if (extra.contains("invisible")) lost("Column " + t.name + "." + name, "INVISIBLE", "INVISIBLE");
            Column column = new Column(name, type, "YES".equals(rs.getString(4)), dflt,
                    extra.contains("auto_increment"), emptyToNull(rs.getString(7)))
                    .withOnUpdate(MariaDbColumn.onUpdateIn(rs.getString(6)));
            Long start = autoIncrements.get(t.name);
            // a JSON column is utf8mb4_bin by MariaDB's own choice
            if (collation != null && !collation.equals(tableCollations.get(t.name)) && type.kind() != SqlType.Kind.JSON
                    && !extra.contains("generated")) {
                column = column.withCollation(collation);
            }
            t.columns.add(column.autoincrement() && start != null ? column.withIdentity(start, 1) : column);
        });
        Map<String, ForeignKeyBuilder> fks = new LinkedHashMap<>();
        // MariaDB shows a user with SELECT only no REFERENTIAL_CONSTRAINTS rows, but the KEY_COLUMN_USAGE ones: the
        // keys are read from those, and their actions, where the join found none, from SHOW CREATE TABLE (t59-8)
        java.util.Set<String> withoutActions = new java.util.LinkedHashSet<>();
        query(connection, """
                SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA,
                       k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE
                FROM information_schema.KEY_COLUMN_USAGE k
                LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r
                  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
                 AND r.TABLE_NAME = k.TABLE_NAME
                WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
                ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION""", s, rs -> {
            String key = rs.getString(1) + "\0" + rs.getString(2);
            ForeignKeyBuilder fk = fks.computeIfAbsent(key, k -> new ForeignKeyBuilder());
            fk.table = rs.getString(1);
            fk.name = rs.getString(2);
            fk.columns.add(rs.getString(3));
            fk.refSchema = s.equals(rs.getString(4)) ? null : rs.getString(4);
            fk.refTable = rs.getString(5);
            fk.refColumns.add(rs.getString(6));
            fk.onDelete = action(rs.getString(7));
            fk.onUpdate = action(rs.getString(8));
            if (rs.getString(7) == null) withoutActions.add(fk.table);
        });
        for (String table : withoutActions) {
            if (!tables.containsKey(table)) continue;
            Map<String, MariaDbForeignKeyActions.Actions> actions = MariaDbForeignKeyActions.of(showCreateTable(connection, s, table));
            for (ForeignKeyBuilder fk : fks.values()) {
                if (!fk.table.equals(table)) continue;
                MariaDbForeignKeyActions.Actions a = actions.get(fk.name);
                if (a == null) {
                    throw new SQLException("Cannot read the ON DELETE/ON UPDATE actions of foreign key " + fk.name + " of table "
                            + table + ": information_schema.REFERENTIAL_CONSTRAINTS shows this user none of them, and SHOW"
                            + " CREATE TABLE " + table + " does not name the key");
                }
                fk.onDelete = action(a.onDelete());
                fk.onUpdate = action(a.onUpdate());
            }
        }
        for (ForeignKeyBuilder fk : fks.values()) {
            TableBuilder t = tables.get(fk.table);
            if (t != null) t.foreignKeys.add(fk.build());
        }
        Map<String, IndexBuilder> indexes = new LinkedHashMap<>();
        query(connection, """
                SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, COLLATION, INDEX_COMMENT
                FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?
                ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX""", s, rs -> {
            String key = rs.getString(1) + "\0" + rs.getString(2);
            // t75-4: index comments are not in the schema model; an index created again (any change) loses its comment
            if (!indexes.containsKey(key) && rs.getString(8) != null && !rs.getString(8).isEmpty()) {
                LOG.warn("Index {} on table {} has a comment ({}): autogenerate and check do not compare comments on indexes,"
                        + " and a revision that creates the index (or drops and creates it again) leaves it out; add it by"
                        + " hand (COMMENT '...' after the index's columns)", rs.getString(2), rs.getString(1), rs.getString(8));
            }
            IndexBuilder ix = indexes.computeIfAbsent(key, k -> new IndexBuilder());
            ix.table = rs.getString(1);
            ix.name = rs.getString(2);
            ix.unique = rs.getInt(3) == 0;
            String type = rs.getString(6);
            ix.using = "FULLTEXT".equals(type) || "SPATIAL".equals(type) ? type : null;
            String column = rs.getString(4);
            // a prefix length or a descending order (MariaDB 10.8+, COLLATION 'D') is kept in the element's own
            // spelling, as PostgreSQL and H2 keep theirs: such an index is written as MariaDB spells it
            boolean descending = "D".equals(rs.getString(7));
            if (rs.getObject(5) != null || descending) {
                ix.elements.add(IndexElement.expression("`" + column.replace("`", "``") + "`"
                        + (rs.getObject(5) != null ? "(" + rs.getInt(5) + ")" : "") + (descending ? " DESC" : "")));
            } else {
                ix.elements.add(IndexElement.column(column));
            }
        });
        for (IndexBuilder ix : indexes.values()) {
            TableBuilder t = tables.get(ix.table);
            if (t == null) continue;
            if (ix.name.equals("PRIMARY")) {
                t.primaryKey = new PrimaryKey(null, ix.elements.stream().map(IndexElement::column).toList());
            } else if (ix.unique && ix.using == null && ix.elements.stream().noneMatch(IndexElement::isExpression)) {
                t.uniques.add(new UniqueConstraint(ix.name, ix.elements.stream().map(IndexElement::column).toList()));
            } else if (!isForeignKeyIndex(t, ix, indexes.values())) {
                t.indexes.add(new Index(ix.name, ix.elements, ix.unique, null, ix.using));
            }
        }
        List<Sequence> sequences = new ArrayList<>();
        for (String name : sequenceNames) sequences.add(sequence(connection, s, name));
        List<Table> result = new ArrayList<>();
        for (TableBuilder t : tables.values()) result.add(t.build());
        return new SchemaModel(result, sequences, List.of());
    }

    /**
     * {@code expression} without the qualifier {@code `database`.}, outside string literals. MariaDB stores a sequence
     * default qualified with its database ({@code nextval(`shop`.`s1`)}): read from a {@code sql:} model's scratch
     * database, that named the scratch, which is gone when the revision runs, and never matched the database's own
     * (t57-7). Unqualified, it names the sequence of the database the statements run in, where both read the same.
     * Null {@code database} (the reflected database is not the session's) keeps the expression as it is.
     */
    static String withoutQualifier(String expression, String database) {
        if (expression == null || database == null || expression.indexOf('`') < 0) return expression;
        String qualifier = "`" + database.replace("`", "``") + "`.";
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < expression.length()) {
            int quote = expression.indexOf('\'', i);
            int end = quote < 0 ? expression.length() : quote;
            out.append(expression.substring(i, end).replace(qualifier, ""));
            if (quote < 0) break;
            int close = quote + 1;
            while (close < expression.length()) {
                char ch = expression.charAt(close);
                if (ch == '\\') {
                    close += 2;
                } else if (ch == '\'' && close + 1 < expression.length() && expression.charAt(close + 1) == '\'') {
                    close += 2;
                } else if (ch == '\'') {
                    break;
                } else {
                    close++;
                }
            }
            out.append(expression, quote, Math.min(close + 1, expression.length()));
            i = close + 1;
        }
        return out.toString();
    }

    private static void lost(String object, String clause, String notCompared) {
        LOG.warn("{} has {}: autogenerate and check do not compare {}, and a revision that creates the column leaves it"
                + " out; add it by hand", object, clause, notCompared);
    }

    /**
     * The column's own collation, which MODIFY restates and the model holds only where it names one. (Its
     * {@code ON UPDATE} is in the model: the comparison gives it as {@code existingOnUpdate}.)
     */
    @Override
    public AlterColumn withExistingDetails(Connection connection, AlterColumn op, String table, String column) {
        return MariaDbColumn.read(connection, op.schema(), table, column)
                .map(c -> op.withExistingCollation(Change.ofNullable(c.collation())))
                .orElse(op);
    }

    /**
     * InnoDB names the index it adds for a foreign key after the key; it is not the user's index. It adds one only
     * where no other index serves the key, and drops it once another does: beside another such index, an index
     * named after the key was made on purpose, and is reported.
     */
    private static boolean isForeignKeyIndex(TableBuilder t, IndexBuilder ix, java.util.Collection<IndexBuilder> all) {
        if (ix.unique || ix.using != null) return false;
        for (ForeignKey fk : t.foreignKeys) {
            if (fk.name().equals(ix.name) && ix.elements.stream().map(IndexElement::column).toList().equals(fk.columns())) {
                return all.stream().noneMatch(o -> o != ix && o.table.equals(ix.table) && o.using == null
                        && servesKey(o.elements, fk.columns()));
            }
        }
        return false;
    }

    private static boolean servesKey(List<IndexElement> elements, List<String> key) {
        if (elements.size() < key.size()) return false;
        for (int i = 0; i < key.size(); i++) {
            IndexElement e = elements.get(i);
            if (e.isExpression() || !e.column().equalsIgnoreCase(key.get(i))) return false;
        }
        return true;
    }

    private static Sequence sequence(Connection c, String schema, String name) throws SQLException {
        String q = "`" + schema.replace("`", "``") + "`.`" + name.replace("`", "``") + "`";
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT start_value, increment, minimum_value, maximum_value, cache_size,"
                     + " cycle_option FROM " + q)) {
            rs.next();
            long start = rs.getLong(1);
            long inc = rs.getLong(2);
            // the bounds, cache and cycle, each default left out: MariaDB's bounds are one inside BIGINT's
            // (1 to 9223372036854775806 ascending, -9223372036854775807 to -1 descending), its cache 1000; its
            // sequences count in BIGINT (AS another type came with 11.5, which this does not read)
            long min = rs.getLong(3);
            long max = rs.getLong(4);
            long cache = rs.getLong(5);
            SequenceOptions options = new SequenceOptions(null,
                    min == (inc > 0 ? 1 : -Long.MAX_VALUE) ? null : min, max == (inc > 0 ? Long.MAX_VALUE - 1 : -1) ? null : max,
                    cache == 1000 ? null : cache, rs.getBoolean(6));
            return new Sequence(null, name, start == 1 ? null : start, inc == 1 ? null : inc, options);
        }
    }

    private static String action(String rule) {
        if (rule == null) return null;
        return switch (rule) {
            case "CASCADE", "SET NULL", "SET DEFAULT" -> rule;
            default -> null; // RESTRICT and NO ACTION: InnoDB's default behaviour
        };
    }

    private static String showCreateTable(Connection c, String schema, String table) throws SQLException {
        String q = "`" + schema.replace("`", "``") + "`.`" + table.replace("`", "``") + "`";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + q)) {
            rs.next();
            return rs.getString(2);
        }
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}

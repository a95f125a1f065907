package dev.retort.dialect.h2;

import dev.retort.RetortException;
import dev.retort.dialect.ConstraintNames;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.ScriptCatalog;
import dev.retort.dialect.SqlRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.AlterIdentity;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** H2: standard SQL; no partial or expression indexes, no named enum types. */
final class H2Renderer extends SqlRenderer {
    /**
     * Offline: the JSON columns of tables created or changed in this run, by table, as H2 stores the names;
     * online they are read from INFORMATION_SCHEMA.
     */
    private final Map<String, Set<String>> jsonColumns = new HashMap<>();

    /** Offline: what the script created so far (its foreign keys); null online, where the catalog is read. */
    private final ScriptCatalog script;

    /**
     * H2 has no column collations (one per database, SET COLLATION): a revision written on another engine runs
     * here without them, as its other engine-only details do.
     */
    @Override
    protected String collateClause(String collation) {
        return "";
    }

    H2Renderer(H2Dialect dialect, RenderContext context) {
        super(dialect, context);
        this.script = context.connection().isEmpty() ? new ScriptCatalog(this::stored) : null;
    }

    @Override
    public List<SqlStatement> render(Operation operation) {
        List<SqlStatement> out = super.render(operation);
        if (context.connection().isEmpty()) {
            track(operation);
            script.track(operation instanceof CreateTable ct ? new CreateTable(withConstraintNames(ct.table()), ct.ifNotExists())
                    : operation);
        }
        return out;
    }

    /**
     * Foreign keys, unique and check constraints the table leaves unnamed are named as PostgreSQL names them,
     * {@code <table>_<columns>_fkey}, {@code <table>_<columns>_key}, {@code <table>_<column>_check} (as the
     * foreign keys on MariaDB, and as an inline {@code references()} or {@code unique()} of {@code addColumn} is
     * named everywhere): H2's own names ({@code CONSTRAINT_3D}) depend on the database's object ids, so no later
     * revision can drop them by a name that holds in every database (t25-2), and they cannot be known offline,
     * where {@link #visitDropIndex} has to drop and re-add such a key by name (r3-5). Named in both modes so that
     * a script and an online run make the same schema. A foreign key's name already taken in the schema (online:
     * read; offline: what the script created) is left to H2; a unique or check constraint's takes a number, as
     * on PostgreSQL ({@code t_a_check1}).
     */
    @Override
    public List<SqlStatement> visitCreateTable(CreateTable op) {
        Table t = withConstraintNames(op.table());
        List<ForeignKey> served = op.ifNotExists() ? List.of()
                : t.foreignKeys().stream().filter(fk -> t.indexes().stream().anyMatch(ix -> serves(ix, fk))).toList();
        if (served.isEmpty()) return super.visitCreateTable(new CreateTable(t, op.ifNotExists()));
        for (ForeignKey fk : served) requireDeferral(op, t.name(), fk);
        List<ForeignKey> inline = t.foreignKeys().stream().filter(fk -> !served.contains(fk)).toList();
        List<SqlStatement> out = new ArrayList<>(super.visitCreateTable(new CreateTable(new Table(t.schema(), t.name(),
                t.columns(), t.primaryKey(), inline, t.uniqueConstraints(), t.checkConstraints(), t.indexes(), t.comment(),
                t.options()), false)));
        for (ForeignKey fk : served) out.add(SqlStatement.of(alterTable(t.schema(), t.name()) + "ADD " + foreignKeyDefinition(t.schema(), fk)));
        return out;
    }

    /**
     * Whether H2 makes a foreign key added after {@code ix} use it: an index over the key's columns, in any order
     * (checked on 2.3; an index with more columns is not used). A key written inside CREATE TABLE gets an index of its
     * own, so the model's {@code CREATE INDEX idx_fk_x ON t (x)} left two identical indexes (t49-6). Such keys are added
     * after the table's indexes, as a model file that creates them with ALTER TABLE does.
     */
    private static boolean serves(dev.retort.schema.Index ix, ForeignKey fk) {
        return ix.where() == null && ix.elements().size() == fk.columns().size()
                && ix.elements().stream().allMatch(e -> !e.isExpression() && fk.columns().contains(e.column()));
    }

    private Table withConstraintNames(Table t) {
        if (t.foreignKeys().stream().allMatch(f -> f.name() != null) && t.uniqueConstraints().stream().allMatch(u -> u.name() != null)
                && t.checkConstraints().stream().allMatch(c -> c.name() != null)) return t;
        Set<String> taken = new HashSet<>();
        for (ForeignKey f : t.foreignKeys()) if (f.name() != null) taken.add(stored(f.name()));
        t.uniqueConstraints().forEach(u -> { if (u.name() != null) taken.add(stored(u.name())); });
        t.checkConstraints().forEach(c -> { if (c.name() != null) taken.add(stored(c.name())); });
        if (t.primaryKey() != null && t.primaryKey().name() != null) taken.add(stored(t.primaryKey().name()));
        List<ForeignKey> named = new ArrayList<>();
        for (ForeignKey f : t.foreignKeys()) {
            String name = ConstraintNames.foreignKey(t.name(), f.columns());
            if (f.name() == null && !constraintExists(t.schema(), name) && taken.add(stored(name))) {
                f = f.withName(name);
            }
            named.add(f);
        }
        List<UniqueConstraint> uniques = new ArrayList<>();
        for (UniqueConstraint u : t.uniqueConstraints()) {
            uniques.add(u.name() != null ? u : new UniqueConstraint(free(t.schema(), ConstraintNames.unique(t.name(), u.columns()), taken),
                    u.columns()));
        }
        List<String> columns = t.columns().stream().map(Column::name).toList();
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckConstraint c : t.checkConstraints()) {
            checks.add(c.name() != null ? c : new CheckConstraint(free(t.schema(),
                    ConstraintNames.check(t.name(), c.expression(), columns), taken), c.expression()));
        }
        return new Table(t.schema(), t.name(), t.columns(), t.primaryKey(), named, uniques, checks, t.indexes(), t.comment(),
                t.options());
    }

    /** {@code base}, or with the first number that makes it free in the schema and the table, as PostgreSQL numbers. */
    private String free(String schema, String base, Set<String> taken) {
        String name = base;
        for (int n = 1; taken.contains(stored(name)) || constraintExists(schema, name); n++) name = base + n;
        taken.add(stored(name));
        return name;
    }

    /** Whether the schema has a constraint of that name (H2 constraint names are the schema's). */
    private boolean constraintExists(String schema, String name) {
        if (context.connection().isEmpty()) return script.constraintNamed(schema, name);
        String sql = "SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = COALESCE(?, SCHEMA())"
                + " AND CONSTRAINT_NAME = ?";
        try (PreparedStatement ps = context.connection().get().prepareStatement(sql)) {
            ps.setString(1, schema == null || schema.isEmpty() ? null : stored(schema));
            ps.setString(2, stored(name));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot read the H2 constraints: " + e.getMessage(), e);
        }
    }

    // --- indexes a constraint uses

    /**
     * H2 lets a foreign key use any index that starts with its columns, and after any ALTER of the table
     * re-picks one, dropping the key's own index: the index created later then belongs to the key and
     * cannot be dropped. The key is dropped around the DROP INDEX and added again as it was, which gives it
     * its own index back (the schema from before the index was created). Online the keys are read;
     * offline those the script created on a table it created, whose columns start the dropped index.
     */
    @Override
    public List<SqlStatement> visitDropIndex(DropIndex op) {
        List<SqlStatement> drop = super.visitDropIndex(op);
        List<String[]> keys = context.connection().isPresent() ? foreignKeysUsing(context.connection().get(), op)
                : knownForeignKeysServedBy(op);
        if (keys.isEmpty()) {
            if (context.connection().isEmpty() && (op.table() == null || script.table(op.schema(), op.table()).isEmpty())) {
                return one("-- H2 refuses this if a foreign key uses the index (the table was not made by the revisions"
                        + " up to here); online Retort drops and re-adds the key around it\n" + drop.get(0).sql());
            }
            return drop;
        }
        List<SqlStatement> out = new ArrayList<>();
        for (String[] k : keys) out.add(SqlStatement.of(k[0]));
        out.addAll(drop);
        for (String[] k : keys) out.add(SqlStatement.of(k[1]));
        return out;
    }

    /**
     * A key whose own index the new index over exactly its columns (any order) replaces is dropped and added again
     * after it: H2 then uses the new index and drops the key's own. Without this a downgrade that re-creates an index
     * a revision dropped (which gave the key its own index back) left two identical indexes, where the first upgrade
     * made one (t54-3; on MariaDB createIndex drops the key's own index likewise). Online the keys are read; offline
     * those the script knows (tables made by it or by the revisions before it).
     */
    @Override
    public List<SqlStatement> visitCreateIndex(CreateIndex op) {
        List<SqlStatement> create = super.visitCreateIndex(op);
        dev.retort.schema.Index ix = op.index();
        if (op.ifNotExists() || ix.where() != null || ix.elements().stream().anyMatch(e -> e.isExpression())) return create;
        Set<String> columns = new HashSet<>();
        ix.elements().forEach(e -> columns.add(stored(e.column())));
        if (columns.size() != ix.elements().size()) return create;
        List<String[]> keys;
        if (context.connection().isPresent()) {
            String schema = op.schema() == null || op.schema().isEmpty() ? null : stored(op.schema());
            keys = foreignKeys(context.connection().get(), "tc.TABLE_SCHEMA = COALESCE(?, SCHEMA()) AND tc.TABLE_NAME = ?",
                    schema, stored(op.table()), columns, "of H2 table " + op.table());
        } else {
            keys = new ArrayList<>();
            for (ForeignKey fk : script.table(op.schema(), op.table()).map(ScriptCatalog.Known::foreignKeys).orElse(List.of())) {
                Set<String> cols = new HashSet<>();
                fk.columns().forEach(col -> cols.add(stored(col)));
                if (fk.name() == null || !cols.equals(columns) || cols.size() != fk.columns().size()) continue;
                keys.add(new String[] {alterTable(op.schema(), op.table()) + "DROP CONSTRAINT " + q(fk.name()),
                        alterTable(op.schema(), op.table()) + "ADD " + foreignKeyDefinition(op.schema(), fk)});
            }
        }
        if (keys.isEmpty()) return create;
        List<SqlStatement> out = new ArrayList<>(create);
        for (String[] k : keys) {
            out.add(SqlStatement.of(k[0]));
            out.add(SqlStatement.of(k[1]));
        }
        return out;
    }

    /** [drop, add] of each foreign key whose index is {@code op}'s. */
    private List<String[]> foreignKeysUsing(Connection c, DropIndex op) {
        String schema = op.schema() == null || op.schema().isEmpty() ? null : stored(op.schema());
        return foreignKeys(c, "tc.INDEX_SCHEMA = COALESCE(?, SCHEMA()) AND tc.INDEX_NAME = ?", schema, stored(op.name()), null,
                "using H2 index " + op.name());
    }

    /**
     * [drop, add] of each foreign key the WHERE condition (two parameters) selects; with {@code columns}, only those over
     * exactly these stored column names, in any order.
     */
    private List<String[]> foreignKeys(Connection c, String where, String first, String second, Set<String> columns,
                                       String what) {
        String sql = "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, rc.UPDATE_RULE, rc.DELETE_RULE, "
                + "u.TABLE_SCHEMA, u.TABLE_NAME, "
                + "(SELECT LISTAGG('\"' || REPLACE(k.COLUMN_NAME, '\"', '\"\"') || '\"', ', ') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION) "
                + "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k WHERE k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
                + "AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME), "
                + "(SELECT LISTAGG('\"' || REPLACE(r.COLUMN_NAME, '\"', '\"\"') || '\"', ', ') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION) "
                + "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE r "
                + "ON r.CONSTRAINT_SCHEMA = u.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = u.CONSTRAINT_NAME "
                + "AND r.ORDINAL_POSITION = k.POSITION_IN_UNIQUE_CONSTRAINT "
                + "WHERE k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME), "
                + "(SELECT LISTAGG(k.COLUMN_NAME, CHAR(1)) FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k "
                + "WHERE k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME) "
                + "FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc "
                + "JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
                + "AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
                + "JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS u ON u.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA "
                + "AND u.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME "
                + "WHERE tc.CONSTRAINT_TYPE = 'FOREIGN KEY' AND " + where;
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, first);
            ps.setString(2, second);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (columns != null && !new HashSet<>(List.of(rs.getString(10).split("\u0001", -1))).equals(columns)) continue;
                    String table = quoted(rs.getString(1)) + "." + quoted(rs.getString(2));
                    String name = quoted(rs.getString(3));
                    // a key the table left unnamed is added back unnamed: H2 names it and its index as at first
                    String constraint = GENERATED_NAME.matcher(rs.getString(3)).matches() ? "" : "CONSTRAINT " + name + " ";
                    out.add(new String[] {"ALTER TABLE " + table + " DROP CONSTRAINT " + name,
                            "ALTER TABLE " + table + " ADD " + constraint + "FOREIGN KEY (" + rs.getString(8) + ") REFERENCES "
                                    + quoted(rs.getString(6)) + "." + quoted(rs.getString(7)) + " (" + rs.getString(9) + ")"
                                    + action(" ON DELETE ", rs.getString(5)) + action(" ON UPDATE ", rs.getString(4))});
                }
            }
            return out;
        } catch (SQLException e) {
            throw new RetortException("Cannot read the foreign keys " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Online: the unique constraints and plain indexes over the column and another one go first, as PostgreSQL and
     * SQLite drop them with the column (H2 refuses: "Column may be referenced by ..."). Offline they cannot be known.
     */
    @Override
    public List<SqlStatement> visitDropColumn(DropColumn op) {
        if (context.connection().isEmpty()) return super.visitDropColumn(op);
        String sql = "SELECT 'C', tc.CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
                + " WHERE tc.TABLE_SCHEMA = COALESCE(?, SCHEMA()) AND tc.TABLE_NAME = ? AND tc.CONSTRAINT_TYPE = 'UNIQUE'"
                + " AND EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k WHERE k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
                + " AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME AND k.COLUMN_NAME = ?)"
                + " AND (SELECT COUNT(*) FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k WHERE k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
                + " AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME) > 1"
                + " UNION ALL SELECT 'I', i.INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES i"
                + " WHERE i.TABLE_SCHEMA = COALESCE(?, SCHEMA()) AND i.TABLE_NAME = ? AND i.INDEX_TYPE_NAME IN ('INDEX', 'UNIQUE INDEX')"
                + " AND NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc WHERE tc.INDEX_SCHEMA = i.INDEX_SCHEMA"
                + " AND tc.INDEX_NAME = i.INDEX_NAME)"
                + " AND EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.INDEX_COLUMNS c WHERE c.INDEX_SCHEMA = i.INDEX_SCHEMA"
                + " AND c.INDEX_NAME = i.INDEX_NAME AND c.COLUMN_NAME = ?)"
                + " AND (SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEX_COLUMNS c WHERE c.INDEX_SCHEMA = i.INDEX_SCHEMA"
                + " AND c.INDEX_NAME = i.INDEX_NAME) > 1";
        List<SqlStatement> out = new ArrayList<>();
        String schema = op.schema() == null || op.schema().isEmpty() ? null : stored(op.schema());
        try (PreparedStatement ps = context.connection().get().prepareStatement(sql)) {
            for (int k = 0; k < 2; k++) {
                ps.setString(1 + 3 * k, schema);
                ps.setString(2 + 3 * k, stored(op.table()));
                ps.setString(3 + 3 * k, stored(op.column()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = quoted(rs.getString(2));
                    out.add(SqlStatement.of(rs.getString(1).equals("C")
                            ? alterTable(op.schema(), op.table()) + "DROP CONSTRAINT " + name
                            : "DROP INDEX " + (schema == null ? "" : quoted(schema) + ".") + name));
                }
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot read the constraints and indexes on " + op.table() + "." + op.column() + ": "
                    + e.getMessage(), e);
        }
        out.addAll(super.visitDropColumn(op));
        return out;
    }

    /** Offline: [drop, add] of the foreign keys of a table the script created that the dropped index can serve. */
    private List<String[]> knownForeignKeysServedBy(DropIndex op) {
        List<String> indexColumns = op.table() == null ? null : script.indexColumns(op.schema(), op.table(), op.name(), op.dropped())
                .map(cols -> cols.stream().map(this::stored).toList()).orElse(null);
        if (indexColumns == null) return List.of();
        List<String[]> out = new ArrayList<>();
        for (ForeignKey fk : script.table(op.schema(), op.table()).map(ScriptCatalog.Known::foreignKeys).orElse(List.of())) {
            List<String> cols = fk.columns().stream().map(this::stored).toList();
            // a key may use an index that starts with its columns (H2 re-picks after an ALTER) or, added after it by
            // createTable (t49-6), one over exactly its columns in any order (t54-8); dropping and re-adding a key
            // around an index it turns out not to use is harmless
            boolean starts = indexColumns.size() >= cols.size() && indexColumns.subList(0, cols.size()).equals(cols);
            boolean same = indexColumns.size() == cols.size() && new HashSet<>(indexColumns).equals(new HashSet<>(cols));
            if (fk.name() == null || !(starts || same)) continue;
            out.add(new String[] {alterTable(op.schema(), op.table()) + "DROP CONSTRAINT " + q(fk.name()),
                    alterTable(op.schema(), op.table()) + "ADD " + foreignKeyDefinition(op.schema(), fk)});
        }
        return out;
    }

    private static final java.util.regex.Pattern GENERATED_NAME = java.util.regex.Pattern.compile("CONSTRAINT_[0-9A-F]+");

    private static String action(String clause, String rule) {
        return rule == null || rule.equals("RESTRICT") ? "" : clause + rule;
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * A generated column's new expression (in its raw type): SET DATA TYPE takes no GENERATED clause, the
     * form {@code ALTER COLUMN c <definition>} does (a generated column has no default or NOT NULL to lose).
     */
    @Override
    protected String alterTypeClause(AlterColumn op) {
        if (op.using() == null && op.type().kind() == SqlType.Kind.RAW
                && op.type().raw().toUpperCase(Locale.ROOT).contains(" GENERATED ALWAYS AS (")) {
            return type(op, op.column(), op.type());
        }
        if (isJson(op.type()) && (op.using() == null || isPlainCast(op.column(), op.using()))) {
            // H2's own conversion makes a JSON string of a text ('{"a": 1}' becomes "{\"a\": 1}"); FORMAT JSON reads
            // the text as the document, as PostgreSQL's cast and the other engines do (other types convert as by CAST)
            return "SET DATA TYPE " + type(op, op.column(), op.type()) + " USING " + q(op.column()) + " FORMAT JSON";
        }
        if (op.using() != null && !isPlainCast(op.column(), op.using())) {
            // H2 2.x converts with USING as PostgreSQL does; the expression is the revision's, in H2's SQL (a bare
            // cast, written for PostgreSQL, is left out above: H2 converts by itself). Into JSON its text is read as
            // the document, as the cast to json(b) does on PostgreSQL
            return "SET DATA TYPE " + type(op, op.column(), op.type()) + " USING "
                    + (isJson(op.type()) ? "(" + op.using() + ") FORMAT JSON" : op.using());
        }
        return super.alterTypeClause(op);
    }

    /**
     * A new integer type of an identity column also moves the identity's bounds: H2 keeps the old type's
     * MAXVALUE (an INTEGER identity widened to BIGINT would still run out at 2^31-1); PostgreSQL moves an identity's
     * itself (a serial's sequence its renderer moves). Online whether the column is an identity is read; offline it is {@code existingAutoincrement}
     * or what the script created.
     */
    @Override
    public List<SqlStatement> visitAlterColumn(AlterColumn op) {
        List<SqlStatement> out = super.visitAlterColumn(op);
        String max = op.type() == null ? null : switch (op.type().kind()) {
            case SMALLINT -> "32767";
            case INTEGER -> "2147483647";
            case BIGINT -> "9223372036854775807";
            default -> null;
        };
        if (max == null || !isIdentity(op)) return out;
        List<SqlStatement> withBounds = new ArrayList<>(out);
        withBounds.add(1, SqlStatement.of(alterTable(op.schema(), op.table()) + "ALTER COLUMN " + q(op.column())
                + " SET MAXVALUE " + max));
        return withBounds;
    }

    private boolean isIdentity(AlterColumn op) {
        if (context.connection().isEmpty()) {
            return Boolean.TRUE.equals(op.existingAutoincrement())
                    || script.column(op.schema(), op.table(), op.column()).map(Column::autoincrement).orElse(false);
        }
        String sql = "SELECT IS_IDENTITY FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, SCHEMA())"
                + " AND TABLE_NAME = ? AND COLUMN_NAME = ?";
        try (PreparedStatement ps = context.connection().get().prepareStatement(sql)) {
            ps.setString(1, op.schema() == null || op.schema().isEmpty() ? null : stored(op.schema()));
            ps.setString(2, stored(op.table()));
            ps.setString(3, stored(op.column()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && "YES".equals(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot read H2 column " + op.table() + "." + op.column() + ": " + e.getMessage(), e);
        }
    }

    /** H2 indexes are schema objects: qualify them like the table. */
    @Override
    protected String indexName(String schema, String name) {
        return table(schema, name);
    }

    /** H2 has HASH and SPATIAL indexes (CREATE HASH INDEX). */
    @Override
    protected String indexKind(dev.retort.ops.CreateIndex op, String method) {
        if (method == null) return super.indexKind(op, null);
        String m = method.toUpperCase(java.util.Locale.ROOT);
        if (!m.equals("HASH") && !m.equals("SPATIAL")) throw unsupported(op, "it has no index method '" + method + "' (HASH, SPATIAL)");
        return super.indexKind(op, null) + m + " ";
    }

    @Override
    protected String indexMethod(dev.retort.ops.CreateIndex op, String method) {
        return "";
    }

    @Override
    public List<SqlStatement> visitDropConstraint(DropConstraint op) {
        requireNameOrPrimaryKey(op);
        if (op.name() == null) return one(alterTable(op.schema(), op.table()) + "DROP PRIMARY KEY");
        return super.visitDropConstraint(op);
    }

    /**
     * The {@code java.sql} date-times as the offline literal writes them, their {@code toLocal...()} values: H2's
     * driver converts their milliseconds with the proleptic Gregorian calendar, where they count Julian days
     * before 1582, so {@code java.sql.Date.valueOf("1500-03-01")} was stored as 1500-03-11 (t38-7).
     */
    @Override
    protected Object bindValue(Object value) {
        if (value instanceof java.sql.Timestamp ts) return ts.toLocalDateTime();
        if (value instanceof java.sql.Date d) return d.toLocalDate();
        if (value instanceof java.sql.Time t) return t.toLocalTime();
        return super.bindValue(value);
    }

    // --- JSON values

    /**
     * H2 turns a character string put into a JSON column into a JSON <em>string</em>; {@code ? FORMAT JSON}
     * makes it read the text as the document, as other engines do. Written for the string values of the
     * table's JSON columns (online: read from INFORMATION_SCHEMA; offline: known for tables this run created).
     */
    @Override
    protected SqlStatement insert(BulkInsert op, List<String> cols, List<Map<String, Object>> chunk) {
        Set<String> json = jsonColumns(op);
        if (cols.stream().noneMatch(c -> json.contains(stored(c)))) return super.insert(op, cols, chunk);
        List<String> tuples = new ArrayList<>(chunk.size());
        List<Object> params = new ArrayList<>(chunk.size() * cols.size());
        for (Map<String, Object> row : chunk) {
            List<String> marks = new ArrayList<>(cols.size());
            for (String c : cols) {
                Object v = row.get(c);
                marks.add(v instanceof CharSequence && json.contains(stored(c)) ? "? FORMAT JSON" : "?");
                params.add(v);
            }
            tuples.add("(" + String.join(", ", marks) + ")");
        }
        return new SqlStatement("INSERT INTO " + table(op.schema(), op.table()) + " (" + columns(cols) + ") VALUES "
                + String.join(", ", tuples), bindable(params));
    }

    private Set<String> jsonColumns(BulkInsert op) {
        if (context.connection().isEmpty()) return jsonColumns.getOrDefault(key(op.schema(), op.table()), Set.of());
        Connection c = context.connection().get();
        String sql = "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, SCHEMA())"
                + " AND TABLE_NAME = ? AND UPPER(DATA_TYPE) = 'JSON'"; // 'json' with DATABASE_TO_LOWER=TRUE
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, op.schema() == null || op.schema().isEmpty() ? null : stored(op.schema()));
            ps.setString(2, stored(op.table()));
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new RetortException("Cannot read the columns of H2 table " + op.table() + ": " + e.getMessage(), e);
        }
    }

    private void track(Operation op) {
        if (op instanceof CreateTable o) {
            Set<String> json = new HashSet<>();
            for (Column c : o.table().columns()) if (isJson(c.type())) json.add(stored(c.name()));
            jsonColumns.put(key(o.table().schema(), o.table().name()), json);
        } else if (op instanceof DropTable o) {
            jsonColumns.remove(key(o.schema(), o.name()));
        } else if (op instanceof RenameTable o) {
            Set<String> json = jsonColumns.remove(key(o.schema(), o.name()));
            if (json != null) jsonColumns.put(key(o.schema(), o.newName()), json);
        } else if (op instanceof AddColumn o && isJson(o.column().type())) {
            jsonColumns.computeIfAbsent(key(o.schema(), o.table()), k -> new HashSet<>()).add(stored(o.column().name()));
        } else if (op instanceof DropColumn o) {
            jsonColumns.getOrDefault(key(o.schema(), o.table()), new HashSet<>()).remove(stored(o.column()));
        } else if (op instanceof AlterColumn o && (o.type() != null || o.newName() != null)) {
            Set<String> json = jsonColumns.computeIfAbsent(key(o.schema(), o.table()), k -> new HashSet<>());
            boolean isJson = o.type() != null ? isJson(o.type()) : json.contains(stored(o.column()));
            json.remove(stored(o.column()));
            if (isJson) json.add(stored(o.newName() != null ? o.newName() : o.column()));
        }
    }

    private static boolean isJson(SqlType t) {
        return t != null && (t.kind() == SqlType.Kind.JSON
                || (t.kind() == SqlType.Kind.RAW && t.raw().strip().equalsIgnoreCase("JSON")));
    }

    /**
     * A name as H2 stores it: folded where it is written unquoted, as the database folds names (online: read once;
     * offline: to upper case, H2's default). With {@code DATABASE_TO_LOWER=TRUE} the online look-ups by upper-case
     * names found nothing (t49-2).
     */
    private String stored(String name) {
        return q(name).equals(name) ? identifierCase().storedBare(name) : name;
    }

    private IdentifierCase identifierCase;

    private IdentifierCase identifierCase() {
        if (identifierCase == null) {
            try {
                identifierCase = context.connection().isEmpty() ? IdentifierCase.UPPER : IdentifierCase.of(context.connection().get());
            } catch (SQLException e) {
                throw new RetortException("Cannot read the H2 database's DATABASE_TO_UPPER setting: " + e.getMessage(), e);
            }
        }
        return identifierCase;
    }

    private String key(String schema, String table) {
        return (schema == null || schema.isEmpty() ? "" : stored(schema)) + "." + stored(table);
    }

    /** H2 changes an identity's increment in place, but its start only by restarting it, which is not asked for. */
    @Override
    public List<SqlStatement> visitAlterIdentity(AlterIdentity op) {
        if (op.start() != null) {
            throw unsupported(op, "it changes an identity column's START WITH only by restarting its numbering"
                    + " (op.execute(\"ALTER TABLE ... ALTER COLUMN ... RESTART WITH n\") where that is meant)");
        }
        if (op.options().type() != null) {
            throw unsupported(op, "an identity column's sequence counts in the column's type: change the column's type");
        }
        String column = alterTable(op.schema(), op.table()) + "ALTER COLUMN " + q(op.column()) + " SET";
        List<SqlStatement> out = new ArrayList<>();
        if (op.increment() != null) out.add(SqlStatement.of(column + " INCREMENT BY " + op.increment()));
        // one option a statement: SET MINVALUE, SET NO MAXVALUE, SET CYCLE, SET CACHE ...
        for (String option : sequenceChangeClauses(op.options())) out.add(SqlStatement.of(column + " " + option));
        return out;
    }

    /** H2's CACHE when none is given. */
    @Override
    protected long defaultCache() {
        return 32;
    }

    /** H2 gives a sequence its type when it is created ({@code AS}) but has no {@code ALTER SEQUENCE ... AS}. */
    @Override
    public List<SqlStatement> visitAlterSequence(dev.retort.ops.AlterSequence op) {
        if (op.options().type() != null) {
            throw unsupported(op, "it sets a sequence's type only when creating it (no ALTER SEQUENCE ... AS " + type(op.options().type())
                    + "): drop and create the sequence, restarting it where it was (op.execute(\"ALTER SEQUENCE ... RESTART WITH n\"))");
        }
        return super.visitAlterSequence(op);
    }
}

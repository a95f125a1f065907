package dev.retort.dialect.h2;

import dev.retort.RetortException;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.schema.Column;
import dev.retort.schema.SqlType;

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

    H2Renderer(H2Dialect dialect, RenderContext context) {
        super(dialect, context);
    }

    @Override
    public List<SqlStatement> render(Operation operation) {
        List<SqlStatement> out = super.render(operation);
        if (context.connection().isEmpty()) track(operation);
        return out;
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
        return super.alterTypeClause(op);
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
                + " AND TABLE_NAME = ? AND DATA_TYPE = 'JSON'";
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

    /** A name as H2 stores it: folded to upper case where it is written unquoted. */
    private String stored(String name) {
        return q(name).equals(name) ? name.toUpperCase(Locale.ROOT) : name;
    }

    private String key(String schema, String table) {
        return (schema == null || schema.isEmpty() ? "" : stored(schema)) + "." + stored(table);
    }
}

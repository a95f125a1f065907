package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Diff;
import dev.retort.autogenerate.SchemaComparator.Entry;
import dev.retort.dialect.Dialect;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL refuses to change the type of a column a view reads, or to drop a column or table one reads ("cannot alter
 * type of a column used by a view or rule"), t66-4. Views are not in the model, so the revision cannot drop and create
 * them again: the views (and materialized views, and the views reading those) that stand in the way of a type change or
 * drop are named in a warning when the revision is generated or {@code check} runs, and in a TODO at the operation.
 */
final class DependentViews {
    private static final Logger LOG = LoggerFactory.getLogger(DependentViews.class);

    /**
     * The views reading the relation (and its column, where one is given), and the views reading those: each with its
     * kind and its name as the database shows it (schema-qualified where the search path does not find it).
     */
    private static final String QUERY = """
            WITH RECURSIVE target AS (
                SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname = ? AND CASE WHEN ?::text IS NULL THEN pg_catalog.pg_table_is_visible(c.oid) ELSE n.nspname = ? END
            ), readers(oid) AS (
                SELECT r.ev_class FROM target t
                JOIN pg_catalog.pg_depend d ON d.refobjid = t.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass
                    AND d.classid = 'pg_catalog.pg_rewrite'::regclass
                JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
                WHERE r.ev_class <> t.oid AND (?::text IS NULL OR d.refobjsubid = (SELECT a.attnum FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = t.oid AND a.attname = ? AND NOT a.attisdropped))
                UNION
                SELECT r.ev_class FROM readers v
                JOIN pg_catalog.pg_depend d ON d.refobjid = v.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass
                    AND d.classid = 'pg_catalog.pg_rewrite'::regclass
                JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
                WHERE r.ev_class <> v.oid
            )
            SELECT c.relkind, CASE WHEN pg_catalog.pg_table_is_visible(c.oid) THEN pg_catalog.quote_ident(c.relname)
                ELSE pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) END
            FROM readers v JOIN pg_catalog.pg_class c ON c.oid = v.oid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            ORDER BY 2
            """;

    private DependentViews() {
    }

    /** {@code diff} with a TODO at each type change or drop that a view of the database stands in the way of; warned about. */
    static Diff noted(Diff diff, Dialect dialect, Connection connection) {
        if (!dialect.name().equals("postgresql")) return diff;
        // the operations name a table and column as the model has them: a renamed one is read under its old name
        Map<String, String> renamedFrom = new HashMap<>();
        Map<String, String> columnRenamedFrom = new HashMap<>();
        for (Operation op : diff.upgrade()) {
            if (op instanceof RenameTable r) renamedFrom.put(r.newName(), r.name());
            if (op instanceof AlterColumn a && a.isRenameOnly()) columnRenamedFrom.put(a.table() + "\0" + a.newName(), a.column());
        }
        List<Entry> entries = new ArrayList<>();
        boolean any = false;
        for (Entry e : diff.entries()) {
            String schema;
            String table;
            String column;
            String what;
            if (e.operation() instanceof AlterColumn a && a.type() != null) {
                schema = a.schema();
                table = renamedFrom.getOrDefault(a.table(), a.table());
                column = columnRenamedFrom.getOrDefault(a.table() + "\0" + a.column(), a.column());
                what = "column " + a.table() + "." + a.column();
            } else if (e.operation() instanceof DropColumn d) {
                schema = d.schema();
                table = renamedFrom.getOrDefault(d.table(), d.table());
                column = d.column();
                what = "column " + d.table() + "." + d.column();
            } else if (e.operation() instanceof DropTable d) {
                schema = d.schema();
                table = d.name();
                column = null;
                what = "table " + d.name();
            } else {
                entries.add(e);
                continue;
            }
            List<String[]> views = readers(connection, schema, table, column);
            if (views.isEmpty()) {
                entries.add(e);
                continue;
            }
            any = true;
            boolean one = views.size() == 1;
            String they = one ? "it" : "they";
            String them = one ? "it" : "them";
            boolean retyped = e.operation() instanceof AlterColumn;
            String who = named(views);
            LOG.warn("{}{} {} {}, {}: PostgreSQL refuses that while {} {}, and autogenerate does not compare views, so the"
                    + " revision fails at upgrade unless {} {} dropped before the {} by hand ({})",
                    who.substring(0, 1).toUpperCase(java.util.Locale.ROOT), who.substring(1), one ? "reads" : "read",
                    what, retyped ? "whose type the revision changes" : "which the revision drops", they,
                    one ? "exists" : "exist", they, one ? "is" : "are", retyped ? "change" : "drop",
                    retyped ? "and created again after it, in the downgrade too" : "the downgrade can create " + them + " again");
            String note = "TODO: " + who + (one ? " reads" : " read") + " this " + (column == null ? "table" : "column")
                    + ", and PostgreSQL refuses " + (retyped ? "its type change" : "its drop") + " while " + they
                    + (one ? " exists" : " exist") + " (views are not compared):\ndrop " + them + " before this statement"
                    + (retyped ? " and create " + them + " again after it, in the downgrade too"
                    : "; the downgrade can create " + them + " again once it is back")
                    + " (pg_get_viewdef gives the definition).";
            entries.add(new Entry(e.operation(), e.note() == null ? note : e.note() + "\n" + note, e.inverse()));
        }
        return any ? new Diff(entries) : diff;
    }

    /** "view v", "views a, b and materialized view m". */
    private static String named(List<String[]> views) {
        List<String> parts = new ArrayList<>();
        for (String kind : List.of("view", "materialized view")) {
            List<String> names = views.stream().filter(v -> v[0].equals(kind)).map(v -> v[1]).toList();
            if (!names.isEmpty()) parts.add(kind + (names.size() == 1 ? " " : "s ") + String.join(", ", names));
        }
        return String.join(" and ", parts);
    }

    /** The views reading {@code table} (its {@code column}, when not null), as their kind and name. */
    private static List<String[]> readers(Connection connection, String schema, String table, String column) {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
            ps.setString(1, table);
            ps.setString(2, schema);
            ps.setString(3, schema);
            ps.setString(4, column);
            ps.setString(5, column);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new String[] {"m".equals(rs.getString(1)) ? "materialized view" : "view", rs.getString(2)});
            }
        } catch (SQLException e) {
            LOG.debug("Could not read the views that read {}{}: {}", table, column == null ? "" : "." + column, e.getMessage());
        }
        return out;
    }
}

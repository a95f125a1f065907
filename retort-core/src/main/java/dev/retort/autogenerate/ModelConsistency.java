package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A model naming columns or tables that neither it nor the database has would autogenerate a revision that fails at
 * upgrade (half-applied on MariaDB), or, on SQLite, leaves a foreign key that refers to nothing: refused before
 * anything is compared or written, with every problem listed ({@link SchemaBuilder#problems(SchemaModel, BiPredicate)}).
 * A foreign key's table outside the model is looked up in the database being compared (t66-2): one the filters
 * leave out, or another application's, is the key's to refer to.
 */
final class ModelConsistency {
    private static final Logger LOG = LoggerFactory.getLogger(ModelConsistency.class);

    private ModelConsistency() {
    }

    static void require(SchemaModel model, ModelContext context, String source) {
        List<String> problems = SchemaBuilder.problems(model, tablesOf(context));
        if (!problems.isEmpty()) {
            throw new RetortException(source + ": the model is inconsistent, so no revision could create it:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /**
     * Whether the database has a table, by schema (null: the connection's own) and name, ignoring case as the model's
     * names are matched. Each schema read once; without a connection, or where it cannot be read, every table is
     * taken as there, so that only what is certain is refused.
     */
    static BiPredicate<String, String> tablesOf(ModelContext context) {
        Connection c = context.connection();
        if (c == null || context.dialect() == null) return (schema, table) -> true;
        boolean catalogs = context.dialect().name().equals("mariadb"); // a MariaDB/MySQL schema is a database (catalog)
        Map<String, Set<String>> bySchema = new HashMap<>();
        return (schema, table) -> {
            String key = schema == null ? "" : lower(schema);
            if (!bySchema.containsKey(key)) bySchema.put(key, read(c, catalogs, schema));
            Set<String> names = bySchema.get(key);
            return names == null || names.contains(lower(table));
        };
    }

    /** The lower-cased names of a schema's tables (views too: the database's to refuse); null when unreadable. */
    private static Set<String> read(Connection c, boolean catalogs, String schema) {
        try {
            DatabaseMetaData md = c.getMetaData();
            String where = schema != null ? schema : catalogs ? c.getCatalog() : c.getSchema();
            Set<String> names = new HashSet<>();
            try (ResultSet rs = catalogs ? md.getTables(where, null, "%", null) : md.getTables(null, where, "%", null)) {
                while (rs.next()) names.add(lower(rs.getString("TABLE_NAME")));
            }
            return names;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not read the tables of {} for the model's foreign keys: {}", schema == null ? "the database" : schema,
                    e.getMessage());
            return null;
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

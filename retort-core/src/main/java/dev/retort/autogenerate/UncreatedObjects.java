package dev.retort.autogenerate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.retort.dialect.ReflectionSupport.asciiLower;

/**
 * The views, routines and triggers a {@code sql:} model's file made in its scratch, which autogenerate neither
 * compares nor creates (t56-2). An adoption baseline generated from a dump left them out without a word, and a new
 * environment built from it lacked objects the application uses; those the database lacks are named in a warning.
 * PostgreSQL, MariaDB and SQLite, whose dumps carry them; compared by name only.
 */
final class UncreatedObjects {
    private static final Logger LOG = LoggerFactory.getLogger(UncreatedObjects.class);

    /** Names listed in the warning per kind; a large dump has hundreds of functions. */
    private static final int LISTED = 10;

    /**
     * Kind ("view", "function", ...) to names, in the order the kinds are read; {@code hidden}: the kinds this user
     * is not shown (MariaDB), to the grant that would show them.
     */
    record Objects(Map<String, Set<String>> byKind, Map<String, String> hidden) {
        Objects(Map<String, Set<String>> byKind) {
            this(byKind, Map.of());
        }

        boolean isEmpty() {
            return byKind.values().stream().allMatch(Set::isEmpty);
        }
    }

    private UncreatedObjects() {
    }

    private static final String PG_VIEWS = "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND n.nspname = %s"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')";
    private static final String PG_ROUTINES = "SELECT p.proname FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = p.pronamespace WHERE n.nspname = %s"
            // an extension's own functions (pg_trgm's) come with its CREATE EXTENSION, which is named elsewhere
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')";
    private static final String PG_TRIGGERS = "SELECT t.tgname || ' on ' || c.relname FROM pg_catalog.pg_trigger t"
            + " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE NOT t.tgisinternal AND n.nspname = %s";

    /** PostgreSQL: those of {@code schema}; null for the connection's current schema. */
    static Objects postgres(Connection c, String schema) throws SQLException {
        String in = schema == null ? "current_schema()" : "?";
        Map<String, Set<String>> out = new LinkedHashMap<>();
        out.put("view", names(c, PG_VIEWS.formatted(in), schema));
        out.put("function or procedure", names(c, PG_ROUTINES.formatted(in), schema));
        out.put("trigger", names(c, PG_TRIGGERS.formatted(in), schema));
        return new Objects(out);
    }

    /**
     * MariaDB: those of {@code database}, and which of them this user's grants hide (a SELECT-only user is shown no
     * routines and no triggers); views are shown to a user that may select from them.
     */
    static Objects mariadb(Connection c, String database) throws SQLException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        out.put("view", names(c, "SELECT table_name FROM information_schema.views WHERE table_schema = ?", database));
        out.put("function or procedure", names(c,
                "SELECT routine_name FROM information_schema.routines WHERE routine_schema = ?", database));
        out.put("trigger", names(c, "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = ?", database));
        MariaDbVisibility.Visible visible = MariaDbVisibility.of(c, database);
        Map<String, String> hidden = new LinkedHashMap<>();
        if (!visible.routines() || !visible.triggers()) {
            String on = " ON `" + database.replace("`", "``") + "`.* TO " + MariaDbVisibility.grantee(c);
            if (!visible.routines()) {
                hidden.put("function or procedure", "GRANT EXECUTE" + on + " (or GRANT SELECT ON mysql.proc, which"
                        + " shows every database's routines without the right to run them) shows the routines");
            }
            if (!visible.triggers()) hidden.put("trigger", "GRANT TRIGGER" + on + " shows the triggers");
        }
        return new Objects(out, hidden);
    }

    /**
     * SQLite: the views, triggers and virtual tables (FTS, R*Tree) of {@code sqlite_master}, which the reflection leaves
     * out (a virtual table's shape belongs to its module); a virtual table's shadow tables come with it.
     */
    static Objects sqlite(Connection c) throws SQLException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        out.put("view", names(c, "SELECT name FROM sqlite_master WHERE type = 'view'", null));
        out.put("trigger", names(c, "SELECT name FROM sqlite_master WHERE type = 'trigger'", null));
        out.put("virtual table", names(c, "SELECT name FROM sqlite_master WHERE type = 'table'"
                + " AND sql LIKE 'CREATE VIRTUAL TABLE%'", null));
        return new Objects(out);
    }

    /**
     * {@code database} with its names spelt as {@code model} spells them where they differ in ASCII case only, which
     * SQLite takes for the same name: a view {@code FILM_LIST} is the model's {@code film_list}.
     */
    static Objects foldedTo(Objects model, Objects database) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        database.byKind().forEach((kind, names) -> {
            Map<String, String> spelt = new java.util.HashMap<>();
            model.byKind().getOrDefault(kind, Set.of()).forEach(n -> spelt.put(asciiLower(n), n));
            Set<String> folded = new TreeSet<>();
            names.forEach(n -> folded.add(spelt.getOrDefault(asciiLower(n), n)));
            out.put(kind, folded);
        });
        return new Objects(out, database.hidden());
    }

    private static Set<String> names(Connection c, String query, String parameter) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(query)) {
            if (query.contains("?")) ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Warns about what {@code model} has and {@code database} lacks (all of the model's when the database's could not
     * be read); nothing when the database has them all, as an adopted production database does.
     */
    static void warn(String origin, Objects model, Objects database) {
        Map<String, String> hidden = database == null ? Map.of() : database.hidden();
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        Map<String, Set<String>> unseen = new LinkedHashMap<>();
        model.byKind().forEach((kind, names) -> (hidden.containsKey(kind) ? unseen : seen).put(kind, names));
        String notShown = describe(new Objects(unseen), database);
        if (notShown != null) {
            List<String> grants = new ArrayList<>();
            unseen.keySet().forEach(kind -> grants.add(hidden.get(kind)));
            LOG.warn("{}: the model has {}, which autogenerate does not create; whether this database has them could not"
                    + " be read, as MariaDB does not show this user routines it may neither run nor change, nor triggers"
                    + " without the TRIGGER right: {}", origin, notShown, String.join("; ", grants));
        }
        String missing = describe(new Objects(seen), database);
        if (missing == null) return;
        LOG.warn("{}: the model has {}, which this database lacks and autogenerate does not create (it compares and"
                + " creates tables, their columns, keys, indexes and checks, sequences and enum types): add them to a"
                + " revision by hand, e.g. op.execute(\"CREATE VIEW ...\") or a SQL revision (see \"Adopting Retort on an"
                + " existing database\" in docs/running.md)", origin, missing);
    }

    /** "2 views (a, b), 1 trigger (t on x)", or null when nothing is missing. */
    static String describe(Objects model, Objects database) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : model.byKind().entrySet()) {
            Set<String> missing = new TreeSet<>(e.getValue());
            if (database != null) missing.removeAll(database.byKind().getOrDefault(e.getKey(), Set.of()));
            if (missing.isEmpty()) continue;
            List<String> shown = missing.stream().limit(LISTED).toList();
            String kind = e.getKey();
            String plural = missing.size() == 1 ? kind : kind.equals("function or procedure") ? "functions or procedures"
                    : kind + "s";
            parts.add(missing.size() + " " + plural + " (" + String.join(", ", shown)
                    + (missing.size() > LISTED ? ", ... " + (missing.size() - LISTED) + " more" : "") + ")");
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}

package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.dialect.sqlite.SqliteDialect;
import dev.retort.dialect.sqlite.SqliteRebuilds;
import dev.retort.ops.AddEnumValue;
import dev.retort.runtime.Connections;
import dev.retort.runtime.Retort;
import dev.retort.schema.SchemaModel;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code retort revision --autogenerate}: reflect the database, load the target model, compare, and write
 * a revision whose upgrade moves the database to the model and whose downgrade moves it back. An
 * empty comparison writes nothing (Alembic writes an empty file; we say so instead).
 */
public final class Autogenerator {
    private static final Logger LOG = LoggerFactory.getLogger(Autogenerator.class);

    /** Why a revision that adds enum values runs outside a transaction; written at the top of its upgrade. */
    private static final String OUTSIDE_TRANSACTION = "transactional = false: PostgreSQL lets a new enum value be used only after the"
            + " ALTER TYPE ... ADD VALUE\nthat adds it has committed; outside a transaction each statement commits on its own."
            + "\nIf it fails half-way, the statements before the failure stay applied.";

    private Autogenerator() {
    }

    private static final String KEYS_OFF = "PRAGMA foreign_keys = OFF;\n";

    /**
     * Why a SQLite revision that rebuilds referenced tables runs outside a transaction (t44-4): with keys enforced, the
     * copy is refused inside one (docs/sqlite.md, "Foreign keys"), so the revision autogenerate wrote failed as written.
     */
    static String sqliteOutsideTransaction(Map<String, List<String>> rebuilt, boolean sql) {
        return "transactional = false: foreign keys are enforced on this database, and this revision rebuilds by move-and-copy"
                + "\n" + SqliteRebuilds.describe(rebuilt) + ". Dropping the old table with keys enforced would fire the"
                + " referencing tables'\nON DELETE actions, and SQLite cannot switch keys off inside a transaction, so there"
                + " the copy is refused.\n" + (sql
                ? "Outside one, the PRAGMA foreign_keys = OFF at the top of each section switches them off for the copy,"
                + "\nand Retort puts them back after this revision as the run found them (a --sql script: OFF)."
                : "Outside one, Retort switches them off around each copy and checks the keys after it.")
                + "\nIf it fails half-way, the statements before the failure stay applied (each copy itself is all or nothing).";
    }

    /** SQLite with foreign keys enforced: the referenced tables the upgrade or the downgrade copies; else empty. */
    private static Map<String, List<String>> referencedTablesCopied(Dialect dialect, Connection c, SchemaComparator.Diff diff)
            throws SQLException {
        if (!(dialect instanceof SqliteDialect sqlite) || !SqliteRebuilds.foreignKeysEnforced(c)) return Map.of();
        return SqliteRebuilds.referencedTablesCopied(sqlite, c, diff.upgrade(), diff.downgrade());
    }

    /** Pending revisions listed in a message; a long history's first upgrade would list hundreds. */
    private static final int PENDING_LISTED = 10;

    /**
     * Alembic's sentence, then what is pending and the two ways on: the one step of adopting a database a user
     * most often forgets is its stamp, and the bare sentence named neither the revisions nor the stamp (t37-6).
     */
    static String notUpToDate(List<dev.retort.graph.RevisionHeader> pending, List<String> heads) {
        StringBuilder m = new StringBuilder("Target database is not up to date. ").append(pending.size())
                .append(" revision(s) pending: ");
        for (int i = 0; i < Math.min(pending.size(), PENDING_LISTED); i++) {
            dev.retort.graph.RevisionHeader r = pending.get(i);
            m.append(i == 0 ? "" : ", ").append(r.id()).append(r.message().isEmpty() ? "" : " (" + r.messageLine() + ")");
        }
        if (pending.size() > PENDING_LISTED) m.append(", ... (").append(pending.size() - PENDING_LISTED).append(" more)");
        List<String> target = heads.size() == 1 ? heads : List.of("heads");
        return m.append(". Apply them first with 'retort upgrade").append(heads.size() == 1 ? "" : " heads")
                .append("', or, if the database already has their schema (a database adopted from another tool, not yet")
                .append(" stamped), record that with ").append(dev.retort.config.Advice.COMMAND_LINE.stamp(target, false))
                .append(", then generate again.").toString();
    }

    /**
     * Writes the new revision file through the project's templates; empty when the model and the
     * database agree (nothing written). The request's upgrade/downgrade bodies and imports are filled
     * from the diff; everything else (message, --head, --rev-id, labels, --sql-file) is the caller's.
     */
    public static Optional<RevisionGenerator.Generated> generate(RetortConfig config, ScriptDirectory scripts,
                                                                RevisionGenerator.Request request, Clock clock) {
        config.requireUrl("autogenerate needs a database URL", "url in retort.toml, --url or DATABASE_URL");
        Dialect dialect = Dialects.forJdbcUrl(config.url());
        Retort retort = Retort.of(config, scripts);
        List<dev.retort.graph.RevisionHeader> pending = retort.pending();
        if (!pending.isEmpty()) throw new RetortException(notUpToDate(pending, retort.heads()));
        // like upgrade, autogenerate on a new SQLite project creates the database file (and its folder)
        try (Connection c = Connections.open(config.url(), config.displayUrl(), true, retort.settings(), () -> false)) {
            SchemaComparator.Diff diff = diff(config, dialect, c);
            if (diff.isEmpty()) {
                LOG.info("No changes in schema detected; no revision file written.");
                return Optional.empty();
            }
            // PostgreSQL's limit only: where enums are column types the value is an ALTER of the columns (t44-6)
            boolean addsEnumValues = dialect.supports(dev.retort.dialect.Feature.ENUM_TYPES)
                    && diff.upgrade().stream().anyMatch(o -> o instanceof AddEnumValue);
            if (addsEnumValues) LOG.info("The revision adds enum values: it is marked to run outside a transaction");
            Map<String, List<String>> rebuilt = referencedTablesCopied(dialect, c, diff);
            List<String> why = new ArrayList<>();
            if (addsEnumValues) why.addAll(List.of(OUTSIDE_TRANSACTION.split("\n")));
            if (!rebuilt.isEmpty()) {
                LOG.info("The revision rebuilds {} by move-and-copy while foreign keys are enforced: it is marked to run outside"
                        + " a transaction", SqliteRebuilds.describe(rebuilt));
                why.addAll(List.of(sqliteOutsideTransaction(rebuilt, request.sql()).split("\n")));
            }
            boolean outside = !why.isEmpty();
            RevisionGenerator.Request filled;
            if (request.sql()) {
                RevisionSource.SqlSections sql = RevisionSource.sql(diff, dialect, c);
                StringBuilder comment = new StringBuilder();
                for (String line : why) comment.append("-- ").append(line).append('\n');
                String up = sql.upgrade();
                String down = sql.downgrade();
                if (!rebuilt.isEmpty()) {
                    // what Retort does around a copy online, written out: the script's copies are plain SQL. No
                    // PRAGMA foreign_keys = ON after it (t46-1): where the run began with keys off, that left them on
                    // for the revisions after this one; Retort puts them back as the run found them, online and in --sql
                    up = KEYS_OFF + up;
                    down = down.isBlank() ? down : KEYS_OFF + down;
                }
                filled = with(request, comment + up, down, List.of(), outside);
            } else {
                RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(diff);
                List<String> upgrade = new ArrayList<>();
                for (String line : why) upgrade.addAll(JavaSource.comment(line));
                upgrade.addAll(bodies.upgrade());
                filled = with(request, RevisionSource.javaBody("upgrade", upgrade),
                        RevisionSource.javaBody("downgrade", bodies.downgrade()),
                        bodies.imports().stream().map(i -> "import " + i + ";").toList(), outside);
            }
            return Optional.of(new RevisionGenerator(scripts, clock).generate(filled));
        } catch (SQLException e) {
            throw new RetortException("autogenerate on " + config.displayUrl() + " failed: " + e.getMessage(), e);
        }
    }

    /** The library form: a revision on the single head; {@code sqlFile} for a SQL revision. */
    public static Optional<Path> generate(RetortConfig config, ScriptDirectory scripts, String message, boolean sqlFile) {
        RevisionGenerator.Request request = new RevisionGenerator.Request(message, sqlFile, List.of("head"), false,
                List.of(), List.of(), null, null, null, null, List.of());
        return generate(config, scripts, request, Clock.systemUTC()).map(RevisionGenerator.Generated::path);
    }

    private static RevisionGenerator.Request with(RevisionGenerator.Request r, String up, String down, List<String> imports,
                                                  boolean nonTransactional) {
        return new RevisionGenerator.Request(r.message(), r.sql(), r.heads(), r.splice(), r.branchLabels(), r.dependsOn(),
                r.revId(), r.versionPath(), up, down, imports, r.nonTransactional() || nonTransactional);
    }

    /** The comparison of the database behind {@code connection} with the configured model. */
    public static SchemaComparator.Diff diff(RetortConfig config, Dialect dialect, Connection connection) throws SQLException {
        // the schema the revisions write to, the connection's own: version_table_schema only places Retort's
        // tables (left out of the comparison by name when they are in it too)
        SchemaModel db = dialect.reflector().reflect(connection, null);
        SchemaModel model = loadModel(config, dialect, connection);
        // checks the engine rewrites (H2's CHAR_LENGTH for length, MariaDB's lcase for lower) compare as it stores them
        Map<String, Map<String, String>> storedChecks = StoredChecks.of(db, model,
                new ModelContext(config, dialect, connection, Thread.currentThread().getContextClassLoader()));
        SchemaComparator.Diff diff = withExistingDetails(SchemaComparator.diff(db, model, dialect, SchemaFilter.of(config),
                        storedChecks), dialect, connection);
        diff = DependentViews.noted(diff, dialect, connection);
        warnAboutUnknownTypes(diff, dialect, connection);
        warnAboutUnknownIndexParts(diff, dialect, connection);
        warnAboutUnknownCollations(model, SchemaFilter.of(config), dialect, connection);
        return diff;
    }

    /**
     * MariaDB/MySQL and SQLite: a table's or column's collation of the model that the server lacks (a typo, MySQL's
     * utf8mb4_0900_ai_ci on MariaDB) made a revision that failed only at upgrade, as PostgreSQL's does (t64-1): said at
     * once, naming it. Neither engine can create a collation with SQL, so the model is what to correct.
     */
    private static void warnAboutUnknownCollations(SchemaModel model, SchemaFilter filter, Dialect dialect, Connection connection) {
        boolean mariadb = dialect.name().equals("mariadb");
        if (!mariadb && !dialect.name().equals("sqlite")) return;
        java.util.Set<String> known = new java.util.HashSet<>();
        // MariaDB 10.10+ lists utf8mb4_uca1400_ai_ci only by its full name, which older servers and MySQL lack
        List<String> queries = mariadb ? List.of("SELECT COLLATION_NAME FROM information_schema.COLLATIONS",
                "SELECT FULL_COLLATION_NAME FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY")
                : List.of("PRAGMA collation_list");
        for (String query : queries) {
            try (var s = connection.createStatement(); var rs = s.executeQuery(query)) {
                while (rs.next()) known.add(rs.getString(mariadb ? 1 : 2).toLowerCase(java.util.Locale.ROOT));
            } catch (SQLException e) {
                LOG.debug("Could not read the database's collations ({}): {}", query, e.getMessage());
            }
        }
        if (known.isEmpty()) return;
        if (!mariadb) known.addAll(List.of("binary", "nocase", "rtrim")); // built in
        String where = mariadb ? "SHOW COLLATION lists those it has" : "SQLite has BINARY, NOCASE and RTRIM, and those an"
                + " application registers on its own connection, which Retort's does not have";
        for (dev.retort.schema.Table t : model.tables()) {
            if (!filter.includes(SchemaFilter.Kind.TABLE, t.name())) continue;
            if (t.collation() != null && !known.contains(t.collation().toLowerCase(java.util.Locale.ROOT))) {
                LOG.warn("Table {} has collation {}, which this database does not have ({}): a revision creating or"
                        + " converting the table would fail at upgrade; correct the model", t.name(), t.collation(), where);
            }
            for (dev.retort.schema.Column c : t.columns()) {
                if (c.collation() == null || known.contains(c.collation().toLowerCase(java.util.Locale.ROOT))
                        || !filter.includes(SchemaFilter.Kind.COLUMN, t.name() + "." + c.name())) continue;
                LOG.warn("Column {}.{} has collation {}, which this database does not have ({}): a revision creating the"
                        + " column would fail at upgrade; correct the model", t.name(), c.name(), c.collation(), where);
            }
        }
    }

    /**
     * Column changes with what the engine restates of a column beyond the model (MariaDB: its own
     * collation), read from the database, so that the revision's offline script keeps them as an online run does.
     */
    private static SchemaComparator.Diff withExistingDetails(SchemaComparator.Diff diff, Dialect dialect, Connection connection) {
        java.util.Map<String, String> renamedFrom = new java.util.HashMap<>();
        // a column renamed and then altered (t57-6): read under its name in the database
        java.util.Map<String, String> columnRenamedFrom = new java.util.HashMap<>();
        for (dev.retort.ops.Operation op : diff.upgrade()) {
            if (op instanceof dev.retort.ops.RenameTable r) renamedFrom.put(r.newName(), r.name());
            if (op instanceof dev.retort.ops.AlterColumn a && a.isRenameOnly()) {
                columnRenamedFrom.put(a.table() + "\0" + a.newName(), a.column());
            }
        }
        List<SchemaComparator.Entry> entries = new ArrayList<>();
        for (SchemaComparator.Entry e : diff.entries()) {
            if (e.operation() instanceof dev.retort.ops.AlterColumn a) {
                String table = renamedFrom.getOrDefault(a.table(), a.table());
                String column = a.isRenameOnly() ? a.column()
                        : columnRenamedFrom.getOrDefault(a.table() + "\0" + a.column(), a.column());
                e = new SchemaComparator.Entry(dialect.reflector().withExistingDetails(connection, a, table, column), e.note(),
                        e.inverse());
            }
            entries.add(e);
        }
        return new SchemaComparator.Diff(entries);
    }

    private static final java.util.regex.Pattern SERIAL = java.util.regex.Pattern.compile("(?i)(small|big)?serial[248]?");

    /**
     * PostgreSQL: a raw column type the database does not know (a domain or composite type of a pg_dump
     * model, which autogenerate does not create; a typo in a class: model) made a revision that failed only
     * at upgrade. Said at once, naming the column; the revision is still written, to be completed by hand.
     */
    private static void warnAboutUnknownTypes(SchemaComparator.Diff diff, Dialect dialect, Connection connection) {
        if (!dialect.name().equals("postgresql")) return;
        // the enum types the revision creates before its tables: an array of one (mood[]) is a raw type the database
        // does not have yet either (t57-16)
        java.util.Set<String> created = new java.util.HashSet<>();
        for (dev.retort.ops.Operation op : diff.upgrade()) {
            if (op instanceof dev.retort.ops.CreateEnumType ce) created.add(ce.enumType().name());
        }
        for (dev.retort.ops.Operation op : diff.upgrade()) {
            String table;
            List<dev.retort.schema.Column> columns;
            if (op instanceof dev.retort.ops.CreateTable ct) {
                table = ct.table().name();
                columns = ct.table().columns();
            } else if (op instanceof dev.retort.ops.AddColumn ac) {
                table = ac.table();
                columns = List.of(ac.column());
            } else {
                continue;
            }
            for (dev.retort.schema.Column c : columns) {
                if (c.collation() != null) warnAboutUnknownCollation(table, c, dialect, connection);
                if (c.type().kind() != dev.retort.schema.SqlType.Kind.RAW) continue;
                String base = c.type().raw().replaceAll("(?i)\\s+GENERATED\\s+.*$", "").replaceAll("(\\s*\\[\\d*\\])+$", "").strip();
                // serial, bigserial, smallserial: CREATE TABLE's shorthand for an integer with a sequence, no type in pg_type
                if (SERIAL.matcher(base).matches()) continue;
                if (created.contains(unquoted(base))) continue;
                try (var ps = connection.prepareStatement("SELECT to_regtype(?)")) {
                    ps.setString(1, base);
                    try (var rs = ps.executeQuery()) {
                        if (rs.next() && rs.getString(1) == null) {
                            LOG.warn("Column {}.{} has type '{}', which this database does not have and autogenerate does not "
                                    + "create (a domain or composite type, or a typo): add it before the table, e.g. "
                                    + "op.execute(\"CREATE DOMAIN ...\")", table, c.name(), base);
                        }
                    }
                } catch (SQLException e) {
                    LOG.debug("Could not look up type {}: {}", base, e.getMessage());
                }
            }
        }
    }

    /** A type's name as CREATE TYPE gave it: without its schema and quotes, or in lower case where it had none. */
    private static String unquoted(String name) {
        String n = name.strip();
        int dot = n.lastIndexOf('.');
        if (dot > 0 && !n.endsWith("\"")) n = n.substring(dot + 1); // a schema's name before it
        return n.length() > 1 && n.startsWith("\"") && n.endsWith("\"")
                ? n.substring(1, n.length() - 1).replace("\"\"", "\"") : n.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * PostgreSQL: a column's collation the database lacks (netbox's natural_sort, created by the model's file, which
     * autogenerate does not create) fails the revision at upgrade, as an unknown type does: said at once.
     */
    private static void warnAboutUnknownCollation(String table, dev.retort.schema.Column c, Dialect dialect, Connection connection) {
        String name = dialect.collation(c.collation());
        try (var ps = connection.prepareStatement("SELECT to_regcollation(?)")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) == null) {
                    LOG.warn("Column {}.{} has collation {}, which this database does not have and autogenerate does not "
                            + "create: add it before the table, e.g. {}", table, c.name(),
                            name, dev.retort.ops.Execute.javaCall("CREATE COLLATION " + name + " (...)"));
                }
            }
        } catch (SQLException e) {
            LOG.debug("Could not look up collation {}: {}", name, e.getMessage());
        }
    }

    /** Words written like a call in an index expression that are syntax, not functions in pg_proc. */
    private static final java.util.Set<String> NOT_FUNCTIONS = java.util.Set.of("cast", "coalesce", "nullif", "greatest",
            "least", "array", "row", "exists", "extract", "substring", "position", "overlay", "trim", "collate", "any",
            "all", "some", "in", "case", "when", "then", "else", "and", "or", "not", "is", "interval", "timestamp", "time",
            "varchar", "char", "character", "varying", "numeric", "decimal", "bit", "varbit", "float", "double", "precision");
    private static final java.util.regex.Pattern OPCLASS = java.util.regex.Pattern.compile("(?<![\\w.\"])((?:\\w+\\.)?\\w+_ops)\\b");
    private static final java.util.regex.Pattern CALL = java.util.regex.Pattern.compile("(?<![\\w.\"$:])((?:\\w+\\.)?\\w+)\\(");

    /**
     * PostgreSQL: an index of the model using an operator class or a function the database lacks (an extension's,
     * pg_trgm's gin_trgm_ops say, or a function of the model's file) made a revision that failed only at upgrade.
     * Said at once, as for column types; functions are looked up by name (and schema), not by argument types.
     */
    private static void warnAboutUnknownIndexParts(SchemaComparator.Diff diff, Dialect dialect, Connection connection) {
        if (!dialect.name().equals("postgresql")) return;
        java.util.Map<String, List<dev.retort.schema.Index>> created = new java.util.LinkedHashMap<>();
        for (SchemaComparator.Entry e : diff.entries()) {
            if (e.operation() instanceof dev.retort.ops.CreateTable ct) {
                created.computeIfAbsent(ct.table().name(), k -> new ArrayList<>()).addAll(ct.table().indexes());
            } else if (e.operation() instanceof dev.retort.ops.CreateIndex ci) {
                created.computeIfAbsent(ci.table(), k -> new ArrayList<>()).add(ci.index());
            } else if (e.inverse() instanceof dev.retort.ops.DropIndex di && di.dropped() != null) {
                created.computeIfAbsent(di.table(), k -> new ArrayList<>()).add(di.dropped()); // an index written as raw SQL
            }
        }
        java.util.Set<String> said = new java.util.HashSet<>();
        for (var t : created.entrySet()) {
            for (dev.retort.schema.Index ix : t.getValue()) {
                StringBuilder sql = new StringBuilder();
                for (dev.retort.schema.IndexElement el : ix.elements()) if (el.isExpression()) sql.append(el.expression()).append(' ');
                if (ix.where() != null) sql.append(ix.where());
                String text = sql.toString().replaceAll("'(?:[^']|'')*'", "''");
                var opclasses = OPCLASS.matcher(text);
                while (opclasses.find()) {
                    String name = opclasses.group(1);
                    if (said.add("o" + name) && !exists(connection, "SELECT EXISTS (SELECT 1 FROM pg_opclass c JOIN pg_namespace n"
                            + " ON n.oid = c.opcnamespace WHERE c.opcname = ? AND (?::text IS NULL OR n.nspname = ?))", name)) {
                        LOG.warn("Index {} on {} uses operator class '{}', which this database does not have (an extension's, such as"
                                + " pg_trgm's gin_trgm_ops?): add it before the index, e.g. op.execute(\"CREATE EXTENSION ...\")",
                                ix.name(), t.getKey(), name);
                    }
                }
                var calls = CALL.matcher(text);
                while (calls.find()) {
                    String name = calls.group(1);
                    String bare = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
                    if (NOT_FUNCTIONS.contains(bare) || !said.add("f" + name)) continue;
                    if (!exists(connection, "SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                            + " WHERE p.proname = ? AND (?::text IS NULL OR n.nspname = ?))", name)) {
                        LOG.warn("Index {} on {} uses function '{}', which this database does not have (an extension's, or one of"
                                + " the model's own): add it before the index, e.g. op.execute(\"CREATE FUNCTION ...\")",
                                ix.name(), t.getKey(), name);
                    }
                }
            }
        }
    }

    /** Runs a lookup taking (name, schema, schema) for a possibly qualified name; true when unsure. */
    private static boolean exists(Connection connection, String sql, String qualified) {
        int dot = qualified.lastIndexOf('.');
        String schema = dot < 0 ? null : qualified.substring(0, dot);
        try (var ps = connection.prepareStatement(sql)) {
            ps.setString(1, qualified.substring(dot + 1));
            ps.setString(2, schema);
            ps.setString(3, schema);
            try (var rs = ps.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        } catch (SQLException e) {
            LOG.debug("Could not look up {}: {}", qualified, e.getMessage());
            return true;
        }
    }

    /** The target model named by {@code target_metadata}. */
    public static SchemaModel loadModel(RetortConfig config, Dialect dialect, Connection connection) {
        ClassLoader loader = classLoader(config);
        return ModelSources.load(config.targetMetadata(), new ModelContext(config, dialect, connection, loader));
    }

    private static ClassLoader classLoader(RetortConfig config) {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        if (parent == null) parent = Autogenerator.class.getClassLoader();
        if (config.classpath().isEmpty()) return parent;
        // t63-3: a class loader passes over a missing entry without a word, and jpa: then said only "has no classes on
        // the class path"; warned about as for Java revisions (JavaRevisionCompiler). A sql: model loads no classes
        String metadata = config.targetMetadata() == null ? "" : config.targetMetadata().strip();
        boolean classes = !metadata.regionMatches(true, 0, "sql:", 0, 4);
        List<URL> urls = new ArrayList<>();
        for (Path p : config.classpath()) {
            Path entry = config.baseDir().resolve(p);
            if (classes && !java.nio.file.Files.exists(entry)) {
                LOG.warn("The classpath entry {} (retort.toml's classpath) does not exist", entry);
            }
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new RetortException("classpath entry " + p + " is not usable: " + e.getMessage());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

}

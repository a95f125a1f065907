package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Table;
import dev.retort.script.SqlSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code sql:FILE}: the file's statements run in a scratch database of the target's dialect, which is
 * reflected and then dropped. SQLite and H2 use a private in-memory database. PostgreSQL uses a new
 * temporary database when the user may create one (so files that name {@code public.} stay inside it),
 * else a temporary schema on the target database, else the session's temporary schema ({@code pg_temp}); the
 * model is read from the schema that stands for the connection's own, the one the database is read from
 * ({@link PostgresModelScript}). MariaDB uses a temporary database on the target server.
 */
final class SqlFileModelSource implements ModelSource {
    private static final Logger LOG = LoggerFactory.getLogger(SqlFileModelSource.class);

    @Override
    public String scheme() {
        return "sql";
    }

    @Override
    public SchemaModel load(String fileName, ModelContext context) throws Exception {
        Path file = context.config() == null ? Path.of(fileName) : context.config().baseDir().resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new RetortException("Model file " + file + " (target_metadata sql:" + fileName + ") does not exist");
        }
        List<SqlSplitter.Statement> statements;
        try {
            statements = SqlSplitter.forDialect(context.dialect().name()).splitWhole(dev.retort.script.RevisionText.decode(Files.readAllBytes(file), file.toString())).stream()
                    .filter(st -> !st.metaCommand()) // psql's lines (pg_dump's \\restrict KEY): nothing for the server
                    .filter(st -> !sqliteInternalTable(context, file, st))
                    .toList();
        } catch (SqlSplitter.Unclosed e) {
            throw new RetortException("Model file " + file + ", " + e.getMessage());
        }
        SchemaModel model = ScratchDatabase.reflect(context, statements, file.toString());
        // t66-2: SQLite takes a foreign key to a table it does not have, and so does MariaDB in a dump's
        // FOREIGN_KEY_CHECKS=0; PostgreSQL and H2 refuse the file's statement itself
        String engine = context.dialect().name();
        if (engine.equals("sqlite") || engine.equals("mariadb")) ModelConsistency.require(model, context, "sql:" + fileName);
        // made in a database, the model has a collation for every column: one without has the default
        return model.withCollationsKnown();
    }

    /** Whether {@code st} is the CREATE TABLE sqlite_sequence of a sqlite3 .schema dump, which SQLite refuses (t37-3). */
    private static boolean sqliteInternalTable(ModelContext context, Path file, SqlSplitter.Statement st) {
        String table = dev.retort.script.SqliteInternalTables.createdBy(context.dialect().name(), st.sql());
        if (table != null) LOG.info("{} line {}: {}", file, st.line(), dev.retort.script.SqliteInternalTables.skipped(table));
        return table != null;
    }

    /** Runs statements in a scratch database of the dialect and reflects it. */
    static final class ScratchDatabase {
        /** SQLite statements that manage or refuse a transaction: a file with one runs statement by statement. */
        private static final java.util.regex.Pattern SQLITE_OUTSIDE_TRANSACTION = java.util.regex.Pattern.compile(
                "(?i)(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ATTACH|DETACH|PRAGMA)\\b");

        private ScratchDatabase() {
        }

        static SchemaModel reflect(ModelContext context, List<SqlSplitter.Statement> statements, String origin) throws SQLException {
            return reflect(context, statements, origin, null);
        }

        /**
         * As {@link #reflect(ModelContext, List, String)}; with {@code failures}, a statement that fails is put there
         * (its message by its line) and the others still run (in a transaction, each in a savepoint of its own): StoredChecks asks
         * about each table on its own, and one it cannot create should not cost the others.
         */
        static SchemaModel reflect(ModelContext context, List<SqlSplitter.Statement> statements, String origin,
                                   java.util.Map<Integer, String> failures) throws SQLException {
            Dialect dialect = context.dialect();
            switch (dialect.name()) {
                case "sqlite" -> {
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                        // t80-1: SQLite reads its schema table through after each CREATE (no index on it), which a
                        // transaction of its own per statement doubles; a file that says nothing of transactions is
                        // run in one (ATTACH, VACUUM and some PRAGMAs refuse one; a dump's BEGIN makes its own)
                        if (statements.stream().noneMatch(st -> SQLITE_OUTSIDE_TRANSACTION.matcher(
                                dev.retort.dialect.StatementText.afterComments(st.sql())).lookingAt())) {
                            c.setAutoCommit(false);
                        }
                        run(c, statements, origin, null, failures);
                        if (failures == null) warnAboutUncreatedSqlite(context, c, origin);
                        return dialect.reflector().reflect(c, null);
                    }
                }
                case "h2" -> {
                    String name = "retort_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name)) {
                        run(c, statements, origin, null, failures);
                        return dialect.reflector().reflect(c, null);
                    }
                }
                case "postgresql" -> {
                    return postgres(context, statements, origin, failures);
                }
                case "mariadb" -> {
                    return mariadb(context, statements, origin, failures);
                }
                default -> throw new RetortException("sql: model sources are not supported on " + dialect.name());
            }
        }

        /** t66-6: as on PostgreSQL and MariaDB, the views, triggers and virtual tables the database lacks are named. */
        private static void warnAboutUncreatedSqlite(ModelContext context, Connection scratch, String origin) throws SQLException {
            UncreatedObjects.Objects model = UncreatedObjects.sqlite(scratch);
            if (model.isEmpty()) return;
            UncreatedObjects.Objects live = null;
            if (context.connection() != null) {
                try {
                    live = UncreatedObjects.foldedTo(model, UncreatedObjects.sqlite(context.connection()));
                } catch (SQLException e) {
                    LOG.debug("Could not read the database's views, triggers and virtual tables: {}", e.getMessage());
                }
            }
            UncreatedObjects.warn(origin, model, live);
        }

        private static SchemaModel postgres(ModelContext context, List<SqlSplitter.Statement> statements, String origin,
                                            java.util.Map<Integer, String> failures) throws SQLException {
            Connection target = requireConnection(context);
            String url = target.getMetaData().getURL();
            // StoredChecks' probes (failures asked for) are CREATE TABLEs of unqualified names, which land in the scratch
            // schema: they make nothing the warnings below are about, so neither the database's objects nor its tables
            // by schema are read for them (the tables were counted on every probe round)
            boolean file = failures == null;
            // read before the target's search_path points at a scratch schema
            UncreatedObjects.Objects live = file ? UncreatedObjects.postgres(target, null) : null;
            // the schema the database is read from (the connection's own: ?currentSchema=app), and its search_path:
            // the model is read from the schema that stands in for it, with the same path, so that both sides name
            // the same things the same way (t56-8)
            List<String> path = searchPath(target);
            // no schema to stand in for: "public" here compared the model with nothing at all (t59-9)
            if (path.isEmpty()) {
                context.dialect().reflector().reflect(target, null); // refuses, naming the search_path
                throw new RetortException("The connection's search_path names no schema of its database");
            }
            String compared = path.get(0);
            String name = LeftoverScratches.sweepPostgres(target);
            boolean ownDatabase;
            try (ScratchDatabases.Scratch scratch = ScratchDatabases.open(name, origin)) {
                try (Statement s = target.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                    ownDatabase = true;
                } catch (SQLException noCreatedbRight) {
                    ownDatabase = false;
                }
                if (ownDatabase) {
                    try {
                        try (Connection c = DriverManager.getConnection(withDatabase(url, name), credentials(context))) {
                            try (Statement s = c.createStatement()) {
                                s.execute("CREATE SCHEMA IF NOT EXISTS " + PostgresModelScript.quoted(compared));
                            }
                            setSearchPath(c, path, false);
                            run(c, prepared(statements, compared, null, java.util.Set.of(), origin), origin, scratch, failures);
                            if (file) {
                                warnAboutOtherSchemas(c, origin, compared);
                                UncreatedObjects.warn(origin, UncreatedObjects.postgres(c, compared), live);
                            }
                            setSearchPath(c, path, false); // a dump empties it
                            return scratch.reflected(() -> context.dialect().reflector().reflect(c, compared));
                        }
                    } finally {
                        dropScratch(target, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    }
                }
            }
            // No database of our own: a schema on the target, inside a transaction that is always rolled
            // back, so that whatever the file does outside the schema (DROP, public.-qualified CREATE) never
            // reaches the user's database. A user who may not create schemas either (a CI or read-only user) has
            // the session's temporary schema, which needs only the TEMP right that every user has by default
            // (t30-4): unqualified names are created there while it comes first on the search_path. In either,
            // the file's objects named with the compared schema are made in the scratch schema instead (t57-12).
            boolean autoCommit = target.getAutoCommit();
            target.setAutoCommit(false);
            try {
                String schema = name;
                try (Statement s = target.createStatement()) {
                    s.execute("SAVEPOINT retort_scratch");
                    try {
                        s.execute("CREATE SCHEMA " + name);
                    } catch (SQLException noCreateRight) {
                        s.execute("ROLLBACK TO SAVEPOINT retort_scratch");
                        schema = null;
                    }
                    s.execute("SET LOCAL search_path TO " + (schema == null ? "pg_temp" : name));
                }
                java.util.Map<String, Integer> tablesBefore = file ? tablesBySchema(target) : null;
                List<SqlSplitter.Statement> script = prepared(statements, compared, schema == null ? "pg_temp" : schema,
                        schemas(target), origin);
                if (schema == null) {
                    runInTemporarySchema(target, script, origin, failures);
                    // none when the file made nothing
                    schema = firstValue(target, "SELECT COALESCE((SELECT nspname FROM pg_catalog.pg_namespace"
                            + " WHERE oid = pg_catalog.pg_my_temp_schema()), 'pg_temp')");
                } else {
                    run(target, script, origin, null, failures);
                }
                if (file) {
                    UncreatedObjects.warn(origin, UncreatedObjects.postgres(target, schema), live);
                    warnAboutTablesLeftOut(target, origin, tablesBefore, schema, compared);
                }
                // read with the connection's search_path, the scratch schema just before the compared one: the file's
                // objects are found there first, the database's own (an extension's operator class) after it, and
                // PostgreSQL names either without a qualifier, as it names the database's
                List<String> mapped = new java.util.ArrayList<>();
                for (String p : path) {
                    if (p.equals(compared)) mapped.add(schema.startsWith("pg_temp") ? "pg_temp" : schema);
                    mapped.add(p);
                }
                setSearchPath(target, mapped, true);
                return context.dialect().reflector().reflect(target, schema);
            } finally {
                target.rollback();
                target.setAutoCommit(autoCommit);
            }
        }

        /** The file's statements for a scratch that reads {@code compared} (or {@code scratchSchema} in its stead); what is left out is logged. */
        private static List<SqlSplitter.Statement> prepared(List<SqlSplitter.Statement> statements, String compared,
                                                            String scratchSchema, java.util.Set<String> existing, String origin) {
            PostgresModelScript.Prepared p = PostgresModelScript.prepare(statements, compared, scratchSchema, existing);
            for (PostgresModelScript.Skipped s : p.skipped()) {
                // a dump has an OWNER TO for each object: on the console they would bury what matters
                if (s.ownership()) LOG.debug("{} line {}: left out, {}: {}", origin, s.statement().line(), s.why(), firstLine(s.statement().sql()));
                else LOG.info("{} line {}: left out, {}: {}", origin, s.statement().line(), s.why(), firstLine(s.statement().sql()));
            }
            return p.statements();
        }

        /** The schemas of the session's search_path that exist, in order (the first is where unqualified names are made). */
        private static List<String> searchPath(Connection c) throws SQLException {
            List<String> out = new java.util.ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT unnest(current_schemas(false))")) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }

        /** The schemas of the database (before the scratch schema is made). */
        private static java.util.Set<String> schemas(Connection c) throws SQLException {
            java.util.Set<String> out = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nspname FROM pg_catalog.pg_namespace")) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }

        private static void setSearchPath(Connection c, List<String> path, boolean local) throws SQLException {
            String value = String.join(", ", path.stream().map(PostgresModelScript::quoted).toList());
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.set_config('search_path', ?, ?)")) {
                ps.setString(1, value);
                ps.setBoolean(2, local);
                ps.execute();
            }
        }

        private static java.util.Map<String, Integer> tablesBySchema(Connection c) throws SQLException {
            java.util.Map<String, Integer> out = new java.util.TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n.nspname, count(*) FROM pg_catalog.pg_class t"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p')"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
                    + " GROUP BY n.nspname")) {
                while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
            }
            return out;
        }

        /**
         * On the user's own database, tables the file made outside the scratch schema are not part of the model (and
         * rolled back): said, naming the schema, as in a scratch database of its own (t57-12: they were left out silently).
         */
        private static void warnAboutTablesLeftOut(Connection c, String origin, java.util.Map<String, Integer> before,
                                                   String scratchSchema, String compared) throws SQLException {
            for (var e : tablesBySchema(c).entrySet()) {
                int made = e.getValue() - before.getOrDefault(e.getKey(), 0);
                if (made > 0 && !e.getKey().equals(scratchSchema)) {
                    LOG.warn("{}: {} table(s) in schema '{}' are not part of the model: autogenerate compares one schema ({})",
                            origin, made, e.getKey(), compared);
                }
            }
        }

        /**
         * {@link #run} in the session's temporary schema, where a failure may be the schema's doing (a function made
         * there is not found by an unqualified call; TEMP revoked): it names the rights that give a scratch of its own.
         */
        private static void runInTemporarySchema(Connection c, List<SqlSplitter.Statement> statements, String origin,
                                                 java.util.Map<Integer, String> failures) throws SQLException {
            String database = firstValue(c, "SELECT current_database()"); // asked first: a failure aborts the transaction
            try {
                run(c, statements, origin, null, failures);
            } catch (RetortException e) {
                throw new RetortException(e.getMessage() + "\nThe file ran in the session's temporary schema, as this user"
                        + " may neither create databases nor schemas on " + database + ": CREATEDB, or CREATE on database "
                        + database + ", gives it a scratch of its own.", e.getCause());
            }
        }

        private static String firstValue(Connection c, String query) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                return rs.next() ? rs.getString(1) : null;
            }
        }

        private static SchemaModel mariadb(ModelContext context, List<SqlSplitter.Statement> statements, String origin,
                                           java.util.Map<Integer, String> failures) throws SQLException {
            Connection target = requireConnection(context);
            String current = target.getCatalog();
            UncreatedObjects.Objects live = failures != null || current == null || current.isEmpty() ? null
                    : UncreatedObjects.mariadb(target, current);
            Set<String> databases = new HashSet<>();
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SHOW DATABASES")) {
                while (rs.next()) databases.add(rs.getString(1));
            }
            databases.removeAll(Set.of("information_schema", "performance_schema")); // read-only: views may use them
            MariaDbModelScript.Prepared script = MariaDbModelScript.prepare(statements, databases, origin);
            for (SqlSplitter.Statement skipped : script.skipped()) {
                LOG.info("{} line {}: left out, the scratch database stands in for the database it names: {}", origin,
                        skipped.line(), firstLine(skipped.sql()));
            }
            String name = LeftoverScratches.sweepMariaDb(target);
            try (ScratchDatabases.Scratch scratch = ScratchDatabases.open(name, origin)) {
                String collation = DatabaseCollation.defaultOf(target);
                // held until the scratch is dropped: a sweep by another process knows it is not a leftover
                boolean locked = LeftoverScratches.lockMariaDb(target, name);
                MariaDbModelScript.Defaults stated = script.defaults();
                try (Statement s = target.createStatement()) {
                    // with the application's database's default collation: a table the file makes without
                    // COLLATE= then has the one a createTable without it gets there (t57-11); unless the file's
                    // CREATE DATABASE states its own, which its tables then have (f3-3)
                    s.execute("CREATE DATABASE " + name + (stated != null ? stated(stated)
                            : collation == null ? "" : " COLLATE " + collation));
                } catch (SQLException e) {
                    if (locked) LeftoverScratches.unlockMariaDb(target, name);
                    if (stated != null && (e.getErrorCode() == 1115 || e.getErrorCode() == 1273)) {
                        throw new RetortException(origin + " line " + stated.line() + ": the database's" + stated(stated)
                                + " cannot be given to the scratch database it is loaded into: " + e.getMessage(), e);
                    }
                    // nothing was created, so nothing to drop (and its DROP's own "Access denied" hid this one)
                    throw noScratchRight(target, origin, name, e);
                }
                try {
                    try (Statement s = target.createStatement()) {
                        s.execute("USE " + name);
                    }
                    String scratchCollation = stated == null ? collation : DatabaseCollation.defaultOf(target);
                    run(target, script.statements(), origin, scratch, failures);
                    if (failures == null) UncreatedObjects.warn(origin, UncreatedObjects.mariadb(target, name), live);
                    SchemaModel model = scratch.reflected(() -> context.dialect().reflector().reflect(target, name));
                    return relativeTo(model, scratchCollation, collation);
                } finally {
                    try {
                        dropScratch(target, "DROP DATABASE IF EXISTS " + name);
                    } finally {
                        if (locked) LeftoverScratches.unlockMariaDb(target, name);
                    }
                    if (current != null && !current.isEmpty()) {
                        try (Statement s = target.createStatement()) {
                            s.execute("USE `" + current.replace("`", "``") + "`");
                        }
                    }
                }
            }
        }

        /**
         * The user may not create the scratch database (t59-7: a CI or read-only user got MariaDB's bare "Access denied
         * ... to database 'retort_scratch_...'"): what the scratch is and the right it needs.
         */
        private static RetortException noScratchRight(Connection target, String origin, String name, SQLException e) {
            String user = MariaDbVisibility.grantee(target);
            return new RetortException("Cannot load the model " + origin + ": it is loaded into a temporary database " + name
                    + " on the same server, which this user may not create (" + e.getMessage() + "). An administrator can"
                    + " allow it to create, fill and drop such databases, and no other: GRANT ALL ON `retort\\_scratch\\_%`.* TO "
                    + user, e);
        }

        /** " CHARACTER SET x COLLATE y", either left out where the file's CREATE DATABASE does not state it. */
        private static String stated(MariaDbModelScript.Defaults d) {
            return (d.charset() == null ? "" : " CHARACTER SET " + d.charset())
                    + (d.collation() == null ? "" : " COLLATE " + d.collation());
        }

        /**
         * The model with its tables' collations told against the application's database's default: reflection names
         * a table's collation where it is not the scratch's default, and a table without one is taken to have the
         * database's. When the file's CREATE DATABASE gave the scratch another default than the database's (f3-3),
         * a table with the scratch's default has that collation, and one with the database's default has none.
         */
        static SchemaModel relativeTo(SchemaModel model, String scratchDefault, String databaseDefault) {
            if (scratchDefault == null || databaseDefault == null || scratchDefault.equalsIgnoreCase(databaseDefault)) {
                return model;
            }
            List<Table> tables = new java.util.ArrayList<>();
            for (Table t : model.tables()) {
                tables.add(t.collation() == null ? t.withCollation(scratchDefault)
                        : t.collation().equalsIgnoreCase(databaseDefault) ? t.withCollation(null) : t);
            }
            return new SchemaModel(tables, model.sequences(), model.enums(), model.collationsKnown());
        }

        /**
         * Drops a scratch database; tried again when it fails: a shutdown's cancel of the load (MariaDB's KILL QUERY,
         * sent from another connection) can arrive after the statement it was meant for and end this DROP instead,
         * which left the scratch on the server.
         */
        private static void dropScratch(Connection target, String drop) throws SQLException {
            for (int attempt = 1; ; attempt++) {
                try (Statement s = target.createStatement()) {
                    s.execute(drop);
                    return;
                } catch (SQLException e) {
                    if (attempt == 3) throw e;
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        private static java.util.Properties credentials(ModelContext context) {
            // The URL from the driver's metadata drops the password; take user and password from the configured URL.
            java.util.Properties p = new java.util.Properties();
            String url = context.config() == null ? null : context.config().url();
            if (url != null) {
                int q = url.indexOf('?');
                if (q >= 0) {
                    for (String kv : url.substring(q + 1).split("&")) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) p.setProperty(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
            return p;
        }

        static String withDatabase(String jdbcUrl, String database) {
            // jdbc:postgresql://host:port/db?params -> same with another db
            int start = jdbcUrl.indexOf("//");
            int slash = jdbcUrl.indexOf('/', start + 2);
            int q = jdbcUrl.indexOf('?');
            String tail = q < 0 ? "" : jdbcUrl.substring(q);
            if (slash < 0) return jdbcUrl.substring(0, q < 0 ? jdbcUrl.length() : q) + "/" + database + tail;
            return jdbcUrl.substring(0, slash + 1) + database + tail;
        }

        private static Connection requireConnection(ModelContext context) {
            if (context.connection() == null) {
                throw new RetortException("sql: model sources on " + context.dialect().name()
                        + " need a database connection for their scratch schema");
            }
            return context.connection();
        }

        /** Tables the file put in schemas other than the compared one are not compared: say so rather than drop them silently. */
        private static void warnAboutOtherSchemas(Connection c, String origin, String compared) throws SQLException {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT table_schema, count(*) FROM information_schema.tables"
                    + " WHERE table_schema NOT IN (?, 'pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%'"
                    + " GROUP BY table_schema ORDER BY table_schema")) {
                ps.setString(1, compared);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LOG.warn("{}: {} table(s) in schema '{}' are not part of the model: autogenerate compares one schema ({})",
                                origin, rs.getInt(2), rs.getString(1), compared);
                    }
                }
            }
        }

        private static String firstLine(String sql) {
            String line = sql.strip().lines().findFirst().orElse("");
            return line.length() > 120 ? line.substring(0, 120) + " ..." : line;
        }

        /**
         * Runs the statements; in a scratch database of its own, a shutdown cancels the one executing ({@link ScratchDatabases}).
         * With {@code failures}, a failing statement is added there and the next one runs (after a rollback to the
         * savepoint taken before it, in a transaction).
         */
        private static void run(Connection c, List<SqlSplitter.Statement> statements, String origin,
                                ScratchDatabases.Scratch scratch, java.util.Map<Integer, String> failures) {
            boolean savepoints;
            try {
                savepoints = failures != null && !c.getAutoCommit();
            } catch (SQLException e) {
                throw new RetortException(origin + ": " + e.getMessage(), e);
            }
            for (SqlSplitter.Statement st : statements) {
                java.sql.Savepoint before = null;
                try (Statement s = c.createStatement()) {
                    if (scratch != null) scratch.entering(s);
                    if (savepoints) before = c.setSavepoint();
                    s.execute(st.sql());
                    // MariaDB's SLEEP() and the like end normally when killed: the load stops here all the same, and no
                    // later query is sent for the shutdown's repeated KILL QUERY to hit instead
                    if (scratch != null) scratch.check();
                } catch (SQLException e) {
                    if (scratch != null) scratch.check(); // cancelled by the shutdown, not the file's error
                    if (failures == null) throw new RetortException(origin + " line " + st.line() + ": " + e.getMessage(), e);
                    failures.put(st.line(), e.getMessage());
                    if (before != null) {
                        try {
                            c.rollback(before);
                        } catch (SQLException notBack) {
                            throw new RetortException(origin + ": " + notBack.getMessage(), notBack);
                        }
                    }
                } finally {
                    if (scratch != null) scratch.exited();
                }
            }
        }
    }
}

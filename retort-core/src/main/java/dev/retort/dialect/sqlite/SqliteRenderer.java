package dev.retort.dialect.sqlite;

import dev.retort.RetortException;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.UnsupportedTypeException;
import dev.retort.dialect.sqlite.SqliteTableCopy.ForeignKeyMode;
import dev.retort.dialect.sqlite.SqliteTableInfo.StoredSql;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.CreateTable;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropTable;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.SetTableComment;
import dev.retort.schema.Column;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.script.SqlSplitter;
import dev.retort.schema.TableOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.retort.dialect.ReflectionSupport.asciiLower;

/**
 * SQLite's renderer. What SQLite does in place (create/drop/rename table, add a plain column, rename or
 * drop a plain column, indexes, data) renders as usual; what it cannot (column type, nullability,
 * default, adding or dropping constraints, dropping a column that keys, indexes or checks use) is
 * collected per table and carried out as one move-and-copy ({@link SqliteTableCopy}) when another
 * operation arrives or the revision ends ({@link #flush()}).
 * <p>
 * Online the table's shape is reflected when its first such change arrives. Offline it is known only
 * for tables created earlier in the same run; for others the renderer refuses with a clear message.
 */
final class SqliteRenderer extends SqlRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteRenderer.class);
    /** Defaults SQLite's ADD COLUMN accepts: constants only. */
    private static final Pattern CONSTANT_DEFAULT = Pattern.compile(
            "(?i)[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|'([^']|'')*'|x'[0-9a-f]*'|NULL|TRUE|FALSE");

    /** Where a generated column's clause starts in its raw type: {@code [GENERATED ALWAYS] AS (}. */
    private static final java.util.regex.Pattern GENERATED =
            java.util.regex.Pattern.compile("(?i)(^|\\s)(GENERATED\\s+ALWAYS\\s+)?AS\\s*\\(");

    private final SqliteDialect sqlite;
    private SqliteTableCopy pending;
    private String pendingKey;
    /** Where the revision called the last operation of the pending copy (see {@link dev.retort.dialect.OperationCalls}). */
    private Throwable pendingAt;
    /** The statements of the copy the last render or flush returned, with where the revision called it (t74-2). */
    private final Map<SqlStatement, Throwable> copyCalls = new java.util.IdentityHashMap<>();
    /** Offline: the schema the script builds, replayed in memory; what a move-and-copy reads then. Null online. */
    private final SqliteShadow shadow;
    /** The library's version as major * 10^6 + minor * 10^3 + patch, read once online. */
    private Integer sqliteVersion;
    /** Offline: whether the statements are written between the script's BEGIN and COMMIT (see {@link #scriptInTransaction}). */
    private boolean scriptInTransaction = true;
    /** The primary key name of the CREATE TABLE being written, for its inline AUTOINCREMENT key. */
    private String autoincrementKeyName;
    /** The tables copied so far that foreign keys reference, with the referencing tables: see {@link SqliteRebuilds}. */
    private final Map<String, List<String>> referencedCopies = new java.util.LinkedHashMap<>();

    SqliteRenderer(SqliteDialect dialect, RenderContext context) {
        super(dialect, context);
        this.sqlite = dialect;
        this.shadow = context.connection().isEmpty() ? new SqliteShadow(dialect) : null;
    }

    @Override
    public List<SqlStatement> render(Operation operation) {
        copyCalls.clear();
        refuseMissingFeatures(operation);
        Optional<String> batchTable = copyTable(operation);
        List<SqlStatement> out = new ArrayList<>();
        if (batchTable.isPresent()) {
            String key = key(schemaOf(operation), batchTable.get());
            if (pending != null && !key.equals(pendingKey)) out.addAll(flush());
            if (pending == null) {
                pending = new SqliteTableCopy(sqlite, currentInfo(operation, schemaOf(operation), batchTable.get()));
                pendingKey = key;
            }
            pendingAt = dev.retort.dialect.OperationCalls.site(operation);
            apply(operation);
            if (operation instanceof AlterColumn a && a.newName() != null) {
                // the rename itself is in place, after the copy: ALTER ... RENAME COLUMN also fixes triggers and views
                out.addAll(flushPending());
                out.addAll(renameColumn(a));
            }
            return replayed(out);
        }
        out.addAll(flushPending());
        out.addAll(operation.accept(this));
        return replayed(out);
    }

    @Override
    public List<SqlStatement> flush() {
        copyCalls.clear();
        return replayed(flushPending());
    }

    /**
     * A database error of the copy's statements names the line of the revision's call that the copy was made for:
     * they run after that call returned (at the revision's end, or with another table's operation).
     */
    @Override
    public Throwable calledAt(SqlStatement statement) {
        return copyCalls.get(statement);
    }

    /** Offline, what the script does to the schema is done to the in-memory copy as well. */
    private List<SqlStatement> replayed(List<SqlStatement> statements) {
        if (shadow != null) shadow.replay(statements);
        return statements;
    }

    @Override
    public void close() {
        if (shadow != null) shadow.close();
    }

    private List<SqlStatement> flushPending() {
        if (pending == null) return List.of();
        SqliteTableCopy copy = pending;
        Throwable at = pendingAt;
        pending = null;
        pendingKey = null;
        pendingAt = null;
        if (copy.descriptions().isEmpty()) return List.of();
        if (context.rehearsal()) {
            LOG.debug("Move-and-copy of SQLite table {} (on a copy): {}", copy.tableName(), String.join(", ", copy.descriptions()));
        } else {
            LOG.info("Move-and-copy of SQLite table {}: {}", copy.tableName(), String.join(", ", copy.descriptions()));
        }
        try {
            List<SqlStatement> statements = copyStatements(copy);
            if (at != null) statements.forEach(st -> copyCalls.put(st, at));
            return statements;
        } catch (dev.retort.RetortException e) {
            // refused for the whole batch: the revision's line is that of its operation the refusal is about (the
            // column added, see SqliteTableCopy), else of the batch's last one
            throw dev.retort.dialect.OperationCalls.at(e, at);
        }
    }

    // ---- which operations need the copy --------------------------------------------------------

    /** The table an operation changes by move-and-copy, or empty when it renders in place. */
    private Optional<String> copyTable(Operation op) {
        if (op instanceof AlterColumn a) {
            boolean structural = a.type() != null || a.nullable() != null || a.serverDefault() != null;
            return structural ? Optional.of(a.table()) : Optional.empty();
        }
        if (op instanceof CreatePrimaryKey o) return Optional.of(o.table());
        if (op instanceof CreateUniqueConstraint o) return Optional.of(o.table());
        if (op instanceof CreateCheckConstraint o) return Optional.of(o.table());
        if (op instanceof CreateForeignKey o) return Optional.of(o.table());
        if (op instanceof DropConstraint o) return Optional.of(o.table());
        if (op instanceof AddColumn o) {
            boolean samePending = pending != null && key(o.schema(), o.table()).equals(pendingKey);
            return samePending || !addableInPlace(o.column()) ? Optional.of(o.table()) : Optional.empty();
        }
        if (op instanceof DropColumn o) {
            boolean samePending = pending != null && key(o.schema(), o.table()).equals(pendingKey);
            if (samePending) return Optional.of(o.table());
            Optional<SqliteTableInfo> info = lookup(o.schema(), o.table());
            // unknown offline: in place, and SQLite itself refuses what it cannot drop
            boolean copy = info.isPresent() && (!droppableInPlace(info.get(), o.column()) || !hasDropColumn());
            return copy ? Optional.of(o.table()) : Optional.empty();
        }
        return Optional.empty();
    }

    /** ALTER TABLE ... DROP COLUMN came with SQLite 3.35.0; older libraries get the copy. Offline: assumed. */
    private boolean hasDropColumn() {
        if (context.connection().isEmpty()) return true;
        if (sqliteVersion == null) {
            try (Statement s = context.connection().get().createStatement();
                 ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                String[] p = rs.getString(1).split("\\.");
                sqliteVersion = Integer.parseInt(p[0]) * 1_000_000 + Integer.parseInt(p[1]) * 1_000
                        + (p.length > 2 ? Integer.parseInt(p[2]) : 0);
            } catch (SQLException | RuntimeException e) {
                sqliteVersion = 0;
            }
        }
        return sqliteVersion >= 3_035_000;
    }

    private static final java.util.regex.Pattern STORED = java.util.regex.Pattern.compile("(?i)\\)\\s*STORED\\s*$");

    /** SQLite's ADD COLUMN takes no key, and a NOT NULL column only with a constant default. */
    private static boolean addableInPlace(Column c) {
        if (c.autoincrement()) return false;
        // ADD COLUMN takes a VIRTUAL generated column, not a STORED one
        if (c.type() != null && c.type().raw() != null && STORED.matcher(c.type().raw()).find()) return false;
        boolean constantDefault = c.serverDefault() != null && CONSTANT_DEFAULT.matcher(c.serverDefault().trim()).matches();
        if (c.serverDefault() != null && !constantDefault) return false;
        return c.nullable() || (constantDefault && !c.serverDefault().trim().equalsIgnoreCase("NULL"));
    }

    /** SQLite's DROP COLUMN refuses columns that keys, indexes, checks or triggers use (sqlite.org/lang_altertable.html). */
    private static boolean droppableInPlace(SqliteTableInfo info, String column) {
        Table t = info.table();
        Set<String> col = Set.of(column.toLowerCase(Locale.ROOT));
        if (t.primaryKey() != null && containsIgnoreCase(t.primaryKey().columns(), column)) return false;
        if (t.uniqueConstraints().stream().anyMatch(u -> containsIgnoreCase(u.columns(), column))) return false;
        if (t.foreignKeys().stream().anyMatch(f -> containsIgnoreCase(f.columns(), column))) return false;
        if (t.checkConstraints().stream().anyMatch(c -> SqliteTableCopy.mentions(c.expression(), col))) return false;
        if (t.indexes().stream().anyMatch(ix -> ix.elements().stream().anyMatch(e -> e.column() != null
                ? e.column().equalsIgnoreCase(column) : SqliteTableCopy.mentions(e.expression(), col))
                || SqliteTableCopy.mentions(ix.where(), col))) return false;
        // a generated column drops in place, and so does a column no generated column's expression uses
        if (t.columns().stream().anyMatch(c -> !c.name().equalsIgnoreCase(column)
                && containsIgnoreCase(info.generatedColumns(), c.name())
                && c.type().raw() != null && SqliteTableCopy.mentions(c.type().raw(), col))) return false;
        return info.triggers().stream().noneMatch(tr -> SqliteTableCopy.mentions(tr.sql(), col));
    }

    private void apply(Operation op) {
        try {
            applyToPending(op);
        } catch (UnsupportedTypeException e) {
            throw unsupportedType(op, null, e);
        }
    }

    private void applyToPending(Operation op) {
        if (op instanceof AlterColumn a) {
            if (a.using() != null) {
                // the copy converts by the new column's affinity; an expression would be silently ignored
                throw unsupported(a, "it has no USING clause for type changes (remove using(...) on this engine)");
            }
            if (a.type() != null) pending.alterType(a.column(), a.type());
            if (a.nullable() != null) pending.alterNullable(a.column(), a.nullable());
            if (a.serverDefault() != null) pending.alterDefault(a.column(), a.serverDefault().value());
        } else if (op instanceof CreatePrimaryKey o) {
            pending.addPrimaryKey(o.primaryKey());
        } else if (op instanceof CreateUniqueConstraint o) {
            pending.addUnique(o.constraint());
        } else if (op instanceof CreateCheckConstraint o) {
            pending.addCheck(o.constraint());
        } else if (op instanceof CreateForeignKey o) {
            pending.addForeignKey(o.foreignKey());
        } else if (op instanceof DropConstraint o) {
            if (o.byDefinition()) pending.dropByDefinition(o.dropped());
            else pending.dropConstraint(o.name(), o.type());
        } else if (op instanceof AddColumn o) {
            if (!(o.ifNotExists() && pending.hasColumn(o.column().name()))) pending.addColumn(o.column(), pendingAt);
        } else if (op instanceof DropColumn o) {
            if (!o.ifExists() || pending.hasColumn(o.column())) pending.dropColumn(o.column());
        } else {
            throw new IllegalStateException("not a move-and-copy operation: " + op.describe());
        }
    }

    private static String schemaOf(Operation op) {
        if (op instanceof AlterColumn o) return o.schema();
        if (op instanceof CreatePrimaryKey o) return o.schema();
        if (op instanceof CreateUniqueConstraint o) return o.schema();
        if (op instanceof CreateCheckConstraint o) return o.schema();
        if (op instanceof CreateForeignKey o) return o.schema();
        if (op instanceof DropConstraint o) return o.schema();
        if (op instanceof AddColumn o) return o.schema();
        if (op instanceof DropColumn o) return o.schema();
        return null;
    }

    // ---- the table's current shape ------------------------------------------------------------

    private SqliteTableInfo currentInfo(Operation op, String schema, String table) {
        return lookup(schema, table).orElseThrow(() -> context.connection().isPresent()
                ? new RetortException("SQLite cannot " + op.describe() + ": there is no table " + table)
                : new RetortException("SQLite cannot " + op.describe() + " in offline (--sql) mode: SQLite does it"
                + " by move-and-copy, which needs the table's definition, and " + offlineGap(schema, table)));
    }

    /** Offline: why a table's definition is not known. */
    private String offlineGap(String schema, String table) {
        if (attached(schema)) {
            return "table " + schema + "." + table + " is in attached database " + schema + ", which the script does not"
                    + " follow (ATTACH is not replayed). Run this revision online.";
        }
        return shadow.broken().map(b -> "Retort follows the script's schema by replaying it in memory, which failed at "
                        + b + ", so table " + table + " is not known after it. Run this revision online.")
                .orElse("table " + table + " was not created earlier in this run. Run this revision online, or generate"
                        + " the script from a revision that creates the table.");
    }

    /** Offline, whether {@code schema} names an attached database: one the in-memory replay does not have. */
    private boolean attached(String schema) {
        return shadow != null && schema != null && !schema.isEmpty() && !schema.equalsIgnoreCase("main")
                && !schema.equalsIgnoreCase("temp");
    }

    private Optional<SqliteTableInfo> lookup(String schema, String table) {
        Optional<Connection> connection = schemaSource();
        // offline, ATTACH is not replayed: a table of an attached database is not known (t32-6), rather than
        // asking the replay for a schema it lacks ("no such table: aux.sqlite_master")
        if (connection.isEmpty() || attached(schema)) return Optional.empty();
        try {
            Map<String, SqliteTableInfo> tables = new SqliteReflector(sqlite).reflectTables(connection.get(), schema);
            SqliteTableInfo info = tables.get(table);
            if (info == null) {
                info = tables.values().stream().filter(i -> i.table().name().equalsIgnoreCase(table)).findFirst().orElse(null);
            }
            return Optional.ofNullable(info);
        } catch (SQLException e) {
            throw new RetortException("Cannot read the definition of SQLite table " + table + ": " + e.getMessage(), e);
        }
    }

    /** Where table shapes are read: the live database online, the replayed script offline (if anything was). */
    private Optional<Connection> schemaSource() {
        if (shadow == null) return context.connection();
        return shadow.broken().isPresent() ? Optional.empty() : shadow.database();
    }

    private List<SqlStatement> copyStatements(SqliteTableCopy copy) {
        if (!copy.source().referencedBy().isEmpty()) referencedCopies.putIfAbsent(copy.tableName(), copy.source().referencedBy());
        Optional<Connection> connection = context.connection();
        if (connection.isEmpty()) {
            // as online: outside the script's BEGIN ... COMMIT (a transactional-false revision) a savepoint makes
            // the copy all-or-nothing where the script stops at an error (sqlite3 -bail), instead of leaving the old
            // table dropped or a _retort_tmp_ table behind (t32-3)
            List<SqlStatement> statements = guarded(copy, copy.statements(ForeignKeyMode.NONE, false));
            return scriptInTransaction ? statements : inSavepoint(statements, 0, statements.size());
        }
        Connection c = connection.get();
        try {
            boolean enforced = pragma(c, "foreign_keys") == 1;
            boolean legacyOn = pragma(c, "legacy_alter_table") == 1;
            boolean autocommit = c.getAutoCommit();
            ForeignKeyMode mode;
            if (!enforced) {
                mode = ForeignKeyMode.NONE;
            } else if (autocommit && !ownTransactionOpen(c)) {
                mode = ForeignKeyMode.DISABLE;
            } else {
                SqliteTableInfo info = copy.source();
                if (!info.referencedBy().isEmpty()) {
                    String where = autocommit
                            ? " inside a transaction the revision opened itself (a BEGIN or SAVEPOINT it ran, transactional false)"
                            : " inside a transaction";
                    throw new RetortException("SQLite cannot change table " + copy.tableName() + " ("
                            + String.join(", ", copy.descriptions()) + ")" + where + " while foreign keys"
                            + " are enforced: move-and-copy drops the table, and tables " + info.referencedBy()
                            + " reference it (their ON DELETE actions would fire). PRAGMA foreign_keys cannot be"
                            + " switched off inside a transaction; "
                            + (autocommit ? "change the table outside the revision's own transaction, or "
                            // outside a transaction Retort switches keys off around the copy itself (t44-4: said so)
                            : "mark the revision '-- retort:transactional false' (a Java revision: @Revision(transactional"
                            + " = false)), where Retort switches them off around the copy, or ")
                            + "run with foreign keys off (SQLite's default, or foreign_keys=false in the JDBC URL).");
                }
                mode = ForeignKeyMode.DEFER;
            }
            boolean deferOn = mode == ForeignKeyMode.DEFER && pragma(c, "defer_foreign_keys") == 1;
            List<SqlStatement> statements = copy.statements(mode, legacyOn, deferOn);
            if (mode == ForeignKeyMode.NONE) statements = guarded(copy, statements);
            if (!autocommit) return statements;
            // Outside the run's transaction, a savepoint makes the copy all-or-nothing; pragmas on foreign keys stay
            // outside it
            int from = mode == ForeignKeyMode.DISABLE ? 1 : 0;
            int to = mode == ForeignKeyMode.DISABLE ? statements.size() - 1 : statements.size();
            return inSavepoint(statements, from, to);
        } catch (SQLException e) {
            throw new RetortException("Cannot read SQLite settings for the move-and-copy of table "
                    + copy.tableName() + ": " + e.getMessage(), e);
        }
    }

    /** The statements with those from {@code from} to {@code to} between a SAVEPOINT and its RELEASE. */
    private static List<SqlStatement> inSavepoint(List<SqlStatement> statements, int from, int to) {
        List<SqlStatement> out = new ArrayList<>(statements.subList(0, from));
        out.add(SqlStatement.of("SAVEPOINT " + SqliteTableCopy.SAVEPOINT));
        out.addAll(statements.subList(from, to));
        out.add(SqlStatement.of("RELEASE " + SqliteTableCopy.SAVEPOINT));
        out.addAll(statements.subList(to, statements.size()));
        return out;
    }

    /**
     * Whether a transaction is open on a connection in autocommit mode: one a transactional-false revision began
     * itself (BEGIN, SAVEPOINT). JDBC's flag does not see it, and SQLite ignores PRAGMA foreign_keys inside it
     * without a word, so a copy would drop the table with keys enforced and cascade (t32-2). Whether the pragma
     * takes effect is the question itself; the setting is put back at once.
     */
    private static boolean ownTransactionOpen(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = OFF");
            boolean open = pragma(c, "foreign_keys") == 1;
            if (!open) s.execute("PRAGMA foreign_keys = ON");
            return open;
        }
    }

    Map<String, List<String>> referencedCopies() {
        return java.util.Collections.unmodifiableMap(referencedCopies);
    }

    @Override
    public void scriptInTransaction(boolean inTransaction) {
        scriptInTransaction = inTransaction;
    }

    /**
     * A copy written into a script, of a table others reference, first stops the script where foreign keys are
     * enforced: dropping the table would fire the referencing tables' ON DELETE actions (CASCADE deletes their
     * rows), and inside a transaction the pragma cannot be switched off. Plain SQL cannot fail on a condition;
     * a trigger's RAISE can.
     */
    private List<SqlStatement> guarded(SqliteTableCopy copy, List<SqlStatement> statements) {
        if (!context.writesScript() || copy.source().referencedBy().isEmpty()) return statements;
        List<SqlStatement> out = new ArrayList<>(foreignKeysOffGuard("Table " + copy.tableName() + " is rebuilt by"
                + " move-and-copy, and tables reference it: with foreign keys enforced their ON DELETE actions would fire."
                + " Run this with PRAGMA foreign_keys = OFF (the default of SQLite and of its shell)"));
        out.addAll(statements);
        return out;
    }

    /** Statements that stop a script with {@code message} where foreign keys are enforced. */
    private static List<SqlStatement> foreignKeysOffGuard(String message) {
        return List.of(SqlStatement.of("CREATE TEMP TABLE _retort_fk_guard (x)"),
                SqlStatement.of("CREATE TEMP TRIGGER _retort_fk_guard BEFORE INSERT ON _retort_fk_guard"
                        + " WHEN (SELECT foreign_keys FROM pragma_foreign_keys) BEGIN SELECT RAISE(ABORT, '"
                        + message.replace("'", "''") + "'); END"),
                SqlStatement.of("INSERT INTO _retort_fk_guard VALUES (1)"),
                SqlStatement.of("DROP TABLE _retort_fk_guard"));
    }

    private static int pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    // ---- in-place rendering where SQLite differs ----------------------------------------------

    private List<SqlStatement> renameColumn(AlterColumn a) {
        return one(alterTable(a.schema(), a.table()) + "RENAME COLUMN " + q(a.column()) + " TO " + q(a.newName()));
    }

    /** Comments: SQLite has none; they are left out (as SQLAlchemy does), not refused. */
    @Override
    public List<SqlStatement> visitAlterColumn(AlterColumn op) {
        if (op.newName() != null) return renameColumn(op);
        if (op.comment() != null) LOG.debug("SQLite has no column comments; ignored for {}", op.describe());
        return List.of();
    }

    @Override
    public List<SqlStatement> visitSetTableComment(SetTableComment op) {
        LOG.debug("SQLite has no table comments; ignored for {}", op.describe());
        return List.of();
    }

    @Override
    protected List<SqlStatement> createTableComments(CreateTable op) {
        return List.of();
    }

    /** SQLite has no DROP COLUMN IF EXISTS: whether the column exists is looked up instead. */
    @Override
    public List<SqlStatement> visitDropColumn(DropColumn op) {
        if (op.ifExists() && !columnExists(op, op.schema(), op.table(), op.column())) return List.of();
        // as move-and-copy does: SQLite's DROP COLUMN fails on a view naming the column unquoted, and silently
        // turns a quoted one into a string literal; either way, refuse before anything runs
        Set<String> dropped = Set.of(op.column().toLowerCase(Locale.ROOT));
        SqliteTableCopy.refuseViewsUsing(op.table(), viewsOf(op.schema(), op.table()), dropped);
        // SQLite's DROP COLUMN looks at triggers of the table only: one of another table that writes this
        // column would be left failing each time it fires (t20-3)
        SqliteTableCopy.refuseTriggersUsing(op.table(), lookup(op.schema(), op.table())
                .map(SqliteTableInfo::otherTriggers).orElse(List.of()), dropped);
        String sql = alterTable(op.schema(), op.table()) + "DROP COLUMN " + q(op.column());
        if (context.connection().isEmpty() && lookup(op.schema(), op.table()).isEmpty()) {
            // Offline, a table the script did not create is not known: whether the column is in a key, index,
            // check or trigger (where SQLite refuses DROP COLUMN and a copy is needed) cannot be told. The plain
            // DROP COLUMN is what works for an ordinary column; the warning says, where the script would stop, why.
            String warning = "table " + op.table() + " was not created in this script, so Retort cannot tell whether"
                    + " SQLite can drop column " + op.column() + " in place: SQLite's DROP COLUMN fails if the column is"
                    + " in a PRIMARY KEY, UNIQUE or FOREIGN KEY constraint, an index, a CHECK, a trigger or a view."
                    + " If it does, run this revision online, where Retort rebuilds the table by move-and-copy.";
            LOG.warn("SQLite --sql: {}", warning);
            sql = "-- Retort: " + warning.replaceAll("[\\r\\n]+", " ") + "\n" + sql;
        }
        return one(sql);
    }

    /** The views that name the table (offline: those the script created). */
    private List<StoredSql> viewsOf(String schema, String table) {
        return lookup(schema, table).map(SqliteTableInfo::views).orElse(List.of());
    }

    /**
     * SQLite's DROP TABLE checks nothing that depends on the table. A view that uses it is left failing on use, and
     * fails every later in-place rename in the database (SQLite re-checks all views then): refused, naming the view,
     * as PostgreSQL refuses it (t73-7). With foreign keys enforced SQLite deletes the rows first, firing the ON DELETE
     * actions of the tables that reference it (CASCADE empties them, SET NULL clears their keys) or failing: refused
     * online, naming those tables, and guarded in a script as the copy is; with keys off it only leaves their keys
     * pointing at no table, which is warned about (t73-5). Online and for tables the script created; others are unknown.
     */
    @Override
    public List<SqlStatement> visitDropTable(DropTable op) {
        Optional<SqliteTableInfo> found = lookup(op.schema(), op.name());
        if (found.isEmpty()) return super.visitDropTable(op);
        SqliteTableInfo info = found.get();
        String table = info.table().name();
        if (!info.views().isEmpty()) {
            StoredSql view = info.views().get(0);
            throw new RetortException("Cannot drop SQLite table " + table + ": view " + view.name() + " uses it; drop the"
                    + " view first (op.execute(\"DROP VIEW " + view.name() + "\")), and create it anew without the table"
                    + " if still wanted");
        }
        if (!info.otherTriggers().isEmpty() && !context.rehearsal()) {
            LOG.warn("Dropping SQLite table {} leaves trigger(s) {} of other tables naming it, which fail when they fire",
                    table, info.otherTriggers().stream().map(StoredSql::name).toList());
        }
        List<String> referencing = info.referencedBy().stream().filter(t -> !t.equalsIgnoreCase(table)).toList();
        if (referencing.isEmpty()) return super.visitDropTable(op);
        String fired = "SQLite deletes its rows first, which fires the ON DELETE actions of the tables that reference it"
                + " (CASCADE deletes their rows, SET NULL clears their keys)";
        if (context.writesScript()) {
            List<SqlStatement> out = new ArrayList<>(foreignKeysOffGuard("Table " + table + " is dropped, and tables "
                    + referencing + " reference it: with foreign keys enforced " + fired + ". Drop those tables or their"
                    + " foreign keys first, or run this with PRAGMA foreign_keys = OFF (the default of SQLite and of its shell)"));
            out.addAll(super.visitDropTable(op));
            return out;
        }
        try {
            if (pragma(context.connection().orElseThrow(), "foreign_keys") == 1) {
                throw new RetortException("Cannot drop SQLite table " + table + ": tables " + referencing + " reference it"
                        + " by foreign key, and foreign keys are enforced: " + fired + ". Drop those tables, or their"
                        + " foreign keys, first (as PostgreSQL requires), or run with foreign keys off (SQLite's default,"
                        + " or foreign_keys=false in the JDBC URL).");
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot read SQLite's foreign_keys setting before dropping table " + table + ": "
                    + e.getMessage(), e);
        }
        if (!context.rehearsal()) {
            LOG.warn("Dropping SQLite table {} leaves the foreign keys of tables {} pointing at no table: writes to them"
                    + " fail while foreign keys are enforced, until they are dropped or the table is created again", table, referencing);
        }
        return super.visitDropTable(op);
    }

    /** SQLite has no ADD COLUMN IF NOT EXISTS: whether the column exists is looked up instead. */
    @Override
    public List<SqlStatement> visitAddColumn(AddColumn op) {
        if (op.ifNotExists() && columnExists(op, op.schema(), op.table(), op.column().name())) return List.of();
        Column column = op.column().withComment(null);
        if (isStrict(op.schema(), op.table())) column = column.withType(strictColumnType(op, op.table(), column));
        // no IF NOT EXISTS clause, and no column comments, in SQLite
        return super.visitAddColumn(new AddColumn(op.schema(), op.table(), column, false));
    }

    /** Text after the column list: {@code WITHOUT ROWID}, {@code STRICT}, or both. */
    @Override
    protected String tableOptions(Table t) {
        return t.options().isEmpty() ? ""
                : " " + String.join(", ", t.options().stream().map(TableOption::sql).toList());
    }

    /** The type a column of a STRICT table declares: one of the few STRICT takes, or refused. */
    private SqlType strictColumnType(Operation op, String table, Column column) {
        String typeSql = type(op, column.name(), column.type());
        java.util.regex.Matcher generated = GENERATED.matcher(typeSql);
        if (generated.find()) {
            // a generated column's type is what precedes its AS (...) clause
            String declared = typeSql.substring(0, generated.start()).strip();
            if (declared.isEmpty() || SqliteTypes.STRICT_TYPES.contains(declared.toUpperCase(Locale.ROOT))) return column.type();
            throw unsupported(op, "table " + table + " is STRICT, whose columns take only INT, INTEGER, REAL,"
                    + " TEXT, BLOB or ANY, and generated column " + column.name() + " is declared " + declared);
        }
        if (SqliteTypes.STRICT_TYPES.contains(typeSql.toUpperCase(Locale.ROOT))) return column.type();
        String strict = SqliteTypes.strictType(column.type());
        if (strict == null) {
            throw unsupported(op, "table " + table + " is STRICT, whose columns take only INT, INTEGER, REAL,"
                    + " TEXT, BLOB or ANY, and " + typeSql + " is none of them");
        }
        return SqlType.raw(strict);
    }

    /** Whether the table is STRICT: read online; offline known for a table the script created. */
    private boolean isStrict(String schema, String table) {
        Optional<Connection> source = schemaSource();
        if (source.isEmpty() || attached(schema)) return false;
        String master = (schema == null || schema.isEmpty() ? "" : q(schema) + ".") + "sqlite_master";
        try (java.sql.PreparedStatement ps = source.get().prepareStatement(
                "SELECT sql FROM " + master + " WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null
                        && SqliteTypes.isStrict(SqliteDdlParser.parseCreateTable(rs.getString(1)).options());
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot read the definition of SQLite table " + table + ": " + e.getMessage(), e);
        }
    }

    private boolean columnExists(Operation op, String schema, String table, String column) {
        SqliteTableInfo info = lookup(schema, table).orElseThrow(() -> context.connection().isPresent()
                ? new RetortException("SQLite cannot " + op.describe() + ": there is no table " + table)
                : new RetortException("SQLite cannot " + op.describe() + " with IF [NOT] EXISTS in offline (--sql)"
                + " mode: SQLite has no such clause for columns, so Retort must know whether the column exists, and "
                + offlineGap(schema, table)));
        return info.table().column(column).isPresent()
                || info.table().columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(column));
    }

    /** Several statements in one string are run one by one: SQLite's driver would run the first and ignore the rest. */
    @Override
    public List<SqlStatement> visitExecute(Execute op) {
        if (SqliteDialect.switchesForeignKeysOff(op.sql())) return foreignKeysOff(op);
        if (op.sql().indexOf(';') >= 0) {
            List<String> statements = SqlSplitter.sqlite().split(op.sql());
            if (statements.size() > 1) {
                if (!op.params().isEmpty()) {
                    throw unsupported(op, "the SQL holds " + statements.size() + " statements, and parameters"
                            + " belong to one: give each statement its own op.execute");
                }
                // each one as if given alone: a PRAGMA foreign_keys = OFF among them is refused or guarded (t45-2)
                List<SqlStatement> out = new ArrayList<>();
                for (String statement : statements) out.addAll(visitExecute(Execute.of(statement)));
                return out;
            }
        }
        return super.visitExecute(op);
    }

    /**
     * A revision's {@code PRAGMA foreign_keys = OFF}, as a table rebuild (sqlite.org's 12 steps) begins: SQLite ignores
     * it inside a transaction without a word, so with keys enforced the rebuild's DROP TABLE would fire the ON DELETE
     * actions of the tables referencing it, CASCADE deleting their rows (t43-2). Online it is refused where it would
     * not take effect (tried as the move-and-copy tries it, {@link #ownTransactionOpen}), before it runs: the run
     * then rolls back. In a script's transaction, a guard after it stops the script where keys are still enforced
     * (sqlite3 -bail; the transaction is not committed). Where keys are off already, it changes nothing either way.
     */
    private List<SqlStatement> foreignKeysOff(Execute op) {
        Optional<Connection> connection = context.connection();
        if (connection.isEmpty()) {
            if (!scriptInTransaction) return super.visitExecute(op);
            List<SqlStatement> out = new ArrayList<>(super.visitExecute(op));
            out.add(SqlStatement.of("CREATE TEMP TABLE _retort_fk_off_guard (x)"));
            out.add(SqlStatement.of("CREATE TEMP TRIGGER _retort_fk_off_guard BEFORE INSERT ON _retort_fk_off_guard"
                    + " WHEN (SELECT foreign_keys FROM pragma_foreign_keys) BEGIN SELECT RAISE(ABORT, '"
                    + FOREIGN_KEYS_OFF_IGNORED.replace("'", "''") + "'); END"));
            out.add(SqlStatement.of("INSERT INTO _retort_fk_off_guard VALUES (1)"));
            out.add(SqlStatement.of("DROP TABLE _retort_fk_off_guard"));
            return out;
        }
        Connection c = connection.get();
        try {
            if (pragma(c, "foreign_keys") == 1) {
                boolean runTransaction = !c.getAutoCommit();
                if (runTransaction || ownTransactionOpen(c)) {
                    throw new RetortException(runTransaction ? FOREIGN_KEYS_OFF_IGNORED
                            : "PRAGMA foreign_keys = OFF has no effect here: SQLite ignores it inside a transaction, and"
                            + " the revision has one of its own open (a BEGIN or SAVEPOINT it ran), so foreign keys stay"
                            + " enforced and a table rebuild's DROP TABLE would fire the ON DELETE actions of the tables"
                            + " that reference it (CASCADE deletes their rows). Switch foreign keys off before the"
                            + " revision begins its transaction.");
                }
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot read SQLite's foreign_keys setting before " + op.sql().strip() + ": "
                    + e.getMessage(), e);
        }
        return super.visitExecute(op);
    }

    private static final String FOREIGN_KEYS_OFF_IGNORED = "PRAGMA foreign_keys = OFF has no effect here: SQLite"
            + " ignores it inside a transaction, and this revision runs in the run's transaction, so foreign keys stay"
            + " enforced and a table rebuild's DROP TABLE would fire the ON DELETE actions of the tables that reference"
            + " it (CASCADE deletes their rows). Mark the revision '-- retort:transactional false' (a Java revision:"
            + " @Revision(transactional = false)) to run it outside the transaction.";

    /** Parameters bound as the offline literals would store them ({@link SqliteDialect#bindValue}). */
    @Override
    protected Object bindValue(Object value) {
        return sqlite.bindValue(value);
    }

    /** SQLite's foreign keys cannot cross databases, and REFERENCES takes no schema. */
    @Override
    protected String foreignKeyDefinition(String tableSchema, dev.retort.schema.ForeignKey fk) {
        return super.foreignKeyDefinition(null, new dev.retort.schema.ForeignKey(fk.name(), fk.columns(), null,
                fk.refTable(), fk.refColumns(), fk.onDelete(), fk.onUpdate(), fk.deferral()));
    }

    /** SQLite puts the schema on the index name ({@code CREATE INDEX aux.ix ON t}), never on the table. */
    @Override
    protected String indexName(String schema, String name) {
        return table(schema, name);
    }

    @Override
    protected String indexTable(String schema, String table) {
        return q(table);
    }

    /**
     * t66-5: SQLite's names ignore ASCII case, so {@code ALTER TABLE "Invoice" RENAME TO invoice} is refused ("there is
     * already another table ... invoice": the table itself). A rename in case only goes through a name of its own;
     * each RENAME fixes the foreign keys, triggers and views that name the table, as one would.
     */
    @Override
    public List<SqlStatement> visitRenameTable(RenameTable op) {
        if (op.name().equals(op.newName()) || !asciiLower(op.name()).equals(asciiLower(op.newName()))) {
            return super.visitRenameTable(op);
        }
        String through = "_retort_rename_" + op.newName();
        return List.of(SqlStatement.of(alterTable(op.schema(), op.name()) + "RENAME TO " + q(through)),
                SqlStatement.of(alterTable(op.schema(), through) + "RENAME TO " + q(op.newName())));
    }

    /**
     * SQLite's AUTOINCREMENT exists only as {@code INTEGER PRIMARY KEY AUTOINCREMENT} on the column itself;
     * such a column is written that way and the table-level primary key left out.
     */
    @Override
    public List<SqlStatement> visitCreateTable(CreateTable op) {
        Table t = op.table();
        List<Column> auto = t.columns().stream().filter(Column::autoincrement).toList();
        if (t.has(TableOption.SQLITE_WITHOUT_ROWID)) {
            if (t.primaryKey() == null) throw unsupported(op, "a WITHOUT ROWID table needs a primary key");
            if (!auto.isEmpty()) throw unsupported(op, "a WITHOUT ROWID table has no rowid, so no AUTOINCREMENT column");
        }
        if (t.has(TableOption.SQLITE_STRICT)) {
            List<Column> declared = new ArrayList<>();
            for (Column c : t.columns()) declared.add(c.withType(strictColumnType(op, t.name(), c)));
            op = new CreateTable(t.withColumns(declared), op.ifNotExists());
            t = op.table();
        }
        if (auto.isEmpty()) return super.visitCreateTable(op);
        Column c = auto.get(0);
        PrimaryKey pk = t.primaryKey();
        if (auto.size() > 1 || (pk != null && !(pk.columns().size() == 1 && pk.columns().get(0).equals(c.name())))) {
            throw unsupported(op, "AUTOINCREMENT needs the column to be the whole primary key (INTEGER PRIMARY KEY)");
        }
        autoincrementKeyName = pk == null ? null : pk.name();
        try {
            return super.visitCreateTable(new CreateTable(new Table(t.schema(), t.name(), t.columns(), null,
                    t.foreignKeys(), t.uniqueConstraints(), t.checkConstraints(), t.indexes(), t.comment(), t.options()),
                    op.ifNotExists()));
        } finally {
            autoincrementKeyName = null;
        }
    }

    /** As the standard, except that an expression default is put in parentheses, which SQLite requires. */
    @Override
    protected String columnDefinition(Operation op, Table table, Column c) {
        if (!c.autoincrement()) {
            String def = super.columnDefinition(op, table, c.withServerDefault(null));
            if (c.serverDefault() == null) return def;
            String defaultSql = " DEFAULT " + SqliteTableCopy.defaultClause(c.serverDefault());
            return def.endsWith(" NOT NULL") ? def.substring(0, def.length() - 9) + defaultSql + " NOT NULL" : def + defaultSql;
        }
        if (!(op instanceof CreateTable)) throw unsupported(op, "AUTOINCREMENT columns can only be created with their table");
        refuseIdentityOptions(op, c, "SQLite's AUTOINCREMENT does not have");
        StringBuilder sb = new StringBuilder(q(c.name())).append(" INTEGER ")
                .append(constraintName(autoincrementKeyName)).append("PRIMARY KEY AUTOINCREMENT");
        if (c.serverDefault() != null) sb.append(" DEFAULT ").append(SqliteTableCopy.defaultClause(c.serverDefault()));
        if (!c.nullable()) sb.append(" NOT NULL");
        return sb.toString();
    }

    private static String key(String schema, String table) {
        return ((schema == null || schema.isEmpty() || schema.equalsIgnoreCase("main") ? "" : schema) + "."
                + table).toLowerCase(Locale.ROOT);
    }

    private static boolean containsIgnoreCase(List<String> list, String s) {
        return list.stream().anyMatch(x -> x.equalsIgnoreCase(s));
    }
}

package dev.retort.dialect.mariadb;

import dev.retort.RetortException;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.ScriptCatalog;
import dev.retort.dialect.SqlRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.CreateTable;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MariaDB/MySQL: comments inline, MODIFY/CHANGE restating the whole column, constraint drops by kind.
 * Online, what the operation does not say (the column's current definition, a constraint's kind, an
 * index's table) is read from information_schema; offline it must be given.
 */
final class MariaDbRenderer extends SqlRenderer {
    /**
     * MariaDB/MySQL has no NaN nor infinities, and its driver writes such a value into the SQL as its name, which
     * the server reads as a column ("Unknown column 'NaN'"): refused as the offline literal is (t38-4).
     */
    @Override
    protected Object bindValue(Object value) {
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            throw new dev.retort.dialect.OperationRefusedException(dialect.displayName() + " has no floating point value " + value);
        }
        return super.bindValue(value);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MariaDbRenderer.class);
    /** An ADD COLUMN ... AUTO_INCREMENT held back: MariaDB/MySQL want its key in the same statement. */
    private AddColumn pendingAutoIncrement;
    /**
     * Constraint drops held back, one a table, in order: a DROP COLUMN (how addColumn is reversed) or a new key of
     * the same table joins its drop's statement, since MariaDB/MySQL refuse to drop the key of an AUTO_INCREMENT
     * column on its own. Drops of other tables may come between (autogenerate writes a revision's drops before its
     * creates: t69-6); any other operation renders them first.
     */
    private final List<HeldDrop> pendingDrops = new ArrayList<>();
    /** Where the revision called the ADD COLUMN held back (see {@link dev.retort.dialect.OperationCalls}). */
    private Throwable pendingAt;

    private record HeldDrop(DropConstraint drop, Throwable site) {
    }
    /**
     * The statements of the last render (or flush) that are a held-back operation's, and where the revision called
     * it: a database error of one names that call's line, not the line of the call that rendered it (t54-5).
     */
    private final java.util.Map<SqlStatement, Throwable> heldCalls = new java.util.IdentityHashMap<>();

    private final MariaDbDialect mariaDb;
    /** Offline: what the script created so far, used where online the catalog is read; null online. */
    private final ScriptCatalog script;
    /**
     * The primary keys of tables this run created, by {@link #key}: offline, where a foreign key naming no
     * referenced columns is given those of the key (InnoDB has no {@code REFERENCES t} without columns).
     */
    private final java.util.Map<String, List<String>> createdKeys = new java.util.HashMap<>();
    /**
     * Online: the name each table's primary key was given in this run (createTable or createPrimaryKey), which
     * MariaDB does not keep: a later dropConstraint by that name drops it, as offline (r3-7).
     */
    private final java.util.Map<String, String> primaryKeyNames = new java.util.HashMap<>();

    MariaDbRenderer(MariaDbDialect dialect, RenderContext context) {
        super(dialect, context);
        this.mariaDb = dialect;
        this.script = context.connection().isEmpty() ? new ScriptCatalog(MariaDbRenderer::lower) : null;
    }

    @Override
    public List<SqlStatement> render(Operation op) {
        refuseMissingFeatures(op);
        remember(op);
        if (script == null) return renderNow(op);
        // a drop held back is rendered with the next operation: its kind is taken from the script now
        if (op instanceof DropConstraint d && d.type() == null && d.name() != null) {
            op = script.kind(d.schema(), d.table(), d.name())
                    .<Operation>map(k -> new DropConstraint(d.schema(), d.table(), d.name(), k, d.dropped())).orElse(op);
        }
        List<SqlStatement> out = renderNow(op);
        script.track(op instanceof CreateTable ct ? new CreateTable(withForeignKeyNames(ct.table()), ct.ifNotExists()) : op);
        return out;
    }

    @Override
    public Throwable calledAt(SqlStatement statement) {
        return heldCalls.get(statement);
    }

    /** {@code statements}, rendered from the operation held back that the revision called at {@code site}. */
    private List<SqlStatement> held(List<SqlStatement> statements, Throwable site) {
        if (site != null) statements.forEach(st -> heldCalls.put(st, site));
        return statements;
    }

    private List<SqlStatement> renderNow(Operation op) {
        Throwable heldAt = pendingAt;
        pendingAt = null;
        heldCalls.clear();
        try {
            return renderAfterHeld(op, heldAt);
        } catch (RetortException e) {
            // the operation held back is refused (or its statement is): the revision's line is that of its call
            throw dev.retort.dialect.OperationCalls.at(e, heldAt);
        }
    }

    private List<SqlStatement> renderAfterHeld(Operation op, Throwable heldAt) {
        List<SqlStatement> out = new ArrayList<>();
        if (pendingAutoIncrement != null) {
            AddColumn add = pendingAutoIncrement;
            pendingAutoIncrement = null;
            Optional<String> key = keyOf(add, op);
            if (key.isPresent()) return addAutoIncrement(add, key.get(), op);
            out.addAll(held(addAutoIncrement(add, null, add), heldAt));
        }
        if (op instanceof DropConstraint d && holdable(d) && pendingDrops.stream().noneMatch(h -> sameTable(h.drop(), d))) {
            pendingDrops.add(new HeldDrop(d, dev.retort.dialect.OperationCalls.site(d)));
            return out;
        }
        // the drops of other tables stay held: they and this operation, of another table, may run in either order
        Optional<HeldDrop> joined = pendingDrops.stream().filter(h -> joins(h.drop(), op)).findFirst();
        if (joined.isPresent()) {
            pendingDrops.remove(joined.get());
            out.addAll(joinedDrop(joined.get(), op));
            return out;
        }
        List<HeldDrop> drops = List.copyOf(pendingDrops);
        pendingDrops.clear();
        for (HeldDrop h : drops) out.addAll(renderHeld(h));
        if (op instanceof AddColumn a && a.column().autoincrement()) {
            pendingAutoIncrement = a;
            pendingAt = dev.retort.dialect.OperationCalls.site(a);
        } else if (op instanceof DropConstraint d && holdable(d)) {
            pendingDrops.add(new HeldDrop(d, dev.retort.dialect.OperationCalls.site(d)));
        } else {
            out.addAll(op.accept(this));
        }
        return out;
    }

    /** A drop that may be the key of an AUTO_INCREMENT column (a foreign key or a CHECK is none). */
    private static boolean holdable(DropConstraint d) {
        return d.type() != ConstraintType.FOREIGN_KEY && d.type() != ConstraintType.CHECK;
    }

    private static boolean sameTable(DropConstraint a, DropConstraint b) {
        return sameTable(a.schema(), a.table(), b.schema(), b.table());
    }

    private boolean joins(DropConstraint drop, Operation next) {
        return next instanceof DropColumn dc && sameTable(drop.schema(), drop.table(), dc.schema(), dc.table())
                || replacingKey(drop, next).isPresent();
    }

    /** The held drop in one statement with the operation after it ({@link #joins}). */
    private List<SqlStatement> joinedDrop(HeldDrop h, Operation next) {
        if (next instanceof DropColumn dc) return dropConstraint(h.drop(), ", " + dropColumnClauses(dc, h.drop().name()));
        return renderHeld(h, ", ADD " + replacingKey(h.drop(), next).orElseThrow());
    }

    private List<SqlStatement> renderHeld(HeldDrop h) {
        return renderHeld(h, "");
    }

    private List<SqlStatement> renderHeld(HeldDrop h, String more) {
        try {
            return held(dropConstraint(h.drop(), more), h.site());
        } catch (RetortException e) {
            throw dev.retort.dialect.OperationCalls.at(e, h.site());
        }
    }

    @Override
    public List<SqlStatement> flush() {
        List<SqlStatement> out = new ArrayList<>();
        Throwable heldAt = pendingAt;
        heldCalls.clear();
        try {
            if (pendingAutoIncrement != null) out.addAll(held(addAutoIncrement(pendingAutoIncrement, null, pendingAutoIncrement), heldAt));
        } catch (RetortException e) {
            throw dev.retort.dialect.OperationCalls.at(e, heldAt);
        } finally {
            pendingAutoIncrement = null;
            pendingAt = null;
        }
        List<HeldDrop> drops = List.copyOf(pendingDrops);
        pendingDrops.clear();
        for (HeldDrop h : drops) out.addAll(renderHeld(h));
        return out;
    }

    /**
     * The key {@code next} adds to the table whose key {@code drop} drops, which joins the drop's statement: an
     * AUTO_INCREMENT column must be a key at every moment, so MariaDB/MySQL refuse the drop of its only key on its
     * own (a key changed, or renamed, by autogenerate: t69-6). One statement is right for any key swap.
     */
    private Optional<String> replacingKey(DropConstraint drop, Operation next) {
        if (next instanceof CreatePrimaryKey pk && sameTable(drop.schema(), drop.table(), pk.schema(), pk.table())) {
            return Optional.of(primaryKeyDefinition(pk.primaryKey()));
        }
        if (next instanceof CreateUniqueConstraint u && sameTable(drop.schema(), drop.table(), u.schema(), u.table())) {
            return Optional.of(uniqueDefinition(u.constraint()));
        }
        return Optional.empty();
    }

    /** The key clause of the operation after an auto-increment ADD COLUMN, when that key starts with the column. */
    private Optional<String> keyOf(AddColumn add, Operation next) {
        String col = add.column().name();
        if (next instanceof CreatePrimaryKey pk && sameTable(add.schema(), add.table(), pk.schema(), pk.table())
                && pk.primaryKey().columns().get(0).equalsIgnoreCase(col)) {
            return Optional.of(primaryKeyDefinition(pk.primaryKey()));
        }
        if (next instanceof CreateUniqueConstraint u && sameTable(add.schema(), add.table(), u.schema(), u.table())
                && u.constraint().columns().get(0).equalsIgnoreCase(col)) {
            return Optional.of(uniqueDefinition(u.constraint()));
        }
        return Optional.empty();
    }

    /**
     * {@code ADD COLUMN ... AUTO_INCREMENT, ADD <key>}: MariaDB/MySQL accept an auto-increment column only
     * as the first column of a key. Without a key from the revision (other engines need none), a unique
     * key named {@code <table>_<column>_key} is added, the name an inline {@code unique()} would get.
     */
    private List<SqlStatement> addAutoIncrement(AddColumn add, String key, Operation keyOp) {
        if (keyOp instanceof CreatePrimaryKey) {
            context.connection().flatMap(c -> lookUp(c, "SELECT CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS "
                    + "WHERE CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND CONSTRAINT_TYPE = 'PRIMARY KEY'",
                    add.schema(), add.table())).ifPresent(existing -> {
                throw unsupported(add, "an AUTO_INCREMENT column must be a key, and table " + add.table()
                        + " already has a primary key; make the new column unique() instead of primaryKey()");
            });
        }
        String keySql = key != null ? key
                : uniqueDefinition(new dev.retort.schema.UniqueConstraint(add.table() + "_" + add.column().name() + "_key",
                List.of(add.column().name())));
        SqlStatement column = visitAddColumn(add).get(0);
        return one(column.sql() + ", ADD " + keySql);
    }

    private static boolean sameTable(String schemaA, String tableA, String schemaB, String tableB) {
        return java.util.Objects.equals(blankToNull(schemaA), blankToNull(schemaB)) && tableA.equals(tableB);
    }

    /** Instant parameters are converted to the session's time zone by the server, online as offline. */
    @Override
    public List<SqlStatement> visitExecute(dev.retort.ops.Execute op) {
        return super.visitExecute(op).stream().map(mariaDb::instantsInSessionZone).toList();
    }

    @Override
    protected SqlStatement insert(dev.retort.ops.BulkInsert op, List<String> cols, List<java.util.Map<String, Object>> chunk) {
        return mariaDb.instantsInSessionZone(super.insert(op, cols, chunk));
    }

    @Override
    protected boolean inlineComments() {
        return true;
    }

    @Override
    protected String tableOptions(Table t) {
        // the start of the numbering is the table's AUTO_INCREMENT; the step is a server setting (auto_increment_increment)
        String start = t.columns().stream().filter(c -> c.identity() != null && c.identityStart() != 1)
                .map(c -> " AUTO_INCREMENT=" + c.identityStart()).findFirst().orElse("");
        // the table's default collation: its character columns without one of their own have it (t57-11)
        String collation = t.collation() == null ? "" : " COLLATE=" + dialect.collation(t.collation());
        return start + collation + (t.comment() == null ? "" : " COMMENT=" + literal(t.comment()));
    }

    /** {@code name TYPE [NOT NULL] [DEFAULT x] [AUTO_INCREMENT] [ON UPDATE x] [COMMENT 'c']}. */
    @Override
    protected String columnDefinition(Operation op, Table table, Column c) {
        return columnDefinition(op, c, columnType(op, c), null);
    }

    private String columnDefinition(Operation op, Column c, String typeSql, String extra) {
        refuseIdentityOptions(op, c, "an AUTO_INCREMENT column does not have");
        StringBuilder sb = new StringBuilder(q(c.name())).append(' ').append(typeSql);
        // a generated column (its expression is in the raw type) takes neither NULL/NOT NULL nor a default
        boolean generated = GENERATED.matcher(typeSql).find();
        if (!generated) sb.append(c.nullable() ? " NULL" : " NOT NULL");
        if (c.serverDefault() != null && !generated) sb.append(" DEFAULT ").append(matchPrecision(typeSql, c.serverDefault()));
        if (c.autoincrement()) sb.append(" AUTO_INCREMENT");
        if (c.onUpdate() != null && !generated && !DATE_TIME.matcher(typeSql).find()) {
            // the server would refuse it ("Invalid ON UPDATE clause") only once earlier statements of the revision
            // are applied, and a --sql script would carry it: refused while rendering, before this operation's SQL
            throw unsupported(op, "column " + c.name() + " has type " + typeSql.strip() + ", which cannot have ON UPDATE "
                    + c.onUpdate() + ": only a TIMESTAMP or DATETIME column can; remove serverOnUpdate(...) or give the column such a type");
        }
        if (c.onUpdate() != null && !generated) sb.append(" ON UPDATE ").append(onUpdatePrecision(typeSql, c.onUpdate()));
        if (extra != null && !extra.isBlank()) sb.append(' ').append(extra);
        if (c.comment() != null) sb.append(" COMMENT ").append(literal(c.comment()));
        return sb.toString();
    }

    /** {@code AS (expression) VIRTUAL|STORED|PERSISTENT} at the end of a type: a generated column. */
    private static final java.util.regex.Pattern GENERATED =
            java.util.regex.Pattern.compile("(?is)\\bAS\\s*\\(.*\\)\\s*(?:VIRTUAL|STORED|PERSISTENT)\\s*$");
    private static final java.util.regex.Pattern FRACTIONAL =
            java.util.regex.Pattern.compile("(?i)(?:DATETIME|TIMESTAMP)\\((\\d)\\)");
    private static final java.util.regex.Pattern NOW =
            java.util.regex.Pattern.compile("(?i)(?:CURRENT_TIMESTAMP|NOW|LOCALTIMESTAMP)(?:\\(\\))?");

    /**
     * The new default of a column whose type stays: CURRENT_TIMESTAMP takes the column's precision, as in a
     * column definition (else MariaDB would store current_timestamp() for a TIMESTAMP(6) column). The type
     * comes from the existing state, or online from the column itself.
     */
    private String defaultFor(AlterColumn op) {
        String dflt = op.serverDefault().value();
        if (!NOW.matcher(dflt.strip()).matches()) return dflt;
        String typeSql = op.existingType() != null ? type(op.existingType())
                : context.connection().map(c -> readColumn(c, op).typeSql()).orElse("");
        return matchPrecision(typeSql, dflt);
    }

    /** MySQL wants the same fractional precision in the type and in CURRENT_TIMESTAMP(n). */
    private static String matchPrecision(String typeSql, String dflt) {
        java.util.regex.Matcher m = FRACTIONAL.matcher(typeSql);
        if (m.matches() && NOW.matcher(dflt.strip()).matches()) return "CURRENT_TIMESTAMP(" + m.group(1) + ")";
        return dflt;
    }

    /** CURRENT_TIMESTAMP, NOW, LOCALTIMESTAMP with or without a precision: group 1 is the precision, if given. */
    private static final java.util.regex.Pattern NOW_ANY_PRECISION =
            java.util.regex.Pattern.compile("(?i)(?:CURRENT_TIMESTAMP|NOW|LOCALTIMESTAMP)(?:\\(\\s*(\\d*)\\s*\\))?");
    /** A TIMESTAMP/DATETIME type, its fractional precision in group 1 if given. */
    private static final java.util.regex.Pattern TEMPORAL =
            java.util.regex.Pattern.compile("(?i)\\s*(?:DATETIME|TIMESTAMP)\\s*(?:\\(\\s*(\\d)\\s*\\))?\\s*");

    /** The fractional precision of a TIMESTAMP/DATETIME type (0 where it gives none), else -1. */
    private static int fractionalPrecision(String typeSql) {
        java.util.regex.Matcher m = TEMPORAL.matcher(typeSql);
        if (!m.matches()) return -1;
        return m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    }

    /**
     * ON UPDATE's CURRENT_TIMESTAMP at the column's precision, whatever precision it was written with: MySQL and
     * MariaDB refuse any other ("Invalid ON UPDATE clause", ERROR 1294), as when a MODIFY changes the precision.
     */
    private static String onUpdatePrecision(String typeSql, String onUpdate) {
        java.util.regex.Matcher type = TEMPORAL.matcher(typeSql);
        if (!type.matches() || !NOW_ANY_PRECISION.matcher(onUpdate.strip()).matches()) return onUpdate;
        return type.group(1) == null ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + type.group(1) + ")";
    }

    /**
     * The column a MODIFY with a new type writes: MODIFY restates the default and ON UPDATE the column has, and
     * their CURRENT_TIMESTAMP(n) was written at the old type's precision. A default at the column's precision
     * means "now, at the column's precision" (as Retort writes CURRENT_TIMESTAMP, and as autogenerate compares
     * it), so it follows the new precision, as does one finer than the new type (MariaDB would cut it); one
     * coarser than the column on purpose stays. ON UPDATE follows the new precision always (onUpdatePrecision);
     * a new type that is not a TIMESTAMP/DATETIME cannot have it, so it is refused unless the operation drops it.
     */
    private Column retyped(AlterColumn op, Column target, String oldTypeSql, String newTypeSql) {
        if (op.type() == null) return target;
        int oldPrecision = fractionalPrecision(oldTypeSql);
        int newPrecision = fractionalPrecision(newTypeSql);
        if (op.serverDefault() == null && target.serverDefault() != null && oldPrecision >= 0 && newPrecision >= 0) {
            java.util.regex.Matcher m = NOW_ANY_PRECISION.matcher(target.serverDefault().strip());
            if (m.matches()) {
                int precision = m.group(1) == null || m.group(1).isEmpty() ? oldPrecision : Integer.parseInt(m.group(1));
                if (precision == oldPrecision || precision > newPrecision) target = target.withServerDefault("CURRENT_TIMESTAMP");
            }
        }
        if (op.onUpdate() == null && target.onUpdate() != null && !DATE_TIME.matcher(newTypeSql).find()) {
            throw unsupported(op, "column " + op.column() + " has ON UPDATE " + target.onUpdate() + ", which a column of type "
                    + newTypeSql.strip() + " cannot have (only TIMESTAMP and DATETIME can): drop it in the same operation,"
                    + " alterColumn(\"" + op.table() + "\", \"" + op.column() + "\", a -> a.type(...).dropServerOnUpdate())");
        }
        return target;
    }

    @Override
    protected SqlStatement tableComment(Operation op, String schema, String table, String comment) {
        return SqlStatement.of(alterTable(schema, table) + "COMMENT = " + literal(comment == null ? "" : comment));
    }

    @Override
    public List<SqlStatement> visitRenameTable(RenameTable op) {
        return one("RENAME TABLE " + table(op.schema(), op.name()) + " TO " + table(op.schema(), op.newName()));
    }

    /**
     * Foreign keys on the column are dropped with it, as PostgreSQL does: InnoDB will not drop the index a key
     * needs. Online they are read from information_schema; offline the key an inline {@code references()}
     * made ({@code <table>_<column>_fkey}, see {@link #visitCreateTable}) is dropped if it exists.
     */
    @Override
    public List<SqlStatement> visitDropColumn(DropColumn op) {
        return one(alterTable(op.schema(), op.table()) + dropColumnClauses(op, null));
    }

    /**
     * {@code DROP FOREIGN KEY} for each key on the column, then {@code DROP COLUMN}: the clauses of
     * {@link #visitDropColumn}, also where a constraint drop of the same statement comes first.
     *
     * @param dropped a constraint the statement drops already (not dropped twice), or null
     */
    private String dropColumnClauses(DropColumn op, String dropped) {
        StringBuilder sql = new StringBuilder();
        Optional<Connection> connection = context.connection();
        List<String> keys = connection.isPresent() ? foreignKeysOn(connection.get(), op)
                : List.of(op.table() + "_" + op.column() + "_fkey");
        String ifExists = connection.isPresent() ? "" : "IF EXISTS ";
        for (String fk : keys) {
            if (!fk.equals(dropped)) sql.append("DROP FOREIGN KEY ").append(ifExists).append(q(fk)).append(", ");
        }
        if (connection.isPresent()) {
            // MariaDB refuses to drop a column of a unique key over several columns ("Key column ... doesn't exist");
            // PostgreSQL and SQLite drop such a key with the column: so does Retort, in the same statement
            for (String uq : uniqueKeysSpanning(connection.get(), op)) {
                if (!uq.equals(dropped)) sql.append("DROP INDEX ").append(q(uq)).append(", ");
            }
        }
        return sql.append("DROP COLUMN ").append(op.ifExists() ? "IF EXISTS " : "").append(q(op.column())).toString();
    }

    /**
     * Foreign keys the table leaves unnamed are named as PostgreSQL names them, {@code <table>_<columns>_fkey}
     * (the name an inline {@code references()} of {@code addColumn} gets on every engine): InnoDB's own
     * names ({@code <table>_ibfk_<n>}) cannot be known offline, where {@link #visitDropColumn} drops the key
     * of its column by that name. A name longer than MariaDB's 64 characters, or taken, is left to InnoDB.
     */
    @Override
    public List<SqlStatement> visitCreateTable(CreateTable op) {
        Table t = op.table();
        if (t.foreignKeys().stream().anyMatch(f -> f.refColumns().isEmpty())) {
            Table created = t;
            CreateTable given = op;
            t = t.withForeignKeys(t.foreignKeys().stream().map(f -> withReferencedKey(given, created, f)).toList());
        }
        return super.visitCreateTable(new CreateTable(withForeignKeyNames(t), op.ifNotExists()));
    }

    private static Table withForeignKeyNames(Table t) {
        if (t.foreignKeys().stream().allMatch(f -> f.name() != null)) return t;
        java.util.Set<String> taken = new java.util.HashSet<>();
        t.foreignKeys().forEach(f -> taken.add(lower(f.name())));
        t.uniqueConstraints().forEach(u -> taken.add(lower(u.name())));
        t.checkConstraints().forEach(c -> taken.add(lower(c.name())));
        t.indexes().forEach(i -> taken.add(lower(i.name())));
        List<ForeignKey> named = new ArrayList<>();
        for (ForeignKey f : t.foreignKeys()) {
            String name = t.name() + "_" + String.join("_", f.columns()) + "_fkey";
            if (f.name() == null && name.length() <= 64 && taken.add(lower(name))) {
                f = f.withName(name);
            }
            named.add(f);
        }
        return t.withForeignKeys(named);
    }

    @Override
    public List<SqlStatement> visitCreateForeignKey(dev.retort.ops.CreateForeignKey op) {
        if (!op.foreignKey().refColumns().isEmpty()) return super.visitCreateForeignKey(op);
        return super.visitCreateForeignKey(new dev.retort.ops.CreateForeignKey(op.schema(), op.table(),
                withReferencedKey(op, null, op.foreignKey())));
    }

    /**
     * A foreign key naming no referenced columns means the referenced table's primary key, but InnoDB wants
     * the columns written: they are those of the table being created (a key to itself), read from
     * information_schema online, or known offline for a table created earlier in the run.
     *
     * @param creating the table the key belongs to when it is being created, or null
     */
    private ForeignKey withReferencedKey(Operation op, Table creating, ForeignKey f) {
        if (!f.refColumns().isEmpty()) return f;
        String tableSchema = creating != null ? creating.schema() : ((dev.retort.ops.CreateForeignKey) op).schema();
        String refSchema = f.refSchema() != null ? f.refSchema() : tableSchema;
        List<String> pk = null;
        if (creating != null && sameTable(refSchema, f.refTable(), creating.schema(), creating.name())) {
            pk = creating.primaryKey() == null ? List.of() : creating.primaryKey().columns();
        } else if (context.connection().isPresent()) {
            pk = primaryKeyColumns(context.connection().get(), refSchema, f.refTable());
        } else {
            pk = createdKeys.get(key(refSchema, f.refTable()));
        }
        if (pk == null) {
            throw unsupported(op, "foreign key " + (f.name() == null ? "on " + f.columns() : f.name()) + " names no columns of "
                    + f.refTable() + ", and InnoDB needs them written; offline the primary key of a table this script did"
                    + " not create is not known: name the columns, e.g. references(\"" + f.refTable() + "\", \"id\")");
        }
        if (pk.isEmpty()) {
            throw unsupported(op, "foreign key " + (f.name() == null ? "on " + f.columns() : f.name()) + " names no columns of "
                    + f.refTable() + ", which means its primary key, and " + f.refTable() + " has none"
                    + (creating == null && context.connection().isPresent() ? " (or does not exist)" : ""));
        }
        return f.withRefColumns(pk);
    }

    /** The primary key's columns in order; empty when the table has none (or does not exist). */
    private static List<String> primaryKeyColumns(Connection c, String schema, String table) {
        return strings(c, "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY'"
                + " ORDER BY ORDINAL_POSITION", schema, table);
    }

    /**
     * Keeps {@link #createdKeys} and {@link #primaryKeyNames} up to date: tables created, renamed, dropped and
     * given a primary key.
     */
    private void remember(Operation op) {
        if (op instanceof CreateTable c) {
            Table t = c.table();
            createdKeys.put(key(t.schema(), t.name()), t.primaryKey() == null ? List.of() : t.primaryKey().columns());
            if (t.primaryKey() != null && t.primaryKey().name() != null) {
                primaryKeyNames.put(key(t.schema(), t.name()), lower(t.primaryKey().name()));
            } else {
                primaryKeyNames.remove(key(t.schema(), t.name()));
            }
        } else if (op instanceof CreatePrimaryKey p) {
            if (p.primaryKey().name() != null) primaryKeyNames.put(key(p.schema(), p.table()), lower(p.primaryKey().name()));
            else primaryKeyNames.remove(key(p.schema(), p.table()));
            if (createdKeys.containsKey(key(p.schema(), p.table()))) createdKeys.put(key(p.schema(), p.table()), p.primaryKey().columns());
        } else if (op instanceof RenameTable r) {
            List<String> pk = createdKeys.remove(key(r.schema(), r.name()));
            if (pk != null) createdKeys.put(key(r.schema(), r.newName()), pk);
            String name = primaryKeyNames.remove(key(r.schema(), r.name()));
            if (name != null) primaryKeyNames.put(key(r.schema(), r.newName()), name);
        } else if (op instanceof dev.retort.ops.DropTable d) {
            createdKeys.remove(key(d.schema(), d.name()));
            primaryKeyNames.remove(key(d.schema(), d.name()));
        }
        // a drop keeps the name (it may be held back and rendered after this): without a primary key the name
        // drops nothing, and a new key replaces it
        if (op instanceof DropConstraint d && createdKeys.containsKey(key(d.schema(), d.table()))
                && d.type() != ConstraintType.FOREIGN_KEY && d.type() != ConstraintType.CHECK
                && d.type() != ConstraintType.UNIQUE) {
            // a drop by name may be of the primary key: no longer sure, so no longer known
            if (d.type() == ConstraintType.PRIMARY_KEY) createdKeys.put(key(d.schema(), d.table()), List.of());
            else createdKeys.remove(key(d.schema(), d.table()));
        }
    }

    private static String key(String schema, String table) {
        return lower(blankToNull(schema)) + "." + table;
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    /** Unique keys (not the primary key) over the column and at least one other. */
    private static List<String> uniqueKeysSpanning(Connection c, DropColumn op) {
        return namesOnColumn(c, op, "unique keys", "SELECT INDEX_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY'"
                + " GROUP BY INDEX_NAME HAVING SUM(COLUMN_NAME = ?) > 0 AND COUNT(*) > 1 ORDER BY INDEX_NAME");
    }

    private static List<String> foreignKeysOn(Connection c, DropColumn op) {
        return namesOnColumn(c, op, "foreign keys", "SELECT DISTINCT CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE "
                + "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME = ? "
                + "AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME");
    }

    /** The names {@code sql} answers, given the dropped column's schema, table and name in that order. */
    private static List<String> namesOnColumn(Connection c, DropColumn op, String what, String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, blankToNull(op.schema()));
            ps.setString(2, op.table());
            ps.setString(3, op.column());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new RetortException("Cannot read the " + what + " on " + op.table() + "." + op.column() + ": "
                    + e.getMessage(), e);
        }
    }

    // --- alter column

    @Override
    public List<SqlStatement> visitAlterColumn(AlterColumn op) {
        // ON UPDATE has no ALTER COLUMN form: MODIFY restates the column with the new clause
        boolean restate = op.type() != null || op.nullable() != null || op.comment() != null || op.onUpdate() != null;
        if (!restate) {
            List<SqlStatement> out = new ArrayList<>();
            if (op.serverDefault() != null) {
                out.add(SqlStatement.of(alterTable(op.schema(), op.table()) + "ALTER COLUMN " + q(op.column())
                        + (op.serverDefault().isRemoval() ? " DROP DEFAULT" : " SET DEFAULT " + defaultFor(op))));
            }
            if (op.newName() != null) {
                out.add(SqlStatement.of(alterTable(op.schema(), op.table()) + "RENAME COLUMN " + q(op.column())
                        + " TO " + q(op.newName())));
            }
            return out;
        }
        // MODIFY/CHANGE replace the whole definition: what the operation leaves alone must be restated.
        CurrentColumn current = context.connection()
                .map(c -> readColumn(c, op))
                .or(() -> fromScript(op))
                .orElseGet(() -> fromExistingState(op));
        Column target = op.target(current.column());
        // a new string type keeps the column's own collation (a new length is not a new collation), online as offline
        String typeSql = op.type() != null ? keepCollation(type(op, op.column(), op.type()), current)
                : current.typeSql() + collate(current.collation());
        target = retyped(op, target, current.typeSql(), typeSql);
        String head = op.newName() != null
                ? "CHANGE COLUMN " + q(op.column()) + " "
                : "MODIFY COLUMN ";
        String definition;
        // offline the existing type spells the expression (existingType(raw("... AS (...) VIRTUAL")))
        String generated = current.generated() != null ? current.generated() : generatedIn(current.typeSql());
        String wanted = generatedIn(typeSql);
        if (op.type() != null && wanted != null && virtual(generated) != virtual(wanted)) {
            // MariaDB refuses it (ERROR 1907): a change that did not happen must not pass for one (t75-3)
            throw unsupported(op, "column " + op.column() + " is " + kind(generated) + " and would become " + kind(wanted)
                    + ", which MariaDB cannot do in place: drop the column and add it again (dropColumn, addColumn), copying"
                    + " its values first where they are needed");
        }
        if (generated != null && wanted == null) {
            // a new type alone keeps the column generated, as on every engine: MODIFY without the expression fails on
            // a virtual column and silently makes a stored one plain (to make it plain: op.execute, see t75-3's TODO)
            if (op.nullable() != null || op.serverDefault() != null || op.onUpdate() != null) {
                throw unsupported(op, "column " + op.column() + " is a generated column (" + generated
                        + "): it has no default or ON UPDATE, and its nullability cannot be changed; recreate it with op.execute(...)");
            }
            definition = q(target.name()) + " " + typeSql + " " + generated
                    + (current.extra() == null ? "" : " " + current.extra())
                    + (target.comment() != null ? " COMMENT " + literal(target.comment()) : "");
        } else {
            definition = columnDefinition(op, target, typeSql, current.extra());
        }
        // a JSON column's json_valid belongs to its type: a new type has its own (JSON's) or none (t75-7)
        if (current.check() != null && !(op.type() != null && jsonValid(current))) {
            definition += " CHECK (" + current.check() + ")";
        }
        String warning = current.unknown() == null ? "" : "-- " + current.unknown().replaceAll("[\r\n]", " ") + "\n";
        String sql = alterTable(op.schema(), op.table()) + head + definition;
        if (context.connection().isEmpty() && script.column(op.schema(), op.table(), op.column()).isEmpty()) {
            return withItsCheckBuiltByServer(op, warning, sql, typeSql);
        }
        return one(warning + sql);
    }

    /**
     * Offline, a CHECK written in the column's definition (Hibernate writes one per enum column) is known only to the
     * database, and MODIFY drops it unless restated: the server appends it, read from information_schema when the
     * script runs (MariaDB syntax, as for foreign keys' indexes), as the online run does (t75-5). A JSON column's
     * {@code json_valid} belongs to its type: a new type has its own, or none.
     */
    private List<SqlStatement> withItsCheckBuiltByServer(AlterColumn op, String warning, String sql, String typeSql) {
        String schema = schemaExpression(op.schema());
        boolean typeDecides = op.type() != null || typeSql.strip().toUpperCase(Locale.ROOT).startsWith("JSON");
        String check = "SELECT CONCAT(' CHECK (', CHECK_CLAUSE, ')') FROM information_schema.CHECK_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = " + schema + " AND TABLE_NAME = " + literal(op.table())
                + " AND CONSTRAINT_NAME = " + literal(op.column()) + " AND LEVEL = 'Column'"
                + (typeDecides ? " AND CHECK_CLAUSE <> " + literal("json_valid(`" + op.column().replace("`", "``") + "`)") : "");
        String note = "-- Retort: " + op.describe() + " restates the whole column: a CHECK written in its definition, if"
                + " any, is kept, read from information_schema when the script runs (MariaDB syntax). It runs:\n"
                + "-- Retort:   " + sql.replace("\n", " ") + " [CHECK (<the column's check>)]\n";
        return builtByServer(warning + note, "CONCAT(" + literal(sql) + ",\n  COALESCE((" + check + "), ''))");
    }

    /**
     * Offline, a statement whose text only the database knows when the script runs: {@code expression} builds it into
     * {@code @retort_sql} (MariaDB syntax), after {@code notes}, the {@code -- Retort:} lines that show the reviewer
     * what it runs; EXECUTE IMMEDIATE runs it.
     */
    private static List<SqlStatement> builtByServer(String notes, String expression) {
        return List.of(SqlStatement.of(notes + "SET @retort_sql = " + expression), SqlStatement.of("EXECUTE IMMEDIATE @retort_sql"));
    }

    /** The schema as the script names it to information_schema: the script's database unless given. */
    private String schemaExpression(String schema) {
        return blankToNull(schema) == null ? "DATABASE()" : literal(schema);
    }

    /** {@code AS (expression) VIRTUAL|STORED|PERSISTENT} at the end of a type, or null for a plain column. */
    private static String generatedIn(String typeSql) {
        if (typeSql == null) return null;
        java.util.regex.Matcher m = GENERATED.matcher(typeSql);
        return m.find() ? m.group() : null;
    }

    private static boolean virtual(String generated) {
        return generated != null && generated.strip().toUpperCase(Locale.ROOT).endsWith("VIRTUAL");
    }

    private static String kind(String generated) {
        return generated == null ? "a plain column" : virtual(generated) ? "a VIRTUAL generated column" : "a STORED generated column";
    }

    private String collate(String collation) {
        return collation == null ? "" : " COLLATE " + dialect.collation(collation);
    }

    private static final java.util.regex.Pattern STRING_TYPE = java.util.regex.Pattern.compile(
            "(?i)^\\s*(?:national\\s+)?(?:var)?char\\b.*|^\\s*(?:tiny|medium|long)?text\\b.*|^\\s*(?:enum|set)\\s*\\(.*");

    /**
     * A new string type keeps the column's own collation (other than the table's; read online, existingCollation
     * offline): a new length is not a new collation, and MODIFY would silently fall back to the table's (t9-8).
     * A type naming its own collation or character set, a JSON column's and a non-string type are left alone.
     */
    private String keepCollation(String newTypeSql, CurrentColumn current) {
        if (current.collation() == null || json(current) || !STRING_TYPE.matcher(newTypeSql).matches()
                || newTypeSql.toUpperCase(Locale.ROOT).matches("(?s).*\\b(COLLATE|CHARACTER\\s+SET|CHARSET)\\b.*")) {
            return newTypeSql;
        }
        return newTypeSql + collate(current.collation());
    }

    /**
     * Whether the column is a JSON one: MariaDB's is a {@code longtext} with its {@code json_valid} check and
     * {@code utf8mb4_bin}, which belong to the type (any other check of the column's own is the column's: t75-8).
     */
    private static boolean json(CurrentColumn current) {
        return current.typeSql().strip().toUpperCase(Locale.ROOT).startsWith("JSON") || jsonValid(current);
    }

    private static boolean jsonValid(CurrentColumn current) {
        return ("json_valid(`" + current.column().name().replace("`", "``") + "`)").equals(current.check());
    }

    /**
     * The column as it is: its definition, its type as the engine spells it, and what MODIFY would lose
     * unless restated.
     *
     * @param collation the column's own collation (not the table's), restated while the type stays, or null
     * @param extra     a clause to keep after the default and ON UPDATE ({@code INVISIBLE}), or null
     * @param check     the column's own CHECK condition (a JSON column's {@code json_valid}), or null
     * @param generated {@code AS (expression) VIRTUAL|STORED} for a generated column, else null
     * @param unknown   offline: what the script cannot restate because the operation does not say it, or null
     */
    private record CurrentColumn(Column column, String typeSql, String collation, String extra, String check,
                                 String generated, String unknown) {
    }

    private static final java.util.regex.Pattern DATE_TIME = java.util.regex.Pattern.compile("(?i)\\b(?:TIMESTAMP|DATETIME)\\b");
    private static final java.util.regex.Pattern CHARACTERS =
            java.util.regex.Pattern.compile("(?i)\\b(?:CHAR|VARCHAR|TINYTEXT|TEXT|MEDIUMTEXT|LONGTEXT|ENUM|SET)\\b");
    private static final java.util.regex.Pattern OWN_COLLATION =
            java.util.regex.Pattern.compile("(?i)\\b(?:COLLATE|CHARACTER\\s+SET|CHARSET|BINARY)\\b");

    /** Offline: the column as the script created it (its table made earlier in the same script), if so. */
    private Optional<CurrentColumn> fromScript(AlterColumn op) {
        return script.column(op.schema(), op.table(), op.column())
                .map(c -> new CurrentColumn(c, columnType(op, c.withCollation(null)), c.collation(), null, null, null, null));
    }

    private CurrentColumn fromExistingState(AlterColumn op) {
        List<String> missing = new ArrayList<>();
        if (op.type() == null && op.existingType() == null) missing.add("existingType");
        if (op.nullable() == null && op.existingNullable() == null) missing.add("existingNullable");
        if (op.serverDefault() == null && op.existingServerDefault() == null) missing.add("existingServerDefault");
        if (op.comment() == null && op.existingComment() == null) missing.add("existingComment");
        if (!missing.isEmpty()) {
            throw unsupported(op, "offline, MariaDB/MySQL restates the whole column (MODIFY), so the parts that do "
                    + "not change must be given: " + String.join(", ", missing) + "(...)"
                    + " (and existingCollation(...) for a character column, existingOnUpdate(...) for a TIMESTAMP/DATETIME"
                    + " one: null where it has none; existingType(...) where a new TIMESTAMP/DATETIME type meets a"
                    + " CURRENT_TIMESTAMP(n) default)"
                    + (op.comment() != null && op.type() == null && op.nullable() == null && op.serverDefault() == null
                    ? " (setColumnComment cannot take them: write alterColumn(table, column, a -> a.comment(...)"
                    + ".existingType(...).existingNullable(...).existingServerDefault(...)))" : ""));
        }
        ambiguousDefaultPrecision(op);
        Column existing = op.existingColumn();
        SqlType t = op.existingType() != null ? op.existingType() : op.type();
        String typeSql = type(op, op.column(), t);
        String collation = op.existingCollation() == null ? null : op.existingCollation().value();
        // Unknown is not refused (revisions written before these details existed run as they did), but it
        // is said where the column could have them: in the script, and in the log.
        List<String> unknown = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        if (op.existingOnUpdate() == null && op.onUpdate() == null && DATE_TIME.matcher(typeSql).find() && !typeSql.toUpperCase(Locale.ROOT).contains("ON UPDATE")) {
            unknown.add("existingOnUpdate");
            lost.add("an ON UPDATE clause the column has is dropped");
        }
        // a new string type keeps the column's collation as well (keepCollation), so it must be known there too
        String newTypeSql = op.type() == null ? null : type(op, op.column(), op.type());
        boolean keptThroughType = newTypeSql != null && STRING_TYPE.matcher(newTypeSql).matches()
                && !OWN_COLLATION.matcher(newTypeSql).find()
                && (op.existingType() == null || CHARACTERS.matcher(typeSql).find() && !OWN_COLLATION.matcher(typeSql).find());
        if (op.existingCollation() == null && (keptThroughType
                || op.type() == null && CHARACTERS.matcher(typeSql).find() && !OWN_COLLATION.matcher(typeSql).find())) {
            unknown.add("existingCollation");
            lost.add("a collation of the column's own becomes the table's");
        }
        String note = null;
        if (!unknown.isEmpty()) {
            note = "Retort: " + op.describe() + " restates the whole column without " + String.join(" or ", unknown)
                    + "(...): " + String.join(", and ", lost) + " (give null for none)";
            LOG.warn("MariaDB/MySQL offline: {}", note.substring("Retort: ".length()));
        }
        return new CurrentColumn(existing.withType(t), typeSql, collation, null, null, null, note);
    }

    /**
     * Offline, a new TIMESTAMP/DATETIME type on a column whose CURRENT_TIMESTAMP(n) default is coarser than the new
     * type: online, the default moves to the new precision when it was at the old type's and stays when it was
     * coarser than the column on purpose (retyped). Without existingType the script cannot tell which, and would
     * keep it where the run moves it (t46-7), so it asks for the old type instead of guessing.
     */
    private void ambiguousDefaultPrecision(AlterColumn op) {
        if (op.type() == null || op.existingType() != null || op.serverDefault() != null
                || op.existingServerDefault() == null || op.existingServerDefault().value() == null) return;
        int newPrecision = fractionalPrecision(type(op, op.column(), op.type()));
        java.util.regex.Matcher m = NOW_ANY_PRECISION.matcher(op.existingServerDefault().value().strip());
        if (newPrecision < 0 || !m.matches() || m.group(1) == null || m.group(1).isEmpty()
                || Integer.parseInt(m.group(1)) >= newPrecision) return;
        throw unsupported(op, "offline, the default " + op.existingServerDefault().value() + " of column " + op.column()
                + " moves to the new type's precision if it was at the old type's (as the online run does) and stays if"
                + " it is coarser than the column on purpose; give existingType(...) (the column's type before this change)"
                + " so that the script does what the run does");
    }

    private CurrentColumn readColumn(Connection c, AlterColumn op) {
        MariaDbColumn col = MariaDbColumn.read(c, op.schema(), op.table(), op.column())
                .orElseThrow(() -> new RetortException("MariaDB/MySQL cannot " + op.describe() + ": no such column"));
        Column column = new Column(op.column(), SqlType.raw(col.columnType()), col.nullable(), col.defaultSql(),
                col.autoincrement(), col.comment()).withOnUpdate(col.onUpdate());
        return new CurrentColumn(column, col.columnType(), col.collation(), col.extra(), col.check(), col.generated(), null);
    }

    // --- indexes and constraints

    /** FULLTEXT and SPATIAL are kinds of index (before INDEX); HASH and BTREE are methods (USING). */
    @Override
    protected String indexKind(dev.retort.ops.CreateIndex op, String method) {
        if (method == null) return super.indexKind(op, null);
        String m = method.toUpperCase(Locale.ROOT);
        return switch (m) {
            case "FULLTEXT", "SPATIAL" -> {
                if (op.index().unique()) throw unsupported(op, "a " + m + " index cannot be unique");
                yield m + " ";
            }
            case "HASH" -> super.indexKind(op, null);
            default -> throw unsupported(op, "it has no index method '" + method + "' (FULLTEXT, SPATIAL, HASH, BTREE)");
        };
    }

    @Override
    protected String indexMethod(dev.retort.ops.CreateIndex op, String method) {
        return "";
    }

    @Override
    protected String indexName(String schema, String name) {
        return q(name);
    }

    /**
     * A new index that serves a foreign key the key's own index served alone takes that index's place. InnoDB drops its
     * own index then, but not one created explicitly under the key's name, as dropIndex does when it takes the last
     * index a key can use (below): without this, a downgrade and re-upgrade left that index beside the new one, and
     * the comparison reported it (t40-10). {@code IF EXISTS}: for an index InnoDB made, it is gone already.
     */
    @Override
    public List<SqlStatement> visitCreateIndex(dev.retort.ops.CreateIndex op) {
        List<SqlStatement> out = new ArrayList<>(super.visitCreateIndex(op));
        List<String> columns = new ArrayList<>();
        for (dev.retort.schema.IndexElement e : op.index().elements()) {
            if (e.isExpression()) break;
            columns.add(lower(e.column()));
        }
        if (columns.isEmpty() || op.index().using() != null && !op.index().using().equalsIgnoreCase("btree")) return out;
        List<String> keys = context.connection().isPresent()
                ? keysServedOnlyByTheirOwnIndex(context.connection().get(), op.schema(), op.table(), columns)
                : script.table(op.schema(), op.table()).map(t -> t.foreignKeys().stream()
                        .filter(f -> f.name() != null && startsWith(columns, f.columns().stream().map(MariaDbRenderer::lower).toList()))
                        .filter(f -> !script.servedByAnother(op.schema(), op.table(), op.index().name(), f.columns()))
                        .map(ForeignKey::name).toList()).orElse(List.of());
        for (String key : keys) {
            if (!key.equalsIgnoreCase(op.index().name())) {
                out.add(SqlStatement.of("DROP INDEX IF EXISTS " + q(key) + " ON " + table(op.schema(), op.table())));
            }
        }
        return out;
    }

    /**
     * Whether the dropped index is named after a foreign key of the table (the key's own index) and, online, no longer
     * exists. The revision that made a bridge index for a key drops it again once the model's new index serves the key
     * (ForeignKeyIndexBridges.bridgeForeignKeyIndexes); createIndex (above) has dropped it by then, so the drop is IF EXISTS.
     * Offline, any drop of a key's own index on a table the script created is, createIndex not knowing it.
     */
    private boolean ownIndexOfKey(DropIndex op, String table) {
        if (context.connection().isEmpty()) {
            return script.table(op.schema(), table).map(t -> t.foreignKeys().stream()
                    .anyMatch(f -> f.name() != null && f.name().equalsIgnoreCase(op.name()))).orElse(false);
        }
        java.util.Map<String, List<String>> indexes = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
        readIndexesAndKeys(context.connection().get(), op.schema(), table, indexes, keys);
        return indexes.keySet().stream().noneMatch(n -> n.equalsIgnoreCase(op.name()))
                && keys.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(op.name()));
    }

    /**
     * The foreign keys of a table that an index on {@code index} columns serves and that, until then, only an index
     * named after the key, on exactly the key's columns, serves (InnoDB's own, or one dropIndex made in its place).
     */
    private List<String> keysServedOnlyByTheirOwnIndex(Connection c, String schema, String table, List<String> index) {
        java.util.Map<String, List<String>> indexes = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
        readIndexesAndKeys(c, schema, table, indexes, keys);
        List<String> out = new ArrayList<>();
        keys.forEach((name, cols) -> {
            List<String> lowered = cols.stream().map(MariaDbRenderer::lower).toList();
            if (!startsWith(index, lowered)) return;
            String own = indexes.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (own == null || !indexes.get(own).equals(lowered)) return;
            boolean served = indexes.entrySet().stream().anyMatch(e -> !e.getKey().equals(own) && startsWith(e.getValue(), lowered));
            if (!served) out.add(name);
        });
        return out;
    }

    @Override
    public List<SqlStatement> visitDropIndex(DropIndex op) {
        String table = op.table();
        if (table == null) {
            List<String> tables = context.connection().map(c -> tablesWithIndex(c, op.schema(), op.name())).orElse(List.of());
            if (tables.size() > 1) {
                // index names are unique per table only: taking one of them would drop an arbitrary table's index (t20-4)
                throw unsupported(op, "tables " + String.join(", ", tables) + " each have an index of that name;"
                        + " name the table: dropIndex(name, table)");
            }
            if (tables.isEmpty()) throw unsupported(op, "MariaDB/MySQL needs the index's table: dropIndex(name, table)");
            table = tables.get(0);
        }
        String drop = "DROP INDEX " + (op.ifExists() || ownIndexOfKey(op, table) ? "IF EXISTS " : "") + q(op.name());
        List<ForeignKey> keys = oneIndexServingAll(context.connection().isPresent()
                ? foreignKeysOnlyServedBy(context.connection().get(), op.schema(), table, op.name())
                : knownForeignKeysServedBy(op, table));
        if (keys.isEmpty()) {
            if (context.connection().isEmpty() && script.table(op.schema(), table).isEmpty()) {
                return one("-- InnoDB refuses this if the index is the only one a foreign key can use (when it was created,"
                        + " InnoDB dropped the key's own index); online Retort adds the key's index back first\n"
                        + drop + " ON " + table(op.schema(), table));
            }
            return one(drop + " ON " + table(op.schema(), table));
        }
        // InnoDB dropped a key's own index when this one was created, and will not drop the last index a key can
        // use: the key's index comes back first (named after the key, as InnoDB names it), which also restores
        // the schema from before the index was created.
        StringBuilder sql = new StringBuilder(alterTable(op.schema(), table));
        String ifNotExists = context.connection().isPresent() ? "" : "IF NOT EXISTS ";
        for (ForeignKey fk : keys) {
            sql.append("ADD INDEX ").append(ifNotExists).append(q(fk.name())).append(" (").append(columns(fk.columns())).append("), ");
        }
        return one(sql.append(drop).toString());
    }

    /**
     * Of the keys the dropped index served, the one whose index serves them all: they all start that index, so the
     * longest starts every other (the first by name of equals, as {@link ForeignKeyIndexBack}). One index is what a
     * fresh run has (InnoDB dropped the shorter key's own index when it made the longer one's); an index each left
     * the table differing from it, and {@code check} reporting drift (t54-6).
     */
    private static List<ForeignKey> oneIndexServingAll(List<ForeignKey> keys) {
        return keys.stream().min(java.util.Comparator.<ForeignKey>comparingInt(f -> -f.columns().size())
                .thenComparing(f -> f.name().toLowerCase(java.util.Locale.ROOT))).stream().toList();
    }

    /**
     * The foreign keys of the table that no index but {@code index} can serve (an index serves a key when the
     * key's columns are its first columns, in order), and whose own index name is free.
     */
    private List<ForeignKey> foreignKeysOnlyServedBy(Connection c, String schema, String table, String index) {
        java.util.Map<String, List<String>> indexes = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
        readIndexesAndKeys(c, schema, table, indexes, keys);
        String dropped = indexes.keySet().stream().filter(n -> n.equalsIgnoreCase(index)).findFirst().orElse(null);
        if (dropped == null) return List.of();
        List<ForeignKey> out = new ArrayList<>();
        keys.forEach((name, cols) -> {
            List<String> lowered = cols.stream().map(MariaDbRenderer::lower).toList();
            if (!startsWith(indexes.get(dropped), lowered)) return;
            boolean served = indexes.entrySet().stream().anyMatch(e -> !e.getKey().equals(dropped) && startsWith(e.getValue(), lowered));
            boolean nameFree = indexes.keySet().stream().noneMatch(n -> n.equalsIgnoreCase(name));
            if (!served && nameFree) out.add(new ForeignKey(name, cols, null, "?", List.of(), null, null));
        });
        return out;
    }

    /** Index name -> its columns (lower case), and foreign key name -> its columns, of a table, read from the catalog. */
    private static void readIndexesAndKeys(Connection c, String schema, String table, java.util.Map<String, List<String>> indexes,
                                           java.util.Map<String, List<String>> keys) {
        try {
            try (PreparedStatement ps = c.prepareStatement("SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS "
                    + "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
                ps.setString(1, blankToNull(schema));
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) indexes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(lower(rs.getString(2)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT CONSTRAINT_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                    + "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL "
                    + "ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION")) {
                ps.setString(1, blankToNull(schema));
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot read the indexes and foreign keys of " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Offline: the foreign keys of a table the script created that the dropped index (its definition known) can
     * serve and no other index or key the script made on the table can (then, as online, the index is dropped
     * as it is: r3-6).
     */
    private List<ForeignKey> knownForeignKeysServedBy(DropIndex op, String table) {
        List<String> indexColumns = script.indexColumns(op.schema(), table, op.name(), op.dropped())
                .map(cols -> cols.stream().map(MariaDbRenderer::lower).toList()).orElse(null);
        if (indexColumns == null) return List.of();
        return script.table(op.schema(), table).map(t -> t.foreignKeys().stream()
                .filter(f -> f.name() != null && startsWith(indexColumns, f.columns().stream().map(MariaDbRenderer::lower).toList()))
                .filter(f -> !script.servedByAnother(op.schema(), table, op.name(), f.columns()))
                .toList()).orElse(List.of());
    }

    private static boolean startsWith(List<String> columns, List<String> prefix) {
        return columns != null && columns.size() >= prefix.size() && columns.subList(0, prefix.size()).equals(prefix);
    }

    @Override
    public List<SqlStatement> visitDropConstraint(DropConstraint op) {
        return dropConstraint(op, "");
    }

    /** @param more clauses for the end of the ALTER TABLE (a DROP COLUMN of the same table: {@link #renderNow}) */
    private List<SqlStatement> dropConstraint(DropConstraint op, String more) {
        requireNameOrPrimaryKey(op);
        String alter = alterTable(op.schema(), op.table());
        ConstraintType type = op.type();
        if (type == null && op.name() != null) {
            type = context.connection().flatMap(c -> lookUp(c,
                    "SELECT CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE "
                            + "CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?",
                    op.schema(), op.table(), op.name()))
                    .map(MariaDbRenderer::constraintType).orElse(null);
        }
        if ((type == null || type == ConstraintType.CHECK) && op.name() != null) {
            // a CHECK written in a column's definition (Hibernate writes one per enum column) is named after the
            // column and cannot be dropped by that name: the column is restated without it
            Optional<String> column = context.connection().flatMap(c -> lookUp(c,
                    "SELECT CONSTRAINT_NAME FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA ="
                            + " COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND CONSTRAINT_NAME = ? AND LEVEL = 'Column'",
                    op.schema(), op.table(), op.name()));
            if (column.isPresent()) return one(modifyWithoutCheck(op, column.get()) + more);
        }
        if (type == null && context.connection().isPresent()) type = primaryKeyByName(context.connection().get(), op);
        if (type == null) {
            // MariaDB 10.2.22+ drops any kind by name; MySQL needs the kind (dropConstraint(name, table, type)).
            // Offline the kind is unknown: the index named after the constraint goes with it, as online for a
            // foreign key (InnoDB's index of the key) or a unique constraint (its own index); CHECKs have none.
            List<SqlStatement> sql = withOwnIndex(op, "DROP CONSTRAINT ", more);
            if (readsAsPrimaryKey(op)) {
                // online such a name, no constraint of the table, drops its primary key: say so where it cannot be known
                String note = "-- MariaDB/MySQL keep no primary key name: if " + op.name() + " is the primary key of " + op.table()
                        + " (created outside this script), this fails, while online Retort drops the primary key;"
                        + " dropConstraint(name, table, ConstraintType.PRIMARY_KEY) drops it in both\n";
                sql = new ArrayList<>(sql);
                sql.set(0, SqlStatement.of(note + sql.get(0).sql()));
            }
            return sql;
        }
        return switch (type) {
            case PRIMARY_KEY -> one(alter + "DROP PRIMARY KEY" + more);
            // its index may be the one foreign keys use (InnoDB dropped their own when it was made): added back (t54-1)
            case UNIQUE -> withIndexBack(op, alter, "DROP INDEX " + q(op.name()) + more);
            // a table the script created has only the table-level checks Retort writes
            case CHECK -> context.connection().isPresent() || script.table(op.schema(), op.table()).isPresent()
                    ? one(alter + "DROP CONSTRAINT " + q(op.name()) + more) : checkDropBuiltByServer(op, alter, more);
            // InnoDB made an index named after the key when none could serve it; drop it with the key
            // so that dropping undoes creating.
            case FOREIGN_KEY -> withOwnIndex(op, "DROP FOREIGN KEY ", more);
        };
    }

    /**
     * {@code ALTER TABLE t DROP FOREIGN KEY k, DROP INDEX IF EXISTS k}: the key with the index InnoDB made for it,
     * and, when another key of the table needs that index (InnoDB dropped that key's own index when it made this
     * one), that key's index back in the same statement ({@link ForeignKeyIndexBack}; t52-1). Online the catalog
     * says which; offline a table the script created whose other keys cannot need the index is dropped as is, and
     * any other is dropped by a statement the server builds from its catalog when the script runs ({@code SET
     * @retort_sql = CONCAT(...)}, {@code EXECUTE IMMEDIATE}): what needs the index depends on the order in which
     * the keys were created, which only the database knows.
     */
    private List<SqlStatement> withOwnIndex(DropConstraint op, String drop, String more) {
        return withIndexBack(op, alterTable(op.schema(), op.table()) + drop + q(op.name()) + ", ",
                "DROP INDEX IF EXISTS " + q(op.name()) + more);
    }

    /**
     * {@code head} + the index another foreign key needs back (if any) + {@code tail}: the drop of the constraint
     * {@code op} names and of its index (see {@link #withOwnIndex}).
     */
    private List<SqlStatement> withIndexBack(DropConstraint op, String head, String tail) {
        String schema = schemaExpression(op.schema());
        String back = ForeignKeyIndexBack.query(schema, literal(op.table()), literal(op.name()));
        if (context.connection().isPresent()) {
            return one(head + firstRow(context.connection().get(), back).orElse("") + tail);
        }
        if (noOtherKeyCanNeedIndexOf(op)) return one(head + tail);
        return builtByServer(reviewNote(op, head, tail),
                "CONCAT(" + literal(head) + ", COALESCE((" + back + "), ''),\n  " + literal(tail) + ")");
    }

    /**
     * What the server-built drop does, in words and as the two statements it can run, for whoever reviews the
     * script: the query itself says which only to one who evaluates it (t54-4).
     */
    private static String reviewNote(DropConstraint op, String head, String tail) {
        String what = op.type() == ConstraintType.FOREIGN_KEY ? "foreign key " + op.name() + " and the index InnoDB made for it"
                : op.type() == ConstraintType.UNIQUE ? "unique constraint " + op.name() + " (its index)"
                : "constraint " + op.name() + " and its index of that name, if any (a foreign key's or a unique constraint's)";
        String plain = (head + tail).replace("\n", " ");
        return "-- Retort: drops " + what + " of " + op.table() + ". It runs one of these two statements:\n"
                + "-- Retort:   " + plain + "\n"
                + "-- Retort:   " + (head + "ADD INDEX <key> (<columns of key>), " + tail).replace("\n", " ") + "\n"
                + "-- Retort: the second when another foreign key of " + op.table() + " can use no other index than the one"
                + " dropped (InnoDB dropped that key's own index when this one was made): its index comes back, named after it."
                + " The server picks it from information_schema when the script runs (MariaDB syntax):\n";
    }

    /**
     * Offline: whether the table is one the script created, and none of its other foreign keys starts with the
     * columns of the dropped one (only such a key can be served by that key's index). The constraint's kind unknown,
     * a key of the table the script made by that name is looked for; none (a unique or check constraint), nothing
     * can need an index of that name either.
     */
    private boolean noOtherKeyCanNeedIndexOf(DropConstraint op) {
        return script.table(op.schema(), op.table()).map(t -> {
            List<ForeignKey> keys = t.foreignKeys();
            List<String> dropped = keys.stream().filter(f -> f.name() != null && f.name().equalsIgnoreCase(op.name()))
                    .findFirst().map(f -> f.columns().stream().map(MariaDbRenderer::lower).toList()).orElse(null);
            // a unique constraint: its index can serve any key of the table (the columns of a unique made before
            // this script are not known)
            if (op.type() == ConstraintType.UNIQUE) return keys.isEmpty();
            if (dropped == null) return op.type() == null && keys.stream().noneMatch(f -> f.name() == null);
            return keys.stream().filter(f -> f.name() == null || !f.name().equalsIgnoreCase(op.name()))
                    .noneMatch(f -> startsWith(dropped, f.columns().stream().map(MariaDbRenderer::lower).toList()));
        }).orElse(false);
    }

    /** The first column of the first row of a query without parameters, if any. */
    private static Optional<String> firstRow(Connection c, String sql) {
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new RetortException("Cannot read the MariaDB/MySQL catalog: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB/MySQL keep no name for a primary key (every one is {@code PRIMARY}), so a {@code createPrimaryKey}
     * name is not found later. A name that is no constraint of the table is taken as its primary key when the
     * table has one and the name says so ({@code PRIMARY}, {@code <table>_pkey}, {@code pk_...}, {@code ..._pk});
     * any other unknown name is refused, so that a mistyped name never drops the key.
     */
    private static boolean readsAsPrimaryKey(DropConstraint op) {
        String n = lower(op.name());
        return n.equals("primary") || n.equals(lower(op.table()) + "_pkey") || n.startsWith("pk_") || n.endsWith("_pk")
                || n.endsWith("_pkey");
    }

    private ConstraintType primaryKeyByName(Connection c, DropConstraint op) {
        boolean hasPrimaryKey = lookUp(c, "SELECT CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE "
                + "CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND CONSTRAINT_TYPE = 'PRIMARY KEY'",
                op.schema(), op.table()).isPresent();
        String n = lower(op.name());
        boolean primaryKeyName = readsAsPrimaryKey(op) || n.equals(primaryKeyNames.get(key(op.schema(), op.table())));
        if (hasPrimaryKey && primaryKeyName) return ConstraintType.PRIMARY_KEY;
        throw unsupported(op, "table " + op.table() + " has no constraint named " + op.name()
                + (hasPrimaryKey ? "; MariaDB/MySQL name every primary key PRIMARY (a name given to createPrimaryKey is not"
                + " kept): drop it with dropConstraint(name, table, ConstraintType.PRIMARY_KEY)" : ""));
    }

    /** {@code MODIFY COLUMN} restating the column as it is, but for its own CHECK. */
    private String modifyWithoutCheck(DropConstraint op, String column) {
        Connection c = context.connection().orElseThrow();
        CurrentColumn current = readColumn(c, AlterColumn.builder(op.schema(), op.table(), column).build());
        if (current.generated() != null) {
            throw unsupported(op, "the CHECK belongs to generated column " + column + "; recreate the column with op.execute(...)");
        }
        return alterTable(op.schema(), op.table()) + "MODIFY COLUMN "
                + columnDefinition(op, current.column(), current.typeSql() + collate(current.collation()), current.extra());
    }

    /**
     * Offline, whether the check is one written in a column's definition (named after the column: DROP CONSTRAINT
     * cannot drop it, t75-1) is known only to the database: the server picks, when the script runs, between
     * restating the column from information_schema without its check (what {@link #modifyWithoutCheck} does online)
     * and {@code DROP CONSTRAINT} (MariaDB syntax, as for foreign keys' indexes).
     */
    private List<SqlStatement> checkDropBuiltByServer(DropConstraint op, String alter, String more) {
        String schema = schemaExpression(op.schema());
        String drop = alter + "DROP CONSTRAINT " + q(op.name()) + more;
        String modify = alter + "MODIFY COLUMN " + q(op.name()) + " <its definition without the check>" + more;
        String definition = "CONCAT(c.COLUMN_TYPE,"
                + " IF(c.COLLATION_NAME IS NULL OR c.COLLATION_NAME = t.TABLE_COLLATION, '', CONCAT(' COLLATE ', c.COLLATION_NAME)),"
                + " IF(c.EXTRA LIKE '%GENERATED%', CONCAT(' AS (', c.GENERATION_EXPRESSION, ') ',"
                + " IF(c.EXTRA LIKE '%STORED GENERATED%', 'STORED', 'VIRTUAL')), CONCAT("
                + " IF(c.IS_NULLABLE = 'NO', ' NOT NULL', ' NULL'),"
                + " IF(c.COLUMN_DEFAULT IS NULL, '', CONCAT(' DEFAULT ', c.COLUMN_DEFAULT)),"
                + " IF(c.EXTRA LIKE '%on update %', CONCAT(' ON UPDATE ',"
                + " SUBSTRING_INDEX(SUBSTRING(c.EXTRA, LOCATE('on update ', c.EXTRA) + 10), ',', 1)), ''),"
                + " IF(c.EXTRA LIKE '%auto_increment%', ' AUTO_INCREMENT', ''))),"
                + " IF(c.EXTRA LIKE '%INVISIBLE%', ' INVISIBLE', ''),"
                + " IF(c.COLUMN_COMMENT = '', '', CONCAT(' COMMENT ', QUOTE(c.COLUMN_COMMENT))))";
        String column = "SELECT CONCAT(" + literal(alter + "MODIFY COLUMN " + q(op.name()) + " ") + ", " + definition
                + ", " + literal(more) + ")\n  FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
                + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                + "\n  JOIN information_schema.CHECK_CONSTRAINTS k ON k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA"
                + " AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = c.COLUMN_NAME AND k.LEVEL = 'Column'"
                + "\n  WHERE c.TABLE_SCHEMA = " + schema + " AND c.TABLE_NAME = " + literal(op.table())
                + " AND c.COLUMN_NAME = " + literal(op.name());
        String note = "-- Retort: drops check constraint " + op.name() + " of " + op.table() + ". It runs one of these two statements:\n"
                + "-- Retort:   " + drop.replace("\n", " ") + "\n"
                + "-- Retort:   " + modify.replace("\n", " ") + "\n"
                + "-- Retort: the second when the check is written in column " + op.name() + "'s definition (named after it,"
                + " it cannot be dropped by that name). The server picks it from information_schema when the script runs"
                + " (MariaDB syntax):\n";
        return builtByServer(note, "COALESCE((" + column + "),\n  " + literal(drop) + ")");
    }

    private static ConstraintType constraintType(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "PRIMARY KEY" -> ConstraintType.PRIMARY_KEY;
            case "UNIQUE" -> ConstraintType.UNIQUE;
            case "FOREIGN KEY" -> ConstraintType.FOREIGN_KEY;
            case "CHECK" -> ConstraintType.CHECK;
            default -> null;
        };
    }

    /** First column of the first row, or empty. */
    /** The tables of the schema that have an index of that name (one row per column of it in STATISTICS). */
    private static List<String> tablesWithIndex(Connection c, String schema, String index) {
        return strings(c, "SELECT DISTINCT TABLE_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND INDEX_NAME = ? ORDER BY TABLE_NAME", schema, index);
    }

    /** The first row's value of {@link #strings}, if any. */
    private static Optional<String> lookUp(Connection c, String sql, String schema, String... args) {
        List<String> rows = strings(c, sql, schema, args);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** The first column of each row {@code sql} answers, given the schema (blank: the connection's database), then {@code args}. */
    private static List<String> strings(Connection c, String sql, String schema, String... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, blankToNull(schema));
            for (int i = 0; i < args.length; i++) ps.setString(i + 2, args[i]);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new RetortException("Cannot read the MariaDB/MySQL catalog: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** MariaDB's CACHE when none is given. */
    @Override
    protected long defaultCache() {
        return 1000;
    }

    @Override
    protected String noCycle() {
        return "NOCYCLE";
    }

    /**
     * MariaDB's sequences count in BIGINT; {@code AS} another type came with 11.5 and MySQL has no sequences, so
     * another type is refused (BIGINT, the default, is written as nothing).
     */
    @Override
    protected String sequenceType(Operation op, SqlType t) {
        if (t.kind() == SqlType.Kind.BIGINT) return "";
        throw unsupported(op, "its sequences count in BIGINT (AS " + type(t) + " needs MariaDB 11.5): give the bounds"
                + " instead, e.g. maxValue(" + dev.retort.schema.SequenceOptions.typeMax(t) + ")");
    }
}

package dev.retort.dialect.postgresql;

import dev.retort.RetortException;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.ScriptCatalog;
import dev.retort.dialect.SqlRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.AlterIdentity;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.CreateEnumType;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropEnumType;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.SqlType;
import org.postgresql.util.PGobject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** PostgreSQL: standard SQL plus USING, CONCURRENTLY, named enum types. */
final class PostgresRenderer extends SqlRenderer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgresRenderer.class);

    /** Offline: what the script created so far (a column's own collation), where online the catalog is read; null online. */
    private final ScriptCatalog script;

    PostgresRenderer(PostgresDialect dialect, RenderContext context) {
        super(dialect, context);
        this.script = context.connection().isEmpty() ? new ScriptCatalog(this::stored) : null;
    }

    @Override
    public List<SqlStatement> render(Operation operation) {
        List<SqlStatement> out = super.render(operation);
        if (script != null) script.track(operation);
        return out;
    }

    /** A name as PostgreSQL keeps it: one written unquoted folds to lower case. */
    private String stored(String name) {
        return q(name).equals(name) ? name.toLowerCase(java.util.Locale.ROOT) : name;
    }

    @Override
    public List<SqlStatement> visitAlterColumn(AlterColumn op) {
        List<SqlStatement> out = new java.util.ArrayList<>(typeAroundDefault(op));
        if (op.type() != null && dev.retort.schema.SequenceOptions.countable(op.type())) out.addAll(serialSequenceType(op));
        if (op.newName() != null && !op.newName().equals(op.column())) {
            String table = stored(op.table());
            out.addAll(renameOwnedSequences(op.schema(), op.table(), op.table(), stored(op.column()), stored(op.newName()),
                    literal(table + "_" + stored(op.column()) + "_seq"), literal(table + "_" + stored(op.newName()) + "_seq")));
        }
        return out;
    }

    /**
     * t57-3: a new integer type of a serial column also goes to the sequence the column owns. PostgreSQL moves an
     * identity's sequence with its column, but leaves a serial's at the old type: a serial widened to bigint would
     * still run out at 2^31-1 ({@code nextval: reached maximum value}). {@code ALTER SEQUENCE ... AS} moves the bounds
     * that were the old type's with it, and keeps the current value. Online the sequence is looked up (none: nothing
     * to do); offline, for a column given as {@code existingAutoincrement(true)}, a DO block after the type change
     * finds it. The downgrade's type change does the same back.
     */
    private List<SqlStatement> serialSequenceType(AlterColumn op) {
        java.util.Optional<Connection> online = context.connection();
        String newType = type(op.type());
        String select = "SELECT sq.oid::regclass::text AS seq\n"
                + "      FROM pg_depend d\n"
                + "      JOIN pg_class sq ON sq.oid = d.objid AND sq.relkind = 'S'\n"
                + "      JOIN pg_sequence ps ON ps.seqrelid = sq.oid\n"
                + "      JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid\n"
                + "      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'\n"
                + "        AND d.refobjid = to_regclass(" + literal(table(op.schema(), op.table())) + ")"
                + " AND a.attname = " + literal(stored(online.isPresent() ? op.column() : op.finalName())) + "\n"
                + "        AND ps.seqtypid <> " + literal(newType) + "::regtype";
        if (online.isEmpty()) {
            // as H2's identity bounds: only for a column said to be auto-increment (autogenerate says so), so that a
            // plain integer column's type change stays one statement; a table the script made has identities only
            if (!Boolean.TRUE.equals(op.existingAutoincrement())) return List.of();
            return one("DO $retort$\nDECLARE s record;\nBEGIN\n  FOR s IN " + select + "\n  LOOP\n"
                    + "    EXECUTE format('ALTER SEQUENCE %s AS " + newType + "', s.seq);\n  END LOOP;\nEND $retort$");
        }
        List<SqlStatement> out = new java.util.ArrayList<>();
        try (java.sql.Statement st = online.get().createStatement(); ResultSet rs = st.executeQuery(select)) {
            while (rs.next()) out.add(SqlStatement.of("ALTER SEQUENCE " + rs.getString(1) + " AS " + newType));
        } catch (SQLException e) {
            throw new RetortException("Cannot look up the sequence of column " + op.table() + "." + op.column() + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    /**
     * t44-7: PostgreSQL keeps a serial or identity column's sequence name through a rename of its table or column,
     * so a renamed table {@code product} would keep {@code product_id_seq} where a table made as {@code item} has
     * {@code item_id_seq}, and reflection warned of the odd name on every check. As Rails' rename_table does, a
     * sequence the table owns that carries PostgreSQL's own name for the old table or column is renamed with it;
     * one named otherwise (given by hand, kept on purpose) is left alone, as is one whose new name is taken or
     * longer than PostgreSQL's 63 bytes. The column's default follows by itself (nextval holds the sequence's oid),
     * and the rename back (the downgrade) names it back the same way.
     */
    @Override
    public List<SqlStatement> visitRenameTable(RenameTable op) {
        List<SqlStatement> out = new java.util.ArrayList<>(super.visitRenameTable(op));
        out.addAll(renameOwnedSequences(op.schema(), op.name(), op.newName(), null, null,
                literal(stored(op.name()) + "_") + " || a.attname || '_seq'", literal(stored(op.newName()) + "_") + " || a.attname || '_seq'"));
        return out;
    }

    /**
     * The statements after a rename that rename the sequences owned by the table's columns (the one column
     * {@code column}, {@code newColumn} after the rename, where given) whose name is {@code oldName}, to
     * {@code newName} (SQL expressions over pg_attribute {@code a}). Online, rendered before the rename runs, they
     * are looked up and named one by one (none where there are none); offline, where the sequences cannot be known,
     * one DO block after the rename finds them.
     */
    private List<SqlStatement> renameOwnedSequences(String schema, String table, String newTable, String column,
                                                    String newColumn, String oldName, String newName) {
        java.util.Optional<Connection> online = context.connection();
        String select = "SELECT sq.oid::regclass::text AS seq, " + newName + " AS new_name\n"
                + "      FROM pg_depend d\n"
                + "      JOIN pg_class sq ON sq.oid = d.objid AND sq.relkind = 'S'\n"
                + "      JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid\n"
                + "      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')\n"
                + "        AND d.refobjid = to_regclass(" + literal(table(schema, online.isPresent() ? table : newTable)) + ")"
                + (column == null ? "" : " AND a.attname = " + literal(online.isPresent() ? column : newColumn)) + "\n"
                + "        AND sq.relname = " + oldName + " AND octet_length(" + newName + ") <= 63\n"
                + "        AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = " + newName + " AND c.relnamespace = sq.relnamespace)";
        if (online.isEmpty()) {
            return one("DO $retort$\nDECLARE s record;\nBEGIN\n  FOR s IN " + select + "\n  LOOP\n"
                    + "    EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s.seq, s.new_name);\n  END LOOP;\nEND $retort$");
        }
        List<SqlStatement> out = new java.util.ArrayList<>();
        try (java.sql.Statement st = online.get().createStatement(); ResultSet rs = st.executeQuery(select)) {
            while (rs.next()) out.add(SqlStatement.of("ALTER SEQUENCE " + rs.getString(1) + " RENAME TO " + q(rs.getString(2))));
        } catch (SQLException e) {
            throw new RetortException("Cannot look up the sequences of table " + table + ": " + e.getMessage(), e);
        }
        return out;
    }

    private List<SqlStatement> typeAroundDefault(AlterColumn op) {
        AlterColumn around = defaultAroundUsing(op);
        if (around == null) return notedAlterColumn(op);
        // t44-3: PostgreSQL casts the column's default to the new type by itself and refuses the whole type change
        // when no assignment cast exists ('basic'::character varying to an enum, '1'::varchar to integer), the
        // changes that need a USING. So the default goes first and is set after the type: the new one, or the one
        // the column had (what Alembic's users write by hand around such a change).
        List<SqlStatement> out = new java.util.ArrayList<>();
        out.add(SqlStatement.of(alterTable(op.schema(), op.table()) + "ALTER COLUMN " + q(op.column()) + " DROP DEFAULT"));
        out.addAll(notedAlterColumn(around));
        return out;
    }

    /**
     * The change to render after a DROP DEFAULT, when a type change with USING meets a default: the same change
     * setting the new default after the type (none where it removes the default: the DROP did), or setting the
     * existing one back where the default stays. Null where there is nothing to take off: no USING, no default
     * known to be there or given, or an identity column (which has no default to drop, and refuses DROP DEFAULT).
     */
    private static AlterColumn defaultAroundUsing(AlterColumn op) {
        if (op.type() == null || op.using() == null) return null;
        dev.retort.ops.Change<String> after;
        if (op.serverDefault() != null) {
            // a default the revision sets or removes: SET/DROP DEFAULT would refuse an identity column anyway
            after = op.serverDefault().isRemoval() ? null : op.serverDefault();
        } else if (op.existingServerDefault() != null && !op.existingServerDefault().isRemoval()
                && !Boolean.TRUE.equals(op.existingAutoincrement())) {
            // t46-2: DEFAULT NULL, which PostgreSQL keeps as NULL::character varying, is no default: set back after the
            // type it would fail as the old type's NULL (and mean nothing). It is still dropped before the type.
            after = nullDefault(op.existingServerDefault().value()) ? null : op.existingServerDefault();
        } else {
            return null;
        }
        return new AlterColumn(op.schema(), op.table(), op.column(), op.type(), op.using(), op.nullable(), after,
                op.comment(), op.newName(), op.existingType(), op.existingNullable(), op.existingServerDefault(),
                op.existingComment(), op.existingAutoincrement(), op.existingOnUpdate(), op.existingCollation(), op.onUpdate());
    }

    /** A NULL, in parentheses or cast ({@code NULL::character varying}, {@code (NULL)::numeric(6,2)[]}): no default at all. */
    private static final java.util.regex.Pattern NULL_DEFAULT = java.util.regex.Pattern.compile(
            "(?is)[\\s(]*null[\\s)]*(?:::\\s*(?:\"[^\"]*\"|[a-z_][\\w$]*)(?:\\.(?:\"[^\"]*\"|[a-z_][\\w$]*))?"
                    + "(?:\\s+(?:varying|precision|with(?:out)?\\s+time\\s+zone)|\\s*\\([\\d\\s,]*\\))*"
                    + "(?:\\s*\\[\\d*\\])*[\\s)]*)*");

    static boolean nullDefault(String expression) {
        return expression != null && NULL_DEFAULT.matcher(expression).matches();
    }

    /**
     * Offline, a type change to a string type of a column whose collation is not known (neither existingCollation
     * nor a table the script created) is preceded by a note, and logged: a collation of its own would be lost,
     * where online it is read and kept (t20-2).
     */
    private List<SqlStatement> notedAlterColumn(AlterColumn op) {
        List<SqlStatement> out = super.visitAlterColumn(op);
        if (script == null || op.type() == null || !collatable(op.type()) || op.existingCollation() != null
                || script.column(op.schema(), op.table(), op.column()).isPresent()) return out;
        String note = "Retort: " + op.describe() + " changes the type without existingCollation(...): a collation of"
                + " the column's own becomes the new type's default (give null for none)";
        LOG.warn("PostgreSQL offline: {}", note.substring("Retort: ".length()));
        // before the TYPE statement (the first), as MariaDB's renderer says what it cannot know
        List<SqlStatement> noted = new java.util.ArrayList<>(out);
        SqlStatement type = noted.get(0);
        noted.set(0, new SqlStatement("-- " + note.replaceAll("[\r\n]", " ") + "\n" + type.sql(), type.params()));
        return noted;
    }

    /**
     * A type change restates the column's own collation: without COLLATE, PostgreSQL gives the column the new
     * type's default, so a widened {@code varchar COLLATE "C"} key would silently change its ordering and equality.
     * The collation is the operation's existingCollation, else the column's as the database has it (online) or
     * as the script created it (offline, a table made earlier in the same script).
     */
    @Override
    protected String alterTypeClause(AlterColumn op) {
        String collation = collatable(op.type()) ? ownCollation(op) : null;
        return "TYPE " + type(op, op.column(), op.type()) + (collation != null ? collateClause(collation) : "")
                + (op.using() != null ? " USING " + op.using() : "");
    }

    private static final java.util.regex.Pattern COLLATABLE = java.util.regex.Pattern.compile(
            "(?is)\\s*(?:character\\s+varying|varchar|character|char|bpchar|text|citext|name)\\b[^\\[]*(?:\\[\\s*\\d*\\s*\\]\\s*)*");

    /** A string type, or an array of one; a type naming its own collation is left as it is. */
    private static boolean collatable(SqlType t) {
        return switch (t.kind()) {
            case STRING, TEXT, CHAR -> true;
            case RAW -> t.raw() != null && COLLATABLE.matcher(t.raw()).matches()
                    && !t.raw().toUpperCase(java.util.Locale.ROOT).contains("COLLATE");
            default -> false;
        };
    }

    private String ownCollation(AlterColumn op) {
        if (op.existingCollation() != null) return op.existingCollation().value();
        if (script != null) return script.column(op.schema(), op.table(), op.column()).map(Column::collation).orElse(null);
        return context.connection().map(c -> columnCollation(c, op)).orElse(null);
    }

    /** The column's collation where it is not its type's, named as reflection names it. */
    private String columnCollation(Connection c, AlterColumn op) {
        String sql = """
                SELECT CASE WHEN a.attcollation <> t.typcollation THEN
                           CASE WHEN cn.nspname IN ('pg_catalog', n.nspname) THEN coll.collname
                                ELSE '"' || replace(cn.nspname, '"', '""') || '"."' || replace(coll.collname, '"', '""') || '"' END END
                FROM pg_attribute a
                JOIN pg_class rel ON rel.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = rel.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
                LEFT JOIN pg_namespace cn ON cn.oid = coll.collnamespace
                WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND NOT a.attisdropped""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, dialect.qualify(op.schema(), op.table()));
            ps.setString(2, op.column());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot look up the collation of column " + op.table() + "." + op.column()
                    + ": " + e.getMessage(), e);
        }
    }

    /** CONCURRENTLY cannot run in a transaction: online, refused inside one before anything is sent. */
    @Override
    public List<SqlStatement> visitCreateIndex(CreateIndex op) {
        if (op.concurrently()) refuseInTransaction(op);
        return super.visitCreateIndex(op);
    }

    @Override
    public List<SqlStatement> visitDropIndex(DropIndex op) {
        if (op.concurrently()) refuseInTransaction(op);
        return super.visitDropIndex(op);
    }

    private void refuseInTransaction(Operation op) {
        boolean inTransaction = context.connection().map(c -> {
            try {
                return !c.getAutoCommit();
            } catch (SQLException e) {
                return false; // the server's own error says it then
            }
        }).orElse(false);
        if (inTransaction) {
            throw unsupported(op, "CONCURRENTLY cannot run inside a transaction; mark the revision transactional = false"
                    + " (@Revision(..., transactional = false), or '-- retort:transactional false' in a SQL revision)");
        }
    }

    /** gin, gist, brin, hash, spgist, or an extension's method. */
    @Override
    protected String indexMethod(dev.retort.ops.CreateIndex op, String method) {
        if (method == null) return "";
        if (!method.matches("[A-Za-z_][A-Za-z0-9_]*")) throw unsupported(op, "'" + method + "' is not an index method name");
        return " USING " + method.toLowerCase(java.util.Locale.ROOT);
    }

    /** An unnamed primary key: its real name online, PostgreSQL's default {@code <table>_pkey} offline. */
    @Override
    public List<SqlStatement> visitDropConstraint(DropConstraint op) {
        requireNameOrPrimaryKey(op);
        String name = op.name();
        if (name == null) {
            name = context.connection().map(c -> primaryKeyName(c, op.schema(), op.table()))
                    .orElse(op.table() + "_pkey");
        }
        return one(alterTable(op.schema(), op.table()) + "DROP CONSTRAINT " + q(name));
    }

    private static String primaryKeyName(Connection c, String schema, String table) {
        String sql = "SELECT con.conname FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid "
                + "JOIN pg_namespace ns ON ns.oid = rel.relnamespace WHERE con.contype = 'p' AND rel.relname = ? "
                + "AND ns.nspname = COALESCE(?, current_schema())";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, schema == null || schema.isEmpty() ? null : schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot look up the primary key of " + table + ": " + e.getMessage(), e);
        }
        throw new RetortException("Table " + table + " has no primary key to drop");
    }

    /**
     * Online, strings are bound as untyped, as a quoted literal is in the offline script: PostgreSQL then reads
     * them as the column's type (jsonb, an enum, ...), where a varchar parameter would be refused.
     */
    @Override
    protected SqlStatement insert(BulkInsert op, List<String> cols, List<Map<String, Object>> chunk) {
        SqlStatement st = super.insert(op, cols, chunk);
        if (context.connection().isEmpty()) return st;
        return new SqlStatement(st.sql(), st.params().stream().map(PostgresRenderer::untyped).toList());
    }

    /**
     * The values of {@code op.execute} likewise: {@code UPDATE doc SET body = ?} with a string fills a jsonb or
     * enum column online as its literal does in the {@code --sql} script.
     */
    @Override
    public List<SqlStatement> visitExecute(Execute op) {
        List<SqlStatement> out = super.visitExecute(op);
        if (context.connection().isEmpty() || op.params().isEmpty()) return out;
        return out.stream().map(st -> new SqlStatement(st.sql(), st.params().stream().map(PostgresRenderer::untyped).toList()))
                .toList();
    }

    /**
     * pgjdbc takes {@code OffsetDateTime} but refuses {@code Instant}, {@code ZonedDateTime} and {@code java.util.Date}
     * ("Can't infer the SQL type"), which the offline literal writes as a timestamp with its offset: bound as that same instant.
     */
    @Override
    protected Object bindValue(Object value) {
        if (value instanceof Instant i) return i.atOffset(ZoneOffset.UTC);
        // the java.sql date-times as their literal's wall-clock values: pgjdbc sends them with the JVM's offset, which
        // moved a timestamptz by the JVM's zone and put "+09" into a text column (t74-1)
        if (value instanceof java.sql.Timestamp ts) return ts.toLocalDateTime();
        if (value instanceof java.sql.Date d) return d.toLocalDate();
        if (value instanceof java.sql.Time t) return t.toLocalTime();
        if (value instanceof java.util.Date d) return d.toInstant().atOffset(ZoneOffset.UTC); // t38-8
        if (value instanceof ZonedDateTime z) return z.toOffsetDateTime();
        // a finite Double as the numeric its literal is: bound as a float8, a NUMERIC column kept 15 of its digits
        // where the script's keeps all (t74-4); -0.0 keeps its sign as a float8, as its literal '-0'::double precision
        if (value instanceof Double d && Double.isFinite(d) && !d.equals(-0.0d)) return new BigDecimal(d.toString());
        return super.bindValue(value);
    }

    /** Strings and UUIDs, whose literal is a quoted string too: a UUID compared with a varchar column is text (t74-5). */
    private static Object untyped(Object value) {
        if (!(value instanceof CharSequence) && !(value instanceof Character) && !(value instanceof java.util.UUID)) {
            return value;
        }
        PGobject o = new PGobject();
        o.setType("unknown");
        try {
            o.setValue(value.toString());
        } catch (SQLException e) {
            throw new IllegalStateException(e); // PGobject.setValue only stores the text
        }
        return o;
    }

    @Override
    public List<SqlStatement> visitCreateEnumType(CreateEnumType op) {
        EnumType e = op.enumType();
        return one("CREATE TYPE " + table(e.schema(), e.name()) + " AS ENUM ("
                + e.values().stream().map(this::literal).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public List<SqlStatement> visitDropEnumType(DropEnumType op) {
        return one("DROP TYPE " + (op.ifExists() ? "IF EXISTS " : "") + table(op.schema(), op.name()));
    }

    /** Before PostgreSQL 12 this cannot run inside a transaction block; 12+ can (value unusable until commit). */
    @Override
    public List<SqlStatement> visitAddEnumValue(AddEnumValue op) {
        return one("ALTER TYPE " + table(op.schema(), op.typeName()) + " ADD VALUE "
                + (op.ifNotExists() ? "IF NOT EXISTS " : "") + literal(op.value())
                + (op.before() != null ? " BEFORE " + literal(op.before()) : "")
                + (op.after() != null ? " AFTER " + literal(op.after()) : ""));
    }

    /**
     * PostgreSQL cannot remove an enum value: nothing is done, with a warning, and the value stays, as the downgrade of a
     * revision autogenerated here leaves it (its upgrade's {@code ADD VALUE IF NOT EXISTS} runs again). This operation is
     * in the downgrades autogenerate writes on engines whose enums are column types (t44-6), which run here unchanged.
     */
    @Override
    public List<SqlStatement> visitDropEnumValue(dev.retort.ops.DropEnumValue op) {
        String text = op.describe() + ": not done on PostgreSQL, which cannot remove an enum value: '" + op.value()
                + "' stays in the type";
        if (context.writesScript()) return List.of(SqlStatement.note(text));
        LOG.warn(text);
        return List.of();
    }

    /**
     * Through the column's own sequence, which {@code pg_get_serial_sequence} names for serial and identity columns
     * alike (a serial's sequence has no name the operation could know offline); {@code ALTER SEQUENCE} keeps its
     * current value. No RESTART: numbers already handed out are not handed out again.
     */
    @Override
    public List<SqlStatement> visitAlterIdentity(AlterIdentity op) {
        if (op.isEmpty()) return List.of();
        // A change of direction: the old direction's default bounds (MAXVALUE -1 of a descending sequence) would refuse
        // the new start, and its next number lies outside the new bounds, so the bounds become the new direction's
        // defaults (where the operation gives none) and the numbering restarts at the start
        boolean turns = op.increment() != null && op.existingIncrement() != null
                && Long.signum(op.increment()) != Long.signum(op.existingIncrement());
        String options = (op.increment() != null ? " INCREMENT BY " + op.increment() : "")
                + sequenceChange(op, op.options())
                + (turns && op.options().minValue() == null ? " NO MINVALUE" : "")
                + (turns && op.options().maxValue() == null ? " NO MAXVALUE" : "")
                + (op.start() != null ? " START WITH " + op.start() : "")
                + (turns ? " RESTART" : "");
        String display = (op.schema() == null ? "" : op.schema() + ".") + op.table() + "." + op.column();
        return one("DO $retort$\nDECLARE seq text := pg_get_serial_sequence(" + literal(table(op.schema(), op.table()))
                + ", " + literal(op.column()) + ");\nBEGIN\n"
                + "  IF seq IS NULL THEN RAISE EXCEPTION '%', " + literal("column " + display
                        + " is neither serial nor identity: it has no numbering to alter") + "; END IF;\n"
                + "  EXECUTE 'ALTER SEQUENCE ' || seq || " + literal(options) + ";\nEND $retort$");
    }
}

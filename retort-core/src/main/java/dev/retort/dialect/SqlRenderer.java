package dev.retort.dialect;

import dev.retort.RetortException;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.CreateEnumType;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.AlterIdentity;
import dev.retort.ops.AlterSequence;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.CreateTable;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropEnumType;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropSequence;
import dev.retort.ops.DropTable;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.OperationVisitor;
import dev.retort.ops.RenameTable;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.ValidateConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Sequence;
import dev.retort.schema.SequenceOptions;
import dev.retort.ops.SequenceChange;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Standard SQL for every operation (close to what PostgreSQL and H2 accept); each engine's renderer
 * extends it and overrides what its engine spells differently or cannot do. Rejections are
 * {@link RetortException}s that name the engine and the operation, never invalid SQL.
 */
public abstract class SqlRenderer implements OperationRenderer, OperationVisitor<List<SqlStatement>> {
    /** Multi-row INSERTs stay under every engine's parameter limit (PostgreSQL: 65535). */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlRenderer.class);
    protected static final int MAX_PARAMS_PER_INSERT = 30_000;
    protected static final int MAX_ROWS_PER_INSERT = 1_000;

    protected final Dialect dialect;
    protected final RenderContext context;

    protected SqlRenderer(Dialect dialect, RenderContext context) {
        this.dialect = dialect;
        this.context = context;
    }

    @Override
    public List<SqlStatement> render(Operation operation) {
        refuseMissingFeatures(operation);
        return operation.accept(this);
    }

    /**
     * Refuses, before the operation renders anything (or SQLite holds it for a move-and-copy), a column clause this
     * engine has no place for: a column's {@code ON UPDATE}, which would otherwise be lost silently; a constraint
     * added {@code NOT VALID}.
     */
    protected void refuseMissingFeatures(Operation operation) {
        if (operation instanceof CreateCheckConstraint c) requireNotValid(c, c.constraint().notValid(), "check(...).notValid()");
        if (operation instanceof CreateForeignKey f) requireNotValid(f, f.foreignKey().notValid(), "foreignKey(...).notValid()");
        if (dialect.supports(Feature.COLUMN_ON_UPDATE)) return;
        String table = null;
        List<Column> columns = List.of();
        if (operation instanceof CreateTable ct) {
            table = ct.table().name();
            columns = ct.table().columns();
        } else if (operation instanceof AddColumn ac) {
            table = ac.table();
            columns = List.of(ac.column());
        } else if (operation instanceof AlterColumn a && a.onUpdate() != null) {
            throw unsupported(a, "column " + a.column() + " of table " + a.table() + ": it has no ON UPDATE clause for"
                    + " columns (a MariaDB/MySQL and H2 clause; here a trigger does that, written with op.execute(...))");
        }
        for (Column c : columns) {
            if (c.onUpdate() != null) {
                throw unsupported(operation, "column " + c.name() + " of table " + table + " has ON UPDATE " + c.onUpdate()
                        + ", and it has no ON UPDATE clause for columns (a MariaDB/MySQL and H2 clause; here a trigger"
                        + " does that, written with op.execute(...)): remove serverOnUpdate(...)");
            }
        }
    }

    // --- helpers

    protected String q(String identifier) {
        return dialect.quote(identifier);
    }

    protected String table(String schema, String name) {
        return dialect.qualify(schema, name);
    }

    protected String type(SqlType t) {
        return dialect.typeSql(t);
    }

    /** The type for a column of the operation; a type the engine lacks is refused naming the operation. */
    protected String type(Operation op, String column, SqlType t) {
        try {
            return dialect.typeSql(t);
        } catch (UnsupportedTypeException e) {
            throw unsupportedType(op, column, e);
        }
    }

    /** The refusal of a type the engine lacks: the engine, the operation, in a new table the column, and why. */
    protected RetortException unsupportedType(Operation op, String column, UnsupportedTypeException e) {
        return unsupported(op, (op instanceof CreateTable ? "column " + column + ": " : "") + "it " + e.reason());
    }

    protected String columns(List<String> names) {
        return names.stream().map(this::q).collect(Collectors.joining(", "));
    }

    protected String literal(Object value) {
        return dialect.literal(value);
    }

    protected static List<SqlStatement> one(String sql) {
        return List.of(SqlStatement.of(sql));
    }

    protected static List<SqlStatement> statements(List<String> sqls) {
        return sqls.stream().map(SqlStatement::of).toList();
    }

    /** The error for something this engine cannot do: names the engine, the operation and why. */
    protected RetortException unsupported(Operation op, String why) {
        return new OperationRefusedException(dialect.displayName() + " cannot " + op.describe() + ": " + why);
    }

    protected void require(Feature feature, Operation op, String why) {
        if (!dialect.supports(feature)) throw unsupported(op, why);
    }

    protected String alterTable(String schema, String table) {
        return "ALTER TABLE " + table(schema, table) + " ";
    }

    // --- tables

    @Override
    public List<SqlStatement> visitCreateTable(CreateTable op) {
        Table t = op.table();
        if (t.columns().isEmpty()) throw unsupported(op, "a table needs at least one column");
        List<String> defs = new ArrayList<>();
        for (Column c : t.columns()) defs.add(columnDefinition(op, t, c));
        if (t.primaryKey() != null) defs.add(primaryKeyDefinition(t.primaryKey()));
        for (UniqueConstraint u : t.uniqueConstraints()) defs.add(uniqueDefinition(u));
        for (CheckConstraint ck : t.checkConstraints()) defs.add(checkDefinition(op, ck));
        for (ForeignKey fk : t.foreignKeys()) {
            requireDeferral(op, t.name(), fk);
            defs.add(foreignKeyDefinition(t.schema(), fk));
        }
        List<SqlStatement> out = new ArrayList<>();
        out.add(SqlStatement.of("CREATE TABLE " + (op.ifNotExists() ? "IF NOT EXISTS " : "")
                + table(t.schema(), t.name()) + " (\n    " + String.join(",\n    ", defs) + "\n)" + tableOptions(t)));
        for (Index ix : t.indexes()) out.addAll(createIndex(new CreateIndex(t.schema(), t.name(), ix)));
        out.addAll(createTableComments(op));
        return out;
    }

    /** Text after the closing parenthesis of CREATE TABLE (MariaDB: the table comment). */
    protected String tableOptions(Table t) {
        return "";
    }

    /** True where comments are written inside column definitions and table options (MariaDB/MySQL). */
    protected boolean inlineComments() {
        return false;
    }

    /** COMMENT ON statements for a new table and its columns. */
    protected List<SqlStatement> createTableComments(CreateTable op) {
        Table t = op.table();
        if (inlineComments()) return List.of();
        List<SqlStatement> out = new ArrayList<>();
        if (t.comment() != null) out.add(tableComment(op, t.schema(), t.name(), t.comment()));
        for (Column c : t.columns()) {
            if (c.comment() != null) out.add(columnComment(op, t.schema(), t.name(), c.name(), c.comment()));
        }
        return out;
    }

    /** {@code name TYPE [identity] [DEFAULT x] [ON UPDATE x] [NOT NULL]}. */
    protected String columnDefinition(Operation op, Table table, Column c) {
        StringBuilder sb = new StringBuilder(q(c.name())).append(' ').append(columnType(op, c));
        if (c.autoincrement()) sb.append(' ').append(identityClause(op, c));
        if (c.serverDefault() != null) sb.append(" DEFAULT ").append(c.serverDefault());
        if (c.onUpdate() != null) sb.append(" ON UPDATE ").append(c.onUpdate());
        if (!c.nullable()) sb.append(" NOT NULL");
        return sb.toString();
    }

    /** The column's type and its own collation, if any. */
    protected String columnType(Operation op, Column c) {
        if (c.type() == null) throw unsupported(op, "column " + c.name() + " has no type");
        return type(op, c.name(), c.type()) + (c.collation() == null ? "" : collateClause(c.collation()));
    }

    /** {@code COLLATE name}, the name as the engine spells it (PostgreSQL's are identifiers, quoted). */
    protected String collateClause(String collation) {
        return " COLLATE " + dialect.collation(collation);
    }

    /**
     * With the column's sequence options (bounds, cache, cycle) after start and increment; the sequence's type is the
     * column's here (a type of its own is a serial's left behind by a type change, which a new column does not have).
     */
    protected String identityClause(Operation op, Column c) {
        if (c.identity() == null) return "GENERATED BY DEFAULT AS IDENTITY";
        return "GENERATED BY DEFAULT AS IDENTITY (START WITH " + c.identityStart() + " INCREMENT BY " + c.identityIncrement()
                + sequenceOptions(c.identityOptions()) + ")";
    }

    protected String constraintName(String name) {
        return name == null ? "" : "CONSTRAINT " + q(name) + " ";
    }

    protected String primaryKeyDefinition(PrimaryKey pk) {
        return constraintName(pk.name()) + "PRIMARY KEY (" + columns(pk.columns()) + ")";
    }

    protected String uniqueDefinition(UniqueConstraint u) {
        return constraintName(u.name()) + "UNIQUE (" + columns(u.columns()) + ")";
    }

    protected String checkDefinition(Operation op, CheckConstraint ck) {
        return constraintName(ck.name()) + "CHECK (" + ck.expression() + ")";
    }

    /** @param tableSchema the referencing table's schema, used when the foreign key names none */
    protected String foreignKeyDefinition(String tableSchema, ForeignKey fk) {
        String refSchema = fk.refSchema() != null ? fk.refSchema() : tableSchema;
        StringBuilder sb = new StringBuilder(constraintName(fk.name()))
                .append("FOREIGN KEY (").append(columns(fk.columns())).append(") REFERENCES ")
                .append(table(refSchema, fk.refTable()));
        // none named: SQL's REFERENCES t, the referenced table's primary key
        if (!fk.refColumns().isEmpty()) sb.append(" (").append(columns(fk.refColumns())).append(')');
        if (fk.onDelete() != null) sb.append(" ON DELETE ").append(referentialAction(fk.onDelete()));
        if (fk.onUpdate() != null) sb.append(" ON UPDATE ").append(referentialAction(fk.onUpdate()));
        if (fk.deferral().deferrable()) sb.append(' ').append(fk.deferral().sql());
        return sb.toString();
    }

    /**
     * Refuses a deferrable key where the engine checks every key at once: left out, rows the revision's author
     * meant to insert in any order within a transaction would fail there (or worse, pass here and fail elsewhere).
     */
    protected void requireDeferral(Operation op, String table, ForeignKey fk) {
        if (!dialect.supports(Feature.FOREIGN_KEY_SET_COLUMNS) && referentialAction(fk.onDelete()) != null
                && referentialAction(fk.onDelete()).contains("(")) {
            // left out, the action would set every key column, not the ones named (t75-6)
            throw unsupported(op, "foreign key " + (fk.name() == null ? "" : fk.name() + " ") + "(" + String.join(", ", fk.columns())
                    + ") of table " + table + " has ON DELETE " + fk.onDelete() + ", and " + dialect.displayName()
                    + " cannot name the columns to set (PostgreSQL 15 can); write the action without the column list");
        }
        if (!fk.deferral().deferrable() || dialect.supports(Feature.DEFERRABLE_FOREIGN_KEYS)) return;
        throw unsupported(op, "foreign key " + (fk.name() == null ? "" : fk.name() + " ") + "(" + String.join(", ", fk.columns())
                + ") of table " + table + " is " + fk.deferral().sql() + ", and " + dialect.displayName()
                + " has no deferrable foreign keys (it checks each key at every statement); leave out "
                + (fk.deferral() == dev.retort.schema.Deferral.INITIALLY_DEFERRED ? ".initiallyDeferred()" : ".deferrable()")
                + " for this engine");
    }

    /** Only the five standard actions; anything else would be SQL injected into DDL. */
    public static String referentialAction(String action) {
        if (action == null) return null;
        java.util.regex.Matcher withColumns = SET_COLUMNS.matcher(action.strip());
        if (withColumns.matches()) {
            // PostgreSQL 15: ON DELETE SET NULL (col, ...) sets only the key columns named; the names are kept as written
            return "SET " + withColumns.group(1).toUpperCase(java.util.Locale.ROOT) + " ("
                    + String.join(", ", withColumns.group(2).strip().split("\\s*,\\s*")) + ")";
        }
        String a = action.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        return switch (a) {
            case "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION" -> a;
            default -> throw new RetortException("Unknown referential action '" + action
                    + "' (expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION)");
        };
    }

    private static final java.util.regex.Pattern SET_COLUMNS =
            // names only, plain or double-quoted: no other text reaches the DDL
            java.util.regex.Pattern.compile("(?i)SET\\s+(NULL|DEFAULT)\\s*\\(((?:\\s*(?:[a-z_][a-z0-9_$]*|\"(?:[^\"]|\"\")+\")\\s*,)*"
                    + "\\s*(?:[a-z_][a-z0-9_$]*|\"(?:[^\"]|\"\")+\")\\s*)\\)");

    @Override
    public List<SqlStatement> visitDropTable(DropTable op) {
        return one("DROP TABLE " + (op.ifExists() ? "IF EXISTS " : "") + table(op.schema(), op.name()));
    }

    @Override
    public List<SqlStatement> visitRenameTable(RenameTable op) {
        return one(alterTable(op.schema(), op.name()) + "RENAME TO " + q(op.newName()));
    }

    @Override
    public List<SqlStatement> visitSetTableComment(SetTableComment op) {
        require(Feature.COMMENTS, op, "it has no table comments");
        return List.of(tableComment(op, op.schema(), op.table(), op.comment()));
    }

    /** @param comment null removes it */
    protected SqlStatement tableComment(Operation op, String schema, String table, String comment) {
        require(Feature.COMMENTS, op, "it has no table comments");
        return SqlStatement.of("COMMENT ON TABLE " + table(schema, table) + " IS "
                + (comment == null ? "NULL" : literal(comment)));
    }

    /** @param comment null removes it */
    protected SqlStatement columnComment(Operation op, String schema, String table, String column, String comment) {
        require(Feature.COMMENTS, op, "it has no column comments");
        return SqlStatement.of("COMMENT ON COLUMN " + table(schema, table) + "." + q(column) + " IS "
                + (comment == null ? "NULL" : literal(comment)));
    }

    // --- columns

    @Override
    public List<SqlStatement> visitAddColumn(AddColumn op) {
        Table shell = Table.of(op.table(), List.of(op.column()));
        List<SqlStatement> out = new ArrayList<>();
        out.add(SqlStatement.of(alterTable(op.schema(), op.table()) + "ADD COLUMN "
                + (op.ifNotExists() ? "IF NOT EXISTS " : "") + columnDefinition(op, shell, op.column())));
        if (op.column().comment() != null && !inlineComments()) {
            out.add(columnComment(op, op.schema(), op.table(), op.column().name(), op.column().comment()));
        }
        return out;
    }

    @Override
    public List<SqlStatement> visitDropColumn(DropColumn op) {
        require(Feature.DROP_COLUMN, op, "it cannot drop columns in place");
        return one(alterTable(op.schema(), op.table()) + "DROP COLUMN " + (op.ifExists() ? "IF EXISTS " : "")
                + q(op.column()));
    }

    /** One statement per changed aspect, the rename last (the others use the old name). */
    @Override
    public List<SqlStatement> visitAlterColumn(AlterColumn op) {
        String alter = alterTable(op.schema(), op.table()) + "ALTER COLUMN " + q(op.column()) + " ";
        List<SqlStatement> out = new ArrayList<>();
        if (op.type() != null) {
            require(Feature.ALTER_COLUMN_TYPE, op, "it cannot change a column's type in place");
            out.add(SqlStatement.of(alter + alterTypeClause(op)));
        }
        if (op.nullable() != null) {
            require(Feature.ALTER_COLUMN_NULLABILITY, op, "it cannot change nullability in place");
            out.add(SqlStatement.of(alter + (op.nullable() ? "DROP NOT NULL" : "SET NOT NULL")));
        }
        if (op.serverDefault() != null) {
            require(Feature.ALTER_COLUMN_DEFAULT, op, "it cannot change a column default in place");
            out.add(SqlStatement.of(alter + (op.serverDefault().isRemoval() ? "DROP DEFAULT"
                    : "SET DEFAULT " + op.serverDefault().value())));
        }
        if (op.onUpdate() != null) {
            // H2's own grammar; engines without the clause were refused before rendering
            out.add(SqlStatement.of(alter + (op.onUpdate().isRemoval() ? "DROP ON UPDATE"
                    : "SET ON UPDATE " + op.onUpdate().value())));
        }
        if (op.comment() != null) {
            out.add(columnComment(op, op.schema(), op.table(), op.column(), op.comment().value()));
        }
        if (op.newName() != null) {
            require(Feature.RENAME_COLUMN, op, "it cannot rename columns");
            out.add(SqlStatement.of(alterTable(op.schema(), op.table()) + "RENAME COLUMN " + q(op.column())
                    + " TO " + q(op.newName())));
        }
        return out;
    }

    protected String alterTypeClause(AlterColumn op) {
        if (op.using() != null && !dialect.supports(Feature.ALTER_TYPE_USING)) {
            // A bare "col::type" is the conversion the engine makes by itself: a revision written on
            // PostgreSQL still runs here. Any other expression would be silently lost: refused.
            if (isPlainCast(op.column(), op.using())) return "SET DATA TYPE " + type(op, op.column(), op.type());
            throw unsupported(op, "it has no USING clause for type changes (remove using(...) on this engine)");
        }
        return "SET DATA TYPE " + type(op, op.column(), op.type()) + (op.using() != null ? " USING " + op.using() : "");
    }

    private static final java.util.regex.Pattern PLAIN_CAST = java.util.regex.Pattern.compile(
            "\\s*(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s*::\\s*[A-Za-z_][A-Za-z0-9_ ]*"
                    + "(?:\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?(?:\\s+with(?:out)?\\s+time\\s+zone)?(?:\\[\\])*\\s*",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** {@code col::TYPE} (quoted or not) of the altered column itself, to whatever type. */
    protected static boolean isPlainCast(String column, String using) {
        java.util.regex.Matcher m = PLAIN_CAST.matcher(using);
        if (!m.matches()) return false;
        String name = m.group(1).startsWith("\"") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return name.equalsIgnoreCase(column);
    }

    // --- indexes

    @Override
    public List<SqlStatement> visitCreateIndex(CreateIndex op) {
        return createIndex(op);
    }

    protected List<SqlStatement> createIndex(CreateIndex op) {
        Index ix = op.index();
        if (ix.where() != null) require(Feature.PARTIAL_INDEX, op, "it has no partial indexes (WHERE)");
        if (ix.elements().stream().anyMatch(e -> e.isExpression() && !isOrderedColumn(e.expression()))) {
            require(Feature.EXPRESSION_INDEX, op, "it has no expression indexes");
        }
        if (ix.elements().stream().anyMatch(e -> e.isExpression() && NULLS_ORDER.matcher(e.expression()).find())) {
            // the engine's own error would come only once the statements before it have run
            require(Feature.INDEX_NULLS_ORDER, op, "it has no NULLS FIRST/LAST in index elements (there ASC puts"
                    + " NULLs first and DESC puts them last); leave NULLS FIRST/LAST out on this engine");
        }
        boolean concurrently = op.concurrently() && dialect.supports(Feature.CONCURRENT_INDEX);
        String method = ix.using() == null || ix.using().equalsIgnoreCase("btree") ? null : ix.using().strip();
        String sql = "CREATE " + indexKind(op, method) + "INDEX " + (concurrently ? "CONCURRENTLY " : "")
                + (op.ifNotExists() ? "IF NOT EXISTS " : "") + indexName(op.schema(), ix.name()) + " ON "
                + indexTable(op.schema(), op.table()) + indexMethod(op, method) + " (" + indexElements(ix) + ")"
                + (ix.where() != null ? " WHERE " + ix.where() : "");
        return one(sql);
    }

    /** {@code UNIQUE } and whatever else comes before INDEX (H2 {@code HASH}, MariaDB {@code FULLTEXT}). */
    protected String indexKind(CreateIndex op, String method) {
        return op.index().unique() ? "UNIQUE " : "";
    }

    /** The clause after the table naming a non-default index method (PostgreSQL {@code USING gin}). */
    protected String indexMethod(CreateIndex op, String method) {
        if (method != null) throw unsupported(op, "it has no index method '" + method + "'");
        return "";
    }

    /** The index name in CREATE INDEX (PostgreSQL: never qualified; the index lives with its table). */
    protected String indexName(String schema, String name) {
        return q(name);
    }

    /** The table after ON in CREATE INDEX (SQLite: never qualified; the schema goes on the index name). */
    protected String indexTable(String schema, String table) {
        return table(schema, table);
    }

    protected String indexElements(Index ix) {
        return ix.elements().stream().map(e -> !e.isExpression() ? q(e.column())
                        : isOrderedColumn(e.expression()) ? orderedColumnSql(e.expression()) : indexElementSql(e.expression()))
                .collect(Collectors.joining(", "));
    }

    /**
     * {@code "placedAt" DESC} or {@code `placedAt` DESC} with the column quoted as this engine quotes it: a model
     * or another engine's reflection may have quoted it otherwise (MariaDB reads {@code "x"} as a string). A bare
     * column stays as written, which is how the engine folds it.
     */
    private String orderedColumnSql(String element) {
        String[] parts = splitIndexElement(element);
        String head = parts[0];
        char quote = head.charAt(0);
        if (quote != '"' && quote != '`') return indexElementSql(element);
        String name = head.substring(1, head.length() - 1).replace(String.valueOf(quote) + quote, String.valueOf(quote));
        return q(name) + " " + parts[1].strip();
    }

    private static final java.util.regex.Pattern ELEMENT_TAIL = java.util.regex.Pattern.compile(
            "(?:\\s+(?:\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$.]*))*\\s*");
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile(
            "\"[^\"]+\"|`[^`]+`|[A-Za-z_][A-Za-z0-9_$]*");

    /**
     * An expression element inside CREATE INDEX (...). An element may end in words that are not part of
     * the expression: {@code COLLATE x}, an operator class, {@code ASC|DESC}, {@code NULLS FIRST|LAST}
     * ({@code name DESC}, {@code lower(name) text_pattern_ops}, {@code tags gin_trgm_ops}). Only the
     * expression before them is put in parentheses, and a plain column before them none at all;
     * an element whose shape is not recognised is wrapped whole, as before.
     */
    public static String indexElementSql(String element) {
        String[] parts = splitIndexElement(element);
        if (parts == null || parts[1].isBlank()) return "(" + element.strip() + ")";
        String head = parts[0];
        return (IDENTIFIER.matcher(head).matches() ? head : "(" + head + ")") + " " + parts[1].strip();
    }

    private static final java.util.regex.Pattern NULLS_ORDER = java.util.regex.Pattern.compile(
            "(?i)\\bNULLS\\s+(?:FIRST|LAST)\\s*$");

    private static final java.util.regex.Pattern ORDER = java.util.regex.Pattern.compile(
            "(?i)\\s*(?:ASC|DESC)?(?:\\s+NULLS\\s+(?:FIRST|LAST))?\\s*");

    /** {@code col DESC}, {@code col ASC NULLS LAST}: a column with a sort order, which every engine indexes. */
    public static boolean isOrderedColumn(String element) {
        String[] parts = splitIndexElement(element);
        return parts != null && IDENTIFIER.matcher(parts[0]).matches() && !parts[1].isBlank()
                && ORDER.matcher(parts[1]).matches();
    }

    /** [expression or column, trailing words], or null when the element is not {@code head words...}. */
    public static String[] splitIndexElement(String element) {
        String e = element.strip();
        int end;
        if (e.startsWith("(")) {
            end = closingParen(e, 0);
        } else {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:\"[^\"]+\"|`[^`]+`|[A-Za-z_][A-Za-z0-9_$]*)(?:\\.(?:\"[^\"]+\"|`[^`]+`|[A-Za-z_][A-Za-z0-9_$]*))*")
                    .matcher(e);
            if (!m.lookingAt()) return null;
            end = m.end() - 1;
            int next = end + 1;
            while (next < e.length() && Character.isWhitespace(e.charAt(next))) next++;
            if (next < e.length() && e.charAt(next) == '(') end = closingParen(e, next);
        }
        if (end < 0) return null;
        String tail = e.substring(end + 1);
        if (!tail.isEmpty() && !Character.isWhitespace(tail.charAt(0))) return null;
        if (!ELEMENT_TAIL.matcher(tail).matches()) return null;
        return new String[] {e.substring(0, end + 1), tail};
    }

    /** Index of the parenthesis closing the one at {@code open}, skipping strings and quoted names; -1 if none. */
    private static int closingParen(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '\'' || c == '"') quote = c;
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return -1;
    }

    @Override
    public List<SqlStatement> visitDropIndex(DropIndex op) {
        boolean concurrently = op.concurrently() && dialect.supports(Feature.CONCURRENT_INDEX);
        return one("DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + (op.ifExists() ? "IF EXISTS " : "")
                + table(op.schema(), op.name()));
    }

    // --- constraints

    @Override
    public List<SqlStatement> visitCreatePrimaryKey(CreatePrimaryKey op) {
        require(Feature.ALTER_CONSTRAINTS, op, "it cannot add constraints to an existing table");
        return one(alterTable(op.schema(), op.table()) + "ADD " + primaryKeyDefinition(op.primaryKey()));
    }

    @Override
    public List<SqlStatement> visitCreateUniqueConstraint(CreateUniqueConstraint op) {
        require(Feature.ALTER_CONSTRAINTS, op, "it cannot add constraints to an existing table");
        return one(alterTable(op.schema(), op.table()) + "ADD " + uniqueDefinition(op.constraint()));
    }

    @Override
    public List<SqlStatement> visitCreateCheckConstraint(CreateCheckConstraint op) {
        require(Feature.ALTER_CONSTRAINTS, op, "it cannot add constraints to an existing table");
        return one(alterTable(op.schema(), op.table()) + "ADD " + checkDefinition(op, op.constraint())
                + (op.constraint().notValid() ? " NOT VALID" : ""));
    }

    @Override
    public List<SqlStatement> visitCreateForeignKey(CreateForeignKey op) {
        require(Feature.ALTER_CONSTRAINTS, op, "it cannot add constraints to an existing table");
        requireDeferral(op, op.table(), op.foreignKey());
        return one(alterTable(op.schema(), op.table()) + "ADD " + foreignKeyDefinition(op.schema(), op.foreignKey())
                + (op.foreignKey().notValid() ? " NOT VALID" : ""));
    }

    /**
     * Refuses a constraint added {@code NOT VALID} where the engine has no such clause: added plain, it would check
     * the rows the revision's author meant to leave unchecked, and fail on one that breaks it (or pass here and fail
     * elsewhere). Only {@code op.createCheckConstraint}/{@code op.createForeignKey} carry it: in a new table a
     * constraint is created valid, there being no rows to leave out.
     */
    protected void requireNotValid(Operation op, boolean notValid, String option) {
        if (!notValid) return;
        require(Feature.NOT_VALID_CONSTRAINTS, op, "it is NOT VALID (the rows already there left unchecked), and "
                + dialect.displayName() + " has no such clause (it checks every row when it adds a constraint); leave out "
                + option + " for this engine");
    }

    @Override
    public List<SqlStatement> visitValidateConstraint(ValidateConstraint op) {
        require(Feature.NOT_VALID_CONSTRAINTS, op, "it has no NOT VALID constraints to validate (every constraint it adds"
                + " checks all rows at once); leave out validateConstraint for this engine");
        return one(alterTable(op.schema(), op.table()) + "VALIDATE CONSTRAINT " + q(op.name()));
    }

    @Override
    public List<SqlStatement> visitDropConstraint(DropConstraint op) {
        require(Feature.ALTER_CONSTRAINTS, op, "it cannot drop constraints from an existing table");
        requireNameOrPrimaryKey(op);
        if (op.name() == null) throw unsupported(op, "the primary key has no known name; give its name");
        return one(alterTable(op.schema(), op.table()) + "DROP CONSTRAINT " + q(op.name()));
    }

    /**
     * A constraint given only by its definition is found that way on SQLite alone; the other engines name
     * every constraint (one created without a name gets the engine's), and are given that name.
     */
    protected void requireNameOrPrimaryKey(DropConstraint op) {
        if (op.byDefinition() && !dialect.supports(Feature.DROP_UNNAMED_CONSTRAINT)) {
            throw unsupported(op, "it names every constraint (one created without a name gets a name from the engine): "
                    + "drop " + DropConstraint.definition(op.dropped()) + " by that name");
        }
    }

    // --- sequences and enum types

    @Override
    public List<SqlStatement> visitCreateSequence(CreateSequence op) {
        require(Feature.SEQUENCES, op, "it has no sequences");
        Sequence s = op.sequence();
        SequenceOptions o = s.options();
        // AS first (H2 takes it only there); the bounds before START WITH, which they must hold
        return one("CREATE SEQUENCE " + (op.ifNotExists() ? "IF NOT EXISTS " : "") + table(s.schema(), s.name())
                + (o.type() != null ? sequenceType(op, o.type()) : "")
                + (s.increment() != null ? " INCREMENT BY " + s.increment() : "")
                + sequenceOptions(o)
                + (s.start() != null ? " START WITH " + s.start() : ""));
    }

    /**
     * {@code MINVALUE n MAXVALUE n CACHE n CYCLE}, each only where it is not the default and each after a space. The
     * type is not said: a sequence says it first ({@code AS t}), an identity's is its column's. Static and public: the
     * statements autogenerate suggests to write by hand spell an identity's options with it.
     */
    public static String sequenceOptions(SequenceOptions o) {
        return (o.minValue() != null ? " MINVALUE " + o.minValue() : "")
                + (o.maxValue() != null ? " MAXVALUE " + o.maxValue() : "")
                + (o.cache() != null ? " CACHE " + o.cache() : "")
                + (o.cycle() ? " CYCLE" : "");
    }

    /** {@code AS t}: an integer type only, which is what a sequence counts in. */
    protected String sequenceType(Operation op, SqlType t) {
        if (!SequenceOptions.countable(t)) {
            throw unsupported(op, "a sequence counts in SMALLINT, INTEGER or BIGINT, not " + type(t));
        }
        return " AS " + type(t);
    }

    /** What {@code ALTER SEQUENCE} (or an identity's options) says for a change; the empty string for none. */
    protected String sequenceChange(Operation op, SequenceChange c) {
        return (c.type() != null ? sequenceType(op, c.type()) : "")
                + sequenceChangeClauses(c).stream().map(x -> " " + x).collect(java.util.stream.Collectors.joining());
    }

    /** The clauses of a change but its type, one each: {@code MINVALUE 0}, {@code NO MAXVALUE}, {@code CACHE 20}, {@code CYCLE}. */
    protected List<String> sequenceChangeClauses(SequenceChange c) {
        List<String> out = new java.util.ArrayList<>();
        if (c.minValue() != null) out.add(c.minValue().isRemoval() ? "NO MINVALUE" : "MINVALUE " + c.minValue().value());
        if (c.maxValue() != null) out.add(c.maxValue().isRemoval() ? "NO MAXVALUE" : "MAXVALUE " + c.maxValue().value());
        if (c.cache() != null) out.add("CACHE " + (c.cache().isRemoval() ? defaultCache() : c.cache().value()));
        if (c.cycle() != null) out.add(c.cycle() ? "CYCLE" : noCycle());
        return out;
    }

    /**
     * Where the numbering is not a sequence (MariaDB's AUTO_INCREMENT, SQLite's rowid): a column with sequence options
     * (bounds, cache, cycle) is refused before anything runs, rather than created numbering past the bound or
     * never wrapping around.
     */
    protected void refuseIdentityOptions(Operation op, Column c, String why) {
        if (!c.autoincrement() || c.identityOptions().withType(null).isDefault()) return;
        throw unsupported(op, "column " + c.name() + " has the sequence options" + sequenceOptions(c.identityOptions())
                + ", which " + why + " (give its numbering a sequence of its own: op.createSequence(name, s -> ...) and"
                + " a default that takes its next value)");
    }

    /** The CACHE a sequence has when none is given: PostgreSQL's 1 (MariaDB and H2 say theirs). */
    protected long defaultCache() {
        return 1;
    }

    protected String noCycle() {
        return "NO CYCLE";
    }

    @Override
    public List<SqlStatement> visitAlterSequence(AlterSequence op) {
        require(Feature.SEQUENCES, op, "it has no sequences");
        if (op.isEmpty()) return List.of();
        // no RESTART: the sequence goes on from its current value
        return one("ALTER SEQUENCE " + table(op.schema(), op.name())
                + (op.increment() != null ? " INCREMENT BY " + op.increment() : "")
                + sequenceChange(op, op.options())
                + (op.start() != null ? " START WITH " + op.start() : ""));
    }

    /** PostgreSQL and H2 say how; MariaDB's AUTO_INCREMENT is a table's next number and its step server-wide, SQLite has neither. */
    @Override
    public List<SqlStatement> visitAlterIdentity(AlterIdentity op) {
        throw unsupported(op, "it has no per-column numbering to alter");
    }

    @Override
    public List<SqlStatement> visitDropSequence(DropSequence op) {
        require(Feature.SEQUENCES, op, "it has no sequences");
        return one("DROP SEQUENCE " + (op.ifExists() ? "IF EXISTS " : "") + table(op.schema(), op.name()));
    }

    /**
     * Where enums are column types, the named type is nothing of its own: the columns say their values
     * ({@code enumOf}), so a revision written for PostgreSQL runs here unchanged (as Alembic's {@code sa.Enum}).
     */
    @Override
    public List<SqlStatement> visitCreateEnumType(CreateEnumType op) {
        if (dialect.supports(Feature.ENUM_TYPES)) throw unsupported(op, "not implemented for this engine");
        return nothingHere(op, "its enum columns carry their values");
    }

    @Override
    public List<SqlStatement> visitDropEnumType(DropEnumType op) {
        if (dialect.supports(Feature.ENUM_TYPES)) throw unsupported(op, "not implemented for this engine");
        return nothingHere(op, "its enum columns carry their values");
    }

    /**
     * SQLite's enum column is text without a check: nothing to change. An engine with ENUM(...) column types
     * changes, online, the columns of the connection's schema whose values are exactly the type's values before
     * (the operation's {@code existingValues}), restating each column as its renderer does for a type change.
     */
    @Override
    public List<SqlStatement> visitAddEnumValue(AddEnumValue op) {
        if (dialect.supports(Feature.ENUM_TYPES)) throw unsupported(op, "not implemented for this engine");
        if (!dialect.supports(Feature.INLINE_ENUM)) return nothingHere(op, "its enum columns are text");
        if (op.existingValues() == null) {
            throw unsupported(op, "it has no named enum types, and the operation does not say the type's values before "
                    + "this one, by which its ENUM columns are found: give them (op.addEnumValueIfNotExists(\"" + op.typeName()
                    + "\", \"" + op.value() + "\", List.of(...)), as autogenerate writes), or change the columns with alterColumn");
        }
        return changeEnumColumns(op, op.schema(), op.existingValues(), op.valuesAfter());
    }

    /**
     * The undo of {@link #visitAddEnumValue} (what autogenerate writes in the downgrade where enums are column types):
     * the columns whose values are exactly the type's with the value lose it. SQLite: nothing (text).
     */
    @Override
    public List<SqlStatement> visitDropEnumValue(dev.retort.ops.DropEnumValue op) {
        if (dialect.supports(Feature.ENUM_TYPES)) throw unsupported(op, "not implemented for this engine");
        if (!dialect.supports(Feature.INLINE_ENUM)) return nothingHere(op, "its enum columns are text");
        return changeEnumColumns(op, op.schema(), op.existingValues(), op.valuesAfter());
    }

    /**
     * Online, the ENUM columns of the connection's schema whose values are exactly {@code from} get {@code to}, each
     * restated as its renderer does for a type change; those that have {@code to} already are left alone (a run again).
     */
    private List<SqlStatement> changeEnumColumns(Operation op, String schemaName, List<String> from, List<String> to) {
        java.sql.Connection c = context.writesScript() ? null : context.connection().orElse(null);
        if (c == null) {
            throw unsupported(op, "it has no named enum types, and a script cannot know which ENUM columns have the values "
                    + from + ": run this revision online, or write op.alterColumn(table, column, "
                    + "c -> c.type(enumOf(...)) ...) for each column where op.context().dialect() is \"" + dialect.name() + "\"");
        }
        dev.retort.schema.SchemaModel schema;
        try {
            schema = dialect.reflector().reflect(c, schemaName);
        } catch (java.sql.SQLException e) {
            throw new RetortException(dialect.displayName() + " cannot " + op.describe() + ": reading its columns failed: "
                    + e.getMessage(), e);
        }
        List<SqlStatement> out = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> done = new ArrayList<>();
        boolean adding = to.containsAll(from);
        for (Table t : schema.tables()) {
            for (Column col : t.columns()) {
                if (col.type().kind() != SqlType.Kind.ENUM) continue;
                List<String> values = col.type().enumValues();
                if (values.equals(from)) {
                    changed.add(t.name() + "." + col.name());
                    out.addAll(visitAlterColumn(dev.retort.ops.AlterColumn.builder(schemaName, t.name(), col.name())
                            .existing(col).type(SqlType.enumOf(null, to)).build()));
                } else if (adding ? values.containsAll(to) : values.equals(to)) {
                    // a run again after a downgrade that left the value (as PostgreSQL's does, and older revisions' did)
                    done.add(t.name() + "." + col.name());
                }
            }
        }
        if (!changed.isEmpty()) {
            LOG.info("{}: {}: changing ENUM column(s) {}", dialect.displayName(), op.describe(), String.join(", ", changed));
        } else if (!done.isEmpty()) {
            LOG.info("{}: nothing to {}: column(s) {} have {} already", dialect.displayName(), op.describe(),
                    String.join(", ", done), adding ? "it" : "the values " + to);
        } else {
            LOG.warn("{}: nothing to {}: no ENUM column has the values {}", dialect.displayName(), op.describe(), from);
        }
        return out;
    }

    /** An operation this engine has nothing to do for: a comment in a script, a log line online. */
    protected List<SqlStatement> nothingHere(Operation op, String why) {
        String text = op.describe() + ": nothing to do on " + dialect.displayName() + " (" + why + ")";
        if (context.writesScript()) return List.of(SqlStatement.note(text));
        LOG.info(text);
        return List.of();
    }

    // --- data

    @Override
    public List<SqlStatement> visitExecute(Execute op) {
        return List.of(new SqlStatement(op.sql(), bindable(op.params())));
    }

    /** {@code params} with each value as {@link #bindValue} binds it online; offline as they are. */
    protected final List<Object> bindable(List<Object> params) {
        // raw SQL of a SQL revision has none: once per statement of a run, so no copy then
        if (params.isEmpty() || context.connection().isEmpty()) return params;
        List<Object> out = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            try {
                out.add(bindValue(params.get(i)));
            } catch (RetortException e) {
                throw new RefusedParameter(e.getMessage(), i);
            }
        }
        return out;
    }

    /** A value {@link #bindValue} refuses, and where it is: "parameter n" of the statement, or its bulkInsert row. */
    private static final class RefusedParameter extends RetortException {
        final int index;

        RefusedParameter(String message, int index) {
            super(message + " (parameter " + (index + 1) + ")");
            this.index = index;
        }

        String refusal() {
            return getMessage().substring(0, getMessage().lastIndexOf(" (parameter "));
        }
    }

    /**
     * The value bound online in place of a value of {@code op.execute} or {@code op.bulkInsert}, so that an
     * online run stores what the offline script's literal of it stores. Offline the value itself is written
     * as a literal.
     * <p>
     * A finite {@code Float} is bound as its shortest decimal ({@link Float#toString}, what the offline literal
     * says and what the user wrote: 0.1 for {@code 0.1f}): bound as a float, a DOUBLE or NUMERIC column would get
     * its exact binary value, 0.10000000149011612. A REAL column reads that decimal back as the same float.
     * An enum is bound as its name, the offline literal: the drivers refuse it (pgjdbc, MariaDB's) or store the
     * serialised object (H2). A {@code Character} is bound as the one-character string its literal is.
     */
    protected Object bindValue(Object value) {
        if (value instanceof Float f && Float.isFinite(f)) return new java.math.BigDecimal(f.toString());
        if (value instanceof Enum<?> e) return e.name();
        if (value instanceof Character c) return c.toString(); // MariaDB's driver refuses a Character (t38-8)
        return value;
    }

    /**
     * Multi-row {@code INSERT ... VALUES (?, ?), (?, ?)} in chunks. Consecutive rows that name the same
     * columns share a statement; a column a row leaves out gets its server default.
     */
    @Override
    public List<SqlStatement> visitBulkInsert(BulkInsert op) {
        List<SqlStatement> out = new ArrayList<>();
        List<Map<String, Object>> rows = op.rows();
        int from = 0;
        while (from < rows.size()) {
            List<String> cols = List.copyOf(rows.get(from).keySet());
            if (cols.isEmpty()) throw unsupported(op, "row " + (from + 1) + " names no columns");
            int perStatement = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, MAX_PARAMS_PER_INSERT / cols.size()));
            int to = from;
            while (to < rows.size() && to - from < perStatement && rows.get(to).keySet().equals(rows.get(from).keySet())) to++;
            try {
                out.add(insert(op, cols, rows.subList(from, to)));
            } catch (RefusedParameter e) {
                throw new RetortException(e.refusal() + " (row " + (from + e.index / cols.size() + 1) + ", column "
                        + cols.get(e.index % cols.size()) + ")");
            }
            from = to;
        }
        return out;
    }

    protected SqlStatement insert(BulkInsert op, List<String> cols, List<Map<String, Object>> chunk) {
        String tuple = "(" + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")";
        List<Object> params = new ArrayList<>(chunk.size() * cols.size());
        for (Map<String, Object> row : chunk) for (String c : cols) params.add(row.get(c));
        return new SqlStatement("INSERT INTO " + table(op.schema(), op.table()) + " (" + columns(cols) + ") VALUES "
                + String.join(", ", java.util.Collections.nCopies(chunk.size(), tuple)), bindable(params));
    }
}

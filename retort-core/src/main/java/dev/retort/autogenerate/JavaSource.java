package dev.retort.autogenerate;

import dev.retort.ops.AddColumn;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.AlterIdentity;
import dev.retort.ops.AlterSequence;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.Change;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.CreateEnumType;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreatePrimaryKey;
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
import dev.retort.ops.OperationVisitor;
import dev.retort.ops.RenameTable;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.ValidateConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.TableOption;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Operations as Java statements of a revision's {@code upgrade}/{@code downgrade}, written with the
 * {@code Operations} API and the helpers of {@code Migration} ({@code column}, {@code INTEGER},
 * {@code string(n)}, ...), one statement per operation. Imports beyond {@code dev.retort.migration.*}
 * that a statement needs are collected in {@link #imports()}.
 */
final class JavaSource implements OperationVisitor<String> {
    private static final String INDENT = "        ";
    private static final String CONTINUATION = "        ";
    private final Set<String> imports = new TreeSet<>();

    Set<String> imports() {
        return imports;
    }

    // ------------------------------------------------------------------ values

    static String str(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\r\n|\r|\n");

    /**
     * Text as the lines of a {@code //} comment. A line break in it (CR too, which ends a line for javac) continues
     * the comment on the next line; and javac reads a backslash before {@code u} as a unicode escape even inside a
     * comment, where backslash-u000a would end the line and the rest would be code: such a backslash is doubled,
     * which javac leaves as it is (an enum label, a name or an expression in a note may hold one, t57-18).
     */
    static List<String> comment(String text) {
        List<String> out = new ArrayList<>();
        for (String line : LINE_BREAK.split(text == null ? "" : text, -1)) out.add("// " + noUnicodeEscapes(line));
        return out;
    }

    /** A backslash that would begin a unicode escape (one preceded by an even number of backslashes, before u) doubled. */
    static String noUnicodeEscapes(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length() + 8);
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'u' && run % 2 == 1) b.append('\\');
            b.append(c);
            run = c == '\\' ? run + 1 : 0;
        }
        return b.toString();
    }

    private static String strs(List<String> values) {
        return values.stream().map(JavaSource::str).collect(Collectors.joining(", "));
    }

    private static String table(String schema, String name) {
        return str(schema == null || schema.isEmpty() ? name : schema + "." + name);
    }

    /** A type as the Migration helpers write it. */
    static String type(SqlType t) {
        if (t == null) return "null";
        boolean plain = t.length() == null && t.precision() == null && t.scale() == null;
        return switch (t.kind()) {
            case BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, TEXT, DATE, BLOB, UUID, JSON, INTERVAL ->
                    plain ? t.kind().name() : full(t);
            case STRING -> t.length() == null ? "string()" : "string(" + t.length() + ")";
            case CHAR -> t.length() == null ? full(t) : "chars(" + t.length() + ")";
            case BINARY -> t.length() == null ? full(t) : "binary(" + t.length() + ")";
            case NUMERIC -> t.precision() == null ? (t.scale() == null ? "numeric()" : full(t))
                    : t.scale() == null || t.scale() == 0 ? "numeric(" + t.precision() + ")"
                    : "numeric(" + t.precision() + ", " + t.scale() + ")";
            case TIMESTAMP -> t.precision() != null ? fractional("timestamp", t)
                    : t.withTimeZone() ? "TIMESTAMPTZ" : "TIMESTAMP";
            case TIME -> t.precision() != null ? fractional("time", t) : t.withTimeZone() ? "time(true)" : "TIME";
            case ENUM -> "enumOf(" + str(t.enumName()) + (t.enumValues().isEmpty() ? "" : ", " + strs(t.enumValues())) + ")";
            case RAW -> "raw(" + str(t.raw()) + ")";
        };
    }

    /** {@code timestamp(tz, p)} / {@code time(tz, p)}, or the record when the type carries more than that. */
    private static String fractional(String helper, SqlType t) {
        return t.length() == null && t.scale() == null
                ? helper + "(" + t.withTimeZone() + ", " + t.precision() + ")" : full(t);
    }

    /** Types the helpers do not cover (a precision on a timestamp, ...) as the record itself. */
    private static String full(SqlType t) {
        return "new dev.retort.schema.SqlType(dev.retort.schema.SqlType.Kind." + t.kind() + ", " + t.length() + ", "
                + t.precision() + ", " + t.scale() + ", " + t.withTimeZone() + ", " + str(t.enumName()) + ", null, "
                + str(t.raw()) + ")";
    }

    private static String columnSpec(Column c) {
        StringBuilder b = new StringBuilder("column(").append(str(c.name())).append(", ").append(type(c.type())).append(')');
        if (!c.nullable()) b.append(".notNull()");
        if (c.identity() != null) {
            b.append(".identity(").append(longLiteral(c.identity().start())).append(", ")
                    .append(longLiteral(c.identity().increment())).append(')');
            // only what is not the default, so that a revision reads as the model does
            var o = c.identityOptions();
            if (o.minValue() != null) b.append(".identityMinValue(").append(longLiteral(o.minValue())).append(')');
            if (o.maxValue() != null) b.append(".identityMaxValue(").append(longLiteral(o.maxValue())).append(')');
            if (o.cache() != null) b.append(".identityCache(").append(longLiteral(o.cache())).append(')');
            if (o.cycle()) b.append(".identityCycle()");
        } else if (c.autoincrement()) {
            b.append(".autoincrement()");
        }
        if (c.serverDefault() != null) b.append(".serverDefault(").append(str(c.serverDefault())).append(')');
        if (c.onUpdate() != null) b.append(".serverOnUpdate(").append(str(c.onUpdate())).append(')');
        if (c.comment() != null) b.append(".comment(").append(str(c.comment())).append(')');
        if (c.collation() != null) b.append(".collation(").append(str(c.collation())).append(')');
        return b.toString();
    }

    private static String longLiteral(long v) {
        return v == (int) v ? Long.toString(v) : v + "L";
    }

    private static String foreignKeySpec(ForeignKey f) {
        StringBuilder b = new StringBuilder("foreignKey(").append(strs(f.columns())).append(").references(")
                .append(table(f.refSchema(), f.refTable()));
        if (!f.refColumns().isEmpty()) b.append(", ").append(strs(f.refColumns()));
        b.append(')');
        if (f.name() != null) b.append(".named(").append(str(f.name())).append(')');
        if (f.onDelete() != null) b.append(".onDelete(").append(str(f.onDelete())).append(')');
        if (f.onUpdate() != null) b.append(".onUpdate(").append(str(f.onUpdate())).append(')');
        switch (f.deferral()) {
            case NOT_DEFERRABLE -> { }
            case INITIALLY_IMMEDIATE -> b.append(".deferrable()");
            case INITIALLY_DEFERRED -> b.append(".initiallyDeferred()");
        }
        return b.toString();
    }

    /** The chain after {@code index(name)} / inside {@code i -> i...}: columns, expressions, unique, where. */
    private static String indexChain(Index ix) {
        StringBuilder b = new StringBuilder();
        List<String> run = new ArrayList<>();
        for (IndexElement e : ix.elements()) {
            if (e.isExpression()) {
                if (!run.isEmpty()) b.append(".columns(").append(strs(run)).append(')');
                run.clear();
                b.append(".expression(").append(str(e.expression())).append(')');
            } else {
                run.add(e.column());
            }
        }
        if (!run.isEmpty()) b.append(".columns(").append(strs(run)).append(')');
        if (ix.unique()) b.append(".unique()");
        if (ix.where() != null) b.append(".where(").append(str(ix.where())).append(')');
        if (ix.using() != null) b.append(".using(").append(str(ix.using())).append(')');
        return b.toString();
    }

    // ------------------------------------------------------------------ operations

    @Override
    public String visitCreateTable(CreateTable op) {
        Table t = op.table();
        List<String> elements = new ArrayList<>();
        for (Column c : t.columns()) elements.add(columnSpec(c));
        if (t.primaryKey() != null) {
            elements.add("primaryKey(" + strs(t.primaryKey().columns()) + ")"
                    + (t.primaryKey().name() != null ? ".named(" + str(t.primaryKey().name()) + ")" : ""));
        }
        for (UniqueConstraint u : t.uniqueConstraints()) {
            elements.add("unique(" + strs(u.columns()) + ")" + (u.name() != null ? ".named(" + str(u.name()) + ")" : ""));
        }
        for (CheckConstraint ck : t.checkConstraints()) {
            elements.add("check(" + str(ck.expression()) + ")" + (ck.name() != null ? ".named(" + str(ck.name()) + ")" : ""));
        }
        for (ForeignKey f : t.foreignKeys()) elements.add(foreignKeySpec(f));
        for (Index ix : t.indexes()) elements.add("index(" + str(ix.name()) + ")" + indexChain(ix));
        if (t.comment() != null) elements.add("tableComment(" + str(t.comment()) + ")");
        if (t.collation() != null) elements.add("tableCollation(" + str(t.collation()) + ")");
        for (TableOption o : t.options()) {
            elements.add(switch (o) {
                case SQLITE_WITHOUT_ROWID -> "sqliteWithoutRowid()";
                case SQLITE_STRICT -> "sqliteStrict()";
            });
        }
        StringBuilder b = new StringBuilder("op.createTable(").append(table(t.schema(), t.name()));
        for (String e : elements) b.append(",\n").append(CONTINUATION).append(e);
        return b.append(");").toString();
    }

    @Override
    public String visitDropTable(DropTable op) {
        return "op.dropTable(" + table(op.schema(), op.name()) + ");";
    }

    @Override
    public String visitRenameTable(RenameTable op) {
        return "op.renameTable(" + table(op.schema(), op.name()) + ", " + str(op.newName()) + ");";
    }

    @Override
    public String visitAddColumn(AddColumn op) {
        return "op.addColumn(" + table(op.schema(), op.table()) + ", " + columnSpec(op.column()) + ");";
    }

    @Override
    public String visitDropColumn(DropColumn op) {
        return "op.dropColumn(" + table(op.schema(), op.table()) + ", " + str(op.column()) + ");";
    }

    @Override
    public String visitAlterColumn(AlterColumn op) {
        String target = table(op.schema(), op.table());
        if (op.isRenameOnly()) {
            return "op.renameColumn(" + target + ", " + str(op.column()) + ", " + str(op.newName()) + ");";
        }
        StringBuilder b = new StringBuilder("a -> a");
        if (op.type() != null) b.append(".type(").append(type(op.type())).append(')');
        if (op.using() != null) b.append(".using(").append(str(op.using())).append(')');
        if (op.nullable() != null) b.append(".nullable(").append(op.nullable()).append(')');
        if (op.serverDefault() != null) {
            b.append(op.serverDefault().isRemoval() ? ".dropServerDefault()" : ".serverDefault(" + str(op.serverDefault().value()) + ")");
        }
        if (op.onUpdate() != null) {
            b.append(op.onUpdate().isRemoval() ? ".dropServerOnUpdate()" : ".serverOnUpdate(" + str(op.onUpdate().value()) + ")");
        }
        if (op.comment() != null) b.append(".comment(").append(str(op.comment().value())).append(')');
        if (op.newName() != null) b.append(".newName(").append(str(op.newName())).append(')');
        // the existing state: MariaDB restates whole columns, and it makes the step reversible
        StringBuilder existing = new StringBuilder();
        if (op.existingType() != null) existing.append(".existingType(").append(type(op.existingType())).append(')');
        if (op.existingNullable() != null) existing.append(".existingNullable(").append(op.existingNullable()).append(')');
        if (op.existingServerDefault() != null) {
            existing.append(".existingServerDefault(").append(str(op.existingServerDefault().value())).append(')');
        }
        if (op.existingComment() != null) existing.append(".existingComment(").append(str(op.existingComment().value())).append(')');
        // unknown counts as no: only a column that has it says so
        if (Boolean.TRUE.equals(op.existingAutoincrement())) existing.append(".existingAutoincrement(true)");
        if (op.existingOnUpdate() != null) existing.append(".existingOnUpdate(").append(str(op.existingOnUpdate().value())).append(')');
        if (op.existingCollation() != null) existing.append(".existingCollation(").append(str(op.existingCollation().value())).append(')');
        String lambda = b.toString();
        if (existing.length() > 0) lambda += "\n" + CONTINUATION + "  " + existing;
        return "op.alterColumn(" + target + ", " + str(op.column()) + ", " + lambda + ");";
    }

    @Override
    public String visitCreateIndex(CreateIndex op) {
        Index ix = op.index();
        String target = table(op.schema(), op.table());
        boolean simple = ix.where() == null && ix.using() == null && !op.concurrently()
                && ix.elements().stream().noneMatch(IndexElement::isExpression);
        if (simple) {
            List<String> cols = ix.elements().stream().map(IndexElement::column).toList();
            return (ix.unique() ? "op.createUniqueIndex(" : "op.createIndex(") + str(ix.name()) + ", " + target + ", "
                    + strs(cols) + ");";
        }
        return "op.createIndex(" + str(ix.name()) + ", " + target + ", i -> i" + indexChain(ix)
                + (op.concurrently() ? ".concurrently()" : "") + ");";
    }

    @Override
    public String visitDropIndex(DropIndex op) {
        return op.table() == null ? "op.dropIndex(" + str(op.name()) + ");"
                : "op.dropIndex(" + str(op.name()) + ", " + table(op.schema(), op.table()) + ");";
    }

    @Override
    public String visitCreatePrimaryKey(CreatePrimaryKey op) {
        return "op.createPrimaryKey(" + str(op.primaryKey().name()) + ", " + table(op.schema(), op.table()) + ", "
                + strs(op.primaryKey().columns()) + ");";
    }

    @Override
    public String visitCreateUniqueConstraint(CreateUniqueConstraint op) {
        return "op.createUniqueConstraint(" + str(op.constraint().name()) + ", " + table(op.schema(), op.table()) + ", "
                + strs(op.constraint().columns()) + ");";
    }

    @Override
    public String visitCreateCheckConstraint(CreateCheckConstraint op) {
        String condition = str(op.constraint().expression());
        return "op.createCheckConstraint(" + str(op.constraint().name()) + ", " + table(op.schema(), op.table()) + ", "
                + (op.constraint().notValid() ? "check(" + condition + ").notValid()" : condition) + ");";
    }

    @Override
    public String visitCreateForeignKey(CreateForeignKey op) {
        ForeignKey f = op.foreignKey();
        ForeignKey unnamed = f.withName(null);
        // NOT VALID only here: createTable makes its keys valid (a new table has no rows to leave unchecked)
        return "op.createForeignKey(" + str(f.name()) + ", " + table(op.schema(), op.table()) + ", "
                + foreignKeySpec(unnamed) + (f.notValid() ? ".notValid()" : "") + ");";
    }

    @Override
    public String visitDropConstraint(DropConstraint op) {
        if (op.byDefinition()) {
            // found by its definition (SQLite's unnamed constraints), which also makes it reversible
            String table = table(op.schema(), op.table());
            if (op.dropped() instanceof ForeignKey f) return "op.dropForeignKey(" + table + ", " + foreignKeySpec(f) + ");";
            if (op.dropped() instanceof UniqueConstraint u) return "op.dropConstraint(" + table + ", unique(" + strs(u.columns()) + "));";
            if (op.dropped() instanceof CheckConstraint ck) return "op.dropConstraint(" + table + ", check(" + str(ck.expression()) + "));";
        }
        imports.add("dev.retort.ops.ConstraintType");
        return "op.dropConstraint(" + str(op.name()) + ", " + table(op.schema(), op.table())
                + (op.type() == null ? "" : ", ConstraintType." + op.type().name()) + ");";
    }

    @Override
    public String visitValidateConstraint(ValidateConstraint op) {
        return "op.validateConstraint(" + table(op.schema(), op.table()) + ", " + str(op.name()) + ");";
    }

    @Override
    public String visitCreateSequence(CreateSequence op) {
        var s = op.sequence();
        String name = table(s.schema(), s.name());
        var o = s.options();
        if (o.isDefault()) {
            if (s.start() == null && s.increment() == null) return "op.createSequence(" + name + ");";
            return "op.createSequence(" + name + ", " + (s.start() == null ? 1 : s.start()) + "L, "
                    + (s.increment() == null ? 1 : s.increment()) + "L);";
        }
        // with options: each one that is not the engine's default, in the order CREATE SEQUENCE has them
        StringBuilder b = new StringBuilder("op.createSequence(").append(name).append(", s -> s");
        if (o.type() != null) b.append(".type(").append(type(o.type())).append(')');
        if (s.start() != null) b.append(".start(").append(longLiteral(s.start())).append(')');
        if (s.increment() != null) b.append(".increment(").append(longLiteral(s.increment())).append(')');
        if (o.minValue() != null) b.append(".minValue(").append(longLiteral(o.minValue())).append(')');
        if (o.maxValue() != null) b.append(".maxValue(").append(longLiteral(o.maxValue())).append(')');
        if (o.cache() != null) b.append(".cache(").append(longLiteral(o.cache())).append(')');
        if (o.cycle()) b.append(".cycle()");
        return b.append(");").toString();
    }

    @Override
    public String visitAlterSequence(AlterSequence op) {
        return "op.alterSequence(" + table(op.schema(), op.name()) + ", "
                + numbering("s", op.start(), op.increment(), op.existingStart(), op.existingIncrement())
                + sequenceChange(op.options(), op.existingOptions(), "type") + ");";
    }

    @Override
    public String visitAlterIdentity(AlterIdentity op) {
        return "op.alterIdentity(" + table(op.schema(), op.table()) + ", " + str(op.column()) + ", "
                + numbering("n", op.start(), op.increment(), op.existingStart(), op.existingIncrement())
                + sequenceChange(op.options(), op.existingOptions(), "sequenceType") + ");";
    }

    /** The builder calls of a sequence option change and then of what it was: {@code .maxValue(1000).existingMaxValue(null)}. */
    private static String sequenceChange(dev.retort.ops.SequenceChange c, dev.retort.ops.SequenceChange existing, String type) {
        StringBuilder b = new StringBuilder();
        if (c.type() != null) b.append('.').append(type).append('(').append(type(c.type())).append(')');
        if (c.minValue() != null) b.append(c.minValue().isRemoval() ? ".noMinValue()" : ".minValue(" + longLiteral(c.minValue().value()) + ")");
        if (c.maxValue() != null) b.append(c.maxValue().isRemoval() ? ".noMaxValue()" : ".maxValue(" + longLiteral(c.maxValue().value()) + ")");
        if (c.cache() != null) b.append(c.cache().isRemoval() ? ".defaultCache()" : ".cache(" + longLiteral(c.cache().value()) + ")");
        if (c.cycle() != null) b.append(".cycle(").append(c.cycle()).append(')');
        String existingType = "existing" + Character.toUpperCase(type.charAt(0)) + type.substring(1);
        if (existing.type() != null) b.append('.').append(existingType).append('(').append(type(existing.type())).append(')');
        if (existing.minValue() != null) b.append(".existingMinValue(").append(nullableLong(existing.minValue().value())).append(')');
        if (existing.maxValue() != null) b.append(".existingMaxValue(").append(nullableLong(existing.maxValue().value())).append(')');
        if (existing.cache() != null) b.append(".existingCache(").append(nullableLong(existing.cache().value())).append(')');
        if (existing.cycle() != null) b.append(".existingCycle(").append(existing.cycle()).append(')');
        return b.toString();
    }

    /** A Long argument: null, or the value ({@code 5L}: a Long parameter takes no int literal). */
    private static String nullableLong(Long v) {
        return v == null ? "null" : v + "L";
    }

    /** The lambda that sets a numbering's changes and what they were: {@code s -> s.increment(10).existingIncrement(5)}. */
    private static String numbering(String var, Long start, Long increment, Long existingStart, Long existingIncrement) {
        StringBuilder b = new StringBuilder(var).append(" -> ").append(var);
        if (increment != null) b.append(".increment(").append(increment).append(')');
        if (start != null) b.append(".start(").append(start).append(')');
        if (existingIncrement != null) b.append(".existingIncrement(").append(existingIncrement).append(')');
        if (existingStart != null) b.append(".existingStart(").append(existingStart).append(')');
        return b.toString();
    }

    @Override
    public String visitDropSequence(DropSequence op) {
        return "op.dropSequence(" + table(op.schema(), op.name()) + ");";
    }

    @Override
    public String visitCreateEnumType(CreateEnumType op) {
        return "op.createEnumType(" + table(op.enumType().schema(), op.enumType().name())
                + (op.enumType().values().isEmpty() ? "" : ", " + strs(op.enumType().values())) + ");";
    }

    @Override
    public String visitDropEnumType(DropEnumType op) {
        return "op.dropEnumType(" + table(op.schema(), op.name()) + ");";
    }

    @Override
    public String visitAddEnumValue(AddEnumValue op) {
        String existing = "";
        if (op.existingValues() != null) {
            imports.add("java.util.List");
            existing = ", List.of(" + strs(op.existingValues()) + ")";
        }
        if (op.before() != null || op.after() != null) {
            imports.add("dev.retort.ops.AddEnumValue");
            return "op.invoke(new AddEnumValue(" + str(op.schema()) + ", " + str(op.typeName()) + ", " + str(op.value()) + ", "
                    + str(op.before()) + ", " + str(op.after()) + ", " + op.ifNotExists() + existing + "));";
        }
        return (op.ifNotExists() ? "op.addEnumValueIfNotExists(" : "op.addEnumValue(") + table(op.schema(), op.typeName())
                + ", " + str(op.value()) + existing + ");";
    }

    @Override
    public String visitDropEnumValue(dev.retort.ops.DropEnumValue op) {
        imports.add("dev.retort.ops.DropEnumValue");
        imports.add("java.util.List");
        return "op.invoke(new DropEnumValue(" + str(op.schema()) + ", " + str(op.typeName()) + ", " + str(op.value())
                + ", List.of(" + strs(op.existingValues()) + ")));";
    }

    @Override
    public String visitSetTableComment(SetTableComment op) {
        String target = table(op.schema(), op.table());
        return op.comment() == null ? "op.dropTableComment(" + target + ");"
                : "op.setTableComment(" + target + ", " + str(op.comment()) + ");";
    }

    @Override
    public String visitExecute(Execute op) {
        if (op.params().isEmpty()) return "op.execute(" + str(op.sql()) + ");";
        return "op.execute(" + str(op.sql()) + ", " + op.params().stream().map(p -> p instanceof String s ? str(s) : String.valueOf(p))
                .collect(Collectors.joining(", ")) + ");";
    }

    @Override
    public String visitBulkInsert(BulkInsert op) {
        return String.join("\n", comment("bulk insert into " + op.table() + " is not rendered by autogenerate"));
    }

    // ------------------------------------------------------------------ long bodies

    /**
     * Bounds of one method's statements. The JVM allows 64 KB of bytecode per method; a statement compiles to
     * less bytecode than its source has characters (a long string literal is one constant), so a part of at
     * most {@value #PART_CHARS} characters and {@value #PART_STATEMENTS} statements stays far below it.
     */
    static final int PART_STATEMENTS = 100;
    static final int PART_CHARS = 20_000;

    /**
     * The statements of a body in consecutive parts, each within the bounds (a single statement longer than
     * the character bound is a part of its own); one part when the whole body is within them.
     */
    static List<List<String>> parts(List<String> statements) {
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        int chars = 0;
        for (String st : statements) {
            if (!part.isEmpty() && (part.size() >= PART_STATEMENTS || chars + st.length() > PART_CHARS)) {
                parts.add(part);
                part = new ArrayList<>();
                chars = 0;
            }
            part.add(st);
            chars += st.length();
        }
        if (!part.isEmpty() || parts.isEmpty()) parts.add(part);
        return parts;
    }

    /**
     * A body too long for one method: {@code method} calls {@code methodPart1(op)}, {@code methodPart2(op)}, ...
     * in order, and the text goes on to declare those helpers, the last one left open for the template's closing
     * brace of {@code method}. Null when the body fits one method, which is then written as it always was.
     *
     * @param header the lines (already indented) opening the generated block, {@code footer} those closing it
     */
    static String splitBody(String method, List<String> statements, String header, String footer) {
        List<List<String>> parts = parts(statements);
        if (parts.size() <= 1) return null;
        StringBuilder b = new StringBuilder(header);
        for (int i = 1; i <= parts.size(); i++) b.append(INDENT).append(method).append("Part").append(i).append("(op);\n");
        b.append(footer);
        for (int i = 1; i <= parts.size(); i++) {
            b.append("    }\n\n    private void ").append(method).append("Part").append(i).append("(Operations op) {\n");
            for (String st : parts.get(i - 1)) b.append(indent(st)).append('\n');
        }
        return b.toString();
    }

    /** Indents a (possibly multi-line) statement for a method body. */
    static String indent(String statement) {
        return INDENT + statement.replace("\n", "\n" + INDENT);
    }

    @SuppressWarnings("unused")
    private static String change(Change<String> c) {
        return c == null ? "null" : str(c.value());
    }
}

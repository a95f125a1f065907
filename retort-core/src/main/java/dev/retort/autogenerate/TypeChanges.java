package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Entry;
import dev.retort.dialect.Dialect;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.Operation;
import dev.retort.schema.Column;
import dev.retort.schema.SqlType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * A column's type change as the engine needs it written: the type as the engine spells it, PostgreSQL's USING cast
 * (and the reverse's), large objects read or made, and the notes on conversions that can fail.
 */
final class TypeChanges {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaComparator.class);
    private static final Set<SqlType.Kind> STRINGS = Set.of(SqlType.Kind.STRING, SqlType.Kind.TEXT, SqlType.Kind.CHAR);
    private static final Set<SqlType.Kind> NUMBERS = Set.of(SqlType.Kind.SMALLINT, SqlType.Kind.INTEGER, SqlType.Kind.BIGINT,
            SqlType.Kind.NUMERIC, SqlType.Kind.REAL, SqlType.Kind.DOUBLE);

    private final ComparisonRules rules;
    private final Dialect dialect;

    TypeChanges(ComparisonRules rules, Dialect dialect) {
        this.rules = rules;
        this.dialect = dialect;
    }

    /** A type as the engine spells it in DDL, for log lines; the Java spelling only where the engine has none. */
    String typeText(dev.retort.schema.SqlType type) {
        try {
            return dialect.typeSql(type);
        } catch (RuntimeException noSpelling) {
            return JavaSource.type(type);
        }
    }

    /**
     * PostgreSQL converts only some types by itself; an explicit cast converts the rest, where PostgreSQL has one.
     * It has none between two enum types, nor between an enum and anything but text: such a value goes through its
     * text ({@code m::text::feeling}). Of the integers only {@code integer} casts to and from boolean: another number
     * is a boolean by {@code <> 0}, and a boolean becomes one through {@code integer} ({@code flag::integer::smallint}).
     */
    String usingCast(String column, dev.retort.schema.SqlType from, dev.retort.schema.SqlType to) {
        String type;
        try {
            type = dialect.typeSql(to);
        } catch (RuntimeException noSpelling) {
            return null;
        }
        String col = dialect.quote(column);
        String arrayCast = arrayUsingCast(col, from, to, type);
        if (arrayCast != null) return arrayCast;
        SqlType.Kind f = portableKind(from);
        SqlType.Kind t = portableKind(to);
        if ((f == SqlType.Kind.ENUM || t == SqlType.Kind.ENUM) && !STRINGS.contains(f) && !STRINGS.contains(t)) {
            return col + "::text::" + type;
        }
        if (t == SqlType.Kind.BOOLEAN && NUMBERS.contains(f) && f != SqlType.Kind.INTEGER) return col + " <> 0";
        if (f == SqlType.Kind.BOOLEAN && NUMBERS.contains(t) && t != SqlType.Kind.INTEGER) return col + "::integer::" + type;
        return col + "::" + type;
    }

    /**
     * An array converts element by element with the elements' cast, so the same rule holds for the elements (t59-5):
     * an enum or other user type meets another element type through text ({@code moods::text[]::feeling[]}),
     * and a boolean meets a number other than integer through integer ({@code flags::integer[]::boolean[]} and
     * back {@code flags::integer[]::smallint[]}; a subquery such as {@code ARRAY(SELECT x <> 0 FROM unnest(..))}
     * is refused in USING). Null when either side is not an array.
     */
    private String arrayUsingCast(String col, SqlType from, SqlType to, String type) {
        String a = arrayElement(from);
        String b = arrayElement(to);
        if (a == null || b == null) return null;
        SqlType.Kind f = rules.fromAlias(a).kind();
        SqlType.Kind t = rules.fromAlias(b).kind();
        boolean userType = f == SqlType.Kind.RAW || t == SqlType.Kind.RAW || f == SqlType.Kind.ENUM || t == SqlType.Kind.ENUM;
        if (userType && !STRINGS.contains(f) && !STRINGS.contains(t) && !a.equalsIgnoreCase(b)) return col + "::text[]::" + type;
        if (t == SqlType.Kind.BOOLEAN && NUMBERS.contains(f) && f != SqlType.Kind.INTEGER
                || f == SqlType.Kind.BOOLEAN && NUMBERS.contains(t) && t != SqlType.Kind.INTEGER) {
            return col + "::integer[]::" + type;
        }
        return col + "::" + type;
    }

    /**
     * The element type of a PostgreSQL array type as written ({@code mood} of {@code mood[]}), else null; of an array of
     * arrays, the array one level down ({@code mood[]} of {@code mood[][]}).
     */
    private static String arrayElement(SqlType type) {
        if (type.kind() != SqlType.Kind.RAW) return null;
        PgArrayType array = PgArrayType.of(type.raw());
        return array.dims() == 0 ? null : array.element() + "[]".repeat(array.dims() - 1);
    }

    private SqlType.Kind portableKind(SqlType type) {
        return type.kind() == SqlType.Kind.RAW ? rules.fromAlias(type.raw()).kind() : type.kind();
    }

    /** The note of a column's type change, if it has one ({@link #byLabelNote}, {@link #lossyNarrowingNote}). */
    String retypeNote(String table, Column d, Column m) {
        String byLabel = byLabelNote(table, d, m);
        return byLabel != null ? byLabel : lossyNarrowingNote(table, d, m);
    }

    /**
     * t69-3: fewer decimal places, or fewer fractional seconds, round (MariaDB: cut) every stored value, which the
     * engines do without an error (MariaDB only notes 'Data truncated'), and the downgrade cannot bring back: a
     * warning and a note say so. SQLite keeps the values as they are.
     */
    String lossyNarrowingNote(String table, Column d, Column m) {
        if (dialect.name().equals("sqlite") || d.type().kind() != m.type().kind()) return null;
        SqlType.Kind kind = d.type().kind();
        Integer from;
        Integer to;
        String what;
        String example;
        if (kind == SqlType.Kind.NUMERIC) {
            from = scale(d.type());
            to = scale(m.type());
            what = "decimal places";
            example = "0.99 may become 1.0";
        } else if (kind == SqlType.Kind.TIMESTAMP || kind == SqlType.Kind.TIME) {
            from = d.type().precision();
            to = m.type().precision();
            what = "fractional digits of a second";
            example = "12:00:00.7 may become 12:00:00";
        } else {
            return null;
        }
        if (from == null || to == null || to >= from) return null;
        String fromText = typeText(d.type());
        String toText = typeText(m.type());
        LOG.warn("Column '{}.{}' changes from {} to {}: every stored value is rounded or cut to {} {}, which the downgrade"
                + " cannot bring back", table, m.name(), fromText, toText, to, what);
        return "Column " + table + "." + m.name() + " changes from " + fromText + " to " + toText + ": the database rounds or"
                + " cuts every stored value to " + to + " " + what + " (" + example + "),\nwithout an error, and the"
                + " downgrade gives the type back, not the digits. Where they matter, keep a copy of the values first.";
    }

    /** A NUMERIC's scale, 0 where only its precision is given; null where neither is. */
    private static Integer scale(SqlType type) {
        return type.scale() != null ? type.scale() : type.precision() != null ? Integer.valueOf(0) : null;
    }

    /**
     * A PostgreSQL type change between an enum and a type that is neither text nor an enum converts each value by its
     * text, which works only where the values are the labels ('1' for 1): the revision says so where the USING is.
     */
    String byLabelNote(String table, Column d, Column m) {
        if (!rules.postgres()) return null;
        String fromElement = arrayElement(d.type());
        String toElement = arrayElement(m.type());
        if (fromElement != null && toElement != null) return arrayNote(table, d, m, fromElement, toElement);
        SqlType.Kind f = portableKind(d.type());
        SqlType.Kind t = portableKind(m.type());
        boolean fromEnum = f == SqlType.Kind.ENUM;
        if (fromEnum == (t == SqlType.Kind.ENUM)) return null;
        if (STRINGS.contains(fromEnum ? t : f)) return null;
        String from = typeText(d.type());
        String to = typeText(m.type());
        LOG.warn("Column '{}.{}' changes from {} to {}: PostgreSQL has no cast between the two, so the revision converts each"
                + " value by its text, which fails on a value that is not {}; check the USING", table, m.name(), from, to,
                fromEnum ? "a " + to : "a label of " + to);
        return "Column " + table + "." + m.name() + " changes from " + from + " to " + to + ", between which PostgreSQL has no"
                + " cast: USING converts each value by its text,\nwhich fails on a value that is not "
                + (fromEnum ? "a " + to : "a label of " + to) + " (and the downgrade likewise). Where the values"
                + " are mapped otherwise, write the USING as a CASE.";
    }

    /**
     * f2-4: the warnings of {@link #byLabelNote} for an array's elements, as {@link #arrayUsingCast} converts them:
     * between an enum (or other user type) and a number or other non-string type by each element's text, which
     * fails on an element that is not a label of the enum (or not a number); from numeric, real or double precision
     * to boolean through integer, which rounds each element first (0.4 is false, where {@code <> 0} made it true).
     */
    private String arrayNote(String table, Column d, Column m, String fromElement, String toElement) {
        SqlType.Kind f = rules.fromAlias(fromElement).kind();
        SqlType.Kind t = rules.fromAlias(toElement).kind();
        boolean fromUser = f == SqlType.Kind.RAW || f == SqlType.Kind.ENUM;
        boolean toUser = t == SqlType.Kind.RAW || t == SqlType.Kind.ENUM;
        String from = typeText(d.type());
        String to = typeText(m.type());
        if (fromUser != toUser && !STRINGS.contains(fromUser ? t : f)) {
            String wanted = toUser ? "a label of " + toElement : "a " + toElement;
            LOG.warn("Column '{}.{}' changes from {} to {}: PostgreSQL has no cast between their elements, so the revision"
                    + " converts each element by its text, which fails on one that is not {}; check the USING", table, m.name(),
                    from, to, wanted);
            return "Column " + table + "." + m.name() + " changes from " + from + " to " + to + ", between whose elements"
                    + " PostgreSQL has no cast: USING converts each element by its text,\nwhich fails on one that is not "
                    + wanted + " (and the downgrade likewise). Where the values are mapped otherwise, map them by hand"
                    + " (USING takes no subquery over the elements).";
        }
        if (t == SqlType.Kind.BOOLEAN && (f == SqlType.Kind.NUMERIC || f == SqlType.Kind.REAL || f == SqlType.Kind.DOUBLE)) {
            LOG.warn("Column '{}.{}' changes from {} to {}: the revision converts each element through integer, which rounds it"
                    + " (0.4 becomes false, 0.6 true); check the USING", table, m.name(), from, to);
            return "Column " + table + "." + m.name() + " changes from " + from + " to " + to + ": USING converts each element"
                    + " through integer[], which rounds it first,\nso 0.4 becomes false and 0.6 true (where a single value's"
                    + " <> 0 makes both true). Where that matters, map the values by hand.";
        }
        return null;
    }

    /**
     * A PostgreSQL large-object column (oid, Hibernate's @Lob) that the model makes text or bytes, or a text or
     * bytes column that the model makes a large-object column (a JPA model's @Lob, t40-1).
     */
    boolean largeObjects(Column d, Column m) {
        if (!rules.postgres()) return false;
        return isOid(d) && holdsContent(m) || isOid(m) && holdsContent(d);
    }

    private static boolean isOid(Column c) {
        return c.type().kind() == dev.retort.schema.SqlType.Kind.RAW && c.type().raw().strip().equalsIgnoreCase("oid");
    }

    private static boolean holdsContent(Column c) {
        return switch (c.type().kind()) {
            case TEXT, STRING, CHAR, BLOB, BINARY -> true;
            default -> false;
        };
    }

    private static boolean isBytes(Column c) {
        return c.type().kind() == dev.retort.schema.SqlType.Kind.BLOB || c.type().kind() == dev.retort.schema.SqlType.Kind.BINARY;
    }

    /**
     * The type change reads each large object's content (a cast would keep its number: the text column would
     * hold "173941"), or makes a large object of each value; the reverse does the opposite. Large objects
     * left behind stay in pg_largeobject until unlinked, which the note says.
     */
    Entry fromLargeObjects(AlterColumn.Builder b, Column d, Column m, String table) {
        String col = dialect.quote(m.name());
        boolean toOid = isOid(m);
        boolean bytes = isBytes(toOid ? d : m);
        String read = bytes ? "lo_get(" + col + ")" : "convert_from(lo_get(" + col + "), 'UTF8')";
        String make = bytes ? "lo_from_bytea(0, " + col + ")" : "lo_from_bytea(0, convert_to(" + col + ", 'UTF8'))";
        b.using(toOid ? make : read);
        AlterColumn alter = b.build();
        AlterColumn r = (AlterColumn) alter.reverse().orElseThrow();
        Operation back = r.withUsing(toOid ? read : make);
        if (toOid) {
            LOG.warn("Column '{}.{}' becomes a PostgreSQL large-object column (oid, Hibernate's @Lob): the revision makes a large"
                    + " object of each value with lo_from_bytea", table, m.name());
            return new Entry(alter, "Column " + m.name() + " becomes a large-object column (oid), as Hibernate maps @Lob:"
                    + " lo_from_bytea makes a large object of each value. Its downgrade reads them back; the large objects"
                    + "\nthen stay in pg_largeobject until removed (for example with vacuumlo).", back);
        }
        LOG.warn("Column '{}.{}' holds PostgreSQL large objects (oid): the revision reads their content with lo_get;"
                + " the large objects themselves stay until unlinked", table, m.name());
        return new Entry(alter, "Column " + m.name() + " held large objects (oid): lo_get reads their content. The large"
                + " objects stay in pg_largeobject; once this revision is applied and checked, remove them\n"
                + "(for example with vacuumlo, or lo_unlink of each former oid). A Hibernate application maps such a column"
                + " with @Lob: it cannot write a text or bytea column.", back);
    }

    Operation reverseWithUsing(AlterColumn alter, Column before, Column after) {
        AlterColumn r = (AlterColumn) alter.reverse().orElseThrow();
        return r.withUsing(usingCast(r.column(), after.type(), before.type()));
    }
}

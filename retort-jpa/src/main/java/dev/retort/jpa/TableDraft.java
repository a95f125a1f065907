package dev.retort.jpa;

import dev.retort.RetortException;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A table being assembled from entity attributes; a column mapped twice is merged or refused. */
final class TableDraft {
    /** One column as an attribute maps it: where from, and whether that mapping writes it. */
    record Piece(Column column, String origin, Class<?> owner, boolean readOnly) {
    }

    final String name;
    final String origin;
    private final Map<String, Piece> columns = new LinkedHashMap<>();
    private List<String> primaryKey = List.of();
    private final List<ForeignKey> foreignKeys = new ArrayList<>();
    private final List<UniqueConstraint> uniques = new ArrayList<>();
    private final List<CheckConstraint> checks = new ArrayList<>();
    private final List<Index> indexes = new ArrayList<>();
    private String comment;
    /** Key columns whose columnDefinition is not the type Hibernate orders a composite key by: that type, by column. */
    private final Map<String, SqlType> orderedAs = new java.util.HashMap<>();

    /** @param origin what maps the table (an entity class, or {@code Class.attribute} for a join table), for messages */
    TableDraft(String name, String origin) {
        this.name = name;
        this.origin = origin;
    }

    void add(Piece p) {
        String key = p.column().name().toLowerCase(Locale.ROOT);
        Piece existing = columns.get(key);
        if (existing == null) {
            columns.put(key, p);
        } else if (p.readOnly()) {
            // insertable = false, updatable = false: a second view of a column mapped elsewhere
        } else if (existing.readOnly()) {
            columns.put(key, p);
        } else if (existing.owner() != p.owner() && existing.column().type().equals(p.column().type())) {
            // sibling subclasses of a single-table hierarchy sharing a column
            if (p.column().nullable()) columns.put(key, new Piece(existing.column().withNullable(true), existing.origin(),
                    existing.owner(), false));
        } else {
            throw new RetortException("JPA mapping: column '" + p.column().name() + "' of table '" + name + "' is mapped twice, by "
                    + existing.origin() + " and by " + p.origin() + " (rename one with @Column or @AttributeOverride, or make "
                    + "one read-only with insertable = false, updatable = false)");
        }
    }

    void addAll(Part part) {
        part.pieces.forEach(this::add);
        part.foreignKeys.forEach(this::foreignKey);
        part.uniques.forEach(this::unique);
        checks.addAll(part.checks);
    }

    boolean has(String column) {
        return columns.containsKey(column.toLowerCase(Locale.ROOT));
    }

    /** The column's type as finally mapped; null when the table has no such column. */
    SqlType typeOf(String column) {
        Piece p = columns.get(column.toLowerCase(Locale.ROOT));
        return p == null ? null : p.column().type();
    }

    /**
     * Hibernate orders a composite key by the column's Java-side type, whatever a columnDefinition declares: a join
     * column by the referenced key's type, an order column as an integer.
     */
    void orderedAs(String column, SqlType type) {
        orderedAs.put(column.toLowerCase(Locale.ROOT), type);
    }

    /** The type a key column is ordered by ({@link KeyOrder}). */
    SqlType keyTypeOf(String column) {
        SqlType t = orderedAs.get(column.toLowerCase(Locale.ROOT));
        return t != null ? t : typeOf(column);
    }

    void retype(String column, SqlType type) {
        Piece p = columns.get(column.toLowerCase(Locale.ROOT));
        if (p != null) columns.put(column.toLowerCase(Locale.ROOT), new Piece(p.column().withType(type), p.origin(), p.owner(), p.readOnly()));
    }

    /** The column's name as the table spells it. */
    String spelling(String column) {
        Piece p = columns.get(column.toLowerCase(Locale.ROOT));
        return p == null ? column : p.column().name();
    }

    List<String> columnNames() {
        return columns.values().stream().map(p -> p.column().name()).toList();
    }

    void primaryKey(List<String> cols) {
        primaryKey = List.copyOf(cols);
    }

    List<String> primaryKey() {
        return primaryKey;
    }

    /**
     * A foreign key, unless one from the same columns to the same target columns is there already (two
     * associations over one column, one of them read-only): one constraint, as Hibernate makes, named if either is.
     */
    void foreignKey(ForeignKey fk) {
        for (int i = 0; i < foreignKeys.size(); i++) {
            ForeignKey x = foreignKeys.get(i);
            if (sameNames(x.columns(), fk.columns()) && x.refTable().equalsIgnoreCase(fk.refTable())
                    && sameNames(x.refColumns(), fk.refColumns()) && java.util.Objects.equals(x.refSchema(), fk.refSchema())) {
                if (x.name() == null && fk.name() != null) foreignKeys.set(i, fk);
                return;
            }
        }
        foreignKeys.add(fk);
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equalsIgnoreCase(b.get(i))) return false;
        return true;
    }

    /** A unique constraint, unless the same columns already are the primary key or unique. */
    void unique(UniqueConstraint u) {
        if (u.columns().equals(primaryKey)) return;
        if (u.name() == null && uniques.stream().anyMatch(x -> x.columns().equals(u.columns()))) return;
        uniques.add(u);
    }

    void check(CheckConstraint c) {
        checks.add(c);
    }

    void index(Index ix) {
        indexes.add(ix);
    }

    void comment(String text) {
        comment = text;
    }

    /**
     * @param uniqueName names a unique constraint that has none, from its columns: a named constraint is one
     *                   the revision's downgrade can drop
     */
    Table build(java.util.function.Function<List<String>, String> uniqueName) {
        List<Column> cols = columns.values().stream().map(p -> primaryKey.contains(p.column().name())
                ? p.column().withNullable(false) : p.column()).toList();
        List<UniqueConstraint> named = new ArrayList<>();
        for (UniqueConstraint u : uniques) {
            if (u.columns().equals(primaryKey)) continue;
            if (u.name() == null && uniques.stream().anyMatch(x -> x.name() != null && x.columns().equals(u.columns()))) continue;
            named.add(u.name() != null ? u : new UniqueConstraint(uniqueName.apply(u.columns()), u.columns()));
        }
        return new Table(null, name, cols, primaryKey.isEmpty() ? null : new PrimaryKey(null, primaryKey), foreignKeys,
                named, checks, indexes, comment);
    }

    /** What one attribute (or a group of them) adds to a table. */
    static final class Part {
        final List<Piece> pieces = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<UniqueConstraint> uniques = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();

        Part add(Part other) {
            pieces.addAll(other.pieces);
            foreignKeys.addAll(other.foreignKeys);
            uniques.addAll(other.uniques);
            checks.addAll(other.checks);
            return this;
        }

        List<Column> columns() {
            return pieces.stream().map(Piece::column).toList();
        }

        List<String> names() {
            return pieces.stream().map(p -> p.column().name()).toList();
        }
    }
}

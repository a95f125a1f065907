package dev.retort.autogenerate;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Schema mutations for round-trip tests: each turns a model into a changed model that a database can
 * reach (only nullable or defaulted columns are added, only unreferenced columns and tables dropped).
 */
final class Mutations {
    enum Kind { ADD_COLUMN, DROP_COLUMN, WIDEN_COLUMN, TOGGLE_NULL, SET_DEFAULT, ADD_INDEX, DROP_INDEX, ADD_CHECK, DROP_CHECK,
        TABLE_COMMENT, COLUMN_COMMENT, ADD_TABLE, DROP_TABLE, ADD_FOREIGN_KEY, DROP_FOREIGN_KEY, RENAME_COLUMN }

    private final Random random;
    private final boolean comments;
    private final boolean checks;
    private int counter;
    /** Tables a new foreign key must not point at (e.g. UNLOGGED ones, which reflection does not mark). */
    Set<String> avoidTargets = Set.of();

    Mutations(long seed, boolean comments, boolean checks) {
        this.random = new Random(seed);
        this.comments = comments;
        this.checks = checks;
    }

    SchemaModel apply(SchemaModel m, Kind kind) {
        counter++;
        List<Table> tables = m.tables();
        if (tables.isEmpty() && kind != Kind.ADD_TABLE) return m;
        return switch (kind) {
            case ADD_COLUMN -> onTable(m, t -> with(t, cols(t, c -> { }, add(t.columns(),
                    new Column("added_" + counter, SqlType.string(40), true, "'x'", false, comments ? "added by a test" : null)))));
            case DROP_COLUMN -> onTable(m, t -> {
                Column c = pickFree(t);
                return c == null ? t : with(t, cols(t, x -> { }, t.columns().stream().filter(x -> x != c).toList()));
            });
            case WIDEN_COLUMN -> onTable(m, t -> mapFree(t, Mutations::boundedString, c -> c.withType(SqlType.string(c.type().length() + 10))));
            case TOGGLE_NULL -> onTable(m, t -> mapFree(t, c -> c.nullable() ? c : c.withNullable(true)));
            case SET_DEFAULT -> onTable(m, t -> mapFree(t, Mutations::boundedString, c -> c.withServerDefault("'d" + counter + "'")));
            case ADD_INDEX -> onTable(m, t -> {
                Column c = pickFree(t);
                // H2 and MariaDB cannot index a whole TEXT/BLOB column (a random draw found it on H2)
                if (c == null || c.type().kind() == SqlType.Kind.TEXT || c.type().kind() == SqlType.Kind.BLOB) return t;
                List<Index> ix = new ArrayList<>(t.indexes());
                ix.add(new Index("ix_rt_" + counter, List.of(IndexElement.column(c.name())), false, null));
                return new Table(t.schema(), t.name(), t.columns(), t.primaryKey(), t.foreignKeys(), t.uniqueConstraints(),
                        t.checkConstraints(), ix, t.comment());
            });
            case DROP_INDEX -> onTable(m, t -> t.indexes().isEmpty() ? t : new Table(t.schema(), t.name(), t.columns(), t.primaryKey(),
                    t.foreignKeys(), t.uniqueConstraints(), t.checkConstraints(), t.indexes().subList(1, t.indexes().size()), t.comment()));
            case ADD_CHECK -> !checks ? m : onTable(m, t -> {
                Column c = t.columns().stream().filter(x -> x.type().kind() == SqlType.Kind.INTEGER).findFirst().orElse(null);
                if (c == null) return t;
                List<CheckConstraint> cks = new ArrayList<>(t.checkConstraints());
                cks.add(new CheckConstraint("ck_rt_" + counter, c.name() + " >= -1000000"));
                return new Table(t.schema(), t.name(), t.columns(), t.primaryKey(), t.foreignKeys(), t.uniqueConstraints(),
                        cks, t.indexes(), t.comment());
            });
            case DROP_CHECK -> !checks ? m : onTable(m, t -> t.checkConstraints().isEmpty() || t.checkConstraints().get(0).name() == null ? t
                    : new Table(t.schema(), t.name(), t.columns(), t.primaryKey(), t.foreignKeys(), t.uniqueConstraints(),
                    t.checkConstraints().subList(1, t.checkConstraints().size()), t.indexes(), t.comment()));
            case TABLE_COMMENT -> !comments ? m : onTable(m, t -> new Table(t.schema(), t.name(), t.columns(), t.primaryKey(),
                    t.foreignKeys(), t.uniqueConstraints(), t.checkConstraints(), t.indexes(), t.comment() == null ? "note " + counter : null));
            case COLUMN_COMMENT -> !comments ? m : onTable(m, t -> mapFree(t, c -> c.withComment(c.comment() == null ? "about " + c.name() : null)));
            case ADD_TABLE -> {
                List<Table> out = new ArrayList<>(tables);
                List<ForeignKey> fks = new ArrayList<>();
                List<Column> cols = new ArrayList<>(List.of(
                        new Column("id", SqlType.of(SqlType.Kind.INTEGER), false, null, false, null),
                        new Column("label", SqlType.string(50), false, "'none'", false, null)));
                Table target = tables.isEmpty() ? null : tables.get(random.nextInt(tables.size()));
                if (target != null && target.primaryKey() != null && target.primaryKey().columns().size() == 1) {
                    Column pk = target.column(target.primaryKey().columns().get(0)).orElseThrow();
                    cols.add(new Column("ref_id", pk.type(), true, null, false, null));
                    fks.add(new ForeignKey("fk_rt_" + counter, List.of("ref_id"), null, target.name(), List.of(pk.name()), "CASCADE", null));
                }
                out.add(new Table(null, "rt_new_" + counter, cols, new PrimaryKey("pk_rt_new_" + counter, List.of("id")),
                        fks, List.of(), List.of(), List.of(new Index("ix_rt_new_" + counter, List.of(IndexElement.column("label")), false, null)),
                        null));
                yield new SchemaModel(out, m.sequences(), m.enums());
            }
            case DROP_TABLE -> {
                Set<String> referenced = new HashSet<>();
                for (Table t : tables) for (ForeignKey f : t.foreignKeys()) if (!f.refTable().equals(t.name())) referenced.add(f.refTable());
                List<Table> candidates = tables.stream().filter(t -> !referenced.contains(t.name())).toList();
                if (candidates.isEmpty()) yield m;
                Table victim = candidates.get(random.nextInt(candidates.size()));
                yield new SchemaModel(tables.stream().filter(t -> t != victim).toList(), m.sequences(), m.enums());
            }
            case ADD_FOREIGN_KEY -> onTable(m, t -> {
                Table target = tables.get(random.nextInt(tables.size()));
                if (avoidTargets.contains(target.name()) || target.primaryKey() == null || target.primaryKey().columns().size() != 1) return t;
                Column pk = target.column(target.primaryKey().columns().get(0)).orElseThrow();
                List<Column> cols = add(t.columns(), new Column("fk_col_" + counter, pk.type(), true, null, false, null));
                List<ForeignKey> fks = new ArrayList<>(t.foreignKeys());
                fks.add(new ForeignKey("fk_rt_" + counter, List.of("fk_col_" + counter), null, target.name(), List.of(pk.name()), null, "CASCADE"));
                return new Table(t.schema(), t.name(), cols, t.primaryKey(), fks, t.uniqueConstraints(), t.checkConstraints(), t.indexes(), t.comment());
            });
            case DROP_FOREIGN_KEY -> onTable(m, t -> t.foreignKeys().isEmpty() ? t : new Table(t.schema(), t.name(), t.columns(),
                    t.primaryKey(), t.foreignKeys().subList(1, t.foreignKeys().size()), t.uniqueConstraints(), t.checkConstraints(),
                    t.indexes(), t.comment()));
            case RENAME_COLUMN -> onTable(m, t -> {
                Column c = pickFree(t);
                if (c == null) return t;
                return with(t, cols(t, x -> { }, t.columns().stream().map(x -> x == c ? x.withName(x.name() + "_renamed") : x).toList()));
            });
        };
    }

    private SchemaModel onTable(SchemaModel m, UnaryOperator<Table> change) {
        List<Table> tables = new ArrayList<>(m.tables());
        int i = random.nextInt(tables.size());
        tables.set(i, change.apply(tables.get(i)));
        return new SchemaModel(tables, m.sequences(), m.enums());
    }

    /** A column that no key, index, constraint or default expression refers to. */
    private Column pickFree(Table t) {
        return pickFree(t, c -> true);
    }

    private Column pickFree(Table t, java.util.function.Predicate<Column> which) {
        Set<String> used = new HashSet<>();
        if (t.primaryKey() != null) used.addAll(t.primaryKey().columns());
        t.foreignKeys().forEach(f -> used.addAll(f.columns()));
        t.uniqueConstraints().forEach(u -> used.addAll(u.columns()));
        for (Index ix : t.indexes()) {
            for (IndexElement e : ix.elements()) if (e.column() != null) used.add(e.column()); else used.add("*");
            if (ix.where() != null) used.add("*");
        }
        List<Column> free = t.columns().stream().filter(c -> which.test(c) && !used.contains(c.name()) && !c.autoincrement()
                && c.type().kind() != SqlType.Kind.RAW && c.type().kind() != SqlType.Kind.ENUM
                && t.checkConstraints().stream().noneMatch(k -> k.expression().contains(c.name()))
                && t.indexes().stream().noneMatch(ix -> ix.elements().stream().anyMatch(e -> e.isExpression() && e.expression().contains(c.name()))))
                .toList();
        return free.isEmpty() ? null : free.get(random.nextInt(free.size()));
    }

    private static boolean boundedString(Column c) {
        return c.type().kind() == SqlType.Kind.STRING && c.type().length() != null && c.type().length() < 1000;
    }

    private Table mapFree(Table t, UnaryOperator<Column> change) {
        return mapFree(t, c -> true, change);
    }

    private Table mapFree(Table t, java.util.function.Predicate<Column> which, UnaryOperator<Column> change) {
        Column c = pickFree(t, which);
        if (c == null) return t;
        return with(t, cols(t, x -> { }, t.columns().stream().map(x -> x == c ? change.apply(x) : x).toList()));
    }

    private static List<Column> add(List<Column> cols, Column c) {
        List<Column> out = new ArrayList<>(cols);
        out.add(c);
        return out;
    }

    private static List<Column> cols(Table t, java.util.function.Consumer<Table> unused, List<Column> cols) {
        return cols;
    }

    private static Table with(Table t, List<Column> cols) {
        return new Table(t.schema(), t.name(), cols, t.primaryKey(), t.foreignKeys(), t.uniqueConstraints(),
                t.checkConstraints(), t.indexes(), t.comment());
    }
}

package dev.retort.ops;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Constraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.UniqueConstraint;

import java.util.Objects;
import java.util.Optional;

/**
 * ALTER TABLE ... DROP CONSTRAINT.
 *
 * @param name    null for a primary key (engines that name it themselves), or for an unnamed constraint
 *                given by its definition ({@code dropped}), which SQLite drops by matching it
 * @param type    null when unknown; MariaDB/MySQL offline needs it (online it is looked up)
 * @param dropped the constraint's definition, which makes this reversible; null when unknown
 */
public record DropConstraint(String schema, String table, String name, ConstraintType type, Constraint dropped)
        implements Operation {
    public DropConstraint {
        Objects.requireNonNull(table, "table");
        if (type == null && dropped != null) type = ConstraintType.of(dropped);
        if (name == null && dropped != null) name = dropped.name();
        if (name == null && type != ConstraintType.PRIMARY_KEY && dropped == null) {
            throw new IllegalArgumentException("drop constraint on " + table + ": a name, or the constraint's definition, is needed");
        }
    }

    public static DropConstraint of(String schema, String table, Constraint dropped) {
        return new DropConstraint(schema, table, dropped.name(), ConstraintType.of(dropped), dropped);
    }

    /** True when the constraint is found by its definition, not by a name (SQLite's unnamed constraints). */
    public boolean byDefinition() {
        return name == null && type != ConstraintType.PRIMARY_KEY && dropped != null;
    }

    /** The drop that undoes creating {@code c}; none when it is unnamed (except a primary key). */
    static Optional<Operation> reversing(String schema, String table, Constraint c) {
        if (c.name() == null && !(c instanceof PrimaryKey)) return Optional.empty();
        return Optional.of(of(schema, table, c));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitDropConstraint(this);
    }

    @Override
    public Optional<Operation> reverse() {
        if (dropped instanceof PrimaryKey pk) return Optional.of(new CreatePrimaryKey(schema, table, pk));
        if (dropped instanceof UniqueConstraint uq) return Optional.of(new CreateUniqueConstraint(schema, table, uq));
        if (dropped instanceof CheckConstraint ck) return Optional.of(new CreateCheckConstraint(schema, table, ck));
        if (dropped instanceof ForeignKey fk) return Optional.of(new CreateForeignKey(schema, table, fk));
        return Optional.empty();
    }

    @Override
    public String describe() {
        String what = type == null ? "constraint" : switch (type) {
            case PRIMARY_KEY -> "primary key";
            case UNIQUE -> "unique constraint";
            case CHECK -> "check constraint";
            case FOREIGN_KEY -> "foreign key";
        };
        return "drop " + what + (name != null ? " " + name : byDefinition() ? " " + definition(dropped) : "")
                + " on " + Operation.display(schema, table);
    }

    /**
     * The constraint's name, or its definition when it has none (t66-3: "create foreign key on album" did not say
     * which key, where the drop of an unnamed one names its definition).
     */
    static String label(Constraint c) {
        return c.name() != null ? c.name() : definition(c);
    }

    /** An unnamed constraint as it reads in CREATE TABLE, for messages. */
    public static String definition(Constraint c) {
        if (c instanceof CheckConstraint ck) return "CHECK (" + ck.expression() + ")";
        if (c instanceof UniqueConstraint u) return "UNIQUE (" + String.join(", ", u.columns()) + ")";
        if (c instanceof PrimaryKey p) return "PRIMARY KEY (" + String.join(", ", p.columns()) + ")";
        ForeignKey f = (ForeignKey) c;
        return "FOREIGN KEY (" + String.join(", ", f.columns()) + ") REFERENCES " + Operation.display(f.refSchema(), f.refTable())
                + (f.refColumns().isEmpty() ? "" : " (" + String.join(", ", f.refColumns()) + ")")
                + (f.onDelete() == null ? "" : " ON DELETE " + f.onDelete())
                + (f.onUpdate() == null ? "" : " ON UPDATE " + f.onUpdate())
                + (f.deferral().deferrable() ? " " + f.deferral().sql() : "");
    }
}

package dev.retort.ops;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Constraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.UniqueConstraint;

/** A primary key, unique or check constraint listed in {@code createTable}; {@link #named} gives it a name. */
public record ConstraintSpec(Constraint constraint) implements TableElement {
    public ConstraintSpec {
        if (constraint instanceof ForeignKey) throw new IllegalArgumentException("use ForeignKeySpec for foreign keys");
    }

    public ConstraintSpec named(String name) {
        Constraint c = constraint;
        if (c instanceof PrimaryKey pk) return new ConstraintSpec(new PrimaryKey(name, pk.columns()));
        if (c instanceof UniqueConstraint uq) return new ConstraintSpec(new UniqueConstraint(name, uq.columns()));
        if (c instanceof CheckConstraint ck) return new ConstraintSpec(new CheckConstraint(name, ck.expression()));
        throw new IllegalStateException(String.valueOf(c));
    }
}

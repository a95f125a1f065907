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
        if (c instanceof CheckConstraint ck) return new ConstraintSpec(ck.withName(name));
        throw new IllegalStateException(String.valueOf(c));
    }

    /**
     * {@code op.createCheckConstraint("qty_pos", "item", check("qty >= 0").notValid())}: {@code NOT VALID}
     * (PostgreSQL), the rows already in the table are not checked, only those written from then on;
     * {@code op.validateConstraint} checks them later. Refused on the other engines, which have no such clause.
     * Only for a check: a primary key or unique constraint is always checked. In {@code createTable} the check is
     * created valid, a new table having no rows to leave unchecked.
     */
    public ConstraintSpec notValid() {
        if (!(constraint instanceof CheckConstraint ck)) {
            throw new IllegalArgumentException("only a check constraint or a foreign key can be NOT VALID, not " + constraint);
        }
        return new ConstraintSpec(ck.withNotValid(true));
    }
}

package dev.retort.ops;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Constraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.UniqueConstraint;

/** The kind of a table constraint; MariaDB/MySQL and SQLite need it to drop one. */
public enum ConstraintType {
    PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY;

    public static ConstraintType of(Constraint c) {
        if (c instanceof PrimaryKey) return PRIMARY_KEY;
        if (c instanceof UniqueConstraint) return UNIQUE;
        if (c instanceof CheckConstraint) return CHECK;
        if (c instanceof ForeignKey) return FOREIGN_KEY;
        throw new IllegalArgumentException(String.valueOf(c));
    }
}

package dev.retort.schema;

/** A named table constraint; lets a dropped constraint be carried (and recreated) as one value. */
public sealed interface Constraint permits PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey {
    /** Null when the engine names it itself. */
    String name();
}

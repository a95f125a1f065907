package dev.retort.ops;

import dev.retort.schema.TableOption;

import java.util.Objects;

/** An engine-specific table property, as an element of {@code createTable}: {@code sqliteWithoutRowid()}. */
public record TableOptionSpec(TableOption option) implements TableElement {
    public TableOptionSpec {
        Objects.requireNonNull(option, "option");
    }
}

package dev.retort.schema;

import java.util.List;

/** @param name null when the engine names it itself */
public record PrimaryKey(String name, List<String> columns) implements Constraint {
    public PrimaryKey {
        columns = List.copyOf(columns);
    }
}

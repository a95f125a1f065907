package dev.retort.schema;

import java.util.List;

public record UniqueConstraint(String name, List<String> columns) implements Constraint {
    public UniqueConstraint {
        columns = List.copyOf(columns);
    }
}

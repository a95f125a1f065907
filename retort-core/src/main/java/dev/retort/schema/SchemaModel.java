package dev.retort.schema;

import java.util.List;
import java.util.Optional;

/** A database schema as data: what reflection produces and what model sources build. */
public record SchemaModel(List<Table> tables, List<Sequence> sequences, List<EnumType> enums) {
    public SchemaModel {
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        enums = List.copyOf(enums);
    }

    public static SchemaModel empty() {
        return new SchemaModel(List.of(), List.of(), List.of());
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}

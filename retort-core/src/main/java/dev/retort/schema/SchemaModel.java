package dev.retort.schema;

import java.util.List;
import java.util.Optional;

/**
 * A database schema as data: what reflection produces and what model sources build.
 *
 * @param collationsKnown whether a column without a collation has the default one (a {@code sql:} model, made in a
 *                        database, knows every column's), rather than one the model does not say (a class: model)
 */
public record SchemaModel(List<Table> tables, List<Sequence> sequences, List<EnumType> enums, boolean collationsKnown) {
    public SchemaModel {
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        enums = List.copyOf(enums);
    }

    /** A model that says only the collations its columns name (the record's shape before collationsKnown). */
    public SchemaModel(List<Table> tables, List<Sequence> sequences, List<EnumType> enums) {
        this(tables, sequences, enums, false);
    }

    /** The same model, its columns without a collation having the default one. */
    public SchemaModel withCollationsKnown() {
        return new SchemaModel(tables, sequences, enums, true);
    }

    public static SchemaModel empty() {
        return new SchemaModel(List.of(), List.of(), List.of());
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}

package dev.retort.schema;

import java.util.List;

/** @param where the predicate of a partial index, null for none */
public record Index(String name, List<IndexElement> elements, boolean unique, String where) {
    public Index {
        elements = List.copyOf(elements);
    }
}

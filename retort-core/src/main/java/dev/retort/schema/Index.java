package dev.retort.schema;

import java.util.List;

/**
 * @param where the predicate of a partial index, null for none
 * @param using the index method where the engine has several and it is not the default
 *              (PostgreSQL {@code gin}, {@code gist}, ...; MariaDB {@code FULLTEXT}, {@code SPATIAL}); null for the default
 */
public record Index(String name, List<IndexElement> elements, boolean unique, String where, String using) {
    public Index {
        elements = List.copyOf(elements);
    }

    public Index(String name, List<IndexElement> elements, boolean unique, String where) {
        this(name, elements, unique, where, null);
    }
}

package dev.retort.ops;

import java.util.Optional;

/**
 * A schema or data change as plain data. The same objects feed online runs, offline SQL and
 * autogenerate's renderer. SKELETON: the operations issue turns this into a sealed interface over
 * records with a visitor that every dialect implements.
 */
public interface Operation {
    /** The operation that undoes this one, where one exists. */
    default Optional<Operation> reverse() {
        return Optional.empty();
    }
}

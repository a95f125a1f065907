package dev.retort.ops;

import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;

import java.util.ArrayList;
import java.util.List;

/**
 * An index, listed in {@code createTable} or built in {@code op.createIndex(name, table, i -> ...)}.
 * Mutable while the lambda runs, then read once.
 */
public final class IndexSpec implements TableElement {
    private final String name;
    private final List<IndexElement> elements = new ArrayList<>();
    private boolean unique;
    private String where;
    private boolean concurrently;
    private boolean ifNotExists;
    private String using;

    public IndexSpec(String name) {
        this.name = name;
    }

    public IndexSpec columns(String... columns) {
        for (String c : columns) elements.add(IndexElement.column(c));
        return this;
    }

    /** An expression element, e.g. {@code lower(email)}. */
    public IndexSpec expression(String sql) {
        elements.add(IndexElement.expression(sql));
        return this;
    }

    public IndexSpec unique() { unique = true; return this; }

    /** Partial index predicate (PostgreSQL, SQLite). */
    public IndexSpec where(String predicate) { where = predicate; return this; }

    /** PostgreSQL {@code CREATE INDEX CONCURRENTLY}; the revision must then be non-transactional. */
    public IndexSpec concurrently() { concurrently = true; return this; }

    public IndexSpec ifNotExists() { ifNotExists = true; return this; }

    /** The index method: PostgreSQL {@code gin}, {@code gist}, {@code brin}, {@code hash}; MariaDB {@code FULLTEXT}. */
    public IndexSpec using(String method) { using = method; return this; }

    public Index toIndex() {
        if (elements.isEmpty()) throw new IllegalStateException("index " + name + " has no columns");
        return new Index(name, elements, unique, where, using);
    }

    public boolean isConcurrently() { return concurrently; }

    public boolean isIfNotExists() { return ifNotExists; }
}

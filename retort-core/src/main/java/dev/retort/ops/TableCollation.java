package dev.retort.ops;

/**
 * MariaDB/MySQL: the table's default collation ({@code COLLATE=utf8mb4_bin}), as an element of {@code createTable}.
 * Other engines have no table collation and ignore it.
 */
public record TableCollation(String name) implements TableElement {
}

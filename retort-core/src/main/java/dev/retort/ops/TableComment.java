package dev.retort.ops;

/** The table's comment, as an element of {@code createTable}. */
public record TableComment(String text) implements TableElement {
}

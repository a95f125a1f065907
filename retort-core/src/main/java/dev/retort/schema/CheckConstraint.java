package dev.retort.schema;

/** @param expression the condition as SQL text, without the CHECK keyword and outer parentheses */
public record CheckConstraint(String name, String expression) implements Constraint {
}

package dev.retort.schema;

/** @param start null for the engine's default; likewise increment */
public record Sequence(String schema, String name, Long start, Long increment) {
}

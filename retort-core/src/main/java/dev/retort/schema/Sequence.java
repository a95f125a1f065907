package dev.retort.schema;

/**
 * @param start     null for the engine's default; likewise increment
 * @param options   type, bounds, cache and cycle ({@link SequenceOptions#DEFAULT} for the engine's defaults; null reads so)
 */
public record Sequence(String schema, String name, Long start, Long increment, SequenceOptions options) {
    public Sequence {
        if (options == null) options = SequenceOptions.DEFAULT;
        if (increment != null && increment == 0) throw new IllegalArgumentException("a sequence's increment cannot be 0");
    }

    /** A sequence with the default type, bounds, cache and no cycle (the record's shape before {@code options}). */
    public Sequence(String schema, String name, Long start, Long increment) {
        this(schema, name, start, increment, SequenceOptions.DEFAULT);
    }
}

package dev.retort.graph;

import java.util.List;

/**
 * A target that names one revision ({@code head}, {@code label@head}, {@code head-1}) matched several heads.
 * Callers that phrase the error differently (the {@code revision} command does) catch this type.
 */
public final class MultipleHeadsException extends GraphException {
    private final String argument;
    private final List<String> heads;

    MultipleHeadsException(String argument, List<String> heads) {
        super(GraphErrors.multipleHeadsText(argument));
        this.argument = argument;
        this.heads = List.copyOf(heads);
    }

    /** The target as the user wrote it. */
    public String argument() {
        return argument;
    }

    /** The heads it matched, in history order. */
    public List<String> heads() {
        return heads;
    }
}

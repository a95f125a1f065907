package dev.retort.graph;

import java.util.List;

/** The ordered steps that take the version table from one set of heads to another. */
public record Plan(Direction direction, List<Step> steps) {
    public Plan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}

package dev.retort.runtime;

import dev.retort.graph.Direction;
import dev.retort.graph.RevisionHeader;
import dev.retort.graph.Step;

import java.util.List;

/** Alembic's step wording: {@code upgrade A, B -> C, message}, {@code downgrade C -> A, B, message}. */
public final class StepLine {
    private StepLine() {
    }

    /** {@code Running upgrade A -> B, message}: exactly the line Alembic logs for a step. */
    public static String running(Step step) {
        return "Running " + describe(step, true);
    }

    /** {@code upgrade A -> B}: the offline script's comment, without the message, as Alembic writes it. */
    public static String comment(Step step) {
        return "Running " + describe(step, false);
    }

    static String describe(Step step, boolean withMessage) {
        RevisionHeader rev = step.revision();
        String from;
        String to;
        String verb;
        switch (step.direction()) {
            case UPGRADE -> {
                verb = "upgrade";
                from = String.join(", ", rev.revises());
                to = rev.id();
            }
            case DOWNGRADE -> {
                verb = "downgrade";
                from = rev.id();
                to = String.join(", ", rev.revises());
            }
            default -> {
                verb = "stamp_revision";
                List<String> removed = VersionTable.without(step.from(), step.to());
                List<String> added = VersionTable.without(step.to(), step.from());
                if (removed.isEmpty() && added.isEmpty()) {
                    removed = step.from();
                    added = step.to();
                }
                from = String.join(", ", removed);
                to = String.join(", ", added);
            }
        }
        String message = rev == null || step.direction() == Direction.STAMP ? "" : rev.messageLine();
        return verb + " " + from + " -> " + to + (withMessage && !message.isEmpty() ? ", " + message : "");
    }
}

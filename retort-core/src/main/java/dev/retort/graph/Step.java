package dev.retort.graph;

import java.util.List;

/**
 * One step of a plan.
 *
 * @param revision  the revision applied or reverted; for a stamp step, the revision stamped to
 *                  (null when a stamp only removes rows)
 * @param direction upgrade, downgrade or stamp
 * @param from      the version table's rows before this step
 * @param to        the version table's rows after this step
 */
public record Step(RevisionHeader revision, Direction direction, List<String> from, List<String> to) {
    public Step {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }
}

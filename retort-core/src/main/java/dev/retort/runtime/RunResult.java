package dev.retort.runtime;

import java.util.List;
import java.util.Set;

/**
 * What a run did.
 *
 * @param applied the steps that ran, in order (empty when there was nothing to do)
 * @param before  the version table's rows when the run started (after taking the lock)
 * @param after   the rows when it finished
 */
public record RunResult(List<AppliedStep> applied, Set<String> before, Set<String> after) {
    public RunResult {
        applied = List.copyOf(applied);
        before = Set.copyOf(before);
        after = Set.copyOf(after);
    }

    public boolean nothingToDo() {
        return applied.isEmpty() && before.equals(after);
    }
}

package dev.retort.runtime;

import dev.retort.graph.Direction;
import dev.retort.graph.RevisionHeader;
import dev.retort.graph.Step;
import dev.retort.migration.Migration;
import dev.retort.script.RevisionScript;
import dev.retort.script.SqlMigration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The read-ahead with a tiny room, so that the worker keeps running out of it: whatever the order in
 * which the two threads get there, the run gets every step's own migration and never hangs.
 */
class RevisionPreloaderTest {
    private static final int ROOM = 200;
    private static final int STEPS = 40;

    /**
     * Five small revisions (less than a quarter of the room together, so the run holds their room back),
     * then one needing more than three quarters of it: the worker must wait for room the run holds.
     */
    private static String sql(int i) {
        return i % 6 == 0 ? "SELECT '" + "x".repeat(160) + "';" : "SELECT " + (i % 10) + ";";
    }

    private static String id(int i) {
        return "r" + i;
    }

    private static List<Step> steps(Direction direction) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            steps.add(new Step(RevisionHeader.of(id(i)), direction, List.of(), List.of()));
        }
        return steps;
    }

    @Test
    void migrationsAlreadyLoadedAreHandedOverInOrderWithoutHanging() {
        Map<String, Migration> known = new HashMap<>();
        for (int i = 0; i < STEPS; i++) known.put(id(i), new SqlMigration(id(i), "", sql(i)));
        List<Step> steps = steps(Direction.DOWNGRADE);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 300; round++) {
                try (RevisionPreloader p = RevisionPreloader.start(new FileSource(), steps, "sqlite", known, ROOM)) {
                    for (int i = 0; i < STEPS; i++) assertThat(p.migration(i, id(i))).isSameAs(known.get(id(i)));
                }
            }
        });
    }

    /**
     * Step 3 needs the whole room, which the first pass (t62-7: every load read once, before the run's first commit)
     * leaves to the small steps around it; its second pass comes back for step 3 and waits for room that steps 4-9
     * hold until the run has passed step 3. Waiting there with step 3 marked as its own, it stalled the run, which
     * waits for the worker at a step already in memory.
     */
    @Test
    void aLoadWaitingForRoomThatLoadsFurtherOnHoldDoesNotStallTheRun() {
        Map<String, Migration> known = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            known.put(id(i), new SqlMigration(id(i), "", i == 3 ? "SELECT '" + "x".repeat(ROOM) + "';" : "SELECT 1;"));
            steps.add(new Step(RevisionHeader.of(id(i)), Direction.DOWNGRADE, List.of(), List.of()));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (RevisionPreloader p = RevisionPreloader.start(new FileSource(), steps, "sqlite", known, ROOM)) {
                Thread.sleep(300); // the worker through its first pass, waiting for room in its second
                for (int i = 0; i < steps.size(); i++) assertThat(p.migration(i, id(i))).isSameAs(known.get(id(i)));
            }
        });
    }

    @Test
    void revisionsReadAheadAreTheRightOnesWithoutHanging() {
        List<Step> steps = steps(Direction.UPGRADE);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 300; round++) {
                try (RevisionPreloader p = RevisionPreloader.start(new FileSource(), steps, "sqlite", Map.of(), ROOM)) {
                    for (int i = 0; i < STEPS; i++) {
                        SqlMigration m = (SqlMigration) p.migration(i, id(i));
                        assertThat(m.id()).isEqualTo(id(i));
                        assertThat(m.upgradeStatements("sqlite")).containsExactly(sql(i).replace(";", ""));
                    }
                }
            }
        });
    }

    /** Revisions as if read from SQL files: a new migration on every load, no user code. */
    private static final class FileSource implements RevisionSource {
        @Override
        public void prepare(Collection<String> ids) {
        }

        @Override
        public Migration migration(String id) {
            return new SqlMigration(id, sql(Integer.parseInt(id.substring(1))), null);
        }

        @Override
        public RevisionScript script(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean loadsWithoutUserCode(String id) {
            return true;
        }
    }
}

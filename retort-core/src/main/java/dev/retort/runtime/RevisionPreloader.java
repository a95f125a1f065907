package dev.retort.runtime;

import dev.retort.graph.Direction;
import dev.retort.graph.Step;
import dev.retort.migration.Migration;
import dev.retort.script.SqlMigration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;

/**
 * Loads the revisions of a plan on a worker thread, a few steps ahead of the run: reading, decoding,
 * checksumming and splitting the next SQL file overlaps with the database executing the current one.
 * Only revisions whose loading runs no user code ({@link RevisionSource#loadsWithoutUserCode}) are read
 * ahead; the others are loaded on the run's thread when their turn comes, as without a preloader.
 * <p>
 * Each step's load is a {@link FutureTask}: whichever thread gets to it first runs it, the other waits
 * for or takes its result, so the run never waits for a worker that has fallen behind. Errors are
 * rethrown on the run's thread, at the step they belong to, exactly as a direct load would throw them.
 */
final class RevisionPreloader implements AutoCloseable {
    /** How far the worker may run ahead: bounds the memory held by files read but not yet run. */
    private static final int AHEAD = 64;
    /**
     * The run hands room back to the worker this many steps at a time: waking a waiting thread costs a
     * system call (and, in a VM, an interrupt to the other CPU), ~20 µs that per step added up to 2-3%
     * of a 1,000-revision run.
     */
    private static final int RELEASE_EVERY = 16;
    /** Below this many loads a second thread costs more than it saves. */
    private static final int MIN_LOADS = 8;

    private final RevisionSource source;
    private final List<FutureTask<Migration>> tasks;
    private final Semaphore room = new Semaphore(AHEAD);
    private final Thread worker;
    private int consumed;
    private volatile boolean closed;

    private RevisionPreloader(RevisionSource source, List<FutureTask<Migration>> tasks, boolean threaded) {
        this.source = source;
        this.tasks = tasks;
        this.worker = threaded ? new Thread(this::work, "retort-preload") : null;
        if (worker != null) {
            worker.setDaemon(true);
            worker.start();
        }
    }

    /**
     * @param steps   the plan's steps, in order
     * @param dialect the engine's name, for splitting SQL revisions into statements ahead of time
     * @param loaded  revisions already loaded (by {@link PlanRevisions#prepare}), by id: not read again
     */
    static RevisionPreloader start(RevisionSource source, List<Step> steps, String dialect, Map<String, Migration> loaded) {
        List<FutureTask<Migration>> tasks = new ArrayList<>(steps.size());
        int loads = 0;
        for (Step step : steps) {
            String id = step.revision() == null ? null : step.revision().id();
            Migration known = id == null ? null : loaded.get(id);
            if (id == null || step.direction() == Direction.STAMP || (known == null && !source.loadsWithoutUserCode(id))) {
                tasks.add(null);
                continue;
            }
            boolean up = step.direction() == Direction.UPGRADE;
            tasks.add(new FutureTask<>(() -> split(known != null ? known : source.migration(id), up, dialect)));
            loads++;
        }
        return new RevisionPreloader(source, tasks, loads >= MIN_LOADS);
    }

    private static Migration split(Migration m, boolean up, String dialect) {
        if (m instanceof SqlMigration sql) {
            if (up) sql.upgradeStatements(dialect);
            else sql.downgradeStatements(dialect);
        }
        return m;
    }

    /** The migration of step {@code index} (of the plan this preloader was started with). */
    Migration migration(int index, String id) {
        FutureTask<Migration> task = index < tasks.size() ? tasks.get(index) : null;
        if (task == null) return source.migration(id);
        task.run(); // does nothing when the worker has started or finished it
        if (++consumed == RELEASE_EVERY) {
            room.release(RELEASE_EVERY);
            consumed = 0;
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading revision " + id, e);
        } catch (ExecutionException e) {
            throw Futures.unchecked(e);
        }
    }

    private void work() {
        try {
            for (FutureTask<Migration> task : tasks) {
                if (task == null) continue;
                room.acquire();
                if (closed) return;
                task.run();
            }
        } catch (InterruptedException e) {
            // closed: the run is over
        }
    }

    @Override
    public void close() {
        closed = true;
        if (worker != null) worker.interrupt();
    }
}

package dev.retort.runtime;

import dev.retort.graph.Direction;
import dev.retort.graph.Step;
import dev.retort.migration.Migration;
import dev.retort.script.SqlMigration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Loads the revisions of a plan on a worker thread, ahead of the run: reading, decoding, checksumming
 * and splitting the next SQL files overlaps with the database executing the current one. Only
 * revisions whose loading runs no user code ({@link RevisionSource#loadsWithoutUserCode}) are read
 * ahead; the others are loaded on the run's thread when their turn comes, as without a preloader.
 * <p>
 * The run never waits for the worker: a step the worker has not finished (not started, or started and
 * then descheduled on a busy machine) is loaded by the run's thread itself, and the worker's copy, if
 * it comes, is dropped. Loading a SQL file is read-only, so doing it twice is harmless; waiting for a
 * descheduled worker cost ~3 % of a 1,000-revision SQLite run. A load that fails on the worker is made
 * again on the run's thread, so its error is thrown there, at the step it belongs to.
 * <p>
 * The worker holds at most {@link #AHEAD_CHARS} of SQL text not yet run (plus one file): a bound on
 * memory, not on the number of files, so that a chain of small revisions is read without the worker
 * ever blocking, and the run without waking it (in a VM, waking a thread on the other CPU costs
 * ~0.1 ms).
 */
final class RevisionPreloader implements AutoCloseable {
    /** SQL text (characters) the worker may hold ahead of the run. */
    private static final int AHEAD_CHARS = 4 << 20;
    /** Below this many loads a second thread costs more than it saves. */
    private static final int MIN_LOADS = 8;
    /** Slot states besides a loaded {@link Migration}: null = nobody started it. */
    private static final Object WORKING = new Object();
    private static final Object TAKEN = new Object();

    /** What the worker may load for a step. */
    private record Load(String id, boolean upgrade, Migration known) {
    }

    private final RevisionSource source;
    private final String dialect;
    private final Load[] loads; // null where the run's thread loads (stamps, revisions running user code)
    private final AtomicReferenceArray<Object> slots;
    private final int aheadChars;
    private final Semaphore room;
    private final Thread worker;
    private int toRelease;
    private volatile boolean closed;
    /** Counted down when the worker has read every load once (t62-7): {@link #refused} waits for it. */
    private final java.util.concurrent.CountDownLatch readThrough = new java.util.concurrent.CountDownLatch(1);
    /** The first load that failed on the worker, and its step, or null. */
    private volatile Unreadable unreadable;
    /** Whether {@link #refused} found every load fine already: later calls cost a read. */
    private boolean allReadable;

    private RevisionPreloader(RevisionSource source, String dialect, Load[] loads, boolean threaded, int aheadChars) {
        this.source = source;
        this.aheadChars = aheadChars;
        this.room = new Semaphore(aheadChars);
        this.dialect = dialect;
        this.loads = loads;
        this.slots = new AtomicReferenceArray<>(loads.length);
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
        return start(source, steps, dialect, loaded, AHEAD_CHARS);
    }

    static RevisionPreloader start(RevisionSource source, List<Step> steps, String dialect, Map<String, Migration> loaded,
                                   int aheadChars) {
        Load[] loads = new Load[steps.size()];
        int n = 0;
        for (int i = 0; i < loads.length; i++) {
            Step step = steps.get(i);
            String id = step.revision() == null ? null : step.revision().id();
            if (id == null || step.direction() == Direction.STAMP) continue;
            Migration known = loaded.get(id);
            if (known == null && !source.loadsWithoutUserCode(id)) continue;
            loads[i] = new Load(id, step.direction() == Direction.UPGRADE, known);
            n++;
        }
        return new RevisionPreloader(source, dialect, loads, n >= MIN_LOADS, aheadChars);
    }

    /** The migration of step {@code index} (of the plan this preloader was started with). */
    Migration migration(int index, String id) {
        Load load = index < loads.length ? loads[index] : null;
        if (load == null) return source.migration(id);
        while (true) {
            // room held back while the worker waits for some would stall it, and the spin below with it
            if (toRelease > 0 && room.hasQueuedThreads()) giveBack();
            Object slot = slots.get(index);
            if (slot instanceof Migration m) {
                slots.set(index, TAKEN);
                toRelease += cost(m, load);
                if (toRelease >= aheadChars / 4) giveBack();
                return m;
            }
            if (slot == WORKING && load.known() != null && worker.isAlive()) {
                // only splitting a migration already in memory, which this thread must not do at the same time
                Thread.yield();
                continue;
            }
            if (slots.compareAndSet(index, slot, TAKEN)) return load(load);
        }
    }

    private Migration load(Load load) {
        Migration m = load.known() != null ? load.known() : source.migration(load.id());
        if (m instanceof SqlMigration sql) {
            if (load.upgrade()) sql.upgradeStatements(dialect);
            else sql.downgradeStatements(dialect);
        }
        return m;
    }

    /** The room a loaded migration takes: the characters of the statements it will run (split already). */
    private int cost(Migration m, Load load) {
        if (!(m instanceof SqlMigration sql)) return 1;
        long chars = 0;
        for (String st : load.upgrade() ? sql.upgradeStatements(dialect) : sql.downgradeStatements(dialect)) {
            chars += st.length();
        }
        return (int) Math.max(1, Math.min(chars, aheadChars));
    }

    /** Returns the room held back to the worker. */
    private void giveBack() {
        room.release(toRelease);
        toRelease = 0;
    }

    /**
     * Reads every load once, keeping what fits in the room (the first pass never blocks: {@link #refused} may be
     * waiting for it), then loads the ones it had to drop, waiting for room as the run moves on.
     */
    private void work() {
        int dropped = -1;
        try {
            for (int i = 0; i < loads.length && !closed && unreadable == null; i++) {
                if (loads[i] == null || !slots.compareAndSet(i, null, WORKING)) continue;
                Migration m;
                try {
                    m = load(loads[i]);
                } catch (RuntimeException | Error e) {
                    slots.compareAndSet(i, WORKING, null); // the run's thread loads it again and throws
                    if (e instanceof RuntimeException re) unreadable = new Unreadable(i, re);
                    break;
                }
                int cost = cost(m, loads[i]);
                if (!room.tryAcquire(cost)) {
                    slots.compareAndSet(i, WORKING, null); // read for the check; loaded again below or by the run
                    if (dropped < 0) dropped = i;
                } else if (!slots.compareAndSet(i, WORKING, m)) {
                    room.release(cost); // the run got there first
                }
            }
        } finally {
            readThrough.countDown();
        }
        try {
            for (int i = Math.max(dropped, 0); dropped >= 0 && i < loads.length && !closed; i++) {
                if (loads[i] == null || !slots.compareAndSet(i, null, WORKING)) continue;
                Migration m;
                try {
                    m = load(loads[i]);
                } catch (RuntimeException | Error e) {
                    slots.compareAndSet(i, WORKING, null);
                    continue;
                }
                int cost = cost(m, loads[i]);
                if (room.tryAcquire(cost)) {
                    if (!slots.compareAndSet(i, WORKING, m)) room.release(cost); // the run got there first
                    continue;
                }
                // the room may be held by loads further on, kept by the first pass: waiting for it with this slot
                // WORKING, the run would wait at this step for the worker, the worker for the run to move past it
                slots.compareAndSet(i, WORKING, null);
                room.acquire(cost);
                if (!slots.compareAndSet(i, null, m)) room.release(cost); // the run got there first
            }
        } catch (InterruptedException e) {
            // closed: the run is over
        }
    }

    /**
     * The first revision of the plan that cannot be read (a SQL file whose text Retort refuses: a client's command,
     * a COMMIT in a transactional revision, a string left open), or null: every revision loaded without user code has
     * been read once. Waits for the worker to get through the plan (it started with the run, and is normally there
     * long before the run's first commit); without a worker, reads them on this thread, keeping them for the run.
     * A revision the run's thread has taken already was read then, or failed the run there.
     */
    Unreadable refused() throws InterruptedException {
        if (allReadable) return null;
        if (worker != null) {
            readThrough.await();
        } else {
            for (int i = 0; i < loads.length && unreadable == null; i++) {
                if (loads[i] == null || slots.get(i) != null) continue;
                try {
                    slots.set(i, load(loads[i]));
                } catch (RuntimeException e) {
                    unreadable = new Unreadable(i, e);
                }
            }
        }
        Unreadable u = unreadable;
        allReadable = u == null;
        return u;
    }

    /** Step {@code index} of the plan cannot be read: {@code getCause()} says why, naming the line. */
    static final class Unreadable extends RuntimeException {
        private final int index;

        Unreadable(int index, RuntimeException why) {
            super(why.getMessage(), why, false, false);
            this.index = index;
        }

        int index() {
            return index;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (worker != null) worker.interrupt();
    }
}

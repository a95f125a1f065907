package dev.retort.runtime;

import org.h2.retorttest.WaitsInH2;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which threads {@link RunCancellation#cancel} interrupts where they wait: a revision's code (t58-1) and a DataSource's
 * getConnection() (f4-3), the latter never inside H2; and that the run's interrupt does not outlive the registration.
 */
class RunCancellationTest {
    private final RunCancellation cancellation = new RunCancellation();

    /** A thread that registers with {@code start}, waits for {@code release}, then runs {@code end}. */
    private record Waiter(Thread thread, AtomicReference<Throwable> woken, AtomicBoolean interruptedAfter) {
        static Waiter start(Runnable register, Runnable end, WaitStyle style, CountDownLatch release) throws InterruptedException {
            AtomicReference<Throwable> woken = new AtomicReference<>();
            AtomicBoolean after = new AtomicBoolean();
            Thread t = new Thread(() -> {
                register.run();
                try {
                    style.await(release);
                } catch (InterruptedException e) {
                    woken.set(e);
                    Thread.currentThread().interrupt(); // re-asserted, as code that cannot throw it does
                } finally {
                    end.run();
                }
                after.set(Thread.currentThread().isInterrupted());
            });
            t.setDaemon(true);
            t.start();
            while (t.getState() != Thread.State.WAITING && t.isAlive()) Thread.sleep(2);
            return new Waiter(t, woken, after);
        }

        void join() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).isFalse();
        }
    }

    private interface WaitStyle {
        void await(CountDownLatch release) throws InterruptedException;
    }

    @Test
    void aRevisionsCodeThatWaitsIsInterruptedAndTheInterruptIsClearedAtItsEnd() throws Exception {
        Waiter w = Waiter.start(cancellation::revisionCodeStarted, cancellation::revisionCodeEnded, CountDownLatch::await,
                new CountDownLatch(1));
        cancellation.cancel();
        w.join();
        assertThat(w.woken().get()).isInstanceOf(InterruptedException.class);
        assertThat(w.interruptedAfter().get()).isFalse();
    }

    @Test
    void aConnectThatWaitsIsInterruptedButNotInsideH2() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Waiter inPool = Waiter.start(cancellation::connectStarted, cancellation::connectEnded, CountDownLatch::await, release);
        Waiter inH2 = Waiter.start(cancellation::connectStarted, cancellation::connectEnded, WaitsInH2::await, release);
        cancellation.cancel();
        inPool.join();
        assertThat(inPool.woken().get()).isInstanceOf(InterruptedException.class);
        assertThat(inPool.interruptedAfter().get()).isFalse();
        assertThat(inH2.thread().isAlive()).isTrue();
        release.countDown();
        inH2.join();
        assertThat(inH2.woken().get()).isNull();
    }

    @Test
    void aConnectAfterTheCancelIsRefused() {
        cancellation.cancel();
        assertThatThrownBy(cancellation::connectStarted).isInstanceOf(RunCancellation.Stopped.class);
        cancellation.connectEnded(); // nothing registered: nothing to clear
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    /** A revision's code that connects for a run of the same Retort is its code again once the connect is over. */
    @Test
    void aRevisionsCodeIsInterruptedAfterAConnectOfItsOwn() throws Exception {
        Waiter w = Waiter.start(() -> {
            cancellation.revisionCodeStarted();
            cancellation.connectStarted();
            cancellation.connectEnded();
        }, cancellation::revisionCodeEnded, CountDownLatch::await, new CountDownLatch(1));
        cancellation.cancel();
        w.join();
        assertThat(w.woken().get()).isInstanceOf(InterruptedException.class);
        assertThat(w.interruptedAfter().get()).isFalse();
    }
}

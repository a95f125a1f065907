package dev.retort.runtime;

import dev.retort.RetortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t47-5: H2 locks an embedded file for the process that opens it, and a second process failed at once with
 * "Database may be already in use" where every other engine waits for the running migration. The open is now
 * tried again for lock_timeout. The other process here is a second JVM ({@link Holder}) that keeps the file open.
 */
class H2FileInUseIT {
    @TempDir
    Path dir;
    private Process holder;

    @AfterEach
    void stopHolder() throws InterruptedException {
        if (holder != null && holder.isAlive()) {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Another JVM with the file open; it closes it after {@code holdMillis} (negative: when destroyed). */
    private void hold(Path h2, long holdMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                "jdbc:h2:file:" + h2, Long.toString(holdMillis)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("open");
    }

    private Retort retort(Path h2, Duration lockTimeout) throws IOException {
        TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        return Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:h2:file:" + h2).lockTimeout(lockTimeout).build();
    }

    @Test
    void aRunAndAReadWaitForAnotherProcessToCloseTheFile() throws Exception {
        Path h2 = dir.resolve("data/app");
        Retort retort = retort(h2, Duration.ofSeconds(30));
        retort.upgrade("head");

        hold(h2, 1500);
        long start = System.nanoTime();
        assertThat(retort.current()).containsExactly("aaaa00000001");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));

        hold(h2, 1500);
        start = System.nanoTime();
        assertThat(retort.upgrade("head").applied()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void afterLockTimeoutOneMessageNamesTheFileAndHowToShareIt() throws Exception {
        Path h2 = dir.resolve("data/app");
        Retort retort = retort(h2, Duration.ofSeconds(1));
        retort.upgrade("head");
        hold(h2, -1);
        for (Runnable call : new Runnable[]{() -> retort.upgrade("head"), retort::current}) {
            long start = System.nanoTime();
            assertThatThrownBy(call::run).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Cannot open jdbc:h2:file:" + h2 + ": another process has the H2 file "
                            + h2 + ".mv.db open, and still had it after 1")
                    .hasMessageContaining("(the lock timeout (the builder's .lockTimeout(...)))")
                    .hasMessageContaining("add AUTO_SERVER=TRUE to the URL of every one");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
        }
    }

    /** Opens the H2 file given, says "open", and closes it after the time given (or when killed). */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection(args[0])) {
                System.out.println("open");
                System.out.flush();
                long millis = Long.parseLong(args[1]);
                Thread.sleep(millis < 0 ? Long.MAX_VALUE : millis);
            }
        }
    }
}

package dev.retort.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t49-1: running.md tells users to share an H2 file between processes with {@code AUTO_SERVER=TRUE}. Then the
 * processes hand the file over to each other: when the one serving it ends, the others reconnect by themselves and
 * race for the file, and H2 gives up on the losers at once ("Lock file recently modified", 8000; "Database may be
 * already in use", 90020). 4 to 6 of 8 runs started together failed so; they now start again and all succeed.
 * The processes are separate JVMs ({@link Upgrade}): within one JVM the file is one database and never changes hands.
 */
class H2AutoServerIT {
    private static final int PROCESSES = 8;
    private static final int FAST = 6;

    @TempDir
    Path dir;

    @Test
    void eightProcessesSharingAnAutoServerFileAllSucceedAndApplyEachRevisionOnce() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        String previous = "";
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= FAST + 1; i++) {
            String id = String.format("bbbbbbbbbb%02d", i);
            // the last one takes 2 s, so that the others start while the first run serves the file, and wait
            String up = i <= FAST ? "CREATE TABLE t" + i + " (id INT PRIMARY KEY);"
                    : "CREATE ALIAS IF NOT EXISTS retort_sleep FOR 'java.lang.Thread.sleep(long)';\n"
                    + "CALL retort_sleep(2000);\nCREATE TABLE t" + i + " (id INT PRIMARY KEY);";
            Files.writeString(versions.resolve(id + ".sql"), "-- retort:revision " + id + "\n-- retort:revises " + previous
                    + "\n-- retort:message step " + i + "\n\n-- retort:upgrade\n" + up + "\n\n-- retort:downgrade\nDROP TABLE t"
                    + i + ";\n");
            ids.add(id);
            previous = id;
        }
        String url = "jdbc:h2:file:" + dir.resolve("data/app") + ";AUTO_SERVER=TRUE";
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            processes.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    Upgrade.class.getName(), dir.resolve("db").toString(), url).redirectErrorStream(true).start());
        }
        int applied = 0;
        List<String> failures = new ArrayList<>();
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() != 0) {
                failures.add(out);
                continue;
            }
            applied += Integer.parseInt(out.lines().filter(l -> l.startsWith("applied ")).findFirst()
                    .orElseThrow(() -> new AssertionError(out)).substring(8).trim());
        }
        assertThat(failures).as("runs that failed").isEmpty();
        assertThat(applied).isEqualTo(FAST + 1);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            List<String> history = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT revision FROM retort_history ORDER BY seq")) {
                while (rs.next()) history.add(rs.getString(1));
            }
            assertThat(history).containsExactlyElementsOf(ids);
            try (ResultSet rs = s.executeQuery("SELECT version_num FROM retort_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(previous);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    /** One process of the test: upgrades the project {@code args[0]} on {@code args[1]}, says how many it applied. */
    public static final class Upgrade {
        public static void main(String[] args) {
            try {
                Retort retort = Retort.builder().scriptLocation(Path.of(args[0])).url(args[1])
                        .lockTimeout(Duration.ofSeconds(60)).build();
                System.out.println("applied " + retort.upgrade("head").applied().size());
            } catch (RuntimeException e) {
                System.out.println("FAILED: " + e.getMessage());
                System.exit(1);
            }
        }
    }
}

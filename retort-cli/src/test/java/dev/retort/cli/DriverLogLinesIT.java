package dev.retort.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t14-6, t14-11: pgjdbc logs through java.util.logging, whose console handler printed its WARNING lines on
 * stderr at every verbosity, a URL it could not parse with its password among them. They show only with -vv,
 * masked, like the other drivers' lines.
 */
class DriverLogLinesIT {
    @TempDir
    Path dir;

    private String failingRun(String... args) throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
        Process p = CliJar.process(dir, args).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isEqualTo(1);
        return err;
    }

    @Test
    void aBadPortGivesOneLineWithoutTheDriversWarning() throws Exception {
        for (String quiet : new String[]{"-q", "--no-color"}) {
            String err = failingRun(quiet, "--url", "postgresql://u:pw@127.0.0.1:99999/db", "current");
            assertThat(err.strip().lines()).as(err).hasSize(1).allMatch(l -> l.startsWith("FAILED: Cannot connect to"));
        }
    }

    @Test
    void anUnparsableUrlsPasswordReachesNoOutput() throws Exception {
        // credentials before the host with an unencoded '?': rewritten now, but a URL pgjdbc cannot parse is logged
        String err = failingRun("--url", "jdbc:postgresql://postgres:SE?CRET@127.0.0.1:99999/t14_db", "current");
        assertThat(err).doesNotContain("CRET").doesNotContain("WARNING");
        String verbose = failingRun("-vv", "--url", "jdbc:postgresql://127.0.0.1:99999/t14_db?user=u&password=SE CRET", "current");
        assertThat(verbose).contains("[org.postgresql").doesNotContain("CRET");
    }
}

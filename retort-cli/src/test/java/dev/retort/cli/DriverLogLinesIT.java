package dev.retort.cli;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
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

    private String run(int rc, String upgrade, String... args) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
        if (upgrade != null) {
            Files.writeString(versions.resolve("a1.sql"), "-- retort:revision a1\n-- retort:message r7\n-- retort:upgrade\n"
                    + upgrade + "\n");
        }
        Process p = CliJar.process(dir, args).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(err).isEqualTo(rc);
        return err;
    }

    /** r7-3: pgjdbc's DEBUG line quotes a password it cannot decode bare: "Url [SE%CRET] parsing failed". */
    @Test
    void aPasswordADriverQuotesBareIsMasked() throws Exception {
        String err = run(1, null, "-vv", "--url", "jdbc:postgresql://127.0.0.1/r7_db?user=postgres&password=SE%CRET", "current");
        assertThat(err).contains("[org.postgresql").doesNotContain("SE%CRET").doesNotContain("CRET");
    }

    /** r7-8: passwords written in SQL, in a driver's log lines and in the "Caused by:" of a trace. */
    @Test
    void passwordsWrittenInSqlReachNoVerboseOutput() throws Exception {
        String err = run(1, "CREATE USERR r7_hy PASSWORD 'H2SECRET5';", "-vv", "--url", "h2:///data/h2sql", "upgrade");
        assertThat(err).contains("Caused by:").doesNotContain("H2SECRET5");
        assertThat(dir.resolve("data/h2sql.trace.db")).doesNotExist(); // r7-9
    }

    /** t47-4: on the server TestDatabase names, skipped (as every server test) when none is running. */
    @Test
    void mariaDbsQueryLinesHoldNoPassword() throws Exception {
        String user = "r7_cr" + Long.toHexString(System.nanoTime() & 0xffffff);
        try (TestDatabase database = TestDatabase.create(Engine.MARIADB);
             java.sql.Connection c = java.sql.DriverManager.getConnection(TestDatabase.MARIADB_ADMIN_URL);
             java.sql.Statement s = c.createStatement()) {
            String db = database.name();
            try {
                String err = run(0, "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'MSECOK';", "-vv", "--url",
                        database.url(), "upgrade");
                assertThat(err).contains("execute query").doesNotContain("MSECOK");
                // the driver's error quotes the statement cut anywhere: near 'BY 'MSEC1''
                Files.writeString(dir.resolve("migrations/versions/a2.sql"), "-- retort:revision a2\n-- retort:revises a1\n"
                        + "-- retort:message r7\n-- retort:upgrade\nALTER USER r7_nobody@'%' IDENTIFIED WITH mysql_native_password BY 'MSEC1';\n");
                String failed = run(1, null, "-vv", "--url", database.url(), "upgrade");
                assertThat(failed).contains("Caused by:").contains("near 'BY '***''").doesNotContain("MSEC1");
                // r7-1: a '/' or ',' in the user info's password: the driver never reads it as a port
                for (String password : new String[]{"QQXA/ZZWB", "QQXA,ZZWB"}) {
                    String refused = run(1, null, "--url", "jdbc:mariadb://r7_nobody:" + password + "@"
                            + TestDatabase.hostPort(Engine.MARIADB) + "/" + db, "current");
                    assertThat(refused).doesNotContain("QQXA").doesNotContain("ZZWB").doesNotContain("Incorrect port")
                            .contains("Access denied");
                }
            } finally {
                s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    /** r7-2: a short password is not searched for in the driver's message, which stays readable. */
    @Test
    void aShortPasswordDoesNotGarbleTheMessage() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL); // t47-4
        String err = run(1, null, "--url", "postgresql://postgres:e@" + TestDatabase.hostPort(Engine.POSTGRESQL) + "/r7_nodb",
                "current");
        assertThat(err).contains("database \"r7_nodb\" does not exist");
    }
}

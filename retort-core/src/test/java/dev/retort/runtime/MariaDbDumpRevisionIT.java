package dev.retort.runtime;

import dev.retort.graph.Direction;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t53-6: a current mariadb-dump file (10.11.8 on) begins with {@code /*M!999999\- enable the sandbox mode *}{@code /},
 * which was refused in a SQL revision as a mariadb client command. It is left out, online and in the --sql script.
 */
class MariaDbDumpRevisionIT {
    private static final String SANDBOX_LINE = "/*M!999999\\- enable the sandbox mode */";

    @Test
    void aDumpWithTheSandboxLineRunsAsARevisionOnlineAndPiped(@TempDir Path dir) throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        try (TestDatabase source = TestDatabase.create(Engine.MARIADB); Connection c = source.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE dumped (id INT PRIMARY KEY, code VARCHAR(10))");
            s.execute("INSERT INTO dumped VALUES (1, 'a'), (2, 'b')");
            String dump = mariadbDump(source);
            Assumptions.assumeTrue(dump.startsWith(SANDBOX_LINE), "this mariadb-dump writes no sandbox line");
            Files.createDirectories(dir.resolve("versions"));
            Files.writeString(dir.resolve("versions/d1.sql"), "-- retort:revision d1d1d1d1d1d1\n-- retort:upgrade\n"
                    + dump + "-- retort:downgrade\nDROP TABLE dumped;\n");
            Files.writeString(dir.resolve("versions/d2.sql"), "-- retort:revision d2d2d2d2d2d2\n-- retort:revises d1d1d1d1d1d1\n"
                    + "-- retort:upgrade\nCREATE TABLE after_dump (id INT);\n-- retort:downgrade\nDROP TABLE after_dump;\n");
            try (TestDatabase online = TestDatabase.create(Engine.MARIADB); Connection o = online.connect()) {
                Retort.builder().scriptLocation(dir).url(online.url()).build().upgrade("heads");
                assertThat(values(o, "SELECT code FROM dumped ORDER BY id")).containsExactly("a", "b");
                assertThat(values(o, "SELECT count(*) FROM after_dump")).containsExactly("0");
            }
            try (TestDatabase offline = TestDatabase.create(Engine.MARIADB); Connection o = offline.connect()) {
                String script = Retort.builder().scriptLocation(dir).url(offline.url()).build().sql(Direction.UPGRADE, "heads", null);
                assertThat(script).doesNotContain("sandbox").contains("CREATE TABLE `dumped`");
                Clients.feed(Engine.MARIADB, offline, script);
                assertThat(values(o, "SELECT code FROM dumped ORDER BY id")).containsExactly("a", "b");
                assertThat(values(o, "SELECT count(*) FROM after_dump")).containsExactly("0");
            }
        }
    }

    private static String mariadbDump(TestDatabase db) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(TestDatabase.clientCommand("mariadb-dump", Engine.MARIADB, db.name())).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("mariadb-dump is not installed: " + e.getMessage());
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }

    private static List<String> values(Connection c, String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}

package dev.retort.cli.commands;

import dev.retort.cli.Main;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command works: examples/quickstart (copied, so the repo stays clean) upgrades SQLite;
 * and its scripts run unchanged on the other engines.
 */
class QuickstartIT {
    @TempDir
    Path dir;

    @Test
    void upgradeHeadPrintsTheStepLogAndDowngradeBaseUndoesIt() throws Exception {
        Path source = Path.of("../examples/quickstart").toAbsolutePath().normalize();
        copy(source, dir);
        String config = dir.resolve("retort.toml").toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"-c", config, "upgrade", "head"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String log = err.toString(StandardCharsets.UTF_8).replaceAll(" \\(\\d+ ms\\)", "");
        assertThat(code).as(log).isZero();
        assertThat(log).contains("""
                INFO  [retort] Running upgrade  -> 1a2b3c4d5e60, create customer
                INFO  [retort] Running upgrade 1a2b3c4d5e60 -> 2b3c4d5e6f70, create orders
                INFO  [retort] Running upgrade 1a2b3c4d5e60 -> 3c4d5e6f7a80, reporting: daily totals
                INFO  [retort] Running upgrade 2b3c4d5e6f70 -> 4d5e6f7a8b90, add loyalty tier
                INFO  [retort] Running upgrade 4d5e6f7a8b90, 3c4d5e6f7a80 -> 5e6f7a8b9ca0, merge reporting into main
                """);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/app.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, tier FROM customer ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "/" + rs.getString(2)).isEqualTo("Ada O'Hara/silver");
        }
        int down = Main.run(new String[]{"-c", config, "downgrade", "base"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(down).isZero();
    }

    /**
     * t55-11: the reporting revision's comment said its command moves the reporting branch on its own, but
     * reporting@head is the merge and ran the main line too. The command the comment gives now does what it says.
     */
    @Test
    void theReportingCommentsCommandAppliesTheBranchAlone() throws Exception {
        Path source = Path.of("../examples/quickstart").toAbsolutePath().normalize();
        copy(source, dir);
        String comment;
        try (Stream<Path> files = Files.list(dir.resolve("migrations/versions"))) {
            Path file = files.filter(f -> f.getFileName().toString().contains("3c4d5e6f7a80")).findFirst().orElseThrow();
            comment = Files.readString(file);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^--   \\./retort -c examples/quickstart/retort\\.toml (.+)$")
                .matcher(comment);
        assertThat(m.find()).as(comment).isTrue();
        String[] command = m.group(1).strip().split(" ");
        String[] args = new String[command.length + 2];
        args[0] = "-c";
        args[1] = dir.resolve("retort.toml").toString();
        System.arraycopy(command, 0, args, 2, command.length);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String log = err.toString(StandardCharsets.UTF_8).replaceAll(" \\(\\d+ ms\\)", "");
        assertThat(code).as(log).isZero();
        assertThat(log).contains("""
                INFO  [retort] Running upgrade  -> 1a2b3c4d5e60, create customer
                INFO  [retort] Running upgrade 1a2b3c4d5e60 -> 3c4d5e6f7a80, reporting: daily totals
                """).doesNotContain("create orders").doesNotContain("loyalty").doesNotContain("merge");
    }

    /** The same scripts on every engine: up, all the way down (the downgrades are portable too), up again. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void theQuickstartRunsOnEveryEngine(Engine engine) throws Exception {
        copy(Path.of("../examples/quickstart").toAbsolutePath().normalize(), dir);
        String config = dir.resolve("retort.toml").toString();
        try (TestDatabase db = TestDatabase.create(engine)) {
            for (String[] command : new String[][]{{"upgrade", "head"}, {"downgrade", "base"}, {"upgrade", "head"}}) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = Main.run(new String[]{"-c", config, "--url", db.url(), command[0], command[1]},
                        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
                assertThat(code).as(String.join(" ", command) + ": " + err.toString(StandardCharsets.UTF_8)).isZero();
            }
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT c.name, c.tier, t.orders FROM customer c, daily_totals t ORDER BY c.id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getInt(3)).isEqualTo("Ada O'Hara/silver/2"); // the seed's two orders, counted by the merge
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("data") || rel.startsWith(".retort")) continue;
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(target); else Files.copy(p, target);
            }
        }
    }
}

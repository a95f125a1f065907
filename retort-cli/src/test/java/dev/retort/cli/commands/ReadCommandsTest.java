package dev.retort.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden output of the read-only commands over the graph of alembic.md's examples: a branch point,
 * a merge, a second base with a branch label and a depends_on.
 */
class ReadCommandsTest {
    @TempDir
    Path dir;
    Path config;
    Path versions;

    private void sql(String id, String revises, String message, String extra) throws IOException {
        Files.writeString(versions.resolve(id + ".sql"), "-- retort:revision " + id + "\n"
                + (revises == null ? "" : "-- retort:revises " + revises + "\n")
                + "-- retort:message " + message + "\n-- retort:created 2026-01-22T10:30:00Z\n" + extra
                + "-- retort:upgrade\nSELECT 1;\n-- retort:downgrade\nSELECT 2;\n");
    }

    @BeforeEach
    void project() throws IOException {
        versions = Files.createDirectories(dir.resolve("migrations/versions"));
        config = dir.resolve("retort.toml");
        Files.writeString(config, "[retort]\nscript_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
        sql("aaaa1111", null, "create account table", "");
        sql("aaaa2222", "aaaa1111", "add col", "");
        sql("bbbb1111", "aaaa2222", "b", "");
        sql("cccc1111", "aaaa2222", "c", "");
        sql("mmmm1111", "bbbb1111, cccc1111", "merge b and c", "");
        sql("dddd1111", null, "other base", "-- retort:branch-labels other\n");
        sql("dddd2222", "dddd1111", "other 2", "-- retort:depends-on aaaa2222\n");
    }

    private CliRun ok(String... args) {
        CliRun r = CliRun.run(config, args);
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }

    @Test
    void history() {
        assertThat(ok("history").out()).isEqualTo("""
                bbbb1111, cccc1111 -> mmmm1111 (head) (mergepoint), merge b and c
                dddd1111 (aaaa2222) -> dddd2222 (other) (head), other 2
                <base> -> dddd1111 (other), other base
                aaaa2222 -> cccc1111, c
                aaaa2222 -> bbbb1111, b
                aaaa1111 -> aaaa2222 (branchpoint), add col
                <base> -> aaaa1111, create account table
                """);
    }

    @Test
    void historyRange() {
        assertThat(ok("history", "-r", "aaaa2222:bbbb1111").out()).isEqualTo("""
                aaaa2222 -> bbbb1111, b
                aaaa1111 -> aaaa2222 (branchpoint), add col
                """);
        CliRun bad = CliRun.run(config, "history", "-r", "nope:");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("FAILED: Can't locate revision identified by 'nope'");
    }

    @Test
    void historyIndicateCurrentReadsTheVersionTable() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE retort_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
            s.execute("INSERT INTO retort_version VALUES ('bbbb1111')");
        }
        String out = ok("history", "-i").out();
        assertThat(out).contains("aaaa2222 -> bbbb1111 (current), b\n");
        assertThat(out).contains("aaaa2222 -> cccc1111, c\n");
        assertThat(ok("history", "-r", "current:").out()).startsWith("bbbb1111, cccc1111 -> mmmm1111");
        // -N counts from the database's rows too (it did not connect and failed as if nothing were applied)
        assertThat(ok("history", "-r", "-1:").out()).endsWith("aaaa1111 -> aaaa2222 (branchpoint), add col\n")
                .contains("aaaa2222 -> bbbb1111, b\n");
        assertThat(ok("show", "-1").out()).startsWith("Rev: aaaa2222 (branchpoint)\n");
    }

    /**
     * t70-1: a label that merely contains the word current ({@code concurrent_idx}) names a revision, read from the
     * files: show and history connected for it (here: the WARN that app.db does not exist, and no database at all
     * failed them). A walk from a named revision reads no database either.
     */
    @Test
    void aNameContainingCurrentDoesNotReadTheDatabase() throws IOException {
        sql("eeee1111", "mmmm1111", "index", "-- retort:branch-labels concurrent_idx\n");
        for (String[] args : List.of(new String[] {"show", "concurrent_idx"},
                new String[] {"history", "-r", "aaaa1111:concurrent_idx"},
                new String[] {"history", "-r", "aaaa2222-1:concurrent_idx"})) {
            CliRun r = ok(args);
            assertThat(r.err()).as(String.join(" ", args)).isEmpty();
        }
        assertThat(ok("show", "concurrent_idx").out()).startsWith("Rev: eeee1111 (head)\n");
        assertThat(dir.resolve("app.db")).doesNotExist();
        // the word itself still reads the rows (the WARN: app.db does not exist)
        assertThat(ok("history", "-r", "current:").err()).contains("does not exist");
    }

    /** t21-2: an unknown row beside a known one: the known one is marked, and the warning says so. */
    @Test
    void historyIndicateCurrentWarnsOfAnUnknownRowOnly() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE retort_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
            s.execute("INSERT INTO retort_version VALUES ('bbbb1111'), ('zzzz9999')");
        }
        CliRun r = ok("history", "-i");
        assertThat(r.out()).contains("aaaa2222 -> bbbb1111 (current), b\n");
        assertThat(r.err()).isEqualTo("WARN  [retort] Can't locate revision identified by 'zzzz9999': the database's"
                + " version table names a revision none of these scripts has, so no line is marked (current) for it\n");
    }

    @Test
    void heads() {
        assertThat(ok("heads").out()).isEqualTo("""
                mmmm1111 (head)
                dddd2222 (other) (head)
                """);
    }

    @Test
    void headsVerbose() {
        assertThat(ok("heads", "-v").out()).endsWith("""
                Rev: dddd2222 (head)
                Parent: dddd1111
                Also depends on: aaaa2222
                Branch names: other
                Path: %s

                    other 2

                    Revision ID: dddd2222
                    Revises: dddd1111
                    Create Date: 2026-01-22T10:30:00Z

                """.formatted(versions.resolve("dddd2222.sql")));
        assertThat(ok("heads", "-v").out()).startsWith("Rev: mmmm1111 (head) (mergepoint)\nMerges: bbbb1111, cccc1111\n");
    }

    @Test
    void branches() {
        assertThat(ok("branches").out()).isEqualTo("""
                aaaa2222 (branchpoint)
                         -> cccc1111
                         -> bbbb1111

                """);
    }

    @Test
    void show() throws IOException {
        assertThat(ok("show", "aaaa2").out()).isEqualTo("""
                Rev: aaaa2222 (branchpoint)
                Parent: aaaa1111
                Branches into: cccc1111, bbbb1111
                Path: %s

                    add col

                    Revision ID: aaaa2222
                    Revises: aaaa1111
                    Create Date: 2026-01-22T10:30:00Z

                """.formatted(versions.resolve("aaaa2222.sql")));
        assertThat(ok("show", "mmmm1111").out()).startsWith("Rev: mmmm1111 (head) (mergepoint)\nMerges: bbbb1111, cccc1111\n");
        assertThat(ok("show", "other@head").out()).startsWith("Rev: dddd2222 (head)\n");
        // a hand-written file without a created line: no empty "Create Date:" line
        Files.writeString(versions.resolve("eeee1111.sql"),
                "-- retort:revision eeee1111\n-- retort:revises dddd2222\n-- retort:message by hand\n-- retort:upgrade\nSELECT 1;\n");
        assertThat(ok("show", "eeee1111").out()).endsWith("""
                    by hand

                    Revision ID: eeee1111
                    Revises: dddd2222

                """);
        CliRun missing = CliRun.run(config, "show", "zzzz");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("FAILED: Can't locate revision identified by 'zzzz'\n");
    }

    @Test
    void graphAscii() {
        assertThat(ok("graph").out()).isEqualTo("""
                * mmmm1111 (head) (mergepoint) merge b and c
                |\\
                | | * dddd2222 (other) (head) (depends on aaaa2222) other 2
                | | * dddd1111 (other) other base
                | * cccc1111 c
                * | bbbb1111 b
                |/
                * aaaa2222 (branchpoint) add col
                * aaaa1111 create account table
                """);
    }

    @Test
    void graphDotAndMermaid() {
        String dot = ok("graph", "--format", "dot").out();
        assertThat(dot).startsWith("digraph revisions {\n  rankdir=BT;\n")
                .contains("  \"aaaa1111\" [label=\"aaaa1111\\ncreate account table\"];\n")
                .contains("  \"bbbb1111\" -> \"mmmm1111\";\n  \"cccc1111\" -> \"mmmm1111\";\n")
                .contains("  \"aaaa2222\" -> \"dddd2222\" [style=dashed, label=\"depends on\"];\n")
                .endsWith("}\n");
        String mermaid = ok("graph", "--format", "mermaid").out();
        assertThat(mermaid).startsWith("flowchart BT\n")
                .contains("    r_mmmm1111[\"mmmm1111<br/>merge b and c\"]\n")
                .contains("    r_aaaa2222 --> r_bbbb1111\n")
                .contains("    r_aaaa2222 -.->|depends on| r_dddd2222\n");
        assertThat(CliRun.run(config, "graph", "--format", "png").exit()).isEqualTo(2);
    }

    /**
     * t61-8: a depends_on written as a branch label is given in --json as the revision it means (the label spread to
     * the branch's revisions, so branch_labels does not say which declares it), its spelling beside.
     */
    @Test
    void jsonResolvesALabelInDependsOn() throws Exception {
        sql("eeee1111", null, "lib base", "-- retort:branch-labels lib\n");
        sql("eeee2222", "eeee1111", "lib 2", "");
        sql("ffff1111", null, "app base", "-- retort:depends-on lib, aaaa2222\n");
        for (String command : List.of("graph", "history", "heads")) {
            JsonNode revisions = new ObjectMapper().readTree(ok("--json", command).out()).get("revisions");
            JsonNode f = null;
            for (JsonNode r : revisions) if (r.get("revision").asText().equals("ffff1111")) f = r;
            assertThat(f).as(command).isNotNull();
            assertThat(f.get("depends_on")).extracting(JsonNode::asText).containsExactly("eeee1111", "aaaa2222");
            assertThat(f.get("depends_on_as_written")).extracting(JsonNode::asText).containsExactly("lib", "aaaa2222");
        }
    }

    /** t16-8: --json tells an effective head (a head another revision depends on) from a real one, as the text does. */
    @Test
    void jsonMarksAnEffectiveHead() throws Exception {
        sql("eeee1111", null, "lib base", "-- retort:branch-labels lib\n");
        sql("ffff1111", null, "app base", "-- retort:depends-on lib\n");
        assertThat(ok("heads").out()).contains("eeee1111 (lib) (effective head)");
        JsonNode heads = new ObjectMapper().readTree(ok("--json", "heads").out()).get("revisions");
        java.util.Map<String, Boolean> effective = new java.util.TreeMap<>();
        for (JsonNode h : heads) effective.put(h.get("revision").asText(), h.get("is_effective_head").asBoolean());
        assertThat(effective).containsEntry("eeee1111", true).containsEntry("ffff1111", false)
                .containsEntry("mmmm1111", false);
    }

    @Test
    void jsonShapes() throws Exception {
        JsonNode heads = new ObjectMapper().readTree(ok("--json", "heads").out());
        assertThat(heads.get("revisions")).hasSize(2);
        JsonNode d = heads.get("revisions").get(1);
        assertThat(d.toString()).isEqualTo("{\"revision\":\"dddd2222\",\"revises\":[\"dddd1111\"],"
                + "\"branch_labels\":[\"other\"],\"depends_on\":[\"aaaa2222\"],\"depends_on_as_written\":[\"aaaa2222\"],"
                + "\"message\":\"other 2\","
                + "\"created\":\"2026-01-22T10:30:00Z\",\"path\":" + new ObjectMapper().writeValueAsString(
                versions.resolve("dddd2222.sql").toString()) + ",\"is_head\":true,\"is_effective_head\":false,\"is_base\":false,"
                + "\"is_branch_point\":false,\"is_merge_point\":false}");
        JsonNode history = new ObjectMapper().readTree(ok("history", "--json").out());
        assertThat(history.get("revisions")).extracting(n -> n.get("revision").asText())
                .containsExactly("mmmm1111", "dddd2222", "dddd1111", "cccc1111", "bbbb1111", "aaaa2222", "aaaa1111");
        assertThat(history.get("revisions").get(0).get("is_merge_point").asBoolean()).isTrue();
        assertThat(history.get("revisions").get(0).get("revises")).extracting(JsonNode::asText)
                .containsExactly("bbbb1111", "cccc1111");
        JsonNode branches = new ObjectMapper().readTree(ok("branches", "--json").out());
        assertThat(branches.get("revisions")).extracting(n -> n.get("revision").asText()).containsExactly("aaaa2222");
        // t50-4: where each branch point leads, in the order of the text's '->' lines
        assertThat(branches.get("revisions").get(0).get("branches_into")).extracting(JsonNode::asText)
                .containsExactly("cccc1111", "bbbb1111");
        assertThat(branches.get("revisions").get(0).get("is_branch_point").asBoolean()).isTrue();
        JsonNode graph = new ObjectMapper().readTree(ok("graph", "--json").out());
        assertThat(graph).isEqualTo(history);
        JsonNode show = new ObjectMapper().readTree(ok("show", "aaaa1111", "--json").out());
        assertThat(show.get("revisions").get(0).get("is_base").asBoolean()).isTrue();
    }

    @Test
    void resolveDependencies() throws IOException {
        sql("eeee1111", null, "dep target", "");
        sql("ffff1111", "mmmm1111", "uses e", "-- retort:depends-on eeee1111\n");
        assertThat(ok("heads").out()).contains("eeee1111 (effective head)\n");
        assertThat(ok("heads", "--resolve-dependencies").out()).doesNotContain("eeee1111");
    }

    /**
     * With --json every failure prints a JSON document with an "error" on stdout, as a real run does (t12-6): a
     * script piping check --json into jq gets the reason, not a parse error. One document, also for a real run.
     */
    @Test
    void jsonFailuresPrintTheErrorOnStdout() throws IOException {
        String closed = "postgresql://postgres@127.0.0.1:1/x";
        String[][] failing = {
                {"upgrade", "--dry-run", "--json"},
                {"upgrade", "--json"},
                {"stamp", "head", "--dry-run", "--json"},
                {"--url", closed, "check", "--json"},
                {"--url", closed, "current", "--json"},
                {"-n", "main", "heads", "--json"},
                {"history", "-r", "nope:", "--json"},
                {"show", "zzzz", "--json"},
        };
        for (String[] args : failing) {
            CliRun r = CliRun.run(config, args);
            String command = String.join(" ", args);
            assertThat(r.exit()).as(command).isEqualTo(1);
            JsonNode json = new ObjectMapper().readTree(r.out());
            String failed = r.err().lines().filter(l -> l.startsWith("FAILED: ")).findFirst().orElseThrow();
            assertThat(json.get("error").asText()).as(command).isEqualTo(failed.substring("FAILED: ".length()));
            assertThat(r.out().split("\"error\"", -1)).as(command + ": one document").hasSize(2);
        }
        // without --json stdout stays empty
        assertThat(CliRun.run(config, "upgrade", "--dry-run").out()).isEmpty();
    }

    /**
     * A url read from a variable that is set only on the servers (url = "${DATABASE_URL}") fails only what uses the
     * URL, naming the variable and the file; the graph-only commands work without it, as without any url (t23-6).
     */
    @Test
    void anUnsetVariableInTheUrlFailsOnlyWhatUsesTheUrl() throws IOException {
        String variable = "RETORT_T23_6_NEVER_SET";
        assertThat(System.getenv(variable)).isNull();
        Files.writeString(config, "[retort]\nscript_location = \"migrations\"\nurl = \"${" + variable + "}\"\n"
                + "[env.production]\nurl = \"${" + variable + "}\"\n");
        for (String[] args : new String[][]{{"heads"}, {"history"}, {"show", "mmmm1111"}, {"branches"}, {"graph"},
                {"--env", "production", "heads"}, {"revision", "-m", "two", "--head", "dddd2222"}}) {
            CliRun r = CliRun.run(config, args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        }
        String unset = "Environment variable " + variable + " is not set (used by 'url' in " + config.toAbsolutePath()
                + "; write ${" + variable + ":-default} for a fallback)";
        CliRun current = CliRun.run(config, "current");
        assertThat(current.exit()).isEqualTo(1);
        assertThat(current.err()).contains("FAILED: " + unset);
        CliRun upgrade = CliRun.run(config, "--env", "production", "upgrade", "heads");
        assertThat(upgrade.exit()).isEqualTo(1);
        assertThat(upgrade.err()).contains("FAILED: " + unset.replace("'url' in ", "'url' in [env.production] of "));
        CliRun offline = CliRun.run(config, "upgrade", "heads", "--sql");
        assertThat(offline.exit()).isEqualTo(1);
        assertThat(offline.err()).contains("FAILED: Offline mode needs a database URL to pick the SQL dialect: " + unset);
    }

    /**
     * t65-1: --json with --sql printed the SQL script, ignoring --json (and --dry-run): a usage error now, exit 2,
     * whatever the order of the flags; the script without --json is unchanged, --dry-run or not.
     */
    @Test
    void jsonWithSqlIsAUsageError() {
        for (String[] args : new String[][]{{"--json", "upgrade", "--sql", "aaaa1111"},
                {"--json", "upgrade", "--sql", "--dry-run", "base:aaaa1111"}, {"stamp", "--sql", "aaaa1111", "--json"},
                {"--json", "stamp", "--sql", "--dry-run", "base:aaaa1111"}, {"downgrade", "--json", "--sql", "aaaa2222:aaaa1111"}}) {
            CliRun r = CliRun.runNoColor(config, args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err()).startsWith("--json cannot be used with --sql, whose output is a SQL script"
                    + " (--dry-run --json without --sql gives the steps as JSON)\nUsage: retort ");
        }
        String script = ok("upgrade", "--sql", "base:aaaa1111").out();
        assertThat(script).contains("BEGIN;");
        assertThat(ok("upgrade", "--sql", "--dry-run", "base:aaaa1111").out()).isEqualTo(script);
    }
}

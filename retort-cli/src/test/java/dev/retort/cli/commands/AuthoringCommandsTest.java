package dev.retort.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retort.RetortException;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.script.ScriptDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** init, list-templates, revision, merge, edit: golden output and the files they write, read back. */
class AuthoringCommandsTest {
    @TempDir
    Path dir;

    private Path config() {
        return dir.resolve("retort.toml");
    }

    private CliRun ok(String... args) {
        CliRun r = CliRun.run(config(), args);
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }

    private CliRun fails(int exit, String... args) {
        CliRun r = CliRun.run(config(), args);
        assertThat(r.exit()).as(r.out()).isEqualTo(exit);
        return r;
    }

    private Path initGeneric() throws IOException {
        ok("init", dir.resolve("migrations").toString());
        // plain file names make the goldens stable; init's own template is checked in initWritesTheScaffold
        String toml = Files.readString(config()).replace("file_template = \"{year}{month}{day}_{hour}{minute}_{rev}_{slug}\"",
                "file_template = \"{rev}_{slug}\"");
        Files.writeString(config(), toml);
        return dir.resolve("migrations/versions");
    }

    @Test
    void quietSilencesTheProgressLinesButNotJson() throws IOException {
        assertThat(ok("-q", "init", dir.resolve("migrations").toString()).out()).isEmpty();
        assertThat(dir.resolve("migrations/versions")).isDirectory();
        // a file left as it was is still said
        assertThat(ok("-q", "init", dir.resolve("other").toString()).out())
                .isEqualTo("File " + config() + " already exists, skipping\n");
        assertThat(ok("-q", "revision", "-m", "one", "--rev-id", "qq000001", "--sql-file").out()).isEmpty();
        assertThat(ok("-q", "revision", "-m", "two", "--rev-id", "qq000002", "--sql-file", "--head", "base").out())
                .isEmpty();
        assertThat(ok("-q", "merge", "heads", "-m", "join", "--rev-id", "qq000003").out()).isEmpty();
        // --json is the result, not a progress line: a script reads the new file's path from it
        assertThat(ok("-q", "--json", "revision", "-m", "three", "--rev-id", "qq000004", "--sql-file").out())
                .contains("\"revision\" : \"qq000004\"").contains("qq000004_three.sql");
    }

    @Test
    void initWritesTheScaffold() throws IOException {
        Path m = dir.resolve("migrations");
        assertThat(ok("init", m.toString()).out()).isEqualTo("""
                Creating directory %1$s/migrations ...  done
                Creating directory %1$s/migrations/versions ...  done
                Generating %1$s/migrations/versions/.gitkeep ...  done
                Generating %1$s/migrations/script.java.template ...  done
                Generating %1$s/migrations/script.sql.template ...  done
                Generating %1$s/migrations/README ...  done
                Creating directory %1$s/data ...  done
                Generating %1$s/retort.toml ...  done
                Ready to use with SQLite at data/app.db; for another database, edit the url in '%1$s/retort.toml'.
                """.formatted(dir));
        RetortConfig c = ConfigLoader.load(config(), null, null, null, Map.of(), Map.of());
        assertThat(c.scriptLocation()).isEqualTo(m);
        assertThat(c.versionLocations()).containsExactly(m.resolve("versions"));
        assertThat(c.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/app.db"));
        assertThat(c.fileTemplate()).isEqualTo("{year}{month}{day}_{hour}{minute}_{rev}_{slug}");
        assertThat(ScriptDirectory.load(c).scripts()).isEmpty();
        assertThat(Files.readString(m.resolve("README"))).startsWith("Generic single-database configuration.");

        CliRun again = fails(1, "init", m.toString());
        assertThat(again.err()).isEqualTo("FAILED: Directory " + m + " already exists and is not empty\n");
    }

    /** t27-6: with --json stdout holds one JSON document, the files made and left; the progress lines go to stderr. */
    @Test
    void initJsonPrintsOneDocument() throws IOException {
        Path m = dir.resolve("migrations");
        CliRun r = ok("--json", "init", m.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("config").asText()).isEqualTo(config().toString());
        assertThat(json.get("created")).extracting(JsonNode::asText).containsExactly(m.toString(), m.resolve("versions").toString(),
                m.resolve("versions/.gitkeep").toString(), m.resolve("script.java.template").toString(),
                m.resolve("script.sql.template").toString(), m.resolve("README").toString(), dir.resolve("data").toString(),
                config().toString());
        assertThat(json.get("skipped")).isEmpty();
        assertThat(r.err()).startsWith("Creating directory " + m + " ...  done\n")
                .endsWith("Ready to use with SQLite at data/app.db; for another database, edit the url in '" + config() + "'.\n");
        CliRun other = ok("-q", "--json", "init", dir.resolve("other").toString());
        assertThat(new ObjectMapper().readTree(other.out()).get("skipped")).extracting(JsonNode::asText)
                .containsExactly(config().toString());
        assertThat(other.err()).isEqualTo("File " + config() + " already exists, skipping\n");
    }

    @Test
    void initKeepsAnExistingConfigAndNeverPrintsPasswords() throws IOException {
        Files.writeString(config(), "[retort]\nscript_location = \"migrations\"\n"
                + "url = \"postgresql://app:s3cret@127.0.0.1:1/app\"\n");
        CliRun r = ok("init", dir.resolve("migrations").toString());
        assertThat(r.out()).contains("File " + config() + " already exists, skipping\n")
                .endsWith("'" + config() + "' was left as it was: set its script_location (and url) for this project if needed.\n");
        assertThat(Files.readString(config())).contains("s3cret");
        CliRun history = fails(1, "history", "-i");
        assertThat(history.err()).contains("postgresql://app:***@127.0.0.1:1/app").doesNotContain("s3cret");
        assertThat(history.out()).doesNotContain("s3cret");
    }

    @Test
    void initMultidb() throws IOException {
        Path m = dir.resolve("db");
        // t55-6: the last line says what is true, not Alembic's "Please edit the database url ... before proceeding"
        assertThat(ok("init", m.toString(), "--template", "multidb").out()).endsWith("Ready to use with SQLite at"
                + " data/main.db and data/reports.db; for others, edit the urls in '" + config() + "'.\n");
        assertThat(m.resolve("main/versions")).isDirectory();
        assertThat(m.resolve("reports/versions")).isDirectory();
        RetortConfig reports = ConfigLoader.load(config(), null, "reports", null, Map.of(), Map.of());
        assertThat(reports.versionLocations()).containsExactly(m.resolve("reports/versions"));
        assertThat(reports.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/reports.db"));
        ok("-n", "reports", "revision", "-m", "reports base", "--rev-id", "rep00001");
        assertThat(m.resolve("reports/versions")).isDirectoryContaining(p -> p.getFileName().toString().contains("rep00001"));
        assertThat(ok("-n", "reports", "heads").out()).isEqualTo("rep00001 (head)\n");
        assertThat(ok("-n", "main", "heads").out()).isEmpty();
        assertThat(fails(1, "heads").err()).contains("choose one with -n NAME");
        assertThat(fails(1, "init", dir.resolve("x").toString(), "-t", "nope").err())
                .isEqualTo("FAILED: No such template 'nope'; available: generic, multidb\n");
    }

    @Test
    void listTemplates() {
        assertThat(ok("list-templates").out()).isEqualTo("""
                Available templates:

                generic - Generic single-database configuration.
                multidb - Multi-database configuration: several databases, one version table and one revision graph each.

                Templates are used via the 'init' command, e.g.:

                  retort init --template generic ./migrations
                """);
    }

    @Test
    void revisionWritesAJavaRevisionFromTheTemplate() throws IOException {
        Path versions = initGeneric();
        assertThat(ok("revision", "-m", "Add account table!", "--rev-id", "ae1027a6acf1").out())
                .isEqualTo("Generating " + versions.resolve("ae1027a6acf1_add_account_table.java") + " ...  done\n");
        String text = Files.readString(versions.resolve("ae1027a6acf1_add_account_table.java"));
        assertThat(text.replaceAll("created = \"[^\"]+\"", "created = \"DATE\"")).isEqualTo("""
                import dev.retort.migration.*;

                @Revision(id = "ae1027a6acf1", revises = {},
                          message = "Add account table!", created = "DATE")
                class R_ae1027a6acf1_AddAccountTable extends Migration {
                    @Override public void upgrade(Operations op) throws Exception {
                    }

                    @Override public void downgrade(Operations op) throws Exception {
                    }
                }
                """);
        assertThat(text).containsPattern("created = \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"");

        ok("revision", "-m", "second \"quoted\" one", "--rev-id", "bbbb0002", "--branch-label", "core");
        String second = Files.readString(versions.resolve("bbbb0002_second_quoted_one.java"));
        assertThat(second).contains("@Revision(id = \"bbbb0002\", revises = \"ae1027a6acf1\",\n")
                .contains("message = \"second \\\"quoted\\\" one\"")
                .contains(",\n          branchLabels = {\"core\"})\n")
                .contains("class R_bbbb0002_SecondQuotedOne extends Migration");
        assertThat(ok("heads").out()).isEqualTo("bbbb0002 (core) (head)\n");
        ok("history");
        ok("show", "head");
        ok("graph");
        assertThat(dir.resolve(".retort")).as("read-only commands compile nothing").doesNotExist();
        assertThat(ok("--json", "revision", "-m", "third", "--rev-id", "cccc0003").out())
                .contains("\"revision\" : \"cccc0003\"").contains("\"revises\" : [ \"bbbb0002\" ]");
    }

    @Test
    void revisionWritesASqlRevision() throws IOException {
        Path versions = initGeneric();
        ok("revision", "-m", "base", "--rev-id", "aaaa0001");
        ok("revision", "--sql-file", "-m", "create index concurrently", "--rev-id", "aaaa0002", "--depends-on", "aaaa0")
                ;
        String text = Files.readString(versions.resolve("aaaa0002_create_index_concurrently.sql"));
        assertThat(text.replaceAll("created \\S+", "created DATE")).isEqualTo("""
                -- retort:revision aaaa0002
                -- retort:revises aaaa0001
                -- retort:message create index concurrently
                -- retort:created DATE
                -- retort:depends-on aaaa0001

                -- retort:upgrade

                -- retort:downgrade
                """);
        assertThat(ok("history").out()).isEqualTo("""
                aaaa0001 (aaaa0001) -> aaaa0002 (head), create index concurrently
                <base> -> aaaa0001, base
                """);
    }

    @Test
    void alembicRulesForMultipleHeads() throws IOException {
        Path versions = initGeneric();
        ok("revision", "-m", "a", "--rev-id", "aaaa0001");
        ok("revision", "-m", "b", "--rev-id", "bbbb0001");
        assertThat(fails(1, "revision", "-m", "c", "--head", "aaaa0001").err()).isEqualTo(
                "FAILED: Revision aaaa0001 is not a head revision; please specify --splice to create a new branch from this revision\n");
        ok("revision", "-m", "c", "--head", "aaaa0001", "--splice", "--rev-id", "cccc0001");
        assertThat(fails(1, "revision", "-m", "d").err()).isEqualTo("FAILED: Multiple heads are present; please specify "
                + "the head revision on which the new revision should be based, or perform a merge.\n");
        ok("revision", "-m", "d", "--head", "cccc0001", "--rev-id", "dddd0001");
        ok("revision", "-m", "new base", "--head", "base", "--rev-id", "eeee0001");
        assertThat(fails(1, "revision", "-m", "dup", "--rev-id", "eeee0001").err())
                .startsWith("FAILED: Revision id 'eeee0001' already exists");
        assertThat(fails(1, "revision", "-m", "bad", "--rev-id", "a-b", "--head", "base").err())
                .isEqualTo("FAILED: Character(s) '-' not allowed in revision identifier 'a-b'\n");
        assertThat(fails(1, "revision", "-m", "bad", "--rev-id", "a.b", "--head", "base").err())
                .isEqualTo("FAILED: Invalid revision id 'a.b': letters, digits and underscores only\n");
        assertThat(fails(1, "revision", "-m", "x", "--head", "base", "--version-path", "/nowhere").err())
                .startsWith("FAILED: Path /nowhere is not represented in current version locations");
        // several heads: stamped and upgraded as "heads" (t37-6)
        // (after the warning that the project's SQLite file does not exist yet, t56-11)
        assertThat(fails(1, "revision", "--autogenerate", "-m", "x").err()).contains("\nFAILED: Target database is not up to date.")
                .contains(" 5 revision(s) pending: ", "aaaa0001 (a)", "Apply them first with 'retort upgrade heads'",
                        "record that with 'retort stamp heads'");

        assertThat(ok("merge", "bbbb0001", "dddd0001", "-m", "merge b and d", "--rev-id", "mmmm0001").out())
                .isEqualTo("Generating " + versions.resolve("mmmm0001_merge_b_and_d.java") + " ...  done\n");
        assertThat(Files.readString(versions.resolve("mmmm0001_merge_b_and_d.java")))
                .contains("revises = {\"bbbb0001\", \"dddd0001\"}");
        assertThat(fails(1, "merge", "mmmm0001", "-m", "alone").err())
                .isEqualTo("FAILED: A merge needs two or more revisions; mmmm0001 names only mmmm0001\n");
        assertThat(ok("--json", "merge", "heads", "-m", "all", "--rev-id", "zzzz0001").out()).as("same shape as revision --json")
                .matches("(?s)\\{\\s*\"revision\" : \"zzzz0001\",\\s*\"revises\" : \\[ \"mmmm0001\", \"eeee0001\" \\],"
                        + "\\s*\"path\" : \"[^\"]*zzzz0001_all\\.java\"\\s*}\\s*");
        assertThat(ok("heads").out()).isEqualTo("zzzz0001 (head)\n");
        assertThat(ok("history").out()).startsWith("mmmm0001, eeee0001 -> zzzz0001 (head) (mergepoint), all\n")
                .contains("<base> -> eeee0001, new base\n");
    }

    @Test
    void roundTripInitRevisionMergeReadBackAndCompile() throws IOException {
        initGeneric();
        ok("revision", "-m", "one", "--rev-id", "rt000001");
        ok("revision", "-m", "two", "--rev-id", "rt000002", "--sql-file");
        ok("revision", "-m", "side", "--head", "base", "--rev-id", "rt000003", "--branch-label", "side");
        assertThat(fails(1, "merge", "heads", "-m", "x", "--rev-id", "bad-id").err())
                .isEqualTo("FAILED: Character(s) '-' not allowed in revision identifier 'bad-id'\n");
        ok("merge", "heads", "-m", "join", "--rev-id", "rt000004");

        RetortConfig c = ConfigLoader.load(config(), null, null, null, Map.of(), Map.of());
        ScriptDirectory scripts = ScriptDirectory.load(c);
        assertThat(scripts.graph().heads()).extracting(h -> h.id()).containsExactly("rt000004");
        assertThat(scripts.graph().bases()).extracting(h -> h.id()).containsExactlyInAnyOrder("rt000001", "rt000003");
        assertThat(scripts.graph().branchLabels("rt000003")).containsExactly("side");
        assertThat(scripts.graph().get("rt000004").orElseThrow().revises()).containsExactlyInAnyOrder("rt000002", "rt000003");
        assertThat(scripts.script("rt000002").kind()).isEqualTo(dev.retort.script.RevisionScript.Kind.SQL);
        // the Java template compiles against the real migration API, cached per file (three Java revisions)
        scripts.prepare(List.of("rt000001", "rt000002", "rt000003", "rt000004"));
        assertThat(count(dir.resolve(".retort/cache"))).isEqualTo(3);
        assertThat(scripts.migration("rt000001").isReversible()).isTrue();
        assertThat(scripts.migration("rt000002").isReversible()).isTrue();
        assertThat(scripts.javaClassName("rt000004")).isEqualTo("R_rt000004_Join");
    }

    /** t16-5: a SQL-only project merges its heads with a SQL revision, which runs without a compiler. */
    @Test
    void mergeWritesASqlRevisionOnRequest() throws IOException {
        initGeneric();
        ok("revision", "-m", "a", "--rev-id", "sq000001", "--sql-file");
        ok("revision", "-m", "b", "--head", "base", "--rev-id", "sq000002", "--sql-file");
        ok("merge", "heads", "-m", "join", "--rev-id", "sq000003", "--sql-file");
        Path merge = dir.resolve("migrations/versions/sq000003_join.sql");
        assertThat(Files.readString(merge)).contains("-- retort:revises sq000002, sq000001");
        ScriptDirectory scripts = ScriptDirectory.load(ConfigLoader.load(config(), null, null, null, Map.of(), Map.of()));
        assertThat(scripts.script("sq000003").kind()).isEqualTo(dev.retort.script.RevisionScript.Kind.SQL);
        assertThat(scripts.graph().heads()).extracting(h -> h.id()).containsExactly("sq000003");
        scripts.prepare(List.of("sq000001", "sq000002", "sq000003"));
        assertThat(dir.resolve(".retort/cache")).doesNotExist();
    }

    @Test
    void editNeedsAnEditor() throws IOException {
        initGeneric();
        ok("revision", "-m", "one", "--rev-id", "ed000001");
        Path file = dir.resolve("migrations/versions/ed000001_one.java");
        assertThat(EditCommand.editorCommand(Map.of("VISUAL", "code -w"), List.of(file)))
                .containsExactly("code", "-w", file.toString());
        assertThat(EditCommand.editorCommand(Map.of("EDITOR", "vi", "VISUAL", "code"), List.of(file)))
                .containsExactly("vi", file.toString());
        assertThatThrownBy(() -> EditCommand.editorCommand(Map.of(), List.of(file)))
                .isInstanceOf(RetortException.class)
                .hasMessage("No editor configured: set $EDITOR (or $VISUAL) to open " + file);
        assertThat(fails(1, "edit", "nope").err()).isEqualTo("FAILED: Can't locate revision identified by 'nope'\n");
    }

    /** t21-3: an editor whose path holds a space, named as it is or quoted; quotes group arguments. */
    @Test
    void anEditorPathWithASpaceOrQuotes() throws IOException {
        Path file = dir.resolve("r.sql");
        Path editor = Files.createDirectories(dir.resolve("my editor")).resolve("ed.sh");
        Files.writeString(editor, "#!/bin/sh\n");
        assertThat(EditCommand.editorCommand(Map.of("EDITOR", editor.toString()), List.of(file)))
                .containsExactly(editor.toString(), file.toString());
        assertThat(EditCommand.editorCommand(Map.of("EDITOR", "\"" + editor + "\" -w"), List.of(file)))
                .containsExactly(editor.toString(), "-w", file.toString());
        assertThat(EditCommand.editorCommand(Map.of("VISUAL", "echo 'a b' c\\ d \"e \\\"f\\\"\" ''"), List.of(file)))
                .containsExactly("echo", "a b", "c d", "e \"f\"", "", file.toString());
        assertThatThrownBy(() -> EditCommand.editorCommand(Map.of("EDITOR", "'/opt/my editor -w"), List.of(file)))
                .isInstanceOf(RetortException.class)
                .hasMessage("$EDITOR has an unterminated single quote: '/opt/my editor -w");
    }

    @Test
    void anEditorThatFailsOrIsMissingIsNamed() throws IOException {
        initGeneric();
        ok("revision", "-m", "one", "--rev-id", "ed000002");
        Path file = dir.resolve("migrations/versions/ed000002_one.java");
        assertThatThrownBy(() -> EditCommand.open(Map.of("EDITOR", "false"), List.of(file)))
                .isInstanceOf(RetortException.class)
                .hasMessage("The editor 'false' exited with status 1");
        assertThatThrownBy(() -> EditCommand.open(Map.of("EDITOR", "/nonexistent/retort-editor -w"), List.of(file)))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Cannot start the editor '/nonexistent/retort-editor': ");
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    /**
     * t77-4: System.out was stdout itself, so a revision's println (a helper's, a library's, a left-over debug line)
     * landed inside the --json document and the --sql script. Results keep stdout; the revision's prints go to stderr.
     */
    @Test
    void whatARevisionPrintsStaysOutOfResults() throws IOException {
        Path versions = initGeneric();
        ok("-q", "revision", "-m", "out", "--rev-id", "o1o1o1o1");
        Path file;
        try (Stream<Path> s = Files.list(versions)) {
            file = s.filter(p -> p.getFileName().toString().startsWith("o1o1o1o1")).findFirst().orElseThrow();
        }
        String java = Files.readString(file);
        String upgrade = "public void upgrade(Operations op) throws Exception {";
        assertThat(java).contains(upgrade);
        Files.writeString(file, java.replace(upgrade, upgrade
                + " System.out.println(\"hello from migration\"); System.out.print(\"{\"); op.execute(\"CREATE TABLE t (x INT)\");"));
        java.io.PrintStream systemOut = System.out;

        CliRun sql = ok("upgrade", "--sql");
        assertThat(sql.out()).doesNotContain("hello from migration").startsWith("--").contains("CREATE TABLE t (x INT)");
        assertThat(sql.err()).contains("hello from migration");

        CliRun json = ok("--json", "upgrade");
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertThat(document.get("direction").asText()).isEqualTo("upgrade");
        assertThat(json.out()).doesNotContain("hello");
        assertThat(json.err()).contains("hello from migration");
        assertThat(ok("current").out()).startsWith("o1o1o1o1");
        assertThat(System.out).as("System.out is given back after the command").isSameAs(systemOut);
    }
}

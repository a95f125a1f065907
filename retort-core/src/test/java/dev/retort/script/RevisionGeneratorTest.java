package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void slugFollowsAlembic() {
        assertThat(RevisionGenerator.slug("Add account table!", 40)).isEqualTo("add_account_table");
        assertThat(RevisionGenerator.slug("this is a very long message that goes beyond forty characters", 40))
                .isEqualTo("this_is_a_very_long_message_that_goes_");
        assertThat(RevisionGenerator.slug("Ünïcode naïve café", 40)).isEqualTo("ünïcode_naïve_café");
        assertThat(RevisionGenerator.slug("supercalifragilisticexpialidocious", 10)).isEqualTo("supercalif_");
        assertThat(RevisionGenerator.slug("--- !!!", 40)).isEmpty();
    }

    @Test
    void classNamesAreValidAndUniquePerId() {
        assertThat(RevisionGenerator.className("ae1027a6acf1", "add_account_table")).isEqualTo("R_ae1027a6acf1_AddAccountTable");
        assertThat(RevisionGenerator.className("ae1027a6acf1", "")).isEqualTo("R_ae1027a6acf1");
        assertThat(RevisionGenerator.className("x1", "this_is_long_")).isEqualTo("R_x1_ThisIsLong");
    }

    @Test
    void fileNameTokens() {
        ZonedDateTime t = ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneId.of("UTC"));
        assertThat(RevisionGenerator.fileName("{year}{month}{day}_{hour}{minute}{second}_{epoch}_{rev}_{slug}", "ab12", "x_y", t))
                .isEqualTo("20260102_030405_" + t.toEpochSecond() + "_ab12_x_y");
        assertThatThrownBy(() -> RevisionGenerator.fileName("{rev}_{nope}", "a", "b", t))
                .isInstanceOf(RetortException.class).hasMessageStartingWith("Unknown token {nope} in file_template");
    }

    /** t68-1: the name a template makes is checked, not only the template: an empty {slug} made versions/.java. */
    @Test
    void aTemplateThatMakesAHiddenOrEmptyNameIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        Path toml = dir.resolve("retort.toml");
        for (String[] c : new String[][]{
                {"{slug}", "file_template '{slug}' with the message '!!!' gives the file name '.java', which has a hidden"
                        + " file name '.java' (Retort does not read names starting with '.'); {slug} is empty (the message"
                        + " has no letters or digits): write a message with some, or put {rev} beside {slug} in file_template"},
                {"{slug}/{rev}", "file_template '{slug}/{rev}' with the message '!!!' gives the file name '/q1.java',"
                        + " which has an empty folder name; {slug} is empty"},
                {"{rev}/{slug}", "gives the file name 'q1/.java', which has a hidden file name"}}) {
            Files.writeString(toml, "[retort]\nscript_location = \"m\"\nfile_template = \"" + c[0] + "\"\n");
            RetortConfig config;
            try {
                config = dev.retort.config.ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
            } catch (RetortException e) {
                assertThat(e).hasMessageContaining("makes a hidden file"); // the template's own check comes first
                continue;
            }
            RevisionGenerator gen = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
            assertThatThrownBy(() -> gen.generate(new RevisionGenerator.Request("!!!", false, List.of("head"), false,
                    List.of(), List.of(), "q1", null, null, null, List.of())))
                    .as(c[0]).isInstanceOf(RetortException.class).hasMessageContaining(c[1]);
        }
        try (var files = Files.walk(dir.resolve("m/versions"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void templateWithFoldersTimezoneAndBodies() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, """
                [retort]
                script_location = "m"
                file_template = "{year}/{month}/{rev}_{slug}"
                timezone = "Asia/Tokyo"
                """);
        RetortConfig config = dev.retort.config.ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
        Clock clock = Clock.fixed(Instant.parse("2026-12-31T20:00:00Z"), ZoneId.of("UTC"));
        RevisionGenerator gen = new RevisionGenerator(ScriptDirectory.load(config), clock);
        RevisionGenerator.Generated g = gen.generate(new RevisionGenerator.Request("make it so", false, List.of("head"),
                false, List.of(), List.of(), "aa01", null,
                "        op.execute(\"CREATE TABLE t (id INTEGER)\");\n", "        op.execute(\"DROP TABLE t\");\n",
                List.of("import java.util.List;")));
        assertThat(g.path()).isEqualTo(dir.resolve("m/versions/2027/01/aa01_make_it_so.java"));
        String text = Files.readString(g.path());
        assertThat(text).startsWith("import dev.retort.migration.*;\nimport java.util.List;\n\n")
                .contains("created = \"2027-01-01T05:00:00+09:00\"")
                .contains("    @Override public void upgrade(Operations op) throws Exception {\n        op.execute(\"CREATE TABLE t (id INTEGER)\");\n    }")
                .contains("    @Override public void downgrade(Operations op) throws Exception {\n        op.execute(\"DROP TABLE t\");\n    }");
        ScriptDirectory reread = ScriptDirectory.load(config);
        assertThat(reread.script("aa01").header().created()).isEqualTo("2027-01-01T05:00:00+09:00");
        RecordingOps ops = new RecordingOps("sqlite");
        reread.migration("aa01").upgrade(ops.ops);
        assertThat(ops.executed).containsExactly("CREATE TABLE t (id INTEGER)");
    }

    /** t23-2: the tz database's EST (and utc in any case, upper-cased as Alembic retries it) work as timezone. */
    @Test
    void timezoneNamesAlembicAccepts() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        Path toml = dir.resolve("retort.toml");
        Clock clock = Clock.fixed(Instant.parse("2026-12-31T20:00:00Z"), ZoneId.of("UTC"));
        String[][] cases = {{"EST", "2026-12-31T15:00:00-05:00", "e1"}, {"utc", "2026-12-31T20:00:00Z", "e2"}};
        for (String[] c : cases) {
            Files.writeString(toml, "[retort]\nscript_location = \"m\"\ntimezone = \"" + c[0] + "\"\n");
            RetortConfig config = dev.retort.config.ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
            RevisionGenerator.Generated g = new RevisionGenerator(ScriptDirectory.load(config), clock).generate(
                    new RevisionGenerator.Request(c[0], false, List.of("head"), false, List.of(), List.of(), c[2], null,
                            null, null, List.of()));
            assertThat(Files.readString(g.path())).as(c[0]).contains("created = \"" + c[1] + "\"");
        }
    }

    /** r10-5: a write that fails (a full disk; here a folder in the way) leaves no empty or partial revision behind. */
    @Test
    void aFailedWriteLeavesNoRevisionBehind() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"m\"\n");
        RetortConfig config = dev.retort.config.ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
        Path blocker = Files.createDirectories(dir.resolve("m/versions/.bb01_x.sql.partial/inside"));
        RevisionGenerator gen = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        assertThatThrownBy(() -> gen.generate(request("x", "head", null, "bb01", null)))
                .isInstanceOf(RetortException.class).hasMessageStartingWith("Cannot write " + dir.resolve("m/versions/bb01_x.sql"));
        assertThat(dir.resolve("m/versions/bb01_x.sql")).doesNotExist();
        Files.delete(blocker);
        Files.delete(blocker.getParent());
        assertThat(gen.generate(request("x", "head", null, "bb01", null)).path()).exists();
        try (var files = Files.list(dir.resolve("m/versions"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("bb01_x.sql");
        }
    }

    @Test
    void severalVersionLocations() throws Exception {
        Files.createDirectories(dir.resolve("m/core"));
        Files.createDirectories(dir.resolve("m/plugin"));
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"m\"\nversion_locations = [\"m/core\", \"m/plugin\"]\n");
        RetortConfig config = dev.retort.config.ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
        java.util.function.Function<RevisionGenerator.Request, RevisionGenerator.Generated> gen =
                r -> new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC()).generate(r);
        assertThatThrownBy(() -> gen.apply(request("base", "base", null, "c1", null)))
                .hasMessage("Multiple version locations present, please specify --version-path");
        assertThat(gen.apply(request("core base", "base", null, "c1", Path.of("m/core"))).path().getParent())
                .isEqualTo(dir.resolve("m/core"));
        assertThat(gen.apply(request("plugin base", "base", "plugin", "p1", dir.resolve("m/plugin"))).path().getParent())
                .isEqualTo(dir.resolve("m/plugin"));
        // a child goes where its parent is
        assertThat(gen.apply(request("plugin 2", "plugin@head", null, "p2", null)).path().getParent())
                .isEqualTo(dir.resolve("m/plugin"));
        assertThat(gen.apply(request("core 2", "c1", null, "c2", null)).path().getParent())
                .isEqualTo(dir.resolve("m/core"));
        assertThatThrownBy(() -> gen.apply(request("x", "base", null, "x1", Path.of("elsewhere"))))
                .hasMessageStartingWith("Path elsewhere is not represented in current version locations");
    }

    @Test
    void withNestedLocationsAChildJoinsItsParentsSubFolder() throws Exception {
        Files.createDirectories(dir.resolve("m/versions/plugin"));
        Files.writeString(dir.resolve("m/versions/plugin/p1.sql"), "-- retort:revision p1\n-- retort:upgrade\n");
        RetortConfig config = RetortConfig.of(dir.resolve("m"), null)
                .withVersionLocations(List.of(dir.resolve("m/versions"), dir.resolve("m/versions/plugin")));
        RevisionGenerator gen = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        assertThat(gen.generate(request("p2", "p1", null, "p2", null)).path().getParent())
                .isEqualTo(dir.resolve("m/versions/plugin"));
    }

    /** t61-5: a requested id that is already a label says so, naming the labelled revision and its file. */
    @Test
    void anIdThatIsAlreadyALabelIsRefusedSayingSo() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        RetortConfig config = RetortConfig.of(dir.resolve("m"), null);
        new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC()).generate(request("b", "base", "lib", "b1", null));
        RevisionGenerator gen = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        String b1 = ScriptDirectory.load(config).script("b1").header().path();
        assertThatThrownBy(() -> gen.generate(request("x", "b1", null, "lib", null)))
                .isInstanceOf(RetortException.class)
                .hasMessage("Revision id 'lib' is already a branch label of b1 (" + b1 + ")");
        try (var files = Files.list(dir.resolve("m/versions"))) {
            assertThat(files).hasSize(1);
        }
    }

    private static RevisionGenerator.Request request(String message, String head, String label, String id, Path versionPath) {
        return new RevisionGenerator.Request(message, true, List.of(head), false,
                label == null ? List.of() : List.of(label), List.of(), id, versionPath, null, null, List.of());
    }

    @Test
    void aTemplateThatDropsHeaderElementsIsCaught() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        Files.writeString(dir.resolve("m/script.sql.template"),
                "-- retort:revision ${id}\n-- retort:revises ${revises}\n-- retort:upgrade\n${upgrades}\n");
        RetortConfig config = RetortConfig.of(dir.resolve("m"), null);
        RevisionGenerator gen = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        assertThatThrownBy(() -> gen.generate(new RevisionGenerator.Request("x", true, List.of("head"), false,
                List.of("lbl"), List.of(), "bb01", null, null, null, List.of())))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("specified branch labels [lbl], however the file")
                .hasMessageContaining("${extra_headers}");
        try (var files = Files.list(dir.resolve("m/versions"))) {
            assertThat(files).isEmpty();
        }
        // the placeholder the template lost is the one named (t6-5)
        Files.writeString(dir.resolve("m/versions/aa01.sql"), "-- retort:revision aa01\n-- retort:upgrade\n");
        Files.writeString(dir.resolve("m/script.sql.template"), "-- retort:revision ${id}\n-- retort:upgrade\n${upgrades}\n");
        RevisionGenerator again = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        assertThatThrownBy(() -> again.generate(new RevisionGenerator.Request("x", true, List.of("head"), false,
                List.of(), List.of(), "bb02", null, null, null, List.of())))
                .hasMessageContaining("specified revises [aa01], however the file")
                .hasMessageContaining("does the project's template include ${revises}?");
        // t77: a template that writes labels of its own carries more than the command gave: said so, not "does not carry"
        Files.writeString(dir.resolve("m/script.sql.template"), "-- retort:revision ${id}\n-- retort:revises ${revises}\n"
                + "-- retort:branch-labels core\n${extra_headers}\n-- retort:upgrade\n${upgrades}\n");
        RevisionGenerator third = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        assertThatThrownBy(() -> third.generate(new RevisionGenerator.Request("x", true, List.of("head"), false,
                List.of(), List.of(), "bb03", null, null, null, List.of())))
                .hasMessageContaining("specified branch labels [], however the file")
                .hasMessageContaining("carries [core]: the template writes its own")
                .hasMessageNotContaining("does not carry");
    }

    /** t29-9: a public class (an IDE's habit) in the template made a file that could never compile. */
    @Test
    void aTemplateWithAPublicClassIsRefusedBeforeAnyFileIsWritten() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        Path template = dir.resolve("m/script.java.template");
        String builtIn = ProjectTemplates.resource("generic", "script.java.template");
        assertThat(builtIn).contains("\nclass ${class_name}");
        Files.writeString(template, builtIn.replace("\nclass ${class_name}", "\npublic class ${class_name}"));
        RetortConfig config = RetortConfig.of(dir.resolve("m"), null);
        RevisionGenerator gen = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        assertThatThrownBy(() -> gen.generate(new RevisionGenerator.Request("public class", false, List.of("head"), false,
                List.of(), List.of(), "cc01", null, null, null, List.of())))
                .isInstanceOf(RetortException.class)
                .hasMessageMatching("The template \\Q" + template + "\\E makes class R_cc01_PublicClass public, which javac"
                        + " accepts only in a file named R_cc01_PublicClass.java, not cc01_public_class.java as"
                        + " file_template names it: remove 'public' from the template \\(a revision's class needs none\\);"
                        + " no file was written");
        try (var files = Files.list(dir.resolve("m/versions"))) {
            assertThat(files).isEmpty();
        }
        // public members, and a public type only in a comment or a string, are no concern
        Files.writeString(template, builtIn.replace("\nclass ${class_name}", "\n// public class X\nclass ${class_name}")
                .replace("message = ", "/* \"public class Y\" */ message = "));
        RevisionGenerator.Generated ok = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC())
                .generate(new RevisionGenerator.Request("fine", false, List.of("head"), false,
                        List.of(), List.of(), "cc02", null, null, null, List.of()));
        assertThat(ok.path()).exists();
    }

    @Test
    void reservedWordsAreRefusedBeforeAnyFileIsWritten() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"m\"\n");
        RetortConfig config = dev.retort.config.ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
        RevisionGenerator gen = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        assertThatThrownBy(() -> gen.generate(new RevisionGenerator.Request("x", true, List.of("head"), false,
                List.of("head"), List.of(), "rr01", null, null, null, List.of())))
                .isInstanceOf(RetortException.class)
                .hasMessage("Branch name 'head' in revision rr01 is reserved (head, heads, base, current)");
        assertThatThrownBy(() -> gen.generate(new RevisionGenerator.Request("x", true, List.of("head"), false,
                List.of(), List.of(), "current", null, null, null, List.of())))
                .isInstanceOf(RetortException.class)
                .hasMessage("Revision identifier 'current' is reserved (head, heads, base, current)");
        try (var files = Files.list(dir.resolve("m/versions"))) {
            assertThat(files).isEmpty(); // the project still loads: nothing was left behind
        }
        // a label with '-' (allowed by the graph's grammar) is written and read back, in SQL and in Java,
        // also when a later revision depends on it by label
        gen.generate(new RevisionGenerator.Request("x", true, List.of("head"), false,
                List.of("feature-x"), List.of(), "rr02", null, null, null, List.of()));
        RevisionGenerator again = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        again.generate(new RevisionGenerator.Request("y", false, List.of("base"), false,
                List.of("v1.2+b"), List.of("feature-x"), "rr03", null, null, null, List.of()));
        RevisionGenerator third = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        third.generate(new RevisionGenerator.Request("z", false, List.of("rr03"), false,
                List.of(), List.of("v1.2+b"), "rr04", null, null, null, List.of()));
        var graph = ScriptDirectory.load(config).graph();
        assertThat(graph.branchLabels("rr02")).containsExactly("feature-x");
        assertThat(graph.branchLabels("rr03")).contains("v1.2+b");
        assertThat(graph.get("rr04").orElseThrow().dependsOn()).containsExactly("v1.2+b");
        RevisionGenerator fourth = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        assertThatThrownBy(() -> fourth.generate(new RevisionGenerator.Request("w", true, List.of("rr04"), false,
                List.of("a b"), List.of(), "rr05", null, null, null, List.of())))
                .hasMessage("Invalid branch label 'a b': ' ' is not allowed in a label (no spaces, commas, quotes,"
                        + " backslashes, '@' or ':'); e.g. --branch-label feature_x");
        // t13-9: single quotes are refused as double quotes are
        assertThatThrownBy(() -> fourth.generate(new RevisionGenerator.Request("w", true, List.of("rr04"), false,
                List.of("'q'"), List.of(), "rr05", null, null, null, List.of())))
                .hasMessageStartingWith("Invalid branch label ''q'': ''' is not allowed in a label");
    }

    /**
     * t50-2: a --depends-on or --branch-label value given twice (the same id, or a full and a partial id, or a
     * label and its revision's id) is written once; the file read back was compared with the list holding the
     * repeat, and the revision failed blaming the template.
     */
    @Test
    void aRepeatedDependencyOrBranchLabelIsWrittenOnce() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"m\"\n");
        RetortConfig config = dev.retort.config.ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
        new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC()).generate(request("one", "head", null, "aaaa0001", null));
        new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC()).generate(new RevisionGenerator.Request(
                "lib", true, List.of("base"), false, List.of("lib"), List.of(), "bbbb0001", null, null, null, List.of()));
        List<List<String>> repeats = List.of(List.of("bbbb0001", "bbbb0001"), List.of("bbbb0001", "bbbb"),
                List.of("lib", "bbbb0001"));
        int n = 0;
        for (List<String> dependsOn : repeats) {
            for (boolean sql : List.of(true, false)) {
                String id = "dd0" + n++;
                new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC()).generate(new RevisionGenerator.Request(
                        "two", sql, List.of("aaaa0001"), true, List.of("qq" + n, "qq" + n), dependsOn, id, null, null, null,
                        List.of()));
                var written = ScriptDirectory.load(config).graph().get(id).orElseThrow();
                assertThat(written.dependsOn()).as(dependsOn + (sql ? " sql" : " java")).containsExactly(dependsOn.get(0));
                assertThat(written.branchLabels()).containsExactly("qq" + n);
            }
        }
    }

    /** t21-5: targets relative to the database are refused: nothing connects, and 'current' was read as base. */
    @Test
    void targetsRelativeToTheDatabaseAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("m/versions"));
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"m\"\n");
        RetortConfig config = dev.retort.config.ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
        new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC()).generate(request("one", "head", null, "a1", null));
        new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC()).generate(request("two", "head", null, "a2", null));
        RevisionGenerator gen = new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC());
        for (String head : List.of("current", "current-1", "+1", "-1")) {
            assertThatThrownBy(() -> gen.generate(request("x", head, null, "cur1", null)))
                    .isInstanceOf(RetortException.class)
                    .hasMessage("'" + head + "' cannot be used with --head: writing a revision does not connect to the"
                            + " database, so its current revision is unknown; name the revision ('retort current' prints it)");
        }
        assertThatThrownBy(() -> gen.merge(List.of("current", "a2"), "y", null, List.of(), false, true))
                .hasMessageStartingWith("'current' cannot be used with merge: ");
        assertThatThrownBy(() -> gen.generate(new RevisionGenerator.Request("x", true, List.of("head"), false,
                List.of(), List.of("current"), "cur1", null, null, null, List.of())))
                .hasMessageStartingWith("'current' cannot be used with --depends-on: ");
        try (var files = Files.list(dir.resolve("m/versions"))) {
            assertThat(files).hasSize(2);
        }
        // ids and relative forms from a named revision still work
        assertThat(gen.generate(new RevisionGenerator.Request("x", true, List.of("a2-1"), true, List.of(), List.of(),
                "sp1", null, null, null, List.of())).revises()).containsExactly("a1");
    }
}

package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.migration.Migration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Java revisions compiled on demand, in one batch, into a per-file cache that later runs reuse. */
class JavaRevisionCompileTest {
    @TempDir
    Path dir;

    private RetortConfig config() throws IOException {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"migrations\"\n");
        return dev.retort.config.ConfigLoader.load(toml, null, null, null, java.util.Map.of(), java.util.Map.of());
    }

    private void revision(String id, String parent, String body) throws IOException {
        String revises = parent == null ? "{}" : "\"" + parent + "\"";
        Files.writeString(dir.resolve("migrations/versions/" + id + "_x.java"), """
                import dev.retort.migration.*;

                @Revision(id = "%s", revises = %s, message = "m %s")
                class R_%s extends Migration {
                    @Override public void upgrade(Operations op) {
                        %s
                    }
                    @Override public void downgrade(Operations op) {
                        op.execute("DROP %s");
                    }
                }
                """.formatted(id, revises, id, id, body, id));
    }

    private long cacheFolders() throws IOException {
        Path cache = dir.resolve(".retort/cache");
        if (!Files.isDirectory(cache)) return 0;
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(Files::isDirectory).count(); // one folder per compiled file; the header index is a file
        }
    }

    /**
     * A copied revision that kept the class name: refused when the files are read, before anything is compiled or
     * run, also when the older class is cached and only the copy would need compiling (an incremental upgrade).
     */
    @Test
    void twoRevisionsWithOneClassNameAreNamedTogether() throws Exception {
        RetortConfig config = config();
        revision("aaaa0001", null, "op.execute(\"CREATE a\");");
        ScriptDirectory.load(config).prepare(List.of("aaaa0001"));
        String copy = Files.readString(dir.resolve("migrations/versions/aaaa0001_x.java"))
                .replace("id = \"aaaa0001\", revises = {}", "id = \"aaaa0002\", revises = \"aaaa0001\"");
        Files.writeString(dir.resolve("migrations/versions/aaaa0002_x.java"), copy);
        long cached = cacheFolders();
        for (int run = 0; run < 2; run++) { // the second run reads the headers from the index
            assertThatThrownBy(() -> ScriptDirectory.load(config))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("aaaa0001_x.java and ")
                    .hasMessageContaining("aaaa0002_x.java both declare class R_aaaa0001")
                    .hasMessageContaining("rename the class in one of the files");
        }
        assertThat(cacheFolders()).isEqualTo(cached);

        // renamed: both load, and the copy compiles next to the cached original
        Files.writeString(dir.resolve("migrations/versions/aaaa0002_x.java"), copy.replace("R_aaaa0001", "R_aaaa0002"));
        ScriptDirectory renamed = ScriptDirectory.load(config);
        renamed.prepare(List.of("aaaa0001", "aaaa0002"));
        RecordingOps ops = new RecordingOps("sqlite");
        renamed.migration("aaaa0002").downgrade(ops.ops);
        assertThat(ops.executed).containsExactly("DROP aaaa0001");
    }

    /** javac passes over a classpath entry that does not exist: the compile says so, naming it (t23). */
    @Test
    void aMissingClasspathEntryIsNamedWhenRevisionsCompile() throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"migrations\"\nclasspath = [\"lib/missing.jar\"]\n");
        RetortConfig config = dev.retort.config.ConfigLoader.load(toml, null, null, null, java.util.Map.of(), java.util.Map.of());
        revision("aaaa0001", null, "op.execute(\"CREATE a\");");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            ScriptDirectory.load(config).prepare(List.of("aaaa0001"));
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("The classpath entry " + dir.resolve("lib/missing.jar") + " (retort.toml's classpath) does not exist");
    }

    /** r8-1: a helper type beside the revision class is compiled with every file's, so it must not repeat either. */
    @Test
    void twoFilesWithOneHelperTypeAreNamedTogether() throws Exception {
        RetortConfig config = config();
        revision("aaaa0001", null, "op.execute(\"CREATE a\");");
        Path first = dir.resolve("migrations/versions/aaaa0001_x.java");
        Files.writeString(first, Files.readString(first) + "\nclass Helper { String s = \"class Fake {}\"; }\n");
        ScriptDirectory.load(config).prepare(List.of("aaaa0001"));
        revision("aaaa0002", "aaaa0001", "op.execute(\"CREATE b\");");
        Path second = dir.resolve("migrations/versions/aaaa0002_x.java");
        Files.writeString(second, Files.readString(second) + "\n// class Comment {}\nenum Helper { A }\nrecord Pair(int a) { class Nested {} }\n");
        for (int run = 0; run < 2; run++) { // the second run reads the types from the index
            assertThatThrownBy(() -> ScriptDirectory.load(config))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("aaaa0001_x.java and ")
                    .hasMessageContaining("aaaa0002_x.java both declare class Helper")
                    .hasMessageNotContaining("Fake").hasMessageNotContaining("Comment").hasMessageNotContaining("Nested");
        }
        Files.writeString(second, Files.readString(second).replace("enum Helper", "enum Helper2"));
        ScriptDirectory fixed = ScriptDirectory.load(config);
        fixed.prepare(List.of("aaaa0001", "aaaa0002"));
        assertThat(fixed.javaClassName("aaaa0002")).isEqualTo("R_aaaa0002");
    }

    @Test
    void compilesOnDemandOnceThenHitsTheCache() throws Exception {
        RetortConfig config = config();
        revision("aaaa0001", null, "op.execute(\"CREATE a\");");
        revision("aaaa0002", "aaaa0001", "op.execute(\"CREATE b\", 1, \"two\");");

        ScriptDirectory first = ScriptDirectory.load(config);
        assertThat(cacheFolders()).isZero(); // loading headers compiles nothing
        assertThat(first.graph().heads()).extracting(h -> h.id()).containsExactly("aaaa0002");
        first.prepare(List.of("aaaa0001", "aaaa0002"));
        assertThat(cacheFolders()).isEqualTo(2); // one entry per file
        Path compiled = folderHolding("R_aaaa0001.class");
        long stamp = Files.getLastModifiedTime(compiled.resolve("R_aaaa0001.class")).toMillis();
        assertThat(compiled.resolve("R_aaaa0002.class")).doesNotExist();

        Migration m = first.migration("aaaa0002");
        RecordingOps ops = new RecordingOps("sqlite");
        m.upgrade(ops.ops);
        m.downgrade(ops.ops);
        assertThat(ops.executed).containsExactly("CREATE b", "DROP aaaa0002");
        assertThat(m.isReversible()).isTrue();

        // a second run (a new ScriptDirectory, as a new process would have) reuses the same classes
        ScriptDirectory second = ScriptDirectory.load(config);
        second.prepare(List.of("aaaa0001", "aaaa0002"));
        assertThat(cacheFolders()).isEqualTo(2);
        assertThat(Files.getLastModifiedTime(compiled.resolve("R_aaaa0001.class")).toMillis()).isEqualTo(stamp);
        RecordingOps again = new RecordingOps("sqlite");
        second.migration("aaaa0001").upgrade(again.ops);
        assertThat(again.executed).containsExactly("CREATE a");

        // another subset (a downgrade needing one revision, then a plan with a new one) compiles only what is new
        ScriptDirectory subset = ScriptDirectory.load(config);
        subset.prepare(List.of("aaaa0002"));
        assertThat(cacheFolders()).isEqualTo(2);
        revision("aaaa0003", "aaaa0002", "op.execute(\"CREATE d\");");
        ScriptDirectory withNew = ScriptDirectory.load(config);
        withNew.prepare(List.of("aaaa0001", "aaaa0002", "aaaa0003"));
        assertThat(cacheFolders()).isEqualTo(3);
        assertThat(Files.getLastModifiedTime(compiled.resolve("R_aaaa0001.class")).toMillis()).isEqualTo(stamp);

        // an edited file is a miss: a new cache entry for that file only
        revision("aaaa0002", "aaaa0001", "op.execute(\"CREATE c\");");
        ScriptDirectory third = ScriptDirectory.load(config);
        third.prepare(List.of("aaaa0001", "aaaa0002"));
        assertThat(cacheFolders()).isEqualTo(4);
        RecordingOps edited = new RecordingOps("sqlite");
        third.migration("aaaa0002").upgrade(edited.ops);
        assertThat(edited.executed).containsExactly("CREATE c");
    }

    /**
     * t29-1: a helper class and a shared base class declared in one revision's file, used from another's. They are
     * compiled and loaded with it whichever revisions a run needs (a database already past the other revision, a
     * downgrade of the last one), with the other's classes cached or not; a file that none of them uses is not
     * compiled for it, so an error in it does not matter to that run.
     */
    @Test
    void aRevisionUsesClassesOfAnotherRevisionsFileWhateverTheRunNeeds() throws Exception {
        RetortConfig config = config();
        Path versions = dir.resolve("migrations/versions");
        Files.writeString(versions.resolve("a.java"), """
                import dev.retort.migration.*;
                @Revision(id = "aaaa0004")
                class R4 extends TableRev { R4() { super("t4"); } }
                abstract class TableRev extends Migration {
                    private final String table;
                    TableRev(String table) { this.table = table; }
                    @Override public void upgrade(Operations op) { Util.create(op, table); }
                    @Override public void downgrade(Operations op) { op.execute("DROP " + table); }
                }
                class Util {
                    static void create(Operations op, String table) { op.execute("CREATE " + table); }
                }
                """);
        Files.writeString(versions.resolve("b.java"), """
                import dev.retort.migration.*;
                @Revision(id = "aaaa0005", revises = "aaaa0004")
                class R5 extends TableRev { R5() { super("t5"); } }
                """);
        Files.writeString(versions.resolve("c.java"), """
                import dev.retort.migration.*;
                @Revision(id = "aaaa0006", revises = "aaaa0005")
                class R6 extends Migration {
                    @Override public void upgrade(Operations op) { Util.create(op, "t6"); }
                }
                """);
        revision("aaaa0007", "aaaa0006", "op.exceute(\"a typo\");");
        for (boolean cached : new boolean[]{false, true}) {
            ScriptDirectory d = ScriptDirectory.load(config);
            d.prepare(List.of("aaaa0005", "aaaa0006")); // the database is at aaaa0004
            RecordingOps ops = new RecordingOps("sqlite");
            d.migration("aaaa0005").upgrade(ops.ops);
            d.migration("aaaa0006").upgrade(ops.ops);
            d.migration("aaaa0005").downgrade(ops.ops);
            assertThat(ops.executed).as(cached ? "cached" : "compiled").containsExactly("CREATE t5", "CREATE t6", "DROP t5");
        }
        assertThat(cacheFolders()).as("a, b, c").isEqualTo(3);
        assertThatThrownBy(() -> ScriptDirectory.load(config).prepare(List.of("aaaa0007")))
                .hasMessageContaining("aaaa0007_x.java:6: cannot find symbol");
        Path seven = versions.resolve("aaaa0007_x.java");
        Files.writeString(seven, Files.readString(seven).replace("exceute", "execute"));
        ScriptDirectory.load(config).prepare(List.of("aaaa0007"));
        assertThat(cacheFolders()).isEqualTo(4);
        Path t7 = folderHolding("R_aaaa0007.class");

        // the helper's file edited: its users compile again with it (not linked to the old helper), the others do not
        Path a = versions.resolve("a.java");
        Files.writeString(a, Files.readString(a).replace("\"CREATE \" + table", "\"CREATE TABLE \" + table"));
        ScriptDirectory edited = ScriptDirectory.load(config);
        RecordingOps ops = new RecordingOps("sqlite");
        edited.migration("aaaa0006").upgrade(ops.ops);
        edited.migration("aaaa0005").upgrade(ops.ops);
        assertThat(ops.executed).containsExactly("CREATE TABLE t6", "CREATE TABLE t5");
        assertThat(cacheFolders()).as("a, b and c again").isEqualTo(7);
        ScriptDirectory.load(config).prepare(List.of("aaaa0004", "aaaa0005", "aaaa0006", "aaaa0007"));
        assertThat(cacheFolders()).as("a second run compiles nothing").isEqualTo(7);
        assertThat(folderHolding("R_aaaa0007.class")).isEqualTo(t7);

        // a new revision using them compiles alone, against their cached classes
        Files.writeString(versions.resolve("e.java"), """
                import dev.retort.migration.*;
                @Revision(id = "aaaa0008", revises = "aaaa0007")
                class R8 extends TableRev { R8() { super("t8"); } }
                """);
        RecordingOps newOne = new RecordingOps("sqlite");
        ScriptDirectory.load(config).migration("aaaa0008").upgrade(newOne.ops);
        assertThat(newOne.executed).containsExactly("CREATE TABLE t8");
        assertThat(cacheFolders()).isEqualTo(8);
    }

    /**
     * A class of another revision's file asked for by a name its source does not hold (built at run time): the loader
     * adds that file's classes then, compiling it if need be, so that every revision's classes are there in any run.
     */
    @Test
    void aClassOfAnotherRevisionsFileIsFoundByAComputedName() throws Exception {
        RetortConfig config = config();
        Path versions = dir.resolve("migrations/versions");
        Files.writeString(versions.resolve("a.java"), """
                import dev.retort.migration.*;
                @Revision(id = "aaaa0001")
                class R1 extends Migration { @Override public void upgrade(Operations op) { } }
                class Named1 { @Override public String toString() { return "CREATE from named"; } }
                """);
        Files.writeString(versions.resolve("b.java"), """
                import dev.retort.migration.*;
                @Revision(id = "aaaa0002", revises = "aaaa0001")
                class R2 extends Migration {
                    @Override public void upgrade(Operations op) {
                        try {
                            Class<?> c = Class.forName("Named" + (1 + 0), true, getClass().getClassLoader());
                            var ctor = c.getDeclaredConstructor();
                            ctor.setAccessible(true);
                            op.execute(ctor.newInstance().toString());
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """);
        RecordingOps ops = new RecordingOps("sqlite");
        ScriptDirectory.load(config).migration("aaaa0002").upgrade(ops.ops);
        assertThat(ops.executed).containsExactly("CREATE from named");
        assertThat(cacheFolders()).isEqualTo(2);
    }

    /**
     * t42-1: the loader finds a class in the cache folder of the file declaring it, by name, rather than walking one
     * URL per folder (quadratic in the number of revisions): it holds no URL of its own, and still gives one class per
     * name across files, nested classes from their outer type's folder, and the class files as resources.
     */
    @Test
    void theRevisionLoaderFindsAClassByItsFileNotByWalkingEveryFolder() throws Exception {
        RetortConfig config = config();
        Path versions = dir.resolve("migrations/versions");
        Files.writeString(versions.resolve("a.java"), """
                import dev.retort.migration.*;
                @Revision(id = "aaaa0001")
                class R1 extends Migration { @Override public void upgrade(Operations op) { op.execute(Shared.Inner.SQL); } }
                class Shared { static class Inner { static final String SQL = new Object() { public String toString() { return "CREATE x"; } }.toString(); } }
                """);
        for (int i = 2; i <= 6; i++) {
            Files.writeString(versions.resolve("b" + i + ".java"), """
                    import dev.retort.migration.*;
                    @Revision(id = "aaaa000%d", revises = "aaaa000%d")
                    class R%d extends Migration { @Override public void upgrade(Operations op) { op.execute(Shared.class.getName()); } }
                    """.formatted(i, i - 1, i));
        }
        ScriptDirectory d = ScriptDirectory.load(config);
        List<String> ids = List.of("aaaa0001", "aaaa0002", "aaaa0003", "aaaa0004", "aaaa0005", "aaaa0006");
        d.prepare(ids);
        RecordingOps ops = new RecordingOps("sqlite");
        for (String id : ids) d.migration(id).upgrade(ops.ops);
        assertThat(ops.executed).containsExactly("CREATE x", "Shared", "Shared", "Shared", "Shared", "Shared");

        ClassLoader loader = d.migration("aaaa0006").getClass().getClassLoader();
        assertThat(loader).isInstanceOf(ScriptDirectory.RevisionLoader.class);
        ScriptDirectory.RevisionLoader revisions = (ScriptDirectory.RevisionLoader) loader;
        assertThat(revisions.getURLs()).as("one URL per cache folder makes every lookup walk them all").isEmpty();
        assertThat(revisions.folderCount()).isEqualTo(6);
        Class<?> shared = Class.forName("Shared", false, loader);
        assertThat(Class.forName("Shared", false, d.migration("aaaa0002").getClass().getClassLoader())).isSameAs(shared);
        assertThat(Class.forName("Shared$Inner", false, loader).getEnclosingClass()).isSameAs(shared);
        assertThat(loader.getResource("R3.class")).isNotNull();
        assertThat(loader.getResource("Shared$Inner.class").getPath()).endsWith("/Shared$Inner.class");
        assertThat(shared.getProtectionDomain().getCodeSource().getLocation().getPath())
                .contains(dir.resolve(".retort/cache").toString());
        assertThatThrownBy(() -> Class.forName("NoSuchType", false, loader)).isInstanceOf(ClassNotFoundException.class);
    }

    /** What a revision file may use: the files declaring a type named in it, and theirs in turn, never itself. */
    @Test
    void aRevisionUsesTheFilesDeclaringTheTypesItNames() throws Exception {
        RetortConfig config = config();
        Path versions = dir.resolve("migrations/versions");
        Files.writeString(versions.resolve("a.java"), "@Revision(id = \"a1\") class A extends Migration {}\nclass Shared {}\n");
        Files.writeString(versions.resolve("b.java"), "@Revision(id = \"b1\") class B extends Base {}\n");
        Files.writeString(versions.resolve("c.java"), "@Revision(id = \"c1\") class C extends Migration {}\n"
                + "abstract class Base extends Migration { Shared s; }\n");
        Files.writeString(versions.resolve("d.java"), "@Revision(id = \"d1\") class D extends Migration { /* not Sharedx */ }\n");
        ScriptDirectory d = ScriptDirectory.load(config);
        List<RevisionScript> all = d.scripts();
        java.util.Map<RevisionScript, List<String>> declared = new java.util.HashMap<>();
        java.util.Map<String, List<String>> types = java.util.Map.of("a1", List.of("A", "Shared"), "b1", List.of("B"),
                "c1", List.of("C", "Base"), "d1", List.of("D"));
        for (RevisionScript s : all) declared.put(s, types.get(s.id()));
        java.util.Map<RevisionScript, List<RevisionScript>> uses = JavaRevisionUses.of(all, declared);
        assertThat(uses.get(d.script("b1"))).extracting(RevisionScript::id).containsExactly("a1", "c1");
        assertThat(uses.get(d.script("c1"))).extracting(RevisionScript::id).containsExactly("a1");
        assertThat(uses.get(d.script("a1"))).isEmpty();
        assertThat(uses.get(d.script("d1"))).isEmpty();
    }

    private Path folderHolding(String classFile) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(".retort/cache"))) {
            return s.filter(p -> Files.exists(p.resolve(classFile))).findFirst().orElseThrow();
        }
    }

    @Test
    void revisionsInAPackageAndSubFolders() throws Exception {
        RetortConfig config = config();
        Path sub = Files.createDirectories(dir.resolve("migrations/versions/2026/q1"));
        Files.writeString(sub.resolve("First.java"), """
                package com.example.migrations;

                import dev.retort.migration.*;

                @Revision(id = "pkg00001")
                public class First extends Migration {
                    @Override public void upgrade(Operations op) { op.execute("IN PACKAGE"); }
                }
                """);
        ScriptDirectory d = ScriptDirectory.load(config);
        assertThat(d.javaClassName("pkg00001")).isEqualTo("com.example.migrations.First");
        RecordingOps ops = new RecordingOps("sqlite");
        d.migration("pkg00001").upgrade(ops.ops);
        assertThat(ops.executed).containsExactly("IN PACKAGE");
        assertThat(d.migration("pkg00001").isReversible()).isFalse();
    }

    /** Saved with a UTF-8 byte-order mark (Windows editors): javac alone would refuse it. */
    @Test
    void aByteOrderMarkIsNotJavasConcern() throws Exception {
        RetortConfig config = config();
        revision("dddd0001", null, "op.execute(\"WITH BOM\");");
        revision("dddd0002", "dddd0001", "op.exceute(\"typo\");");
        for (String id : List.of("dddd0001", "dddd0002")) {
            Path file = dir.resolve("migrations/versions/" + id + "_x.java");
            Files.writeString(file, "\uFEFF" + Files.readString(file));
        }
        ScriptDirectory d = ScriptDirectory.load(config);
        d.prepare(List.of("dddd0001"));
        RecordingOps op = new RecordingOps("sqlite");
        d.migration("dddd0001").upgrade(op.ops);
        assertThat(op.executed).containsExactly("WITH BOM");
        // errors still name the file and the line
        Path bad = dir.resolve("migrations/versions/dddd0002_x.java").toAbsolutePath();
        assertThatThrownBy(() -> d.prepare(List.of("dddd0002")))
                .hasMessageStartingWith("Java revisions do not compile (1 error); nothing was run:\n  " + bad + ":6: cannot find symbol");
    }

    @Test
    void compileErrorsNameFileAndLineAndNothingIsCached() throws Exception {
        RetortConfig config = config();
        revision("bbbb0001", null, "op.execute(\"ok\");");
        revision("bbbb0002", "bbbb0001", "op.exceute(\"typo\");");
        ScriptDirectory d = ScriptDirectory.load(config);
        Path bad = dir.resolve("migrations/versions/bbbb0002_x.java").toAbsolutePath();
        assertThatThrownBy(() -> d.prepare(List.of("bbbb0001", "bbbb0002")))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Java revisions do not compile (1 error); nothing was run:\n  " + bad + ":6: cannot find symbol")
                // javac's detail says which symbol, on the same line
                .hasMessageContaining(":6: cannot find symbol; symbol: method exceute(java.lang.String); location: ")
                .hasMessageNotContaining("symbol\n");
        assertThat(cacheFolders()).isZero();
        assertThatThrownBy(() -> d.migration("bbbb0002")).isInstanceOf(RetortException.class);
    }

    @Test
    void withoutAJdkCompilerTheErrorPointsAtPrecompiledRevisions() throws Exception {
        RetortConfig config = config();
        revision("cccc0001", null, "op.execute(\"x\");");
        RevisionScript s = ScriptDirectory.load(config).script("cccc0001");
        JavaRevisionCompiler noJdk = new JavaRevisionCompiler(config.cacheDir(), List.of(), () -> null);
        // the revision and its file are named: the operator must know which one was not shipped compiled (t33-4)
        assertThatThrownBy(() -> noJdk.compile(List.of(s)))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("No Java compiler available to compile cccc0001 (" + s.path() + "): Retort is"
                        + " running on a Java runtime without the compiler")
                .hasMessageContaining("Pre-compiled revisions");
        revision("cccc0002", "cccc0001", "op.execute(\"y\");");
        ScriptDirectory two = ScriptDirectory.load(config);
        assertThatThrownBy(() -> noJdk.compile(List.of(two.script("cccc0002"), two.script("cccc0001"))))
                .hasMessageStartingWith("No Java compiler available to compile 2 Java revisions, cccc0001 ("
                        + two.script("cccc0001").path() + ") and cccc0002 (" + two.script("cccc0002").path() + "): ");
    }

    /**
     * t14-16: with no cache writable at all (a read-only image, an arbitrary UID without a home), the revisions
     * compile into a folder for the run instead of failing the run. (A regular file where the cache folder would
     * go: unwritable even for root.)
     */
    @Test
    void withoutAWritableCacheTheRevisionsStillCompile() throws Exception {
        RetortConfig config = config();
        revision("dddd0001", null, "op.execute(\"x\");");
        RevisionScript s = ScriptDirectory.load(config).script("dddd0001");
        Files.writeString(dir.resolve("blocked"), "");
        JavaRevisionCompiler compiler = new JavaRevisionCompiler(dir.resolve("blocked/cache"), List.of());
        List<Path> out = compiler.compile(List.of(s));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).startsWith(dir)).as("outside the project").isFalse();
        try (Stream<Path> files = Files.walk(out.get(0))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".class"));
        }
    }

    /**
     * Retort loaded from a jar nested in a fat jar (Spring Boot's BOOT-INF/lib): a RetortException saying what to
     * do, not the JDK's FileSystemNotFoundException without a message (t11-5).
     */
    @Test
    void retortInANestedJarCannotCompileAndSaysWhatToDoInstead() throws Exception {
        URL nested = new URL("jar:file:/tmp/app/boot.jar!/BOOT-INF/lib/retort-core-0.1.0.jar!/");
        assertThatThrownBy(() -> JavaRevisionCompiler.apiLocation(nested))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Java revisions cannot be compiled: Retort's classes are loaded from "
                        + "jar:file:/tmp/app/boot.jar!/BOOT-INF/lib/retort-core-0.1.0.jar!/, not from a jar file or folder on disk")
                .hasMessageContaining(".classpath(loader, package)")
                .hasMessageContaining("Pre-compiled revisions");
        assertThat(JavaRevisionCompiler.apiLocation(dir.toUri().toURL())).isEqualTo(dir);
    }

    /**
     * In an application, a folder revision compiles against what the application runs with: a class of the
     * application (here on the context class loader, as a container sets it), SLF4J, the JDBC driver; and runs
     * with them. They were missing from javac's class path, which held Retort's API alone (t11-7).
     */
    @Test
    void aRevisionCompilesAgainstTheApplicationsClassPath() throws Exception {
        Path appSrc = Files.createDirectories(dir.resolve("appsrc/com/example/app"));
        Files.writeString(appSrc.resolve("Names.java"),
                "package com.example.app;\npublic class Names { public static String table() { return \"app_t\"; } }\n");
        Path appClasses = Files.createDirectories(dir.resolve("app-classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", appClasses.toString(),
                appSrc.resolve("Names.java").toString())).isZero();
        RetortConfig config = config();
        revision("dddd0001", null, "org.slf4j.LoggerFactory.getLogger(\"rev\").debug(\"x\");\n"
                + "Class<?> pg = org.postgresql.PGConnection.class;\n"
                + "op.execute(\"CREATE \" + com.example.app.Names.table());");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader app = new URLClassLoader(new URL[]{appClasses.toUri().toURL()}, Migration.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(app);
            Migration m = ScriptDirectory.load(config).migration("dddd0001");
            RecordingOps ops = new RecordingOps("sqlite");
            m.upgrade(ops.ops);
            assertThat(ops.executed).containsExactly("CREATE app_t");
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    /**
     * The application's classes folder changes (a constant javac inlined into the revision): the revision is compiled
     * again. The cache key counted a folder as unchanged, so the stale class ran with the old value (r5-1).
     */
    @Test
    void aChangedClassesFolderOnTheClassPathCompilesTheRevisionAgain() throws Exception {
        Path appSrc = Files.createDirectories(dir.resolve("appsrc/com/example/app"));
        Path appClasses = Files.createDirectories(dir.resolve("app-classes"));
        RetortConfig config = config();
        revision("eeee0001", null, "op.execute(\"CREATE \" + com.example.app.Tables.AUDIT);");
        List<String> executed = new java.util.ArrayList<>();
        for (String table : List.of("audit_v1", "audit_v1", "audit_v2")) {
            Path source = appSrc.resolve("Tables.java");
            String text = "package com.example.app;\npublic class Tables { public static final String AUDIT = \"" + table + "\"; }\n";
            if (!Files.exists(source) || !Files.readString(source).equals(text)) {
                Files.writeString(source, text);
                assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", appClasses.toString(),
                        source.toString())).isZero();
                // a rebuild within the file system's time resolution of the first build must still count
                Path compiled = appClasses.resolve("com/example/app/Tables.class");
                Files.setLastModifiedTime(compiled, java.nio.file.attribute.FileTime.fromMillis(
                        System.currentTimeMillis() + 10_000L * executed.size()));
            }
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            try (URLClassLoader app = new URLClassLoader(new URL[]{appClasses.toUri().toURL()}, Migration.class.getClassLoader())) {
                Thread.currentThread().setContextClassLoader(app);
                RecordingOps ops = new RecordingOps("sqlite");
                ScriptDirectory.load(config).migration("eeee0001").upgrade(ops.ops);
                executed.addAll(ops.executed);
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        }
        assertThat(executed).containsExactly("CREATE audit_v1", "CREATE audit_v1", "CREATE audit_v2");
        assertThat(cacheFolders()).as("the unchanged second run reused the first's classes").isEqualTo(2);
    }

    @Test
    void sqlRevisionsNeedNoCompiler() throws Exception {
        RetortConfig config = config();
        Files.writeString(dir.resolve("migrations/versions/s.sql"), "-- retort:revision s1\n-- retort:upgrade\nSELECT 1;\n");
        ScriptDirectory d = ScriptDirectory.load(config);
        d.prepare(List.of("s1"));
        assertThat(cacheFolders()).isZero();
        assertThat(d.migration("s1")).isInstanceOf(SqlMigration.class);
    }

    @Test
    void precompiledRevisionsFromAPackageScanOrAnIndex() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/com/example/revs"));
        Files.writeString(src.resolve("V1.java"), """
                package com.example.revs;
                import dev.retort.migration.*;
                @Revision(id = "cp000001", message = "from the classpath")
                public class V1 extends Migration { public void upgrade(Operations op) { op.execute("CP1"); } }
                """);
        Files.writeString(src.resolve("V2.java"), """
                package com.example.revs;
                import dev.retort.migration.*;
                @Revision(id = "cp000002", revises = "cp000001")
                class V2 extends Migration { public void upgrade(Operations op) { op.execute("CP2"); } }
                """);
        Files.writeString(src.resolve("Helper.java"), "package com.example.revs;\nclass Helper {}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", JavaRevisionCompiler.apiLocation().toString(),
                src.resolve("V1.java").toString(), src.resolve("V2.java").toString(), src.resolve("Helper.java").toString());
        assertThat(rc).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, Migration.class.getClassLoader())) {
            RetortConfig config = RetortConfig.of(dir.resolve("nothing-here"), null);
            ScriptDirectory d = ScriptDirectory.fromClasspath(config, loader, "com.example.revs");
            assertThat(d.scripts()).extracting(RevisionScript::id).containsExactlyInAnyOrder("cp000001", "cp000002");
            RevisionScript v1 = d.script("cp000001");
            assertThat(v1.kind()).isEqualTo(RevisionScript.Kind.CLASSPATH);
            assertThat(v1.header().message()).isEqualTo("from the classpath");
            assertThat(v1.checksum()).hasSize(64);
            assertThat(d.graph().heads()).extracting(h -> h.id()).containsExactly("cp000002");
            RecordingOps ops = new RecordingOps("h2");
            d.migration("cp000002").upgrade(ops.ops);
            assertThat(ops.executed).containsExactly("CP2");
            assertThat(cacheFolders()).isZero();

            // no package given: the index resource lists them instead
            Files.createDirectories(classes.resolve("META-INF/retort"));
            Files.writeString(classes.resolve(ClasspathRevisions.INDEX), "# revisions\ncom.example.revs.V1\n");
            assertThat(ScriptDirectory.fromClasspath(config, loader, null).scripts())
                    .extracting(RevisionScript::id).containsExactly("cp000001");
        }
    }
}

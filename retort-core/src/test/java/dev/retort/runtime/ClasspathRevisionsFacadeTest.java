package dev.retort.runtime;

import dev.retort.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Revisions shipped in the application's jar, found with the builder's .classpath(loader, package) (t11-1, t11-4). */
class ClasspathRevisionsFacadeTest {
    @TempDir
    Path dir;

    /** A jar with a compiled @Revision class in com.example.migrations, and the given extra entries. */
    private Path appJar(Map<String, String> extra) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/com/example/migrations"));
        Files.writeString(src.resolve("V1.java"), """
                package com.example.migrations;
                import dev.retort.migration.*;
                @Revision(id = "j0000001", message = "java")
                class V1 extends Migration { public void upgrade(Operations op) { op.execute("CREATE TABLE from_class (id INTEGER)"); } }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String api = Path.of(dev.retort.migration.Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp", api,
                src.resolve("V1.java").toString())).isZero();
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("com/example/migrations/"));
            out.putNextEntry(new JarEntry("com/example/migrations/V1.class"));
            out.write(Files.readAllBytes(classes.resolve("com/example/migrations/V1.class")));
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(extra).entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static final String SQL2 = "-- retort:revision s0000002\n-- retort:revises j0000001\n-- retort:upgrade\n"
            + "CREATE TABLE from_sql (id INTEGER);\n-- retort:downgrade\nDROP TABLE from_sql;\n";

    private static List<String> tables(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             ResultSet rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }

    @Test
    void sqlRevisionsOfThePackageAreReadFromTheJarAndRun() throws Exception {
        Path jar = appJar(Map.of("com/example/migrations/0002_sql.sql", SQL2));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            Retort r = Retort.builder().classpath(loader, "com.example.migrations").url("sqlite:///" + dir.resolve("a.db")).build();
            assertThat(r.heads()).containsExactly("s0000002");
            assertThat(r.upgrade("head").applied()).hasSize(2);
            assertThat(tables("jdbc:sqlite:" + dir.resolve("a.db"))).contains("from_class", "from_sql");
            assertThat(r.downgrade("j0000001").applied()).hasSize(1);
            assertThat(tables("jdbc:sqlite:" + dir.resolve("a.db"))).doesNotContain("from_sql");
        }
    }

    /** Flyway's layout: a resource folder named with slashes holds the SQL files. */
    @Test
    void aResourceFolderOfSqlFilesIsFoundToo() throws Exception {
        Path jar = appJar(Map.of("db/", "", "db/migration/", "", "db/migration/0001.sql",
                "-- retort:revision s0000001\n-- retort:upgrade\nCREATE TABLE flyway_like (id INTEGER);\n"));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            Retort r = Retort.builder().classpath(loader, "db/migration").url("sqlite:///" + dir.resolve("b.db")).build();
            assertThat(r.upgrade("head").applied()).hasSize(1);
            assertThat(tables("jdbc:sqlite:" + dir.resolve("b.db"))).contains("flyway_like");
        }
    }

    /**
     * t58-4: a jar written without directory entries (zip -D, some shading setups) was "No revisions in package ...
     * Check the package name" although the name was right: the class loader finds a folder only through its entry.
     */
    @Test
    void aJarWithoutDirectoryEntriesIsSearchedForTheFilesThemselves() throws Exception {
        Path withDirs = appJar(Map.of("db/migration/0002_sql.sql", SQL2));
        Path jar = dir.resolve("nodirs.jar");
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(withDirs.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (var e : java.util.Collections.list(in.entries())) {
                if (e.isDirectory()) continue;
                out.putNextEntry(new JarEntry(e.getName()));
                out.write(in.getInputStream(e).readAllBytes());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertThat(loader.getResource("db/migration")).isNull(); // what the scan used to rely on
            Retort r = Retort.builder().classpath(loader, "com.example.migrations").classpath(loader, "db/migration")
                    .url("sqlite:///" + dir.resolve("nd.db")).build();
            assertThat(r.heads()).containsExactly("s0000002");
            assertThat(r.upgrade("heads").applied()).hasSize(2);
            assertThat(tables("jdbc:sqlite:" + dir.resolve("nd.db"))).contains("from_class", "from_sql");
        }
        // a class loader that does not say which jars it reads: the message tells the true cause
        try (URLClassLoader hidden = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            ClassLoader opaque = new ClassLoader("opaque", getClass().getClassLoader()) {
                @Override
                protected java.util.Enumeration<URL> findResources(String name) throws java.io.IOException {
                    return hidden.findResources(name);
                }
            };
            Retort r = Retort.builder().classpath(opaque, "db/migration").url("sqlite:///" + dir.resolve("nd2.db")).build();
            assertThatThrownBy(r::heads).hasMessageStartingWith("No revisions in package db/migration")
                    .hasMessageEndingWith("This class loader does not say which jars it reads: a jar of it is searched"
                            + " only through its directory entry for db/migration/, which a jar written without directory"
                            + " entries (zip -D, some shading setups) lacks");
        }
    }

    /**
     * @Revision classes in one package and Flyway-style SQL in db/migration: a second .classpath(...) replaced the
     * first, whose revisions were dropped without a word (r5-4). Both are read now, each misspelt one still an error.
     */
    @Test
    void twoClasspathLocationsAreBothRead() throws Exception {
        Path jar = appJar(Map.of("db/", "", "db/migration/", "", "db/migration/0002_sql.sql", SQL2));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            Retort r = Retort.builder().classpath(loader, "com.example.migrations").classpath(loader, "db/migration")
                    .url("sqlite:///" + dir.resolve("g.db")).build();
            assertThat(r.heads()).containsExactly("s0000002");
            assertThat(r.upgrade("heads").applied()).hasSize(2);
            assertThat(tables("jdbc:sqlite:" + dir.resolve("g.db"))).contains("from_class", "from_sql");
            Retort typo = Retort.builder().classpath(loader, "com.example.migrations").classpath(loader, "db/migrations")
                    .url("sqlite:///" + dir.resolve("h.db")).build();
            assertThatThrownBy(typo::heads).hasMessageStartingWith("No revisions in package db/migrations");
        }
    }

    /** An edited SQL revision from a jar is reported with its class path name; path() is null, as documented (r5-5). */
    @Test
    void anEditedSqlRevisionFromTheClassPathIsNamedByWhere() throws Exception {
        String sql = "-- retort:revision bad00001\n-- retort:upgrade\nCREATE TABLE bad (id INTEGER);\n";
        Path[] jars = {dir.resolve("bad1.jar"), dir.resolve("bad2.jar")};
        for (int i = 0; i < 2; i++) {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jars[i]))) {
                out.putNextEntry(new JarEntry("com/example/bad/"));
                out.putNextEntry(new JarEntry("com/example/bad/0001_bad.sql"));
                out.write((i == 0 ? sql : sql.replace("id INTEGER", "id INTEGER, x INTEGER")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        String url = "sqlite:///" + dir.resolve("bad.db");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jars[0].toUri().toURL()}, getClass().getClassLoader())) {
            Retort r = Retort.builder().classpath(loader, "com.example.bad").url(url).build();
            r.upgrade("head");
            assertThat(r.editedSinceApplied()).isEmpty();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jars[1].toUri().toURL()}, getClass().getClassLoader())) {
            List<Retort.EditedRevision> edited = Retort.builder().classpath(loader, "com.example.bad").url(url).build()
                    .editedSinceApplied();
            assertThat(edited).hasSize(1);
            assertThat(edited.get(0).revision()).isEqualTo("bad00001");
            assertThat(edited.get(0).path()).isNull();
            assertThat(edited.get(0).where()).isEqualTo("classpath:com/example/bad/0001_bad.sql");
        }
    }

    /** A misspelt or empty package was silently no revisions at all: ensureUpToDate() passed on an empty schema (t11-1). */
    @Test
    void aPackageWithoutRevisionsIsAnError() throws Exception {
        Path jar = appJar(Map.of());
        try (URLClassLoader loader = new URLClassLoader("app-loader", new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            Retort r = Retort.builder().classpath(loader, "com.example.migration").url("sqlite:///" + dir.resolve("c.db")).build();
            assertThatThrownBy(r::ensureUpToDate)
                    .isInstanceOf(RetortException.class)
                    .hasMessage("No revisions in package com.example.migration on the class path of class loader 'app-loader'"
                            + " (java.net.URLClassLoader): no @Revision class and no .sql revision file directly in"
                            + " com/example/migration, and none listed in META-INF/retort/revisions in it or its"
                            + " sub-packages. Check the package name; sub-packages are not scanned (list their classes"
                            + " in META-INF/retort/revisions)");
            assertThatThrownBy(() -> r.upgrade("head")).hasMessageStartingWith("No revisions in package com.example.migration");
            assertThat(dir.resolve("c.db")).doesNotExist();
            // the parent package: its revisions are one level down, not scanned
            Retort parent = Retort.builder().classpath(loader, "com.example").url("sqlite:///" + dir.resolve("c.db")).build();
            assertThatThrownBy(parent::heads).hasMessageStartingWith("No revisions in package com.example on the class path");
        }
    }

    /**
     * An empty package name (an unset setting) scanned nothing: ensureUpToDate() passed and an empty database file was
     * left; null said "Retort needs its revisions" without naming .classpath (r5-7). Both are refused by the call.
     */
    @Test
    void anEmptyOrNullPackageIsRefusedByTheCall() {
        ClassLoader loader = getClass().getClassLoader();
        for (String pkg : new String[]{"", "  ", null}) {
            assertThatThrownBy(() -> Retort.builder().classpath(loader, pkg).url("sqlite:///" + dir.resolve("e.db")).build())
                    .isInstanceOf(RetortException.class)
                    .hasMessageStartingWith(".classpath(loader, " + (pkg == null ? "null" : "\"" + pkg + "\"") + "): the package"
                            + " of the revisions is not given");
        }
        assertThatThrownBy(() -> Retort.builder().classpath(null, "com.example.migrations"))
                .isInstanceOf(RetortException.class).hasMessageContaining("the class loader is null");
        assertThatThrownBy(() -> Retort.builder().url("sqlite:///" + dir.resolve("e.db")).build())
                .hasMessage("Retort needs its revisions: builder().config(retort.toml), .scriptLocation(folder)"
                        + " or .classpath(loader, package)");
        assertThat(dir.resolve("e.db")).doesNotExist();
    }

    /**
     * Revisions listed in META-INF/retort/revisions count as found: a package that holds none itself (its revisions
     * are in a sub-package the scan does not read) was refused with "No revisions in package" (r5-3).
     */
    @Test
    void revisionsListedInTheIndexCountWhenThePackageHoldsNone() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/com/example/only/v1"));
        Files.writeString(src.resolve("N.java"), """
                package com.example.only.v1;
                import dev.retort.migration.*;
                @Revision(id = "n0000001")
                public class N extends Migration { public void upgrade(Operations op) { op.execute("CREATE TABLE indexed (id INTEGER)"); } }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String api = Path.of(dev.retort.migration.Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp", api,
                src.resolve("N.java").toString())).isZero();
        Path jar = dir.resolve("idx.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/retort/revisions"));
            out.write("com.example.only.v1.N\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("com/example/only/v1/N.class"));
            out.write(Files.readAllBytes(classes.resolve("com/example/only/v1/N.class")));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            Retort r = Retort.builder().classpath(loader, "com.example.only").url("sqlite:///" + dir.resolve("x.db")).build();
            assertThat(r.heads()).containsExactly("n0000001");
            assertThat(r.upgrade("heads").applied()).hasSize(1);
            assertThat(tables("jdbc:sqlite:" + dir.resolve("x.db"))).contains("indexed");
        }
    }

    /**
     * Two databases' revisions listed in one index, each in its own package: the Retort of one package took every
     * entry and ran the other database's revisions; a misspelt package took them all instead of finding none (t33-1).
     */
    @Test
    void theIndexGivesEachPackageOnlyTheRevisionsInItOrBelow() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(src.resolve("com/ex/db1/v1"));
        Files.createDirectories(src.resolve("com/ex/db2"));
        Files.writeString(src.resolve("com/ex/db1/v1/A1.java"), """
                package com.ex.db1.v1;
                import dev.retort.migration.*;
                @Revision(id = "a1")
                public class A1 extends Migration { public void upgrade(Operations op) { op.execute("CREATE TABLE orders (id INTEGER)"); } }
                """);
        Files.writeString(src.resolve("com/ex/db2/B1.java"), """
                package com.ex.db2;
                import dev.retort.migration.*;
                @Revision(id = "b1")
                public class B1 extends Migration { public void upgrade(Operations op) { op.execute("CREATE TABLE reports (id INTEGER)"); } }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String api = Path.of(dev.retort.migration.Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp", api,
                src.resolve("com/ex/db1/v1/A1.java").toString(), src.resolve("com/ex/db2/B1.java").toString())).isZero();
        Path jar = dir.resolve("two.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/retort/revisions"));
            out.write("com.ex.db1.v1.A1\ncom.ex.db2.B1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String c : List.of("com/ex/db1/v1/A1.class", "com/ex/db2/B1.class")) {
                out.putNextEntry(new JarEntry(c));
                out.write(Files.readAllBytes(classes.resolve(c)));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            Retort db1 = Retort.builder().classpath(loader, "com.ex.db1").url("sqlite:///" + dir.resolve("db1.db")).build();
            assertThat(db1.heads()).containsExactly("a1");
            assertThat(db1.upgrade("heads").applied()).hasSize(1);
            assertThat(tables("jdbc:sqlite:" + dir.resolve("db1.db"))).contains("orders").doesNotContain("reports");
            Retort db2 = Retort.builder().classpath(loader, "com/ex/db2").url("sqlite:///" + dir.resolve("db2.db")).build();
            assertThat(db2.heads()).containsExactly("b1");
            // a misspelt package, and one whose name only starts like another's: nothing of the index is theirs
            for (String pkg : List.of("com.example.nosuch", "com.ex.db")) {
                Retort none = Retort.builder().classpath(loader, pkg).url("sqlite:///" + dir.resolve("none.db")).build();
                assertThatThrownBy(none::heads).isInstanceOf(RetortException.class)
                        .hasMessageStartingWith("No revisions in package " + pkg + " on the class path");
            }
            assertThat(Retort.builder().classpath(loader, "com.ex").url("sqlite:///" + dir.resolve("both.db")).build().heads())
                    .containsExactlyInAnyOrder("a1", "b1");
        }
    }

    @Test
    void aJavaSourceInTheJarIsRefusedClearly() throws Exception {
        Path jar = appJar(Map.of("com/example/migrations/0003_x.java", "class X {}"));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            Retort r = Retort.builder().classpath(loader, "com.example.migrations").url("sqlite:///" + dir.resolve("d.db")).build();
            assertThatThrownBy(r::heads)
                    .isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("com/example/migrations/0003_x.java in " + jar)
                    .hasMessageContaining("a Java revision's source on the class path is not compiled; compile it with the application");
        }
    }

    /**
     * A script folder inside a jar, given as a zip file system's Path: the jar is read, never written (Retort's
     * cache went into it), and a Java source there is refused clearly instead of failing to load after compiling.
     */
    @Test
    void aScriptFolderInsideAJarIsNeverWrittenTo() throws Exception {
        Path jar = appJar(Map.of("db/versions/0002_sql.sql", SQL2.replace("-- retort:revises j0000001\n", "")));
        byte[] before = Files.readAllBytes(jar);
        URI uri = URI.create("jar:" + jar.toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
            Retort r = Retort.builder().scriptLocation(fs.getPath("/db")).url("sqlite:///" + dir.resolve("e.db")).build();
            assertThat(r.upgrade("head").applied()).hasSize(1);
        }
        assertThat(Files.readAllBytes(jar)).as("the application's jar is unchanged").isEqualTo(before);

        Path jar2 = dir.resolve("app2.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar2))) {
            out.putNextEntry(new JarEntry("db/versions/0001_j.java"));
            out.write("""
                    import dev.retort.migration.*;
                    @Revision(id = "aaaa0001")
                    class R_aaaa0001 extends Migration { public void upgrade(Operations op) { op.execute("SELECT 1"); } }
                    """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] before2 = Files.readAllBytes(jar2);
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar2.toUri()), Map.of())) {
            Retort r = Retort.builder().scriptLocation(fs.getPath("/db")).url("sqlite:///" + dir.resolve("f.db")).build();
            assertThatThrownBy(() -> r.upgrade("head"))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("0001_j.java: a Java revision inside a jar is not compiled; compile it with the application");
        }
        assertThat(Files.readAllBytes(jar2)).isEqualTo(before2);
    }

}

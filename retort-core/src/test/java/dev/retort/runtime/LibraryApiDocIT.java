package dev.retort.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain-Java example of docs/library-api.md compiles against the library as it is and does what the
 * page says: with {@code -Dapp.migrate=true} it upgrades, without it it checks and lets the app start.
 * Only the two methods the page leaves to the reader (the pool, the server) are added, and the config
 * path is pointed at a project of its own.
 */
class LibraryApiDocIT {
    private static final Path PAGE = Path.of("../docs/library-api.md");

    @TempDir
    Path dir;

    @Test
    void thePlainJavaExampleCompilesAndRuns() throws Exception {
        String example = example();
        Path project = project();
        Path db = project.resolve("app.db");
        String source = example
                .replace("Path.of(\"retort.toml\")", "Path.of(" + quoted(project.resolve("retort.toml")) + ")")
                .replaceFirst("}\\s*$", """
                            public static boolean started;

                            static DataSource createPool() {
                                org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
                                ds.setUrl("jdbc:sqlite:%s");
                                return ds;
                            }

                            static void startServer(DataSource ds) {
                                started = true;
                            }
                        }
                        """.formatted(db.toString().replace("\\", "\\\\")));
        assertThat(source).as("the page's example changed shape").contains(project.resolve("retort.toml").toString());

        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("App.java"), source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve("App.java").toString());
        assertThat(rc).as("javac on the page's example:%n%s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> app = loader.loadClass("App");
            Method main = app.getMethod("main", String[].class);
            String before = System.getProperty("app.migrate");
            try {
                System.setProperty("app.migrate", "true");
                main.invoke(null, (Object) new String[0]);
                assertThat(app.getDeclaredField("started").getBoolean(null)).isTrue();
                assertThat(versions(db)).isEqualTo("aaaa00000001");

                app.getDeclaredField("started").setBoolean(null, false);
                System.clearProperty("app.migrate");
                main.invoke(null, (Object) new String[0]);  // ensureUpToDate passes, so the server starts
                assertThat(app.getDeclaredField("started").getBoolean(null)).isTrue();
            } finally {
                if (before == null) System.clearProperty("app.migrate"); else System.setProperty("app.migrate", before);
            }
        }
    }

    private static String example() throws Exception {
        Matcher m = Pattern.compile("## Plain Java\\s+```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(PAGE));
        assertThat(m.find()).as("a ```java block under '## Plain Java' in " + PAGE).isTrue();
        return m.group(1);
    }

    private Path project() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("retort.toml"), "[retort]\nscript_location = \"db\"\n");
        TestRevisions.writeAccountRevision(project.resolve("db/versions"));
        return project;
    }

    private static String versions(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT version_num FROM retort_version")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String quoted(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\") + "\"";
    }
}
